/* The names of l2tp-connectd's D-Bus API (org.l2tpconnect.Daemon.xml), shared by the service
 * and its clients, and the errors it returns. */
#pragma once

#include <gio/gio.h>

#define L2C_DBUS_NAME			"org.l2tpconnect.Daemon"
#define L2C_DBUS_MANAGER_PATH		"/org/l2tpconnect/Daemon"
#define L2C_DBUS_CONNECTION_PATH_PREFIX "/org/l2tpconnect/Daemon/Connection/"
#define L2C_DBUS_MANAGER_INTERFACE	"org.l2tpconnect.Manager"

/* Where clients find the service: $L2TP_CONNECT_BUS_ADDRESS (tests), else the system bus. */
#define L2C_DBUS_ADDRESS_ENV "L2TP_CONNECT_BUS_ADDRESS"

/* Our own errors; profile errors travel as L2C_PROFILE_ERROR (org.l2tpconnect.Error.Profile.*)
 * and refusals as G_DBUS_ERROR_ACCESS_DENIED. */
#define L2C_DAEMON_ERROR (l2c_daemon_error_quark())
GQuark l2c_daemon_error_quark(void);

enum l2c_daemon_error {
	L2C_DAEMON_ERROR_SECRETS_REQUIRED, /* Connect without a secret the profile lacks */
	L2C_DAEMON_ERROR_ALREADY_ACTIVE,   /* Connect of a profile that is connected */
	L2C_DAEMON_ERROR_NOT_ACTIVE,	   /* Disconnect of a profile that is not */
};

/* Registers the D-Bus names of L2C_DAEMON_ERROR and L2C_PROFILE_ERROR, so errors cross the
 * bus with their domain and code. Idempotent; both the service and clients call it. */
void l2c_dbus_errors_register(void);

/* Connects to the bus clients use (see L2C_DBUS_ADDRESS_ENV). */
GDBusConnection *l2c_dbus_client_bus(GError **error);
