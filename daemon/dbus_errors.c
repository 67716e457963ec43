#include "config.h"

#include "daemon/dbus_api.h"

#include "profile/profile.h"

static const GDBusErrorEntry daemon_errors[] = {
    {L2C_DAEMON_ERROR_SECRETS_REQUIRED, "org.l2tpconnect.Error.SecretsRequired"},
    {L2C_DAEMON_ERROR_ALREADY_ACTIVE, "org.l2tpconnect.Error.AlreadyActive"},
    {L2C_DAEMON_ERROR_NOT_ACTIVE, "org.l2tpconnect.Error.NotActive"},
};

static const GDBusErrorEntry profile_errors[] = {
    {L2C_PROFILE_ERROR_INVALID, "org.l2tpconnect.Error.Profile.Invalid"},
    {L2C_PROFILE_ERROR_NOT_FOUND, "org.l2tpconnect.Error.Profile.NotFound"},
    {L2C_PROFILE_ERROR_EXISTS, "org.l2tpconnect.Error.Profile.Exists"},
    {L2C_PROFILE_ERROR_BAD_NAME, "org.l2tpconnect.Error.Profile.BadName"},
    {L2C_PROFILE_ERROR_UNKNOWN_KEY, "org.l2tpconnect.Error.Profile.UnknownKey"},
    {L2C_PROFILE_ERROR_IO, "org.l2tpconnect.Error.Profile.IO"},
};

GQuark l2c_daemon_error_quark(void)
{
	static gsize quark;

	g_dbus_error_register_error_domain("l2c-daemon-error-quark", &quark, daemon_errors,
					   G_N_ELEMENTS(daemon_errors));
	return (GQuark)quark;
}

void l2c_dbus_errors_register(void)
{
	static gsize done;

	if (!g_once_init_enter(&done))
		return;
	(void)l2c_daemon_error_quark();
	/* The profile layer owns its quark; only the bus names are added here. */
	for (gsize i = 0; i < G_N_ELEMENTS(profile_errors); i++)
		g_dbus_error_register_error(L2C_PROFILE_ERROR, profile_errors[i].error_code,
					    profile_errors[i].dbus_error_name);
	g_once_init_leave(&done, 1);
}

GDBusConnection *l2c_dbus_client_bus(GError **error)
{
	const char *address = g_getenv(L2C_DBUS_ADDRESS_ENV);

	l2c_dbus_errors_register();
	if (address && *address)
		return g_dbus_connection_new_for_address_sync(
		    address,
		    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
			G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
		    NULL, NULL, error);
	return g_bus_get_sync(G_BUS_TYPE_SYSTEM, NULL, error);
}
