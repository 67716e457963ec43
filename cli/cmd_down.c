/* l2tp-connect down NAME: asks l2tp-connectd to disconnect and waits until everything is
 * undone. */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"

#include "daemon/dbus_api.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>

/* A dead server makes the tunnel's goodbye wait for its retransmissions (~31 s). */
#define DISCONNECT_TIMEOUT_MS 90000

static const char *help_text(void)
{
	return _("Usage: l2tp-connect down NAME\n"
		 "\n"
		 "Disconnect a profile the l2tp-connectd service connected, and wait until\n"
		 "everything is undone: routes and DNS restored, PPP hung up, the L2TP session\n"
		 "and tunnel closed, the IPsec SA removed. (A connection made with\n"
		 "'up --foreground' ends with that process: press Ctrl-C there.)\n"
		 "\n"
		 "Options:\n"
		 "  -h, --help   show this help\n"
		 "\n"
		 "Exit status: 0 disconnected, 1 failure or not authorized, 4 not connected.\n"
		 "\n"
		 "Example:\n"
		 "  l2tp-connect down office\n");
}

int l2c_cmd_down(int argc, char **argv)
{
	static const struct option options[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	g_autoptr(GDBusConnection) bus = NULL;
	g_autoptr(GVariant) reply = NULL;
	GError *error = NULL;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h')
			return l2c_cli_print_help(help_text());
		return l2c_cli_usage_error("down", _("unknown option '%s'"), argv[optind - 1]);
	}
	if (argc - optind != 1)
		return l2c_cli_usage_error("down", _("expected one profile name"));
	bus = l2c_cli_bus();
	if (!bus)
		return L2C_EXIT_FAILURE;
	reply =
	    l2c_cli_call(bus, L2C_DBUS_MANAGER_PATH, "org.l2tpconnect.Manager", "Disconnect",
			 g_variant_new("(s)", argv[optind]), "()", DISCONNECT_TIMEOUT_MS, &error);
	if (!reply)
		return l2c_cli_fail_remote(error);
	printf(_("disconnected %s\n"), argv[optind]);
	return L2C_EXIT_OK;
}
