/* Which routes a connection adds once PPP is up: the plan, computed before anything
 * changes, from the route the kernel uses now to reach the VPN gateway.
 *
 * Pure: libc only, no socket; the caller looks the gateway route up (nl_route_lookup) and
 * adds the planned routes in order. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "net/net_addr.h"
#include "net/netlink_route_msg.h"
#include "net/split_route.h"

#define NET_SPLIT_ROUTES_MAX 64
#define NET_ROUTE_PLAN_MAX   (3 + NET_SPLIT_ROUTES_MAX)

enum net_route_role {
	/* VPN gateway/32 through the path it had before, so the tunnel's own packets never
	 * enter the tunnel. Added first. */
	NET_ROUTE_GATEWAY_HOST,
	/* 0.0.0.0/1 and 128.0.0.0/1 through the PPP interface. */
	NET_ROUTE_DEFAULT_HALF,
	/* A profile's routeN through the PPP interface. */
	NET_ROUTE_SPLIT,
};

struct net_planned_route {
	struct nl_route route;
	enum net_route_role role;
};

struct net_route_plan {
	struct net_planned_route routes[NET_ROUTE_PLAN_MAX];
	size_t n_routes;
};

struct net_route_plan_input {
	struct in_addr vpn_gateway;	      /* the server's public address */
	const struct nl_route *gateway_route; /* nl_route_lookup(vpn_gateway) before any change */
	int ppp_ifindex;
	bool never_default; /* ipv4.never-default=yes: split routes only */
	const struct net_split_route *split_routes;
	size_t n_split_routes;
};

/* -ELOOP when the gateway is already reached through the PPP interface, -ENETUNREACH when
 * the lookup found no usable path, -EAFNOSUPPORT for an IPv6 next hop, -E2BIG for too many
 * split routes, -EINVAL for a malformed input. */
int net_route_plan_build(const struct net_route_plan_input *in, struct net_route_plan *plan,
			 struct net_error *error);

/* Whether an identical route that already exists (-EEXIST) may be left in place and the
 * connection go on. Not for the default halves: an existing 0.0.0.0/1 means another VPN
 * already captures the traffic this connection promised to carry. */
bool net_route_role_tolerates_existing(enum net_route_role role);
