/* Who else holds a route; see route_owners.h. */
#include "config.h"

#include "net/route_owners.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/log.h"

#define LOCK_NAME     "routes.lock"
#define RECORD_PREFIX "net-"
#define RECORD_SUFFIX ".state"

char *net_route_owners_root(const char *state_path)
{
	if (g_str_has_prefix(state_path, NET_STATE_DIR "/"))
		return g_strdup(NET_STATE_DIR);
	return g_path_get_dirname(state_path);
}

int net_route_owners_lock(const char *root, GError **error)
{
	g_autofree char *path = g_build_filename(root, LOCK_NAME, NULL);
	int fd, err;

	if (g_mkdir_with_parents(root, 0700) < 0)
		goto fail;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		goto fail;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			err = errno;
			close(fd);
			errno = err;
			goto fail;
		}
	}
	return fd;
fail:
	err = errno;
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(err),
		    _("Cannot lock %s, which keeps connections from removing each other's "
		      "routes: %s"),
		    path, g_strerror(err));
	return -err;
}

bool net_route_same_key(const struct nl_route *a, const struct nl_route *b)
{
	return a->dst.s_addr == b->dst.s_addr && a->dst_len == b->dst_len &&
	       a->table == b->table && a->priority == b->priority;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!b || g_stat(a, &sa) < 0 || g_stat(b, &sb) < 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

struct search {
	const char *own_path;
	const struct nl_route *route;
	bool live_only;
	struct nl_route *holder;
};

static bool record_holds(const char *path, const struct search *search)
{
	struct net_config_state state;

	if (same_file(path, search->own_path) || net_state_load(path, &state, NULL) < 0)
		return false;
	if (search->live_only && !net_state_owner_is_alive(&state))
		return false;
	for (size_t i = 0; i < state.n_routes; i++) {
		if (!net_route_same_key(&state.routes[i], search->route))
			continue;
		if (search->holder)
			*search->holder = state.routes[i];
		l2c_debug("net", "%s holds the route too", path);
		return true;
	}
	return false;
}

static bool folder_holds(const char *dir, const struct search *search, bool descend)
{
	g_autoptr(GDir) listing = g_dir_open(dir, 0, NULL);
	const char *name;

	while (listing && (name = g_dir_read_name(listing))) {
		g_autofree char *path = g_build_filename(dir, name, NULL);

		if (g_str_has_prefix(name, RECORD_PREFIX) && g_str_has_suffix(name, RECORD_SUFFIX)) {
			if (record_holds(path, search))
				return true;
		} else if (descend && g_file_test(path, G_FILE_TEST_IS_DIR) &&
			   !g_file_test(path, G_FILE_TEST_IS_SYMLINK) &&
			   folder_holds(path, search, false)) {
			return true;
		}
	}
	return false;
}

bool net_route_owners_held_elsewhere(const char *root, const char *own_path,
				     const struct nl_route *route, bool live_only,
				     struct nl_route *holder)
{
	struct search search = {own_path, route, live_only, holder};

	return folder_holds(root, &search, true);
}
