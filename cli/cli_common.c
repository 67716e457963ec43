/* Helpers every subcommand uses: the store, error and warning output, exit codes. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

struct l2c_profile_store *l2c_cli_open_store(void)
{
	const char *dir = g_getenv("L2TP_CONNECT_PROFILE_DIR");

	return l2c_profile_store_new(dir && dir[0] ? dir : NULL);
}

static int exit_code_for(const GError *error)
{
	if (error->domain != L2C_PROFILE_ERROR)
		return L2C_EXIT_FAILURE;
	switch ((enum l2c_profile_error_code)error->code) {
	case L2C_PROFILE_ERROR_INVALID:
		return L2C_EXIT_INVALID;
	case L2C_PROFILE_ERROR_NOT_FOUND:
		return L2C_EXIT_NOT_FOUND;
	case L2C_PROFILE_ERROR_EXISTS:
		return L2C_EXIT_EXISTS;
	case L2C_PROFILE_ERROR_BAD_NAME:
	case L2C_PROFILE_ERROR_UNKNOWN_KEY:
		return L2C_EXIT_USAGE;
	case L2C_PROFILE_ERROR_IO:
		break;
	}
	return L2C_EXIT_FAILURE;
}

int l2c_cli_fail(GError *error)
{
	g_auto(GStrv) lines = g_strsplit(error->message, "\n", -1);
	int code = exit_code_for(error);

	for (size_t i = 0; lines[i]; i++)
		fprintf(stderr, "%s: %s\n", L2C_CLI_NAME, lines[i]);
	if (code == L2C_EXIT_EXISTS)
		fprintf(stderr, _("%s: use 'edit' to change it, or delete it first\n"),
			L2C_CLI_NAME);
	g_error_free(error);
	return code;
}

int l2c_cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", L2C_CLI_NAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (command)
		fprintf(stderr, _("Try '%s %s --help'.\n"), L2C_CLI_NAME, command);
	else
		fprintf(stderr, _("Try '%s --help'.\n"), L2C_CLI_NAME);
	return L2C_EXIT_USAGE;
}

int l2c_cli_print_help(const char *text)
{
	fputs(text, stdout);
	return L2C_EXIT_OK;
}

void l2c_cli_print_warnings(GPtrArray *warnings)
{
	for (guint i = 0; warnings && i < warnings->len; i++)
		fprintf(stderr, _("%s: warning: %s\n"), L2C_CLI_NAME,
			(const char *)g_ptr_array_index(warnings, i));
}

bool l2c_cli_may_reveal_secrets(void)
{
	return geteuid() == 0;
}

void l2c_cli_note_missing_secrets(const struct l2c_profile *profile)
{
	unsigned missing = l2c_profile_secrets_missing(profile);
	g_autoptr(GString) names = g_string_new(NULL);

	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		if (!(missing & L2C_SECRET_BIT(s)))
			continue;
		if (names->len)
			g_string_append(names, ", ");
		g_string_append(names, l2c_secret_name(s));
	}
	if (names->len)
		fprintf(stderr, _("%s: note: not stored, asked for at connect: %s\n"), L2C_CLI_NAME,
			names->str);
}
