/* l2tp-connect list */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>

static const char *help_text(void)
{
	return _("Usage: l2tp-connect list [--long]\n"
		 "\n"
		 "List the stored profiles, one name per line, sorted.\n"
		 "\n"
		 "Options:\n"
		 "  -l, --long    also show each profile's gateway and user\n"
		 "  -h, --help    show this help\n"
		 "\n"
		 "As root it reads the profile directory; other users get the list from\n"
		 "the l2tp-connectd service.\n"
		 "\n"
		 "Examples:\n"
		 "  l2tp-connect list\n"
		 "  l2tp-connect list --long\n");
}

static void print_long_line(struct l2c_cli_profiles *profiles, const char *name)
{
	g_autoptr(l2c_profile) p = NULL;

	if (l2c_cli_profiles_load(profiles, name, false, &p, NULL, NULL) < 0) {
		printf("%-24s %s\n", name, _("(invalid: see 'l2tp-connect show')"));
		return;
	}
	printf("%-24s %-32s %s\n", name, p->vpn.gateway, p->vpn.user ? p->vpn.user : "-");
}

int l2c_cmd_list(int argc, char **argv)
{
	static const struct option options[] = {
	    {"long", no_argument, NULL, 'l'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct l2c_cli_profiles profiles;
	g_auto(GStrv) names = NULL;
	GError *error = NULL;
	bool long_format = false;
	int c, code;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "lh", options, NULL)) != -1) {
		if (c == 'l')
			long_format = true;
		else if (c == 'h')
			return l2c_cli_print_help(help_text());
		else
			return l2c_cli_usage_error("list", _("unknown option '%s'"),
						   argv[optind - 1]);
	}
	if (optind < argc)
		return l2c_cli_usage_error("list", _("unexpected argument '%s'"), argv[optind]);
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		return code;
	if (l2c_cli_profiles_list(&profiles, &names, &error) < 0)
		code = l2c_cli_fail_remote(error);
	for (size_t i = 0; names && names[i]; i++) {
		if (long_format)
			print_long_line(&profiles, names[i]);
		else
			printf("%s\n", names[i]);
	}
	l2c_cli_profiles_close(&profiles);
	return code;
}
