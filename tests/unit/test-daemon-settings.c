/* Profiles as D-Bus dictionaries: what GetProfile returns never holds a secret or a value left
 * at its default, SaveProfile's settings replace the table keys exactly (keeping identity and
 * keys outside the table), secrets are stored or only supplied as asked, and bad input names
 * the key without echoing a secret. */
#include "config.h"

#include "daemon/settings_dict.h"

#include <glib.h>
#include <string.h>

static struct l2c_profile *load(const char *file)
{
	const char *srcdir = g_getenv("top_srcdir");
	g_autofree char *path = g_build_filename(srcdir ? srcdir : L2C_TOP_SRCDIR, "tests", "data",
						 "profiles", file, NULL);
	g_autofree char *text = NULL;
	struct l2c_profile *profile = NULL;
	gsize len;
	GError *error = NULL;

	g_assert_true(g_file_get_contents(path, &text, &len, NULL));
	g_assert_cmpint(l2c_profile_parse(text, len, &profile, NULL, &error), ==, 0);
	g_assert_no_error(error);
	profile->name = g_strdup("office");
	return profile;
}

static const char *lookup(GVariant *dict, const char *key)
{
	const char *value = NULL;

	return g_variant_lookup(dict, key, "&s", &value) ? value : NULL;
}

static GVariant *dict(const char *const *pairs)
{
	GVariantBuilder builder;

	g_variant_builder_init(&builder, G_VARIANT_TYPE("a{ss}"));
	for (; pairs[0]; pairs += 2)
		g_variant_builder_add(&builder, "{ss}", pairs[0], pairs[1]);
	return g_variant_ref_sink(g_variant_builder_end(&builder));
}

static void test_settings_have_no_secret(void)
{
	g_autoptr(l2c_profile) profile = load("psk.nmconnection");
	g_autoptr(GVariant) settings = g_variant_ref_sink(l2c_settings_from_profile(profile));
	GVariantIter iter;
	const char *key, *value;

	g_assert_cmpstr(lookup(settings, "vpn.gateway"), ==, "vpn.example.com");
	g_assert_cmpstr(lookup(settings, "vpn.user"), ==, "alice");
	g_assert_cmpstr(lookup(settings, "connection.id"), ==, "Office VPN");
	g_assert_cmpstr(lookup(settings, "vpn.ipsec-enabled"), ==, "yes");
	/* The stored PSK is in the profile but nowhere in the dictionary. */
	g_assert_nonnull(l2c_profile_get_secret(profile, L2C_SECRET_IPSEC_PSK));
	g_variant_iter_init(&iter, settings);
	while (g_variant_iter_next(&iter, "{&s&s}", &key, &value)) {
		g_assert_false(g_str_has_prefix(key, "vpn-secrets."));
		g_assert_null(strstr(value, "Ex4mple PSK"));
	}
	/* Managed and default keys are left out. */
	g_assert_null(lookup(settings, "vpn.service-type"));
	g_assert_null(lookup(settings, "vpn.mtu"));
}

/* GetProfile then SaveProfile with the same settings changes nothing. */
static void test_round_trip(void)
{
	static const char *const files[] = {"psk.nmconnection", "split-routes.nmconnection",
					    "mppe-refuse.nmconnection"};

	for (gsize i = 0; i < G_N_ELEMENTS(files); i++) {
		g_autoptr(l2c_profile) original = load(files[i]);
		g_autoptr(l2c_profile) copy = load(files[i]);
		g_autoptr(GVariant) settings =
		    g_variant_ref_sink(l2c_settings_from_profile(original));
		g_autoptr(GVariant) again = NULL;
		GError *error = NULL;

		g_assert_cmpint(l2c_settings_apply(copy, settings, &error), ==, 0);
		g_assert_no_error(error);
		again = g_variant_ref_sink(l2c_settings_from_profile(copy));
		if (!g_variant_equal(settings, again)) {
			g_autofree char *a = g_variant_print(settings, FALSE);
			g_autofree char *b = g_variant_print(again, FALSE);

			g_error("%s: %s became %s", files[i], a, b);
		}
	}
}

static void test_apply_replaces_table_keys(void)
{
	g_autoptr(l2c_profile) profile = load("psk.nmconnection");
	static const char *const pairs[] = {"vpn.gateway", "192.0.2.1", "vpn.user", "bob",
					    "vpn.mtu",	   "1300",	NULL};
	g_autoptr(GVariant) settings = dict(pairs);
	g_autoptr(GVariant) result = NULL;
	g_autofree char *text = NULL;
	GError *error = NULL;

	g_assert_cmpint(l2c_settings_apply(profile, settings, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpstr(profile->vpn.gateway, ==, "192.0.2.1");
	g_assert_cmpuint(profile->vpn.mtu, ==, 1300);
	/* ipsec-enabled was not given: back to its default. */
	g_assert_false(profile->vpn.ipsec_enabled);
	result = g_variant_ref_sink(l2c_settings_from_profile(profile));
	g_assert_null(lookup(result, "vpn.ipsec-enabled"));
	g_assert_null(lookup(result, "connection.permissions"));
	/* Identity stays, and so do sections outside the table ([proxy]) and the secret. */
	g_assert_cmpstr(profile->connection.uuid, ==, "2b1f6a52-8c1e-4d2b-9a51-0f3e5b7c9d21");
	g_assert_cmpstr(profile->connection.id, ==, "Office VPN");
	text = l2c_profile_to_keyfile(profile, false, NULL);
	g_assert_nonnull(strstr(text, "[proxy]"));
	g_assert_nonnull(l2c_profile_get_secret(profile, L2C_SECRET_IPSEC_PSK));
}

static void test_apply_refuses_bad_input(void)
{
	static const char *const unknown[] = {"vpn.no-such-key", "1", NULL};
	static const char *const secret[] = {"vpn-secrets.password", "hunter2", NULL};
	static const char *const bad_value[] = {"vpn.gateway", "192.0.2.1", "vpn.mtu", "70000",
						NULL};
	static const char *const missing_gateway[] = {"vpn.user", "bob", NULL};
	const char *const *cases[] = {unknown, secret, bad_value, missing_gateway};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(l2c_profile) profile = load("psk.nmconnection");
		g_autoptr(GVariant) settings = dict(cases[i]);
		g_autoptr(GError) error = NULL;

		g_assert_cmpint(l2c_settings_apply(profile, settings, &error), <, 0);
		g_assert_error(error, L2C_PROFILE_ERROR, error->code);
		g_assert_null(strstr(error->message, "hunter2"));
	}
}

static void test_secrets_store_and_supply(void)
{
	g_autoptr(l2c_profile) profile = load("psk.nmconnection");
	static const char *const supplied[] = {"password", "s3cret", NULL};
	static const char *const cleared[] = {"ipsec-psk", "", NULL};
	static const char *const unknown[] = {"pin", "1234", NULL};
	g_autoptr(GVariant) supply = dict(supplied);
	g_autoptr(GVariant) clear = dict(cleared);
	g_autoptr(GVariant) bad = dict(unknown);
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) missing = NULL;
	g_autofree char *text = NULL;

	/* password-flags=1: asked for at connect. */
	missing = l2c_secrets_missing_names(profile);
	g_assert_cmpstrv(missing, ((const char *const[]){"password", NULL}));
	g_clear_pointer(&missing, g_strfreev);

	g_assert_cmpint(l2c_secrets_apply(profile, supply, false, &error), ==, 0);
	missing = l2c_secrets_missing_names(profile);
	g_assert_cmpstrv(missing, ((const char *const[]){NULL}));
	/* Supplied is not stored: an export with secrets does not carry it. */
	text = l2c_profile_to_keyfile(profile, true, NULL);
	g_assert_null(strstr(text, "s3cret"));
	l2c_secret_free(g_steal_pointer(&text));

	g_assert_cmpint(l2c_secrets_apply(profile, clear, true, &error), ==, 0);
	g_assert_false(l2c_profile_has_stored_secret(profile, L2C_SECRET_IPSEC_PSK));

	g_assert_cmpint(l2c_secrets_apply(profile, bad, true, &error), <, 0);
	g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_UNKNOWN_KEY);
	g_assert_null(strstr(error->message, "1234"));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/daemon/settings/no-secret", test_settings_have_no_secret);
	g_test_add_func("/daemon/settings/round-trip", test_round_trip);
	g_test_add_func("/daemon/settings/apply-replaces-table-keys",
			test_apply_replaces_table_keys);
	g_test_add_func("/daemon/settings/apply-refuses-bad-input", test_apply_refuses_bad_input);
	g_test_add_func("/daemon/settings/secrets", test_secrets_store_and_supply);
	return g_test_run();
}
