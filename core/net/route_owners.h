/* Routes that more than one of our connections needs at once, and who may remove them.
 *
 * Two connections to the same server (or to two servers behind the same router) need the
 * same host route to the gateway. The first adds it; the second finds it there (-EEXIST)
 * and must neither take it for a stranger's (it would leave it behind) nor let the first
 * remove it while it still sends its tunnel through it. Every connection's record
 * (net_state.h) lists the routes it holds; a route is removed by the last live holder. The
 * daemon and `up --foreground` instances keep their records under one root directory, so a
 * holder is found across processes; a lock file there serialises the look-up with the
 * change it decides.
 *
 * Records live in the root and one level of folders below it: a record path under
 * NET_STATE_DIR has that as its root, any other path its own folder. */
#pragma once

#include <gio/gio.h>
#include <stdbool.h>

#include "net/net_state.h"

/* Which root `state_path` belongs to; free with g_free. */
char *net_route_owners_root(const char *state_path);

/* Takes the root's lock (created 0600 if missing): blocks while another of our processes
 * changes shared routes. Returns the lock's fd (close it to release) or a negative errno. */
int net_route_owners_lock(const char *root, GError **error);

/* Whether the record of another connection under `root` (not `own_path`) holds a route with
 * the same kernel identity (destination, prefix, table, metric). With `live_only`, records
 * whose owner no longer runs do not count. When found, `*holder` (if not NULL) is set to the
 * matching route as that record has it. */
bool net_route_owners_held_elsewhere(const char *root, const char *own_path,
				     const struct nl_route *route, bool live_only,
				     struct nl_route *holder);

/* The kernel identity of a route: two routes equal in it cannot both exist. */
bool net_route_same_key(const struct nl_route *a, const struct nl_route *b);
