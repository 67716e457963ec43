/* Secrets the user chose to "store for this user" (secret flags 1, NetworkManager's
 * agent-owned) live in the user's keyring through libsecret (the Secret Service: GNOME
 * Keyring, KWallet), never in the service's profile store. They are found by the profile's
 * uuid, which survives a rename, and the secret's name ("password", "ipsec-psk", ...), and
 * handed to l2tp-connectd with Connect, for that connection only.
 *
 * Without libsecret (./configure --without-libsecret) nothing is stored, lookups find
 * nothing, and such secrets are asked for at each connect. */
#pragma once

#include <glib.h>

/* Whether the app was built with libsecret. */
gboolean l2c_gui_keyring_built(void);

/* Stores `value` for the profile; `profile_name` only labels the item for people browsing
 * their keyring. Returns 0 or a negative errno with `error` set. */
int l2c_gui_keyring_store(const char *uuid, const char *profile_name, const char *secret,
			  const char *value, GError **error);

/* The stored value (free with l2c_secret_free), or NULL when there is none or no keyring. */
char *l2c_gui_keyring_lookup(const char *uuid, const char *secret);

/* Removes the profile's `secret`, or every secret of it when `secret` is NULL (after the
 * profile is deleted). A NULL uuid is ignored. */
void l2c_gui_keyring_forget(const char *uuid, const char *secret);

/* Whether `settings` (as GetProfile returns them) keep `secret` in the user's keyring: its
 * flags are 1, "store for this user". A secret whose flags say otherwise is never taken from
 * the keyring, even if an old copy is still there. */
gboolean l2c_gui_secret_in_keyring(GHashTable *settings, const char *secret);

/* Gives the profile `to_uuid` (named `to_name`) copies of the secrets of `from_uuid`. */
void l2c_gui_keyring_copy(const char *from_uuid, const char *to_uuid, const char *to_name);
