/* key=value arguments of `add` and `edit`. Secrets are refused here: argv is readable by every
 * user through /proc/PID/cmdline and lands in shell history. */
#include "config.h"

#include "cli/cli.h"

#include "profile/profile_keys.h"
#include "util/i18n.h"

#include <stdio.h>
#include <string.h>

static bool names_a_secret(const char *key)
{
	const char *key_name;
	bool ambiguous;
	const struct l2c_profile_key *k = l2c_profile_key_find(key, &key_name, &ambiguous);

	return k && k->type == L2C_KEY_SECRET;
}

/* Too late to keep it out of shell history, but `ps` and /proc stop showing it. */
static void wipe_value(char *value)
{
	explicit_bzero(value, strlen(value));
}

static int refuse_secret(const char *command, const char *key)
{
	fprintf(stderr,
		_("%s: refusing to take the secret '%s' from the command line: arguments are "
		  "visible to other users and stay in shell history\n"),
		L2C_CLI_NAME, key);
	fprintf(stderr, _("%s: use '--prompt %s' to type it, or '--secrets-from-stdin'\n"),
		L2C_CLI_NAME, key);
	return L2C_EXIT_USAGE;
}

/* Wipes every secret value first, so none survives in argv even when several were given. */
static const char *find_and_wipe_secrets(int argc, char **argv)
{
	const char *first = NULL;

	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		g_autofree char *key = eq ? g_strndup(argv[i], (size_t)(eq - argv[i])) : NULL;

		if (key && names_a_secret(key)) {
			wipe_value(eq + 1);
			eq[0] = '\0'; /* argv[i] is now the bare key name */
			if (!first)
				first = argv[i];
		}
	}
	return first;
}

/* Every bad value is reported, not just the first, so one run shows all there is to fix. */
int l2c_cli_apply_assignments(const char *command, struct l2c_profile *profile, int argc,
			      char **argv)
{
	const char *secret = find_and_wipe_secrets(argc, argv);
	int code = L2C_EXIT_OK;

	if (secret)
		return refuse_secret(command, secret);
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		g_autofree char *key = NULL;
		GError *error = NULL;
		int r;

		if (!eq || eq == argv[i])
			return l2c_cli_usage_error(command, _("'%s' is not KEY=VALUE"), argv[i]);
		key = g_strndup(argv[i], (size_t)(eq - argv[i]));
		if (l2c_profile_set_value(profile, key, eq + 1, &error) == 0)
			continue;
		r = l2c_cli_fail(error);
		if (r == L2C_EXIT_USAGE)
			fprintf(stderr, _("%s: 'l2tp-connect keys' lists the keys\n"),
				L2C_CLI_NAME);
		if (code == L2C_EXIT_OK || r == L2C_EXIT_USAGE)
			code = r;
	}
	return code;
}
