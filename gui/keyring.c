#include "config.h"

#include "gui/keyring.h"

#include "core/profile/profile.h"
#include "core/profile/profile_keys.h"
#include "util/i18n.h"

#include <errno.h>
#include <gio/gio.h>

gboolean l2c_gui_secret_in_keyring(GHashTable *settings, const char *secret)
{
	int index = l2c_secret_from_name(secret);

	for (size_t i = 0; index >= 0 && i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *entry = &l2c_profile_keys[i];
		g_autofree char *key = NULL;
		const char *flags;

		if (entry->type != L2C_KEY_SECRET_FLAGS || entry->secret != index)
			continue;
		key = g_strdup_printf("%s.%s", entry->section, entry->name);
		flags = g_hash_table_lookup(settings, key);
		return g_strcmp0(flags ? flags : entry->default_value, "1") == 0;
	}
	return FALSE;
}

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>

static const SecretSchema *schema(void)
{
	static const SecretSchema the_schema = {
	    "org.l2tpconnect.Secret",
	    SECRET_SCHEMA_NONE,
	    {
		{"uuid", SECRET_SCHEMA_ATTRIBUTE_STRING},
		{"secret", SECRET_SCHEMA_ATTRIBUTE_STRING},
		{"profile", SECRET_SCHEMA_ATTRIBUTE_STRING},
		{NULL, 0},
	    },
	};

	return &the_schema;
}

gboolean l2c_gui_keyring_built(void)
{
	return TRUE;
}

int l2c_gui_keyring_store(const char *uuid, const char *profile_name, const char *secret,
			  const char *value, GError **error)
{
	/* TRANSLATORS: the label of a keyring item, e.g. "VPN office: password". */
	g_autofree char *label = g_strdup_printf(_("VPN %s: %s"), profile_name, secret);

	if (!secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label, value, NULL,
					error, "uuid", uuid, "secret", secret, "profile",
					profile_name, NULL))
		return -EIO;
	return 0;
}

char *l2c_gui_keyring_lookup(const char *uuid, const char *secret)
{
	g_autoptr(GError) error = NULL;
	char *value;
	char *copy;

	if (!uuid)
		return NULL;
	value = secret_password_lookup_sync(schema(), NULL, &error, "uuid", uuid, "secret", secret,
					    NULL);
	if (error)
		g_message("keyring: %s", error->message);
	if (!value)
		return NULL;
	/* One allocator for the caller: l2c_secret_free scrubs what g_malloc gave. */
	copy = g_strdup(value);
	secret_password_free(value);
	return copy;
}

void l2c_gui_keyring_forget(const char *uuid, const char *secret)
{
	if (!uuid)
		return;
	if (secret)
		secret_password_clear_sync(schema(), NULL, NULL, "uuid", uuid, "secret", secret,
					   NULL);
	else
		secret_password_clear_sync(schema(), NULL, NULL, "uuid", uuid, NULL);
}

void l2c_gui_keyring_copy(const char *from_uuid, const char *to_uuid, const char *to_name)
{
	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		char *value = l2c_gui_keyring_lookup(from_uuid, l2c_secret_name(s));

		if (value)
			l2c_gui_keyring_store(to_uuid, to_name, l2c_secret_name(s), value, NULL);
		l2c_secret_free(value);
	}
}

#else

gboolean l2c_gui_keyring_built(void)
{
	return FALSE;
}

int l2c_gui_keyring_store(const char *uuid, const char *profile_name, const char *secret,
			  const char *value, GError **error)
{
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
		    _("this build of l2tp-connect-gui has no keyring support: choose \"Ask every "
		      "time\" or \"Store for all users\""));
	return -ENOTSUP;
}

char *l2c_gui_keyring_lookup(const char *uuid, const char *secret)
{
	return NULL;
}

void l2c_gui_keyring_forget(const char *uuid, const char *secret)
{
}

void l2c_gui_keyring_copy(const char *from_uuid, const char *to_uuid, const char *to_name)
{
}

#endif
