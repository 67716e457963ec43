#include "config.h"

#include "gui/gui_client.h"

#include "daemon/dbus_api.h"

#include <errno.h>

L2cDbusManager *l2c_gui_manager_new(GError **error)
{
	g_autoptr(GDBusConnection) bus = l2c_dbus_client_bus(error);
	L2cDbusManager *manager;

	if (!bus)
		return NULL;
	/* The service may start later (D-Bus activation): no autostart at construction, and
	 * no property cache (the Manager has none). */
	manager = l2c_dbus_manager_proxy_new_sync(
	    bus,
	    G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
		G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START_AT_CONSTRUCTION,
	    L2C_DBUS_NAME, L2C_DBUS_MANAGER_PATH, NULL, error);
	/* Disconnect returns when pppd and IPsec are torn down, which may outlast D-Bus's
	 * 25 s default. */
	if (manager)
		g_dbus_proxy_set_default_timeout(G_DBUS_PROXY(manager), 120 * 1000);
	return manager;
}

GHashTable *l2c_gui_get_profile(L2cDbusManager *manager, const char *name, GError **error)
{
	g_autoptr(GVariant) settings = NULL;
	GHashTable *table;
	GVariantIter iter;
	const char *key, *value;

	if (!l2c_dbus_manager_call_get_profile_sync(manager, name, &settings, NULL, error))
		return NULL;
	table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_variant_iter_init(&iter, settings);
	while (g_variant_iter_next(&iter, "{&s&s}", &key, &value))
		g_hash_table_replace(table, g_strdup(key), g_strdup(value));
	return table;
}

GVariant *l2c_gui_dict_from_table(GHashTable *table)
{
	GVariantBuilder builder;
	GHashTableIter iter;
	gpointer key, value;

	g_variant_builder_init(&builder, G_VARIANT_TYPE("a{ss}"));
	if (table) {
		g_hash_table_iter_init(&iter, table);
		while (g_hash_table_iter_next(&iter, &key, &value))
			g_variant_builder_add(&builder, "{ss}", key, value);
	}
	return g_variant_builder_end(&builder);
}

int l2c_gui_save_profile(L2cDbusManager *manager, const char *name, GHashTable *settings,
			 GHashTable *secrets, GError **error)
{
	if (!l2c_dbus_manager_call_save_profile_sync(manager, name,
						     l2c_gui_dict_from_table(settings),
						     l2c_gui_dict_from_table(secrets), NULL, error))
		return -EIO;
	return 0;
}

const char *l2c_gui_error_text(GError *error)
{
	g_dbus_error_strip_remote_error(error);
	return error->message;
}
