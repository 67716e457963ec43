/* What a connection changed in the network configuration: the routes it added and the
 * DNS backend it configured. Kept in memory and, after every change, in a file under /run,
 * so that a daemon restarted after a crash can undo exactly what the dead one left. */
#pragma once

#include <gio/gio.h>
#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "net/dns.h"
#include "net/netlink_route_msg.h"
#include "net/route_plan.h"

/* Where the daemon keeps one state file per connection; tmpfs, so a reboot forgets them
 * along with the routes they describe. */
#define NET_STATE_DIR "/run/l2tp-connect"

struct net_config_state {
	/* The process that applied it (0 in records of older versions): while it runs, its
	 * routes are in use and a daemon starting up must leave them alone. */
	int owner_pid;
	uint64_t owner_starttime; /* l2c_proc_starttime: tells a recycled pid apart */
	char ppp_ifname[IF_NAMESIZE];
	int ppp_ifindex;
	struct nl_route routes[NET_ROUTE_PLAN_MAX]; /* in the order they were added */
	size_t n_routes;
	struct net_dns_applied dns;
};

bool net_state_is_empty(const struct net_config_state *state);

/* Makes the calling process the record's owner. */
void net_state_set_owner_self(struct net_config_state *state);
/* Whether the process that made the record still runs. */
bool net_state_owner_is_alive(const struct net_config_state *state);

/* Written atomically, mode 0600, its directory created 0700 if missing. */
int net_state_save(const struct net_config_state *state, const char *path, GError **error);

/* Every field is validated: a corrupt file must not make us delete arbitrary routes.
 * -ENOENT (G_FILE_ERROR_NOENT) when there is no file. */
int net_state_load(const char *path, struct net_config_state *state, GError **error);
