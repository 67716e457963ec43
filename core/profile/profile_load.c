/* Keyfile text into a GKeyFile that writes back what it read. GKeyFile is not that on its own:
 * g_key_file_to_data writes its lines as stored, while its lookups and its reader see less.
 * Checks only ever see lookups, so whatever the text holds beyond them would reach an export
 * unchecked. */
#include "config.h"

#include "profile/profile.h"

#include "profile/profile_private.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

/* A key given twice in one group breaks the keyfile format, yet GKeyFile (and so NetworkManager)
 * accepts it and looks up the last line only; g_key_file_remove_key removes that one alone. The
 * earlier lines were then exported, in the place of a secret once that was taken out of the
 * file. Such a file is rebuilt with each key once, with the value NetworkManager uses. */

/* shadowed[i]: keys[i] comes again later in its group. Returns how many do. */
static size_t mark_shadowed_keys(char **keys, bool *shadowed)
{
	g_autoptr(GHashTable) later = g_hash_table_new(g_str_hash, g_str_equal);
	size_t count = 0;

	for (size_t i = g_strv_length(keys); i-- > 0;) {
		shadowed[i] = !g_hash_table_add(later, keys[i]);
		count += shadowed[i];
	}
	return count;
}

static size_t count_shadowed_keys(GKeyFile *kf)
{
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
	size_t count = 0;

	for (size_t g = 0; groups[g]; g++) {
		g_auto(GStrv) keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
		g_autofree bool *shadowed = g_new0(bool, g_strv_length(keys));

		count += mark_shadowed_keys(keys, shadowed);
	}
	return count;
}

static void copy_comment(GKeyFile *from, GKeyFile *to, const char *group, const char *key)
{
	g_autofree char *comment = g_key_file_get_comment(from, group, key, NULL);

	if (comment)
		g_key_file_set_comment(to, group, key, comment, NULL);
}

/* GLib counts the comment above the first group as that group's comment too: it is copied
 * once, as the file's. A group left without keys holds nothing and is not kept. */
static void copy_group_once_per_key(GKeyFile *from, GKeyFile *to, const char *group, bool is_first,
				    GPtrArray *warnings)
{
	g_auto(GStrv) keys = g_key_file_get_keys(from, group, NULL, NULL);
	g_autofree bool *shadowed = g_new0(bool, g_strv_length(keys));

	mark_shadowed_keys(keys, shadowed);
	for (size_t i = 0; keys[i]; i++) {
		char *raw;

		if (shadowed[i]) {
			l2c_profile_add_problem(
			    warnings, group, keys[i],
			    g_strdup(_("given more than once; only the last one applies")));
			continue;
		}
		raw = g_key_file_get_value(from, group, keys[i], NULL);
		g_key_file_set_value(to, group, keys[i], raw);
		l2c_secret_free(raw); /* it may be a secret */
		copy_comment(from, to, group, keys[i]);
	}
	if (!is_first && g_key_file_has_group(to, group))
		copy_comment(from, to, group, NULL);
}

static void drop_shadowed_keys(GKeyFile **kf, GPtrArray *warnings)
{
	g_auto(GStrv) groups = NULL;
	GKeyFile *clean;

	if (count_shadowed_keys(*kf) == 0)
		return;
	clean = g_key_file_new();
	groups = g_key_file_get_groups(*kf, NULL);
	copy_comment(*kf, clean, NULL, NULL);
	for (size_t g = 0; groups[g]; g++)
		copy_group_once_per_key(*kf, clean, groups[g], g == 0, warnings);
	g_key_file_free(*kf);
	*kf = clean;
}

/* The reader drops the CR of a CR LF line end, the writer writes a value as it is: a value
 * ending in CR (a line ending CR CR LF, or a last line ending in CR) lost it at every save and
 * load. Its escape \r reads back as the same string. After an odd run of backslashes the CR
 * was an invalid escape, and a lone final backslash still is one. */
static void escape_final_cr(GKeyFile *kf, const char *group, const char *key)
{
	char *raw = g_key_file_get_value(kf, group, key, NULL);
	size_t len = raw ? strlen(raw) : 0;
	size_t backslashes = 0;
	char *escaped;

	if (len == 0 || raw[len - 1] != '\r') {
		l2c_secret_free(raw);
		return;
	}
	raw[--len] = '\0';
	while (backslashes < len && raw[len - 1 - backslashes] == '\\')
		backslashes++;
	escaped = g_strconcat(raw, backslashes % 2 ? "" : "\\r", NULL);
	g_key_file_set_value(kf, group, key, escaped);
	l2c_secret_free(escaped);
	l2c_secret_free(raw);
}

static void escape_final_crs(GKeyFile *kf)
{
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);

	for (size_t g = 0; groups[g]; g++) {
		g_auto(GStrv) keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);

		for (size_t i = 0; keys[i]; i++)
			escape_final_cr(kf, groups[g], keys[i]);
	}
}

int l2c_profile_load_keyfile(const char *data, size_t len, GKeyFile **out, GPtrArray *warnings,
			     GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) local = NULL;

	if (!g_key_file_load_from_data(
		kf, data, len, G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS, &local)) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID,
			    _("not a keyfile: %s"), local->message);
		return -EINVAL;
	}
	drop_shadowed_keys(&kf, warnings);
	escape_final_crs(kf);
	*out = g_steal_pointer(&kf);
	return 0;
}
