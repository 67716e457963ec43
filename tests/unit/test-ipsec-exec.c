/* Bounded command execution: output kept, deadline enforced, partial output kept when the
 * command had to be killed. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ipsec/ipsec_exec.h"

static void test_output_and_status(void)
{
	const char *argv[] = {"sh", "-c", "echo out; echo err >&2; exit 3", NULL};
	struct ipsec_exec_result r;

	g_assert_true(ipsec_exec_run(argv, 5000, &r, NULL));
	g_assert_cmpint(r.status, ==, 3);
	g_assert_false(r.timed_out);
	g_assert_nonnull(strstr(r.output, "out\n"));
	g_assert_nonnull(strstr(r.output, "err\n"));
	ipsec_exec_result_clear(&r);
}

static void test_deadline_keeps_partial_output(void)
{
	const char *argv[] = {"sh", "-c", "echo retransmitting; exec sleep 30", NULL};
	struct ipsec_exec_result r;
	gint64 start = g_get_monotonic_time();

	g_assert_true(ipsec_exec_run(argv, 300, &r, NULL));
	g_assert_true(r.timed_out);
	g_assert_cmpstr(r.output, ==, "retransmitting\n");
	g_assert_cmpint(g_get_monotonic_time() - start, <, 5 * G_USEC_PER_SEC);
	ipsec_exec_result_clear(&r);
}

static void test_grandchild_holding_pipe(void)
{
	/* The shell exits at once but leaves a child with our pipe open. */
	const char *argv[] = {"sh", "-c", "sleep 30 & echo done", NULL};
	struct ipsec_exec_result r;
	gint64 start = g_get_monotonic_time();

	g_assert_true(ipsec_exec_run(argv, 10000, &r, NULL));
	g_assert_false(r.timed_out);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.output, ==, "done\n");
	g_assert_cmpint(g_get_monotonic_time() - start, <, 5 * G_USEC_PER_SEC);
	ipsec_exec_result_clear(&r);
}

static void test_missing_program(void)
{
	const char *argv[] = {"/nonexistent/ipsec", "--version", NULL};
	struct ipsec_exec_result r;
	g_autoptr(GError) error = NULL;

	g_assert_false(ipsec_exec_run(argv, 1000, &r, &error));
	g_assert_nonnull(error);
	g_assert_cmpint(r.status, ==, -1);
	ipsec_exec_result_clear(&r);
}

static void test_input_reaches_stdin(void)
{
	const char *argv[] = {"sh", "-c", "tr a-z A-Z", NULL};
	struct ipsec_exec_result r;

	g_assert_true(ipsec_exec_run_full(argv, "*filter\ncommit\n", NULL, 5000, &r, NULL));
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.output, ==, "*FILTER\nCOMMIT\n");
	ipsec_exec_result_clear(&r);
}

/* A program that exits without reading its input must not kill us with SIGPIPE. */
static void test_input_not_read(void)
{
	const char *argv[] = {"sh", "-c", "exec 0<&-; sleep 0.2; exit 4", NULL};
	g_autofree char *big = g_strnfill(256 * 1024, 'x');
	struct ipsec_exec_result r;

	g_assert_true(ipsec_exec_run_full(argv, big, NULL, 5000, &r, NULL));
	g_assert_cmpint(r.status, ==, 4);
	ipsec_exec_result_clear(&r);
}

static gpointer cancel_after_200ms(gpointer cancellable)
{
	g_usleep(200 * 1000);
	g_cancellable_cancel(cancellable);
	return NULL;
}

/* A disconnect while whack waits for the server: the command stops at once, as cancelled. */
static void test_cancellable_stops_it(void)
{
	const char *argv[] = {"sh", "-c", "echo negotiating; exec sleep 30", NULL};
	g_autoptr(GCancellable) cancellable = g_cancellable_new();
	struct ipsec_exec_result r;
	gint64 start = g_get_monotonic_time();
	GThread *canceller = g_thread_new("cancel", cancel_after_200ms, cancellable);

	g_assert_true(ipsec_exec_run_full(argv, NULL, cancellable, 20000, &r, NULL));
	g_thread_join(canceller);
	g_assert_true(r.cancelled);
	g_assert_false(r.timed_out);
	g_assert_cmpint(g_get_monotonic_time() - start, <, 5 * G_USEC_PER_SEC);
	ipsec_exec_result_clear(&r);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ipsec/exec/output-and-status", test_output_and_status);
	g_test_add_func("/ipsec/exec/deadline", test_deadline_keeps_partial_output);
	g_test_add_func("/ipsec/exec/grandchild", test_grandchild_holding_pipe);
	g_test_add_func("/ipsec/exec/missing-program", test_missing_program);
	g_test_add_func("/ipsec/exec/input", test_input_reaches_stdin);
	g_test_add_func("/ipsec/exec/input-not-read", test_input_not_read);
	g_test_add_func("/ipsec/exec/cancellable", test_cancellable_stops_it);
	return g_test_run();
}
