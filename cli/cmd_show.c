/* l2tp-connect show NAME [--show-secrets] */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/profile_access.h"

#include "profile/profile_keys.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char *help_text(void)
{
	return _("Usage: l2tp-connect show NAME [--show-secrets]\n"
		 "\n"
		 "Show a profile's settings, section by section: the values it sets, the\n"
		 "defaults it relies on (marked), keys l2tp-connect does not know (kept as\n"
		 "they are), and which secrets are stored or will be asked for at connect.\n"
		 "\n"
		 "Options:\n"
		 "      --show-secrets   print stored secrets instead of hiding them (root only)\n"
		 "  -h, --help           show this help\n"
		 "\n"
		 "Other users than root see the profile through the l2tp-connectd service:\n"
		 "the keys l2tp-connect knows, and for each secret a connect needs whether\n"
		 "it is stored, never its value.\n"
		 "\n"
		 "Examples:\n"
		 "  l2tp-connect show office\n"
		 "  sudo l2tp-connect show office --show-secrets\n");
}

struct show_state {
	const struct l2c_profile *profile;
	const char *section; /* the last header printed */
	bool show_secrets;
	/* Through the service: the profile holds no secret; these are the needed ones it
	 * does not store (every other needed one is stored). NULL: read from the store. */
	char **missing;
};

static void print_section_header(struct show_state *st, const char *section)
{
	if (st->section && strcmp(st->section, section) == 0)
		return;
	printf("[%s]\n", section);
	st->section = section;
}

static const char *secret_state(const struct show_state *st, enum l2c_secret s)
{
	unsigned flags = st->profile->vpn.secret_flags[s];

	if (st->missing && !g_strv_contains((const char *const *)st->missing, l2c_secret_name(s)))
		return _("(stored, hidden)");
	if (l2c_profile_has_stored_secret(st->profile, s)) {
		if (flags != L2C_SECRET_FLAG_SAVED)
			return _("(stored, but ignored because of its flags)");
		return st->show_secrets ? l2c_profile_get_secret(st->profile, s) : _("(hidden)");
	}
	if (flags == L2C_SECRET_FLAG_AGENT_OWNED)
		return _("(not stored: asked for by your agent at connect)");
	return _("(not stored: asked for at connect)");
}

/* Unknown keys' values come straight from a file: escape anything unprintable. */
static char *printable(const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return g_strescape(value, NULL);
	return g_strdup(value);
}

static void print_entry(const struct l2c_profile_entry *entry, void *user_data)
{
	struct show_state *st = user_data;
	g_autofree char *value = NULL;
	const char *note = "";

	print_section_header(st, entry->section);
	if (entry->desc && entry->desc->type == L2C_KEY_SECRET) {
		printf("  %-22s = %s\n", entry->key,
		       secret_state(st, (enum l2c_secret)entry->desc->secret));
		return;
	}
	value = printable(entry->value);
	if (entry->is_default)
		note = _("  (default)");
	else if (!entry->desc)
		note = _("  (unknown key, kept)");
	printf("  %-22s = %s%s\n", entry->key, value, note);
}

int l2c_cmd_show(int argc, char **argv)
{
	static const struct option options[] = {
	    {"show-secrets", no_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct show_state st = {0};
	struct l2c_cli_profiles profiles;
	g_autoptr(l2c_profile) profile = NULL;
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	int c, code;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 's')
			st.show_secrets = true;
		else if (c == 'h')
			return l2c_cli_print_help(help_text());
		else
			return l2c_cli_usage_error("show", _("unknown option '%s'"),
						   argv[optind - 1]);
	}
	if (argc - optind != 1)
		return l2c_cli_usage_error("show", _("expected one profile name"));
	if (st.show_secrets && !l2c_cli_may_reveal_secrets()) {
		fprintf(stderr, _("%s: --show-secrets is for root only; run it with sudo\n"),
			L2C_CLI_NAME);
		return L2C_EXIT_FAILURE;
	}
	code = l2c_cli_profiles_open(&profiles);
	if (code != L2C_EXIT_OK)
		return code;
	if (l2c_cli_profiles_load(&profiles, argv[optind], false, &profile, warnings, &error) <
		0 ||
	    (l2c_cli_profiles_via_service(&profiles) &&
	     !(st.missing = l2c_cli_profiles_missing_secrets(&profiles, argv[optind], &error)))) {
		l2c_cli_profiles_close(&profiles);
		return l2c_cli_fail_remote(error);
	}
	l2c_cli_profiles_close(&profiles);
	l2c_cli_print_warnings(warnings);
	st.profile = profile;
	printf(_("profile %s\n"), profile->name);
	l2c_profile_foreach_entry(profile, print_entry, &st);
	g_strfreev(st.missing);
	return L2C_EXIT_OK;
}
