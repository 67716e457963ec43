/* l2tp-connect edit NAME KEY=VALUE... */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

#include "util/i18n.h"

#include <stdio.h>

static const char *help_text(void)
{
	return _("Usage: l2tp-connect edit NAME [KEY=VALUE]... [--prompt SECRET]... "
		 "[--secrets-from-stdin]\n"
		 "\n"
		 "Change a stored profile. KEY= with nothing after '=' removes the key, so its\n"
		 "default applies again. The profile is checked as a whole before it is saved;\n"
		 "a profile that no longer validates (say, a certificate moved) can be repaired\n"
		 "this way. Secrets are never taken from the command line: use --prompt or\n"
		 "--secrets-from-stdin (an empty value removes the stored secret).\n"
		 "\n"
		 "Options:\n"
		 "      --prompt SECRET        ask for SECRET on the terminal (repeatable)\n"
		 "      --secrets-from-stdin   read SECRET=VALUE lines from stdin\n"
		 "  -h, --help                 show this help\n"
		 "\n"
		 "Examples:\n"
		 "  sudo l2tp-connect edit office mtu=1300 mru=1300\n"
		 "  sudo l2tp-connect edit office ipsec-ike=\n"
		 "  sudo l2tp-connect edit office --prompt password\n"
		 "  sudo l2tp-connect edit office machine-cert=/etc/ipsec.d/certs/new.p12\n");
}

static int change_profile(struct l2c_profile *profile, int argc, char **argv,
			  const struct l2c_cli_secret_input *input)
{
	GError *error = NULL;
	int code = l2c_cli_apply_assignments("edit", profile, argc, argv);

	if (code != L2C_EXIT_OK)
		return code;
	if (l2c_profile_validate(profile, NULL, &error) < 0)
		return l2c_cli_fail(error);
	return l2c_cli_read_secrets("edit", profile, input);
}

int l2c_cmd_edit(int argc, char **argv)
{
	struct l2c_cli_secret_input input = {0};
	struct l2c_cli_profiles profiles = {0};
	g_autoptr(l2c_profile) profile = NULL;
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	int first, code = L2C_EXIT_OK;

	if (l2c_cli_parse_change_options("edit", help_text(), argc, argv, &input, &first, &code) <
	    0)
		goto out;
	if (first >= argc) {
		code = l2c_cli_usage_error("edit", _("expected a profile name"));
		goto out;
	}
	if (first + 1 >= argc && !input.prompt_for && !input.from_stdin) {
		code = l2c_cli_usage_error("edit", _("nothing to change: give KEY=VALUE pairs, "
						     "--prompt or --secrets-from-stdin"));
		goto out;
	}
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		goto out;
	if (l2c_cli_profiles_load(&profiles, argv[first], true, &profile, warnings, &error) < 0) {
		code = l2c_cli_fail_remote(error);
		goto out;
	}
	l2c_cli_print_warnings(warnings);
	code = change_profile(profile, argc - first - 1, argv + first + 1, &input);
	if (code != L2C_EXIT_OK)
		goto out;
	if (l2c_cli_profiles_save(&profiles, profile, true, &error) < 0) {
		code = l2c_cli_fail_remote(error);
		goto out;
	}
	printf(_("Updated profile '%s'.\n"), profile->name);
	if (!l2c_cli_profiles_via_service(&profiles)) /* else its stored secrets are unknown */
		l2c_cli_note_missing_secrets(profile);
out:
	l2c_cli_profiles_close(&profiles);
	l2c_cli_secret_input_clear(&input);
	return code;
}
