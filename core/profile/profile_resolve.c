/* Keyfile text -> checked keyfile -> typed fields, all driven by the key table. */
#include "config.h"

#include "profile/profile.h"

#include "profile/profile_ip.h"
#include "profile/profile_private.h"
#include "profile/profile_value_check.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

#define PROFILE_TEXT_MAX (1024 * 1024)

static void *field_ptr(struct l2c_profile *p, const struct l2c_profile_key *k)
{
	return (char *)p + k->field;
}

/* Only called with values that passed l2c_profile_check_value. */
static void store_field(struct l2c_profile *p, const struct l2c_profile_key *k, const char *value)
{
	bool b = false;
	unsigned n = 0;

	switch (k->type) {
	case L2C_KEY_STRING:
	case L2C_KEY_TEXT:
	case L2C_KEY_PATH:
	case L2C_KEY_ADDRESS:
		*(char **)field_ptr(p, k) = g_strdup(value);
		break;
	case L2C_KEY_HOST:
		*(char **)field_ptr(p, k) = l2c_host_without_brackets(value);
		break;
	case L2C_KEY_BOOL:
	case L2C_KEY_KEYFILE_BOOL:
		l2c_parse_bool(k->type, value, &b);
		*(bool *)field_ptr(p, k) = b;
		break;
	case L2C_KEY_TRISTATE:
		l2c_parse_bool(k->type, value, &b);
		*(enum l2c_tristate *)field_ptr(p, k) = b ? L2C_TRISTATE_YES : L2C_TRISTATE_NO;
		break;
	case L2C_KEY_UINT:
	case L2C_KEY_SECRET_FLAGS:
		l2c_parse_uint(value, &n);
		*(unsigned *)field_ptr(p, k) = n;
		break;
	case L2C_KEY_ENUM:
		*(int *)field_ptr(p, k) = l2c_parse_enum(k->choices, value);
		break;
	case L2C_KEY_ADDRESS_LIST:
	case L2C_KEY_DOMAIN_LIST: {
		g_auto(GStrv) items = g_strsplit(value, ";", -1);
		g_autoptr(GStrvBuilder) kept = g_strv_builder_new();

		for (size_t i = 0; items[i]; i++)
			if (items[i][0])
				g_strv_builder_add(kept, items[i]);
		*(char ***)field_ptr(p, k) = g_strv_builder_end(kept);
		break;
	}
	case L2C_KEY_SECRET:
	case L2C_KEY_ROUTE:
	case L2C_KEY_IP_PREFIX:
		break;
	}
}

static void store_absent(struct l2c_profile *p, const struct l2c_profile_key *k)
{
	if (k->type == L2C_KEY_TRISTATE)
		*(enum l2c_tristate *)field_ptr(p, k) = L2C_TRISTATE_UNSET;
	else if (k->default_value)
		store_field(p, k, k->default_value);
}

/* The value a key has once fallbacks and defaults apply; NULL when none. */
static char *effective_value(GKeyFile *kf, const struct l2c_profile_key *k)
{
	char *problem;
	char *value = l2c_profile_keyfile_value(kf, k->section, k->name, &problem);

	g_free(problem);
	if (!value && k->fallback) {
		value = l2c_profile_keyfile_value(kf, k->section, k->fallback, &problem);
		g_free(problem);
	}
	if (!value && k->default_value)
		value = g_strdup(k->default_value);
	return value;
}

static void resolve_plain_key(struct l2c_profile *tmp, GKeyFile *kf,
			      const struct l2c_profile_key *k, GPtrArray *errors)
{
	char *problem;
	g_autofree char *value = l2c_profile_keyfile_value(kf, k->section, k->name, &problem);

	if (!problem && value)
		problem = l2c_profile_check_value(k, value);
	if (problem) {
		l2c_profile_add_problem(errors, k->section, k->name, problem);
		return;
	}
	if (!value && (k->flags & L2C_KEY_REQUIRED)) {
		l2c_profile_add_problem(errors, k->section, k->name,
					g_strdup(_("is required but missing")));
		return;
	}
	if (k->field == L2C_NO_FIELD)
		return;
	if (!value && k->fallback)
		value = l2c_profile_keyfile_value(kf, k->section, k->fallback, &problem);
	g_clear_pointer(&problem, g_free); /* the fallback key reports its own problems */
	if (value)
		store_field(tmp, k, value);
	else
		store_absent(tmp, k);
}

static guint64 key_number(const struct l2c_profile_key *k, const char *key_name)
{
	return g_ascii_strtoull(key_name + strlen(k->name), NULL, 10);
}

static void append_numbered(struct l2c_profile *tmp, const struct l2c_profile_key *k,
			    const char *key_name, const char *value)
{
	struct l2c_profile_ipv4 *v4 = &tmp->ipv4;
	unsigned number = (unsigned)key_number(k, key_name);

	if (k->type == L2C_KEY_ROUTE) {
		v4->routes = g_renew(struct l2c_ip_route, v4->routes, v4->n_routes + 1);
		g_free(l2c_parse_route(value, &v4->routes[v4->n_routes]));
		v4->routes[v4->n_routes++].number = number;
	} else if (k->type == L2C_KEY_IP_PREFIX) {
		v4->addresses = g_renew(struct l2c_ip_address, v4->addresses, v4->n_addresses + 1);
		g_free(l2c_parse_ip_prefix(value, &v4->addresses[v4->n_addresses]));
		v4->addresses[v4->n_addresses++].number = number;
	}
}

static gint compare_key_numbers(gconstpointer a, gconstpointer b, gpointer stem_len)
{
	guint64 na =
	    g_ascii_strtoull(*(const char *const *)a + GPOINTER_TO_SIZE(stem_len), NULL, 10);
	guint64 nb =
	    g_ascii_strtoull(*(const char *const *)b + GPOINTER_TO_SIZE(stem_len), NULL, 10);

	return na < nb ? -1 : na > nb;
}

/* route1, route2, ... in numeric order, as NetworkManager applies them. */
static void resolve_numbered_key(struct l2c_profile *tmp, GKeyFile *kf,
				 const struct l2c_profile_key *k, GPtrArray *errors)
{
	g_auto(GStrv) keys = g_key_file_get_keys(kf, k->section, NULL, NULL);
	g_autoptr(GPtrArray) matching = g_ptr_array_new();

	for (size_t i = 0; keys && keys[i]; i++)
		if (l2c_profile_key_lookup(k->section, keys[i]) == k)
			g_ptr_array_add(matching, keys[i]);
	g_ptr_array_sort_with_data(matching, compare_key_numbers,
				   GSIZE_TO_POINTER(strlen(k->name)));
	for (guint i = 0; i < matching->len; i++) {
		const char *key_name = g_ptr_array_index(matching, i);
		char *problem;
		g_autofree char *value =
		    l2c_profile_keyfile_value(kf, k->section, key_name, &problem);

		if (!problem && value)
			problem = l2c_profile_check_value(k, value);
		if (problem)
			l2c_profile_add_problem(errors, k->section, key_name, problem);
		else if (value)
			append_numbered(tmp, k, key_name, value);
	}
}

static void warn_unknown_and_deprecated(GKeyFile *kf, GPtrArray *warnings)
{
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);

	for (size_t g = 0; groups[g]; g++) {
		g_auto(GStrv) keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);

		for (size_t i = 0; keys && keys[i]; i++) {
			const struct l2c_profile_key *k =
			    l2c_profile_key_lookup(groups[g], keys[i]);

			if (!k)
				l2c_profile_add_problem(warnings, groups[g], keys[i],
							g_strdup(_("unknown key, kept as it is")));
			else if (k->flags & L2C_KEY_DEPRECATED)
				l2c_profile_add_problem(
				    warnings, groups[g], keys[i],
				    g_strdup(_("deprecated name, still honoured")));
		}
	}
}

static bool requirement_applies(GKeyFile *kf, const char *spec, const char *wanted)
{
	const char *key_name;
	bool ambiguous;
	const struct l2c_profile_key *k = l2c_profile_key_find(spec, &key_name, &ambiguous);
	g_autofree char *value = k ? effective_value(kf, k) : NULL;

	return value && strcmp(value, wanted) == 0;
}

static void check_requirements(GKeyFile *kf, GPtrArray *errors)
{
	for (size_t i = 0; i < l2c_profile_n_requirements; i++) {
		const struct l2c_profile_requirement *r = &l2c_profile_requirements[i];
		const char *key_name;
		bool ambiguous;
		const struct l2c_profile_key *then =
		    l2c_profile_key_find(r->then_key, &key_name, &ambiguous);

		if (!then || !requirement_applies(kf, r->if_key, r->if_value))
			continue;
		if (r->also_if_key && !requirement_applies(kf, r->also_if_key, r->also_if_value))
			continue;
		if (g_key_file_has_key(kf, then->section, key_name, NULL))
			continue;
		l2c_profile_add_problem(
		    errors, then->section, key_name,
		    r->also_if_key
			? g_strdup_printf(_("is required when %s=%s and %s=%s"), r->if_key,
					  r->if_value, r->also_if_key, r->also_if_value)
			: g_strdup_printf(_("is required when %s=%s"), r->if_key, r->if_value));
	}
}

static void warn_ignored_secrets(struct l2c_profile *tmp, struct l2c_profile *p,
				 GPtrArray *warnings)
{
	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		if (!p->priv->stored[s] || tmp->vpn.secret_flags[s] == L2C_SECRET_FLAG_SAVED)
			continue;
		l2c_profile_add_problem(
		    warnings, L2C_SECTION_SECRETS, l2c_secret_name(s),
		    g_strdup_printf(_("stored, but %s-flags=%u says it is not saved there; "
				      "it will be ignored"),
				    l2c_secret_name(s), tmp->vpn.secret_flags[s]));
	}
}

static void validate_into(struct l2c_profile *profile, GPtrArray *errors, GPtrArray *warnings)
{
	GKeyFile *kf = profile->priv->keyfile;
	struct l2c_profile tmp = {.priv = profile->priv};

	warn_unknown_and_deprecated(kf, warnings);
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if (k->type == L2C_KEY_SECRET)
			continue; /* checked when taken out of the keyfile */
		if (k->flags & L2C_KEY_NUMBERED)
			resolve_numbered_key(&tmp, kf, k, errors);
		else
			resolve_plain_key(&tmp, kf, k, errors);
	}
	check_requirements(kf, errors);
	if (errors->len) {
		l2c_profile_clear_typed_fields(&tmp);
		return;
	}
	warn_ignored_secrets(&tmp, profile, warnings);
	l2c_profile_clear_typed_fields(profile);
	profile->connection = tmp.connection;
	profile->vpn = tmp.vpn;
	profile->ipv4 = tmp.ipv4;
	profile->ipv6 = tmp.ipv6;
}

int l2c_profile_validate(struct l2c_profile *profile, GPtrArray *warnings, GError **error)
{
	g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func(g_free);

	validate_into(profile, errors, warnings);
	if (errors->len) {
		l2c_profile_set_invalid_error(error, errors);
		return -EINVAL;
	}
	return 0;
}

/* GKeyFile stops at a NUL inside a line and silently keeps the rest: refuse such input. */
static int check_raw_text(const char *data, size_t len, GError **error)
{
	const char *nul = memchr(data, '\0', len);

	if (len > PROFILE_TEXT_MAX) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID,
			    _("the profile is too large (%zu bytes, at most %d)"), len,
			    PROFILE_TEXT_MAX);
		return -EFBIG;
	}
	if (nul) {
		size_t line = 1;

		for (const char *p = data; p < nul; p++)
			line += *p == '\n';
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID,
			    _("line %zu: contains a NUL byte"), line);
		return -EINVAL;
	}
	return 0;
}

static int parse(const char *data, size_t len, bool strict, struct l2c_profile **out,
		 GPtrArray *warnings, GError **error)
{
	g_autoptr(GKeyFile) kf = NULL;
	g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(l2c_profile) p = NULL;
	int r = check_raw_text(data, len, error);

	if (r < 0)
		return r;
	r = l2c_profile_load_keyfile(data, len, &kf, warnings, error);
	if (r < 0)
		return r;
	p = g_new0(struct l2c_profile, 1);
	p->priv = g_new0(struct l2c_profile_private, 1);
	p->priv->keyfile = g_steal_pointer(&kf);
	l2c_profile_take_secrets(p, errors, warnings);
	validate_into(p, errors, warnings);
	if (errors->len && strict) {
		l2c_profile_set_invalid_error(error, errors);
		return -EINVAL;
	}
	for (guint i = 0; warnings && i < errors->len; i++)
		g_ptr_array_add(warnings, g_strdup(g_ptr_array_index(errors, i)));
	*out = g_steal_pointer(&p);
	return 0;
}

int l2c_profile_parse(const char *data, size_t len, struct l2c_profile **out, GPtrArray *warnings,
		      GError **error)
{
	return parse(data, len, true, out, warnings, error);
}

int l2c_profile_parse_for_edit(const char *data, size_t len, struct l2c_profile **out,
			       GPtrArray *warnings, GError **error)
{
	return parse(data, len, false, out, warnings, error);
}
