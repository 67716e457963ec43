/* pppd's command line: what a client must say, what it must never say, and what it refuses
 * to pass on. */
#include "config.h"

#include "ppp/ppp_exit_status.h"
#include "ppp/ppp_options.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#define PPPD "/usr/sbin/pppd"

static void kernel_options(struct ppp_options *o)
{
	ppp_options_init(o);
	o->pppol2tp_fd = 3;
	o->plugin_path = "/usr/lib/l2tp-connect/l2tp-connect-pppd.so";
	o->plugin_fd = 4;
	o->log_fd = 5;
	o->user = "alice";
}

static GStrv build_ok(const struct ppp_options *o)
{
	g_autofree char *detail = NULL;
	GStrv argv = NULL;

	g_assert_cmpint(ppp_options_build_argv(o, PPPD, &argv, &detail), ==, 0);
	g_assert_null(detail);
	g_assert_nonnull(argv);
	return argv;
}

/* Returns the detail of a refused build. */
static char *build_refused(const struct ppp_options *o)
{
	char *detail = NULL;
	GStrv argv = NULL;

	g_assert_cmpint(ppp_options_build_argv(o, PPPD, &argv, &detail), ==, -EINVAL);
	g_assert_null(argv);
	g_assert_nonnull(detail);
	return detail;
}

static int index_of(GStrv argv, const char *word)
{
	for (int i = 0; argv[i]; i++)
		if (strcmp(argv[i], word) == 0)
			return i;
	return -1;
}

static bool has(GStrv argv, const char *word)
{
	return index_of(argv, word) >= 0;
}

static bool has_pair(GStrv argv, const char *option, const char *value)
{
	for (int i = 0; argv[i] && argv[i + 1]; i++)
		if (strcmp(argv[i], option) == 0 && strcmp(argv[i + 1], value) == 0)
			return true;
	return false;
}

static void test_kernel_path_defaults(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;

	kernel_options(&o);
	argv = build_ok(&o);
	g_assert_cmpstr(argv[0], ==, PPPD);
	g_assert_true(has_pair(argv, "plugin", "pppol2tp.so"));
	g_assert_true(has_pair(argv, "pppol2tp", "3"));
	g_assert_true(has_pair(argv, "plugin", "/usr/lib/l2tp-connect/l2tp-connect-pppd.so"));
	g_assert_true(has_pair(argv, "l2tp-connect-fd", "4"));
	g_assert_true(has_pair(argv, "logfd", "5"));
	g_assert_true(has_pair(argv, "user", "alice"));
	g_assert_true(has_pair(argv, "mtu", "1400"));
	g_assert_true(has_pair(argv, "mru", "1400"));
	/* Plugin options only exist once their plugin is loaded. */
	g_assert_cmpint(index_of(argv, "pppol2tp.so"), <, index_of(argv, "pppol2tp"));
	g_assert_cmpint(index_of(argv, "/usr/lib/l2tp-connect/l2tp-connect-pppd.so"), <,
			index_of(argv, "l2tp-connect-fd"));
	g_assert_false(has(argv, "multilink"));
	g_assert_false(has(argv, "debug"));
	g_assert_false(has(argv, "usepeerdns"));
	g_assert_false(has(argv, "local"));
	g_assert_false(has(argv, "l2tp-connect-wait-peer-ms"));
}

/* The wait for the server's first LCP packet is a plugin option, bounded. */
static void test_wait_for_peer_option(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;
	g_autofree char *detail = NULL;

	kernel_options(&o);
	o.wait_peer_ms = 1500;
	argv = build_ok(&o);
	g_assert_true(has_pair(argv, "l2tp-connect-wait-peer-ms", "1500"));
	g_assert_cmpint(index_of(argv, "/usr/lib/l2tp-connect/l2tp-connect-pppd.so"), <,
			index_of(argv, "l2tp-connect-wait-peer-ms"));
	o.wait_peer_ms = 10001;
	g_assert_cmpint(ppp_options_validate(&o, &detail), ==, -EINVAL);
	g_assert_nonnull(strstr(detail, "10000 ms"));
}

/* Debian's /etc/ppp/options has `auth`, `lcp-echo-interval 30`, `modem`, `crtscts`, `lock`;
 * ~/.ppprc may add more. The command line wins, so it must state each of these. */
static void test_overrides_system_options_files(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;

	kernel_options(&o);
	argv = build_ok(&o);
	g_assert_true(has(argv, "noauth"));
	g_assert_true(has(argv, "nodetach"));
	g_assert_true(has(argv, "nopersist"));
	g_assert_true(has(argv, "noipdefault"));
	g_assert_true(has(argv, "nodefaultroute"));
	g_assert_true(has(argv, "noproxyarp"));
	g_assert_true(has_pair(argv, "idle", "0"));
	g_assert_true(has_pair(argv, "lcp-echo-interval", "0"));
	g_assert_true(has_pair(argv, "lcp-echo-failure", "0"));
	g_assert_true(has(argv, "noipv6"));
}

static void test_pty_path_uses_async_tty_options(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;

	kernel_options(&o);
	o.datapath = PPP_DATAPATH_PTY;
	o.pppol2tp_fd = -1;
	o.tty_path = "/dev/pts/7";
	argv = build_ok(&o);
	g_assert_true(has(argv, "/dev/pts/7"));
	g_assert_true(has(argv, "local"));
	g_assert_true(has(argv, "nocrtscts"));
	g_assert_true(has(argv, "nolock"));
	g_assert_true(has_pair(argv, "asyncmap", "0"));
	g_assert_false(has(argv, "default-asyncmap"));
	g_assert_false(has(argv, "sync"));
	g_assert_false(has(argv, "pppol2tp"));
	g_assert_false(has(argv, "pppol2tp.so"));
	g_assert_true(has_pair(argv, "l2tp-connect-fd", "4"));
}

static void test_refuse_flags_never_require(void)
{
	for (unsigned mask = 0; mask < 32; mask++) {
		struct ppp_options o;
		g_auto(GStrv) argv = NULL;

		kernel_options(&o);
		o.refuse_pap = mask & 1;
		o.refuse_chap = mask & 2;
		o.refuse_mschap = mask & 4;
		o.refuse_mschap_v2 = mask & 8;
		o.refuse_eap = mask & 16;
		argv = build_ok(&o);
		g_assert_cmpint(has(argv, "refuse-pap"), ==, !!(mask & 1));
		g_assert_cmpint(has(argv, "refuse-chap"), ==, !!(mask & 2));
		g_assert_cmpint(has(argv, "refuse-mschap"), ==, !!(mask & 4));
		g_assert_cmpint(has(argv, "refuse-mschap-v2"), ==, !!(mask & 8));
		g_assert_cmpint(has(argv, "refuse-eap"), ==, !!(mask & 16));
		/* require-pap & co. would make the *server* authenticate. */
		for (int i = 0; argv[i]; i++)
			if (g_str_has_prefix(argv[i], "require-"))
				g_assert_true(g_str_has_prefix(argv[i], "require-mppe"));
	}
}

static void test_ccp_off_without_mppe(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;

	kernel_options(&o);
	argv = build_ok(&o);
	g_assert_true(has(argv, "noccp"));
	g_assert_false(has(argv, "require-mppe"));
}

static void test_mppe_variants(void)
{
	struct ppp_options o;
	g_auto(GStrv) plain = NULL;
	g_auto(GStrv) strong = NULL;
	g_auto(GStrv) stateful = NULL;

	kernel_options(&o);
	o.require_mppe = true;
	o.bsdcomp = false;
	plain = build_ok(&o);
	g_assert_true(has(plain, "require-mppe"));
	g_assert_false(has(plain, "require-mppe-40"));
	g_assert_false(has(plain, "require-mppe-128"));
	g_assert_true(has(plain, "nomppe-stateful"));
	g_assert_false(has(plain, "noccp"));
	g_assert_true(has(plain, "nobsdcomp"));
	g_assert_false(has(plain, "nodeflate"));

	kernel_options(&o);
	o.require_mppe_128 = true;
	strong = build_ok(&o);
	g_assert_true(has(strong, "require-mppe"));
	g_assert_true(has(strong, "require-mppe-128"));
	g_assert_false(has(strong, "require-mppe-40"));

	kernel_options(&o);
	o.require_mppe_40 = true;
	o.mppe_stateful = true;
	stateful = build_ok(&o);
	g_assert_true(has(stateful, "require-mppe-40"));
	g_assert_true(has(stateful, "mppe-stateful"));
	g_assert_false(has(stateful, "nomppe-stateful"));
}

static void test_mppe_without_mschap_is_refused(void)
{
	struct ppp_options o;
	g_autofree char *detail = NULL;

	kernel_options(&o);
	o.require_mppe_128 = true;
	o.refuse_mschap = true;
	o.refuse_mschap_v2 = true;
	detail = build_refused(&o);
	g_assert_nonnull(strstr(detail, "MPPE"));

	/* One MS-CHAP left is enough. */
	o.refuse_mschap_v2 = false;
	g_strfreev(build_ok(&o));
}

static void test_compression_toggles(void)
{
	struct ppp_options o;
	g_auto(GStrv) allowed = NULL;
	g_auto(GStrv) refused = NULL;

	kernel_options(&o);
	allowed = build_ok(&o);
	g_assert_false(has(allowed, "novj"));
	g_assert_false(has(allowed, "nopcomp"));
	g_assert_false(has(allowed, "noaccomp"));

	o.vj = o.pcomp = o.accomp = false;
	refused = build_ok(&o);
	g_assert_true(has(refused, "novj"));
	g_assert_true(has(refused, "novjccomp"));
	g_assert_true(has(refused, "nopcomp"));
	g_assert_true(has(refused, "noaccomp"));
}

static void test_link_numbers_and_naming(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;

	kernel_options(&o);
	o.mtu = 1280;
	o.mru = 0;
	o.mrru = 1600;
	o.lcp_echo_interval = 30;
	o.lcp_echo_failure = 4;
	o.usepeerdns = true;
	o.defaultroute = true;
	o.ipv6 = true;
	o.debug = true;
	o.ipparam = "l2tp-connect-office";
	o.unit = 7;
	o.ifname = "vpn-office";
	argv = build_ok(&o);
	g_assert_true(has_pair(argv, "mtu", "1280"));
	g_assert_false(has(argv, "mru"));
	g_assert_true(has(argv, "multilink"));
	g_assert_true(has_pair(argv, "mrru", "1600"));
	g_assert_true(has_pair(argv, "lcp-echo-interval", "30"));
	g_assert_true(has_pair(argv, "lcp-echo-failure", "4"));
	g_assert_true(has(argv, "usepeerdns"));
	g_assert_true(has(argv, "defaultroute"));
	g_assert_false(has(argv, "nodefaultroute"));
	g_assert_true(has(argv, "+ipv6"));
	g_assert_true(has(argv, "debug"));
	g_assert_true(has_pair(argv, "ipparam", "l2tp-connect-office"));
	g_assert_true(has_pair(argv, "unit", "7"));
	g_assert_true(has_pair(argv, "ifname", "vpn-office"));
}

static void test_user_names_passed_verbatim(void)
{
	const char *names[] = {"CORP\\alice", "alice@example.com", "Alice Smith", "Jürgen"};

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		struct ppp_options o;
		g_auto(GStrv) argv = NULL;

		kernel_options(&o);
		o.user = names[i];
		argv = build_ok(&o);
		g_assert_true(has_pair(argv, "user", names[i]));
	}
}

static void assert_field_refused(struct ppp_options *o, const char *field_word)
{
	g_autofree char *detail = build_refused(o);

	if (!strstr(detail, field_word))
		g_error("detail \"%s\" does not name \"%s\"", detail, field_word);
}

static void test_injection_attempts_refused(void)
{
	const char *bad_users[] = {"alice\nplugin /tmp/evil.so",
				   "alice\r",
				   "-alice",
				   "\"alice\"",
				   "al'ice",
				   " alice",
				   "alice ",
				   "tab\there",
				   "\xff\xfe"};
	struct ppp_options o;

	for (size_t i = 0; i < G_N_ELEMENTS(bad_users); i++) {
		kernel_options(&o);
		o.user = bad_users[i];
		assert_field_refused(&o, "user name");
	}
	kernel_options(&o);
	o.ipparam = "tag\nnoauth";
	assert_field_refused(&o, "ipparam");
	kernel_options(&o);
	o.ipparam = "two words";
	assert_field_refused(&o, "ipparam");
	kernel_options(&o);
	o.ifname = "ppp0/../eth0";
	assert_field_refused(&o, "interface");
	kernel_options(&o);
	o.ifname = "a-name-of-16char";
	assert_field_refused(&o, "interface");
	kernel_options(&o);
	o.ifname = "-x";
	assert_field_refused(&o, "interface");
	kernel_options(&o);
	o.plugin_path = "relative/plugin.so";
	assert_field_refused(&o, "plugin");
	kernel_options(&o);
	o.plugin_path = "/usr/lib/../../tmp/evil.so";
	assert_field_refused(&o, "plugin");
	kernel_options(&o);
	o.datapath = PPP_DATAPATH_PTY;
	o.tty_path = "/tmp/not-a-device";
	assert_field_refused(&o, "terminal");
}

static void test_out_of_range_numbers_refused(void)
{
	struct ppp_options o;

	kernel_options(&o);
	o.mtu = 100;
	assert_field_refused(&o, "MTU");
	kernel_options(&o);
	o.mru = 70000;
	assert_field_refused(&o, "MRU");
	kernel_options(&o);
	o.mrru = 20;
	assert_field_refused(&o, "MRRU");
	kernel_options(&o);
	o.unit = -5;
	assert_field_refused(&o, "unit");
	kernel_options(&o);
	o.lcp_echo_interval = 100000;
	assert_field_refused(&o, "LCP");
}

static void test_missing_plumbing_refused(void)
{
	struct ppp_options o;

	kernel_options(&o);
	o.pppol2tp_fd = -1;
	assert_field_refused(&o, "PPPoL2TP");
	kernel_options(&o);
	o.plugin_fd = -1;
	assert_field_refused(&o, "plugin");
	kernel_options(&o);
	o.log_fd = 1;
	assert_field_refused(&o, "log");
}

static void test_no_password_option_ever(void)
{
	struct ppp_options o;
	g_auto(GStrv) argv = NULL;

	kernel_options(&o);
	o.debug = true;
	argv = build_ok(&o);
	for (int i = 0; argv[i]; i++) {
		g_assert_null(strstr(argv[i], "password"));
		g_assert_cmpstr(argv[i], !=, "passwordfd.so");
	}
}

static void test_exit_status_messages(void)
{
	const struct ppp_exit_context mschap = {.auth_method = PPP_AUTH_MSCHAP_V2};
	const struct ppp_exit_context pap = {.auth_method = PPP_AUTH_PAP};
	char buf[PPP_EXIT_MESSAGE_MAX], other[PPP_EXIT_MESSAGE_MAX];
	const char *msg;

	/* Every status pppd(8) lists has a sentence of its own: no two alike. */
	for (int status = 0; status <= 21; status++) {
		msg = ppp_exit_status_describe(status, NULL, buf, sizeof(buf));
		g_assert_true(msg == buf);
		g_assert_cmpuint(strlen(msg), >, 10);
		g_assert_null(strstr(msg, "unknown status"));
		for (int earlier = 0; earlier < status; earlier++)
			g_assert_cmpstr(ppp_exit_status_describe(earlier, NULL, other, sizeof(other)),
					!=, msg);
	}
	msg = ppp_exit_status_describe(22, NULL, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "unknown status 22"));
	msg = ppp_exit_status_describe(19, &mschap, buf, sizeof(buf));
	g_assert_true(g_str_has_prefix(msg, "PPP authentication failed (MS-CHAPv2)"));
	g_assert_nonnull(strstr(msg, "user name or password"));
	msg = ppp_exit_status_describe(19, &pap, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "(PAP)"));
	msg = ppp_exit_status_describe(19, NULL, buf, sizeof(buf));
	g_assert_true(g_str_has_prefix(msg, "PPP authentication failed:"));
	msg = ppp_exit_status_describe(15, NULL, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "echo"));
	msg = ppp_exit_status_describe(10, NULL, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "negotiation"));
	msg = ppp_exit_status_describe(4, NULL, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "kernel"));
	msg = ppp_exit_status_describe(77, NULL, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "77"));
	/* Truncation stays inside the buffer and terminated. */
	msg = ppp_exit_status_describe(19, &pap, buf, 12);
	g_assert_cmpuint(strlen(msg), ==, 11);
}

/* An LCP echo timeout: pppd closes the link (status 15), the session under it hangs up and
 * pppd exits 16. The user hears about the echoes, with the figures the profile set. */
static void test_echo_timeout_is_named_not_the_hangup(void)
{
	const struct ppp_exit_context echo = {.lcp_echo_interval = 2, .lcp_echo_failure = 4};
	char buf[PPP_EXIT_MESSAGE_MAX];
	int cause = ppp_exit_status_cause(PPP_EXIT_PEER_DEAD, PPP_EXIT_HANGUP);
	const char *msg;

	g_assert_cmpint(cause, ==, PPP_EXIT_PEER_DEAD);
	msg = ppp_exit_status_describe(cause, &echo, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "stopped answering LCP echo requests (4 unanswered, one "
				     "every 2 s"));
	g_assert_nonnull(strstr(msg, "lcp-echo-failure"));
	/* Without echo settings the sentence stays true, just without figures. */
	msg = ppp_exit_status_describe(cause, NULL, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "LCP echo requests"));
	/* A hang-up with no earlier reason (the server ended the call) stays a hang-up. */
	g_assert_cmpint(ppp_exit_status_cause(-1, PPP_EXIT_HANGUP), ==, PPP_EXIT_HANGUP);
	g_assert_cmpint(ppp_exit_status_cause(0, PPP_EXIT_HANGUP), ==, PPP_EXIT_HANGUP);
	msg = ppp_exit_status_describe(PPP_EXIT_HANGUP, &echo, buf, sizeof(buf));
	g_assert_nonnull(strstr(msg, "L2TP session"));
	g_assert_cmpint(ppp_exit_status_cause(PPP_EXIT_AUTH_TOPEER_FAILED, PPP_EXIT_HANGUP), ==,
			PPP_EXIT_AUTH_TOPEER_FAILED);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ppp/exit-status/echo-timeout-not-hangup",
			test_echo_timeout_is_named_not_the_hangup);
	g_test_add_func("/ppp-options/kernel-path-defaults", test_kernel_path_defaults);
	g_test_add_func("/ppp-options/wait-for-peer", test_wait_for_peer_option);
	g_test_add_func("/ppp-options/overrides-system-options",
			test_overrides_system_options_files);
	g_test_add_func("/ppp-options/pty-path", test_pty_path_uses_async_tty_options);
	g_test_add_func("/ppp-options/refuse-never-require", test_refuse_flags_never_require);
	g_test_add_func("/ppp-options/ccp-off-without-mppe", test_ccp_off_without_mppe);
	g_test_add_func("/ppp-options/mppe-variants", test_mppe_variants);
	g_test_add_func("/ppp-options/mppe-needs-mschap", test_mppe_without_mschap_is_refused);
	g_test_add_func("/ppp-options/compression-toggles", test_compression_toggles);
	g_test_add_func("/ppp-options/link-numbers-and-naming", test_link_numbers_and_naming);
	g_test_add_func("/ppp-options/user-names-verbatim", test_user_names_passed_verbatim);
	g_test_add_func("/ppp-options/injection-refused", test_injection_attempts_refused);
	g_test_add_func("/ppp-options/out-of-range-refused", test_out_of_range_numbers_refused);
	g_test_add_func("/ppp-options/missing-plumbing-refused", test_missing_plumbing_refused);
	g_test_add_func("/ppp-options/no-password-option", test_no_password_option_ever);
	g_test_add_func("/ppp-exit-status/messages", test_exit_status_messages);
	return g_test_run();
}
