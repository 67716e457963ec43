/* The pppd record a connection leaves in its runtime directory: the parsers refuse anything
 * malformed, and reaping stops exactly the recorded process — a live one of ours, never one
 * whose pid was recycled, and never a process that is not pppd. */
#include "config.h"

#include "supervisor/pppd_record.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_record_parse(void)
{
	uint64_t start = 0;
	int pid = 0;

	g_assert_cmpint(l2c_pppd_record_parse("1234 5678\n", &pid, &start), ==, 0);
	g_assert_cmpint(pid, ==, 1234);
	g_assert_cmpuint(start, ==, 5678);
	g_assert_cmpint(l2c_pppd_record_parse("99 0", &pid, &start), ==, 0);
	static const char *const bad[] = {
	    "",	       "\n",	  "1234",     "1234\n", "1 5\n",    "0 5\n",	       "-5 5\n",
	    " 12 5\n", "12  5\n", "12 5 6\n", "12 x\n", "12 5\n\n", "99999999999 5\n", "12 -5\n",
	    "+12 5\n"};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
		g_assert_cmpint(l2c_pppd_record_parse(bad[i], &pid, &start), <, 0);
}

static void test_stat_starttime(void)
{
	/* The command name may hold spaces and parentheses: fields count from the last ')'. */
	const char *line = "4242 (pp) d) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 "
			   "0 987654 1000000 300 18446744073709551615\n";
	uint64_t start = 0;
	char state = 0;

	g_assert_cmpint(l2c_proc_stat_parse(line, &state, &start), ==, 0);
	g_assert_cmpuint(start, ==, 987654);
	g_assert_cmpint(state, ==, 'S');
	g_assert_cmpint(l2c_proc_stat_parse("4242 (pppd) S 1 2 3\n", &state, &start), <, 0);
	g_assert_cmpint(l2c_proc_stat_parse("no parenthesis at all", &state, &start), <, 0);
	g_assert_cmpint(l2c_proc_stat_parse("", &state, &start), <, 0);
}

static void test_own_stat_parses(void)
{
	g_autofree char *text = NULL;
	uint64_t start = 0;
	char state = 0;

	g_assert_true(g_file_get_contents("/proc/self/stat", &text, NULL, NULL));
	g_assert_cmpint(l2c_proc_stat_parse(text, &state, &start), ==, 0);
	g_assert_cmpuint(start, >, 0);
	g_assert_cmpint(state, ==, 'R');
}

/* A child whose comm is `comm`, sleeping until killed. */
static pid_t spawn_sleeper(const char *comm)
{
	pid_t pid = fork();

	g_assert_cmpint(pid, >=, 0);
	if (pid == 0) {
		prctl(PR_SET_NAME, comm);
		for (;;)
			pause();
	}
	/* Wait until the name change is visible. */
	for (int i = 0; i < 200; i++) {
		g_autofree char *path = g_strdup_printf("/proc/%d/comm", pid);
		g_autofree char *now = NULL;

		if (g_file_get_contents(path, &now, NULL, NULL) &&
		    strcmp(g_strchomp(now), comm) == 0)
			break;
		g_usleep(10000);
	}
	return pid;
}

static gboolean dir_is_empty(const char *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);

	return dir && !g_dir_read_name(dir);
}

static gboolean reaped(pid_t pid)
{
	int status;

	return waitpid(pid, &status, WNOHANG) == pid;
}

static void test_reap_stops_only_the_recorded_pppd(void)
{
	g_autofree char *dir = g_dir_make_tmp("l2c-pppd-record-XXXXXX", NULL);
	g_autofree char *stale_path = g_build_filename(dir, "pppd-recycled.pid", NULL);
	g_autofree char *stale = NULL;
	g_autofree char *garbage_path = g_build_filename(dir, "pppd-garbage.pid", NULL);
	pid_t ours = spawn_sleeper("pppd");
	pid_t recycled = spawn_sleeper("pppd");
	pid_t not_pppd = spawn_sleeper("sleepy");

	g_assert_cmpint(l2c_pppd_record_write(dir, "office", ours), ==, 0);
	/* Same pid as a live pppd but another start time: a recycled pid. */
	stale = g_strdup_printf("%d 1\n", recycled);
	g_assert_true(g_file_set_contents(stale_path, stale, -1, NULL));
	g_assert_cmpint(l2c_pppd_record_write(dir, "other", not_pppd), ==, 0);
	g_assert_true(g_file_set_contents(garbage_path, "rm -rf /\n", -1, NULL));

	g_assert_cmpint(l2c_pppd_records_reap(dir, 2000), ==, 1);
	/* The records are gone; our pppd died, the others did not. */
	g_assert_true(dir_is_empty(dir));
	g_assert_true(reaped(ours) || (g_usleep(200000), reaped(ours)));
	g_assert_false(reaped(recycled));
	g_assert_false(reaped(not_pppd));
	kill(recycled, SIGKILL);
	kill(not_pppd, SIGKILL);
	waitpid(recycled, NULL, 0);
	waitpid(not_pppd, NULL, 0);
	g_rmdir(dir);
}

static void test_remove_forgets(void)
{
	g_autofree char *dir = g_dir_make_tmp("l2c-pppd-record-XXXXXX", NULL);
	pid_t child = spawn_sleeper("pppd");

	g_assert_cmpint(l2c_pppd_record_write(dir, "lab", child), ==, 0);
	l2c_pppd_record_remove(dir, "lab");
	g_assert_cmpint(l2c_pppd_records_reap(dir, 100), ==, 0);
	g_assert_false(reaped(child));
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	/* Writing for a pid that does not exist fails without leaving a file. */
	g_assert_cmpint(l2c_pppd_record_write(dir, "gone", child), <, 0);
	g_assert_cmpint(g_rmdir(dir), ==, 0);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/pppd-record/parse", test_record_parse);
	g_test_add_func("/pppd-record/stat-starttime", test_stat_starttime);
	g_test_add_func("/pppd-record/own-stat", test_own_stat_parses);
	g_test_add_func("/pppd-record/reap-only-the-recorded-pppd",
			test_reap_stops_only_the_recorded_pppd);
	g_test_add_func("/pppd-record/remove-forgets", test_remove_forgets);
	return g_test_run();
}
