/* Routes and DNS applied and undone for real, in a private network namespace: a veth pair
 * stands for the LAN (default route via 192.0.2.254) and another for the PPP link (vpn0,
 * 198.51.100.2 peer 198.51.100.1). After every undo the IPv4 routing tables must read
 * exactly as before. Skipped unless run as root where network namespaces are allowed. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/net_config.h"
#include "net/netlink_route.h"
#include "util/proc_stat.h"

static bool run_ip(const char *args)
{
	g_autofree char *command = g_strdup_printf("ip %s", args);
	g_autoptr(GError) error = NULL;
	g_autofree char *errors = NULL;
	int status = -1;

	if (!g_spawn_command_line_sync(command, NULL, &errors, &status, &error) ||
	    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		g_test_message("%s: %s", command, error ? error->message : errors);
		return false;
	}
	return true;
}

static char *routing_tables(void)
{
	char *out = NULL;

	g_assert_true(
	    g_spawn_command_line_sync("ip -4 route show table all", &out, NULL, NULL, NULL));
	return out;
}

static void skip_because(const char *why, const char *detail)
{
	g_autofree char *message = g_strconcat(why, detail, NULL);

	g_test_skip(message);
}

static const char *const lab_setup[] = {
    "link set lo up",
    "link add lan0 type veth peer name lan0p",
    "link add vpn0 type veth peer name vpn0p",
    "link set lan0 up",
    "link set lan0p up",
    "link set vpn0 up",
    "link set vpn0p up",
    "addr add 192.0.2.10/24 dev lan0",
    "route add default via 192.0.2.254 dev lan0",
    "addr add 198.51.100.2 peer 198.51.100.1 dev vpn0",
};

/* Each test gets a namespace of its own, so nothing leaks between them or to the host. */
static bool enter_lab_namespace(void)
{
	g_autofree char *ip = g_find_program_in_path("ip");

	if (geteuid() != 0) {
		g_test_skip("needs root for a private network namespace");
		return false;
	}
	if (!ip) {
		g_test_skip("needs ip (iproute2)");
		return false;
	}
	if (unshare(CLONE_NEWNET) < 0) {
		skip_because("cannot create a network namespace: ", g_strerror(errno));
		return false;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(lab_setup); i++) {
		if (!run_ip(lab_setup[i])) {
			skip_because("cannot set up the namespace: ip ", lab_setup[i]);
			return false;
		}
	}
	return true;
}

struct lab {
	char *dir;
	char *state_path;
	char *resolvconf;
	char *resolvconf_log;
	struct net_dns_env env;
	struct net_split_route splits[2];
	const char *dns_servers[2];
	struct net_config_request request;
	struct net_config *net;
	struct net_config_report report;
	char *tables_before;
};

static void lab_init(struct lab *lab)
{
	g_autofree char *script = NULL;
	struct net_error error = {{0}};

	memset(lab, 0, sizeof(*lab));
	lab->dir = g_dir_make_tmp("net-netns-XXXXXX", NULL);
	g_assert_nonnull(lab->dir);
	lab->state_path = g_build_filename(lab->dir, "run", "net-test.state", NULL);
	lab->resolvconf = g_build_filename(lab->dir, "resolvconf", NULL);
	lab->resolvconf_log = g_build_filename(lab->dir, "resolvconf.log", NULL);
	script = g_strdup_printf("#!/bin/sh\necho \"$*\" >> '%s'\ncat >/dev/null\n",
				 lab->resolvconf_log);
	g_assert_true(g_file_set_contents(lab->resolvconf, script, -1, NULL));
	g_assert_cmpint(g_chmod(lab->resolvconf, 0700), ==, 0);
	lab->env.skip_resolved = true;
	lab->env.resolvconf_path = lab->resolvconf;

	g_assert_cmpint(net_split_route_parse("ipv4.route1", "10.0.0.0/8", &lab->splits[0], &error),
			==, 0);
	g_assert_cmpint(net_split_route_parse("ipv4.route2", "172.16.0.0/12,198.51.100.1,100",
					      &lab->splits[1], &error),
			==, 0);
	lab->dns_servers[0] = "10.0.0.53";
	lab->request = (struct net_config_request){
	    .vpn_gateway = "203.0.113.5",
	    .ppp_ifname = "vpn0",
	    .split_routes = lab->splits,
	    .n_split_routes = G_N_ELEMENTS(lab->splits),
	    .dns_servers = lab->dns_servers,
	};
}

/* Creates the configurator once the test has set the lab up as it wants it. */
static struct net_config *lab_start(struct lab *lab)
{
	lab->tables_before = routing_tables();
	lab->net = net_config_new(lab->state_path, &lab->env);
	return lab->net;
}

static void assert_tables_restored(const struct lab *lab)
{
	g_autofree char *after = routing_tables();

	g_assert_cmpstr(after, ==, lab->tables_before);
	g_assert_false(g_file_test(lab->state_path, G_FILE_TEST_EXISTS));
}

static void lab_clear(struct lab *lab)
{
	g_autofree char *run = g_path_get_dirname(lab->state_path);
	g_autofree char *lock = g_build_filename(run, "routes.lock", NULL);

	net_config_free(lab->net);
	net_config_report_clear(&lab->report);
	g_unlink(lab->state_path);
	g_unlink(lock);
	g_unlink(lab->resolvconf_log);
	g_unlink(lab->resolvconf);
	g_rmdir(run);
	g_rmdir(lab->dir);
	g_free(lab->tables_before);
	g_free(lab->resolvconf_log);
	g_free(lab->resolvconf);
	g_free(lab->state_path);
	g_free(lab->dir);
}

static char *resolvconf_calls(const struct lab *lab)
{
	char *text = NULL;

	if (!g_file_get_contents(lab->resolvconf_log, &text, NULL, NULL))
		return g_strdup("");
	return text;
}

/* Where the kernel sends a packet for `dst` now, as "via GW dev IFNAME" or "dev IFNAME". */
static char *path_to(const char *dst)
{
	struct nl_route_socket sock;
	struct net_error error = {{0}};
	struct nl_route route;
	struct in_addr a;
	char ifname[IF_NAMESIZE] = "?", gateway[INET_ADDRSTRLEN];

	g_assert_cmpint(inet_pton(AF_INET, dst, &a), ==, 1);
	g_assert_cmpint(nl_route_socket_open(&sock, &error), ==, 0);
	g_assert_cmpint(nl_route_lookup(&sock, a, &route, &error), ==, 0);
	nl_route_socket_close(&sock);
	if_indextoname((unsigned)route.oif, ifname);
	if (!route.has_gateway)
		return g_strdup_printf("dev %s", ifname);
	inet_ntop(AF_INET, &route.gateway, gateway, sizeof(gateway));
	return g_strdup_printf("via %s dev %s", gateway, ifname);
}

static void assert_path(const char *dst, const char *want)
{
	g_autofree char *got = path_to(dst);

	g_assert_cmpstr(got, ==, want);
}

static void test_apply_then_undo_restores_tables(void)
{
	struct lab lab;
	struct net_config *net;
	g_autoptr(GError) error = NULL;
	g_autofree char *calls = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	net = lab_start(&lab);
	assert_path("8.8.8.8", "via 192.0.2.254 dev lan0");

	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpint(lab.report.dns_backend, ==, NET_DNS_BACKEND_RESOLVCONF);
	g_assert_null(lab.report.dns_note);
	g_assert_true(g_file_test(lab.state_path, G_FILE_TEST_EXISTS));

	assert_path("8.8.8.8", "dev vpn0");
	assert_path("200.1.1.1", "dev vpn0");
	assert_path("10.9.8.7", "dev vpn0");
	assert_path("172.16.1.1", "via 198.51.100.1 dev vpn0");
	assert_path("203.0.113.5", "via 192.0.2.254 dev lan0"); /* the tunnel's own packets */
	assert_path("192.0.2.20", "dev lan0");

	/* Applying twice is refused rather than recording routes twice. */
	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, NULL), ==, -EALREADY);

	g_assert_cmpint(net_config_undo(net, &error), ==, 0);
	g_assert_no_error(error);
	assert_tables_restored(&lab);
	calls = resolvconf_calls(&lab);
	g_assert_cmpstr(calls, ==, "-a vpn0\n-d vpn0\n");

	/* A second undo has nothing left to do. */
	g_assert_cmpint(net_config_undo(net, &error), ==, 0);
	lab_clear(&lab);
}

static void test_saved_state_undoes_a_crashed_instance(void)
{
	struct lab lab;
	g_autoptr(GError) error = NULL;
	g_autofree char *calls = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	lab.request.never_default = true;
	g_assert_cmpint(net_config_apply(lab_start(&lab), &lab.request, &lab.report, &error), ==,
			0);
	assert_path("8.8.8.8", "via 192.0.2.254 dev lan0"); /* never-default */
	assert_path("10.9.8.7", "dev vpn0");
	g_clear_pointer(&lab.net, net_config_free); /* the daemon dies: nothing undone */

	g_assert_cmpint(net_config_undo_saved(lab.state_path, &lab.env, &error), ==, 0);
	g_assert_no_error(error);
	assert_tables_restored(&lab);
	calls = resolvconf_calls(&lab);
	g_assert_cmpstr(calls, ==, "-a vpn0\n-d vpn0\n");
	g_assert_cmpint(net_config_undo_saved(lab.state_path, &lab.env, NULL), ==, -ENOENT);
	lab_clear(&lab);
}

/* Two connections were up when the daemon died; at start it undoes both. */
static void test_saved_state_dir_undoes_every_connection(void)
{
	struct lab lab;
	struct net_config *second;
	struct net_config_request second_request;
	struct net_config_report second_report = {0};
	const char *no_dns[] = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree char *run = NULL, *second_path = NULL, *unrelated = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	run = g_path_get_dirname(lab.state_path);
	second_path = g_build_filename(run, "net-second.state", NULL);
	unrelated = g_build_filename(run, "notes.txt", NULL);
	lab.request.never_default = true;
	g_assert_cmpint(net_config_apply(lab_start(&lab), &lab.request, &lab.report, &error), ==,
			0);
	second_request = lab.request;
	second_request.vpn_gateway = "203.0.113.77";
	second_request.n_split_routes = 0;
	second_request.dns_servers = no_dns;
	second = net_config_new(second_path, &lab.env);
	g_assert_cmpint(net_config_apply(second, &second_request, &second_report, &error), ==, 0);
	g_assert_true(g_file_set_contents(unrelated, "keep me", -1, NULL));
	g_clear_pointer(&lab.net, net_config_free);
	net_config_free(second);

	g_assert_cmpint(net_config_undo_saved_dir(run, &lab.env, &error), ==, 0);
	g_assert_no_error(error);
	assert_tables_restored(&lab);
	g_assert_false(g_file_test(second_path, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(unrelated, G_FILE_TEST_EXISTS));
	g_unlink(unrelated);
	g_assert_cmpint(net_config_undo_saved_dir("/nonexistent/l2tp-connect", &lab.env, NULL), ==,
			0);
	lab_clear(&lab);
}

/* Another VPN's 0.0.0.0/1: setup fails, and the host route it had already added is gone
 * again while the foreign route stays. */
static void test_failed_setup_is_rolled_back(void)
{
	struct lab lab;
	struct net_config *net;
	g_autoptr(GError) error = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	g_assert_true(run_ip("route add 0.0.0.0/1 via 192.0.2.254 dev lan0"));
	net = lab_start(&lab);
	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, &error), ==, -EEXIST);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, "0.0.0.0/1"));
	g_assert_nonnull(strstr(error->message, "another VPN"));
	assert_tables_restored(&lab);
	g_assert_cmpint(net_config_undo(net, NULL), ==, 0);
	lab_clear(&lab);
}

/* A split route the system already had is left to its owner on teardown. */
static void test_existing_split_route_is_not_ours(void)
{
	struct lab lab;
	struct net_config *net;
	g_autoptr(GError) error = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	g_assert_true(run_ip("route add 10.0.0.0/8 dev vpn0"));
	net = lab_start(&lab);
	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, &error), ==, 0);
	g_assert_cmpint(net_config_undo(net, &error), ==, 0);
	assert_tables_restored(&lab);
	g_assert_nonnull(strstr(lab.tables_before, "10.0.0.0/8 dev vpn0"));
	lab_clear(&lab);
}

/* PPP went down before teardown: its routes went with it, the host route is removed. */
static void test_undo_after_ppp_interface_vanished(void)
{
	struct lab lab;
	struct net_config *net;
	g_autoptr(GError) error = NULL;
	g_autofree char *after = NULL, *calls = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	net = lab_start(&lab);
	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, &error), ==, 0);
	g_assert_true(run_ip("link del vpn0"));
	g_assert_cmpint(net_config_undo(net, &error), ==, 0);
	g_assert_no_error(error);
	after = routing_tables();
	g_assert_null(strstr(after, "203.0.113.5"));
	g_assert_nonnull(strstr(after, "default via 192.0.2.254 dev lan0"));
	g_assert_false(g_file_test(lab.state_path, G_FILE_TEST_EXISTS));
	calls = resolvconf_calls(&lab);
	g_assert_cmpstr(calls, ==, "-a vpn0\n-d vpn0\n"); /* its record outlives the link */
	lab_clear(&lab);
}

static void expect_refusal(struct lab *lab, const struct net_config_request *request, int want,
			   const char *message_part)
{
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(net_config_apply(lab->net, request, &lab->report, &error), ==, want);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, message_part));
	assert_tables_restored(lab);
}

static void test_bad_requests_change_nothing(void)
{
	struct lab lab;
	struct net_config_request r;
	const char *bad_dns[] = {"10.0.0.300", NULL};
	const char *bad_domain[] = {"corp..example", NULL};

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	/* The gateway is already routed into the tunnel: adding ours would loop. */
	g_assert_true(run_ip("route add 203.0.113.0/24 dev vpn0"));
	lab_start(&lab);
	expect_refusal(&lab, &lab.request, -ELOOP, "already goes through the VPN");

	r = lab.request;
	r.vpn_gateway = "2001:db8::1";
	expect_refusal(&lab, &r, -EAFNOSUPPORT, "VPN gateway address: IPv6");
	r = lab.request;
	r.vpn_gateway = "vpn.example.com";
	expect_refusal(&lab, &r, -EINVAL, "VPN gateway address");
	r = lab.request;
	r.ppp_ifname = "ppp7";
	expect_refusal(&lab, &r, -ENODEV, "ppp7");
	r = lab.request;
	r.ppp_ifname = "ppp0; rm";
	expect_refusal(&lab, &r, -EINVAL, "PPP interface");
	r = lab.request;
	r.dns_servers = bad_dns;
	expect_refusal(&lab, &r, -EINVAL, "DNS server 1");
	r = lab.request;
	r.dns_search = bad_domain;
	expect_refusal(&lab, &r, -EINVAL, "DNS search domain 1");
	lab_clear(&lab);
}

static void test_dns_without_backend_is_reported(void)
{
	struct lab lab;
	struct net_config *net;
	g_autoptr(GError) error = NULL;
	const char *servers[] = {"10.0.0.53", "10.0.0.54", NULL};

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	lab.env.resolvconf_path = "";
	lab.request.dns_servers = servers;
	net = lab_start(&lab);
	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, &error), ==, 0);
	g_assert_cmpint(lab.report.dns_backend, ==, NET_DNS_BACKEND_NONE);
	g_assert_nonnull(lab.report.dns_note);
	g_test_message("%s", lab.report.dns_note);
	g_assert_nonnull(strstr(lab.report.dns_note, "10.0.0.53, 10.0.0.54"));
	g_assert_cmpint(net_config_undo(net, &error), ==, 0);
	assert_tables_restored(&lab);
	lab_clear(&lab);
}

/* resolvconf refuses the servers: the connection goes on, the user is told, and the
 * half-made record is removed at once. */
static void test_dns_failure_is_reported_and_reverted(void)
{
	struct lab lab;
	struct net_config *net;
	g_autoptr(GError) error = NULL;
	g_autofree char *script = NULL, *calls = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	script = g_strdup_printf("#!/bin/sh\necho \"$*\" >> '%s'\ncat >/dev/null\n"
				 "[ \"$1\" = -d ] || { echo 'signature mismatch' >&2; exit 1; }\n",
				 lab.resolvconf_log);
	g_assert_true(g_file_set_contents(lab.resolvconf, script, -1, NULL));
	g_assert_cmpint(g_chmod(lab.resolvconf, 0700), ==, 0);
	net = lab_start(&lab);
	g_assert_cmpint(net_config_apply(net, &lab.request, &lab.report, &error), ==, 0);
	g_assert_cmpint(lab.report.dns_backend, ==, NET_DNS_BACKEND_NONE);
	g_assert_nonnull(lab.report.dns_note);
	g_test_message("%s", lab.report.dns_note);
	g_assert_nonnull(strstr(lab.report.dns_note, "signature mismatch"));
	g_assert_nonnull(strstr(lab.report.dns_note, "10.0.0.53"));
	assert_path("8.8.8.8", "dev vpn0"); /* the routes stay */
	g_assert_cmpint(net_config_undo(net, &error), ==, 0);
	assert_tables_restored(&lab);
	calls = resolvconf_calls(&lab);
	g_assert_cmpstr(calls, ==, "-a vpn0\n-d vpn0\n");
	lab_clear(&lab);
}

/* A second PPP link, as a second connection to the same server would have. */
static void add_second_link(void)
{
	g_assert_true(run_ip("link add vpn1 type veth peer name vpn1p"));
	g_assert_true(run_ip("link set vpn1 up"));
	g_assert_true(run_ip("link set vpn1p up"));
	g_assert_true(run_ip("addr add 198.51.100.3 peer 198.51.100.1 dev vpn1"));
}

/* Two connections to one gateway: the first (never-default) adds the host route, the second
 * (default through its tunnel) finds it there. When the first goes, the host route must stay,
 * or the second's own tunnel packets would enter its tunnel; the split route both have moves
 * to the second's link. The last one to go removes the host route. */
static void test_shared_gateway_route_stays_for_the_other(void)
{
	struct lab lab;
	struct net_config *second;
	struct net_config_request second_request;
	struct net_config_report second_report = {0};
	const char *no_dns[] = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree char *run = NULL, *second_path = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	add_second_link();
	run = g_path_get_dirname(lab.state_path);
	second_path = g_build_filename(run, "net-second.state", NULL);
	lab.request.never_default = true;
	lab.request.n_split_routes = 1; /* 10.0.0.0/8 */
	g_assert_cmpint(net_config_apply(lab_start(&lab), &lab.request, &lab.report, &error), ==,
			0);
	second_request = lab.request;
	second_request.ppp_ifname = "vpn1";
	second_request.never_default = false;
	second_request.dns_servers = no_dns;
	second = net_config_new(second_path, &lab.env);
	g_assert_cmpint(net_config_apply(second, &second_request, &second_report, &error), ==, 0);
	g_assert_no_error(error);
	assert_path("8.8.8.8", "dev vpn1");
	assert_path("10.9.8.7", "dev vpn0"); /* the first one's, at the lower metric */

	g_assert_cmpint(net_config_undo(lab.net, &error), ==, 0);
	g_assert_no_error(error);
	assert_path("203.0.113.5", "via 192.0.2.254 dev lan0");
	assert_path("10.9.8.7", "dev vpn1");
	assert_path("8.8.8.8", "dev vpn1");

	g_assert_cmpint(net_config_undo(second, &error), ==, 0);
	g_assert_no_error(error);
	net_config_free(second);
	assert_tables_restored(&lab);
	g_assert_false(g_file_test(second_path, G_FILE_TEST_EXISTS));
	lab_clear(&lab);
}

/* The same with the second connection going first: the first still removes the host route
 * at the end, and an identical route someone else had before both is left alone. */
static void test_shared_gateway_route_in_either_order(void)
{
	struct lab lab;
	struct net_config *second;
	struct net_config_report second_report = {0};
	g_autoptr(GError) error = NULL;
	g_autofree char *run = NULL, *second_path = NULL, *tables = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	add_second_link();
	run = g_path_get_dirname(lab.state_path);
	second_path = g_build_filename(run, "net-second.state", NULL);
	lab.request.never_default = true;
	lab.request.n_split_routes = 0;
	g_assert_cmpint(net_config_apply(lab_start(&lab), &lab.request, &lab.report, &error), ==,
			0);
	second = net_config_new(second_path, &lab.env);
	lab.request.ppp_ifname = "vpn1";
	g_assert_cmpint(net_config_apply(second, &lab.request, &second_report, &error), ==, 0);
	g_assert_cmpint(net_config_undo(second, &error), ==, 0);
	net_config_free(second);
	tables = routing_tables();
	g_assert_nonnull(strstr(tables, "203.0.113.5 via 192.0.2.254 dev lan0"));
	g_assert_cmpint(net_config_undo(lab.net, &error), ==, 0);
	assert_tables_restored(&lab);
	lab_clear(&lab);
}

/* A record whose owner still runs (here pid 1, the namespace's creator's init) belongs to a
 * live `up --foreground`: a daemon starting up leaves it and its routes alone. */
static void test_saved_state_dir_leaves_live_owners(void)
{
	struct lab lab;
	struct net_config_state state;
	g_autoptr(GError) error = NULL;
	g_autofree char *tables = NULL, *run = NULL, *after = NULL;

	if (!enter_lab_namespace())
		return;
	lab_init(&lab);
	lab.request.never_default = true;
	g_assert_cmpint(net_config_apply(lab_start(&lab), &lab.request, &lab.report, &error), ==,
			0);
	g_assert_cmpint(net_state_load(lab.state_path, &state, &error), ==, 0);
	state.owner_pid = 1;
	g_assert_cmpint(l2c_proc_starttime(1, &state.owner_starttime), ==, 0);
	g_assert_cmpint(net_state_save(&state, lab.state_path, &error), ==, 0);
	tables = routing_tables();
	run = g_path_get_dirname(lab.state_path);

	g_assert_cmpint(net_config_undo_saved_dir(run, &lab.env, &error), ==, 0);
	g_assert_true(g_file_test(lab.state_path, G_FILE_TEST_EXISTS));
	after = routing_tables();
	g_assert_cmpstr(after, ==, tables);

	g_assert_cmpint(net_config_undo(lab.net, &error), ==, 0);
	assert_tables_restored(&lab);
	lab_clear(&lab);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/net/netns/apply-undo-restores-tables",
			test_apply_then_undo_restores_tables);
	g_test_add_func("/net/netns/saved-state-undoes-crash",
			test_saved_state_undoes_a_crashed_instance);
	g_test_add_func("/net/netns/saved-state-dir-undoes-all",
			test_saved_state_dir_undoes_every_connection);
	g_test_add_func("/net/netns/failed-setup-rolled-back", test_failed_setup_is_rolled_back);
	g_test_add_func("/net/netns/existing-split-route-not-ours",
			test_existing_split_route_is_not_ours);
	g_test_add_func("/net/netns/undo-after-ppp-vanished",
			test_undo_after_ppp_interface_vanished);
	g_test_add_func("/net/netns/bad-requests-change-nothing", test_bad_requests_change_nothing);
	g_test_add_func("/net/netns/dns-without-backend", test_dns_without_backend_is_reported);
	g_test_add_func("/net/netns/dns-failure-reported-reverted",
			test_dns_failure_is_reported_and_reverted);
	g_test_add_func("/net/netns/shared-gateway-route-stays",
			test_shared_gateway_route_stays_for_the_other);
	g_test_add_func("/net/netns/shared-gateway-route-either-order",
			test_shared_gateway_route_in_either_order);
	g_test_add_func("/net/netns/saved-state-dir-leaves-live-owners",
			test_saved_state_dir_leaves_live_owners);
	return g_test_run();
}
