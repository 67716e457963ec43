/* The libreswan connection for one L2TP/IPsec profile: validation of every value, then the
 * ipsec.conf text and the ipsec.secrets line. Pure (libc only): no files, no processes.
 *
 * Facts behind the rendering: L2TP/IPsec is ESP transport mode protecting UDP/1701 between
 * the two hosts (RFC 3193 via RFC 5571 §2.1; MS-L2TPIE §1.4); libreswan's keywords per
 * ipsec.conf(5) of 4.x and 5.x (see docs/PROTOCOL.md §5). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "ipsec/ipsec_version.h"

enum ipsec_ike_version {
	IPSEC_IKE_V1 = 0, /* L2TP/IPsec as Windows/macOS speak it: IKEv1 Main Mode */
	IPSEC_IKE_V2,
};

enum ipsec_auth {
	IPSEC_AUTH_PSK = 0,
	IPSEC_AUTH_CERT, /* RSA signature with a certificate from the NSS database */
};

/* A profile option that may be absent, in which case libreswan's default applies. */
enum ipsec_option {
	IPSEC_OPT_DEFAULT = 0,
	IPSEC_OPT_YES,
	IPSEC_OPT_NO,
};

#define IPSEC_CONN_NAME_MAX 48
/* Longest rightca value; ipsec_ca_subject_dn() pins nothing longer. */
#define IPSEC_CA_DN_MAX 1024
/* Per exchange (Main Mode, Quick Mode); libreswan's own default is 60 s. pluto retransmits
 * after 0.5 s, doubling the wait each time, and compares with the timeout only when a
 * retransmit is due: 15 s gives up after 15.5 s (5 retransmits), anything from 16 to 31 s
 * after 31.5 s. A client that waits longer than that for a server only makes its user wait. */
#define IPSEC_DEFAULT_RETRANSMIT_TIMEOUT 15

/* Borrowed strings; NULL or "" means "not set". */
struct ipsec_conn_params {
	const char *name;    /* conn name, also used in file names: [A-Za-z0-9_.-] */
	const char *gateway; /* IPv4/IPv6 literal (the driver resolves names first) or DNS name */
	/* L2TP source port: false = 1701 (what Windows uses), true = any (ephemeral). */
	bool local_port_ephemeral;
	/* The ephemeral port already chosen: pluto 4.x cannot initiate with "any" on its own
	 * side (the connection stays a template: "cannot route template policy"), so the
	 * policy names the port the L2TP socket will use. 0 = not chosen. */
	unsigned local_port;
	/* Server's L2TP port in the traffic selector: false = 1701, true = any, for servers
	 * that answer SCCRQ from another port. A stock libreswan+xl2tpd server
	 * (leftprotoport=17/1701) refuses "any" in Quick Mode with INVALID_ID_INFORMATION, so
	 * 1701 is the default. */
	bool remote_port_any;
	enum ipsec_ike_version ike_version;
	enum ipsec_auth auth;
	const char *cert_nickname; /* NSS nickname of our certificate (auth = CERT) */
	const char *local_id;	   /* leftid: IP, @fqdn, bare name (sent as FQDN) or a DN */
	const char *remote_id;	   /* rightid: as above or %any; unset = %any */
	const char *ike;	   /* proposal list; unset = ipsec_default_ike() for IKEv1 */
	const char *esp;	   /* proposal list; unset = ipsec_default_esp() for IKEv1 */
	/* rightca (auth = CERT): subject DN of the profile's CA, as ipsec_ca_subject_dn()
	 * writes it. Our one pluto trusts every active profile's CA, so this pins the server's
	 * certificate to its own profile's CA. Unset = any CA in pluto's store. */
	const char *remote_ca;
	enum ipsec_option pfs;
	unsigned ikelifetime; /* seconds; 0 = libreswan default */
	unsigned salifetime;  /* seconds; 0 = libreswan default */
	unsigned dpd_delay;   /* seconds; 0 = off; IKEv1 needs both delay and timeout */
	unsigned dpd_timeout;
	enum ipsec_option forceencaps; /* UDP-encapsulate ESP even without NAT */
	enum ipsec_option ipcomp;
	unsigned
	    retransmit_timeout; /* seconds per exchange; 0 = IPSEC_DEFAULT_RETRANSMIT_TIMEOUT */
};

/* `field` names the profile key at fault (NetworkManager-l2tp key names where one exists). */
struct ipsec_error {
	char field[32];
	char text[320];
};

void ipsec_error_set(struct ipsec_error *error, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The merged Windows 10 + macOS IKEv1 proposals (NM-KEYS.md), without the modp1024 ones when
 * the installed libreswan lacks DH2. Static strings. */
const char *ipsec_default_ike(const struct ipsec_caps *caps);
const char *ipsec_default_esp(void);

/* Checks every value; on error fills `error` (field + text) and returns -EINVAL. */
int ipsec_conn_validate(const struct ipsec_conn_params *params, const struct ipsec_caps *caps,
			struct ipsec_error *error);

/* The whole ipsec.conf: `config setup` (ikev1-policy=accept where libreswan has that switch,
 * so a private pluto accepts IKEv1) and `conn NAME`. *out is malloc'd; free() it. */
int ipsec_conn_render(const struct ipsec_conn_params *params, const struct ipsec_caps *caps,
		      char **out, struct ipsec_error *error);

/* The ipsec.secrets line for a PSK: "%any GW [REMOTE-ID] : PSK 0s<base64>". base64 means no
 * byte of the key can break the file's syntax. *out holds the secret: release it with
 * ipsec_secret_free(). */
int ipsec_secrets_render(const struct ipsec_conn_params *params, const void *psk, size_t psk_len,
			 char **out, struct ipsec_error *error);

/* Wipes and frees a string that holds a secret. NULL is fine. */
void ipsec_secret_free(char *secret);

/* Proposal list with legacy DH groups the library cannot do removed (modp768 always,
 * modp1024 when !caps->has_modp1024) and a strongSwan-style trailing '!' dropped. malloc'd;
 * NULL with -EINVAL in *err when nothing usable remains. Exposed for the diagnosis text. */
char *ipsec_proposals_usable(const char *list, const struct ipsec_caps *caps, int *err);
