/* The rtnetlink socket: asks the kernel for the route to an address, adds and deletes
 * routes. Blocking, with a receive timeout, because the kernel answers route requests
 * synchronously; one socket per user, no global state. Messages come from
 * netlink_route_msg.h. Functions return 0 or a negative errno and fill `error`. */
#pragma once

#include <stdint.h>

#include "net/net_addr.h"
#include "net/netlink_route_msg.h"

struct nl_route_socket {
	int fd;
	uint32_t portid; /* our netlink address, which the kernel's replies carry */
	uint32_t seq;
};

/* Needs no privilege; adding or deleting routes needs CAP_NET_ADMIN. */
int nl_route_socket_open(struct nl_route_socket *sock, struct net_error *error);
void nl_route_socket_close(struct nl_route_socket *sock);

/* The route the kernel would use now to reach `dst`: gateway, device and source. */
int nl_route_lookup(struct nl_route_socket *sock, struct in_addr dst, struct nl_route *out,
		    struct net_error *error);
/* -EEXIST when an identical route (same destination, table, metric) is already there. */
int nl_route_add(struct nl_route_socket *sock, const struct nl_route *route,
		 struct net_error *error);
/* -ESRCH when no such route exists (for instance because its device went away). */
int nl_route_delete(struct nl_route_socket *sock, const struct nl_route *route,
		    struct net_error *error);
