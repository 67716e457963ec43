/* The exported org.l2tpconnect.Connection: the generated skeleton, except that BytesIn and
 * BytesOut are read from the PPP interface when a client asks for them, so the service
 * needs no timer (no wakeups) to keep them current. */
#pragma once

#include "daemon/l2c-dbus-generated.h"

G_BEGIN_DECLS

typedef void (*L2cTrafficReader)(gpointer user_data, guint64 *bytes_in, guint64 *bytes_out);

#define L2C_TYPE_CONNECTION_SKELETON (l2c_connection_skeleton_get_type())
G_DECLARE_FINAL_TYPE(L2cConnectionSkeleton, l2c_connection_skeleton, L2C, CONNECTION_SKELETON,
		     L2cDbusConnectionSkeleton)

/* `read_traffic` is called with `user_data` for each read of the counters; it must stay
 * valid while the skeleton is exported. */
L2cDbusConnection *l2c_connection_skeleton_new(L2cTrafficReader read_traffic, gpointer user_data);

G_END_DECLS
