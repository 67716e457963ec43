/* The pppd launcher against a fake pppd (tests/unit/fake-pppd.c) that plays the plugin's side
 * of the channel: events become callbacks, the password travels only over the channel, pppd
 * gets exactly the fds it should, and it never outlives a stop or a free. */
#include "config.h"

#include "ppp/ppp_launcher.h"
#include "util/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define GOOD_PASSWORD "correct horse"
#define BAD_PASSWORD  "battery staple"

struct run {
	GMainLoop *loop;
	struct ppp_launcher *launcher;
	char *dir;
	char *dump_path;
	GArray *phases;
	enum ppp_phase stop_at_phase; /* PPP_PHASE_COUNT: never */
	bool free_at_stop_phase;
	int auth_success; /* -1: no result */
	enum ppp_auth_method auth_method;
	int ip_up_count;
	struct ppp_plugin_ip_config ip;
	int ip_down_count;
	bool exited;
	int status;
	char *message;
	int session_pair[2];
};

static GPtrArray *log_lines;

static void capture_log(enum l2c_log_level level, const char *component, const char *message,
			void *user_data)
{
	g_ptr_array_add(log_lines, g_strdup_printf("%s: %s", component, message));
}

static void on_phase(enum ppp_phase phase, void *user_data)
{
	struct run *run = user_data;

	g_array_append_val(run->phases, phase);
	if (phase != run->stop_at_phase)
		return;
	if (run->free_at_stop_phase) {
		g_main_loop_quit(run->loop);
		return;
	}
	ppp_launcher_stop(run->launcher);
}

static void on_auth(bool success, enum ppp_auth_method method, void *user_data)
{
	struct run *run = user_data;

	run->auth_success = success;
	run->auth_method = method;
}

static void on_ip_up(const struct ppp_plugin_ip_config *config, void *user_data)
{
	struct run *run = user_data;

	run->ip_up_count++;
	run->ip = *config;
}

static void on_ip_down(void *user_data)
{
	struct run *run = user_data;

	run->ip_down_count++;
}

static void on_exited(int status, const char *message, void *user_data)
{
	struct run *run = user_data;

	run->exited = true;
	run->status = status;
	run->message = g_strdup(message);
	g_main_loop_quit(run->loop);
}

static const struct ppp_launcher_events events = {
    .phase_changed = on_phase,
    .auth_result = on_auth,
    .ip_up = on_ip_up,
    .ip_down = on_ip_down,
    .exited = on_exited,
};

static gboolean on_test_timeout(gpointer user_data)
{
	g_error("the launcher test timed out");
	return G_SOURCE_REMOVE;
}

static void run_init(struct run *run)
{
	*run = (struct run){0};
	run->loop = g_main_loop_new(NULL, FALSE);
	run->launcher = ppp_launcher_new(&events, run);
	run->dir = g_dir_make_tmp("l2c-ppp-launcher-XXXXXX", NULL);
	g_assert_nonnull(run->dir);
	run->dump_path = g_build_filename(run->dir, "dump", NULL);
	run->phases = g_array_new(FALSE, FALSE, sizeof(enum ppp_phase));
	run->stop_at_phase = PPP_PHASE_COUNT;
	run->auth_success = -1;
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, run->session_pair), ==,
			0);
	log_lines = g_ptr_array_new_with_free_func(g_free);
	l2c_log_set_max_level(L2C_LOG_DEBUG);
	l2c_log_set_sink(capture_log, NULL);
}

static void run_clear(struct run *run)
{
	l2c_log_set_sink(NULL, NULL);
	g_ptr_array_unref(log_lines);
	ppp_launcher_free(run->launcher);
	g_unlink(run->dump_path);
	g_rmdir(run->dir);
	g_free(run->dump_path);
	g_free(run->dir);
	g_free(run->message);
	g_array_unref(run->phases);
	g_main_loop_unref(run->loop);
	close(run->session_pair[0]);
	close(run->session_pair[1]);
}

static void options_for(struct ppp_options *o, struct run *run, const char *scenario)
{
	ppp_options_init(o);
	o->user = "CORP\\alice";
	o->plugin_path = "/usr/lib/l2tp-connect/l2tp-connect-pppd.so";
	/* The fake pppd reads its scenario and where to write its report from ipparam. */
	o->ipparam = g_strdup_printf("%s:%s", scenario, run->dump_path);
}

static bool start(struct run *run, const struct ppp_options *o, const char *password,
		  enum ppp_datapath datapath, GError **error)
{
	struct ppp_launch launch = {
	    .options = o,
	    .pppd_path = FAKE_PPPD,
	    .datapath = datapath,
	    .session_fd = run->session_pair[1],
	    .tty_path = "/dev/pts/99",
	    .password = password,
	    .stop_timeout_ms = 300,
	};

	return ppp_launcher_start(run->launcher, &launch, error);
}

static void run_until_exit(struct run *run)
{
	guint timeout = g_timeout_add_seconds(20, on_test_timeout, NULL);

	g_main_loop_run(run->loop);
	g_source_remove(timeout);
}

static char *read_dump(struct run *run)
{
	char *text = NULL;

	g_assert_true(g_file_get_contents(run->dump_path, &text, NULL, NULL));
	return text;
}

static bool saw_phase(struct run *run, enum ppp_phase phase)
{
	for (unsigned i = 0; i < run->phases->len; i++)
		if (g_array_index(run->phases, enum ppp_phase, i) == phase)
			return true;
	return false;
}

static bool logged(const char *needle)
{
	for (unsigned i = 0; i < log_lines->len; i++)
		if (strstr(g_ptr_array_index(log_lines, i), needle))
			return true;
	return false;
}

static void test_connect_and_stop(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;
	g_autofree char *dump = NULL;

	run_init(&run);
	options_for(&o, &run, "connect");
	run.stop_at_phase = PPP_PHASE_RUNNING;
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	g_assert_no_error(error);
	g_assert_true(ppp_launcher_is_running(run.launcher));
	run_until_exit(&run);

	g_assert_true(run.exited);
	g_assert_false(ppp_launcher_is_running(run.launcher));
	g_assert_cmpint(run.status, ==, 5);
	g_assert_cmpstr(run.message, ==, "PPP was stopped on request.");
	g_assert_cmpint(run.auth_success, ==, 1);
	g_assert_cmpint(run.auth_method, ==, PPP_AUTH_MSCHAP_V2);
	g_assert_cmpint(run.ip_up_count, ==, 1);
	g_assert_cmpstr(run.ip.ifname, ==, "ppp3");
	g_assert_cmphex(run.ip.local, ==, inet_addr("192.0.2.10"));
	g_assert_cmphex(run.ip.remote, ==, 0);
	g_assert_cmphex(run.ip.dns[0], ==, inet_addr("198.51.100.53"));
	g_assert_cmpint(run.ip_down_count, ==, 1);
	g_assert_true(saw_phase(&run, PPP_PHASE_AUTHENTICATE));
	g_assert_true(saw_phase(&run, PPP_PHASE_TERMINATE));
	/* pppd's log lines reach l2c_log. */
	g_assert_true(logged("pppd: local  IP address 192.0.2.10"));

	dump = read_dump(&run);
	g_assert_nonnull(strstr(dump, "arg=pppol2tp\narg=3\n"));
	g_assert_nonnull(strstr(dump, "arg=l2tp-connect-fd\narg=4\n"));
	g_assert_nonnull(strstr(dump, "arg=logfd\narg=5\n"));
	g_assert_nonnull(strstr(dump, "arg=user\narg=CORP\\alice\n"));
	g_assert_nonnull(strstr(dump, "fd0=devnull\n"));
	g_assert_nonnull(strstr(dump, "fd3=socket\n"));
	g_assert_nonnull(strstr(dump, "fd4=socket\n"));
	g_assert_nonnull(strstr(dump, "fd5=pipe\n"));
	g_assert_nonnull(strstr(dump, "leaked=0\n"));
	g_assert_nonnull(strstr(dump, "env=PATH="));
	/* The password is in neither argv, the environment nor any log line. */
	g_assert_null(strstr(dump, "correct"));
	g_assert_false(logged("correct"));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_wrong_password(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;

	run_init(&run);
	options_for(&o, &run, "connect");
	g_assert_true(start(&run, &o, BAD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	run_until_exit(&run);
	g_assert_cmpint(run.status, ==, 19);
	g_assert_cmpint(run.auth_success, ==, 0);
	g_assert_true(g_str_has_prefix(run.message, "PPP authentication failed (MS-CHAPv2): "));
	g_assert_cmpint(run.ip_up_count, ==, 0);
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_option_error_quotes_pppd(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;

	run_init(&run);
	options_for(&o, &run, "option-error");
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	run_until_exit(&run);
	g_assert_cmpint(run.status, ==, 2);
	g_assert_nonnull(strstr(run.message, "unrecognized option 'bogus'"));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_stubborn_pppd_is_killed(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;
	gint64 started;

	run_init(&run);
	options_for(&o, &run, "ignore-term");
	run.stop_at_phase = PPP_PHASE_ESTABLISH;
	started = g_get_monotonic_time();
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	run_until_exit(&run);
	g_assert_cmpint(run.status, ==, -1);
	g_assert_nonnull(strstr(run.message, "did not stop"));
	g_assert_cmpint(g_get_monotonic_time() - started, >=, 300 * 1000);
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_malformed_record_drops_channel_not_exit(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;

	run_init(&run);
	options_for(&o, &run, "garbage");
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	run_until_exit(&run);
	g_assert_true(saw_phase(&run, PPP_PHASE_ESTABLISH));
	g_assert_cmpint(run.status, ==, 16);
	g_assert_true(logged("malformed record"));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

/* pppd exits 16 (hang-up) after closing a link whose peer went silent: the run reports the
 * echo timeout, with the profile's figures, not a hang-up. */
static void test_echo_timeout_reported_as_cause(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;

	run_init(&run);
	options_for(&o, &run, "echo-timeout");
	o.lcp_echo_interval = 2;
	o.lcp_echo_failure = 4;
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	run_until_exit(&run);
	g_assert_cmpint(run.status, ==, 15);
	g_test_message("%s", run.message);
	g_assert_nonnull(strstr(run.message, "LCP echo requests (4 unanswered, one every 2 s"));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static int dumped_pid(struct run *run)
{
	g_autofree char *dump = read_dump(run);
	const char *p = strstr(dump, "pid=");

	g_assert_nonnull(p);
	return atoi(p + 4);
}

static void test_free_kills_running_pppd(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;
	int pid;

	run_init(&run);
	options_for(&o, &run, "ignore-term");
	run.stop_at_phase = PPP_PHASE_ESTABLISH;
	run.free_at_stop_phase = true;
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	run_until_exit(&run);
	ppp_launcher_free(run.launcher);
	run.launcher = NULL;
	g_assert_false(run.exited);
	pid = dumped_pid(&run);
	g_assert_cmpint(kill(pid, 0), ==, -1);
	g_assert_cmpint(errno, ==, ESRCH);
	/* The cancelled wait completes later and must not touch the freed launcher. */
	for (int i = 0; i < 50; i++)
		g_main_context_iteration(NULL, FALSE);
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_pty_datapath_passes_tty(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;
	g_autofree char *dump = NULL;

	run_init(&run);
	options_for(&o, &run, "option-error");
	g_assert_true(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_PTY, &error));
	run_until_exit(&run);
	dump = read_dump(&run);
	g_assert_nonnull(strstr(dump, "arg=/dev/pts/99\n"));
	g_assert_null(strstr(dump, "arg=pppol2tp\n"));
	g_assert_nonnull(strstr(dump, "fd3=closed\n"));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_bad_options_refused_before_spawn(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;

	run_init(&run);
	options_for(&o, &run, "connect");
	o.user = "alice\nplugin /tmp/evil.so";
	g_assert_false(start(&run, &o, GOOD_PASSWORD, PPP_DATAPATH_KERNEL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	g_assert_nonnull(strstr(error->message, "user name"));
	g_assert_false(ppp_launcher_is_running(run.launcher));
	g_assert_false(g_file_test(run.dump_path, G_FILE_TEST_EXISTS));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

static void test_missing_pppd_reported(void)
{
	struct run run;
	struct ppp_options o;
	g_autoptr(GError) error = NULL;
	struct ppp_launch launch = {.datapath = PPP_DATAPATH_KERNEL,
				    .pppd_path = "/nonexistent/pppd"};

	run_init(&run);
	options_for(&o, &run, "connect");
	launch.options = &o;
	launch.session_fd = run.session_pair[1];
	g_assert_false(ppp_launcher_start(run.launcher, &launch, &error));
	g_assert_nonnull(error);
	g_assert_nonnull(strstr(error->message, "pppd"));
	g_assert_false(ppp_launcher_is_running(run.launcher));
	g_free((char *)o.ipparam);
	run_clear(&run);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ppp-launcher/connect-and-stop", test_connect_and_stop);
	g_test_add_func("/ppp-launcher/wrong-password", test_wrong_password);
	g_test_add_func("/ppp-launcher/echo-timeout-reported-as-cause",
			test_echo_timeout_reported_as_cause);
	g_test_add_func("/ppp-launcher/option-error-quotes-pppd", test_option_error_quotes_pppd);
	g_test_add_func("/ppp-launcher/stubborn-pppd-killed", test_stubborn_pppd_is_killed);
	g_test_add_func("/ppp-launcher/malformed-record",
			test_malformed_record_drops_channel_not_exit);
	g_test_add_func("/ppp-launcher/free-kills-pppd", test_free_kills_running_pppd);
	g_test_add_func("/ppp-launcher/pty-datapath", test_pty_datapath_passes_tty);
	g_test_add_func("/ppp-launcher/bad-options-refused", test_bad_options_refused_before_spawn);
	g_test_add_func("/ppp-launcher/missing-pppd", test_missing_pppd_reported);
	return g_test_run();
}
