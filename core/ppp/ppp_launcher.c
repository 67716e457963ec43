#include "config.h"

#include "ppp/ppp_launcher.h"

#include "ppp/ppp_exit_status.h"
#include "util/i18n.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define LOG_COMPONENT	"pppd"
#define LOG_LINE_MAX	1024
#define CHANNEL_BUF_LEN (2 * PPP_PLUGIN_RECORD_MAX)
/* Source fds are moved above the child's fixed numbers so no mapping can clobber another. */
#define SOURCE_FD_MIN 10

struct ppp_launcher {
	struct ppp_launcher_events events;
	void *user_data;

	GMainContext *context;
	GSubprocess *process;
	GCancellable *wait_cancellable;
	GSource *kill_timer;
	unsigned stop_timeout_ms;
	bool stopping;
	bool killed;

	int channel_fd; /* our end of the plugin socketpair */
	GSource *channel_source;
	uint8_t channel_buf[CHANNEL_BUF_LEN];
	size_t channel_len;
	struct ppp_exit_context exit_context; /* auth method, echo settings */
	int terminating_status;		      /* -1: pppd has not begun to terminate */

	int log_fd; /* read end of pppd's log pipe */
	GSource *log_source;
	char log_line[LOG_LINE_MAX];
	size_t log_len;
	char last_log_line[LOG_LINE_MAX];
};

struct ppp_launcher *ppp_launcher_new(const struct ppp_launcher_events *events, void *user_data)
{
	struct ppp_launcher *l = g_new0(struct ppp_launcher, 1);

	if (events)
		l->events = *events;
	l->user_data = user_data;
	l->channel_fd = -1;
	l->log_fd = -1;
	return l;
}

bool ppp_launcher_is_running(const struct ppp_launcher *l)
{
	return l->process != NULL;
}

int ppp_launcher_get_pid(const struct ppp_launcher *l)
{
	const char *id = l->process ? g_subprocess_get_identifier(l->process) : NULL;

	return id ? atoi(id) : 0;
}

/* --- pppd's log --------------------------------------------------------------------- */

static void log_line_finish(struct ppp_launcher *l)
{
	if (l->log_len == 0)
		return;
	l->log_line[l->log_len] = '\0';
	/* pppd never sees the password, so its log holds nothing secret. */
	l2c_debug(LOG_COMPONENT, "%s", l->log_line);
	memcpy(l->last_log_line, l->log_line, l->log_len + 1);
	l->log_len = 0;
}

static void log_consume(struct ppp_launcher *l, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n') {
			log_line_finish(l);
			continue;
		}
		if (l->log_len == sizeof(l->log_line) - 1)
			log_line_finish(l);
		l->log_line[l->log_len++] = data[i];
	}
}

/* Reads what is there. Returns false at end of file or on an error. */
static bool log_read_available(struct ppp_launcher *l)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(l->log_fd, buf, sizeof(buf));

		if (n > 0) {
			log_consume(l, buf, n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return true;
		log_line_finish(l);
		return false;
	}
}

static gboolean on_log_readable(int fd, GIOCondition condition, gpointer user_data)
{
	struct ppp_launcher *l = user_data;

	if (log_read_available(l))
		return G_SOURCE_CONTINUE;
	l->log_source = NULL;
	return G_SOURCE_REMOVE;
}

/* --- The plugin channel -------------------------------------------------------------- */

static void dispatch_record(struct ppp_launcher *l, const struct ppp_plugin_record *rec)
{
	const struct ppp_launcher_events *ev = &l->events;

	switch (rec->type) {
	case PPP_PLUGIN_RECORD_PHASE:
		l2c_debug(LOG_COMPONENT, "phase: %s", ppp_phase_name(rec->u.phase));
		if (ev->phase_changed)
			ev->phase_changed(rec->u.phase, l->user_data);
		break;
	case PPP_PLUGIN_RECORD_AUTH:
		l->exit_context.auth_method = rec->u.auth.method;
		l2c_debug(LOG_COMPONENT, "authentication (%s): %s",
			  ppp_auth_method_name(rec->u.auth.method),
			  rec->u.auth.success ? "success" : "failure");
		if (ev->auth_result)
			ev->auth_result(rec->u.auth.success, rec->u.auth.method, l->user_data);
		break;
	case PPP_PLUGIN_RECORD_IP_UP:
		if (ev->ip_up)
			ev->ip_up(&rec->u.ip_up, l->user_data);
		break;
	case PPP_PLUGIN_RECORD_IP_DOWN:
		if (ev->ip_down)
			ev->ip_down(l->user_data);
		break;
	case PPP_PLUGIN_RECORD_EXIT:
		l2c_debug(LOG_COMPONENT, "plugin reports exit status %d", rec->u.exit_status);
		break;
	case PPP_PLUGIN_RECORD_TERMINATING:
		l2c_debug(LOG_COMPONENT, "pppd terminates the link (status %d)",
			  rec->u.exit_status);
		if (l->terminating_status < 0)
			l->terminating_status = rec->u.exit_status;
		break;
	case PPP_PLUGIN_RECORD_PASSWORD:
		l2c_warn(LOG_COMPONENT, _("ignoring a password record from the plugin"));
		break;
	}
}

/* Decodes every complete record in the buffer. Returns false on a malformed one: the
 * stream cannot be resynchronised, so the channel is dropped (pppd's exit still counts). */
static bool channel_dispatch(struct ppp_launcher *l)
{
	size_t off = 0;
	bool ok = true;

	while (off < l->channel_len) {
		struct ppp_plugin_record rec;
		size_t used;
		int r = ppp_plugin_record_decode(l->channel_buf + off, l->channel_len - off, &rec,
						 &used);

		if (r == -EAGAIN)
			break;
		if (r < 0) {
			l2c_warn(LOG_COMPONENT, _("malformed record from the pppd plugin (%s)"),
				 g_strerror(-r));
			ok = false;
			break;
		}
		off += used;
		dispatch_record(l, &rec);
	}
	memmove(l->channel_buf, l->channel_buf + off, l->channel_len - off);
	l->channel_len -= off;
	return ok;
}

static bool channel_read_available(struct ppp_launcher *l)
{
	for (;;) {
		ssize_t n = recv(l->channel_fd, l->channel_buf + l->channel_len,
				 sizeof(l->channel_buf) - l->channel_len, 0);

		/* ECONNRESET means pppd exited without reading the password (it never got to
		 * authentication); it is reported once, before the records still queued. */
		if (n < 0 && (errno == EINTR || errno == ECONNRESET))
			continue;
		if (n < 0 && errno == EAGAIN)
			return true;
		if (n <= 0)
			return false;
		l->channel_len += n;
		if (!channel_dispatch(l))
			return false;
	}
}

static gboolean on_channel_readable(int fd, GIOCondition condition, gpointer user_data)
{
	struct ppp_launcher *l = user_data;

	if (channel_read_available(l))
		return G_SOURCE_CONTINUE;
	l->channel_source = NULL;
	return G_SOURCE_REMOVE;
}

/* --- Ending a run ------------------------------------------------------------------- */

static void destroy_source(GSource **source)
{
	if (*source) {
		g_source_destroy(*source);
		g_source_unref(*source);
		*source = NULL;
	}
}

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

static void end_run(struct ppp_launcher *l)
{
	destroy_source(&l->channel_source);
	destroy_source(&l->log_source);
	destroy_source(&l->kill_timer);
	close_fd(&l->channel_fd);
	close_fd(&l->log_fd);
	g_clear_object(&l->wait_cancellable);
	g_clear_object(&l->process);
	g_clear_pointer(&l->context, g_main_context_unref);
	l->channel_len = 0;
	l->log_len = 0;
	l->stopping = false;
	l->killed = false;
}

/* Statuses where pppd stopped before the link and its last log line says why. */
static bool status_wants_log_line(int status)
{
	switch (status) {
	case PPP_EXIT_FATAL_ERROR:
	case PPP_EXIT_OPTION_ERROR:
	case PPP_EXIT_NOT_ROOT:
	case PPP_EXIT_NO_KERNEL_SUPPORT:
	case PPP_EXIT_LOCK_FAILED:
	case PPP_EXIT_OPEN_FAILED:
	case PPP_EXIT_INIT_FAILED:
		return true;
	default:
		return false;
	}
}

static char *describe_exit(struct ppp_launcher *l, GSubprocess *process, int *status)
{
	char text[PPP_EXIT_MESSAGE_MAX];

	if (!g_subprocess_get_if_exited(process)) {
		int sig =
		    g_subprocess_get_if_signaled(process) ? g_subprocess_get_term_sig(process) : 0;

		*status = -1;
		if (l->killed)
			return g_strdup_printf(_("pppd did not stop within %u ms and was killed."),
					       l->stop_timeout_ms);
		if (l->stopping && sig == SIGTERM)
			return g_strdup(_("PPP was stopped on request."));
		return g_strdup_printf(_("pppd was killed by signal %d (%s)."), sig,
				       g_strsignal(sig));
	}
	*status = ppp_exit_status_cause(l->terminating_status,
					g_subprocess_get_exit_status(process));
	if (l->stopping && *status == PPP_EXIT_USER_REQUEST)
		return g_strdup(_("PPP was stopped on request."));
	ppp_exit_status_describe(*status, &l->exit_context, text, sizeof(text));
	if (status_wants_log_line(*status) && l->last_log_line[0])
		/* TRANSLATORS: an explanation, then pppd's last log line (English). */
		return g_strdup_printf(_("%s pppd said: “%s”"), text, l->last_log_line);
	return g_strdup(text);
}

static void on_process_exited(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *message = NULL;
	struct ppp_launcher *l;
	int status;

	if (!g_subprocess_wait_finish(G_SUBPROCESS(source), result, &error) &&
	    g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
		return; /* ppp_launcher_free() reaped it; `l` is gone */
	l = user_data;
	/* Records and log lines written just before exit are still in the buffers. */
	if (l->channel_source)
		channel_read_available(l);
	if (l->log_source)
		log_read_available(l);
	message = describe_exit(l, l->process, &status);
	l2c_debug(LOG_COMPONENT, "pppd exited (status %d): %s", status, message);
	end_run(l);
	if (l->events.exited)
		l->events.exited(status, message, l->user_data);
}

/* --- Starting --------------------------------------------------------------------- */

static void child_setup(gpointer data)
{
	/* pppd must not outlive us: if the daemon dies, pppd hangs up. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
}

static int move_fd_high(int fd)
{
	int high = fcntl(fd, F_DUPFD_CLOEXEC, SOURCE_FD_MIN);
	int saved = errno;

	close(fd);
	errno = saved;
	return high;
}

static bool io_error(GError **error, int err, const char *what)
{
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(err), "%s: %s", what, g_strerror(err));
	return false;
}

struct child_fds {
	int session;	/* kernel path only */
	int plugin;	/* pppd's end of the channel */
	int log_write;	/* pppd's logfd */
	int log_stderr; /* pppd's stderr: the same pipe */
	int channel;	/* our end */
	int log_read;	/* our end */
};

static void child_fds_close(struct child_fds *fds)
{
	close_fd(&fds->session);
	close_fd(&fds->plugin);
	close_fd(&fds->log_write);
	close_fd(&fds->log_stderr);
	close_fd(&fds->channel);
	close_fd(&fds->log_read);
}

static bool child_fds_open(struct child_fds *fds, const struct ppp_launch *launch, GError **error)
{
	int pair[2], pipe_fds[2];

	*fds = (struct child_fds){-1, -1, -1, -1, -1, -1};
	if (launch->datapath == PPP_DATAPATH_KERNEL) {
		fds->session = fcntl(launch->session_fd, F_DUPFD_CLOEXEC, SOURCE_FD_MIN);
		if (fds->session < 0)
			return io_error(error, errno, _("Could not pass the L2TP session to pppd"));
	}
	/* SEQPACKET keeps each record whole; the decoder copes with a stream anyway. */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0)
		return io_error(error, errno, _("Could not create the pppd plugin channel"));
	fds->channel = pair[0];
	fds->plugin = move_fd_high(pair[1]);
	if (pipe2(pipe_fds, O_CLOEXEC) < 0)
		return io_error(error, errno, _("Could not create the pppd log pipe"));
	fds->log_read = pipe_fds[0];
	fds->log_write = move_fd_high(pipe_fds[1]);
	fds->log_stderr = fcntl(fds->log_write, F_DUPFD_CLOEXEC, SOURCE_FD_MIN);
	if (fds->plugin < 0 || fds->log_write < 0 || fds->log_stderr < 0)
		return io_error(error, errno, _("Could not prepare pppd's file descriptors"));
	if (!g_unix_set_fd_nonblocking(fds->channel, TRUE, NULL) ||
	    !g_unix_set_fd_nonblocking(fds->log_read, TRUE, NULL))
		return io_error(error, errno, _("Could not prepare pppd's file descriptors"));
	return true;
}

static GStrv build_argv(const struct ppp_launch *launch, GError **error)
{
	struct ppp_options opts = *launch->options;
	g_autofree char *detail = NULL;
	GStrv argv = NULL;

	opts.datapath = launch->datapath;
	opts.pppol2tp_fd =
	    launch->datapath == PPP_DATAPATH_KERNEL ? PPP_LAUNCHER_CHILD_SESSION_FD : -1;
	opts.tty_path = launch->datapath == PPP_DATAPATH_PTY ? launch->tty_path : NULL;
	opts.plugin_fd = PPP_LAUNCHER_CHILD_PLUGIN_FD;
	opts.log_fd = PPP_LAUNCHER_CHILD_LOG_FD;
	if (!opts.plugin_path) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    _("pppd plugin path: is missing"));
		return NULL;
	}
	if (ppp_options_build_argv(
		&opts, launch->pppd_path ? launch->pppd_path : PPP_LAUNCHER_DEFAULT_PPPD, &argv,
		&detail) < 0) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, detail);
		return NULL;
	}
	return argv;
}

/* Hands the fds over: the subprocess launcher owns them from here. */
static GSubprocess *spawn(GStrv argv, struct child_fds *fds, GError **error)
{
	static const char *const environment[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C",
						  NULL};
	g_autoptr(GSubprocessLauncher) sl = NULL;
	GSubprocess *process;

	/* stdin stays /dev/null, GSubprocess's default. */
	sl = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
	g_subprocess_launcher_set_environ(sl, (char **)environment);
	g_subprocess_launcher_set_child_setup(sl, child_setup, NULL, NULL);
	if (fds->session >= 0)
		g_subprocess_launcher_take_fd(sl, fds->session, PPP_LAUNCHER_CHILD_SESSION_FD);
	g_subprocess_launcher_take_fd(sl, fds->plugin, PPP_LAUNCHER_CHILD_PLUGIN_FD);
	g_subprocess_launcher_take_fd(sl, fds->log_write, PPP_LAUNCHER_CHILD_LOG_FD);
	g_subprocess_launcher_take_stderr_fd(sl, fds->log_stderr);
	fds->session = fds->plugin = fds->log_write = fds->log_stderr = -1;
	process = g_subprocess_launcher_spawnv(sl, (const char *const *)argv, error);
	if (!process)
		g_prefix_error(error, _("Could not start pppd (is the ppp package installed?): "));
	return process;
}

static int send_password(int fd, const char *password)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_PASSWORD};
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	size_t len = password ? strlen(password) : 0;
	ssize_t n;
	int r = 0;

	if (len > PPP_PLUGIN_SECRET_MAX)
		return -ENAMETOOLONG;
	memcpy(rec.u.password.text, password ? password : "", len + 1);
	rec.u.password.len = len;
	n = ppp_plugin_record_encode(&rec, buf, sizeof(buf));
	if (n < 0)
		r = (int)n;
	else if (send(fd, buf, n, MSG_NOSIGNAL) != n)
		r = errno ? -errno : -EIO;
	ppp_plugin_record_wipe(&rec);
	explicit_bzero(buf, sizeof(buf));
	return r;
}

static GSource *watch_fd(struct ppp_launcher *l, int fd, GUnixFDSourceFunc func)
{
	GSource *source = g_unix_fd_source_new(fd, G_IO_IN | G_IO_HUP | G_IO_ERR);

	g_source_set_callback(source, G_SOURCE_FUNC(func), l, NULL);
	g_source_attach(source, l->context);
	return source;
}

static void begin_run(struct ppp_launcher *l, GSubprocess *process, struct child_fds *fds,
		      const struct ppp_launch *launch)
{
	l->process = process;
	l->context = g_main_context_ref_thread_default();
	l->stop_timeout_ms = launch->stop_timeout_ms ? launch->stop_timeout_ms
						     : PPP_LAUNCHER_DEFAULT_STOP_TIMEOUT_MS;
	l->exit_context = (struct ppp_exit_context){
	    .auth_method = PPP_AUTH_NONE,
	    .lcp_echo_interval = launch->options->lcp_echo_interval,
	    .lcp_echo_failure = launch->options->lcp_echo_failure,
	};
	l->terminating_status = -1;
	l->last_log_line[0] = '\0';
	l->channel_fd = fds->channel;
	l->log_fd = fds->log_read;
	fds->channel = fds->log_read = -1;
	l->channel_source = watch_fd(l, l->channel_fd, on_channel_readable);
	l->log_source = watch_fd(l, l->log_fd, on_log_readable);
	l->wait_cancellable = g_cancellable_new();
	g_subprocess_wait_async(process, l->wait_cancellable, on_process_exited, l);
	l2c_debug(LOG_COMPONENT, "started pppd (pid %s)", g_subprocess_get_identifier(process));
}

static void kill_and_reap(GSubprocess *process)
{
	g_subprocess_force_exit(process);
	g_subprocess_wait(process, NULL, NULL);
}

bool ppp_launcher_start(struct ppp_launcher *l, const struct ppp_launch *launch, GError **error)
{
	struct child_fds fds;
	g_auto(GStrv) argv = NULL;
	GSubprocess *process;
	int r;

	if (l->process) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_BUSY,
				    _("pppd is already running"));
		return false;
	}
	argv = build_argv(launch, error);
	if (!argv)
		return false;
	if (!child_fds_open(&fds, launch, error)) {
		child_fds_close(&fds);
		return false;
	}
	/* Queued before the spawn, so it waits in pppd's end however soon pppd exits. */
	r = send_password(fds.channel, launch->password);
	if (r < 0) {
		child_fds_close(&fds);
		return io_error(error, -r, _("Could not pass the password to pppd"));
	}
	process = spawn(argv, &fds, error);
	if (!process) {
		child_fds_close(&fds);
		return false;
	}
	begin_run(l, process, &fds, launch);
	return true;
}

/* --- Stopping --------------------------------------------------------------------- */

static gboolean on_stop_timeout(gpointer user_data)
{
	struct ppp_launcher *l = user_data;

	l2c_warn(LOG_COMPONENT, _("pppd ignored SIGTERM for %u ms; killing it"),
		 l->stop_timeout_ms);
	l->killed = true;
	g_subprocess_force_exit(l->process);
	g_source_unref(l->kill_timer);
	l->kill_timer = NULL;
	return G_SOURCE_REMOVE;
}

void ppp_launcher_stop(struct ppp_launcher *l)
{
	if (!l->process || l->stopping)
		return;
	l->stopping = true;
	g_subprocess_send_signal(l->process, SIGTERM);
	l->kill_timer = g_timeout_source_new(l->stop_timeout_ms);
	g_source_set_callback(l->kill_timer, on_stop_timeout, l, NULL);
	g_source_attach(l->kill_timer, l->context);
}

void ppp_launcher_free(struct ppp_launcher *l)
{
	if (!l)
		return;
	if (l->process) {
		g_cancellable_cancel(l->wait_cancellable);
		kill_and_reap(l->process);
		l2c_debug(LOG_COMPONENT, "killed pppd on teardown");
	}
	end_run(l);
	g_free(l);
}
