/* One active connection of the service: an L2cConnection, its exported
 * org.l2tpconnect.Connection object, and the reconnect policy.
 *
 * When the link goes down by itself (the server hung up; a dead peer noticed by L2TP HELLO,
 * PPP LCP echo or IPsec DPD) and the profile says l2tp-connect-reconnect=yes, it connects
 * again after a back-off (reconnect_backoff.h), keeping the secrets supplied at Connect; a
 * first connect that fails, and a disconnect that was asked for, are never retried. */
#pragma once

#include <gio/gio.h>

#include "daemon/reconnect_backoff.h"
#include "supervisor/connection.h"

G_BEGIN_DECLS

#define L2C_TYPE_ACTIVE_CONNECTION (l2c_active_connection_get_type())
G_DECLARE_FINAL_TYPE(L2cActiveConnection, l2c_active_connection, L2C, ACTIVE_CONNECTION, GObject)

/* Takes ownership of `profile` (with the secrets supplied for this connect); `options` and
 * `backoff` are copied. Exports the object at `path` on `bus`; it is unexported when the last
 * reference goes. */
L2cActiveConnection *l2c_active_connection_new(GDBusConnection *bus, const char *path,
					       struct l2c_profile *profile,
					       const L2cConnectionOptions *options,
					       const struct l2c_backoff *backoff, GError **error);

void l2c_active_connection_start(L2cActiveConnection *self);

/* Disconnects (also stops waiting for a reconnect); finishes once everything is down. */
void l2c_active_connection_stop_async(L2cActiveConnection *self, GAsyncReadyCallback callback,
				      gpointer user_data);
void l2c_active_connection_stop_finish(L2cActiveConnection *self, GAsyncResult *result);

const char *l2c_active_connection_get_name(L2cActiveConnection *self);
const char *l2c_active_connection_get_path(L2cActiveConnection *self);
/* The state published on the bus: "connecting", "connected", "reconnecting", ... */
const char *l2c_active_connection_get_state(L2cActiveConnection *self);
/* Whether it is up or on its way (connecting, connected, reconnecting, disconnecting), as
 * opposed to failed or disconnected for good. */
gboolean l2c_active_connection_is_live(L2cActiveConnection *self);

G_END_DECLS
