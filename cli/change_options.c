/* The options `add` and `edit` share. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>

int l2c_cli_parse_change_options(const char *command, const char *help, int argc, char **argv,
				 struct l2c_cli_secret_input *input, int *first_arg, int *exit_code)
{
	static const struct option options[] = {
	    {"prompt", required_argument, NULL, 'p'},
	    {"secrets-from-stdin", no_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:h", options, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (l2c_cli_secret_from_spec(optarg) < 0) {
				*exit_code = l2c_cli_usage_error(
				    command,
				    _("--prompt takes a secret's name: password, user-certpass, "
				      "ipsec-psk, machine-certpass or tunnel-secret"));
				return -1;
			}
			if (!input->prompt_for)
				input->prompt_for = g_ptr_array_new_with_free_func(g_free);
			g_ptr_array_add(input->prompt_for, g_strdup(optarg));
			break;
		case 's':
			input->from_stdin = true;
			break;
		case 'h':
			*exit_code = l2c_cli_print_help(help);
			return -1;
		case ':':
			*exit_code = l2c_cli_usage_error(command, _("option '%s' needs a value"),
							 argv[optind - 1]);
			return -1;
		default:
			*exit_code = l2c_cli_usage_error(command, _("unknown option '%s'"),
							 argv[optind - 1]);
			return -1;
		}
	}
	*first_arg = optind;
	return 0;
}
