/* l2tp-connect import FILE [--name NAME] [--force] */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

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
	    "Other users than root import through the l2tp-connectd service, which needs\n"
	    "the administrator's authorization; the name then comes from [connection] id,\n"
	    "and --name and --force are for root.\n"
	    "\n"
	    "Examples:\n"
	    "  sudo l2tp-connect import ~/office.nmconnection\n"
	    "  sudo l2tp-connect import /etc/NetworkManager/system-connections/VPN.nmconnection "
	    "--name office\n");
}

static int import_via_service(struct l2c_cli_profiles *profiles, const char *path)
{
	g_autofree char *contents = NULL;
	g_autofree char *name = NULL;
	GError *error = NULL;

	if (!g_file_get_contents(path, &contents, NULL, &error)) {
		fprintf(stderr, "%s: %s\n", L2C_CLI_NAME, error->message);
		g_error_free(error);
		return L2C_EXIT_FAILURE;
	}
	name = l2c_cli_profiles_import_text(profiles, contents, &error);
	if (!name)
		return l2c_cli_fail_remote(error);
	printf(_("Imported %s as profile '%s'.\n"), path, name);
	return L2C_EXIT_OK;
}

static int import_from_store(struct l2c_profile_store *store, const char *path, const char *name,
			     bool force)
{
	g_autoptr(l2c_profile) profile = NULL;
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;

	if (l2c_profile_store_import(store, path, name, force, &profile, warnings, &error) < 0) {
		l2c_cli_print_warnings(warnings);
		return l2c_cli_fail(error);
	}
	l2c_cli_print_warnings(warnings);
	printf(_("Imported %s as profile '%s'.\n"), path, profile->name);
	l2c_cli_note_missing_secrets(profile);
	return L2C_EXIT_OK;
}

int l2c_cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
	    {"name", required_argument, NULL, 'n'},
	    {"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct l2c_cli_profiles profiles;
	const char *name = NULL;
	bool force = false;
	int c, code;

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
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		return code;
	if (!l2c_cli_profiles_via_service(&profiles))
		code = import_from_store(profiles.store, argv[optind], name, force);
	else if (name || force)
		code = l2c_cli_usage_error("import", _("--name and --force are for root (run it "
						       "with sudo); without them the name comes "
						       "from the file's [connection] id"));
	else
		code = import_via_service(&profiles, argv[optind]);
	l2c_cli_profiles_close(&profiles);
	return code;
}
