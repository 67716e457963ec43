/* l2tp-connect up NAME|FILE --foreground: the whole connection in this process, as root.
 * Without --foreground the service connects (cmd_up_daemon.c). */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/prompt.h"

#include "supervisor/connection.h"
#include "util/i18n.h"
#include "util/log.h"

#include <getopt.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *help_text(void)
{
	return _("Usage: l2tp-connect up NAME [--secrets-from-stdin] [-v]\n"
		 "       l2tp-connect up NAME|FILE --foreground [OPTIONS]\n"
		 "\n"
		 "Connect a profile. NAME is a stored profile; FILE a path to a profile or a\n"
		 "NetworkManager .nmconnection file (--foreground only).\n"
		 "\n"
		 "Without --foreground the l2tp-connectd service makes the connection and keeps\n"
		 "it after this command exits: it prints one line once connected (or the\n"
		 "error) and exits. 'l2tp-connect status' shows the connection, 'l2tp-connect\n"
		 "down NAME' ends it; Ctrl-C while connecting cancels. Any user the polkit\n"
		 "policy allows may do this (by default whoever sits at the machine).\n"
		 "\n"
		 "With --foreground the connection runs inside this process (as root) and\n"
		 "logs to stderr; one line is printed when connected. SIGINT or SIGTERM\n"
		 "disconnects: PPP hangs up, the L2TP session and tunnel are closed (CDN,\n"
		 "StopCCN), the IPsec SA is removed, routes and DNS are restored.\n"
		 "\n"
		 "Secrets the profile does not store are asked for on the terminal, or read\n"
		 "from stdin as SECRET=VALUE lines with --secrets-from-stdin; they are used for\n"
		 "this connection only.\n"
		 "\n"
		 "Options:\n"
		 "      --foreground          run the connection in this process, as root\n"
		 "      --secrets-from-stdin  read password=..., ipsec-psk=..., tunnel-secret=...\n"
		 "      --datapath=PATH       auto (default), kernel or userspace (--foreground)\n"
		 "      --pppd-plugin=FILE    our pppd plugin (--foreground; default: installed)\n"
		 "      --runtime-dir=DIR     private state directory (--foreground; default\n"
		 "                            /run/l2tp-connect)\n"
		 "  -v, --verbose             show every stage (--foreground: log them; twice:\n"
		 "                            pppd's packet log too)\n"
		 "  -h, --help                show this help\n"
		 "\n"
		 "Exit status: 0 connected (--foreground: after a clean disconnect), 1 when the\n"
		 "connection failed (the message names the stage and what to try) or was not\n"
		 "authorized, 2 usage, 3 invalid profile, 4 no such profile.\n"
		 "\n"
		 "Environment: L2TP_CONNECT_BUS_ADDRESS, the service's bus (default: the system\n"
		 "bus).\n"
		 "\n"
		 "Examples:\n"
		 "  l2tp-connect up office\n"
		 "  sudo l2tp-connect up office --foreground\n"
		 "  sudo l2tp-connect up ~/office.nmconnection --foreground\n"
		 "  printf 'password=%%s\\n' \"$PW\" | l2tp-connect up office --secrets-from-stdin\n");
}

struct up_args {
	const char *profile;
	const char *plugin;
	const char *runtime_dir;
	L2cDatapath datapath;
	bool foreground;
	bool secrets_from_stdin;
	int verbose;
};

struct up_run {
	GMainLoop *loop;
	L2cConnection *connection;
	int exit_code;
	bool connected;
	bool interrupted;
};

static bool parse_datapath(const char *text, L2cDatapath *out)
{
	static const char *const names[] = {"auto", "kernel", "userspace"};

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		if (strcmp(text, names[i]) == 0) {
			*out = (L2cDatapath)i;
			return true;
		}
	}
	return false;
}

static int parse_args(int argc, char **argv, struct up_args *args)
{
	enum { OPT_FOREGROUND = 256, OPT_STDIN, OPT_DATAPATH, OPT_PLUGIN, OPT_RUNTIME };
	static const struct option options[] = {
		{"foreground", no_argument, NULL, OPT_FOREGROUND},
		{"secrets-from-stdin", no_argument, NULL, OPT_STDIN},
		{"datapath", required_argument, NULL, OPT_DATAPATH},
		{"pppd-plugin", required_argument, NULL, OPT_PLUGIN},
		{"runtime-dir", required_argument, NULL, OPT_RUNTIME},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
		switch (c) {
		case OPT_FOREGROUND:
			args->foreground = true;
			break;
		case OPT_STDIN:
			args->secrets_from_stdin = true;
			break;
		case OPT_DATAPATH:
			if (!parse_datapath(optarg, &args->datapath))
				return l2c_cli_usage_error("up", _("--datapath: '%s' is not one of "
								   "auto, kernel, userspace"),
							   optarg);
			break;
		case OPT_PLUGIN:
			args->plugin = optarg;
			break;
		case OPT_RUNTIME:
			args->runtime_dir = optarg;
			break;
		case 'v':
			args->verbose++;
			break;
		case 'h':
			return l2c_cli_print_help(help_text()) - 1; /* -1: stop, exit 0 */
		default:
			return l2c_cli_usage_error("up", _("unknown option"));
		}
	}
	if (optind != argc - 1)
		return l2c_cli_usage_error("up", _("expected one profile name or file"));
	args->profile = argv[optind];
	return L2C_EXIT_OK;
}

static bool looks_like_path(const char *arg)
{
	return strchr(arg, '/') != NULL || g_str_has_suffix(arg, ".nmconnection") ||
	       g_str_has_suffix(arg, ".conf");
}

static int load_profile(const char *arg, struct l2c_profile **profile)
{
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;

	if (looks_like_path(arg)) {
		g_autofree char *text = NULL;
		g_autofree char *name = NULL;
		size_t len;

		if (!g_file_get_contents(arg, &text, &len, &error))
			return l2c_cli_fail(error);
		if (l2c_profile_parse(text, len, profile, warnings, &error) < 0)
			return l2c_cli_fail(error);
		if (!(*profile)->name) {
			name = g_path_get_basename(arg);
			(*profile)->name = l2c_profile_name_from_text(name);
		}
	} else {
		g_autoptr(l2c_profile_store) store = l2c_cli_open_store();

		if (l2c_profile_store_load(store, arg, profile, warnings, &error) < 0)
			return l2c_cli_fail(error);
	}
	l2c_cli_print_warnings(warnings);
	return L2C_EXIT_OK;
}

static int supply(struct l2c_profile *profile, int secret, const char *value)
{
	GError *error = NULL;

	if (l2c_profile_supply_secret(profile, secret, value, &error) < 0)
		return l2c_cli_fail(error);
	return L2C_EXIT_OK;
}

static int read_secrets_stdin(struct l2c_profile *profile)
{
	for (unsigned line_no = 1;; line_no++) {
		char *line = NULL;
		char *eq;
		int secret, r = l2c_read_secret_line(STDIN_FILENO, &line), code;

		if (r <= 0)
			return r == 0 ? L2C_EXIT_OK : L2C_EXIT_FAILURE;
		eq = strchr(line, '=');
		if (eq)
			*eq = '\0';
		secret = eq ? l2c_cli_secret_from_spec(line) : -1;
		code = secret < 0 ? l2c_cli_usage_error("up", _("stdin line %u: expected "
								 "SECRET=VALUE"),
							line_no)
				  : supply(profile, secret, eq + 1);
		l2c_secret_free(line);
		if (code != L2C_EXIT_OK)
			return code;
	}
}

static int prompt_missing_secrets(struct l2c_profile *profile)
{
	unsigned missing = l2c_profile_secrets_missing(profile);

	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		g_autofree char *prompt = NULL;
		GError *error = NULL;
		char *value;
		int code;

		if (!(missing & L2C_SECRET_BIT(s)))
			continue;
		prompt = g_strdup_printf(_("%s for '%s': "), l2c_secret_name(s), profile->name);
		value = l2c_prompt_secret(prompt, &error);
		if (!value)
			return l2c_cli_fail(error);
		code = supply(profile, s, value);
		l2c_secret_free(value);
		if (code != L2C_EXIT_OK)
			return code;
	}
	return L2C_EXIT_OK;
}

static void print_connected(const L2cConnectionInfo *info, const char *name)
{
	l2c_cli_print_connected(name, info->ifname, info->local_address, info->peer_address,
				info->dns, info->datapath);
}

static void on_disconnected(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct up_run *run = user_data;

	l2c_connection_disconnect_finish(L2C_CONNECTION(source), result);
	g_main_loop_quit(run->loop);
}

static void on_connected(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct up_run *run = user_data;
	g_autoptr(GError) error = NULL;
	L2cConnection *connection = L2C_CONNECTION(source);

	if (!l2c_connection_connect_finish(connection, result, &error)) {
		if (!run->interrupted) {
			fprintf(stderr, "%s: %s\n", L2C_CLI_NAME, error->message);
			run->exit_code = L2C_EXIT_FAILURE;
		}
		g_main_loop_quit(run->loop);
		return;
	}
	run->connected = true;
	print_connected(l2c_connection_get_info(connection),
			l2c_connection_get_profile(connection)->name);
}

/* After connecting, a state change we did not ask for means the link is gone. */
static void on_state_changed(L2cConnection *connection, guint state, const char *reason,
			     gpointer user_data)
{
	struct up_run *run = user_data;

	if (!run->connected || run->interrupted)
		return;
	if (state == L2C_CONNECTION_FAILED || state == L2C_CONNECTION_DISCONNECTED) {
		fprintf(stderr, "%s: %s\n", L2C_CLI_NAME,
			reason ? reason : _("the connection went down"));
		run->exit_code = L2C_EXIT_FAILURE;
		g_main_loop_quit(run->loop);
	}
}

static gboolean on_signal(gpointer user_data)
{
	struct up_run *run = user_data;

	if (run->interrupted)
		return G_SOURCE_CONTINUE; /* teardown is running; it finishes on its own */
	run->interrupted = true;
	l2c_info("cli", "disconnecting");
	l2c_connection_disconnect_async(run->connection, NULL, on_disconnected, run);
	return G_SOURCE_CONTINUE;
}

static int run_foreground(const struct up_args *args, struct l2c_profile *profile)
{
	L2cConnectionOptions options = {
		.runtime_dir = args->runtime_dir,
		.plugin_path = args->plugin,
		.datapath = args->datapath,
		.debug = args->verbose > 1,
	};
	struct up_run run = {.exit_code = L2C_EXIT_OK};
	guint sigint, sigterm;

	run.loop = g_main_loop_new(NULL, FALSE);
	run.connection = l2c_connection_new(profile, &options);
	g_signal_connect(run.connection, "state-changed", G_CALLBACK(on_state_changed), &run);
	sigint = g_unix_signal_add(SIGINT, on_signal, &run);
	sigterm = g_unix_signal_add(SIGTERM, on_signal, &run);
	l2c_connection_connect_async(run.connection, NULL, on_connected, &run);
	g_main_loop_run(run.loop);
	g_source_remove(sigint);
	g_source_remove(sigterm);
	g_object_unref(run.connection);
	g_main_loop_unref(run.loop);
	return run.exit_code;
}

/* The options that shape an in-process connection mean nothing to the service's. */
static int up_via_daemon(const struct up_args *args)
{
	if (args->plugin || args->runtime_dir || args->datapath != L2C_DATAPATH_AUTO)
		return l2c_cli_usage_error("up", _("--datapath, --pppd-plugin and --runtime-dir "
						   "need --foreground"));
	if (looks_like_path(args->profile))
		return l2c_cli_usage_error("up", _("the service connects stored profiles: import "
						   "%s first, or use --foreground"),
					   args->profile);
	return l2c_cli_up_via_daemon(args->profile, args->secrets_from_stdin, args->verbose > 0);
}

int l2c_cmd_up(int argc, char **argv)
{
	struct up_args args = {.datapath = L2C_DATAPATH_AUTO};
	struct l2c_profile *profile = NULL;
	int code = parse_args(argc, argv, &args);

	if (code != L2C_EXIT_OK)
		return code < 0 ? L2C_EXIT_OK : code;
	if (!args.foreground)
		return up_via_daemon(&args);
	if (geteuid() != 0) {
		fprintf(stderr, _("%s: up --foreground needs root (it configures IPsec, PPP and "
				  "routes): try sudo\n"),
			L2C_CLI_NAME);
		return L2C_EXIT_FAILURE;
	}
	l2c_log_set_max_level(args.verbose ? L2C_LOG_DEBUG : L2C_LOG_INFO);
	code = load_profile(args.profile, &profile);
	if (code == L2C_EXIT_OK && args.secrets_from_stdin)
		code = read_secrets_stdin(profile);
	if (code == L2C_EXIT_OK)
		code = prompt_missing_secrets(profile);
	if (code != L2C_EXIT_OK) {
		l2c_profile_free(profile);
		return code;
	}
	return run_foreground(&args, profile); /* the connection owns the profile */
}
