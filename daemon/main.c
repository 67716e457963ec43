/* l2tp-connectd: the system service that owns the connections. It claims its runtime
 * directory, cleans up what a crashed instance left there, exports the manager, takes the
 * bus name, and on SIGTERM/SIGINT disconnects everything before it exits. */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "daemon/dbus_api.h"
#include "daemon/manager.h"
#include "daemon/runtime_dir.h"
#include "supervisor/connection.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG		    "daemon"
#define DEFAULT_RUNTIME_DIR "/run/l2tp-connect/daemon"

struct daemon_args {
	gboolean session;
	char *address;
	char *profile_dir;
	char *runtime_dir;
	char *pppd_plugin;
	char *pppd;
	gboolean verbose;
	gboolean version;
};

struct daemon {
	GMainLoop *loop;
	GDBusConnection *bus;
	struct l2c_manager *manager;
	guint name_id;
	gboolean stopping;
	int exit_code;
};

static void daemon_args_clear(struct daemon_args *args)
{
	g_free(args->address);
	g_free(args->profile_dir);
	g_free(args->runtime_dir);
	g_free(args->pppd_plugin);
	g_free(args->pppd);
}

static gboolean parse_args(int *argc, char ***argv, struct daemon_args *args)
{
	const GOptionEntry entries[] = {
	    {"session", 0, 0, G_OPTION_ARG_NONE, &args->session,
	     N_("use the session bus (tests; no polkit: only our own user is allowed)"), NULL},
	    {"address", 0, 0, G_OPTION_ARG_STRING, &args->address,
	     N_("use the message bus at ADDRESS as the system bus (tests)"), N_("ADDRESS")},
	    {"profile-dir", 0, 0, G_OPTION_ARG_FILENAME, &args->profile_dir,
	     N_("the profile directory"), N_("DIR")},
	    {"runtime-dir", 0, 0, G_OPTION_ARG_FILENAME, &args->runtime_dir,
	     N_("private state (default " DEFAULT_RUNTIME_DIR ")"), N_("DIR")},
	    {"pppd-plugin", 0, 0, G_OPTION_ARG_FILENAME, &args->pppd_plugin,
	     N_("our pppd plugin (default: the installed one)"), N_("FILE")},
	    {"pppd", 0, 0, G_OPTION_ARG_FILENAME, &args->pppd, N_("pppd (default /usr/sbin/pppd)"),
	     N_("FILE")},
	    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &args->verbose, N_("log every stage"), NULL},
	    {"version", 'V', 0, G_OPTION_ARG_NONE, &args->version, N_("show the version"), NULL},
	    {NULL},
	};
	g_autoptr(GOptionContext) context = g_option_context_new(NULL);
	g_autoptr(GError) error = NULL;

	g_option_context_set_summary(
	    context, _("The L2TP/IPsec VPN service: connects profiles for l2tp-connect and the "
		       "tray app over D-Bus.\n\nEnvironment: L2TP_CONNECT_BUS_ADDRESS (like "
		       "--address), L2TP_CONNECT_PROFILE_DIR (like --profile-dir)."));
	g_option_context_add_main_entries(context, entries, GETTEXT_PACKAGE);
	if (!g_option_context_parse(context, argc, argv, &error)) {
		fprintf(stderr, "l2tp-connectd: %s\n", error->message);
		return FALSE;
	}
	if (!args->address && g_getenv(L2C_DBUS_ADDRESS_ENV) && *g_getenv(L2C_DBUS_ADDRESS_ENV))
		args->address = g_strdup(g_getenv(L2C_DBUS_ADDRESS_ENV));
	if (!args->profile_dir && g_getenv("L2TP_CONNECT_PROFILE_DIR") &&
	    *g_getenv("L2TP_CONNECT_PROFILE_DIR"))
		args->profile_dir = g_strdup(g_getenv("L2TP_CONNECT_PROFILE_DIR"));
	if (!args->runtime_dir)
		args->runtime_dir = g_strdup(DEFAULT_RUNTIME_DIR);
	return TRUE;
}

static GDBusConnection *open_bus(const struct daemon_args *args, GError **error)
{
	if (args->address) {
		/* polkit and systemd-resolved are looked for on "the system bus": make that the
		 * bus we serve on, so callers, polkitd and we agree. */
		g_setenv("DBUS_SYSTEM_BUS_ADDRESS", args->address, TRUE);
		return g_dbus_connection_new_for_address_sync(
		    args->address,
		    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
			G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
		    NULL, NULL, error);
	}
	return g_bus_get_sync(args->session ? G_BUS_TYPE_SESSION : G_BUS_TYPE_SYSTEM, NULL, error);
}

static void on_all_stopped(gpointer user_data)
{
	struct daemon *daemon = user_data;

	l2c_info(LOG, "every connection is down; exiting");
	g_main_loop_quit(daemon->loop);
}

static void stop(struct daemon *daemon, int exit_code)
{
	if (daemon->stopping)
		return;
	daemon->stopping = TRUE;
	daemon->exit_code = exit_code;
	l2c_manager_stop_all(daemon->manager, on_all_stopped, daemon);
}

static gboolean on_signal(gpointer user_data)
{
	l2c_info(LOG, "stopping: disconnecting every connection");
	stop(user_data, EXIT_SUCCESS);
	return G_SOURCE_CONTINUE;
}

static void on_name_acquired(GDBusConnection *bus, const char *name, gpointer user_data)
{
	l2c_info(LOG, "ready on the bus as %s", name);
}

static void on_name_lost(GDBusConnection *bus, const char *name, gpointer user_data)
{
	l2c_error(LOG,
		  _("could not own (or lost) the bus name %s: is another instance running, "
		    "and does the D-Bus policy allow us to own it?"),
		  name);
	stop(user_data, EXIT_FAILURE);
}

static void on_bus_closed(GDBusConnection *bus, gboolean remote_peer_vanished, GError *error,
			  gpointer user_data)
{
	l2c_error(LOG, _("the message bus went away%s%s"), error ? ": " : "",
		  error ? error->message : "");
	stop(user_data, EXIT_FAILURE);
}

static int serve(struct daemon *daemon, const struct daemon_args *args)
{
	struct l2c_manager_options options = {
	    .profile_dir = args->profile_dir,
	    .connection = {.runtime_dir = args->runtime_dir,
			   .pppd_path = args->pppd,
			   .plugin_path = args->pppd_plugin,
			   .debug = args->verbose},
	    /* polkit identifies callers on the system bus only. */
	    .use_polkit = !args->session,
	};
	g_autoptr(GError) error = NULL;
	guint sigterm, sigint;

	daemon->bus = open_bus(args, &error);
	if (!daemon->bus) {
		l2c_error(LOG, _("cannot connect to the message bus: %s"), error->message);
		return EXIT_FAILURE;
	}
	g_dbus_connection_set_exit_on_close(daemon->bus, FALSE);
	daemon->manager = l2c_manager_new(daemon->bus, &options, &error);
	if (!daemon->manager) {
		l2c_error(LOG, _("cannot export the manager: %s"), error->message);
		return EXIT_FAILURE;
	}
	g_signal_connect(daemon->bus, "closed", G_CALLBACK(on_bus_closed), daemon);
	daemon->name_id =
	    g_bus_own_name_on_connection(daemon->bus, L2C_DBUS_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
					 on_name_acquired, on_name_lost, daemon, NULL);
	sigterm = g_unix_signal_add(SIGTERM, on_signal, daemon);
	sigint = g_unix_signal_add(SIGINT, on_signal, daemon);
	g_main_loop_run(daemon->loop);
	g_source_remove(sigterm);
	g_source_remove(sigint);
	g_bus_unown_name(daemon->name_id);
	l2c_manager_free(daemon->manager);
	g_dbus_connection_flush_sync(daemon->bus, NULL, NULL);
	return daemon->exit_code;
}

int main(int argc, char **argv)
{
	struct daemon_args args = {0};
	struct daemon daemon = {.exit_code = EXIT_SUCCESS};
	g_autoptr(GError) error = NULL;
	int lock_fd, code;

	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	if (!parse_args(&argc, &argv, &args)) {
		daemon_args_clear(&args);
		return 2;
	}
	if (args.version) {
		printf("l2tp-connectd %s\n", PACKAGE_VERSION);
		daemon_args_clear(&args);
		return EXIT_SUCCESS;
	}
	l2c_log_set_max_level(args.verbose ? L2C_LOG_DEBUG : L2C_LOG_INFO);
	lock_fd = l2c_runtime_dir_claim(args.runtime_dir, &error);
	if (lock_fd < 0) {
		l2c_error(LOG, "%s", error->message);
		daemon_args_clear(&args);
		return EXIT_FAILURE;
	}
	/* Before anything can connect: nothing of ours can be up yet, so every record is a
	 * leftover. */
	l2c_runtime_dir_clean_leftovers(args.runtime_dir);
	daemon.loop = g_main_loop_new(NULL, FALSE);
	code = serve(&daemon, &args);
	g_clear_object(&daemon.bus);
	g_main_loop_unref(daemon.loop);
	daemon_args_clear(&args);
	return code;
}
