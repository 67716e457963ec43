/* A connection profile: a NetworkManager keyfile for service-type
 * org.freedesktop.NetworkManager.l2tp, checked against one table of keys (profile_keys.h) and
 * resolved into typed values with the defaults applied.
 *
 * The keyfile stays the source of truth: keys we do not know are kept and written back, so a
 * profile exported again still works in NetworkManager. Secrets never live in the keyfile
 * object; they are held apart and scrubbed when freed.
 *
 * Errors: functions return 0 or a negative errno and fill a GError (domain L2C_PROFILE_ERROR)
 * whose message names the section, the key and the problem, one line per problem, e.g.
 * "[vpn] mtu: 70000 is out of range (575–1500)". */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#define L2C_PROFILE_SERVICE_TYPE "org.freedesktop.NetworkManager.l2tp"

#define L2C_PROFILE_ERROR (l2c_profile_error_quark())
GQuark l2c_profile_error_quark(void);

enum l2c_profile_error_code {
	L2C_PROFILE_ERROR_INVALID,     /* a value, a rule between keys, or the file's syntax */
	L2C_PROFILE_ERROR_NOT_FOUND,   /* no profile of that name in the store */
	L2C_PROFILE_ERROR_EXISTS,      /* saving a new profile under a name already taken */
	L2C_PROFILE_ERROR_BAD_NAME,    /* a profile name that cannot be a file name */
	L2C_PROFILE_ERROR_UNKNOWN_KEY, /* setting a key the table does not have */
	L2C_PROFILE_ERROR_IO,	       /* reading or writing the store */
};

enum l2c_user_auth {
	L2C_USER_AUTH_PASSWORD,
	L2C_USER_AUTH_TLS,
};

enum l2c_machine_auth {
	L2C_MACHINE_AUTH_PSK,
	L2C_MACHINE_AUTH_TLS,
};

enum l2c_ipv4_method {
	L2C_IPV4_AUTO,
	L2C_IPV4_MANUAL,
	L2C_IPV4_DISABLED,
};

enum l2c_ipv6_method {
	L2C_IPV6_AUTO,
	L2C_IPV6_DHCP,
	L2C_IPV6_LINK_LOCAL,
	L2C_IPV6_MANUAL,
	L2C_IPV6_IGNORE,
	L2C_IPV6_DISABLED,
};

/* For keys whose absence means "leave it to the daemon's own default". */
enum l2c_tristate {
	L2C_TRISTATE_UNSET = -1,
	L2C_TRISTATE_NO = 0,
	L2C_TRISTATE_YES = 1,
};

/* NetworkManager's NMSettingSecretFlags, restricted to the single values NM-l2tp writes. */
enum l2c_secret_flags {
	L2C_SECRET_FLAG_SAVED = 0,	  /* stored in the profile */
	L2C_SECRET_FLAG_AGENT_OWNED = 1,  /* the user's agent (CLI, GUI) supplies it */
	L2C_SECRET_FLAG_NOT_SAVED = 2,	  /* asked for at every connect */
	L2C_SECRET_FLAG_NOT_REQUIRED = 4, /* never needed */
};

enum l2c_secret {
	L2C_SECRET_PASSWORD,
	L2C_SECRET_USER_CERTPASS,
	L2C_SECRET_IPSEC_PSK,
	L2C_SECRET_MACHINE_CERTPASS,
	L2C_SECRET_TUNNEL, /* our extension: the L2TP tunnel secret (RFC 2661 section 5.1.1) */
	L2C_SECRET_COUNT,
};

#define L2C_SECRET_BIT(s) (1u << (s))

/* [ipv4] routeN= "DEST/PREFIX[,GATEWAY[,METRIC]]" */
struct l2c_ip_route {
	unsigned number; /* N of routeN */
	char *dest;
	unsigned prefix;
	char *gateway; /* NULL: on-link */
	long metric;   /* -1: none given */
};

/* [ipv4] addressN= "ADDRESS/PREFIX[,GATEWAY]" */
struct l2c_ip_address {
	unsigned number;
	char *address;
	unsigned prefix;
	char *gateway;
};

struct l2c_profile_connection {
	char *id;
	char *uuid;
	bool autoconnect;
	char *permissions;
};

struct l2c_profile_vpn {
	char *gateway; /* brackets around an IPv6 literal removed */
	char *user;    /* falls back to user-name */
	char *domain;
	enum l2c_user_auth user_auth_type;
	char *user_ca, *user_cert, *user_key;
	bool ephemeral_port;
	bool refuse_eap, refuse_pap, refuse_chap, refuse_mschap, refuse_mschapv2;
	bool require_mppe, require_mppe_40, require_mppe_128, mppe_stateful;
	bool nobsdcomp, nodeflate, no_vj_comp, nopcomp, noaccomp;
	unsigned mtu, mru;
	unsigned mrru; /* 0: multilink off */
	unsigned lcp_echo_failure, lcp_echo_interval;
	unsigned unit, xl2tpd_max_retries; /* kept for NetworkManager, unused here */
	char *ipcp_peer_ip;
	bool ipsec_enabled;
	enum l2c_machine_auth machine_auth_type;
	char *machine_ca, *machine_cert, *machine_key;
	char *ipsec_remote_id; /* falls back to the deprecated ipsec-gateway-id */
	char *ipsec_group_name;
	char *ipsec_ike, *ipsec_esp;
	unsigned ipsec_ikelifetime, ipsec_salifetime; /* 0: the IPsec daemon's default */
	enum l2c_tristate ipsec_pfs;
	bool ipsec_forceencaps, ipsec_ipcomp, ipsec_ikev2;
	unsigned secret_flags[L2C_SECRET_COUNT];
	bool reconnect; /* our extension l2tp-connect-reconnect: the service re-establishes it */
};

struct l2c_profile_ipv4 {
	enum l2c_ipv4_method method;
	bool never_default;
	bool ignore_auto_dns;
	char **dns;	   /* NULL-terminated, may be NULL */
	char **dns_search; /* NULL-terminated, may be NULL */
	struct l2c_ip_route *routes;
	size_t n_routes;
	struct l2c_ip_address *addresses;
	size_t n_addresses;
};

struct l2c_profile_ipv6 {
	enum l2c_ipv6_method method;
	bool never_default;
};

struct l2c_profile_private;

/* Read the typed fields freely; change a profile only through the functions below, which keep
 * the keyfile and the fields in step. */
struct l2c_profile {
	char *name; /* the store's name for it; NULL until named */
	struct l2c_profile_connection connection;
	struct l2c_profile_vpn vpn;
	struct l2c_profile_ipv4 ipv4;
	struct l2c_profile_ipv6 ipv6;
	struct l2c_profile_private *priv;
};

/* Parses keyfile text and validates it. `warnings` (may be NULL) receives one translated
 * string per unknown key or questionable value. The caller owns *out (l2c_profile_free). */
int l2c_profile_parse(const char *data, size_t len, struct l2c_profile **out, GPtrArray *warnings,
		      GError **error);

/* Like l2c_profile_parse, but a profile that fails validation is still returned, its problems
 * added to `warnings` and its typed fields left zero, so that l2c_profile_set_value can
 * repair it (l2c_profile_validate then tells whether it is fixed). Fails only when the text
 * is not a keyfile or holds NUL bytes. */
int l2c_profile_parse_for_edit(const char *data, size_t len, struct l2c_profile **out,
			       GPtrArray *warnings, GError **error);

/* A skeleton for a new profile: [connection] id and a fresh uuid, [vpn] service-type,
 * [ipv4] method=auto. Not valid until a gateway is set and l2c_profile_validate passes. */
int l2c_profile_new(const char *name, struct l2c_profile **out);

void l2c_profile_free(struct l2c_profile *profile);
typedef struct l2c_profile l2c_profile; /* for g_autoptr(l2c_profile) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(l2c_profile, l2c_profile_free)

/* Checks every key and the rules between keys again and refreshes the typed fields. On error
 * the typed fields keep their previous values. */
int l2c_profile_validate(struct l2c_profile *profile, GPtrArray *warnings, GError **error);

/* Sets one key, named "section.key" or by its bare name when that is unambiguous ("mtu",
 * "ipv4.method"). NULL or "" removes the key so its default applies. The value is checked
 * at once; rules between keys are checked by l2c_profile_validate. Secret keys are refused
 * (-EPERM): use l2c_profile_set_secret. */
int l2c_profile_set_value(struct l2c_profile *profile, const char *key, const char *value,
			  GError **error);

/* Keyfile text for NetworkManager or the store. Secrets are included only when asked, and
 * then only those whose flags say they are saved (0). Free with l2c_secret_free when
 * `with_secrets` was true. */
char *l2c_profile_to_keyfile(const struct l2c_profile *profile, bool with_secrets, size_t *len);

/* ---- a profile as a list of entries, for `show` and editors ---- */

struct l2c_profile_key;

struct l2c_profile_entry {
	const char *section;
	const char *key;   /* as in the file: "route2" for a numbered key */
	const char *value; /* the value, or the default; NULL for secrets (see below) */
	const struct l2c_profile_key *desc; /* the table's entry; NULL for unknown keys */
	bool is_default;		    /* not in the file: the table's default applies */
};

typedef void (*l2c_profile_entry_fn)(const struct l2c_profile_entry *entry, void *user_data);

/* Calls `fn` for every key that is set or has a default, section by section in the table's
 * order ([connection], [vpn], [vpn-secrets], [ipv4], [ipv6], then other sections), keys in
 * table order, then the keys the table does not know. [vpn-secrets] lists the secrets that are
 * stored or needed, with value NULL: use l2c_profile_get_secret. Unknown [vpn-secrets] keys
 * are not listed. */
void l2c_profile_foreach_entry(const struct l2c_profile *profile, l2c_profile_entry_fn fn,
			       void *user_data);

/* ---- secrets ---- */

/* "password", "user-certpass", "ipsec-psk", "machine-certpass", "tunnel-secret". */
const char *l2c_secret_name(enum l2c_secret secret);
/* The secret's index for its key name, or -ENOENT. */
int l2c_secret_from_name(const char *name);

/* The value to use: one supplied for this connect, else the stored one when its flags say it
 * is saved (0); NULL when neither. */
const char *l2c_profile_get_secret(const struct l2c_profile *profile, enum l2c_secret secret);
/* Whether the profile stores a value for it (regardless of flags). */
bool l2c_profile_has_stored_secret(const struct l2c_profile *profile, enum l2c_secret secret);

/* Stores a secret in the profile (written by save and export with secrets). NULL clears it.
 * -EINVAL when the value holds control characters; the message never shows the value. */
int l2c_profile_set_secret(struct l2c_profile *profile, enum l2c_secret secret, const char *value,
			   GError **error);
/* Supplies a secret for this connect only: never saved or exported. */
int l2c_profile_supply_secret(struct l2c_profile *profile, enum l2c_secret secret,
			      const char *value, GError **error);

/* Bit set (L2C_SECRET_BIT) of the secrets this connection needs: the password for password
 * auth, the PSK for IPsec with PSK; certificate passwords and the tunnel secret only when
 * their flags ask for them or a value is stored. Flags 4 (not required) removes a secret. */
unsigned l2c_profile_secrets_needed(const struct l2c_profile *profile);
/* The needed secrets l2c_profile_get_secret cannot give: what the caller must ask for. */
unsigned l2c_profile_secrets_missing(const struct l2c_profile *profile);

/* explicit_bzero, then g_free. For secrets and for keyfile text that holds secrets. */
void l2c_secret_free(char *secret);
