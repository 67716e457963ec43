/* System profiles: one NAME.conf keyfile per profile in a directory readable by root only
 * (default SYSCONFDIR/l2tp-connect/profiles). Writes are atomic: a 0600 temporary file in the
 * same directory, fsync, rename, fsync of the directory. */
#pragma once

#include "profile/profile.h"

#include <glib.h>
#include <stdbool.h>

#define L2C_PROFILE_STORE_DEFAULT_DIR SYSCONFDIR "/l2tp-connect/profiles"
#define L2C_PROFILE_NAME_MAX	      64

struct l2c_profile_store;

/* `dir` NULL: the default directory. The store only remembers the path; the directory is
 * created (0700) on the first save. */
struct l2c_profile_store *l2c_profile_store_new(const char *dir);
void l2c_profile_store_free(struct l2c_profile_store *store);
typedef struct l2c_profile_store l2c_profile_store; /* for g_autoptr(l2c_profile_store) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(l2c_profile_store, l2c_profile_store_free)

const char *l2c_profile_store_dir(const struct l2c_profile_store *store);

/* 1-64 bytes of letters, digits, '.', '_', '-', '@', '+'; not starting with '.' or '-'. The
 * name becomes a file name and appears in libreswan connection names. */
int l2c_profile_name_check(const char *name, GError **error);

/* A valid name made from `text` (a connection id or file name): other characters become '-'.
 * NULL when nothing usable is left. */
char *l2c_profile_name_from_text(const char *text);

/* Sorted names of the stored profiles; an absent directory is an empty store. */
int l2c_profile_store_list(struct l2c_profile_store *store, char ***names, GError **error);

/* The same for a profile about to be edited: validation problems become warnings (see
 * l2c_profile_parse_for_edit), so a profile whose certificate moved can still be repaired. */
int l2c_profile_store_load_for_edit(struct l2c_profile_store *store, const char *name,
				    struct l2c_profile **out, GPtrArray *warnings, GError **error);

bool l2c_profile_store_exists(struct l2c_profile_store *store, const char *name);

/* Loads and validates NAME.conf (L2C_PROFILE_ERROR_NOT_FOUND when absent). */
int l2c_profile_store_load(struct l2c_profile_store *store, const char *name,
			   struct l2c_profile **out, GPtrArray *warnings, GError **error);

/* Validates `profile` and writes it as profile->name with its stored secrets. `replace` false
 * refuses to overwrite (L2C_PROFILE_ERROR_EXISTS). Nothing is written when it is invalid. */
int l2c_profile_store_save(struct l2c_profile_store *store, struct l2c_profile *profile,
			   bool replace, GError **error);

int l2c_profile_store_delete(struct l2c_profile_store *store, const char *name, GError **error);

/* Reads a .nmconnection (or any keyfile) at `path`, validates it and saves it under `name`,
 * or when NULL under a name made from [connection] id or else the file name. */
int l2c_profile_store_import(struct l2c_profile_store *store, const char *path, const char *name,
			     bool replace, struct l2c_profile **out, GPtrArray *warnings,
			     GError **error);

/* Keyfile text of a stored profile (see l2c_profile_to_keyfile); free with l2c_secret_free. */
int l2c_profile_store_export(struct l2c_profile_store *store, const char *name, bool with_secrets,
			     char **text, GError **error);
