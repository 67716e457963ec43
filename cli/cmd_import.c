/* l2tp-connect import FILE [--name NAME] [--force] */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>

static const char *help_text(void)
{
	return _(
	    "Usage: l2tp-connect import FILE [--name NAME] [--force]\n"
	    "\n"
	    "Import a NetworkManager-l2tp profile (a .nmconnection keyfile, as found in\n"
	    "/etc/NetworkManager/system-connections/ or exported by nmcli). Every value is\n"
	    "checked; nothing is stored unless the whole profile is valid. Keys l2tp-connect\n"
	    "does not know are kept, so an export still works in NetworkManager.\n"
	    "\n"
	    "The profile's name is NAME, or else made from [connection] id, or else from\n"
	    "the file name.\n"
	    "\n"
	    "Options:\n"
	    "  -n, --name NAME   store the profile under this name\n"
	    "  -f, --force       replace a stored profile of the same name\n"
	    "  -h, --help        show this help\n"
	    "\n"
	    "Examples:\n"
	    "  sudo l2tp-connect import ~/office.nmconnection\n"
	    "  sudo l2tp-connect import /etc/NetworkManager/system-connections/VPN.nmconnection "
	    "--name office\n");
}

int l2c_cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
	    {"name", required_argument, NULL, 'n'},
	    {"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	g_autoptr(l2c_profile_store) store = NULL;
	g_autoptr(l2c_profile) profile = NULL;
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	const char *name = NULL;
	bool force = false;
	GError *error = NULL;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:fh", options, NULL)) != -1) {
		switch (c) {
		case 'n':
			name = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			return l2c_cli_print_help(help_text());
		case ':':
			return l2c_cli_usage_error("import", _("option '%s' needs a value"),
						   argv[optind - 1]);
		default:
			return l2c_cli_usage_error("import", _("unknown option '%s'"),
						   argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return l2c_cli_usage_error("import", _("expected one file to import"));
	store = l2c_cli_open_store();
	if (l2c_profile_store_import(store, argv[optind], name, force, &profile, warnings, &error) <
	    0) {
		l2c_cli_print_warnings(warnings);
		return l2c_cli_fail(error);
	}
	l2c_cli_print_warnings(warnings);
	printf(_("Imported %s as profile '%s'.\n"), argv[optind], profile->name);
	l2c_cli_note_missing_secrets(profile);
	return L2C_EXIT_OK;
}
