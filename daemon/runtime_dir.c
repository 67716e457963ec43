#include "config.h"

#include "daemon/runtime_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "ipsec/ipsec_driver.h"
#include "net/net_config.h"
#include "supervisor/pppd_record.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG	  "daemon"
#define LOCK_FILE "l2tp-connectd.lock"
/* The tunnel a leftover pppd ran over died with the instance that owned its socket: there is
 * no peer left to hang up to, so pppd gets only a moment before SIGKILL. */
#define PPPD_GRACE_MS 1000

int l2c_runtime_dir_claim(const char *dir, GError **error)
{
	g_autofree char *path = g_build_filename(dir, LOCK_FILE, NULL);
	int fd, err;

	if (g_mkdir_with_parents(dir, 0700) < 0) {
		err = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(err),
			    _("cannot create the runtime directory %s: %s"), dir, g_strerror(err));
		return -1;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		err = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(err), _("cannot open %s: %s"),
			    path, g_strerror(err));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		err = errno;
		close(fd);
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_BUSY,
			    err == EWOULDBLOCK ? _("another l2tp-connectd uses %s already")
					       : _("cannot lock the runtime directory %s"),
			    dir);
		return -1;
	}
	return fd;
}

static int count_net_records(const char *dir)
{
	g_autoptr(GDir) listing = g_dir_open(dir, 0, NULL);
	const char *entry;
	int n = 0;

	while (listing && (entry = g_dir_read_name(listing)))
		n += g_str_has_suffix(entry, ".state");
	return n;
}

/* Returns how many connections' routes and DNS it restored. */
static int undo_network(const char *dir)
{
	g_autoptr(GError) error = NULL;
	int before = count_net_records(dir);

	if (before == 0)
		return 0;
	if (net_config_undo_saved_dir(dir, NULL, &error) < 0)
		l2c_warn(LOG,
			 _("could not undo every route or DNS change a previous instance left: %s"),
			 error->message);
	return before - count_net_records(dir);
}

int l2c_runtime_dir_clean_leftovers(const char *dir)
{
	struct ipsec_driver_config ipsec = {.runtime_base = dir};
	int cleaned = 0;

	cleaned += l2c_pppd_records_reap(dir, PPPD_GRACE_MS);
	cleaned += undo_network(dir);
	cleaned += ipsec_driver_cleanup_saved(&ipsec, NULL);
	if (cleaned > 0)
		l2c_info(LOG, "cleaned up %d thing(s) a previous instance left behind", cleaned);
	return cleaned;
}
