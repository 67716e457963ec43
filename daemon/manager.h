/* org.l2tpconnect.Manager: the stored profiles and the active connections, each method
 * checked with polkit (authority.h) before it runs. */
#pragma once

#include <gio/gio.h>

#include "daemon/reconnect_backoff.h"
#include "supervisor/connection.h"

struct l2c_manager_options {
	const char *profile_dir;	   /* NULL: the system profile directory */
	L2cConnectionOptions connection;   /* runtime_dir, pppd, plugin for every connection */
	gboolean use_polkit;		   /* FALSE: only root and our own uid (see authority.h) */
	const struct l2c_backoff *backoff; /* NULL: l2c_backoff_default */
};

struct l2c_manager;

/* Exports the manager at L2C_DBUS_MANAGER_PATH on `bus`. `options` is copied. */
struct l2c_manager *l2c_manager_new(GDBusConnection *bus, const struct l2c_manager_options *options,
				    GError **error);

/* Unexports. Connections still up are released synchronously (see L2cConnection's dispose);
 * call l2c_manager_stop_all first for a clean teardown. */
void l2c_manager_free(struct l2c_manager *manager);

/* Disconnects every connection and refuses new ones; calls `done` once all are down. */
void l2c_manager_stop_all(struct l2c_manager *manager, void (*done)(gpointer user_data),
			  gpointer user_data);
