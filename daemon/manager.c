#include "config.h"

#include "daemon/manager.h"

#include <string.h>

#include "daemon/active_connection.h"
#include "daemon/authority.h"
#include "daemon/dbus_api.h"
#include "daemon/l2c-dbus-generated.h"
#include "daemon/settings_dict.h"
#include "profile/profile_store.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG "daemon"
/* NetworkManager's keyfiles are a few KiB; anything much larger is not one. */
#define IMPORT_MAX_BYTES (1024u * 1024u)

struct l2c_manager {
	GDBusConnection *bus;
	L2cDbusManager *skeleton;
	struct l2c_profile_store *store;
	struct l2c_authority *authority;
	L2cConnectionOptions connection_options; /* strings owned */
	struct l2c_backoff backoff;
	GHashTable *connections; /* profile name → L2cActiveConnection */
	guint64 next_id;
	gboolean stopping;

	void (*stopped)(gpointer user_data);
	gpointer stopped_data;
	guint stops_pending;
};

/* What a method does once the caller is authorized. */
typedef void (*authorized_fn)(struct l2c_manager *manager, GDBusMethodInvocation *invocation);

struct pending_call {
	struct l2c_manager *manager;
	GDBusMethodInvocation *invocation;
	authorized_fn run;
};

static void on_authorized(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct pending_call *call = user_data;
	GError *error = NULL;

	if (l2c_authority_check_finish(result, &error))
		call->run(call->manager, call->invocation);
	else
		g_dbus_method_invocation_take_error(call->invocation, error);
	g_object_unref(call->invocation);
	g_free(call);
}

static void run_authorized(struct l2c_manager *manager, GDBusMethodInvocation *invocation,
			   const char *action_id, authorized_fn run)
{
	struct pending_call *call = g_new0(struct pending_call, 1);

	call->manager = manager;
	call->invocation = g_object_ref(invocation);
	call->run = run;
	l2c_authority_check_async(manager->authority, invocation, action_id, on_authorized, call);
}

/* Replies with `error` (a profile error keeps its domain on the bus) and frees it. */
static void reply_error(GDBusMethodInvocation *invocation, GError *error)
{
	g_dbus_method_invocation_take_error(invocation, error);
}

/* --- profiles: reading needs no authorization, nothing returned is secret ------------------ */

static gboolean on_list_profiles(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
				 gpointer user_data)
{
	struct l2c_manager *manager = user_data;
	g_auto(GStrv) names = NULL;
	GError *error = NULL;

	if (l2c_profile_store_list(manager->store, &names, &error) < 0)
		reply_error(invocation, error);
	else
		l2c_dbus_manager_complete_list_profiles(skeleton, invocation,
							(const char *const *)names);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean on_get_profile(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
			       const char *name, gpointer user_data)
{
	struct l2c_manager *manager = user_data;
	g_autoptr(l2c_profile) profile = NULL;
	GError *error = NULL;

	/* For editing: a profile whose certificate moved must still be readable. */
	if (l2c_profile_store_load_for_edit(manager->store, name, &profile, NULL, &error) < 0) {
		reply_error(invocation, error);
		return G_DBUS_METHOD_INVOCATION_HANDLED;
	}
	l2c_dbus_manager_complete_get_profile(skeleton, invocation,
					      l2c_settings_from_profile(profile));
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean on_get_missing_secrets(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
				       const char *name, gpointer user_data)
{
	struct l2c_manager *manager = user_data;
	g_autoptr(l2c_profile) profile = NULL;
	g_auto(GStrv) missing = NULL;
	GError *error = NULL;

	if (l2c_profile_store_load(manager->store, name, &profile, NULL, &error) < 0) {
		reply_error(invocation, error);
		return G_DBUS_METHOD_INVOCATION_HANDLED;
	}
	missing = l2c_secrets_missing_names(profile);
	l2c_dbus_manager_complete_get_missing_secrets(skeleton, invocation,
						      (const char *const *)missing);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* --- profiles: changes need org.l2tpconnect.modify-profiles -------------------------------- */

static int load_or_create(struct l2c_manager *manager, const char *name,
			  struct l2c_profile **profile, GError **error)
{
	int r = l2c_profile_name_check(name, error);

	if (r < 0)
		return r;
	if (l2c_profile_store_exists(manager->store, name))
		return l2c_profile_store_load_for_edit(manager->store, name, profile, NULL, error);
	return l2c_profile_new(name, profile);
}

static void save_profile(struct l2c_manager *manager, GDBusMethodInvocation *invocation)
{
	g_autoptr(GVariant) settings = NULL;
	g_autoptr(GVariant) secrets = NULL;
	g_autoptr(l2c_profile) profile = NULL;
	g_autofree char *name = NULL;
	GError *error = NULL;

	g_variant_get(g_dbus_method_invocation_get_parameters(invocation), "(s@a{ss}@a{ss})", &name,
		      &settings, &secrets);
	if (load_or_create(manager, name, &profile, &error) < 0 ||
	    l2c_settings_apply(profile, settings, &error) < 0 ||
	    l2c_secrets_apply(profile, secrets, true, &error) < 0 ||
	    l2c_profile_store_save(manager->store, profile, true, &error) < 0) {
		reply_error(invocation, error);
		return;
	}
	l2c_info(LOG, "profile %s saved", name);
	l2c_dbus_manager_complete_save_profile(manager->skeleton, invocation);
}

static gboolean on_save_profile(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
				const char *name, GVariant *settings, GVariant *secrets,
				gpointer user_data)
{
	run_authorized(user_data, invocation, L2C_ACTION_MODIFY_PROFILES, save_profile);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void delete_profile(struct l2c_manager *manager, GDBusMethodInvocation *invocation)
{
	const char *name;
	GError *error = NULL;

	g_variant_get(g_dbus_method_invocation_get_parameters(invocation), "(&s)", &name);
	if (l2c_profile_store_delete(manager->store, name, &error) < 0) {
		reply_error(invocation, error);
		return;
	}
	l2c_info(LOG, "profile %s deleted", name);
	l2c_dbus_manager_complete_delete_profile(manager->skeleton, invocation);
}

static gboolean on_delete_profile(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
				  const char *name, gpointer user_data)
{
	run_authorized(user_data, invocation, L2C_ACTION_MODIFY_PROFILES, delete_profile);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void import_profile(struct l2c_manager *manager, GDBusMethodInvocation *invocation)
{
	const char *contents;
	g_autoptr(l2c_profile) profile = NULL;
	GError *error = NULL;

	g_variant_get(g_dbus_method_invocation_get_parameters(invocation), "(&s)", &contents);
	if (strlen(contents) > IMPORT_MAX_BYTES) {
		reply_error(invocation, g_error_new(L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID,
						    _("a profile of more than %u bytes is not a "
						      "VPN profile"),
						    IMPORT_MAX_BYTES));
		return;
	}
	if (l2c_profile_parse(contents, strlen(contents), &profile, NULL, &error) < 0) {
		reply_error(invocation, error);
		return;
	}
	if (profile->connection.id)
		profile->name = l2c_profile_name_from_text(profile->connection.id);
	if (!profile->name) {
		reply_error(invocation,
			    g_error_new(L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_BAD_NAME,
					_("[connection] id gives no usable profile name")));
		return;
	}
	if (l2c_profile_store_save(manager->store, profile, false, &error) < 0) {
		reply_error(invocation, error);
		return;
	}
	l2c_info(LOG, "profile %s imported", profile->name);
	l2c_dbus_manager_complete_import_profile(manager->skeleton, invocation, profile->name);
}

static gboolean on_import_profile(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
				  const char *contents, gpointer user_data)
{
	run_authorized(user_data, invocation, L2C_ACTION_MODIFY_PROFILES, import_profile);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* --- connections ----------------------------------------------------------------------------- */

static GError *missing_secrets_error(const struct l2c_profile *profile)
{
	g_auto(GStrv) missing = l2c_secrets_missing_names(profile);
	g_autofree char *list = NULL;

	if (!missing[0])
		return NULL;
	list = g_strjoinv(", ", missing);
	return g_error_new(L2C_DAEMON_ERROR, L2C_DAEMON_ERROR_SECRETS_REQUIRED,
			   _("%s needs secrets the profile does not store: %s"), profile->name,
			   list);
}

static int load_for_connect(struct l2c_manager *manager, const char *name, GVariant *secrets,
			    struct l2c_profile **out, GError **error)
{
	g_autoptr(l2c_profile) profile = NULL;
	GError *missing;

	if (l2c_profile_store_load(manager->store, name, &profile, NULL, error) < 0 ||
	    l2c_secrets_apply(profile, secrets, false, error) < 0)
		return -1;
	missing = missing_secrets_error(profile);
	if (missing) {
		g_propagate_error(error, missing);
		return -1;
	}
	*out = g_steal_pointer(&profile);
	return 0;
}

static GError *busy_error(L2cActiveConnection *active)
{
	return g_error_new(L2C_DAEMON_ERROR, L2C_DAEMON_ERROR_ALREADY_ACTIVE,
			   _("%s is already %s (disconnect it first)"),
			   l2c_active_connection_get_name(active),
			   l2c_active_connection_get_state(active));
}

static void connect_profile(struct l2c_manager *manager, GDBusMethodInvocation *invocation)
{
	g_autoptr(GVariant) secrets = NULL;
	g_autofree char *name = NULL;
	g_autofree char *path = NULL;
	struct l2c_profile *profile = NULL;
	L2cActiveConnection *active;
	GError *error = NULL;

	g_variant_get(g_dbus_method_invocation_get_parameters(invocation), "(s@a{ss})", &name,
		      &secrets);
	active = g_hash_table_lookup(manager->connections, name);
	if (manager->stopping)
		error = g_error_new(G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER,
				    _("l2tp-connectd is shutting down"));
	else if (active && l2c_active_connection_is_live(active))
		error = busy_error(active);
	if (error || load_for_connect(manager, name, secrets, &profile, &error) < 0) {
		reply_error(invocation, error);
		return;
	}
	path = g_strdup_printf(L2C_DBUS_CONNECTION_PATH_PREFIX "%" G_GUINT64_FORMAT,
			       ++manager->next_id);
	/* A failed connection of the same name made way for this one. */
	g_hash_table_remove(manager->connections, name);
	active = l2c_active_connection_new(manager->bus, path, profile,
					   &manager->connection_options, &manager->backoff, &error);
	if (!active) {
		reply_error(invocation, error);
		return;
	}
	g_hash_table_insert(manager->connections, g_strdup(name), active);
	l2c_active_connection_start(active);
	l2c_dbus_manager_complete_connect(manager->skeleton, invocation, path);
}

static gboolean on_connect(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
			   const char *name, GVariant *secrets, gpointer user_data)
{
	run_authorized(user_data, invocation, L2C_ACTION_CONNECT, connect_profile);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

struct disconnect_call {
	struct l2c_manager *manager;
	GDBusMethodInvocation *invocation; /* NULL for stop_all */
};

static void stop_one_done(struct l2c_manager *manager)
{
	if (manager->stops_pending == 0 || --manager->stops_pending > 0 || !manager->stopping)
		return;
	if (manager->stopped)
		manager->stopped(manager->stopped_data);
}

static void on_stopped(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct disconnect_call *call = user_data;
	L2cActiveConnection *active = L2C_ACTIVE_CONNECTION(source);
	const char *name = l2c_active_connection_get_name(active);

	l2c_active_connection_stop_finish(active, result);
	if (call->invocation)
		l2c_dbus_manager_complete_disconnect(call->manager->skeleton, call->invocation);
	else
		stop_one_done(call->manager);
	/* Gone from the bus once it is down, unless a new Connect already replaced it. */
	if (g_hash_table_lookup(call->manager->connections, name) == active)
		g_hash_table_remove(call->manager->connections, name);
	g_clear_object(&call->invocation);
	g_free(call);
}

static void stop_connection(struct l2c_manager *manager, L2cActiveConnection *active,
			    GDBusMethodInvocation *invocation)
{
	struct disconnect_call *call = g_new0(struct disconnect_call, 1);

	call->manager = manager;
	call->invocation = invocation ? g_object_ref(invocation) : NULL;
	l2c_active_connection_stop_async(active, on_stopped, call);
}

static void disconnect_profile(struct l2c_manager *manager, GDBusMethodInvocation *invocation)
{
	const char *name;
	L2cActiveConnection *active;

	g_variant_get(g_dbus_method_invocation_get_parameters(invocation), "(&s)", &name);
	active = g_hash_table_lookup(manager->connections, name);
	if (!active) {
		reply_error(invocation, g_error_new(L2C_DAEMON_ERROR, L2C_DAEMON_ERROR_NOT_ACTIVE,
						    _("%s is not connected"), name));
		return;
	}
	stop_connection(manager, active, invocation);
}

static gboolean on_disconnect(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
			      const char *name, gpointer user_data)
{
	run_authorized(user_data, invocation, L2C_ACTION_DISCONNECT, disconnect_profile);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean on_list_connections(L2cDbusManager *skeleton, GDBusMethodInvocation *invocation,
				    gpointer user_data)
{
	struct l2c_manager *manager = user_data;
	g_autoptr(GPtrArray) paths = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;

	g_hash_table_iter_init(&iter, manager->connections);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(paths, (gpointer)l2c_active_connection_get_path(value));
	g_ptr_array_add(paths, NULL);
	l2c_dbus_manager_complete_list_connections(skeleton, invocation,
						   (const char *const *)paths->pdata);
	return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void l2c_manager_stop_all(struct l2c_manager *manager, void (*done)(gpointer user_data),
			  gpointer user_data)
{
	g_autoptr(GPtrArray) live = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;

	manager->stopping = TRUE;
	manager->stopped = done;
	manager->stopped_data = user_data;
	g_hash_table_iter_init(&iter, manager->connections);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(live, value);
	/* One extra count so that stops finishing at once cannot complete early. */
	manager->stops_pending = live->len + 1;
	for (guint i = 0; i < live->len; i++)
		stop_connection(manager, live->pdata[i], NULL);
	stop_one_done(manager);
}

/* --- life cycle ------------------------------------------------------------------------------ */

static void connect_handlers(struct l2c_manager *manager)
{
	static const struct {
		const char *signal;
		GCallback handler;
	} handlers[] = {
	    {"handle-list-profiles", G_CALLBACK(on_list_profiles)},
	    {"handle-get-profile", G_CALLBACK(on_get_profile)},
	    {"handle-get-missing-secrets", G_CALLBACK(on_get_missing_secrets)},
	    {"handle-save-profile", G_CALLBACK(on_save_profile)},
	    {"handle-delete-profile", G_CALLBACK(on_delete_profile)},
	    {"handle-import-profile", G_CALLBACK(on_import_profile)},
	    {"handle-connect", G_CALLBACK(on_connect)},
	    {"handle-disconnect", G_CALLBACK(on_disconnect)},
	    {"handle-list-connections", G_CALLBACK(on_list_connections)},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(handlers); i++)
		g_signal_connect(manager->skeleton, handlers[i].signal, handlers[i].handler,
				 manager);
}

static void copy_connection_options(L2cConnectionOptions *to, const L2cConnectionOptions *from)
{
	*to = *from;
	to->runtime_dir = g_strdup(from->runtime_dir);
	to->pppd_path = g_strdup(from->pppd_path);
	to->plugin_path = g_strdup(from->plugin_path);
}

struct l2c_manager *l2c_manager_new(GDBusConnection *bus, const struct l2c_manager_options *options,
				    GError **error)
{
	struct l2c_manager *manager = g_new0(struct l2c_manager, 1);

	l2c_dbus_errors_register();
	manager->bus = g_object_ref(bus);
	manager->store = l2c_profile_store_new(options->profile_dir);
	manager->authority = l2c_authority_new(bus, options->use_polkit);
	copy_connection_options(&manager->connection_options, &options->connection);
	manager->backoff = options->backoff ? *options->backoff : l2c_backoff_default;
	manager->connections =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
	manager->skeleton = l2c_dbus_manager_skeleton_new();
	connect_handlers(manager);
	if (!g_dbus_interface_skeleton_export(G_DBUS_INTERFACE_SKELETON(manager->skeleton), bus,
					      L2C_DBUS_MANAGER_PATH, error)) {
		l2c_manager_free(manager);
		return NULL;
	}
	return manager;
}

void l2c_manager_free(struct l2c_manager *manager)
{
	GDBusInterfaceSkeleton *skeleton;

	if (!manager)
		return;
	skeleton = G_DBUS_INTERFACE_SKELETON(manager->skeleton);
	if (g_dbus_interface_skeleton_get_connection(skeleton))
		g_dbus_interface_skeleton_unexport(skeleton);
	g_object_unref(manager->skeleton);
	g_hash_table_unref(manager->connections);
	g_free((char *)manager->connection_options.runtime_dir);
	g_free((char *)manager->connection_options.pppd_path);
	g_free((char *)manager->connection_options.plugin_path);
	l2c_authority_free(manager->authority);
	l2c_profile_store_free(manager->store);
	g_object_unref(manager->bus);
	g_free(manager);
}
