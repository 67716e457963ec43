/* A profile as entries for display, in the key table's order. */
#include "config.h"

#include "profile/profile.h"

#include "profile/profile_private.h"

#include <string.h>

static const char *const table_sections[] = {L2C_SECTION_CONNECTION, L2C_SECTION_VPN,
					     L2C_SECTION_SECRETS, L2C_SECTION_IPV4,
					     L2C_SECTION_IPV6};

static bool is_table_section(const char *section)
{
	for (size_t i = 0; i < G_N_ELEMENTS(table_sections); i++)
		if (strcmp(section, table_sections[i]) == 0)
			return true;
	return false;
}

static void emit(l2c_profile_entry_fn fn, void *user_data, const char *section, const char *key,
		 const char *value, const struct l2c_profile_key *desc, bool is_default)
{
	struct l2c_profile_entry entry = {section, key, value, desc, is_default};

	fn(&entry, user_data);
}

static void emit_secrets(const struct l2c_profile *p, l2c_profile_entry_fn fn, void *user_data)
{
	unsigned needed = l2c_profile_secrets_needed(p);

	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (l2c_profile_has_stored_secret(p, s) || (needed & L2C_SECRET_BIT(s)))
			emit(fn, user_data, L2C_SECTION_SECRETS, l2c_secret_name(s), NULL,
			     l2c_profile_secret_key(s), false);
}

static void emit_file_value(GKeyFile *kf, const char *section, const char *key,
			    const struct l2c_profile_key *desc, l2c_profile_entry_fn fn,
			    void *user_data)
{
	char *problem = NULL;
	g_autofree char *value = l2c_profile_keyfile_value(kf, section, key, &problem);

	if (!value) /* empty, or not displayable as text: show the raw form */
		value = g_key_file_get_value(kf, section, key, NULL);
	g_free(problem);
	emit(fn, user_data, section, key, value ? value : "", desc, false);
}

static void emit_table_key(GKeyFile *kf, const struct l2c_profile_key *k, l2c_profile_entry_fn fn,
			   void *user_data)
{
	g_auto(GStrv) keys = NULL;

	if (k->type == L2C_KEY_SECRET)
		return;
	if (!(k->flags & L2C_KEY_NUMBERED)) {
		if (g_key_file_has_key(kf, k->section, k->name, NULL))
			emit_file_value(kf, k->section, k->name, k, fn, user_data);
		else if (k->default_value)
			emit(fn, user_data, k->section, k->name, k->default_value, k, true);
		return;
	}
	keys = g_key_file_get_keys(kf, k->section, NULL, NULL);
	for (size_t i = 0; keys && keys[i]; i++)
		if (l2c_profile_key_lookup(k->section, keys[i]) == k)
			emit_file_value(kf, k->section, keys[i], k, fn, user_data);
}

static void emit_unknown_keys(GKeyFile *kf, const char *section, l2c_profile_entry_fn fn,
			      void *user_data)
{
	g_auto(GStrv) keys = g_key_file_get_keys(kf, section, NULL, NULL);

	for (size_t i = 0; keys && keys[i]; i++)
		if (!l2c_profile_key_lookup(section, keys[i]))
			emit_file_value(kf, section, keys[i], NULL, fn, user_data);
}

void l2c_profile_foreach_entry(const struct l2c_profile *profile, l2c_profile_entry_fn fn,
			       void *user_data)
{
	GKeyFile *kf = profile->priv->keyfile;
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);

	for (size_t s = 0; s < G_N_ELEMENTS(table_sections); s++) {
		const char *section = table_sections[s];

		if (strcmp(section, L2C_SECTION_SECRETS) == 0) {
			emit_secrets(profile, fn, user_data);
			continue;
		}
		for (size_t i = 0; i < l2c_profile_n_keys; i++)
			if (strcmp(l2c_profile_keys[i].section, section) == 0)
				emit_table_key(kf, &l2c_profile_keys[i], fn, user_data);
		emit_unknown_keys(kf, section, fn, user_data);
	}
	for (size_t g = 0; groups[g]; g++)
		if (!is_table_section(groups[g]))
			emit_unknown_keys(kf, groups[g], fn, user_data);
}
