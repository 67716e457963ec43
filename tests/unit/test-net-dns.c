/* DNS for the VPN link: what resolvconf and systemd-resolved are given, the detection
 * order, and apply/revert against a fake resolvconf and a fake resolved on a private bus. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "net/dns.h"
#include "net/net_addr.h"

static struct in_addr servers[2];
static const char *const domains[] = {"corp.example", "lab.example", NULL};

static struct net_dns_request sample_request(bool default_route)
{
	struct net_dns_request request = {
	    .ifindex = 9,
	    .ifname = "ppp9",
	    .servers = servers,
	    .n_servers = G_N_ELEMENTS(servers),
	    .search_domains = domains,
	    .default_route = default_route,
	};

	inet_pton(AF_INET, "10.0.0.1", &servers[0]);
	inet_pton(AF_INET, "10.0.0.2", &servers[1]);
	return request;
}

static void assert_variant(GVariant *got, const char *want_text)
{
	g_autoptr(GVariant) want = g_variant_parse(NULL, want_text, NULL, NULL, NULL);
	g_autoptr(GVariant) owned = g_variant_ref_sink(got);
	g_autofree char *got_text = g_variant_print(owned, TRUE);

	g_assert_nonnull(want);
	g_test_message("got %s", got_text);
	g_assert_true(g_variant_equal(owned, want));
}

static void test_resolvconf_input(void)
{
	struct net_dns_request request = sample_request(true);
	g_autofree char *text = net_dns_render_resolvconf(&request);

	g_assert_cmpstr(text, ==,
			"nameserver 10.0.0.1\nnameserver 10.0.0.2\n"
			"search corp.example lab.example\n");
	request.search_domains = NULL;
	g_free(text);
	text = net_dns_render_resolvconf(&request);
	g_assert_cmpstr(text, ==, "nameserver 10.0.0.1\nnameserver 10.0.0.2\n");
}

static void test_resolved_parameters(void)
{
	struct net_dns_request request = sample_request(true);

	assert_variant(net_dns_link_dns_parameters(&request),
		       "(9, [(2, [byte 10, 0, 0, 1]), (2, [byte 10, 0, 0, 2])])");
	/* Default route through the VPN: every name goes to its servers. */
	assert_variant(net_dns_link_domains_parameters(&request),
		       "(9, [('~.', true), ('corp.example', false), ('lab.example', false)])");
	request.default_route = false;
	assert_variant(net_dns_link_domains_parameters(&request),
		       "(9, [('corp.example', false), ('lab.example', false)])");
	request.search_domains = NULL;
	assert_variant(net_dns_link_domains_parameters(&request), "(9, @a(sb) [])");
}

static void test_backend_names(void)
{
	enum net_dns_backend backend;

	for (int b = NET_DNS_BACKEND_NONE; b <= NET_DNS_BACKEND_RESOLVCONF; b++) {
		g_assert_cmpint(net_dns_backend_from_name(net_dns_backend_name(b), &backend), ==,
				0);
		g_assert_cmpint(backend, ==, b);
	}
	g_assert_cmpint(net_dns_backend_from_name("resolv.conf", &backend), ==, -EINVAL);
	g_assert_cmpint(net_dns_backend_from_name(NULL, &backend), ==, -EINVAL);
}

static void test_validate_domain(void)
{
	static const char *const good[] = {"example.com", "corp.example.", "a", "_sip.x-y.z"};
	static const char *const bad[] = {"",	".",	    ".example",	 "a..b",
					  "~.", "exa mple", "ex\nample", "a/b"};
	struct net_error error = {{0}};
	g_autofree char *long_label = g_strnfill(64, 'a');

	for (size_t i = 0; i < G_N_ELEMENTS(good); i++)
		g_assert_cmpint(net_validate_domain("search", good[i], &error), ==, 0);
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_assert_cmpint(net_validate_domain("DNS search domain 2", bad[i], &error), ==,
				-EINVAL);
		g_assert_true(g_str_has_prefix(error.text, "DNS search domain 2"));
	}
	g_assert_cmpint(net_validate_domain("search", long_label, &error), ==, -EINVAL);
	g_assert_cmpint(net_validate_domain("search", NULL, &error), ==, -EINVAL);
}

/* --- a fake resolvconf ---------------------------------------------------------------- */

struct fake_resolvconf {
	char *dir;
	char *script;
	char *log;
};

static void fake_resolvconf_init(struct fake_resolvconf *fake, int exit_status)
{
	g_autofree char *body = NULL;

	fake->dir = g_dir_make_tmp("net-dns-XXXXXX", NULL);
	g_assert_nonnull(fake->dir);
	fake->script = g_build_filename(fake->dir, "resolvconf", NULL);
	fake->log = g_build_filename(fake->dir, "log", NULL);
	body = g_strdup_printf("#!/bin/sh\necho \"args: $*\" >> '%s'\ncat >> '%s'\n"
			       "[ %d -eq 0 ] || echo 'boom: no /run/resolvconf' >&2\nexit %d\n",
			       fake->log, fake->log, exit_status, exit_status);
	g_assert_true(g_file_set_contents(fake->script, body, -1, NULL));
	g_assert_cmpint(g_chmod(fake->script, 0700), ==, 0);
}

static char *fake_resolvconf_log(const struct fake_resolvconf *fake)
{
	char *text = NULL;

	if (!g_file_get_contents(fake->log, &text, NULL, NULL))
		return g_strdup("");
	return text;
}

static void fake_resolvconf_clear(struct fake_resolvconf *fake)
{
	g_unlink(fake->log);
	g_unlink(fake->script);
	g_rmdir(fake->dir);
	g_free(fake->log);
	g_free(fake->script);
	g_free(fake->dir);
}

static void test_resolvconf_apply_and_revert(void)
{
	struct fake_resolvconf fake;
	struct net_dns_request request = sample_request(true);
	struct net_dns_applied applied;
	struct net_dns_env env = {.skip_resolved = true};
	g_autoptr(GError) error = NULL;
	g_autofree char *log = NULL;

	fake_resolvconf_init(&fake, 0);
	env.resolvconf_path = fake.script;
	net_dns_detect(&request, &env, &applied);
	g_assert_cmpint(applied.backend, ==, NET_DNS_BACKEND_RESOLVCONF);
	g_assert_cmpstr(applied.ifname, ==, "ppp9");

	g_assert_cmpint(net_dns_apply(&request, &applied, &env, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpint(net_dns_revert(&applied, &env, &error), ==, 0);
	g_assert_no_error(error);
	log = fake_resolvconf_log(&fake);
	g_assert_cmpstr(log, ==,
			"args: -a ppp9\nnameserver 10.0.0.1\nnameserver 10.0.0.2\n"
			"search corp.example lab.example\nargs: -d ppp9\n");
	fake_resolvconf_clear(&fake);
}

static void test_resolvconf_failure_is_reported(void)
{
	struct fake_resolvconf fake;
	struct net_dns_request request = sample_request(true);
	struct net_dns_applied applied;
	struct net_dns_env env = {.skip_resolved = true};
	g_autoptr(GError) error = NULL;

	fake_resolvconf_init(&fake, 3);
	env.resolvconf_path = fake.script;
	net_dns_detect(&request, &env, &applied);
	g_assert_cmpint(net_dns_apply(&request, &applied, &env, &error), <, 0);
	g_assert_nonnull(error);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, "status 3"));
	g_assert_nonnull(strstr(error->message, "boom"));
	fake_resolvconf_clear(&fake);
}

static void test_no_backend_changes_nothing(void)
{
	struct net_dns_request request = sample_request(true);
	struct net_dns_applied applied;
	struct net_dns_env env = {.skip_resolved = true, .resolvconf_path = ""};

	net_dns_detect(&request, &env, &applied);
	g_assert_cmpint(applied.backend, ==, NET_DNS_BACKEND_NONE);
	g_assert_cmpint(net_dns_apply(&request, &applied, &env, NULL), ==, 0);
	g_assert_cmpint(net_dns_revert(&applied, &env, NULL), ==, 0);
}

/* --- a fake systemd-resolved on a private bus ----------------------------------------- */

static const char resolved_xml[] =
    "<node><interface name='org.freedesktop.resolve1.Manager'>"
    "<method name='SetLinkDNS'><arg type='i' direction='in'/>"
    "<arg type='a(iay)' direction='in'/></method>"
    "<method name='SetLinkDomains'><arg type='i' direction='in'/>"
    "<arg type='a(sb)' direction='in'/></method>"
    "<method name='SetLinkDefaultRoute'><arg type='i' direction='in'/>"
    "<arg type='b' direction='in'/></method>"
    "<method name='RevertLink'><arg type='i' direction='in'/></method>"
    "</interface></node>";

struct fake_resolved {
	char *address;
	GThread *thread;
	GMainContext *context;
	GMainLoop *loop;
	GMutex lock;
	GCond ready_cond;
	bool ready;
	GPtrArray *calls;  /* "Method (parameters)" */
	char *fail_method; /* answer this one with fail_error */
	const char *fail_error;
};

static void fake_resolved_method(GDBusConnection *connection, const char *sender, const char *path,
				 const char *interface, const char *method, GVariant *parameters,
				 GDBusMethodInvocation *invocation, gpointer user_data)
{
	struct fake_resolved *fake = user_data;
	g_autofree char *text = g_variant_print(parameters, FALSE);
	const char *fail_error = NULL;

	g_mutex_lock(&fake->lock);
	g_ptr_array_add(fake->calls, g_strdup_printf("%s %s", method, text));
	if (g_strcmp0(fake->fail_method, method) == 0)
		fail_error = fake->fail_error;
	g_mutex_unlock(&fake->lock);
	if (fail_error)
		g_dbus_method_invocation_return_dbus_error(invocation, fail_error, "no");
	else
		g_dbus_method_invocation_return_value(invocation, NULL);
}

static const GDBusInterfaceVTable fake_resolved_vtable = {.method_call = fake_resolved_method};

static gpointer fake_resolved_thread(gpointer user_data)
{
	struct fake_resolved *fake = user_data;
	g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml(resolved_xml, NULL);
	g_autoptr(GDBusConnection) connection = NULL;
	g_autoptr(GVariant) reply = NULL;

	g_main_context_push_thread_default(fake->context);
	connection = g_dbus_connection_new_for_address_sync(
	    fake->address,
	    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
		G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
	    NULL, NULL, NULL);
	g_assert_nonnull(connection);
	g_assert_cmpuint(g_dbus_connection_register_object(connection, "/org/freedesktop/resolve1",
							   node->interfaces[0],
							   &fake_resolved_vtable, fake, NULL, NULL),
			 >, 0);
	reply = g_dbus_connection_call_sync(
	    connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
	    "RequestName", g_variant_new("(su)", "org.freedesktop.resolve1", 4), NULL,
	    G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
	g_assert_nonnull(reply);
	g_mutex_lock(&fake->lock);
	fake->ready = true;
	g_cond_signal(&fake->ready_cond);
	g_mutex_unlock(&fake->lock);
	g_main_loop_run(fake->loop);
	g_dbus_connection_close_sync(connection, NULL, NULL);
	g_main_context_pop_thread_default(fake->context);
	return NULL;
}

static void fake_resolved_start(struct fake_resolved *fake, const char *address)
{
	memset(fake, 0, sizeof(*fake));
	fake->address = g_strdup(address);
	fake->context = g_main_context_new();
	fake->loop = g_main_loop_new(fake->context, FALSE);
	fake->calls = g_ptr_array_new_with_free_func(g_free);
	g_mutex_init(&fake->lock);
	g_cond_init(&fake->ready_cond);
	fake->thread = g_thread_new("fake-resolved", fake_resolved_thread, fake);
	g_mutex_lock(&fake->lock);
	while (!fake->ready)
		g_cond_wait(&fake->ready_cond, &fake->lock);
	g_mutex_unlock(&fake->lock);
}

static void fake_resolved_stop(struct fake_resolved *fake)
{
	g_main_loop_quit(fake->loop);
	g_thread_join(fake->thread);
	g_main_loop_unref(fake->loop);
	g_main_context_unref(fake->context);
	g_ptr_array_unref(fake->calls);
	g_free(fake->fail_method);
	g_free(fake->address);
}

static void fake_resolved_fail(struct fake_resolved *fake, const char *method, const char *error)
{
	g_mutex_lock(&fake->lock);
	g_free(fake->fail_method);
	fake->fail_method = g_strdup(method);
	fake->fail_error = error;
	g_mutex_unlock(&fake->lock);
}

static char *fake_resolved_calls(struct fake_resolved *fake)
{
	char *text;

	g_mutex_lock(&fake->lock);
	g_ptr_array_add(fake->calls, NULL);
	text = g_strjoinv("\n", (char **)fake->calls->pdata);
	g_ptr_array_remove_range(fake->calls, 0, fake->calls->len);
	g_mutex_unlock(&fake->lock);
	return text;
}

static GDBusConnection *connect_client(const char *address)
{
	GDBusConnection *client = g_dbus_connection_new_for_address_sync(
	    address,
	    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
		G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
	    NULL, NULL, NULL);

	g_assert_nonnull(client);
	return client;
}

static GTestDBus *private_bus_or_skip(void)
{
	g_autofree char *daemon = g_find_program_in_path("dbus-daemon");
	GTestDBus *bus;

	if (!daemon) {
		g_test_skip("dbus-daemon is not installed");
		return NULL;
	}
	bus = g_test_dbus_new(G_TEST_DBUS_NONE);
	g_test_dbus_up(bus);
	return bus;
}

static void test_resolved_apply_and_revert(void)
{
	g_autoptr(GTestDBus) bus = private_bus_or_skip();
	g_autoptr(GDBusConnection) client = NULL;
	struct fake_resolved fake;
	struct net_dns_request request = sample_request(true);
	struct net_dns_applied applied;
	struct net_dns_env env = {.resolvconf_path = ""};
	g_autoptr(GError) error = NULL;
	g_autofree char *calls = NULL;

	if (!bus)
		return;
	client = connect_client(g_test_dbus_get_bus_address(bus));
	env.bus = client;

	/* Not running yet: resolved is not started, resolvconf is not there. */
	net_dns_detect(&request, &env, &applied);
	g_assert_cmpint(applied.backend, ==, NET_DNS_BACKEND_NONE);

	fake_resolved_start(&fake, g_test_dbus_get_bus_address(bus));
	net_dns_detect(&request, &env, &applied);
	g_assert_cmpint(applied.backend, ==, NET_DNS_BACKEND_RESOLVED);
	g_assert_cmpint(net_dns_apply(&request, &applied, &env, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpint(net_dns_revert(&applied, &env, &error), ==, 0);
	g_assert_no_error(error);
	calls = fake_resolved_calls(&fake);
	g_assert_cmpstr(calls, ==,
			"SetLinkDNS (9, [(2, [0x0a, 0x00, 0x00, 0x01]), "
			"(2, [0x0a, 0x00, 0x00, 0x02])])\n"
			"SetLinkDomains (9, [('~.', true), ('corp.example', false), "
			"('lab.example', false)])\n"
			"SetLinkDefaultRoute (9, true)\n"
			"RevertLink (9,)");
	fake_resolved_stop(&fake);
	g_dbus_connection_close_sync(client, NULL, NULL);
	g_test_dbus_down(bus);
}

static void test_resolved_refusal_and_gone_link(void)
{
	g_autoptr(GTestDBus) bus = private_bus_or_skip();
	g_autoptr(GDBusConnection) client = NULL;
	struct fake_resolved fake;
	struct net_dns_request request = sample_request(false);
	struct net_dns_applied applied;
	struct net_dns_env env = {.resolvconf_path = ""};
	g_autoptr(GError) error = NULL;

	if (!bus)
		return;
	client = connect_client(g_test_dbus_get_bus_address(bus));
	env.bus = client;
	fake_resolved_start(&fake, g_test_dbus_get_bus_address(bus));
	net_dns_detect(&request, &env, &applied);

	fake_resolved_fail(&fake, "SetLinkDomains", "org.freedesktop.DBus.Error.AccessDenied");
	g_assert_cmpint(net_dns_apply(&request, &applied, &env, &error), <, 0);
	g_assert_nonnull(error);
	g_assert_nonnull(strstr(error->message, "SetLinkDomains"));

	/* The link vanished with PPP: resolved has nothing left of ours. */
	fake_resolved_fail(&fake, "RevertLink", "org.freedesktop.resolve1.NoSuchLink");
	g_assert_cmpint(net_dns_revert(&applied, &env, NULL), ==, 0);
	fake_resolved_fail(&fake, "RevertLink", "org.freedesktop.DBus.Error.AccessDenied");
	g_clear_error(&error);
	g_assert_cmpint(net_dns_revert(&applied, &env, &error), <, 0);
	g_assert_nonnull(strstr(error->message, "RevertLink"));

	fake_resolved_stop(&fake);
	g_dbus_connection_close_sync(client, NULL, NULL);
	g_test_dbus_down(bus);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/net/dns/resolvconf-input", test_resolvconf_input);
	g_test_add_func("/net/dns/resolved-parameters", test_resolved_parameters);
	g_test_add_func("/net/dns/backend-names", test_backend_names);
	g_test_add_func("/net/dns/validate-domain", test_validate_domain);
	g_test_add_func("/net/dns/resolvconf-apply-revert", test_resolvconf_apply_and_revert);
	g_test_add_func("/net/dns/resolvconf-failure", test_resolvconf_failure_is_reported);
	g_test_add_func("/net/dns/no-backend", test_no_backend_changes_nothing);
	g_test_add_func("/net/dns/resolved-apply-revert", test_resolved_apply_and_revert);
	g_test_add_func("/net/dns/resolved-refusal-gone-link", test_resolved_refusal_and_gone_link);
	return g_test_run();
}
