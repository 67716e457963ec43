/* Secrets for `add` and `edit`: typed at the terminal without echo, or read as KEY=VALUE lines
 * from stdin (for scripts: `printf 'ipsec-psk=%s\n' "$PSK" | l2tp-connect add ...`). */
#include "config.h"

#include "cli/cli.h"
#include "cli/prompt.h"

#include "profile/profile_keys.h"
#include "util/i18n.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int l2c_cli_secret_from_spec(const char *spec)
{
	const char *key_name;
	bool ambiguous;
	const struct l2c_profile_key *k = l2c_profile_key_find(spec, &key_name, &ambiguous);

	return k && k->type == L2C_KEY_SECRET ? k->secret : -1;
}

void l2c_cli_secret_input_clear(struct l2c_cli_secret_input *input)
{
	g_clear_pointer(&input->prompt_for, g_ptr_array_unref);
}

static int store_secret(struct l2c_profile *profile, int secret, const char *value)
{
	GError *error = NULL;

	if (l2c_profile_set_secret(profile, secret, value, &error) < 0)
		return l2c_cli_fail(error);
	return L2C_EXIT_OK;
}

static int read_stdin_line(const char *command, struct l2c_profile *profile, unsigned line_no,
			   char *line)
{
	char *eq = strchr(line, '=');
	int secret;

	if (!line[0] || line[0] == '#')
		return L2C_EXIT_OK;
	if (eq)
		*eq = '\0';
	secret = eq ? l2c_cli_secret_from_spec(line) : -1;
	if (secret < 0)
		return l2c_cli_usage_error(command,
					   _("stdin line %u: expected SECRET=VALUE with SECRET one "
					     "of password, user-certpass, ipsec-psk, "
					     "machine-certpass, tunnel-secret"),
					   line_no);
	return store_secret(profile, secret, eq + 1);
}

static int read_secrets_from_stdin(const char *command, struct l2c_profile *profile)
{
	for (unsigned line_no = 1;; line_no++) {
		char *line = NULL;
		int r = l2c_read_secret_line(STDIN_FILENO, &line);
		size_t len;
		int code;

		if (r == 0)
			return L2C_EXIT_OK;
		if (r < 0) {
			fprintf(stderr, _("%s: cannot read secrets from stdin: %s\n"), L2C_CLI_NAME,
				g_strerror(-r));
			return L2C_EXIT_FAILURE;
		}
		len = strlen(line);
		code = read_stdin_line(command, profile, line_no, line);
		explicit_bzero(line, len); /* read_stdin_line cut it at '=' */
		g_free(line);
		if (code != L2C_EXIT_OK)
			return code;
	}
}

static int prompt_for_secret(struct l2c_profile *profile, int secret, bool empty_skips)
{
	const struct l2c_profile_key *k = l2c_profile_secret_key(secret);
	g_autofree char *prompt = NULL;
	GError *error = NULL;
	char *value;
	int code;

	prompt =
	    empty_skips
		? g_strdup_printf(_("%s (%s) for '%s', empty to be asked at connect: "),
				  _(k->summary), k->name, profile->name)
		: g_strdup_printf(_("%s (%s) for '%s': "), _(k->summary), k->name, profile->name);
	value = l2c_prompt_secret(prompt, &error);
	if (!value)
		return l2c_cli_fail(error);
	code = value[0] || !empty_skips ? store_secret(profile, secret, value) : L2C_EXIT_OK;
	l2c_secret_free(value);
	return code;
}

/* `add` on a terminal: offer to store each secret the profile will need, unless its flags say
 * it is not stored in the profile. */
static int prompt_for_missing(struct l2c_profile *profile)
{
	unsigned missing = l2c_profile_secrets_missing(profile);

	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		int code;

		if (!(missing & L2C_SECRET_BIT(s)) ||
		    profile->vpn.secret_flags[s] != L2C_SECRET_FLAG_SAVED)
			continue;
		code = prompt_for_secret(profile, s, true);
		if (code != L2C_EXIT_OK)
			return code;
	}
	return L2C_EXIT_OK;
}

int l2c_cli_read_secrets(const char *command, struct l2c_profile *profile,
			 const struct l2c_cli_secret_input *input)
{
	int code = L2C_EXIT_OK;

	if (input->from_stdin)
		code = read_secrets_from_stdin(command, profile);
	for (guint i = 0; code == L2C_EXIT_OK && input->prompt_for && i < input->prompt_for->len;
	     i++) {
		int secret = l2c_cli_secret_from_spec(g_ptr_array_index(input->prompt_for, i));

		code = prompt_for_secret(profile, secret, false);
	}
	if (code == L2C_EXIT_OK && input->prompt_missing && !input->from_stdin &&
	    isatty(STDIN_FILENO))
		code = prompt_for_missing(profile);
	return code;
}
