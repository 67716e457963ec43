/* l2tp-connect keys: the key table, for people and for shell completion. */
#include "config.h"

#include "cli/cli.h"

#include "profile/profile_keys.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define LONG_DEFAULT 20

static const char *help_text(void)
{
	return _("Usage: l2tp-connect keys [--names]\n"
		 "\n"
		 "List the keys a profile can set, with their type, default and meaning.\n"
		 "l2tp-connect.conf(5) describes each in full.\n"
		 "\n"
		 "Options:\n"
		 "      --names   print only the names, as 'add' and 'edit' take them\n"
		 "  -h, --help    show this help\n"
		 "\n"
		 "Examples:\n"
		 "  l2tp-connect keys\n"
		 "  l2tp-connect keys | grep ipsec\n");
}

/* "575–1500", "password|tls", or the type's own name. */
static char *describe_type(const struct l2c_profile_key *k)
{
	if (k->type == L2C_KEY_UINT)
		return g_strdup_printf("%u-%u", k->min, k->max);
	if (k->type == L2C_KEY_ENUM)
		return g_strjoinv("|", (char **)k->choices);
	return g_strdup(l2c_profile_key_type_name(k->type));
}

static char *describe_default(const struct l2c_profile_key *k)
{
	if (!k->default_value)
		return g_strdup("-");
	if (strlen(k->default_value) > LONG_DEFAULT)
		return g_strdup(_("(long, see man page)"));
	return g_strdup(k->default_value);
}

/* The name `add` takes: bare when unambiguous, "section.key" otherwise. */
static char *settable_name(const struct l2c_profile_key *k)
{
	const char *key_name;
	bool ambiguous;
	const char *stem_suffix = k->flags & L2C_KEY_NUMBERED ? "N" : "";

	l2c_profile_key_find(k->name, &key_name, &ambiguous);
	if (ambiguous || (k->flags & L2C_KEY_NUMBERED))
		return g_strdup_printf("%s.%s%s", k->section, k->name, stem_suffix);
	return g_strdup(k->name);
}

static bool is_listed(const struct l2c_profile_key *k)
{
	return !(k->flags & (L2C_KEY_LEGACY_SECRET | L2C_KEY_NOT_SETTABLE));
}

int l2c_cmd_keys(int argc, char **argv)
{
	static const struct option options[] = {
	    {"names", no_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	bool names_only = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'n')
			names_only = true;
		else if (c == 'h')
			return l2c_cli_print_help(help_text());
		else
			return l2c_cli_usage_error("keys", _("unknown option '%s'"),
						   argv[optind - 1]);
	}
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];
		g_autofree char *name = NULL;
		g_autofree char *type = NULL;
		g_autofree char *def = NULL;

		if (!is_listed(k))
			continue;
		name = settable_name(k);
		if (names_only) {
			printf("%s\n", name);
			continue;
		}
		type = describe_type(k);
		def = describe_default(k);
		printf("%-26s %-22s %-20s %s\n", name, type, def, _(k->summary));
	}
	return L2C_EXIT_OK;
}
