/* Keyfile text for NetworkManager or the store. The [vpn-secrets] group is written by hand so
 * that secrets never pass through a GKeyFile we cannot scrub. */
#include "config.h"

#include "profile/profile.h"

#include "profile/profile_private.h"
#include "profile/profile_value_check.h"

#include <string.h>

/* GKeyFile's value escapes (g_key_file_set_string): secrets hold no control characters
 * (l2c_check_secret), so only backslashes and a leading space need them. */
static void append_escaped_secret(GString *out, const char *value)
{
	if (value[0] == ' ') {
		g_string_append(out, "\\s");
		value++;
	}
	for (const char *p = value; *p; p++) {
		if (*p == '\\')
			g_string_append(out, "\\\\");
		else
			g_string_append_c(out, *p);
	}
}

/* Keys of [vpn-secrets] we do not know, raw, so they survive an export with secrets. */
static void append_unknown_secret_keys(GString *out, GKeyFile *kf)
{
	g_auto(GStrv) keys = g_key_file_get_keys(kf, L2C_SECTION_SECRETS, NULL, NULL);

	for (size_t i = 0; keys && keys[i]; i++) {
		g_autofree char *raw = g_key_file_get_value(kf, L2C_SECTION_SECRETS, keys[i], NULL);

		g_string_append_printf(out, "%s=%s\n", keys[i], raw ? raw : "");
	}
}

/* The flags the keyfile holds, not the typed field: a profile read for editing that did not
 * validate has its typed fields zero, which would say "saved" for every secret. A value that
 * is not a number counts as not saved. */
static bool secret_is_saved(const struct l2c_profile *profile, enum l2c_secret secret)
{
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];
		char *problem = NULL;
		g_autofree char *value = NULL;
		unsigned flags;

		if (k->type != L2C_KEY_SECRET_FLAGS || k->secret != (int)secret)
			continue;
		value = l2c_profile_keyfile_value(profile->priv->keyfile, k->section, k->name,
						  &problem);
		if (problem) {
			g_free(problem);
			return false;
		}
		return l2c_parse_uint(value ? value : k->default_value, &flags) == 0 &&
		       flags == L2C_SECRET_FLAG_SAVED;
	}
	return false;
}

/* Room for the whole group, so the GString never reallocates (and leaves an unscrubbed old
 * buffer behind) once a secret is in it. */
static size_t secrets_group_size_bound(const struct l2c_profile *profile)
{
	g_auto(GStrv) keys =
	    g_key_file_get_keys(profile->priv->keyfile, L2C_SECTION_SECRETS, NULL, NULL);
	size_t bound = 64;

	for (size_t i = 0; keys && keys[i]; i++) {
		g_autofree char *raw = g_key_file_get_value(profile->priv->keyfile,
							    L2C_SECTION_SECRETS, keys[i], NULL);

		bound += strlen(keys[i]) + (raw ? strlen(raw) : 0) + 2;
	}
	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (profile->priv->stored[s])
			bound +=
			    strlen(l2c_secret_name(s)) + 2 * strlen(profile->priv->stored[s]) + 4;
	return bound;
}

static void append_secrets_group(GString *out, const struct l2c_profile *profile)
{
	size_t header_at = out->len;
	size_t body_at;

	/* One blank line before the group, as g_key_file_to_data puts between groups, but not a
	 * second: read back, a blank line belongs to the group above it, so every save and load
	 * would make the file one line longer. */
	if (out->len && out->str[out->len - 1] != '\n')
		g_string_append_c(out, '\n');
	if (out->len && !g_str_has_suffix(out->str, "\n\n"))
		g_string_append_c(out, '\n');
	g_string_append_printf(out, "[%s]\n", L2C_SECTION_SECRETS);
	body_at = out->len;

	append_unknown_secret_keys(out, profile->priv->keyfile);
	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		const char *value = profile->priv->stored[s];

		if (!value || !secret_is_saved(profile, s))
			continue;
		g_string_append_printf(out, "%s=", l2c_secret_name(s));
		append_escaped_secret(out, value);
		g_string_append_c(out, '\n');
	}
	if (out->len == body_at)
		g_string_truncate(out, header_at); /* nothing to write */
}

char *l2c_profile_to_keyfile(const struct l2c_profile *profile, bool with_secrets, size_t *len)
{
	g_autoptr(GKeyFile) copy = g_key_file_new();
	gsize text_len = 0;
	g_autofree char *text = g_key_file_to_data(profile->priv->keyfile, &text_len, NULL);
	GString *out;

	/* Re-parsing our own output cannot fail; it gives a copy we may drop a group from. */
	g_key_file_load_from_data(copy, text, text_len,
				  G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS, NULL);
	g_key_file_remove_group(copy, L2C_SECTION_SECRETS, NULL);
	g_free(text);
	text = g_key_file_to_data(copy, &text_len, NULL);
	out = g_string_sized_new(text_len + (with_secrets ? secrets_group_size_bound(profile) : 0));
	g_string_append_len(out, text, (gssize)text_len);
	if (with_secrets)
		append_secrets_group(out, profile);
	if (len)
		*len = out->len;
	return g_string_free(out, FALSE);
}
