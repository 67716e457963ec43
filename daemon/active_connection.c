#include "config.h"

#include "daemon/active_connection.h"

#include "daemon/connection_skeleton.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG "daemon"

struct _L2cActiveConnection {
	GObject parent;

	char *path;
	L2cConnection *connection;
	L2cDbusConnection *skeleton;
	struct l2c_backoff backoff;
	gboolean reconnect_wanted; /* the profile's l2tp-connect-reconnect */

	gboolean ever_connected; /* reconnects only re-establish a link that was up */
	gboolean retrying;	 /* the link went down by itself; bringing it back */
	unsigned attempt;	 /* reconnect attempts that failed in a row, plus the next */
	guint retry_id;
	unsigned reconnects;

	gboolean stopping; /* a disconnect was asked for */
	GPtrArray *stop_tasks;
	const char *published; /* the State on the bus */
};

G_DEFINE_TYPE(L2cActiveConnection, l2c_active_connection, G_TYPE_OBJECT)

static void start_connect(L2cActiveConnection *self);

const char *l2c_active_connection_get_name(L2cActiveConnection *self)
{
	return l2c_dbus_connection_get_name(self->skeleton);
}

const char *l2c_active_connection_get_path(L2cActiveConnection *self)
{
	return self->path;
}

const char *l2c_active_connection_get_state(L2cActiveConnection *self)
{
	return self->published;
}

gboolean l2c_active_connection_is_live(L2cActiveConnection *self)
{
	L2cConnectionState state = l2c_connection_get_state(self->connection);

	return self->retrying || self->retry_id ||
	       (state != L2C_CONNECTION_DISCONNECTED && state != L2C_CONNECTION_FAILED);
}

/* --- what the bus sees --------------------------------------------------------------------- */

static const char *bus_state(L2cActiveConnection *self)
{
	L2cConnectionState state = l2c_connection_get_state(self->connection);
	gboolean down = state == L2C_CONNECTION_DISCONNECTED || state == L2C_CONNECTION_FAILED;

	if (self->stopping)
		return down ? "disconnected" : "disconnecting";
	if (state == L2C_CONNECTION_CONNECTED)
		return "connected";
	if (self->retrying)
		return "reconnecting";
	return l2c_connection_state_name(state);
}

static void publish_info(L2cActiveConnection *self)
{
	const L2cConnectionInfo *info = l2c_connection_get_info(self->connection);
	static const char *const none[] = {NULL};

	l2c_dbus_connection_set_stage(self->skeleton,
				      l2c_stage_name(l2c_connection_get_stage(self->connection)));
	l2c_dbus_connection_set_interface(self->skeleton, info->ifname ? info->ifname : "");
	l2c_dbus_connection_set_local_address(self->skeleton,
					      info->local_address ? info->local_address : "");
	l2c_dbus_connection_set_peer_address(self->skeleton,
					     info->peer_address ? info->peer_address : "");
	l2c_dbus_connection_set_gateway(self->skeleton,
					info->gateway_address ? info->gateway_address : "");
	l2c_dbus_connection_set_dns(self->skeleton, info->dns ? info->dns : none);
	l2c_dbus_connection_set_datapath(self->skeleton, info->datapath ? info->datapath : "");
	l2c_dbus_connection_set_connected_since(self->skeleton,
						(guint64)(info->connected_since / G_USEC_PER_SEC));
	l2c_dbus_connection_set_reconnects(self->skeleton, self->reconnects);
}

/* Properties first, then the signal, so a client reacting to StateChanged reads the new
 * values. */
static void publish(L2cActiveConnection *self, const char *reason)
{
	const char *state = bus_state(self);

	if (reason)
		l2c_dbus_connection_set_last_error(self->skeleton, reason);
	publish_info(self);
	l2c_dbus_connection_set_state(self->skeleton, state);
	g_dbus_interface_skeleton_flush(G_DBUS_INTERFACE_SKELETON(self->skeleton));
	if (self->published == state && !reason)
		return;
	self->published = state;
	l2c_dbus_connection_emit_state_changed(self->skeleton, state, reason ? reason : "");
}

static void read_traffic(gpointer user_data, guint64 *bytes_in, guint64 *bytes_out)
{
	L2cActiveConnection *self = user_data;

	l2c_connection_get_traffic(self->connection, bytes_in, bytes_out);
}

/* --- stopping ------------------------------------------------------------------------------ */

static void complete_stop_tasks(L2cActiveConnection *self)
{
	g_autoptr(GPtrArray) tasks = g_steal_pointer(&self->stop_tasks);

	for (guint i = 0; tasks && i < tasks->len; i++)
		g_task_return_boolean(tasks->pdata[i], TRUE);
}

static void on_disconnected(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(L2cActiveConnection) self = user_data;

	l2c_connection_disconnect_finish(L2C_CONNECTION(source), result);
	publish(self, NULL);
	complete_stop_tasks(self);
}

void l2c_active_connection_stop_async(L2cActiveConnection *self, GAsyncReadyCallback callback,
				      gpointer user_data)
{
	GTask *task = g_task_new(self, NULL, callback, user_data);

	if (!self->stop_tasks)
		self->stop_tasks = g_ptr_array_new_with_free_func(g_object_unref);
	g_ptr_array_add(self->stop_tasks, task);
	if (self->stopping)
		return; /* the first stop completes them all */
	self->stopping = TRUE;
	self->retrying = FALSE;
	g_clear_handle_id(&self->retry_id, g_source_remove);
	l2c_info(LOG, "%s: disconnecting", l2c_active_connection_get_name(self));
	l2c_connection_disconnect_async(self->connection, NULL, on_disconnected,
					g_object_ref(self));
}

void l2c_active_connection_stop_finish(L2cActiveConnection *self, GAsyncResult *result)
{
	g_task_propagate_boolean(G_TASK(result), NULL);
}

/* --- the reconnect policy ------------------------------------------------------------------ */

static gboolean on_retry_due(gpointer user_data)
{
	L2cActiveConnection *self = user_data;

	self->retry_id = 0;
	l2c_info(LOG, "%s: reconnecting (attempt %u)", l2c_active_connection_get_name(self),
		 self->attempt);
	start_connect(self);
	return G_SOURCE_REMOVE;
}

/* The link is down (or a reconnect attempt failed): try again later, or give up. */
static void schedule_retry(L2cActiveConnection *self, const char *reason)
{
	unsigned delay;
	g_autofree char *text = NULL;

	self->attempt++;
	if (!l2c_backoff_may_retry(&self->backoff, self->attempt)) {
		self->retrying = FALSE;
		text = g_strdup_printf(_("gave up reconnecting after %u attempts: %s"),
				       self->attempt - 1, reason ? reason : "");
		l2c_warn(LOG, "%s: %s", l2c_active_connection_get_name(self), text);
		publish(self, text);
		return;
	}
	delay = l2c_backoff_delay_ms(&self->backoff, self->attempt, g_random_int());
	l2c_info(LOG, "%s: reconnecting in %u ms", l2c_active_connection_get_name(self), delay);
	self->retry_id = g_timeout_add(delay, on_retry_due, self);
	publish(self, reason);
}

static gboolean should_reconnect(L2cActiveConnection *self)
{
	return self->reconnect_wanted && self->ever_connected && !self->stopping;
}

static void on_state_changed(L2cConnection *connection, guint state, const char *reason,
			     gpointer user_data)
{
	L2cActiveConnection *self = user_data;

	switch ((L2cConnectionState)state) {
	case L2C_CONNECTION_CONNECTED:
		if (self->retrying)
			self->reconnects++;
		self->retrying = FALSE;
		self->attempt = 0;
		self->ever_connected = TRUE;
		publish(self, NULL);
		return;
	case L2C_CONNECTION_DISCONNECTING:
		/* A reason means nobody asked: the link died or a stage failed. */
		if (reason && should_reconnect(self) && !self->retrying) {
			self->retrying = TRUE;
			l2c_warn(
			    LOG,
			    _("%s: the link went down (%s); reconnecting once it is torn down"),
			    l2c_active_connection_get_name(self), reason);
		}
		publish(self, reason);
		return;
	case L2C_CONNECTION_DISCONNECTED:
	case L2C_CONNECTION_FAILED:
		if (self->retrying && should_reconnect(self)) {
			schedule_retry(self, reason);
			return;
		}
		publish(self, reason);
		return;
	case L2C_CONNECTION_CONNECTING:
		publish(self, NULL);
		return;
	}
}

static void on_stage_changed(L2cConnection *connection, guint stage, gpointer user_data)
{
	L2cActiveConnection *self = user_data;

	publish_info(self);
}

/* --- connecting ---------------------------------------------------------------------------- */

static void on_connected(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(L2cActiveConnection) self = user_data;
	g_autoptr(GError) error = NULL;

	/* Success and failure both arrive through "state-changed" as well, which is where
	 * they are handled; this only completes the call. */
	if (!l2c_connection_connect_finish(L2C_CONNECTION(source), result, &error))
		l2c_debug(LOG, "%s: connect ended: %s", l2c_active_connection_get_name(self),
			  error->message);
}

static void start_connect(L2cActiveConnection *self)
{
	l2c_connection_connect_async(self->connection, NULL, on_connected, g_object_ref(self));
}

void l2c_active_connection_start(L2cActiveConnection *self)
{
	l2c_info(LOG, "%s: connecting", l2c_active_connection_get_name(self));
	start_connect(self);
}

/* --- life cycle ---------------------------------------------------------------------------- */

static void l2c_active_connection_dispose(GObject *object)
{
	L2cActiveConnection *self = L2C_ACTIVE_CONNECTION(object);

	g_clear_handle_id(&self->retry_id, g_source_remove);
	if (self->connection)
		g_signal_handlers_disconnect_by_data(self->connection, self);
	/* Dropping the last reference of a live connection still leaves nothing behind:
	 * L2cConnection's dispose releases everything synchronously. */
	g_clear_object(&self->connection);
	if (self->skeleton) {
		GDBusInterfaceSkeleton *skeleton = G_DBUS_INTERFACE_SKELETON(self->skeleton);

		if (g_dbus_interface_skeleton_get_connection(skeleton))
			g_dbus_interface_skeleton_unexport(skeleton);
		g_clear_object(&self->skeleton);
	}
	complete_stop_tasks(self);
	G_OBJECT_CLASS(l2c_active_connection_parent_class)->dispose(object);
}

static void l2c_active_connection_finalize(GObject *object)
{
	L2cActiveConnection *self = L2C_ACTIVE_CONNECTION(object);

	g_free(self->path);
	G_OBJECT_CLASS(l2c_active_connection_parent_class)->finalize(object);
}

static void l2c_active_connection_class_init(L2cActiveConnectionClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = l2c_active_connection_dispose;
	object_class->finalize = l2c_active_connection_finalize;
}

static void l2c_active_connection_init(L2cActiveConnection *self)
{
}

L2cActiveConnection *l2c_active_connection_new(GDBusConnection *bus, const char *path,
					       struct l2c_profile *profile,
					       const L2cConnectionOptions *options,
					       const struct l2c_backoff *backoff, GError **error)
{
	g_autoptr(L2cActiveConnection) self = g_object_new(L2C_TYPE_ACTIVE_CONNECTION, NULL);
	const char *name = profile->name;

	self->path = g_strdup(path);
	self->backoff = *backoff;
	self->reconnect_wanted = profile->vpn.reconnect;
	self->skeleton = l2c_connection_skeleton_new(read_traffic, self);
	l2c_dbus_connection_set_name(self->skeleton, name);
	l2c_dbus_connection_set_last_error(self->skeleton, "");
	self->connection = l2c_connection_new(profile, options);
	g_signal_connect(self->connection, "state-changed", G_CALLBACK(on_state_changed), self);
	g_signal_connect(self->connection, "stage-changed", G_CALLBACK(on_stage_changed), self);
	self->published = l2c_connection_state_name(L2C_CONNECTION_DISCONNECTED);
	l2c_dbus_connection_set_state(self->skeleton, self->published);
	publish_info(self);
	if (!g_dbus_interface_skeleton_export(G_DBUS_INTERFACE_SKELETON(self->skeleton), bus, path,
					      error))
		return NULL;
	return g_steal_pointer(&self);
}
