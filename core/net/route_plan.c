/* The route plan; see route_plan.h.
 *
 * Why two /1 routes and not a default route with a lower metric: the /1 routes win by
 * longest prefix over any default route, whatever metric a DHCP client or NetworkManager
 * gives theirs (and however often it re-adds it), so nobody else's route has to be changed
 * or removed. Teardown then deletes exactly the two routes added, and the original default
 * route, never touched, is in force again; if the daemon dies, the kernel drops the /1
 * routes together with the PPP interface. A second default route would instead collide
 * (-EEXIST) with an existing default of the same metric, and lose to a metric-0 one. */
#include "config.h"

#include "net/route_plan.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "util/i18n.h"

static bool plan_has_destination(const struct net_route_plan *plan, const struct nl_route *route)
{
	for (size_t i = 0; i < plan->n_routes; i++) {
		const struct nl_route *other = &plan->routes[i].route;

		if (other->dst.s_addr == route->dst.s_addr && other->dst_len == route->dst_len &&
		    other->priority == route->priority && other->table == route->table)
			return true;
	}
	return false;
}

static void plan_append(struct net_route_plan *plan, const struct nl_route *route,
			enum net_route_role role)
{
	if (plan_has_destination(plan, route))
		return;
	plan->routes[plan->n_routes].route = *route;
	plan->routes[plan->n_routes].role = role;
	plan->n_routes++;
}

static struct nl_route ppp_route(int ppp_ifindex, in_addr_t dst, uint8_t dst_len)
{
	struct nl_route route = {
	    .dst = {.s_addr = dst},
	    .dst_len = dst_len,
	    .protocol = RTPROT_STATIC,
	    .scope = RT_SCOPE_LINK,
	    .type = RTN_UNICAST,
	    .table = RT_TABLE_MAIN,
	    .oif = ppp_ifindex,
	};

	return route;
}

static int check_gateway_route(const struct net_route_plan_input *in, struct net_error *error)
{
	const struct nl_route *found = in->gateway_route;
	char gateway[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in->vpn_gateway, gateway, sizeof(gateway));
	if (found->gateway_is_ipv6) {
		net_error_set(error,
			      _("The VPN gateway %s is reached through an IPv6 next hop; this is "
				"not supported yet"),
			      gateway);
		return -EAFNOSUPPORT;
	}
	if (found->type == RTN_LOCAL)
		return 0;
	if (found->type != RTN_UNICAST || found->oif <= 0) {
		net_error_set(error, _("There is no route to the VPN gateway %s"), gateway);
		return -ENETUNREACH;
	}
	if (found->oif == in->ppp_ifindex) {
		net_error_set(error,
			      _("The route to the VPN gateway %s already goes through the VPN "
				"interface; remove the route that sends it there"),
			      gateway);
		return -ELOOP;
	}
	return 0;
}

/* In the main table even when the lookup matched another one: the /1 routes go into main,
 * and a host route there keeps the gateway out of them; a table consulted before main is
 * left alone by our routes and keeps its own path to the gateway. */
static void plan_gateway_host(const struct net_route_plan_input *in, struct net_route_plan *plan)
{
	const struct nl_route *found = in->gateway_route;
	struct nl_route route = {
	    .dst = in->vpn_gateway,
	    .dst_len = 32,
	    .protocol = RTPROT_STATIC,
	    .scope = found->has_gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK,
	    .type = RTN_UNICAST,
	    .table = RT_TABLE_MAIN,
	    .oif = found->oif,
	    .has_gateway = found->has_gateway,
	    .gateway = found->gateway,
	    /* The IPsec SA is bound to today's source address; keep it. */
	    .has_prefsrc = found->has_prefsrc,
	    .prefsrc = found->prefsrc,
	};

	/* The gateway is one of our own addresses (a test set-up): nothing can loop. */
	if (found->type == RTN_LOCAL)
		return;
	plan_append(plan, &route, NET_ROUTE_GATEWAY_HOST);
}

/* A gateway on a point-to-point link needs no neighbour resolution; RTNH_F_ONLINK lets the
 * kernel accept one that no connected route covers, which PPP's peer route may not. */
static struct nl_route split_to_route(const struct net_split_route *split, int ppp_ifindex)
{
	struct nl_route route = ppp_route(ppp_ifindex, split->dst.s_addr, split->prefix_len);

	route.priority = split->metric;
	if (split->has_gateway) {
		route.has_gateway = true;
		route.gateway = split->gateway;
		route.scope = RT_SCOPE_UNIVERSE;
		route.flags = RTNH_F_ONLINK;
	}
	return route;
}

static int check_split_route(const struct net_split_route *split, size_t index,
			     struct net_error *error)
{
	if (split->prefix_len == 0 || split->prefix_len > 32 ||
	    (split->dst.s_addr & ~net_ipv4_mask(split->prefix_len)) != 0) {
		net_error_set(error, _("Split route %zu has an invalid prefix"), index + 1);
		return -EINVAL;
	}
	return 0;
}

static int check_input(const struct net_route_plan_input *in, struct net_error *error)
{
	if (!in->gateway_route || in->ppp_ifindex <= 0 ||
	    (in->n_split_routes > 0 && !in->split_routes)) {
		net_error_set(error, _("Route plan: missing gateway route or VPN interface"));
		return -EINVAL;
	}
	if (in->n_split_routes > NET_SPLIT_ROUTES_MAX) {
		net_error_set(error, _("The profile has %zu routes; at most %d are supported"),
			      in->n_split_routes, NET_SPLIT_ROUTES_MAX);
		return -E2BIG;
	}
	for (size_t i = 0; i < in->n_split_routes; i++)
		if (check_split_route(&in->split_routes[i], i, error) < 0)
			return -EINVAL;
	return check_gateway_route(in, error);
}

int net_route_plan_build(const struct net_route_plan_input *in, struct net_route_plan *plan,
			 struct net_error *error)
{
	struct nl_route route;
	int r;

	plan->n_routes = 0;
	r = check_input(in, error);
	if (r < 0)
		return r;
	plan_gateway_host(in, plan);
	if (!in->never_default) {
		route = ppp_route(in->ppp_ifindex, htonl(0x00000000), 1);
		plan_append(plan, &route, NET_ROUTE_DEFAULT_HALF);
		route = ppp_route(in->ppp_ifindex, htonl(0x80000000), 1);
		plan_append(plan, &route, NET_ROUTE_DEFAULT_HALF);
	}
	for (size_t i = 0; i < in->n_split_routes; i++) {
		route = split_to_route(&in->split_routes[i], in->ppp_ifindex);
		plan_append(plan, &route, NET_ROUTE_SPLIT);
	}
	return 0;
}

bool net_route_role_tolerates_existing(enum net_route_role role)
{
	return role != NET_ROUTE_DEFAULT_HALF;
}
