#include "config.h"

#include "cli/daemon_client.h"

#include "cli/cli.h"
#include "daemon/dbus_api.h"
#include "util/i18n.h"

#include <stdio.h>

GDBusConnection *l2c_cli_bus(void)
{
	g_autoptr(GError) error = NULL;
	GDBusConnection *bus = l2c_dbus_client_bus(&error);

	if (!bus)
		fprintf(stderr, _("%s: cannot reach the message bus: %s\n"), L2C_CLI_NAME,
			error->message);
	return bus;
}

GVariant *l2c_cli_call(GDBusConnection *bus, const char *path, const char *interface,
		       const char *method, GVariant *parameters, const char *reply_type,
		       int timeout_ms, GError **error)
{
	return g_dbus_connection_call_sync(bus, L2C_DBUS_NAME, path, interface, method, parameters,
					   reply_type ? G_VARIANT_TYPE(reply_type) : NULL,
					   G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION,
					   timeout_ms, NULL, error);
}

static const char *hint_for(const GError *error)
{
	if (g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
	    g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
		return _("the l2tp-connectd service is not running or not installed (systemctl "
			 "status l2tp-connectd); 'up --foreground' works without it, as root");
	if (g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
		return _("ask an administrator for the right, or use sudo");
	return NULL;
}

int l2c_cli_fail_remote(GError *error)
{
	const char *hint;

	g_dbus_error_strip_remote_error(error);
	hint = hint_for(error);
	if (hint)
		fprintf(stderr, _("%s: %s (%s)\n"), L2C_CLI_NAME, error->message, hint);
	if (hint || error->domain == L2C_DAEMON_ERROR) {
		int code = g_error_matches(error, L2C_DAEMON_ERROR, L2C_DAEMON_ERROR_NOT_ACTIVE)
			       ? L2C_EXIT_NOT_FOUND
			       : L2C_EXIT_FAILURE;

		if (!hint)
			fprintf(stderr, "%s: %s\n", L2C_CLI_NAME, error->message);
		g_error_free(error);
		return code;
	}
	/* Profile errors keep their domain across the bus: the usual exit codes apply. */
	return l2c_cli_fail(error);
}

void l2c_cli_print_connected(const char *name, const char *ifname, const char *local_address,
			     const char *peer_address, const char *const *dns, const char *datapath)
{
	g_autofree char *dns_text =
	    dns && dns[0] ? g_strjoinv(",", (char **)dns) : g_strdup(_("none"));

	printf(_("connected %s: interface %s, local %s, peer %s, DNS %s, data path %s\n"), name,
	       ifname, local_address, peer_address && *peer_address ? peer_address : "-", dns_text,
	       datapath);
	fflush(stdout);
}
