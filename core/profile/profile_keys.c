/* The key table. Key names and defaults are NetworkManager-l2tp's (shared/nm-service-defines.h,
 * src/nm-l2tp-service.c) so existing .nmconnection files keep their meaning; tunnel-secret,
 * tunnel-secret-flags and l2tp-connect-reconnect are ours. */
#include "config.h"

#include "profile/profile_keys.h"

#include "profile/profile.h"
#include "profile/profile_proposal.h"
#include "profile/profile_value_check.h"
#include "util/i18n.h"

#include <string.h>

#define FIELD(member) offsetof(struct l2c_profile, member)

/* What Windows 10 and macOS propose, in libreswan's spelling (NM-l2tp's libreswan default).
 * The IPsec driver drops modp1024 where libreswan was built without DH2. */
#define DEFAULT_IKE                                                                                \
	"aes256-sha2_256-modp2048,aes256-sha2_256-modp1536,aes256-sha2_256-modp1024,"              \
	"aes256-sha1-modp2048,aes256-sha1-modp1536,aes256-sha1-modp1024,aes256-sha1-ecp_384,"      \
	"aes128-sha1-modp1024,aes128-sha1-ecp_256,3des-sha1-modp2048,3des-sha1-modp1024"
#define DEFAULT_ESP "aes256-sha1,aes128-sha1,3des-sha1"

static const char *const user_auth_choices[] = {"password", "tls", NULL};
static const char *const machine_auth_choices[] = {"psk", "tls", NULL};
static const char *const ipv4_method_choices[] = {"auto", "manual", "disabled", NULL};
static const char *const ipv6_method_choices[] = {"auto",   "dhcp",	"link-local", "manual",
						  "ignore", "disabled", NULL};
static const char *const connection_type_choices[] = {"vpn", NULL};

#define VPN_BOOL(key, member, text)                                                                \
	{                                                                                          \
		.section = L2C_SECTION_VPN, .name = key, .type = L2C_KEY_BOOL,                     \
		.default_value = "no", .field = FIELD(vpn.member), .summary = text                 \
	}

#define VPN_PATH(key, member, text)                                                                \
	{                                                                                          \
		.section = L2C_SECTION_VPN, .name = key, .type = L2C_KEY_PATH,                     \
		.flags = L2C_KEY_ALLOW_SPACE, .field = FIELD(vpn.member), .summary = text          \
	}

#define SECRET(key, which, text)                                                                   \
	{                                                                                          \
		.section = L2C_SECTION_SECRETS, .name = key, .type = L2C_KEY_SECRET,               \
		.field = L2C_NO_FIELD, .secret = which, .summary = text                            \
	}

#define SECRET_FLAGS(key, which, text)                                                             \
	{                                                                                          \
		.section = L2C_SECTION_VPN, .name = key, .type = L2C_KEY_SECRET_FLAGS,             \
		.default_value = "0", .field = FIELD(vpn.secret_flags[which]), .secret = which,    \
		.summary = text                                                                    \
	}

const struct l2c_profile_key l2c_profile_keys[] = {
    /* [connection] */
    {.section = L2C_SECTION_CONNECTION,
     .name = "id",
     .type = L2C_KEY_TEXT,
     .field = FIELD(connection.id),
     .summary = N_("name shown to people")},
    {.section = L2C_SECTION_CONNECTION,
     .name = "uuid",
     .type = L2C_KEY_STRING,
     .check = l2c_check_uuid,
     .field = FIELD(connection.uuid),
     .summary = N_("NetworkManager's identifier")},
    {.section = L2C_SECTION_CONNECTION,
     .name = "type",
     .type = L2C_KEY_ENUM,
     .default_value = "vpn",
     .choices = connection_type_choices,
     .field = L2C_NO_FIELD,
     .summary = N_("connection type")},
    {.section = L2C_SECTION_CONNECTION,
     .name = "autoconnect",
     .type = L2C_KEY_KEYFILE_BOOL,
     .default_value = "true",
     .field = FIELD(connection.autoconnect),
     .summary = N_("NetworkManager connects it by itself")},
    {.section = L2C_SECTION_CONNECTION,
     .name = "permissions",
     .type = L2C_KEY_STRING,
     .check = l2c_check_permissions,
     .field = FIELD(connection.permissions),
     .summary = N_("users allowed to use it: user:NAME:;...")},
    {.section = L2C_SECTION_CONNECTION,
     .name = "timestamp",
     .type = L2C_KEY_UINT,
     .max = 0xffffffffu,
     .field = L2C_NO_FIELD,
     .summary = N_("last use, kept for NetworkManager")},

    /* [vpn] */
    {.section = L2C_SECTION_VPN,
     .name = "service-type",
     .type = L2C_KEY_STRING,
     .flags = L2C_KEY_REQUIRED | L2C_KEY_NOT_SETTABLE,
     .check = l2c_check_service_type,
     .field = L2C_NO_FIELD,
     .summary = N_("always org.freedesktop.NetworkManager.l2tp")},
    {.section = L2C_SECTION_VPN,
     .name = "gateway",
     .type = L2C_KEY_HOST,
     .flags = L2C_KEY_REQUIRED,
     .field = FIELD(vpn.gateway),
     .summary = N_("L2TP server: IPv4, IPv6 or DNS name")},
    {.section = L2C_SECTION_VPN,
     .name = "user",
     .type = L2C_KEY_STRING,
     .flags = L2C_KEY_ALLOW_SPACE | L2C_KEY_ALLOW_BACKSLASH,
     .field = FIELD(vpn.user),
     .fallback = "user-name",
     .summary = N_("PPP user name")},
    {.section = L2C_SECTION_VPN,
     .name = "user-name",
     .type = L2C_KEY_STRING,
     .flags = L2C_KEY_ALLOW_SPACE | L2C_KEY_ALLOW_BACKSLASH,
     .field = L2C_NO_FIELD,
     .summary = N_("NetworkManager's user name, used when user is absent")},
    {.section = L2C_SECTION_VPN,
     .name = "domain",
     .type = L2C_KEY_STRING,
     .field = FIELD(vpn.domain),
     .summary = N_("Windows domain: authenticate as DOMAIN\\user")},
    {.section = L2C_SECTION_VPN,
     .name = "user-auth-type",
     .type = L2C_KEY_ENUM,
     .default_value = "password",
     .choices = user_auth_choices,
     .field = FIELD(vpn.user_auth_type),
     .summary = N_("password, or tls for EAP-TLS")},
    VPN_PATH("user-ca", user_ca, N_("EAP-TLS: CA certificate")),
    VPN_PATH("user-cert", user_cert, N_("EAP-TLS: user certificate")),
    VPN_PATH("user-key", user_key, N_("EAP-TLS: user private key")),
    SECRET_FLAGS("password-flags", L2C_SECRET_PASSWORD, N_("where the password comes from")),
    SECRET_FLAGS("user-certpass-flags", L2C_SECRET_USER_CERTPASS,
		 N_("where the user key's password comes from")),
    VPN_BOOL("ephemeral-port", ephemeral_port, N_("use a random local UDP port, not 1701")),
    VPN_BOOL("refuse-eap", refuse_eap, N_("do not authenticate with EAP")),
    VPN_BOOL("refuse-pap", refuse_pap, N_("do not authenticate with PAP")),
    VPN_BOOL("refuse-chap", refuse_chap, N_("do not authenticate with CHAP")),
    VPN_BOOL("refuse-mschap", refuse_mschap, N_("do not authenticate with MS-CHAP")),
    VPN_BOOL("refuse-mschapv2", refuse_mschapv2, N_("do not authenticate with MS-CHAPv2")),
    VPN_BOOL("require-mppe", require_mppe, N_("require MPPE encryption")),
    VPN_BOOL("require-mppe-40", require_mppe_40, N_("require 40-bit MPPE")),
    VPN_BOOL("require-mppe-128", require_mppe_128, N_("require 128-bit MPPE")),
    VPN_BOOL("mppe-stateful", mppe_stateful, N_("allow stateful MPPE")),
    VPN_BOOL("nobsdcomp", nobsdcomp, N_("no BSD compression")),
    VPN_BOOL("nodeflate", nodeflate, N_("no Deflate compression")),
    VPN_BOOL("no-vj-comp", no_vj_comp, N_("no Van Jacobson header compression")),
    VPN_BOOL("nopcomp", nopcomp, N_("no protocol field compression")),
    VPN_BOOL("noaccomp", noaccomp, N_("no address/control compression")),
    {.section = L2C_SECTION_VPN,
     .name = "mtu",
     .type = L2C_KEY_UINT,
     .default_value = "1400",
     .min = 575,
     .max = 1500,
     .field = FIELD(vpn.mtu),
     .summary = N_("PPP MTU")},
    {.section = L2C_SECTION_VPN,
     .name = "mru",
     .type = L2C_KEY_UINT,
     .default_value = "1400",
     .min = 575,
     .max = 1500,
     .field = FIELD(vpn.mru),
     .summary = N_("PPP MRU")},
    {.section = L2C_SECTION_VPN,
     .name = "mrru",
     .type = L2C_KEY_UINT,
     .min = 575,
     .max = 16384,
     .field = FIELD(vpn.mrru),
     .summary = N_("multilink MRRU; absent: no multilink")},
    {.section = L2C_SECTION_VPN,
     .name = "lcp-echo-failure",
     .type = L2C_KEY_UINT,
     .default_value = "0",
     .max = 1000,
     .field = FIELD(vpn.lcp_echo_failure),
     .summary = N_("LCP echo requests missed before giving up; 0: off")},
    {.section = L2C_SECTION_VPN,
     .name = "lcp-echo-interval",
     .type = L2C_KEY_UINT,
     .default_value = "0",
     .max = 3600,
     .field = FIELD(vpn.lcp_echo_interval),
     .summary = N_("seconds between LCP echo requests; 0: off")},
    {.section = L2C_SECTION_VPN,
     .name = "unit",
     .type = L2C_KEY_UINT,
     .max = 65535,
     .field = FIELD(vpn.unit),
     .summary = N_("pppd unit number, kept for NetworkManager")},
    {.section = L2C_SECTION_VPN,
     .name = "xl2tpd-max-retries",
     .type = L2C_KEY_UINT,
     .max = 1000,
     .field = FIELD(vpn.xl2tpd_max_retries),
     .summary = N_("xl2tpd setting, kept for NetworkManager")},
    {.section = L2C_SECTION_VPN,
     .name = "ipcp-peer-ip",
     .type = L2C_KEY_ADDRESS,
     .flags = L2C_KEY_IPV4_ONLY,
     .field = FIELD(vpn.ipcp_peer_ip),
     .summary = N_("peer address for ipv4.method=manual")},
    VPN_BOOL("ipsec-enabled", ipsec_enabled, N_("protect L2TP with IPsec")),
    {.section = L2C_SECTION_VPN,
     .name = "machine-auth-type",
     .type = L2C_KEY_ENUM,
     .default_value = "psk",
     .choices = machine_auth_choices,
     .field = FIELD(vpn.machine_auth_type),
     .summary = N_("IPsec: psk or tls (certificates)")},
    VPN_PATH("machine-ca", machine_ca, N_("IPsec: CA certificate")),
    VPN_PATH("machine-cert", machine_cert, N_("IPsec: machine certificate")),
    VPN_PATH("machine-key", machine_key, N_("IPsec: machine private key")),
    SECRET_FLAGS("ipsec-psk-flags", L2C_SECRET_IPSEC_PSK, N_("where the PSK comes from")),
    SECRET_FLAGS("machine-certpass-flags", L2C_SECRET_MACHINE_CERTPASS,
		 N_("where the machine key's password comes from")),
    SECRET_FLAGS("tunnel-secret-flags", L2C_SECRET_TUNNEL,
		 N_("where the L2TP tunnel secret comes from")),
    /* Ours: NetworkManager has [connection] autoconnect but nothing that re-establishes a VPN
     * whose link died; it ignores this key. */
    VPN_BOOL("l2tp-connect-reconnect", reconnect,
	     N_("l2tp-connectd reconnects when the link goes down")),
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-remote-id",
     .type = L2C_KEY_STRING,
     .flags = L2C_KEY_ALLOW_SPACE,
     .field = FIELD(vpn.ipsec_remote_id),
     .fallback = "ipsec-gateway-id",
     .summary = N_("IPsec peer ID (rightid); absent: any")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-gateway-id",
     .type = L2C_KEY_STRING,
     .flags = L2C_KEY_ALLOW_SPACE | L2C_KEY_DEPRECATED,
     .field = L2C_NO_FIELD,
     .summary = N_("old name of ipsec-remote-id")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-group-name",
     .type = L2C_KEY_STRING,
     .field = FIELD(vpn.ipsec_group_name),
     .summary = N_("IPsec local ID (leftid), PSK only")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-ike",
     .type = L2C_KEY_STRING,
     .default_value = DEFAULT_IKE,
     .check = l2c_check_ike_proposals,
     .field = FIELD(vpn.ipsec_ike),
     .summary = N_("IKE (phase 1) proposals")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-esp",
     .type = L2C_KEY_STRING,
     .default_value = DEFAULT_ESP,
     .check = l2c_check_esp_proposals,
     .field = FIELD(vpn.ipsec_esp),
     .summary = N_("ESP (phase 2) proposals")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-ikelifetime",
     .type = L2C_KEY_UINT,
     .min = 1,
     .max = 86400,
     .field = FIELD(vpn.ipsec_ikelifetime),
     .summary = N_("IKE SA lifetime in seconds; absent: daemon default")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-salifetime",
     .type = L2C_KEY_UINT,
     .min = 1,
     .max = 86400,
     .field = FIELD(vpn.ipsec_salifetime),
     .summary = N_("IPsec SA lifetime in seconds; absent: daemon default")},
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-pfs",
     .type = L2C_KEY_TRISTATE,
     .field = FIELD(vpn.ipsec_pfs),
     .summary = N_("perfect forward secrecy; absent: daemon default")},
    VPN_BOOL("ipsec-forceencaps", ipsec_forceencaps, N_("always encapsulate ESP in UDP")),
    VPN_BOOL("ipsec-ipcomp", ipsec_ipcomp, N_("IPsec payload compression")),
    VPN_BOOL("ipsec-ikev2", ipsec_ikev2, N_("use IKEv2 instead of IKEv1")),
    {.section = L2C_SECTION_VPN,
     .name = "ipsec-psk",
     .type = L2C_KEY_SECRET,
     .flags = L2C_KEY_LEGACY_SECRET,
     .field = L2C_NO_FIELD,
     .secret = L2C_SECRET_IPSEC_PSK,
     .summary = N_("old place of the PSK; moved to [vpn-secrets]")},

    /* [vpn-secrets] */
    SECRET("password", L2C_SECRET_PASSWORD, N_("PPP password")),
    SECRET("user-certpass", L2C_SECRET_USER_CERTPASS, N_("password of user-key")),
    SECRET("ipsec-psk", L2C_SECRET_IPSEC_PSK, N_("IPsec pre-shared key")),
    SECRET("machine-certpass", L2C_SECRET_MACHINE_CERTPASS, N_("password of machine-key")),
    SECRET("tunnel-secret", L2C_SECRET_TUNNEL, N_("L2TP tunnel authentication secret")),

    /* [ipv4] */
    {.section = L2C_SECTION_IPV4,
     .name = "method",
     .type = L2C_KEY_ENUM,
     .default_value = "auto",
     .choices = ipv4_method_choices,
     .field = FIELD(ipv4.method),
     .summary = N_("auto (from PPP), manual or disabled")},
    {.section = L2C_SECTION_IPV4,
     .name = "never-default",
     .type = L2C_KEY_KEYFILE_BOOL,
     .default_value = "false",
     .field = FIELD(ipv4.never_default),
     .summary = N_("true: only routes, not the default route (split tunnel)")},
    {.section = L2C_SECTION_IPV4,
     .name = "ignore-auto-dns",
     .type = L2C_KEY_KEYFILE_BOOL,
     .default_value = "false",
     .field = FIELD(ipv4.ignore_auto_dns),
     .summary = N_("true: ignore the DNS servers the peer offers")},
    {.section = L2C_SECTION_IPV4,
     .name = "may-fail",
     .type = L2C_KEY_KEYFILE_BOOL,
     .default_value = "true",
     .field = L2C_NO_FIELD,
     .summary = N_("kept for NetworkManager")},
    {.section = L2C_SECTION_IPV4,
     .name = "dns",
     .type = L2C_KEY_ADDRESS_LIST,
     .flags = L2C_KEY_IPV4_ONLY,
     .field = FIELD(ipv4.dns),
     .summary = N_("DNS servers: ADDR;ADDR;")},
    {.section = L2C_SECTION_IPV4,
     .name = "dns-search",
     .type = L2C_KEY_DOMAIN_LIST,
     .field = FIELD(ipv4.dns_search),
     .summary = N_("search domains: DOMAIN;DOMAIN;")},
    {.section = L2C_SECTION_IPV4,
     .name = "route",
     .type = L2C_KEY_ROUTE,
     .flags = L2C_KEY_NUMBERED | L2C_KEY_IPV4_ONLY,
     .field = L2C_NO_FIELD,
     .summary = N_("routeN=DEST/PREFIX[,GATEWAY[,METRIC]]")},
    {.section = L2C_SECTION_IPV4,
     .name = "address",
     .type = L2C_KEY_IP_PREFIX,
     .flags = L2C_KEY_NUMBERED | L2C_KEY_IPV4_ONLY,
     .field = L2C_NO_FIELD,
     .summary = N_("addressN=ADDRESS/PREFIX[,GATEWAY] for method=manual")},

    /* [ipv6] */
    {.section = L2C_SECTION_IPV6,
     .name = "method",
     .type = L2C_KEY_ENUM,
     .default_value = "auto",
     .choices = ipv6_method_choices,
     .field = FIELD(ipv6.method),
     .summary = N_("ignore or disabled: no IPv6 over PPP")},
    {.section = L2C_SECTION_IPV6,
     .name = "never-default",
     .type = L2C_KEY_KEYFILE_BOOL,
     .default_value = "false",
     .field = FIELD(ipv6.never_default),
     .summary = N_("true: no IPv6 default route")},
    {.section = L2C_SECTION_IPV6,
     .name = "addr-gen-mode",
     .type = L2C_KEY_STRING,
     .field = L2C_NO_FIELD,
     .summary = N_("kept for NetworkManager")},
    {.section = L2C_SECTION_IPV6,
     .name = "may-fail",
     .type = L2C_KEY_KEYFILE_BOOL,
     .default_value = "true",
     .field = L2C_NO_FIELD,
     .summary = N_("kept for NetworkManager")},
};

const size_t l2c_profile_n_keys = G_N_ELEMENTS(l2c_profile_keys);

const struct l2c_profile_requirement l2c_profile_requirements[] = {
    {.if_key = "user-auth-type", .if_value = "tls", .then_key = "user-cert"},
    {.if_key = "user-auth-type", .if_value = "tls", .then_key = "user-key"},
    {.if_key = "ipsec-enabled",
     .if_value = "yes",
     .also_if_key = "machine-auth-type",
     .also_if_value = "tls",
     .then_key = "machine-cert"},
    {.if_key = "ipsec-enabled",
     .if_value = "yes",
     .also_if_key = "machine-auth-type",
     .also_if_value = "tls",
     .then_key = "machine-key"},
    {.if_key = "ipv4.method", .if_value = "manual", .then_key = "ipv4.address1"},
};

const size_t l2c_profile_n_requirements = G_N_ELEMENTS(l2c_profile_requirements);

/* "route12" matches the stem "route"; "route", "route0", "route01" and "route1x" do not. */
static bool numbered_key_matches(const char *stem, const char *key)
{
	size_t stem_len = strlen(stem);
	const char *digits = key + stem_len;

	if (strncmp(key, stem, stem_len) != 0 || digits[0] < '1' || digits[0] > '9')
		return false;
	for (const char *p = digits; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return strlen(digits) <= 4;
}

static bool key_matches(const struct l2c_profile_key *k, const char *key)
{
	return k->flags & L2C_KEY_NUMBERED ? numbered_key_matches(k->name, key)
					   : strcmp(k->name, key) == 0;
}

const struct l2c_profile_key *l2c_profile_key_lookup(const char *section, const char *key)
{
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if (key_matches(k, key) && strcmp(k->section, section) == 0)
			return k;
	}
	return NULL;
}

/* A name is unique within its section, so any second match is in another section. */
static const struct l2c_profile_key *find_in_any_section(const char *key, bool *ambiguous)
{
	const struct l2c_profile_key *found = NULL;

	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if ((k->flags & L2C_KEY_LEGACY_SECRET) || !key_matches(k, key))
			continue;
		if (found) {
			*ambiguous = true;
			return NULL;
		}
		found = k;
	}
	return found;
}

const struct l2c_profile_key *l2c_profile_key_find(const char *spec, const char **key_name,
						   bool *ambiguous)
{
	static const char *const sections[] = {L2C_SECTION_CONNECTION, L2C_SECTION_VPN,
					       L2C_SECTION_SECRETS, L2C_SECTION_IPV4,
					       L2C_SECTION_IPV6};

	*ambiguous = false;
	for (size_t i = 0; i < G_N_ELEMENTS(sections); i++) {
		size_t len = strlen(sections[i]);

		if (strncmp(spec, sections[i], len) == 0 && spec[len] == '.') {
			*key_name = spec + len + 1;
			return l2c_profile_key_lookup(sections[i], *key_name);
		}
	}
	*key_name = spec;
	return find_in_any_section(spec, ambiguous);
}

const struct l2c_profile_key *l2c_profile_secret_key(int secret)
{
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if (k->type == L2C_KEY_SECRET && !(k->flags & L2C_KEY_LEGACY_SECRET) &&
		    k->secret == secret)
			return k;
	}
	return NULL;
}

const char *l2c_profile_key_type_name(enum l2c_key_type type)
{
	switch (type) {
	case L2C_KEY_STRING:
	case L2C_KEY_TEXT:
		return _("string");
	case L2C_KEY_BOOL:
	case L2C_KEY_TRISTATE:
		return "yes|no";
	case L2C_KEY_KEYFILE_BOOL:
		return "true|false";
	case L2C_KEY_UINT:
		return _("number");
	case L2C_KEY_ENUM:
		return _("choice");
	case L2C_KEY_SECRET:
		return _("secret");
	case L2C_KEY_SECRET_FLAGS:
		return "0|1|2|4";
	case L2C_KEY_PATH:
		return _("file");
	case L2C_KEY_ADDRESS:
		return _("address");
	case L2C_KEY_HOST:
		return _("host");
	case L2C_KEY_ADDRESS_LIST:
		return _("addresses");
	case L2C_KEY_DOMAIN_LIST:
		return _("domains");
	case L2C_KEY_ROUTE:
		return _("route");
	case L2C_KEY_IP_PREFIX:
		return _("address/prefix");
	}
	return "?";
}
