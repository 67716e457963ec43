/* l2tp-connect delete NAME */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>

static const char *help_text(void)
{
	return _("Usage: l2tp-connect delete NAME\n"
		 "\n"
		 "Delete a stored profile and the secrets stored with it.\n"
		 "\n"
		 "Options:\n"
		 "  -h, --help   show this help\n"
		 "\n"
		 "Example:\n"
		 "  sudo l2tp-connect delete old-office\n");
}

int l2c_cmd_delete(int argc, char **argv)
{
	static const struct option options[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct l2c_cli_profiles profiles;
	GError *error = NULL;
	int c, code;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h')
			return l2c_cli_print_help(help_text());
		return l2c_cli_usage_error("delete", _("unknown option '%s'"), argv[optind - 1]);
	}
	if (argc - optind != 1)
		return l2c_cli_usage_error("delete", _("expected one profile name"));
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		return code;
	if (l2c_cli_profiles_delete(&profiles, argv[optind], &error) < 0)
		code = l2c_cli_fail_remote(error);
	else
		printf(_("Deleted profile '%s'.\n"), argv[optind]);
	l2c_cli_profiles_close(&profiles);
	return code;
}
