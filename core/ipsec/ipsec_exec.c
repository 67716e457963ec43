/* Bounded command execution with output capture. */
#include "config.h"

#include "ipsec/ipsec_exec.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#define DEFAULT_TIMEOUT_MS 30000
/* After the deadline: let the killed child's last bytes drain, then give up on the pipe
 * (a grandchild may still hold it open). */
#define DRAIN_MS 500

struct run {
	GMainContext *context;
	GString *output;
	GCancellable *cancellable;
	char buf[4096];
	bool eof;
	bool exited;
	bool timed_out;
	bool cancelled;
	GCancellable *user_cancel; /* the caller's; may be NULL */
};

static void on_read(GObject *source, GAsyncResult *res, gpointer data);

static void read_more(GInputStream *stream, struct run *run)
{
	g_input_stream_read_async(stream, run->buf, sizeof(run->buf), G_PRIORITY_DEFAULT,
				  run->cancellable, on_read, run);
}

static void on_read(GObject *source, GAsyncResult *res, gpointer data)
{
	struct run *run = data;
	gssize n = g_input_stream_read_finish(G_INPUT_STREAM(source), res, NULL);

	if (n <= 0) {
		run->eof = true;
		return;
	}
	g_string_append_len(run->output, run->buf, n);
	read_more(G_INPUT_STREAM(source), run);
}

static void on_process_exit(GObject *source, GAsyncResult *res, gpointer data)
{
	struct run *run = data;

	g_subprocess_wait_finish(G_SUBPROCESS(source), res, NULL);
	run->exited = true;
}

static gboolean on_deadline(gpointer data)
{
	struct run *run = data;

	run->timed_out = true;
	return G_SOURCE_REMOVE;
}

/* Runs in the thread that cancels: only wakes our loop, which looks at the cancellable. (A
 * GCancellableSource cancelled from another thread was seen to leak with GLib 2.74.) */
static void on_cancelled(GCancellable *cancellable, gpointer context)
{
	g_main_context_wakeup(context);
}

static gboolean on_drain_over(gpointer data)
{
	struct run *run = data;

	g_cancellable_cancel(run->cancellable);
	return G_SOURCE_REMOVE;
}

static int exit_code(GSubprocess *sp)
{
	if (g_subprocess_get_if_exited(sp))
		return g_subprocess_get_exit_status(sp);
	if (g_subprocess_get_if_signaled(sp))
		return 128 + g_subprocess_get_term_sig(sp);
	return -1;
}

static void attach_timeout(struct run *run, unsigned ms, GSourceFunc fn)
{
	GSource *source = g_timeout_source_new(ms);

	g_source_set_callback(source, fn, run, NULL);
	g_source_attach(source, run->context);
	g_source_unref(source);
}

static void wait_for(GSubprocess *sp, struct run *run, unsigned timeout_ms)
{
	bool killed = false, drain_armed = false;

	attach_timeout(run, timeout_ms, on_deadline);
	read_more(g_subprocess_get_stdout_pipe(sp), run);
	g_subprocess_wait_async(sp, NULL, on_process_exit, run);
	while (!run->exited || !run->eof) {
		if (!run->timed_out && g_cancellable_is_cancelled(run->user_cancel))
			run->cancelled = run->timed_out = true; /* stop it the same way */
		if (run->timed_out && !killed) {
			g_subprocess_force_exit(sp);
			killed = true;
		}
		if (run->exited && !run->eof && !drain_armed) {
			attach_timeout(run, DRAIN_MS, on_drain_over);
			drain_armed = true;
		}
		g_main_context_iteration(run->context, TRUE);
	}
}

/* The input is small (a rule set, a batch of ip commands): it fits the pipe's buffer, so one
 * blocking write cannot wait on the child. A child that exited without reading it must not
 * take us down with SIGPIPE: the signal is blocked in this thread for the write, and one it
 * raised is consumed before the mask is restored. */
static void feed_input(GSubprocess *sp, const char *input)
{
	GOutputStream *in = g_subprocess_get_stdin_pipe(sp);
	const struct timespec no_wait = {0, 0};
	sigset_t pipe_set, old_set;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
	g_output_stream_write_all(in, input, strlen(input), NULL, NULL, NULL);
	g_output_stream_close(in, NULL, NULL);
	while (sigtimedwait(&pipe_set, NULL, &no_wait) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, &old_set, NULL);
}

gboolean ipsec_exec_run(const char *const *argv, unsigned timeout_ms,
			struct ipsec_exec_result *result, GError **error)
{
	return ipsec_exec_run_full(argv, NULL, NULL, timeout_ms, result, error);
}

gboolean ipsec_exec_run_full(const char *const *argv, const char *input, GCancellable *cancellable,
			     unsigned timeout_ms, struct ipsec_exec_result *result, GError **error)
{
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	g_autoptr(GSubprocess) sp = NULL;
	struct run run = {0};
	gulong handler;

	result->status = -1;
	result->timed_out = false;
	result->cancelled = false;
	result->output = NULL;
	launcher = g_subprocess_launcher_new(
	    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE |
	    (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_NONE));
	/* Untranslated output: the diagnosis matches libreswan's English text. */
	g_subprocess_launcher_setenv(launcher, "LC_ALL", "C", TRUE);
	run.context = g_main_context_new();
	g_main_context_push_thread_default(run.context);
	sp = g_subprocess_launcher_spawnv(launcher, argv, error);
	if (!sp) {
		g_main_context_pop_thread_default(run.context);
		g_main_context_unref(run.context);
		result->output = g_strdup("");
		return FALSE;
	}
	if (input)
		feed_input(sp, input);
	run.output = g_string_new(NULL);
	run.cancellable = g_cancellable_new();
	run.user_cancel = cancellable;
	handler = cancellable ? g_cancellable_connect(cancellable, G_CALLBACK(on_cancelled),
						      run.context, NULL)
			      : 0;
	wait_for(sp, &run, timeout_ms ? timeout_ms : DEFAULT_TIMEOUT_MS);
	g_cancellable_disconnect(cancellable, handler);
	g_main_context_pop_thread_default(run.context);
	g_main_context_unref(run.context);
	g_object_unref(run.cancellable);
	result->timed_out = run.timed_out && !run.cancelled;
	result->cancelled = run.cancelled;
	result->status = exit_code(sp);
	result->output = g_string_free(run.output, FALSE);
	return TRUE;
}

void ipsec_exec_result_clear(struct ipsec_exec_result *result)
{
	g_clear_pointer(&result->output, g_free);
}

char *ipsec_exec_format_argv(const char *const *argv)
{
	return g_strjoinv(" ", (char **)argv);
}
