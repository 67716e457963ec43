/* Starting and stopping a private pluto (ipsec_pluto(8): --config, --secretsfile, --nssdir,
 * --rundir, --nofork, --stderrlog). */
#include "config.h"

#include "ipsec/ipsec_pluto.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipsec/ipsec_exec.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG	     "ipsec"
#define POLL_MS	     200
#define STOP_WAIT_MS 5000

static char *path_in(const char *dir, const char *name)
{
	return g_build_filename(dir, name, NULL);
}

static void own_session(gpointer user_data)
{
	(void)user_data;
	setsid();
}

gboolean ipsec_pluto_start(const char *ipsec, const char *dir, const char *conf,
			   struct ipsec_pluto *p, GError **error)
{
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	g_autofree char *secrets = path_in(dir, "ipsec.secrets");
	g_autofree char *nss = path_in(dir, "nss");
	const char *pid_str;

	memset(p, 0, sizeof(*p));
	p->rundir = path_in(dir, "run");
	p->ctl_socket = path_in(p->rundir, "pluto.ctl");
	p->log_path = path_in(dir, "pluto.log");
	if (g_mkdir_with_parents(p->rundir, 0700) < 0) {
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(errno),
			    _("IPsec: cannot create %s: %s"), p->rundir, g_strerror(errno));
		return FALSE;
	}
	launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_NONE);
	g_subprocess_launcher_setenv(launcher, "LC_ALL", "C", TRUE);
	g_subprocess_launcher_set_child_setup(launcher, own_session, NULL, NULL);
	g_subprocess_launcher_set_stdout_file_path(launcher, p->log_path);
	g_subprocess_launcher_set_stderr_file_path(launcher, p->log_path);
	/* --ipsecdir keeps it away from /etc/ipsec.d; nothing of the system's is read. */
	p->process = g_subprocess_launcher_spawn(
	    launcher, error, ipsec, "pluto", "--config", conf, "--secretsfile", secrets, "--nssdir",
	    nss, "--rundir", p->rundir, "--ipsecdir", dir, "--nofork", "--stderrlog", NULL);
	if (!p->process)
		return FALSE;
	pid_str = g_subprocess_get_identifier(p->process);
	p->pid = pid_str ? atoi(pid_str) : 0;
	l2c_info(LOG_TAG, "started pluto (pid %d) with its files in %s", p->pid, dir);
	return TRUE;
}

static bool log_shows_refusal(const char *log_path, const char *conn, char **line)
{
	g_autofree char *text = NULL;
	g_autofree char *needle = g_strdup_printf("\"%s\": failed to add", conn);
	const char *hit;

	if (!g_file_get_contents(log_path, &text, NULL, NULL))
		return false;
	hit = strstr(text, needle);
	if (!hit)
		return false;
	*line = g_strndup(hit, strcspn(hit, "\n"));
	return true;
}

static bool status_lists(const char *ipsec, const char *ctl, const char *conn)
{
	const char *argv[] = {ipsec, "whack", "--ctlsocket", ctl, "--status", NULL};
	g_autofree char *needle = g_strdup_printf("\"%s\":", conn);
	struct ipsec_exec_result res;
	bool found = false;

	if (ipsec_exec_run(argv, 5000, &res, NULL))
		found = res.status == 0 && strstr(res.output, needle);
	ipsec_exec_result_clear(&res);
	return found;
}

gboolean ipsec_pluto_wait_ready(const struct ipsec_pluto *p, const char *ipsec, const char *conn,
				unsigned timeout_ms, GError **error)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;

	while (g_get_monotonic_time() < deadline) {
		g_autofree char *line = NULL;

		if (log_shows_refusal(p->log_path, conn, &line)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", line);
			return FALSE;
		}
		if (p->process && g_subprocess_get_identifier(p->process) == NULL) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
				    _("IPsec: our pluto exited at start; see %s"), p->log_path);
			return FALSE;
		}
		if (g_file_test(p->ctl_socket, G_FILE_TEST_EXISTS) &&
		    status_lists(ipsec, p->ctl_socket, conn))
			return TRUE;
		g_usleep(POLL_MS * 1000);
	}
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
		    _("IPsec: our pluto did not become ready within %u s; see %s"),
		    timeout_ms / 1000, p->log_path);
	return FALSE;
}

int ipsec_pluto_read_pid(const char *rundir)
{
	g_autofree char *path = path_in(rundir, "pluto.pid");
	g_autofree char *text = NULL;
	int pid;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return 0;
	pid = atoi(text);
	return ipsec_pluto_pid_is_ours(pid, rundir) ? pid : 0;
}

bool ipsec_pluto_pid_is_ours(int pid, const char *rundir)
{
	g_autofree char *path = g_strdup_printf("/proc/%d/cmdline", pid);
	g_autofree char *cmdline = NULL;
	gsize len = 0;
	bool is_pluto = false, has_rundir = false;

	if (pid <= 1 || !g_file_get_contents(path, &cmdline, &len, NULL))
		return false;
	for (gsize i = 0; i < len; i += strlen(cmdline + i) + 1) {
		const char *arg = cmdline + i;

		if (g_str_has_suffix(arg, "/pluto") || strcmp(arg, "pluto") == 0)
			is_pluto = true;
		if (rundir && strcmp(arg, rundir) == 0)
			has_rundir = true;
	}
	return is_pluto && has_rundir;
}

static bool wait_gone(int pid, const char *rundir, unsigned ms)
{
	for (unsigned waited = 0; waited < ms; waited += 100) {
		if (!ipsec_pluto_pid_is_ours(pid, rundir))
			return true;
		g_usleep(100 * 1000);
	}
	return !ipsec_pluto_pid_is_ours(pid, rundir);
}

void ipsec_pluto_stop_pid(const char *ipsec, const char *ctl, int pid, const char *rundir)
{
	const char *argv[] = {ipsec, "whack", "--ctlsocket", ctl, "--shutdown", NULL};
	struct ipsec_exec_result res;

	if (ctl && *ctl && g_file_test(ctl, G_FILE_TEST_EXISTS)) {
		ipsec_exec_run(argv, 10000, &res, NULL);
		ipsec_exec_result_clear(&res);
	}
	if (pid <= 1 || wait_gone(pid, rundir, STOP_WAIT_MS))
		return;
	l2c_warn(LOG_TAG, _("pluto %d did not shut down; sending SIGTERM"), pid);
	kill(pid, SIGTERM);
	if (wait_gone(pid, rundir, STOP_WAIT_MS))
		return;
	kill(pid, SIGKILL);
}

void ipsec_pluto_stop(struct ipsec_pluto *p, const char *ipsec)
{
	if (p->process) {
		ipsec_pluto_stop_pid(ipsec, p->ctl_socket, p->pid, p->rundir);
		/* Reap it (it is our child) so no zombie is left. */
		g_subprocess_wait(p->process, NULL, NULL);
	}
	ipsec_pluto_release(p);
}

void ipsec_pluto_release(struct ipsec_pluto *p)
{
	/* Without a wait: GSubprocess reaps the child whenever it exits. */
	g_clear_object(&p->process);
	g_clear_pointer(&p->rundir, g_free);
	g_clear_pointer(&p->ctl_socket, g_free);
	g_clear_pointer(&p->log_path, g_free);
	p->pid = 0;
}
