#include "config.h"

#include "gui/editor_actions.h"

#include "core/profile/profile.h"
#include "core/profile/profile_store.h"
#include "daemon/settings_dict.h"
#include "gui/keyring.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

int l2c_gui_profile_delete(struct l2c_gui *gui, const char *name)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) settings = l2c_gui_get_profile(gui->manager, name, NULL);

	if (!l2c_dbus_manager_call_delete_profile_sync(gui->manager, name, NULL, &error)) {
		l2c_gui_show_error(gui, _("Cannot delete the connection"),
				   l2c_gui_error_text(error));
		return -EIO;
	}
	if (settings)
		l2c_gui_keyring_forget(g_hash_table_lookup(settings, "connection.uuid"), NULL);
	return 0;
}

int l2c_gui_profile_import(struct l2c_gui *gui, GFile *file)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *contents = NULL;
	g_autofree char *name = NULL;

	if (!g_file_load_contents(file, NULL, &contents, NULL, NULL, &error) ||
	    !l2c_dbus_manager_call_import_profile_sync(gui->manager, contents, &name, NULL,
						       &error)) {
		l2c_gui_show_error(gui, _("Cannot import the connection"),
				   l2c_gui_error_text(error));
		return -EIO;
	}
	return 0;
}

/* "NAME-copy", then "NAME-copy2", ... the first that no profile has. */
static char *free_copy_name(struct l2c_gui *gui, const char *name)
{
	g_auto(GStrv) names = NULL;

	if (!l2c_dbus_manager_call_list_profiles_sync(gui->manager, &names, NULL, NULL))
		names = g_new0(char *, 1);
	for (unsigned n = 1; n < 1000; n++) {
		g_autofree char *candidate = n == 1 ? g_strdup_printf("%s-copy", name)
						    : g_strdup_printf("%s-copy%u", name, n);

		if (!g_strv_contains((const char *const *)names, candidate) &&
		    l2c_profile_name_check(candidate, NULL) == 0)
			return g_steal_pointer(&candidate);
	}
	return NULL;
}

static void copy_keyring_secrets(struct l2c_gui *gui, const char *from_uuid, const char *to_name)
{
	g_autoptr(GHashTable) copy = l2c_gui_get_profile(gui->manager, to_name, NULL);
	const char *to_uuid = copy ? g_hash_table_lookup(copy, "connection.uuid") : NULL;

	if (from_uuid && to_uuid)
		l2c_gui_keyring_copy(from_uuid, to_uuid, to_name);
}

char *l2c_gui_profile_duplicate(struct l2c_gui *gui, const char *name)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) settings = l2c_gui_get_profile(gui->manager, name, &error);
	g_autofree char *copy = NULL;
	g_autofree char *from_uuid = NULL;

	if (settings && !(copy = free_copy_name(gui, name)))
		g_set_error(&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
			    _("no free name for a copy of %s: rename or delete older copies"),
			    name);
	if (!error) {
		/* The service gives the copy its own identity. */
		from_uuid = g_strdup(g_hash_table_lookup(settings, "connection.uuid"));
		g_hash_table_remove(settings, "connection.uuid");
		g_hash_table_remove(settings, "connection.id");
		l2c_gui_save_profile(gui->manager, copy, settings, NULL, &error);
	}
	if (error) {
		l2c_gui_show_error(gui, _("Cannot duplicate the connection"),
				   l2c_gui_error_text(error));
		return NULL;
	}
	copy_keyring_secrets(gui, from_uuid, copy);
	return g_steal_pointer(&copy);
}

/* The keyfile text made by the core from the settings the service returns. */
static char *keyfile_of(struct l2c_gui *gui, const char *name, GError **error)
{
	g_autoptr(GHashTable) settings = l2c_gui_get_profile(gui->manager, name, error);
	g_autoptr(GVariant) dict = NULL;
	g_autoptr(l2c_profile) profile = NULL;

	if (!settings)
		return NULL;
	dict = g_variant_ref_sink(l2c_gui_dict_from_table(settings));
	if (l2c_profile_new(name, &profile) < 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    _("%s cannot be a NetworkManager connection name"), name);
		return NULL;
	}
	if (l2c_settings_apply(profile, dict, error) < 0)
		return NULL;
	return l2c_profile_to_keyfile(profile, false, NULL);
}

int l2c_gui_profile_export(struct l2c_gui *gui, const char *name, GFile *file)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *text = keyfile_of(gui, name, &error);

	if (!text ||
	    !g_file_replace_contents(file, text, strlen(text), NULL, FALSE,
				     G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error)) {
		g_autofree char *title = g_strdup_printf(_("Cannot export %s"), name);

		l2c_gui_show_error(gui, title, l2c_gui_error_text(error));
		return -EIO;
	}
	return 0;
}
