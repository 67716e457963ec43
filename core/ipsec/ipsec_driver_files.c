/* The connection's private directory: created 0700, files 0600 written without following
 * links, the crash-recovery record kept current, everything removed at the end. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipsec/ipsec_driver_private.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG "ipsec"

gboolean ipsec_files_make_dir(const char *path, GError **error)
{
	struct stat st;

	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		goto fail;
	/* An existing path must be our own directory, not a link planted there. */
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		errno = EEXIST;
		goto fail;
	}
	if (chmod(path, 0700) < 0)
		goto fail;
	return TRUE;
fail:
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
		    _("IPsec: cannot create the private directory %s: %s"), path,
		    g_strerror(errno));
	return FALSE;
}

gboolean ipsec_files_write_private(const char *path, const char *contents, GError **error)
{
	size_t len = strlen(contents), done = 0;
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, contents + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = errno ? errno : EIO;

			close(fd);
			errno = saved;
			goto fail;
		}
		done += (size_t)n;
	}
	if (close(fd) < 0)
		goto fail;
	return TRUE;
fail:
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
		    _("IPsec: cannot write %s: %s"), path, g_strerror(errno));
	return FALSE;
}

/* Overwrites a secrets file before unlinking it: the key should not linger in free blocks of
 * a tmpfs page either. */
static void wipe_file(const char *path)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		char zeros[512] = {0};

		for (off_t left = st.st_size; left > 0; left -= (off_t)sizeof(zeros)) {
			size_t chunk = left < (off_t)sizeof(zeros) ? (size_t)left : sizeof(zeros);

			if (write(fd, zeros, chunk) < 0)
				break;
		}
		fsync(fd);
	}
	close(fd);
}

static void remove_recursive(const char *path, int depth)
{
	GDir *dir;
	const char *name;
	struct stat st;

	if (depth > 4 || lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		if (g_str_has_suffix(path, ".secrets") || g_str_has_suffix(path, ".pw"))
			wipe_file(path);
		unlink(path);
		return;
	}
	dir = g_dir_open(path, 0, NULL);
	while (dir && (name = g_dir_read_name(dir))) {
		g_autofree char *child = g_build_filename(path, name, NULL);

		remove_recursive(child, depth + 1);
	}
	if (dir)
		g_dir_close(dir);
	rmdir(path);
}

void ipsec_files_remove_tree(const char *dir)
{
	if (dir && *dir && dir[0] == '/')
		remove_recursive(dir, 0);
}

void ipsec_files_save_state(IpsecDriver *d)
{
	g_autofree char *path = NULL;
	g_autofree char *tmp = NULL;
	char *text;

	if (!d->state.dir[0])
		return;
	path = g_build_filename(d->state.dir, "state", NULL);
	tmp = g_build_filename(d->state.dir, "state.tmp", NULL);
	text = ipsec_state_format(&d->state);
	if (!text || !ipsec_files_write_private(tmp, text, NULL) || rename(tmp, path) < 0)
		l2c_warn(LOG_TAG,
			 _("could not save %s; a crash now would leave IPsec state behind"), path);
	free(text);
}
