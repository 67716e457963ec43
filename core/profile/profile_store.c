/* The profile directory. Files hold secrets, so they are created 0600 from the first byte and
 * replaced by rename, never rewritten in place: a crash leaves the old or the new file. */
#include "config.h"

#include "profile/profile_store.h"

#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROFILE_SUFFIX	 ".conf"
#define PROFILE_FILE_MAX (1024 * 1024)

struct l2c_profile_store {
	char *dir;
};

struct l2c_profile_store *l2c_profile_store_new(const char *dir)
{
	struct l2c_profile_store *store = g_new0(struct l2c_profile_store, 1);

	store->dir = g_strdup(dir ? dir : L2C_PROFILE_STORE_DEFAULT_DIR);
	return store;
}

void l2c_profile_store_free(struct l2c_profile_store *store)
{
	if (!store)
		return;
	g_free(store->dir);
	g_free(store);
}

const char *l2c_profile_store_dir(const struct l2c_profile_store *store)
{
	return store->dir;
}

static bool is_name_char(char c)
{
	return g_ascii_isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '+';
}

int l2c_profile_name_check(const char *name, GError **error)
{
	const char *problem = NULL;
	size_t len = strlen(name);

	if (len == 0)
		problem = _("is empty");
	else if (len > L2C_PROFILE_NAME_MAX)
		problem = _("is longer than 64 characters");
	else if (name[0] == '.' || name[0] == '-')
		problem = _("starts with '.' or '-'");
	for (size_t i = 0; !problem && i < len; i++)
		if (!is_name_char(name[i]))
			problem = _("may only contain letters, digits and . _ - @ +");
	if (!problem)
		return 0;
	if (g_utf8_validate(name, -1, NULL) && len <= L2C_PROFILE_NAME_MAX && !strchr(name, '\n'))
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_BAD_NAME,
			    _("profile name '%s' %s"), name, problem);
	else
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_BAD_NAME,
			    _("the profile name %s"), problem);
	return -EINVAL;
}

char *l2c_profile_name_from_text(const char *text)
{
	g_autoptr(GString) name = g_string_new(NULL);

	for (const char *p = text; *p && name->len < L2C_PROFILE_NAME_MAX; p++) {
		char c = is_name_char(*p) ? *p : '-';

		if (c == '-' && (name->len == 0 || name->str[name->len - 1] == '-'))
			continue;
		if (c == '.' && name->len == 0)
			continue;
		g_string_append_c(name, c);
	}
	while (name->len && name->str[name->len - 1] == '-')
		g_string_truncate(name, name->len - 1);
	if (!name->len)
		return NULL;
	return g_string_free(g_steal_pointer(&name), FALSE);
}

static char *profile_path(struct l2c_profile_store *store, const char *name)
{
	g_autofree char *file = g_strconcat(name, PROFILE_SUFFIX, NULL);

	return g_build_filename(store->dir, file, NULL);
}

/* File text may hold secrets, and may hold a NUL that would stop strlen() early. */
static void scrub_free(char *text, size_t len)
{
	explicit_bzero(text, len);
	g_free(text);
}

/* `fmt` takes the path and the reason, e.g. _("cannot read %s: %s"). */
#define set_io_error(error, err, fmt, path)                                                        \
	(g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_IO, fmt, path, g_strerror(err)),  \
	 -(err))

/* Reads a whole regular file of at most PROFILE_FILE_MAX bytes. The buffer may hold secrets:
 * free it with scrub_free. */
static int read_profile_file(const char *path, int open_flags, char **text, size_t *len,
			     GError **error)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | open_flags);
	struct stat st;
	char *buf;
	size_t done = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		int err = errno;

		close(fd);
		return set_io_error(error, err, _("cannot read %s: %s"), path);
	}
	if (!S_ISREG(st.st_mode) || st.st_size > PROFILE_FILE_MAX) {
		close(fd);
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_IO,
			    S_ISREG(st.st_mode) ? _("cannot read %s: larger than 1 MiB")
						: _("cannot read %s: not a regular file"),
			    path);
		return S_ISREG(st.st_mode) ? -EFBIG : -EINVAL;
	}
	buf = g_malloc((size_t)st.st_size + 1);
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	buf[done] = '\0';
	*text = buf;
	*len = done;
	return 0;
}

static void warn_if_others_can_read(const char *path, GPtrArray *warnings)
{
	struct stat st;

	if (warnings && stat(path, &st) == 0 && (st.st_mode & 077))
		g_ptr_array_add(
		    warnings, g_strdup_printf(_("%s can be read by other users; run chmod 600 %s"),
					      path, path));
}

static int load(struct l2c_profile_store *store, const char *name, bool strict,
		struct l2c_profile **out, GPtrArray *warnings, GError **error)
{
	g_autofree char *path = NULL;
	char *text = NULL;
	size_t len = 0;
	int r = l2c_profile_name_check(name, error);

	if (r < 0)
		return r;
	path = profile_path(store, name);
	r = read_profile_file(path, O_NOFOLLOW, &text, &len, error);
	if (r == -ENOENT) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_NOT_FOUND,
			    _("no profile named '%s' in %s"), name, store->dir);
		return r;
	}
	if (r < 0) {
		if (error && !*error)
			(void)set_io_error(error, -r, _("cannot read %s: %s"), path);
		return r;
	}
	warn_if_others_can_read(path, warnings);
	r = strict ? l2c_profile_parse(text, len, out, warnings, error)
		   : l2c_profile_parse_for_edit(text, len, out, warnings, error);
	scrub_free(text, len);
	if (r < 0) {
		g_prefix_error(error, _("%s:\n"), path);
		return r;
	}
	g_free((*out)->name);
	(*out)->name = g_strdup(name);
	return 0;
}

int l2c_profile_store_load(struct l2c_profile_store *store, const char *name,
			   struct l2c_profile **out, GPtrArray *warnings, GError **error)
{
	return load(store, name, true, out, warnings, error);
}

int l2c_profile_store_load_for_edit(struct l2c_profile_store *store, const char *name,
				    struct l2c_profile **out, GPtrArray *warnings, GError **error)
{
	return load(store, name, false, out, warnings, error);
}

bool l2c_profile_store_exists(struct l2c_profile_store *store, const char *name)
{
	g_autofree char *path = NULL;

	if (l2c_profile_name_check(name, NULL) < 0)
		return false;
	path = profile_path(store, name);
	return g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		r = -errno;
	close(fd);
	return r;
}

/* The temporary file starts with '.', so listing never shows it. */
static int write_temp_file(const char *dir, const char *name, const char *data, size_t len,
			   char **tmp_path)
{
	g_autofree char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, name);
	int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0600);
	int r;

	if (fd < 0)
		return -errno;
	r = fchmod(fd, 0600) < 0 ? -errno : 0;
	if (r == 0)
		r = write_all(fd, data, len);
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0) {
		unlink(tmpl);
		return r;
	}
	*tmp_path = g_steal_pointer(&tmpl);
	return 0;
}

/* link() fails atomically when the name is taken; rename() replaces atomically. */
static int move_into_place(const char *tmp_path, const char *path, bool replace)
{
	int r = 0;

	if (replace) {
		if (rename(tmp_path, path) < 0)
			r = -errno;
	} else if (link(tmp_path, path) < 0) {
		r = -errno;
	}
	if (r < 0 || !replace)
		unlink(tmp_path);
	return r;
}

static int ensure_store_dir(struct l2c_profile_store *store, GError **error)
{
	if (g_mkdir_with_parents(store->dir, 0700) < 0) {
		int err = errno;

		return set_io_error(error, err, _("cannot create %s: %s"), store->dir);
	}
	return 0;
}

int l2c_profile_store_save(struct l2c_profile_store *store, struct l2c_profile *profile,
			   bool replace, GError **error)
{
	g_autofree char *path = NULL;
	g_autofree char *tmp_path = NULL;
	size_t len = 0;
	char *text;
	int r = l2c_profile_name_check(profile->name ? profile->name : "", error);

	if (r == 0)
		r = l2c_profile_validate(profile, NULL, error);
	if (r == 0)
		r = ensure_store_dir(store, error);
	if (r < 0)
		return r;
	path = profile_path(store, profile->name);
	text = l2c_profile_to_keyfile(profile, true, &len);
	r = write_temp_file(store->dir, profile->name, text, len, &tmp_path);
	l2c_secret_free(text);
	if (r < 0)
		return set_io_error(error, -r, _("cannot write %s: %s"), path);
	r = move_into_place(tmp_path, path, replace);
	if (r == -EEXIST) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_EXISTS,
			    _("a profile named '%s' already exists"), profile->name);
		return r;
	}
	if (r < 0)
		return set_io_error(error, -r, _("cannot write %s: %s"), path);
	r = fsync_dir(store->dir);
	return r < 0 ? set_io_error(error, -r, _("cannot sync %s: %s"), store->dir) : 0;
}

int l2c_profile_store_delete(struct l2c_profile_store *store, const char *name, GError **error)
{
	g_autofree char *path = NULL;
	int r = l2c_profile_name_check(name, error);

	if (r < 0)
		return r;
	path = profile_path(store, name);
	if (unlink(path) < 0) {
		int err = errno;

		if (err == ENOENT) {
			g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_NOT_FOUND,
				    _("no profile named '%s' in %s"), name, store->dir);
			return -ENOENT;
		}
		return set_io_error(error, err, _("cannot delete %s: %s"), path);
	}
	r = fsync_dir(store->dir);
	return r < 0 ? set_io_error(error, -r, _("cannot sync %s: %s"), store->dir) : 0;
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int l2c_profile_store_list(struct l2c_profile_store *store, char ***names, GError **error)
{
	g_autoptr(GError) local = NULL;
	g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
	GDir *dir = g_dir_open(store->dir, 0, &local);
	const char *entry;

	if (!dir && g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
		*names = g_new0(char *, 1);
		return 0;
	}
	if (!dir) {
		g_set_error_literal(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_IO, local->message);
		return -EIO;
	}
	while ((entry = g_dir_read_name(dir))) {
		g_autofree char *name = NULL;

		if (!g_str_has_suffix(entry, PROFILE_SUFFIX))
			continue;
		name = g_strndup(entry, strlen(entry) - strlen(PROFILE_SUFFIX));
		if (l2c_profile_name_check(name, NULL) == 0)
			g_ptr_array_add(found, g_steal_pointer(&name));
	}
	g_dir_close(dir);
	g_ptr_array_sort(found, compare_names);
	g_ptr_array_add(found, NULL);
	*names = (char **)g_ptr_array_free(g_steal_pointer(&found), FALSE);
	return 0;
}

static char *name_for_import(const struct l2c_profile *profile, const char *path)
{
	g_autofree char *base = NULL;
	char *dot;

	if (profile->connection.id) {
		char *name = l2c_profile_name_from_text(profile->connection.id);

		if (name)
			return name;
	}
	base = g_path_get_basename(path);
	dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	return l2c_profile_name_from_text(base);
}

int l2c_profile_store_import(struct l2c_profile_store *store, const char *path, const char *name,
			     bool replace, struct l2c_profile **out, GPtrArray *warnings,
			     GError **error)
{
	g_autoptr(l2c_profile) profile = NULL;
	char *text = NULL;
	size_t len = 0;
	int r = name ? l2c_profile_name_check(name, error) : 0;

	if (r < 0)
		return r;
	r = read_profile_file(path, 0, &text, &len, error);
	if (r < 0) {
		if (error && !*error)
			(void)set_io_error(error, -r, _("cannot read %s: %s"), path);
		return r;
	}
	r = l2c_profile_parse(text, len, &profile, warnings, error);
	scrub_free(text, len);
	if (r < 0)
		return r;
	profile->name = name ? g_strdup(name) : name_for_import(profile, path);
	if (!profile->name) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_BAD_NAME,
			    _("cannot make a profile name from %s; give one"), path);
		return -EINVAL;
	}
	r = l2c_profile_store_save(store, profile, replace, error);
	if (r < 0)
		return r;
	if (out)
		*out = g_steal_pointer(&profile);
	return 0;
}

int l2c_profile_store_export(struct l2c_profile_store *store, const char *name, bool with_secrets,
			     char **text, GError **error)
{
	g_autoptr(l2c_profile) profile = NULL;
	int r = l2c_profile_store_load(store, name, &profile, NULL, error);

	if (r < 0)
		return r;
	*text = l2c_profile_to_keyfile(profile, with_secrets, NULL);
	return 0;
}
