/* The user-facing sentence for each IPsec failure kind: what failed, why, what to try. */
#include "config.h"

#include "ipsec/ipsec_diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const char *or_default(const char *s, const char *fallback)
{
	return s && *s ? s : fallback;
}

/* What we put on the wire: the user's list minus what libreswan lacks, or our defaults. */
static char *offered(const char *list, const char *fallback, const struct ipsec_caps *caps)
{
	int err;
	char *usable;

	if (!list || !*list)
		return strdup(fallback ? fallback : _("libreswan's defaults"));
	usable = ipsec_proposals_usable(list, caps, &err);
	return usable ? usable : strdup(list);
}

static void describe_ike_proposal(const struct ipsec_conn_params *p, const struct ipsec_caps *caps,
				  char *buf, size_t size)
{
	bool v1 = p->ike_version == IPSEC_IKE_V1;
	char *ike = offered(p->ike, v1 ? ipsec_default_ike(caps) : NULL, caps);

	snprintf(buf, size,
		 _("IPsec: the server accepted none of our Phase 1 (IKE) proposals (%s). Set "
		   "ipsec-ike to what the server offers.%s"),
		 ike ? ike : "?",
		 caps->has_modp1024 ? ""
				    : _(" Older servers often insist on modp1024 (DH group 2), "
					"which the installed libreswan is built without: ask the "
					"server's administrator to allow modp2048."));
	free(ike);
}

static void describe_esp_proposal(const struct ipsec_conn_params *p, const struct ipsec_caps *caps,
				  char *buf, size_t size)
{
	bool v1 = p->ike_version == IPSEC_IKE_V1;
	char *esp = offered(p->esp, v1 ? ipsec_default_esp() : NULL, caps);
	const char *pfs = p->pfs == IPSEC_OPT_NO    ? _("off")
			  : p->pfs == IPSEC_OPT_YES ? _("on")
						    : _("libreswan's default (on)");

	snprintf(buf, size,
		 _("IPsec: Phase 1 succeeded, but the server accepted none of our Phase 2 (ESP) "
		   "proposals (%s; PFS %s). Set ipsec-esp to what the server expects, or try "
		   "ipsec-pfs=no."),
		 esp ? esp : "?", pfs);
	free(esp);
}

static void describe_selector(const struct ipsec_conn_params *p, char *buf, size_t size)
{
	snprintf(buf, size,
		 _("IPsec: Phase 1 succeeded, but the server refused to protect L2TP traffic "
		   "from our port %s to its port %s (INVALID_ID_INFORMATION). %s"),
		 p->local_port_ephemeral ? _("any") : "1701",
		 p->remote_port_any ? _("any") : "1701",
		 p->local_port_ephemeral || p->remote_port_any
		     ? _("Most servers expect UDP port 1701 on both sides: turn off "
			 "ephemeral-port and the any-server-port option.")
		     : _("The server may expect a different port; ask its administrator."));
}

static void describe_peer_id(const struct ipsec_diagnosis *d, const struct ipsec_conn_params *p,
			     char *buf, size_t size)
{
	snprintf(buf, size,
		 _("IPsec: the server identified itself as '%s', which does not match "
		   "ipsec-remote-id '%s'. Set ipsec-remote-id to the server's ID, or clear it to "
		   "accept any."),
		 d->detail[0] ? d->detail : "?", or_default(p->remote_id, "%any"));
}

static void describe_simple(enum ipsec_failure failure, const struct ipsec_conn_params *p,
			    unsigned deadline, char *buf, size_t size)
{
	const char *gw = or_default(p->gateway, "?");

	switch (failure) {
	case IPSEC_FAILURE_NO_RESPONSE:
		snprintf(
		    buf, size,
		    _("IPsec: no response from %s on UDP 500 (blocked by a firewall, or not an "
		      "IPsec server?)"),
		    gw);
		return;
	case IPSEC_FAILURE_PORT_UNREACHABLE:
		snprintf(buf, size,
			 _("IPsec: %s answered that nothing listens on UDP port 500 (ICMP port "
			   "unreachable): it runs no IPsec service. Check the gateway address."),
			 gw);
		return;
	case IPSEC_FAILURE_PSK_MISMATCH:
		snprintf(buf, size,
			 _("IPsec: %s did not accept our authentication: the pre-shared key "
			   "(ipsec-psk) is most likely wrong%s."),
			 gw,
			 p->local_id && *p->local_id
			     ? _(", or the server does not know our group name (ipsec-group-name)")
			     : "");
		return;
	case IPSEC_FAILURE_PEER_ID_ZERO:
		snprintf(
		    buf, size,
		    _("IPsec: %s identifies itself as 0.0.0.0 (a server bound to all addresses "
		      "without an explicit ID). libreswan refuses that ID even when any is "
		      "allowed; Windows accepts it. Ask the administrator to give the server "
		      "an IPsec ID such as its public address."),
		    gw);
		return;
	case IPSEC_FAILURE_IKEV1_DISABLED:
		snprintf(
		    buf, size,
		    _("IPsec: the running IPsec service refuses IKEv1, which L2TP/IPsec servers "
		      "use. Add 'ikev1-policy=accept' to the 'config setup' section of "
		      "/etc/ipsec.conf and restart the service (systemctl restart ipsec), or "
		      "stop it (systemctl stop ipsec) so that l2tp-connect runs its own."));
		return;
	case IPSEC_FAILURE_CONN_NOT_LOADED:
		snprintf(
		    buf, size,
		    _("IPsec: libreswan did not load our connection; see the IPsec log for the "
		      "line that rejected it."));
		return;
	case IPSEC_FAILURE_TIMEOUT:
		snprintf(buf, size, _("IPsec: libreswan gave no result for %s within %u seconds."),
			 gw, deadline);
		return;
	default:
		snprintf(buf, size, _("IPsec: negotiation with %s failed."), gw);
	}
}

void ipsec_failure_describe(const struct ipsec_diagnosis *d, const struct ipsec_conn_params *p,
			    const struct ipsec_caps *caps, unsigned deadline, char *buf,
			    size_t size)
{
	switch (d->failure) {
	case IPSEC_FAILURE_IKE_PROPOSAL:
		describe_ike_proposal(p, caps, buf, size);
		return;
	case IPSEC_FAILURE_ESP_PROPOSAL:
		describe_esp_proposal(p, caps, buf, size);
		return;
	case IPSEC_FAILURE_TRAFFIC_SELECTOR:
		describe_selector(p, buf, size);
		return;
	case IPSEC_FAILURE_PEER_ID:
		describe_peer_id(d, p, buf, size);
		return;
	case IPSEC_FAILURE_CERTIFICATE:
		snprintf(buf, size,
			 _("IPsec: certificate authentication failed (%s). Check machine-cert and "
			   "machine-ca, and that the server's certificate is signed by that CA."),
			 d->detail[0] ? d->detail : _("no details in the log"));
		return;
	case IPSEC_FAILURE_KERNEL:
		snprintf(buf, size,
			 _("IPsec: the kernel refused the negotiated security association (%s). Is "
			   "ESP/XFRM support (esp4, xfrm_user) available?"),
			 d->detail);
		return;
	case IPSEC_FAILURE_UNKNOWN:
		if (d->detail[0]) {
			snprintf(buf, size, _("IPsec: negotiation with %s failed: %s"),
				 or_default(p->gateway, "?"), d->detail);
			return;
		}
		break;
	default:
		break;
	}
	describe_simple(d->failure, p, deadline, buf, size);
}
