/* l2tp-connect export NAME [--with-secrets] [--output FILE] */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

#include "util/i18n.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *help_text(void)
{
	return _("Usage: l2tp-connect export NAME [--with-secrets] [--output FILE]\n"
		 "\n"
		 "Print a profile as a NetworkManager keyfile, ready for\n"
		 "/etc/NetworkManager/system-connections/ or 'nmcli connection load'.\n"
		 "Secrets are left out unless asked for.\n"
		 "\n"
		 "Options:\n"
		 "      --with-secrets   include the stored secrets (root only)\n"
		 "  -o, --output FILE    write to FILE (created with mode 0600) instead of stdout\n"
		 "  -h, --help           show this help\n"
		 "\n"
		 "Other users than root export through the l2tp-connectd service: the keys\n"
		 "l2tp-connect knows, without secrets.\n"
		 "\n"
		 "Examples:\n"
		 "  l2tp-connect export office > office.nmconnection\n"
		 "  sudo l2tp-connect export office --with-secrets -o /root/office.nmconnection\n");
}

static int write_output(const char *path, const char *text)
{
	GError *error = NULL;

	if (!g_file_set_contents_full(path, text, (gssize)strlen(text),
				      G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)) {
		fprintf(stderr, "%s: %s\n", L2C_CLI_NAME, error->message);
		g_error_free(error);
		return L2C_EXIT_FAILURE;
	}
	return L2C_EXIT_OK;
}

/* Through the service: the keys l2tp-connect knows, never a secret. */
static int export_text(struct l2c_cli_profiles *profiles, const char *name, bool with_secrets,
		       char **text, GError **error)
{
	g_autoptr(l2c_profile) profile = NULL;

	if (!l2c_cli_profiles_via_service(profiles))
		return l2c_profile_store_export(profiles->store, name, with_secrets, text, error);
	if (l2c_cli_profiles_load(profiles, name, false, &profile, NULL, error) < 0)
		return -EIO;
	*text = l2c_profile_to_keyfile(profile, false, NULL);
	return 0;
}

int l2c_cmd_export(int argc, char **argv)
{
	static const struct option options[] = {
	    {"with-secrets", no_argument, NULL, 's'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct l2c_cli_profiles profiles;
	const char *output = NULL;
	bool with_secrets = false;
	char *text = NULL;
	GError *error = NULL;
	int c, code = L2C_EXIT_OK;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (c) {
		case 's':
			with_secrets = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return l2c_cli_print_help(help_text());
		case ':':
			return l2c_cli_usage_error("export", _("option '%s' needs a value"),
						   argv[optind - 1]);
		default:
			return l2c_cli_usage_error("export", _("unknown option '%s'"),
						   argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return l2c_cli_usage_error("export", _("expected one profile name"));
	if (with_secrets && !l2c_cli_may_reveal_secrets()) {
		fprintf(stderr, _("%s: --with-secrets is for root only; run it with sudo\n"),
			L2C_CLI_NAME);
		return L2C_EXIT_FAILURE;
	}
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		return code;
	if (export_text(&profiles, argv[optind], with_secrets, &text, &error) < 0) {
		l2c_cli_profiles_close(&profiles);
		return l2c_cli_fail_remote(error);
	}
	l2c_cli_profiles_close(&profiles);
	if (output)
		code = write_output(output, text);
	else
		fputs(text, stdout);
	l2c_secret_free(text);
	return code;
}
