/* The one table of profile keys. Parsing, validation, defaults, `show`, `keys`, export and the
 * man page's key list all follow it; nothing else in the tree compares key names. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define L2C_SECTION_CONNECTION "connection"
#define L2C_SECTION_VPN	       "vpn"
#define L2C_SECTION_SECRETS    "vpn-secrets"
#define L2C_SECTION_IPV4       "ipv4"
#define L2C_SECTION_IPV6       "ipv6"

enum l2c_key_type {
	L2C_KEY_STRING,	      /* text that reaches libreswan/pppd configs or command lines */
	L2C_KEY_TEXT,	      /* text only shown to people: control characters refused */
	L2C_KEY_BOOL,	      /* yes | no, as NM-l2tp stores its [vpn] data items */
	L2C_KEY_KEYFILE_BOOL, /* true | false, as NetworkManager stores its own settings */
	L2C_KEY_TRISTATE,     /* yes | no; absent leaves the choice to the daemon */
	L2C_KEY_UINT,	      /* decimal, min..max */
	L2C_KEY_ENUM,	      /* one of `choices`; the field holds the index */
	L2C_KEY_SECRET,	      /* held apart from the keyfile, never shown by default */
	L2C_KEY_SECRET_FLAGS, /* 0, 1, 2 or 4 (enum l2c_secret_flags) */
	L2C_KEY_PATH,	      /* absolute path of an existing, readable regular file */
	L2C_KEY_ADDRESS,      /* an IPv4 or IPv6 literal */
	L2C_KEY_HOST,	      /* an IP literal (IPv6 optionally in brackets) or a DNS name */
	L2C_KEY_ADDRESS_LIST, /* ';'-separated addresses */
	L2C_KEY_DOMAIN_LIST,  /* ';'-separated DNS names, "~" prefix for routing-only domains */
	L2C_KEY_ROUTE,	      /* DEST/PREFIX[,GATEWAY[,METRIC]] */
	L2C_KEY_IP_PREFIX,    /* ADDRESS/PREFIX[,GATEWAY] */
};

enum l2c_key_flag {
	L2C_KEY_REQUIRED = 1 << 0,
	L2C_KEY_NUMBERED = 1 << 1,	  /* the name is a stem: route1, route2, ... */
	L2C_KEY_ALLOW_SPACE = 1 << 2,	  /* STRING/PATH: spaces are legitimate (DNs, paths) */
	L2C_KEY_ALLOW_BACKSLASH = 1 << 3, /* STRING: DOMAIN\user user names */
	L2C_KEY_IPV4_ONLY = 1 << 4,	  /* address types */
	L2C_KEY_DEPRECATED = 1 << 5,	  /* accepted, kept, warned about */
	L2C_KEY_LEGACY_SECRET = 1 << 6,	  /* a secret in [vpn], moved to [vpn-secrets] */
	L2C_KEY_NOT_SETTABLE = 1 << 7,	  /* managed by the program (service-type) */
};

#define L2C_NO_FIELD ((size_t)-1)

struct l2c_profile_key {
	const char *section;
	const char *name;
	enum l2c_key_type type;
	unsigned flags;
	const char *default_value;  /* as written in a keyfile; NULL: absent */
	unsigned min, max;	    /* L2C_KEY_UINT */
	const char *const *choices; /* L2C_KEY_ENUM, NULL-terminated */
	/* Further check after the type's own; returns a translated problem or NULL. */
	char *(*check)(const char *value);
	size_t field;	      /* offsetof(struct l2c_profile, ...) or L2C_NO_FIELD */
	int secret;	      /* L2C_KEY_SECRET, L2C_KEY_SECRET_FLAGS: enum l2c_secret */
	const char *fallback; /* when absent, take this key of the same section */
	const char *summary;  /* one line for `l2tp-connect keys` */
};

/* A rule between keys: when `if_key` (with defaults applied) equals `if_value`, `then_key`
 * must be set. Both keys live in [vpn] unless named "section.key". */
struct l2c_profile_requirement {
	const char *if_key;
	const char *if_value;
	const char *also_if_key; /* NULL, or a second condition that must hold too */
	const char *also_if_value;
	const char *then_key;
};

extern const struct l2c_profile_key l2c_profile_keys[];
extern const size_t l2c_profile_n_keys;
extern const struct l2c_profile_requirement l2c_profile_requirements[];
extern const size_t l2c_profile_n_requirements;

/* The table entry for `key` in `section` (numbered keys matched by stem), or NULL. */
const struct l2c_profile_key *l2c_profile_key_lookup(const char *section, const char *key);

/* Resolves a user's key name: "section.key", or a bare name that only one section has.
 * Returns the entry and sets *key_name to the name in the keyfile (e.g. "route2"). NULL with
 * *ambiguous set when a bare name exists in several sections, or when nothing matches. */
const struct l2c_profile_key *l2c_profile_key_find(const char *spec, const char **key_name,
						   bool *ambiguous);

/* The table entry of a secret's value key in [vpn-secrets]. */
const struct l2c_profile_key *l2c_profile_secret_key(int secret);

/* "string", "yes|no", "575–1500", ... for help texts and `keys`. */
const char *l2c_profile_key_type_name(enum l2c_key_type type);
