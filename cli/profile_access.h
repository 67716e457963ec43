/* Where the profile commands (list, show, import, export, add, edit, delete) read and write
 * profiles. The store is root's (/etc/l2tp-connect, mode 0700): root, or anyone who names a
 * directory of their own with L2TP_CONNECT_PROFILE_DIR, uses it directly; everyone else goes
 * through l2tp-connectd, which reads profiles for anybody but never returns a secret, and
 * changes them only for callers polkit authorizes (org.l2tpconnect.modify-profiles). */
#pragma once

#include <gio/gio.h>
#include <stdbool.h>

#include "profile/profile.h"
#include "profile/profile_store.h"

struct l2c_cli_profiles {
	struct l2c_profile_store *store; /* direct access, or NULL */
	GDBusConnection *bus;		 /* through the service, or NULL */
};

/* Chooses the way and opens it. Returns L2C_EXIT_OK, or prints why not and returns the exit
 * code. */
int l2c_cli_profiles_open(struct l2c_cli_profiles *profiles);
void l2c_cli_profiles_close(struct l2c_cli_profiles *profiles);

static inline bool l2c_cli_profiles_via_service(const struct l2c_cli_profiles *profiles)
{
	return profiles->bus != NULL;
}

int l2c_cli_profiles_list(struct l2c_cli_profiles *profiles, char ***names, GError **error);

/* Through the service the profile carries no secret and only the keys l2tp-connect knows
 * (keys kept for NetworkManager stay in the store, untouched). `for_edit` loads a profile
 * whose referenced files went missing too. `warnings` may be NULL. */
int l2c_cli_profiles_load(struct l2c_cli_profiles *profiles, const char *name, bool for_edit,
			  struct l2c_profile **profile, GPtrArray *warnings, GError **error);

/* 1 when it exists, 0 when not, or a negative errno with `error` set. */
int l2c_cli_profiles_exists(struct l2c_cli_profiles *profiles, const char *name, GError **error);

/* Stores the profile. Through the service, the secrets it holds are sent along and stored;
 * secrets it does not hold keep their stored values. */
int l2c_cli_profiles_save(struct l2c_cli_profiles *profiles, struct l2c_profile *profile,
			  bool replace, GError **error);

int l2c_cli_profiles_delete(struct l2c_cli_profiles *profiles, const char *name, GError **error);

/* Through the service only: the names of the secrets a connect needs that the profile does
 * not store (g_strfreev). */
char **l2c_cli_profiles_missing_secrets(struct l2c_cli_profiles *profiles, const char *name,
					GError **error);

/* Stores a NetworkManager keyfile's text through the service; returns the name it was stored
 * under (g_free), or NULL with `error` set. */
char *l2c_cli_profiles_import_text(struct l2c_cli_profiles *profiles, const char *contents,
				   GError **error);
