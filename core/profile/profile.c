/* Profile lifecycle and changing one value. */
#include "config.h"

#include "profile/profile.h"

#include "profile/profile_private.h"
#include "profile/profile_value_check.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

G_DEFINE_QUARK(l2c - profile - error - quark, l2c_profile_error)

/* Section and key names come from the file too: never echo control characters. */
static char *printable_name(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p >= 0x80)
			return g_strescape(name, NULL);
	return g_strdup(name);
}

void l2c_profile_add_problem(GPtrArray *lines, const char *section, const char *key, char *problem)
{
	if (lines) {
		g_autofree char *s = printable_name(section);
		g_autofree char *k = printable_name(key);

		g_ptr_array_add(lines, g_strdup_printf("[%s] %s: %s", s, k, problem));
	}
	g_free(problem);
}

void l2c_profile_set_invalid_error(GError **error, GPtrArray *problems)
{
	g_autoptr(GString) text = g_string_new(NULL);

	for (guint i = 0; i < problems->len; i++) {
		if (i)
			g_string_append_c(text, '\n');
		g_string_append(text, g_ptr_array_index(problems, i));
	}
	g_set_error_literal(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID, text->str);
}

/* The value may be a secret: both GLib copies we get are scrubbed before they are freed. */
char *l2c_profile_keyfile_value(GKeyFile *keyfile, const char *section, const char *key,
				char **problem)
{
	char *raw = g_key_file_get_value(keyfile, section, key, NULL);
	g_autoptr(GError) error = NULL;
	char *value = NULL;

	*problem = NULL;
	if (!raw || !raw[0]) {
		g_free(raw);
		return NULL;
	}
	if (!g_utf8_validate(raw, -1, NULL)) {
		*problem = g_strdup(_("is not valid UTF-8"));
		l2c_secret_free(raw);
		return NULL;
	}
	value = g_key_file_get_string(keyfile, section, key, &error);
	l2c_secret_free(raw);
	if (error) {
		/* GKeyFile knows \s \n \t \r \\ only; "\0" and the like land here. */
		*problem = g_strdup(_("contains an invalid escape sequence"));
		l2c_secret_free(value);
		return NULL;
	}
	if (!value[0])
		g_clear_pointer(&value, g_free);
	return value;
}

int l2c_profile_new(const char *name, struct l2c_profile **out)
{
	struct l2c_profile *p = g_new0(struct l2c_profile, 1);
	g_autofree char *uuid = g_uuid_string_random();
	GKeyFile *kf = g_key_file_new();

	g_key_file_set_string(kf, L2C_SECTION_CONNECTION, "id", name);
	g_key_file_set_string(kf, L2C_SECTION_CONNECTION, "uuid", uuid);
	g_key_file_set_string(kf, L2C_SECTION_CONNECTION, "type", "vpn");
	g_key_file_set_string(kf, L2C_SECTION_CONNECTION, "autoconnect", "false");
	g_key_file_set_string(kf, L2C_SECTION_VPN, "service-type", L2C_PROFILE_SERVICE_TYPE);
	g_key_file_set_string(kf, L2C_SECTION_IPV4, "method", "auto");

	p->name = g_strdup(name);
	p->priv = g_new0(struct l2c_profile_private, 1);
	p->priv->keyfile = kf;
	*out = p;
	return 0;
}

static void clear_string_field(struct l2c_profile *p, const struct l2c_profile_key *k)
{
	char **slot = (char **)((char *)p + k->field);

	g_clear_pointer(slot, g_free);
}

static void clear_list_field(struct l2c_profile *p, const struct l2c_profile_key *k)
{
	char ***slot = (char ***)((char *)p + k->field);

	g_clear_pointer(slot, g_strfreev);
}

void l2c_profile_clear_typed_fields(struct l2c_profile *p)
{
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if (k->field == L2C_NO_FIELD)
			continue;
		if (k->type == L2C_KEY_ADDRESS_LIST || k->type == L2C_KEY_DOMAIN_LIST)
			clear_list_field(p, k);
		else if (k->type == L2C_KEY_STRING || k->type == L2C_KEY_TEXT ||
			 k->type == L2C_KEY_PATH || k->type == L2C_KEY_ADDRESS ||
			 k->type == L2C_KEY_HOST)
			clear_string_field(p, k);
	}
	for (size_t i = 0; i < p->ipv4.n_routes; i++) {
		g_free(p->ipv4.routes[i].dest);
		g_free(p->ipv4.routes[i].gateway);
	}
	for (size_t i = 0; i < p->ipv4.n_addresses; i++) {
		g_free(p->ipv4.addresses[i].address);
		g_free(p->ipv4.addresses[i].gateway);
	}
	g_free(p->ipv4.routes);
	g_free(p->ipv4.addresses);
	memset(&p->connection, 0, sizeof(p->connection));
	memset(&p->vpn, 0, sizeof(p->vpn));
	memset(&p->ipv4, 0, sizeof(p->ipv4));
	memset(&p->ipv6, 0, sizeof(p->ipv6));
}

void l2c_profile_free(struct l2c_profile *profile)
{
	if (!profile)
		return;
	l2c_profile_clear_typed_fields(profile);
	if (profile->priv) {
		for (int s = 0; s < L2C_SECRET_COUNT; s++) {
			l2c_secret_free(profile->priv->stored[s]);
			l2c_secret_free(profile->priv->supplied[s]);
		}
		g_key_file_free(profile->priv->keyfile);
		g_free(profile->priv);
	}
	g_free(profile->name);
	g_free(profile);
}

/* "ipv4.method or ipv6.method" for a bare name found in several sections. */
static char *qualified_alternatives(const char *key)
{
	g_autoptr(GString) text = g_string_new(NULL);

	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if (l2c_profile_key_lookup(k->section, key) != k ||
		    (k->flags & L2C_KEY_LEGACY_SECRET))
			continue;
		if (text->len)
			g_string_append(text, _(" or "));
		g_string_append_printf(text, "%s.%s", k->section, key);
	}
	return g_string_free(g_steal_pointer(&text), FALSE);
}

static int find_settable_key(const char *spec, const struct l2c_profile_key **out,
			     const char **key_name, GError **error)
{
	bool ambiguous;
	const struct l2c_profile_key *k = l2c_profile_key_find(spec, key_name, &ambiguous);

	if (!k) {
		g_autofree char *quoted = l2c_quote_for_message(spec);
		g_autofree char *choices = ambiguous ? qualified_alternatives(spec) : NULL;

		if (ambiguous)
			g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_UNKNOWN_KEY,
				    _("%s is in more than one section: write %s"), quoted, choices);
		else
			g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_UNKNOWN_KEY,
				    _("%s is not a profile key"), quoted);
		return -ENOENT;
	}
	if (k->type == L2C_KEY_SECRET) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID,
			    _("[%s] %s: is a secret and is not set as a plain value"), k->section,
			    *key_name);
		return -EPERM;
	}
	if (k->flags & L2C_KEY_NOT_SETTABLE) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID,
			    _("[%s] %s: is managed by l2tp-connect and cannot be changed"),
			    k->section, *key_name);
		return -EPERM;
	}
	*out = k;
	return 0;
}

int l2c_profile_set_value(struct l2c_profile *profile, const char *key, const char *value,
			  GError **error)
{
	const struct l2c_profile_key *k;
	const char *key_name;
	char *problem;
	int r = find_settable_key(key, &k, &key_name, error);

	if (r < 0)
		return r;
	if (!value || !value[0]) {
		g_key_file_remove_key(profile->priv->keyfile, k->section, key_name, NULL);
		return 0;
	}
	problem = l2c_profile_check_value(k, value);
	if (problem) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID, "[%s] %s: %s",
			    k->section, key_name, problem);
		g_free(problem);
		return -EINVAL;
	}
	g_key_file_set_string(profile->priv->keyfile, k->section, key_name, value);
	return 0;
}
