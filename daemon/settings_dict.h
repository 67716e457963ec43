/* Profiles as D-Bus dictionaries (a{ss}): the settings as "section.key" => value, and the
 * secrets by name ("password", "ipsec-psk", ...), kept apart so that no reply ever carries
 * a secret. No D-Bus here: only GVariant, so the conversions are unit-tested directly. */
#pragma once

#include <glib.h>
#include <stdbool.h>

#include "profile/profile.h"

/* The table's keys that are set in the profile (keys at their default are left out), without
 * secrets and without keys the program manages (service-type). A floating a{ss}. */
GVariant *l2c_settings_from_profile(const struct l2c_profile *profile);

/* Makes the profile's table keys exactly `settings` (a{ss}): each is set (an empty value
 * removes it), a table key set in the profile but absent from `settings` goes back to its
 * default. [connection] id and uuid stay unless given, and keys outside the table (kept for
 * NetworkManager) stay. Then validates. Returns 0 or a negative errno with `error` set in
 * L2C_PROFILE_ERROR naming the key. */
int l2c_settings_apply(struct l2c_profile *profile, GVariant *settings, GError **error);

/* Secrets from an a{ss} by name. `store`: kept in the profile (saved with it; an empty
 * value removes the stored one); else supplied for one connect only. Unknown names are
 * L2C_PROFILE_ERROR_UNKNOWN_KEY; messages never show a value. */
int l2c_secrets_apply(struct l2c_profile *profile, GVariant *secrets, bool store, GError **error);

/* Names of the secrets a connect needs that neither the profile nor the supplied ones give,
 * NULL-terminated (g_strfreev). */
char **l2c_secrets_missing_names(const struct l2c_profile *profile);
