/* l2tp-connect: the command-line client. One table of subcommands, one file per subcommand
 * (cmd_*.c); adding one is a line here and its file. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const struct l2c_cli_command commands[] = {
    {"up", l2c_cmd_up, N_("connect a profile (--foreground: in this process)")},
    {"down", l2c_cmd_down, N_("disconnect a profile the service connected")},
    {"status", l2c_cmd_status, N_("show the service's connections (--json)")},
    {"list", l2c_cmd_list, N_("list the stored profiles")},
    {"show", l2c_cmd_show, N_("show a profile's settings")},
    {"import", l2c_cmd_import, N_("import a NetworkManager-l2tp .nmconnection file")},
    {"export", l2c_cmd_export, N_("print a profile as a NetworkManager keyfile")},
    {"add", l2c_cmd_add, N_("create a profile from KEY=VALUE settings")},
    {"edit", l2c_cmd_edit, N_("change a profile's settings or secrets")},
    {"delete", l2c_cmd_delete, N_("delete a profile")},
    {"keys", l2c_cmd_keys, N_("list the settings a profile can have")},
};

static void print_overview(FILE *out)
{
	fprintf(out,
		_("Usage: %s COMMAND [ARGUMENTS]\n"
		  "       %s COMMAND --help\n"
		  "\n"
		  "Connect L2TP/IPsec VPNs and manage their profiles. Profiles are\n"
		  "NetworkManager-l2tp keyfiles: existing .nmconnection files import as they are.\n"
		  "up, down and status talk to the l2tp-connectd service.\n"
		  "\n"
		  "Commands:\n"),
		L2C_CLI_NAME, L2C_CLI_NAME);
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(out, "  %-8s  %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\n"
		"Options:\n"
		"  -h, --help       show this help\n"
		"  -V, --version    show the version\n"
		"\n"
		"Environment:\n"),
	      out);
	fprintf(out, _("  L2TP_CONNECT_PROFILE_DIR   the profile directory (default %s)\n"),
		L2C_PROFILE_STORE_DEFAULT_DIR);
	fputs(_("  L2TP_CONNECT_BUS_ADDRESS   the service's bus (default: the system bus)\n"), out);
	fputs(_("\n"
		"Exit status:\n"
		"  0 success, 1 failure, 2 usage error, 3 invalid profile or value,\n"
		"  4 no such profile, 5 a profile of that name exists\n"
		"\n"
		"Examples:\n"
		"  sudo l2tp-connect import ~/office.nmconnection\n"
		"  sudo l2tp-connect add lab gateway=vpn.example.com user=alice ipsec-enabled=yes\n"
		"  sudo l2tp-connect edit lab mtu=1300\n"
		"  sudo l2tp-connect show lab\n"
		"  l2tp-connect up lab\n"
		"  l2tp-connect status --json\n"
		"\n"
		"See l2tp-connect(1) and l2tp-connect.conf(5).\n"),
	      out);
}

static const struct l2c_cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* `l2tp-connect help [COMMAND]` is `l2tp-connect [COMMAND] --help`. */
static int run_help(int argc, char **argv)
{
	const struct l2c_cli_command *cmd = argc > 1 ? find_command(argv[1]) : NULL;
	char *help_argv[] = {argc > 1 ? argv[1] : NULL, (char *)"--help", NULL};

	if (argc <= 1) {
		print_overview(stdout);
		return L2C_EXIT_OK;
	}
	if (!cmd)
		return l2c_cli_usage_error(NULL, _("unknown command '%s'"), argv[1]);
	return cmd->run(2, help_argv);
}

int main(int argc, char **argv)
{
	const struct l2c_cli_command *cmd;

	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");

	if (argc < 2) {
		print_overview(stderr);
		return L2C_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_overview(stdout);
		return L2C_EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", L2C_CLI_NAME, PACKAGE_VERSION);
		return L2C_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0)
		return run_help(argc - 1, argv + 1);
	cmd = find_command(argv[1]);
	if (!cmd)
		return l2c_cli_usage_error(NULL, _("unknown command '%s'"), argv[1]);
	return cmd->run(argc - 1, argv + 1);
}
