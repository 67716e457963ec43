#include "config.h"

#include "supervisor/profile_adapters.h"

#include <errno.h>
#include <string.h>

#include "profile/profile_keys.h"

char *l2c_profile_ppp_user(const struct l2c_profile *profile)
{
	const struct l2c_profile_vpn *vpn = &profile->vpn;

	if (!vpn->user || !*vpn->user)
		return NULL;
	/* NetworkManager-l2tp sends DOMAIN\user, the form Windows RRAS expects. */
	if (vpn->domain && *vpn->domain)
		return g_strdup_printf("%s\\%s", vpn->domain, vpn->user);
	return g_strdup(vpn->user);
}

void l2c_profile_to_ppp_options(const struct l2c_profile *profile, const char *user,
				struct ppp_options *opts)
{
	const struct l2c_profile_vpn *vpn = &profile->vpn;

	ppp_options_init(opts);
	opts->user = user;
	opts->refuse_pap = vpn->refuse_pap;
	opts->refuse_chap = vpn->refuse_chap;
	opts->refuse_mschap = vpn->refuse_mschap;
	opts->refuse_mschap_v2 = vpn->refuse_mschapv2;
	opts->refuse_eap = vpn->refuse_eap;
	opts->require_mppe = vpn->require_mppe;
	opts->require_mppe_40 = vpn->require_mppe_40;
	opts->require_mppe_128 = vpn->require_mppe_128;
	opts->mppe_stateful = vpn->mppe_stateful;
	opts->bsdcomp = !vpn->nobsdcomp;
	opts->deflate = !vpn->nodeflate;
	opts->vj = !vpn->no_vj_comp;
	opts->pcomp = !vpn->nopcomp;
	opts->accomp = !vpn->noaccomp;
	opts->mtu = vpn->mtu;
	opts->mru = vpn->mru;
	opts->mrru = vpn->mrru;
	opts->lcp_echo_interval = vpn->lcp_echo_interval;
	opts->lcp_echo_failure = vpn->lcp_echo_failure;
	/* DNS from the server unless the profile ignores it; we configure it ourselves. */
	opts->usepeerdns = !profile->ipv4.ignore_auto_dns;
	/* Routes are ours to set and to restore (core/net), never pppd's. */
	opts->defaultroute = false;
	opts->ipv6 = profile->ipv6.method != L2C_IPV6_IGNORE &&
		     profile->ipv6.method != L2C_IPV6_DISABLED;
}

static enum ipsec_option tristate_to_option(enum l2c_tristate value)
{
	switch (value) {
	case L2C_TRISTATE_YES:
		return IPSEC_OPT_YES;
	case L2C_TRISTATE_NO:
		return IPSEC_OPT_NO;
	default:
		return IPSEC_OPT_DEFAULT;
	}
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

struct default_lookup {
	const char *key;
	bool is_default;
};

static void note_if_default(const struct l2c_profile_entry *entry, void *user_data)
{
	struct default_lookup *lookup = user_data;

	if (entry->desc && strcmp(entry->section, L2C_SECTION_VPN) == 0 &&
	    strcmp(entry->key, lookup->key) == 0)
		lookup->is_default = entry->is_default;
}

/* A [vpn] value the profile only has as the table's default: the driver then picks its own,
 * which knows what the installed libreswan can do (no modp1024 in Debian's build) and keeps
 * libreswan's defaults for IKEv2. */
static const char *explicit_value(const struct l2c_profile *profile, const char *key,
				  const char *value)
{
	struct default_lookup lookup = {.key = key, .is_default = false};

	l2c_profile_foreach_entry(profile, note_if_default, &lookup);
	return lookup.is_default ? NULL : nonempty(value);
}

void l2c_profile_to_ipsec_params(const struct l2c_profile *profile, const char *conn_name,
				 const char *gateway_address, struct ipsec_conn_params *params)
{
	const struct l2c_profile_vpn *vpn = &profile->vpn;

	memset(params, 0, sizeof(*params));
	params->name = conn_name;
	params->gateway = gateway_address;
	params->local_port_ephemeral = vpn->ephemeral_port;
	params->ike_version = vpn->ipsec_ikev2 ? IPSEC_IKE_V2 : IPSEC_IKE_V1;
	params->auth = vpn->machine_auth_type == L2C_MACHINE_AUTH_TLS ? IPSEC_AUTH_CERT
								       : IPSEC_AUTH_PSK;
	params->local_id = nonempty(vpn->ipsec_group_name);
	params->remote_id = nonempty(vpn->ipsec_remote_id);
	params->ike = explicit_value(profile, "ipsec-ike", vpn->ipsec_ike);
	params->esp = explicit_value(profile, "ipsec-esp", vpn->ipsec_esp);
	params->pfs = tristate_to_option(vpn->ipsec_pfs);
	params->ikelifetime = vpn->ipsec_ikelifetime;
	params->salifetime = vpn->ipsec_salifetime;
	params->forceencaps = vpn->ipsec_forceencaps ? IPSEC_OPT_YES : IPSEC_OPT_DEFAULT;
	params->ipcomp = vpn->ipsec_ipcomp ? IPSEC_OPT_YES : IPSEC_OPT_DEFAULT;
}

int l2c_profile_split_routes(const struct l2c_profile *profile, GArray **routes, char **detail)
{
	g_autoptr(GArray) out = g_array_new(FALSE, TRUE, sizeof(struct net_split_route));

	for (size_t i = 0; i < profile->ipv4.n_routes; i++) {
		const struct l2c_ip_route *r = &profile->ipv4.routes[i];
		g_autofree char *field = g_strdup_printf("ipv4.route%u", r->number);
		struct net_split_route route;
		struct net_error error = {0};

		if (net_split_route_from_parts(field, r->dest, r->prefix, r->gateway, r->metric,
					       &route, &error) < 0) {
			*detail = g_strdup(error.text);
			return -EINVAL;
		}
		g_array_append_val(out, route);
	}
	*routes = g_steal_pointer(&out);
	return 0;
}
