/* The record of applied network changes: save/load round trip, and refusal of corrupt
 * files (a bad record must never make the daemon delete routes it did not add). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/stat.h>

#include "net/net_state.h"

static struct in_addr addr(const char *text)
{
	struct in_addr a;

	g_assert_cmpint(inet_pton(AF_INET, text, &a), ==, 1);
	return a;
}

static struct net_config_state sample_state(void)
{
	struct net_config_state state;

	memset(&state, 0, sizeof(state));
	g_strlcpy(state.ppp_ifname, "ppp0", sizeof(state.ppp_ifname));
	state.ppp_ifindex = 9;
	state.owner_pid = 4242;
	state.owner_starttime = 123456789;
	state.routes[0] = (struct nl_route){
	    .dst = addr("203.0.113.5"),
	    .dst_len = 32,
	    .protocol = RTPROT_STATIC,
	    .scope = RT_SCOPE_UNIVERSE,
	    .type = RTN_UNICAST,
	    .table = RT_TABLE_MAIN,
	    .oif = 2,
	    .has_gateway = true,
	    .gateway = addr("192.168.1.1"),
	    .has_prefsrc = true,
	    .prefsrc = addr("192.168.1.23"),
	};
	state.routes[1] = (struct nl_route){
	    .dst = addr("0.0.0.0"),
	    .dst_len = 1,
	    .protocol = RTPROT_STATIC,
	    .scope = RT_SCOPE_LINK,
	    .type = RTN_UNICAST,
	    .table = RT_TABLE_MAIN,
	    .oif = 9,
	};
	state.routes[2] = (struct nl_route){
	    .dst = addr("172.16.0.0"),
	    .dst_len = 12,
	    .protocol = RTPROT_STATIC,
	    .type = RTN_UNICAST,
	    .table = 51820,
	    .oif = 9,
	    .flags = RTNH_F_ONLINK,
	    .has_gateway = true,
	    .gateway = addr("10.255.0.1"),
	    .priority = 4294967295u,
	};
	state.n_routes = 3;
	state.dns.backend = NET_DNS_BACKEND_RESOLVCONF;
	state.dns.ifindex = 9;
	g_strlcpy(state.dns.ifname, "ppp0", sizeof(state.dns.ifname));
	return state;
}

static void assert_routes_equal(const struct nl_route *a, const struct nl_route *b)
{
	g_assert_cmpuint(a->dst.s_addr, ==, b->dst.s_addr);
	g_assert_cmpuint(a->dst_len, ==, b->dst_len);
	g_assert_cmpuint(a->protocol, ==, b->protocol);
	g_assert_cmpuint(a->scope, ==, b->scope);
	g_assert_cmpuint(a->type, ==, b->type);
	g_assert_cmpuint(a->table, ==, b->table);
	g_assert_cmpuint(a->flags, ==, b->flags);
	g_assert_cmpint(a->oif, ==, b->oif);
	g_assert_cmpint(a->has_gateway, ==, b->has_gateway);
	g_assert_cmpuint(a->gateway.s_addr, ==, b->has_gateway ? b->gateway.s_addr : 0);
	g_assert_cmpint(a->has_prefsrc, ==, b->has_prefsrc);
	g_assert_cmpuint(a->prefsrc.s_addr, ==, b->has_prefsrc ? b->prefsrc.s_addr : 0);
	g_assert_cmpuint(a->priority, ==, b->priority);
}

static char *temp_dir(void)
{
	g_autoptr(GError) error = NULL;
	char *dir = g_dir_make_tmp("net-state-XXXXXX", &error);

	g_assert_no_error(error);
	return dir;
}

static void remove_tree(const char *dir)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		g_autofree char *path = g_build_filename(dir, name, NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			remove_tree(path);
		else
			g_unlink(path);
	}
	g_rmdir(dir);
}

static void test_round_trip(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "sub", "net-test.state", NULL);
	struct net_config_state saved = sample_state(), loaded;
	g_autoptr(GError) error = NULL;
	struct stat st;

	g_assert_cmpint(net_state_save(&saved, path, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpint(stat(path, &st), ==, 0);
	g_assert_cmpuint(st.st_mode & 0777, ==, 0600);

	g_assert_cmpint(net_state_load(path, &loaded, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpstr(loaded.ppp_ifname, ==, "ppp0");
	g_assert_cmpint(loaded.ppp_ifindex, ==, 9);
	g_assert_cmpint(loaded.owner_pid, ==, 4242);
	g_assert_cmpuint(loaded.owner_starttime, ==, 123456789);
	g_assert_cmpuint(loaded.n_routes, ==, saved.n_routes);
	for (size_t i = 0; i < saved.n_routes; i++)
		assert_routes_equal(&loaded.routes[i], &saved.routes[i]);
	g_assert_cmpint(loaded.dns.backend, ==, NET_DNS_BACKEND_RESOLVCONF);
	g_assert_cmpint(loaded.dns.ifindex, ==, 9);
	g_assert_cmpstr(loaded.dns.ifname, ==, "ppp0");
	g_assert_false(net_state_is_empty(&loaded));
	remove_tree(dir);
}

static void test_round_trip_full_and_dns_only(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "net.state", NULL);
	struct net_config_state saved = sample_state(), loaded;
	g_autoptr(GError) error = NULL;

	for (size_t i = 0; i < G_N_ELEMENTS(saved.routes); i++) {
		saved.routes[i] = saved.routes[1];
		saved.routes[i].priority = (uint32_t)i;
	}
	saved.n_routes = G_N_ELEMENTS(saved.routes);
	g_assert_cmpint(net_state_save(&saved, path, &error), ==, 0);
	g_assert_cmpint(net_state_load(path, &loaded, &error), ==, 0);
	g_assert_cmpuint(loaded.n_routes, ==, G_N_ELEMENTS(saved.routes));
	g_assert_cmpuint(loaded.routes[40].priority, ==, 40);

	saved.n_routes = 0;
	saved.dns.backend = NET_DNS_BACKEND_RESOLVED;
	g_assert_cmpint(net_state_save(&saved, path, &error), ==, 0);
	g_assert_cmpint(net_state_load(path, &loaded, &error), ==, 0);
	g_assert_cmpuint(loaded.n_routes, ==, 0);
	g_assert_cmpint(loaded.dns.backend, ==, NET_DNS_BACKEND_RESOLVED);
	remove_tree(dir);
}

static void test_missing_file(void)
{
	struct net_config_state state;
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(net_state_load("/nonexistent/net.state", &state, &error), ==, -ENOENT);
	g_assert_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Each case replaces one line of a valid file. */
struct corruption {
	const char *line;
	const char *replacement;
};

static void test_corrupt_files_are_refused(void)
{
	static const struct corruption cases[] = {
	    {"version=2", "version=3"},
	    {"version=2", "version=0"},
	    {"owner-pid=4242", "owner-pid=-1"},
	    {"version=2", "version=x"},
	    {"ppp-interface=ppp0", "ppp-interface=../etc"},
	    {"ppp-interface=ppp0", "ppp-interface=averyveryverylongname"},
	    {"ppp-interface-index=9", "ppp-interface-index=0"},
	    {"ppp-interface-index=9", "ppp-interface-index=-9"},
	    {"destination=203.0.113.5/32", "destination=203.0.113.5"},
	    {"destination=203.0.113.5/32", "destination=203.0.113.5/33"},
	    {"destination=203.0.113.5/32", "destination=203.0.113.5/24"}, /* host bits */
	    {"destination=203.0.113.5/32", "destination=fe80::1/64"},
	    {"gateway=192.168.1.1", "gateway=192.168.1"},
	    {"interface-index=2", "interface-index=99999999999"},
	    {"table=254", "table=4294967296"},
	    {"protocol=4", "protocol=256"},
	    {"scope=0", "scope=1x"},
	    {"metric=0", "metric="},
	    {"backend=resolvconf", "backend=resolv.conf"},
	    {"\ninterface=ppp0", "\ninterface=a/b"},
	};
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "net.state", NULL);
	struct net_config_state saved = sample_state(), loaded;
	g_autofree char *good = NULL;

	g_assert_cmpint(net_state_save(&saved, path, NULL), ==, 0);
	g_assert_true(g_file_get_contents(path, &good, NULL, NULL));
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *bad = NULL;
		const char *at = strstr(good, cases[i].line);
		GString *text;

		g_assert_nonnull(at);
		text = g_string_new_len(good, at - good);
		g_string_append(text, cases[i].replacement);
		g_string_append(text, at + strlen(cases[i].line));
		bad = g_string_free(text, FALSE);
		g_assert_true(g_file_set_contents(path, bad, -1, NULL));

		g_test_message("case %s", cases[i].replacement);
		g_assert_cmpint(net_state_load(path, &loaded, &error), ==, -EINVAL);
		g_assert_nonnull(error);
		g_assert_true(net_state_is_empty(&loaded));
	}
	g_assert_true(g_file_set_contents(path, "not a key file\n\x01", -1, NULL));
	g_assert_cmpint(net_state_load(path, &loaded, NULL), ==, -EINVAL);
	remove_tree(dir);
}

static void test_too_many_routes_are_refused(void)
{
	g_autofree char *dir = temp_dir();
	g_autofree char *path = g_build_filename(dir, "net.state", NULL);
	struct net_config_state saved = sample_state(), loaded;
	g_autofree char *good = NULL;
	g_autofree char *extra = NULL;

	saved.n_routes = G_N_ELEMENTS(saved.routes);
	for (size_t i = 3; i < saved.n_routes; i++)
		saved.routes[i] = saved.routes[1];
	g_assert_cmpint(net_state_save(&saved, path, NULL), ==, 0);
	g_assert_true(g_file_get_contents(path, &good, NULL, NULL));
	extra = g_strdup_printf("%s\n[route %zu]\ndestination=10.0.0.0/8\ninterface-index=9\n"
				"table=254\nprotocol=4\nscope=253\ntype=1\nflags=0\nmetric=0\n",
				good, G_N_ELEMENTS(saved.routes));
	g_assert_true(g_file_set_contents(path, extra, -1, NULL));
	g_assert_cmpint(net_state_load(path, &loaded, NULL), ==, -EINVAL);
	remove_tree(dir);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/net/state/round-trip", test_round_trip);
	g_test_add_func("/net/state/round-trip-full-and-dns-only",
			test_round_trip_full_and_dns_only);
	g_test_add_func("/net/state/missing-file", test_missing_file);
	g_test_add_func("/net/state/corrupt-files-refused", test_corrupt_files_are_refused);
	g_test_add_func("/net/state/too-many-routes-refused", test_too_many_routes_are_refused);
	return g_test_run();
}
