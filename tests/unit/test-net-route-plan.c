/* Split-route parsing (NetworkManager keyfile syntax, hostile input) and the route plan. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "net/net_addr.h"
#include "net/route_plan.h"
#include "net/split_route.h"

#define PPP_IFINDEX 9

static struct in_addr addr(const char *text)
{
	struct in_addr a;

	g_assert_cmpint(inet_pton(AF_INET, text, &a), ==, 1);
	return a;
}

static const char *describe(const struct nl_route *route)
{
	static char text[128];

	nl_route_describe(route, route->oif == PPP_IFINDEX ? "ppp0" : NULL, text, sizeof(text));
	return text;
}

static struct net_split_route parse_ok(const char *text)
{
	struct net_split_route route;
	struct net_error error = {{0}};

	g_assert_cmpint(net_split_route_parse("ipv4.route1", text, &route, &error), ==, 0);
	return route;
}

static void test_split_route_forms(void)
{
	struct net_split_route r;

	r = parse_ok("10.0.0.0/8");
	g_assert_cmpuint(r.dst.s_addr, ==, addr("10.0.0.0").s_addr);
	g_assert_cmpuint(r.prefix_len, ==, 8);
	g_assert_false(r.has_gateway);
	g_assert_cmpuint(r.metric, ==, 0);

	r = parse_ok("10.0.0.0/8,0.0.0.0");
	g_assert_false(r.has_gateway);

	r = parse_ok("172.16.0.0/12,10.255.0.1,100");
	g_assert_true(r.has_gateway);
	g_assert_cmpuint(r.gateway.s_addr, ==, addr("10.255.0.1").s_addr);
	g_assert_cmpuint(r.metric, ==, 100);

	r = parse_ok("192.168.10.0/24,,50");
	g_assert_false(r.has_gateway);
	g_assert_cmpuint(r.metric, ==, 50);

	/* NetworkManager's separators are interchangeable, and one trailing ';' is allowed. */
	r = parse_ok("192.168.10.0;24;10.255.0.1;7;");
	g_assert_cmpuint(r.prefix_len, ==, 24);
	g_assert_true(r.has_gateway);
	g_assert_cmpuint(r.metric, ==, 7);

	r = parse_ok("10.1.0.0,10.255.0.1");
	g_assert_cmpuint(r.prefix_len, ==, 24); /* missing prefix: NetworkManager's /24 */
	g_assert_true(r.has_gateway);

	r = parse_ok("10.1.2.3/16");
	g_assert_cmpuint(r.dst.s_addr, ==, addr("10.1.0.0").s_addr); /* host bits cleared */

	r = parse_ok("203.0.113.7/32,,4294967295");
	g_assert_cmpuint(r.metric, ==, 4294967295u);
}

struct bad_route {
	const char *text;
	int error;
	const char *message_part;
};

static void test_split_route_bad_inputs(void)
{
	static const struct bad_route cases[] = {
	    {"", -EINVAL, "empty"},
	    {"10.0.0.0/33", -ERANGE, "prefix length 33"},
	    {"10.0.0.0/0", -EINVAL, "never-default"},
	    {"10.0.0.0/8x", -EINVAL, "prefix length \"8x\""},
	    {"10.0.0.256/8", -EINVAL, "not an IPv4 address"},
	    {"10.0.0/8", -EINVAL, "not an IPv4 address"},
	    {" 10.0.0.0/8", -EINVAL, "not an IPv4 address"},
	    {"10.0.0.0/8,10.0.0.300", -EINVAL, "gateway"},
	    {"10.0.0.0/8,,-1", -EINVAL, "metric"},
	    {"10.0.0.0/8,,4294967296", -ERANGE, "metric"},
	    {"10.0.0.0/8,,99999999999", -EINVAL, "metric"},
	    {"10.0.0.0/8,1.2.3.4,5,6", -EINVAL, "too many fields"},
	    {"10.0.0.0/8,1.2.3.4,5;", 0, NULL},
	    {"fd00::/8", -EAFNOSUPPORT, "not supported yet"},
	    {"10.0.0.0/8,fe80::1", -EAFNOSUPPORT, "gateway"},
	    {"10.0.0.0/8,,5,", 0, NULL},
	    {"/8", -EINVAL, "IPv4 address is required"},
	    {"10.0.0.0/8\n", -EINVAL, "prefix length"},
	    {"10.0.0.0/,1.2.3.4", -EINVAL, "prefix length"},
	    {"10.0.0.0,x", -EINVAL, "gateway"},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct net_split_route route;
		struct net_error error = {{0}};
		int r = net_split_route_parse("ipv4.route3", cases[i].text, &route, &error);

		g_test_message("case \"%s\": %d %s", cases[i].text, r, error.text);
		if (cases[i].error == 0) {
			g_assert_cmpint(r, ==, 0);
			continue;
		}
		/* A failure names the key, so the user knows which line to fix. */
		g_assert_cmpint(r, ==, cases[i].error);
		g_assert_true(g_str_has_prefix(error.text, "ipv4.route3"));
		g_assert_nonnull(strstr(error.text, cases[i].message_part));
	}
}

static void test_split_route_too_long(void)
{
	g_autofree char *text = g_strnfill(NET_SPLIT_ROUTE_TEXT_MAX + 40, '1');
	struct net_split_route route;
	struct net_error error = {{0}};

	g_assert_cmpint(net_split_route_parse("ipv4.route1", text, &route, &error), ==, -EINVAL);
	g_assert_nonnull(strstr(error.text, "longer"));
	g_assert_cmpint(net_split_route_parse("ipv4.route1", NULL, &route, &error), ==, -EINVAL);
}

static void test_split_route_from_parts(void)
{
	struct net_split_route r;
	struct net_error error = {{0}};

	g_assert_cmpint(
	    net_split_route_from_parts("ipv4.route4", "10.1.2.3", 16, NULL, -1, &r, &error), ==, 0);
	g_assert_cmpuint(r.dst.s_addr, ==, addr("10.1.0.0").s_addr);
	g_assert_cmpuint(r.prefix_len, ==, 16);
	g_assert_false(r.has_gateway);
	g_assert_cmpuint(r.metric, ==, 0);
	g_assert_cmpint(
	    net_split_route_from_parts("ipv4.route4", "10.0.0.0", 8, "10.255.0.1", 20, &r, &error),
	    ==, 0);
	g_assert_true(r.has_gateway);
	g_assert_cmpuint(r.metric, ==, 20);

	g_assert_cmpint(
	    net_split_route_from_parts("ipv4.route4", "10.0.0.0", 40, NULL, -1, &r, &error), ==,
	    -ERANGE);
	g_assert_true(g_str_has_prefix(error.text, "ipv4.route4"));
	g_assert_cmpint(
	    net_split_route_from_parts("ipv4.route4", "10.0.0.0", 8, "x", -1, &r, &error), ==,
	    -EINVAL);
	g_assert_cmpint(
	    net_split_route_from_parts("ipv4.route4", "10.0.0.0", 8, NULL, -7, &r, &error), ==,
	    -ERANGE);
	g_assert_cmpint(
	    net_split_route_from_parts("ipv4.route4", "10.0.0.0", 8, NULL, 4294967296L, &r, &error),
	    ==, -ERANGE);
}

static void test_validate_ifname(void)
{
	struct net_error error = {{0}};

	g_assert_cmpint(net_validate_ifname("ppp interface", "ppp0", &error), ==, 0);
	g_assert_cmpint(net_validate_ifname("ppp interface", "ppp-vpn_1.2", &error), ==, 0);
	g_assert_cmpint(net_validate_ifname("ppp interface", "", &error), ==, -EINVAL);
	g_assert_cmpint(net_validate_ifname("ppp interface", NULL, &error), ==, -EINVAL);
	g_assert_cmpint(net_validate_ifname("ppp interface", "0123456789abcdef", &error), ==,
			-EINVAL);
	g_assert_cmpint(net_validate_ifname("ppp interface", "..", &error), ==, -EINVAL);
	g_assert_cmpint(net_validate_ifname("ppp interface", "a/b", &error), ==, -EINVAL);
	g_assert_cmpint(net_validate_ifname("ppp interface", "eth0:1", &error), ==, -EINVAL);
	g_assert_cmpint(net_validate_ifname("ppp interface", "a b", &error), ==, -EINVAL);
	g_assert_true(g_str_has_prefix(error.text, "ppp interface"));
}

/* The kernel's answer for the VPN gateway on a typical laptop: via the LAN router. */
static struct nl_route lan_route_to_gateway(void)
{
	struct nl_route route = {
	    .dst = addr("203.0.113.5"),
	    .dst_len = 32,
	    .type = RTN_UNICAST,
	    .table = RT_TABLE_MAIN,
	    .oif = 2,
	    .has_gateway = true,
	    .gateway = addr("192.168.1.1"),
	    .has_prefsrc = true,
	    .prefsrc = addr("192.168.1.23"),
	};

	return route;
}

static struct net_route_plan_input plan_input(const struct nl_route *gateway_route)
{
	struct net_route_plan_input in = {
	    .vpn_gateway = addr("203.0.113.5"),
	    .gateway_route = gateway_route,
	    .ppp_ifindex = PPP_IFINDEX,
	};

	return in;
}

static void assert_plan(const struct net_route_plan *plan, const char *const *want)
{
	size_t n = g_strv_length((char **)want);

	for (size_t i = 0; i < plan->n_routes; i++)
		g_test_message("planned: %s", describe(&plan->routes[i].route));
	g_assert_cmpuint(plan->n_routes, ==, n);
	for (size_t i = 0; i < n; i++) {
		g_assert_cmpstr(describe(&plan->routes[i].route), ==, want[i]);
		g_assert_cmpuint(plan->routes[i].route.protocol, ==, RTPROT_STATIC);
		g_assert_cmpuint(plan->routes[i].route.table, ==, RT_TABLE_MAIN);
	}
}

static void test_plan_full_tunnel(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_route_plan plan;
	struct net_error error = {{0}};
	static const char *const want[] = {
	    "203.0.113.5/32 via 192.168.1.1 dev #2 src 192.168.1.23",
	    "0.0.0.0/1 dev ppp0",
	    "128.0.0.0/1 dev ppp0",
	    NULL,
	};

	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, 0);
	assert_plan(&plan, want);
	g_assert_cmpint(plan.routes[0].role, ==, NET_ROUTE_GATEWAY_HOST);
	g_assert_cmpint(plan.routes[1].role, ==, NET_ROUTE_DEFAULT_HALF);
	g_assert_cmpuint(plan.routes[1].route.scope, ==, RT_SCOPE_LINK);
	g_assert_false(net_route_role_tolerates_existing(NET_ROUTE_DEFAULT_HALF));
	g_assert_true(net_route_role_tolerates_existing(NET_ROUTE_GATEWAY_HOST));
	g_assert_true(net_route_role_tolerates_existing(NET_ROUTE_SPLIT));
}

static void test_plan_never_default_with_split_routes(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_split_route splits[] = {
	    parse_ok("10.0.0.0/8"), parse_ok("172.16.0.0/12,10.255.0.1,100"),
	    parse_ok("10.0.0.0/8"),	/* a duplicate is added once */
	    parse_ok("203.0.113.5/32"), /* the gateway itself must not enter the tunnel */
	};
	struct net_route_plan plan;
	struct net_error error = {{0}};
	static const char *const want[] = {
	    "203.0.113.5/32 via 192.168.1.1 dev #2 src 192.168.1.23",
	    "10.0.0.0/8 dev ppp0",
	    "172.16.0.0/12 via 10.255.0.1 dev ppp0 metric 100",
	    NULL,
	};

	in.never_default = true;
	in.split_routes = splits;
	in.n_split_routes = G_N_ELEMENTS(splits);
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, 0);
	assert_plan(&plan, want);
	g_assert_cmpint(plan.routes[2].role, ==, NET_ROUTE_SPLIT);
	g_assert_cmpuint(plan.routes[2].route.flags, ==, RTNH_F_ONLINK);
	g_assert_cmpuint(plan.routes[1].route.scope, ==, RT_SCOPE_LINK);
}

static void test_plan_gateway_on_link(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_route_plan plan;
	struct net_error error = {{0}};

	found.has_gateway = false;
	found.has_prefsrc = false;
	in.never_default = true;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, 0);
	g_assert_cmpuint(plan.n_routes, ==, 1);
	g_assert_cmpstr(describe(&plan.routes[0].route), ==, "203.0.113.5/32 dev #2");
	g_assert_cmpuint(plan.routes[0].route.scope, ==, RT_SCOPE_LINK);
}

static void test_plan_local_gateway_needs_no_host_route(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_route_plan plan;
	struct net_error error = {{0}};

	found.type = RTN_LOCAL;
	found.oif = 1;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, 0);
	g_assert_cmpuint(plan.n_routes, ==, 2);
	g_assert_cmpint(plan.routes[0].role, ==, NET_ROUTE_DEFAULT_HALF);
}

static void test_plan_refuses_gateway_through_tunnel(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_route_plan plan;
	struct net_error error = {{0}};

	found.oif = PPP_IFINDEX;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -ELOOP);
	g_assert_nonnull(strstr(error.text, "203.0.113.5"));
	g_assert_cmpuint(plan.n_routes, ==, 0);
}

static void test_plan_refuses_unusable_gateway_routes(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_route_plan plan;
	struct net_error error = {{0}};

	found.type = RTN_BLACKHOLE;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -ENETUNREACH);
	found = lan_route_to_gateway();
	found.oif = 0;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -ENETUNREACH);
	found = lan_route_to_gateway();
	found.has_gateway = false;
	found.gateway_is_ipv6 = true;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -EAFNOSUPPORT);
	g_assert_nonnull(strstr(error.text, "not supported yet"));
}

static void test_plan_refuses_bad_input(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_split_route many[NET_SPLIT_ROUTES_MAX + 1];
	struct net_split_route host_bits = parse_ok("10.0.0.0/8");
	struct net_route_plan plan;
	struct net_error error = {{0}};

	in.ppp_ifindex = 0;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -EINVAL);
	in = plan_input(NULL);
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -EINVAL);

	in = plan_input(&found);
	for (size_t i = 0; i < G_N_ELEMENTS(many); i++)
		many[i] = parse_ok("10.0.0.0/8");
	in.split_routes = many;
	in.n_split_routes = G_N_ELEMENTS(many);
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -E2BIG);

	/* A hand-made split route with host bits set, which the kernel would refuse. */
	host_bits.dst = addr("10.1.0.0");
	in.split_routes = &host_bits;
	in.n_split_routes = 1;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -EINVAL);
	host_bits.prefix_len = 33;
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, -EINVAL);
}

static void test_plan_holds_the_maximum(void)
{
	struct nl_route found = lan_route_to_gateway();
	struct net_route_plan_input in = plan_input(&found);
	struct net_split_route many[NET_SPLIT_ROUTES_MAX];
	struct net_route_plan plan;
	struct net_error error = {{0}};

	for (size_t i = 0; i < G_N_ELEMENTS(many); i++) {
		g_autofree char *text = g_strdup_printf("10.%zu.0.0/16", i);

		many[i] = parse_ok(text);
	}
	in.split_routes = many;
	in.n_split_routes = G_N_ELEMENTS(many);
	g_assert_cmpint(net_route_plan_build(&in, &plan, &error), ==, 0);
	g_assert_cmpuint(plan.n_routes, ==, NET_ROUTE_PLAN_MAX);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/net/split-route/forms", test_split_route_forms);
	g_test_add_func("/net/split-route/bad-inputs", test_split_route_bad_inputs);
	g_test_add_func("/net/split-route/too-long", test_split_route_too_long);
	g_test_add_func("/net/split-route/from-parts", test_split_route_from_parts);
	g_test_add_func("/net/addr/ifname", test_validate_ifname);
	g_test_add_func("/net/route-plan/full-tunnel", test_plan_full_tunnel);
	g_test_add_func("/net/route-plan/never-default-split",
			test_plan_never_default_with_split_routes);
	g_test_add_func("/net/route-plan/gateway-on-link", test_plan_gateway_on_link);
	g_test_add_func("/net/route-plan/local-gateway",
			test_plan_local_gateway_needs_no_host_route);
	g_test_add_func("/net/route-plan/gateway-through-tunnel",
			test_plan_refuses_gateway_through_tunnel);
	g_test_add_func("/net/route-plan/unusable-gateway-route",
			test_plan_refuses_unusable_gateway_routes);
	g_test_add_func("/net/route-plan/bad-input", test_plan_refuses_bad_input);
	g_test_add_func("/net/route-plan/maximum", test_plan_holds_the_maximum);
	return g_test_run();
}
