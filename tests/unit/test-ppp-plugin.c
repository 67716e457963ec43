/* Our pppd plugin, loaded into a stand-in for pppd 2.4.9: this test defines the globals,
 * hooks and notifier lists the plugin links against, dlopen()s the built plugin like pppd's
 * `plugin` option does, and plays pppd's part (option parsing, hooks, notifiers) and the
 * launcher's part (the other end of the channel). */
#include "config.h"

#include "ppp/plugin/pppd_compat.h" /* first: pppd's own bool */

#include "ppp/ppp_plugin_protocol.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* --- What pppd 2.4.9 exports to plugins ------------------------------------------------ */

struct notifier *phasechange, *exitnotify, *ip_up_notifier, *ip_down_notifier, *auth_up_notifier;
int (*pap_check_hook)(void);
int (*chap_check_hook)(void);
int (*pap_passwd_hook)(char *name, char *secret);
int (*chap_passwd_hook)(char *name, char *secret);
lcp_options lcp_hisoptions[NUM_PPP];
ipcp_options ipcp_gotoptions[NUM_PPP];
ipcp_options ipcp_hisoptions[NUM_PPP];
char ifname[MAXIFNAMELEN];
int ifunit;
volatile int status;
int fd_ppp = -1;

static option_t *plugin_options;

void add_options(option_t *options)
{
	plugin_options = options;
}

void add_notifier(struct notifier **list, notify_func func, void *arg)
{
	struct notifier *n = g_new0(struct notifier, 1);

	n->func = func;
	n->arg = arg;
	n->next = *list;
	*list = n;
}

static void notify_all(struct notifier *list, int value)
{
	for (struct notifier *n = list; n; n = n->next)
		n->func(n->arg, value);
}

static void free_notifiers(struct notifier **list)
{
	while (*list) {
		struct notifier *next = (*list)->next;

		g_free(*list);
		*list = next;
	}
}

void info(char *fmt, ...)
{
}

void warn(char *fmt, ...)
{
}

void error(char *fmt, ...)
{
}

/* --- The test's side ---------------------------------------------------------------- */

struct host {
	void *plugin;
	int controller_fd; /* the launcher's end */
	int pppd_fd;	   /* the end pppd inherited */
};

static void host_reset_pppd_state(void)
{
	free_notifiers(&phasechange);
	free_notifiers(&exitnotify);
	free_notifiers(&ip_up_notifier);
	free_notifiers(&ip_down_notifier);
	free_notifiers(&auth_up_notifier);
	pap_check_hook = chap_check_hook = NULL;
	pap_passwd_hook = chap_passwd_hook = NULL;
	memset(lcp_hisoptions, 0, sizeof(lcp_hisoptions));
	memset(ipcp_gotoptions, 0, sizeof(ipcp_gotoptions));
	memset(ipcp_hisoptions, 0, sizeof(ipcp_hisoptions));
	strcpy(ifname, "ppp0");
	ifunit = 0;
	status = 0;
	fd_ppp = -1;
	plugin_options = NULL;
}

/* pppd: `plugin PATH` */
static void host_load(struct host *h)
{
	int (*init)(void);
	const char *version;
	int pair[2];

	host_reset_pppd_state();
	h->plugin = dlopen(L2C_PLUGIN_SO, RTLD_NOW | RTLD_LOCAL);
	if (!h->plugin)
		g_error("dlopen: %s", dlerror());
	version = dlsym(h->plugin, "pppd_version");
	g_assert_nonnull(version);
	g_assert_cmpstr(version, ==, L2C_PPPD_VERSION_STRING);
	init = (int (*)(void))dlsym(h->plugin, "plugin_init");
	g_assert_nonnull(init);
	g_assert_cmpint(init(), ==, 0);
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair), ==, 0);
	h->controller_fd = pair[0];
	h->pppd_fd = pair[1];
	g_assert_true(g_unix_set_fd_nonblocking(h->controller_fd, TRUE, NULL));
}

static void host_unload(struct host *h)
{
	dlclose(h->plugin);
	close(h->controller_fd);
	close(h->pppd_fd);
	host_reset_pppd_state();
}

/* pppd: `l2tp-connect-fd N`, as options.c stores an o_int after its limit check. */
static void host_set_channel_option(struct host *h)
{
	option_t *opt = plugin_options;

	g_assert_nonnull(opt);
	g_assert_cmpstr(opt->name, ==, PPP_PLUGIN_FD_OPTION);
	g_assert_cmpint(opt->type, ==, o_int);
	g_assert_true(opt->flags & OPT_LLIMIT);
	g_assert_cmpint(h->pppd_fd, >=, opt->lower_limit);
	*(int *)opt->addr = h->pppd_fd;
}

/* pppd: `l2tp-connect-wait-peer-ms MS`. */
static void host_set_wait_peer_option(int ms)
{
	for (option_t *opt = plugin_options; opt && opt->name; opt++) {
		if (strcmp(opt->name, PPP_PLUGIN_WAIT_PEER_OPTION) != 0)
			continue;
		g_assert_cmpint(opt->type, ==, o_int);
		g_assert_true(opt->flags & OPT_ULIMIT);
		g_assert_cmpint(ms, <=, opt->upper_limit);
		*(int *)opt->addr = ms;
		return;
	}
	g_assert_not_reached();
}

static void controller_send_password(struct host *h, const char *password)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_PASSWORD};
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	ssize_t n;

	rec.u.password.len = strlen(password);
	memcpy(rec.u.password.text, password, rec.u.password.len + 1);
	n = ppp_plugin_record_encode(&rec, buf, sizeof(buf));
	g_assert_cmpint(n, >, 0);
	g_assert_cmpint(send(h->controller_fd, buf, n, 0), ==, n);
}

static void controller_expect(struct host *h, struct ppp_plugin_record *rec)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	ssize_t n = recv(h->controller_fd, buf, sizeof(buf), 0);
	size_t consumed;

	g_assert_cmpint(n, >, 0);
	g_assert_cmpint(ppp_plugin_record_decode(buf, n, rec, &consumed), ==, 0);
	g_assert_cmpuint(consumed, ==, (size_t)n);
}

static void controller_expect_nothing(struct host *h)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];

	g_assert_cmpint(recv(h->controller_fd, buf, sizeof(buf), 0), ==, -1);
	g_assert_cmpint(errno, ==, EAGAIN);
}

static void controller_expect_phase(struct host *h, enum ppp_phase expected)
{
	struct ppp_plugin_record rec;

	controller_expect(h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_PHASE);
	g_assert_cmpint(rec.u.phase, ==, expected);
}

static void peer_asks_for(uint8_t chap_mdtype, int eap, int pap)
{
	lcp_hisoptions[0].neg_chap = chap_mdtype != 0;
	lcp_hisoptions[0].chap_mdtype = chap_mdtype;
	lcp_hisoptions[0].neg_eap = eap;
	lcp_hisoptions[0].neg_upap = pap;
}

static void test_without_channel_pppd_falls_back(void)
{
	struct host h;
	char secret[MAXSECRETLEN] = "";

	host_load(&h);
	g_assert_nonnull(pap_check_hook);
	g_assert_nonnull(chap_passwd_hook);
	/* -1: pppd consults its secrets files as if there were no plugin. */
	g_assert_cmpint(pap_check_hook(), ==, -1);
	g_assert_cmpint(chap_check_hook(), ==, -1);
	g_assert_cmpint(pap_passwd_hook("alice", secret), ==, -1);
	g_assert_cmpint(chap_passwd_hook("alice", secret), ==, -1);
	notify_all(phasechange, PHASE_ESTABLISH);
	controller_expect_nothing(&h);
	host_unload(&h);
}

static void test_password_hooks(void)
{
	struct host h;
	char secret[MAXSECRETLEN];
	char name[MAXNAMELEN] = "CORP\\alice";

	host_load(&h);
	host_set_channel_option(&h);
	controller_send_password(&h, "pässwörd with spaces");
	g_assert_cmpint(pap_check_hook(), ==, 1);
	g_assert_cmpint(chap_check_hook(), ==, 1);
	/* auth_reset() asks with a NULL buffer whether PAP is possible. */
	g_assert_cmpint(pap_passwd_hook(name, NULL), ==, 1);
	memset(secret, 'x', sizeof(secret));
	g_assert_cmpint(pap_passwd_hook(name, secret), ==, 1);
	g_assert_cmpstr(secret, ==, "pässwörd with spaces");
	/* CHAP (also MS-CHAP, MS-CHAPv2 and EAP-MD5) may ask again, e.g. on a rechallenge. */
	memset(secret, 0, sizeof(secret));
	g_assert_cmpint(chap_passwd_hook(name, secret), ==, 1);
	g_assert_cmpstr(secret, ==, "pässwörd with spaces");
	g_assert_cmpstr(name, ==, "CORP\\alice");
	/* Scripts pppd runs must not inherit the channel. */
	g_assert_true(fcntl(h.pppd_fd, F_GETFD) & FD_CLOEXEC);
	host_unload(&h);
}

static void test_no_password_fails_chap(void)
{
	struct host h;
	char secret[MAXSECRETLEN] = "";

	host_load(&h);
	host_set_channel_option(&h);
	close(h.controller_fd); /* the launcher died before sending it */
	h.controller_fd = open("/dev/null", O_RDONLY);
	g_assert_cmpint(chap_passwd_hook("alice", secret), ==, -1);
	g_assert_cmpint(pap_passwd_hook("alice", secret), ==, 0);
	g_assert_cmpstr(secret, ==, "");
	host_unload(&h);
}

static void test_auth_failure_reports_method(void)
{
	struct host h;
	struct ppp_plugin_record rec;

	host_load(&h);
	host_set_channel_option(&h);
	notify_all(phasechange, PHASE_ESTABLISH);
	controller_expect_phase(&h, PPP_PHASE_ESTABLISH);
	peer_asks_for(MDTYPE_MICROSOFT_V2, 0, 0);
	notify_all(phasechange, PHASE_AUTHENTICATE);
	controller_expect_phase(&h, PPP_PHASE_AUTHENTICATE);
	/* auth_withpeer_fail(): status 19, then LCP closes. */
	status = EXIT_AUTH_TOPEER_FAILED;
	notify_all(phasechange, PHASE_TERMINATE);
	controller_expect_phase(&h, PPP_PHASE_TERMINATE);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_TERMINATING);
	g_assert_cmpint(rec.u.exit_status, ==, 19);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_AUTH);
	g_assert_cmpint(rec.u.auth.success, ==, 0);
	g_assert_cmpint(rec.u.auth.method, ==, PPP_AUTH_MSCHAP_V2);
	/* The exit reports the status once, and the failure is not repeated. */
	notify_all(exitnotify, EXIT_AUTH_TOPEER_FAILED);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_EXIT);
	g_assert_cmpint(rec.u.exit_status, ==, 19);
	controller_expect_nothing(&h);
	host_unload(&h);
}

/* LcpEchoCheck sets status 15 and closes LCP; the hang-up that follows sets 16. The
 * controller learns the first, which is the reason. */
static void test_echo_failure_reported_before_hangup(void)
{
	struct host h;
	struct ppp_plugin_record rec;

	host_load(&h);
	host_set_channel_option(&h);
	notify_all(phasechange, PHASE_RUNNING);
	controller_expect_phase(&h, PPP_PHASE_RUNNING);
	status = EXIT_PEER_DEAD;
	notify_all(phasechange, PHASE_TERMINATE);
	controller_expect_phase(&h, PPP_PHASE_TERMINATE);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_TERMINATING);
	g_assert_cmpint(rec.u.exit_status, ==, EXIT_PEER_DEAD);
	status = EXIT_HANGUP;
	notify_all(exitnotify, EXIT_HANGUP);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_EXIT);
	g_assert_cmpint(rec.u.exit_status, ==, EXIT_HANGUP);
	controller_expect_nothing(&h);
	host_unload(&h);
}

static void test_auth_method_detection(void)
{
	static const struct {
		uint8_t mdtype;
		int eap, pap;
		enum ppp_auth_method expected;
	} cases[] = {
	    {MDTYPE_MD5, 0, 0, PPP_AUTH_CHAP_MD5},
	    {MDTYPE_MICROSOFT, 0, 0, PPP_AUTH_MSCHAP},
	    {MDTYPE_MICROSOFT_V2, 0, 0, PPP_AUTH_MSCHAP_V2},
	    {0, 0, 1, PPP_AUTH_PAP},
	    {0, 1, 0, PPP_AUTH_EAP},
	    {0, 0, 0, PPP_AUTH_NONE},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct host h;
		struct ppp_plugin_record rec;

		host_load(&h);
		host_set_channel_option(&h);
		peer_asks_for(cases[i].mdtype, cases[i].eap, cases[i].pap);
		notify_all(phasechange, PHASE_AUTHENTICATE);
		controller_expect_phase(&h, PPP_PHASE_AUTHENTICATE);
		/* network_phase() notifies auth-up after we authenticated. */
		notify_all(auth_up_notifier, 0);
		controller_expect(&h, &rec);
		g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_AUTH);
		g_assert_cmpint(rec.u.auth.success, ==, 1);
		g_assert_cmpint(rec.u.auth.method, ==, cases[i].expected);
		host_unload(&h);
	}
}

static void test_ip_up_reports_addresses_not_invented_remote(void)
{
	struct host h;
	struct ppp_plugin_record rec;

	host_load(&h);
	host_set_channel_option(&h);
	ifunit = 3;
	strcpy(ifname, "ppp3");
	ipcp_gotoptions[0].ouraddr = inet_addr("192.0.2.10");
	ipcp_gotoptions[0].dnsaddr[0] = inet_addr("198.51.100.53");
	ipcp_gotoptions[0].dnsaddr[1] = inet_addr("198.51.100.54");
	/* The peer named no address: ipcp_up() made up 10.64.64.64 + unit. */
	ipcp_hisoptions[0].hisaddr = inet_addr("10.64.64.67");
	notify_all(ip_up_notifier, 0);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_IP_UP);
	g_assert_cmpstr(rec.u.ip_up.ifname, ==, "ppp3");
	g_assert_cmphex(rec.u.ip_up.local, ==, inet_addr("192.0.2.10"));
	g_assert_cmphex(rec.u.ip_up.remote, ==, 0);
	g_assert_cmphex(rec.u.ip_up.dns[0], ==, inet_addr("198.51.100.53"));
	g_assert_cmphex(rec.u.ip_up.dns[1], ==, inet_addr("198.51.100.54"));

	/* The same address really negotiated is reported. */
	ipcp_hisoptions[0].neg_addr = 1;
	notify_all(ip_up_notifier, 0);
	controller_expect(&h, &rec);
	g_assert_cmphex(rec.u.ip_up.remote, ==, inet_addr("10.64.64.67"));

	notify_all(ip_down_notifier, 0);
	controller_expect(&h, &rec);
	g_assert_cmpint(rec.type, ==, PPP_PLUGIN_RECORD_IP_DOWN);
	host_unload(&h);
}

static void test_lost_channel_does_not_kill_pppd(void)
{
	struct host h;

	host_load(&h);
	host_set_channel_option(&h);
	close(h.controller_fd);
	h.controller_fd = open("/dev/null", O_RDONLY);
	/* No SIGPIPE, no crash: pppd carries on. */
	notify_all(phasechange, PHASE_ESTABLISH);
	notify_all(phasechange, PHASE_AUTHENTICATE);
	notify_all(exitnotify, 16);
	host_unload(&h);
}

/* Entering the establish phase, LCP waits (bounded) for the peer's first packet on the
 * channel, and not at all once it is there. */
static void test_establish_waits_for_peer(void)
{
	struct host h;
	int channel[2];
	gint64 start, waited_ms;

	host_load(&h);
	host_set_channel_option(&h);
	host_set_wait_peer_option(300);
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel), ==, 0);
	fd_ppp = channel[0];

	start = g_get_monotonic_time();
	notify_all(phasechange, PHASE_ESTABLISH);
	waited_ms = (g_get_monotonic_time() - start) / 1000;
	g_assert_cmpint(waited_ms, >=, 250);
	controller_expect_phase(&h, PPP_PHASE_ESTABLISH);

	host_set_wait_peer_option(PPP_PLUGIN_WAIT_PEER_MAX_MS);
	g_assert_cmpint(send(channel[1], "\xc0\x21\x01", 3, 0), ==, 3);
	start = g_get_monotonic_time();
	notify_all(phasechange, PHASE_ESTABLISH);
	waited_ms = (g_get_monotonic_time() - start) / 1000;
	g_assert_cmpint(waited_ms, <, PPP_PLUGIN_WAIT_PEER_MAX_MS / 2);
	controller_expect_phase(&h, PPP_PHASE_ESTABLISH);

	close(channel[0]);
	close(channel[1]);
	host_unload(&h);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ppp-plugin/echo-failure-before-hangup",
			test_echo_failure_reported_before_hangup);
	g_test_add_func("/ppp-plugin/without-channel", test_without_channel_pppd_falls_back);
	g_test_add_func("/ppp-plugin/password-hooks", test_password_hooks);
	g_test_add_func("/ppp-plugin/no-password", test_no_password_fails_chap);
	g_test_add_func("/ppp-plugin/auth-failure", test_auth_failure_reports_method);
	g_test_add_func("/ppp-plugin/auth-method", test_auth_method_detection);
	g_test_add_func("/ppp-plugin/ip-up", test_ip_up_reports_addresses_not_invented_remote);
	g_test_add_func("/ppp-plugin/establish-waits-for-peer", test_establish_waits_for_peer);
	g_test_add_func("/ppp-plugin/lost-channel", test_lost_channel_does_not_kill_pppd);
	return g_test_run();
}
