#include "config.h"

#include "gui/connections.h"

#include "daemon/dbus_api.h"
#include "core/profile/profile.h"
#include "gui/keyring.h"
#include "gui/secrets_dialog.h"
#include "gui/tray.h"
#include "util/i18n.h"

/* Tells the user about a state the connection reached, once: the same state can reach us
 * twice, as a StateChanged signal and as the State read when we start following, and the
 * service passes through "disconnecting" while it cleans up after a failure, then reports
 * "failed" again. */
static void announce(struct l2c_gui *gui, L2cDbusConnection *connection, const char *state,
		     const char *reason)
{
	const char *name = l2c_dbus_connection_get_name(connection);
	g_autofree char *title = NULL;

	if (g_str_equal(state, "disconnecting") ||
	    g_strcmp0(g_object_get_data(G_OBJECT(connection), "l2c-announced"), state) == 0)
		return;
	g_object_set_data_full(G_OBJECT(connection), "l2c-announced", g_strdup(state), g_free);
	if (g_str_equal(state, "failed")) {
		title = g_strdup_printf(_("Connecting %s failed"), name);
		l2c_gui_show_error(gui, title, *reason ? reason : _("no reason given"));
	} else if (g_str_equal(state, "connected")) {
		title = g_strdup_printf(_("%s connected"), name);
		l2c_gui_notify(gui, title, l2c_dbus_connection_get_local_address(connection));
	} else if (g_str_equal(state, "reconnecting")) {
		title = g_strdup_printf(_("%s lost its link; connecting again"), name);
		l2c_gui_notify(gui, title, reason);
	} else if (g_str_equal(state, "disconnected")) {
		title = g_strdup_printf(_("%s disconnected"), name);
		l2c_gui_notify(gui, title, reason);
	}
}

static void on_state_changed(L2cDbusConnection *connection, const char *state, const char *reason,
			     gpointer data)
{
	announce(data, connection, state, reason);
	l2c_gui_tray_update(data);
}

static L2cDbusConnection *proxy_for(struct l2c_gui *gui, const char *path)
{
	g_autoptr(GError) error = NULL;
	L2cDbusConnection *connection = g_hash_table_lookup(gui->connections, path);

	if (connection)
		return connection;
	connection = l2c_dbus_connection_proxy_new_sync(
	    g_dbus_proxy_get_connection(G_DBUS_PROXY(gui->manager)), G_DBUS_PROXY_FLAGS_NONE,
	    L2C_DBUS_NAME, path, NULL, &error);
	if (!connection) {
		g_warning("%s: %s", path, error->message);
		return NULL;
	}
	g_signal_connect(connection, "state-changed", G_CALLBACK(on_state_changed), gui);
	g_hash_table_replace(gui->connections, g_strdup(path), connection);
	return connection;
}

/* A connection found at start-up: its state so far is old news. */
static void follow_quietly(struct l2c_gui *gui, const char *path)
{
	gboolean known = g_hash_table_contains(gui->connections, path);
	L2cDbusConnection *connection = proxy_for(gui, path);
	const char *state = connection ? l2c_dbus_connection_get_state(connection) : NULL;

	if (!known && state)
		g_object_set_data_full(G_OBJECT(connection), "l2c-announced", g_strdup(state),
				       g_free);
}

/* A connection started since (by us or another client) may have passed its first states
 * before we listened, as a connect that fails at once does: say where it is now. */
void l2c_gui_connections_follow(struct l2c_gui *gui, const char *path)
{
	L2cDbusConnection *connection = proxy_for(gui, path);
	const char *state = connection ? l2c_dbus_connection_get_state(connection) : NULL;

	if (state)
		announce(gui, connection, state, l2c_dbus_connection_get_last_error(connection));
}

void l2c_gui_connections_refresh(struct l2c_gui *gui)
{
	g_auto(GStrv) paths = NULL;
	GHashTableIter iter;
	gpointer path;

	if (!l2c_dbus_manager_call_list_connections_sync(gui->manager, &paths, NULL, NULL))
		paths = g_new0(char *, 1);
	g_hash_table_iter_init(&iter, gui->connections);
	while (g_hash_table_iter_next(&iter, &path, NULL))
		if (!g_strv_contains((const char *const *)paths, path))
			g_hash_table_iter_remove(&iter);
	for (char **p = paths; *p; p++)
		if (gui->connections_listed)
			l2c_gui_connections_follow(gui, *p);
		else
			follow_quietly(gui, *p);
	gui->connections_listed = TRUE;
}

const char *l2c_gui_connection_state(struct l2c_gui *gui, const char *name)
{
	GHashTableIter iter;
	gpointer connection;

	g_hash_table_iter_init(&iter, gui->connections);
	while (g_hash_table_iter_next(&iter, NULL, &connection))
		if (g_strcmp0(l2c_dbus_connection_get_name(connection), name) == 0)
			return l2c_dbus_connection_get_state(connection);
	return NULL;
}

struct call_context {
	struct l2c_gui *gui;
	char *name;
};

static void call_context_free(struct call_context *context)
{
	g_free(context->name);
	g_free(context);
}

static void on_connect_reply(GObject *source, GAsyncResult *result, gpointer data)
{
	struct call_context *context = data;
	g_autoptr(GError) error = NULL;
	g_autofree char *path = NULL;

	if (l2c_dbus_manager_call_connect_finish(L2C_DBUS_MANAGER(source), &path, result, &error)) {
		l2c_gui_connections_follow(context->gui, path);
	} else {
		g_autofree char *title = g_strdup_printf(_("Cannot connect %s"), context->name);

		l2c_gui_show_error(context->gui, title, l2c_gui_error_text(error));
	}
	l2c_gui_tray_update(context->gui);
	call_context_free(context);
}

/* The missing secrets the user's keyring holds for profile `name`, by name. */
static GHashTable *keyring_secrets(struct l2c_gui *gui, const char *name,
				   const char *const *missing)
{
	GHashTable *found =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)l2c_secret_free);
	g_autoptr(GHashTable) settings = NULL;
	const char *uuid;

	if (!missing[0] || !l2c_gui_keyring_built())
		return found;
	settings = l2c_gui_get_profile(gui->manager, name, NULL);
	uuid = settings ? g_hash_table_lookup(settings, "connection.uuid") : NULL;
	for (const char *const *secret = missing; uuid && *secret; secret++) {
		char *value = l2c_gui_secret_in_keyring(settings, *secret)
				  ? l2c_gui_keyring_lookup(uuid, *secret)
				  : NULL;

		if (value)
			g_hash_table_replace(found, g_strdup(*secret), value);
	}
	return found;
}

static void connect_with_secrets(struct l2c_gui *gui, const char *name, GHashTable *secrets)
{
	struct call_context *context = g_new0(struct call_context, 1);

	context->gui = gui;
	context->name = g_strdup(name);
	/* The service answers at once; the connect itself is followed through StateChanged. */
	l2c_dbus_manager_call_connect(gui->manager, name, l2c_gui_dict_from_table(secrets), NULL,
				      on_connect_reply, context);
}

static void on_secrets_answered(struct l2c_gui *gui, const char *name, GHashTable *secrets)
{
	g_auto(GStrv) missing = NULL;
	g_autoptr(GHashTable) all = NULL;
	GHashTableIter iter;
	gpointer secret, value;

	if (!secrets)
		return;
	/* The dialog asked only for what the keyring lacks; the rest comes from there again. */
	if (!l2c_dbus_manager_call_get_missing_secrets_sync(gui->manager, name, &missing, NULL,
							    NULL))
		missing = g_new0(char *, 1);
	all = keyring_secrets(gui, name, (const char *const *)missing);
	g_hash_table_iter_init(&iter, secrets);
	while (g_hash_table_iter_next(&iter, &secret, &value))
		g_hash_table_replace(all, g_strdup(secret), g_strdup(value));
	connect_with_secrets(gui, name, all);
}

void l2c_gui_connect(struct l2c_gui *gui, const char *name)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) missing = NULL;
	g_autoptr(GHashTable) found = NULL;
	g_autoptr(GPtrArray) ask = g_ptr_array_new();

	if (!l2c_dbus_manager_call_get_missing_secrets_sync(gui->manager, name, &missing, NULL,
							    &error)) {
		g_autofree char *title = g_strdup_printf(_("Cannot connect %s"), name);

		l2c_gui_show_error(gui, title, l2c_gui_error_text(error));
		return;
	}
	found = keyring_secrets(gui, name, (const char *const *)missing);
	for (char **secret = missing; *secret; secret++)
		if (!g_hash_table_contains(found, *secret))
			g_ptr_array_add(ask, *secret);
	g_ptr_array_add(ask, NULL);
	if (ask->len > 1)
		l2c_gui_secrets_dialog_run(gui, name, (const char *const *)ask->pdata,
					   on_secrets_answered);
	else
		connect_with_secrets(gui, name, found);
}

static void on_disconnect_reply(GObject *source, GAsyncResult *result, gpointer data)
{
	struct call_context *context = data;
	g_autoptr(GError) error = NULL;

	if (!l2c_dbus_manager_call_disconnect_finish(L2C_DBUS_MANAGER(source), result, &error)) {
		g_autofree char *title = g_strdup_printf(_("Cannot disconnect %s"), context->name);

		l2c_gui_show_error(context->gui, title, l2c_gui_error_text(error));
	}
	l2c_gui_connections_refresh(context->gui);
	l2c_gui_tray_update(context->gui);
	call_context_free(context);
}

void l2c_gui_disconnect(struct l2c_gui *gui, const char *name)
{
	struct call_context *context = g_new0(struct call_context, 1);

	context->gui = gui;
	context->name = g_strdup(name);
	l2c_dbus_manager_call_disconnect(gui->manager, name, NULL, on_disconnect_reply, context);
}
