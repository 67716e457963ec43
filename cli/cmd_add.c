/* l2tp-connect add NAME KEY=VALUE... */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

#include "util/i18n.h"

#include <stdio.h>

static const char *help_text(void)
{
	/* xgettext:no-c-format */
	return _("Usage: l2tp-connect add NAME KEY=VALUE... [--prompt SECRET]... "
		 "[--secrets-from-stdin]\n"
		 "\n"
		 "Create a profile. Keys are named as in the keyfile (see 'l2tp-connect keys'\n"
		 "and l2tp-connect.conf(5)); a key found in several sections takes its section,\n"
		 "e.g. ipv4.method=manual. 'gateway' is required.\n"
		 "\n"
		 "Secrets (password, ipsec-psk, user-certpass, machine-certpass, tunnel-secret)\n"
		 "are never taken from the command line, where other users and the shell history\n"
		 "would see them. On a terminal, 'add' asks for the secrets the profile needs;\n"
		 "leave one empty to be asked at every connect instead.\n"
		 "\n"
		 "Options:\n"
		 "      --prompt SECRET        ask for SECRET on the terminal (repeatable)\n"
		 "      --secrets-from-stdin   read SECRET=VALUE lines from stdin\n"
		 "  -h, --help                 show this help\n"
		 "\n"
		 "Examples:\n"
		 "  sudo l2tp-connect add office gateway=vpn.example.com user=alice "
		 "ipsec-enabled=yes\n"
		 "  sudo l2tp-connect add lab gateway=192.0.2.7 user=bob password-flags=2 \\\n"
		 "       ipv4.never-default=true ipv4.route1=10.20.0.0/16\n"
		 "  printf 'ipsec-psk=%s\\npassword=%s\\n' \"$PSK\" \"$PW\" |\n"
		 "       sudo l2tp-connect add office gateway=vpn.example.com user=alice \\\n"
		 "       ipsec-enabled=yes --secrets-from-stdin\n");
}

static int create_profile(const char *name, int argc, char **argv,
			  const struct l2c_cli_secret_input *input, struct l2c_profile **out)
{
	g_autoptr(l2c_profile) profile = NULL;
	GError *error = NULL;
	int code;

	l2c_profile_new(name, &profile);
	code = l2c_cli_apply_assignments("add", profile, argc, argv);
	if (code != L2C_EXIT_OK)
		return code;
	if (l2c_profile_validate(profile, NULL, &error) < 0)
		return l2c_cli_fail(error);
	code = l2c_cli_read_secrets("add", profile, input);
	if (code != L2C_EXIT_OK)
		return code;
	*out = g_steal_pointer(&profile);
	return L2C_EXIT_OK;
}

int l2c_cmd_add(int argc, char **argv)
{
	struct l2c_cli_secret_input input = {.prompt_missing = true};
	struct l2c_cli_profiles profiles = {0};
	g_autoptr(l2c_profile) profile = NULL;
	GError *error = NULL;
	const char *name;
	int first, code = L2C_EXIT_OK;

	if (l2c_cli_parse_change_options("add", help_text(), argc, argv, &input, &first, &code) < 0)
		goto out;
	if (first >= argc) {
		code = l2c_cli_usage_error("add", _("expected a profile name and KEY=VALUE pairs"));
		goto out;
	}
	name = argv[first];
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		goto out;
	if (l2c_profile_name_check(name, &error) == 0 &&
	    l2c_cli_profiles_exists(&profiles, name, &error) > 0)
		g_set_error(&error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_EXISTS,
			    _("a profile named '%s' already exists"), name);
	if (error) {
		code = l2c_cli_fail_remote(error); /* before asking for any secret */
		goto out;
	}
	code = create_profile(name, argc - first - 1, argv + first + 1, &input, &profile);
	if (code != L2C_EXIT_OK)
		goto out;
	if (l2c_cli_profiles_save(&profiles, profile, false, &error) < 0) {
		code = l2c_cli_fail_remote(error);
		goto out;
	}
	printf(_("Added profile '%s'.\n"), name);
	l2c_cli_note_missing_secrets(profile);
out:
	l2c_cli_profiles_close(&profiles);
	l2c_cli_secret_input_clear(&input);
	return code;
}
