/* Shared by the files of core/profile only. */
#pragma once

#include "profile/profile.h"
#include "profile/profile_keys.h"

struct l2c_profile_private {
	/* Everything the file said except the secrets, unknown keys and comments included. */
	GKeyFile *keyfile;
	char *stored[L2C_SECRET_COUNT];	  /* saved with the profile */
	char *supplied[L2C_SECRET_COUNT]; /* for this connect only */
};

/* Reads keyfile text into a GKeyFile that writes back what its lookups see (profile_load.c):
 * a key given twice keeps its last value, each line dropped noted in `warnings` (may be NULL),
 * and a value ending in CR holds it escaped. On failure fills `error` with "not a keyfile: ..."
 * and returns -EINVAL. */
int l2c_profile_load_keyfile(const char *data, size_t len, GKeyFile **out, GPtrArray *warnings,
			     GError **error);

/* Moves the secrets out of the keyfile into priv->stored (also the old [vpn] ipsec-psk).
 * Problems go to `errors`, notes to `warnings` (may be NULL), as full "[section] key: ..."
 * lines. */
void l2c_profile_take_secrets(struct l2c_profile *profile, GPtrArray *errors, GPtrArray *warnings);

/* Appends "[section] key: problem" to `lines`, taking `problem`. */
void l2c_profile_add_problem(GPtrArray *lines, const char *section, const char *key, char *problem);

/* Fills `error` with the problems, one per line. */
void l2c_profile_set_invalid_error(GError **error, GPtrArray *problems);

/* The value in the keyfile with GKeyFile's escapes undone; NULL when absent or empty.
 * *problem is set when the stored text is not valid (bad escape, not UTF-8). */
char *l2c_profile_keyfile_value(GKeyFile *keyfile, const char *section, const char *key,
				char **problem);

/* Frees the typed fields' strings and lists and zeroes them. */
void l2c_profile_clear_typed_fields(struct l2c_profile *profile);
