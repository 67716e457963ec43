#include "config.h"

#include "daemon/settings_dict.h"

#include <errno.h>
#include <string.h>

#include "profile/profile_keys.h"
#include "util/i18n.h"

/* Whether an entry is one a client reads and writes as a plain setting. An empty value is
 * the same as an absent key to l2c_profile_set_value, so it is left out too. */
static bool is_plain_setting(const struct l2c_profile_entry *entry)
{
	const struct l2c_profile_key *k = entry->desc;

	return k && !entry->is_default && entry->value && entry->value[0] &&
	       k->type != L2C_KEY_SECRET &&
	       !(k->flags & (L2C_KEY_NOT_SETTABLE | L2C_KEY_LEGACY_SECRET)) &&
	       strcmp(entry->section, L2C_SECTION_SECRETS) != 0;
}

static void add_setting(const struct l2c_profile_entry *entry, void *user_data)
{
	GVariantBuilder *builder = user_data;
	g_autofree char *key = NULL;

	if (!is_plain_setting(entry))
		return;
	key = g_strdup_printf("%s.%s", entry->section, entry->key);
	g_variant_builder_add(builder, "{ss}", key, entry->value ? entry->value : "");
}

GVariant *l2c_settings_from_profile(const struct l2c_profile *profile)
{
	GVariantBuilder builder;

	g_variant_builder_init(&builder, G_VARIANT_TYPE("a{ss}"));
	l2c_profile_foreach_entry(profile, add_setting, &builder);
	return g_variant_builder_end(&builder);
}

struct stale_keys {
	GHashTable *given; /* "section.key" of the new settings */
	GPtrArray *stale;  /* "section.key" to remove */
};

/* The profile's identity: a client creating a profile does not know its uuid. */
static bool is_identity_key(const char *qualified)
{
	return strcmp(qualified, L2C_SECTION_CONNECTION ".id") == 0 ||
	       strcmp(qualified, L2C_SECTION_CONNECTION ".uuid") == 0;
}

static void collect_stale(const struct l2c_profile_entry *entry, void *user_data)
{
	struct stale_keys *keys = user_data;
	char *key;

	if (!is_plain_setting(entry))
		return;
	key = g_strdup_printf("%s.%s", entry->section, entry->key);
	if (g_hash_table_contains(keys->given, key) || is_identity_key(key)) {
		g_free(key);
		return;
	}
	g_ptr_array_add(keys->stale, key);
}

int l2c_settings_apply(struct l2c_profile *profile, GVariant *settings, GError **error)
{
	g_autoptr(GHashTable) given = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func(g_free);
	struct stale_keys keys = {given, stale};
	GVariantIter iter;
	const char *key, *value;
	int r;

	g_return_val_if_fail(g_variant_is_of_type(settings, G_VARIANT_TYPE("a{ss}")), -EINVAL);
	g_variant_iter_init(&iter, settings);
	while (g_variant_iter_next(&iter, "{&s&s}", &key, &value))
		g_hash_table_add(given, (char *)key);
	l2c_profile_foreach_entry(profile, collect_stale, &keys);
	for (guint i = 0; i < stale->len; i++) {
		r = l2c_profile_set_value(profile, stale->pdata[i], NULL, error);
		if (r < 0)
			return r;
	}
	g_variant_iter_init(&iter, settings);
	while (g_variant_iter_next(&iter, "{&s&s}", &key, &value)) {
		r = l2c_profile_set_value(profile, key, value, error);
		if (r < 0)
			return r;
	}
	return l2c_profile_validate(profile, NULL, error);
}

static int unknown_secret(const char *name, GError **error)
{
	g_autofree char *shown = g_strescape(name, NULL);

	g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_UNKNOWN_KEY,
		    _("\"%s\" is not a secret (password, user-certpass, ipsec-psk, "
		      "machine-certpass, tunnel-secret)"),
		    shown);
	return -ENOENT;
}

int l2c_secrets_apply(struct l2c_profile *profile, GVariant *secrets, bool store, GError **error)
{
	GVariantIter iter;
	const char *name, *value;
	int r;

	g_return_val_if_fail(g_variant_is_of_type(secrets, G_VARIANT_TYPE("a{ss}")), -EINVAL);
	g_variant_iter_init(&iter, secrets);
	while (g_variant_iter_next(&iter, "{&s&s}", &name, &value)) {
		int secret = l2c_secret_from_name(name);

		if (secret < 0)
			return unknown_secret(name, error);
		if (store)
			r = l2c_profile_set_secret(profile, secret, *value ? value : NULL, error);
		else
			r = *value ? l2c_profile_supply_secret(profile, secret, value, error) : 0;
		if (r < 0)
			return r;
	}
	return 0;
}

char **l2c_secrets_missing_names(const struct l2c_profile *profile)
{
	unsigned missing = l2c_profile_secrets_missing(profile);
	g_autoptr(GPtrArray) names = g_ptr_array_new();

	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (missing & L2C_SECRET_BIT(s))
			g_ptr_array_add(names, g_strdup(l2c_secret_name(s)));
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(g_steal_pointer(&names), FALSE);
}
