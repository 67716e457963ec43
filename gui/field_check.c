#include "config.h"

#include "gui/field_check.h"

#include "core/profile/profile_store.h"
#include "core/profile/profile_value_check.h"
#include "daemon/settings_dict.h"
#include "gui/gui_client.h"

static char *problem_of_value(const struct l2c_profile_key *entry, const char *key_name,
			      const char *value)
{
	g_autofree char *problem = l2c_profile_check_value(entry, value);

	if (!problem)
		return NULL;
	return g_strdup_printf("[%s] %s: %s", entry->section, key_name, problem);
}

/* Routes are one per line, each its own numbered key (route1, route2, ...). */
static char *problem_of_lines(const struct l2c_profile_key *entry, const char *text)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	unsigned n = 0;

	for (char **line = lines; *line; line++) {
		g_autofree char *key_name = NULL;
		char *problem;

		g_strstrip(*line);
		if (!**line)
			continue;
		key_name = g_strdup_printf("%s%u", entry->name, ++n);
		problem = problem_of_value(entry, key_name, *line);
		if (problem)
			return problem;
	}
	return NULL;
}

char *l2c_gui_field_problem(struct l2c_gui_field *field)
{
	g_autofree char *value = l2c_gui_field_value(field);

	if (!value || !*value)
		return NULL;
	if (field->entry->flags & L2C_KEY_NUMBERED)
		return problem_of_lines(field->entry, value);
	return problem_of_value(field->entry, field->entry->name, value);
}

char *l2c_gui_name_problem(const char *name)
{
	g_autoptr(GError) error = NULL;

	if (l2c_profile_name_check(name, &error) == 0)
		return NULL;
	return g_strdup(error->message);
}

char *l2c_gui_settings_problem(GHashTable *settings)
{
	g_autoptr(l2c_profile) profile = NULL;
	g_autoptr(GVariant) dict = g_variant_ref_sink(l2c_gui_dict_from_table(settings));
	g_autoptr(GError) error = NULL;

	/* The scratch profile's name is never shown: the form's own name is checked apart. */
	if (l2c_profile_new("check", &profile) < 0)
		return NULL;
	if (l2c_settings_apply(profile, dict, &error) == 0)
		return NULL;
	return g_strdup(error->message);
}
