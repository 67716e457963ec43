/* The store directly, or through l2tp-connectd; see profile_access.h. */
#include "config.h"

#include "cli/profile_access.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "daemon/dbus_api.h"
#include "daemon/settings_dict.h"
#include "profile/profile_keys.h"
#include "util/i18n.h"

#include <errno.h>
#include <unistd.h>

static bool use_store_directly(void)
{
	const char *dir = g_getenv("L2TP_CONNECT_PROFILE_DIR");

	return geteuid() == 0 || (dir && dir[0]);
}

int l2c_cli_profiles_open(struct l2c_cli_profiles *profiles)
{
	*profiles = (struct l2c_cli_profiles){0};
	if (use_store_directly()) {
		profiles->store = l2c_cli_open_store();
		return L2C_EXIT_OK;
	}
	profiles->bus = l2c_cli_bus();
	return profiles->bus ? L2C_EXIT_OK : L2C_EXIT_FAILURE;
}

void l2c_cli_profiles_close(struct l2c_cli_profiles *profiles)
{
	g_clear_pointer(&profiles->store, l2c_profile_store_free);
	g_clear_object(&profiles->bus);
}

static GVariant *call_manager(struct l2c_cli_profiles *profiles, const char *method,
			      GVariant *parameters, const char *reply_type, GError **error)
{
	return l2c_cli_call(profiles->bus, L2C_DBUS_MANAGER_PATH, L2C_DBUS_MANAGER_INTERFACE,
			    method, parameters, reply_type, -1, error);
}

int l2c_cli_profiles_list(struct l2c_cli_profiles *profiles, char ***names, GError **error)
{
	g_autoptr(GVariant) reply = NULL;

	if (profiles->store)
		return l2c_profile_store_list(profiles->store, names, error);
	reply = call_manager(profiles, "ListProfiles", NULL, "(as)", error);
	if (!reply)
		return -EIO;
	g_variant_get(reply, "(^as)", names);
	return 0;
}

static int load_via_service(struct l2c_cli_profiles *profiles, const char *name,
			    struct l2c_profile **out, GError **error)
{
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GVariant) settings = NULL;
	g_autoptr(l2c_profile) profile = NULL;
	int r;

	reply = call_manager(profiles, "GetProfile", g_variant_new("(s)", name), "(a{ss})", error);
	if (!reply)
		return -EIO;
	settings = g_variant_get_child_value(reply, 0);
	r = l2c_profile_new(name, &profile);
	if (r == 0)
		r = l2c_settings_apply(profile, settings, error);
	if (r < 0)
		return r;
	*out = g_steal_pointer(&profile);
	return 0;
}

int l2c_cli_profiles_load(struct l2c_cli_profiles *profiles, const char *name, bool for_edit,
			  struct l2c_profile **profile, GPtrArray *warnings, GError **error)
{
	if (profiles->bus)
		return load_via_service(profiles, name, profile, error);
	if (for_edit)
		return l2c_profile_store_load_for_edit(profiles->store, name, profile, warnings,
						       error);
	return l2c_profile_store_load(profiles->store, name, profile, warnings, error);
}

int l2c_cli_profiles_exists(struct l2c_cli_profiles *profiles, const char *name, GError **error)
{
	g_autoptr(l2c_profile) profile = NULL;
	GError *local_error = NULL;

	if (profiles->store)
		return l2c_profile_store_exists(profiles->store, name) ? 1 : 0;
	if (load_via_service(profiles, name, &profile, &local_error) == 0)
		return 1;
	if (g_error_matches(local_error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_NOT_FOUND)) {
		g_error_free(local_error);
		return 0;
	}
	g_propagate_error(error, local_error);
	return -EIO;
}

/* The secrets the profile holds, by name: through the service those are the ones this
 * command was given, the only ones it could hold. */
static GVariant *secrets_dict(const struct l2c_profile *profile)
{
	GVariantBuilder builder;

	g_variant_builder_init(&builder, G_VARIANT_TYPE("a{ss}"));
	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (l2c_profile_has_stored_secret(profile, s))
			g_variant_builder_add(&builder, "{ss}", l2c_secret_name(s),
					      l2c_profile_get_secret(profile, s));
	return g_variant_builder_end(&builder);
}

int l2c_cli_profiles_save(struct l2c_cli_profiles *profiles, struct l2c_profile *profile,
			  bool replace, GError **error)
{
	g_autoptr(GVariant) reply = NULL;

	if (profiles->store)
		return l2c_profile_store_save(profiles->store, profile, replace, error);
	reply = call_manager(profiles, "SaveProfile",
			     g_variant_new("(s@a{ss}@a{ss})", profile->name,
					   l2c_settings_from_profile(profile),
					   secrets_dict(profile)),
			     NULL, error);
	return reply ? 0 : -EIO;
}

int l2c_cli_profiles_delete(struct l2c_cli_profiles *profiles, const char *name, GError **error)
{
	g_autoptr(GVariant) reply = NULL;

	if (profiles->store)
		return l2c_profile_store_delete(profiles->store, name, error);
	reply = call_manager(profiles, "DeleteProfile", g_variant_new("(s)", name), NULL, error);
	return reply ? 0 : -EIO;
}

char **l2c_cli_profiles_missing_secrets(struct l2c_cli_profiles *profiles, const char *name,
					GError **error)
{
	g_autoptr(GVariant) reply = NULL;
	char **names = NULL;

	g_return_val_if_fail(profiles->bus, NULL);
	reply = call_manager(profiles, "GetMissingSecrets", g_variant_new("(s)", name), "(as)",
			     error);
	if (reply)
		g_variant_get(reply, "(^as)", &names);
	return names;
}

char *l2c_cli_profiles_import_text(struct l2c_cli_profiles *profiles, const char *contents,
				   GError **error)
{
	g_autoptr(GVariant) reply = NULL;
	char *name = NULL;

	g_return_val_if_fail(profiles->bus, NULL);
	reply = call_manager(profiles, "ImportProfile", g_variant_new("(s)", contents), "(s)",
			     error);
	if (reply)
		g_variant_get(reply, "(s)", &name);
	return name;
}
