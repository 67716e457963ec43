/* Our own pluto, shared by all our connections: only one IKE daemon can own UDP 500/4500, so
 * a second L2TP/IPsec connection joins the pluto the first one started, and the last one to
 * end stops it. Its files live in <runtime_base>/pluto: ipsec.secrets includes each
 * connection's own secrets file, nss/ holds the certificates, run/ the socket. Starting,
 * joining and leaving happen under a lock on <runtime_base>, so two connections never both
 * start one, nor does one stop it while another joins. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "ipsec/ipsec_driver_private.h"
#include "ipsec/ipsec_state.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG "ipsec"
/* pluto put its IPv6 neighbour discovery bypass policies in: remove them after it. */
#define ND_BYPASS_MARK "nd-bypass-ours"

char *ipsec_shared_dir(IpsecDriver *d)
{
	return g_build_filename(d->runtime_base, "pluto", NULL);
}

char *ipsec_shared_path(IpsecDriver *d, const char *name)
{
	return g_build_filename(d->runtime_base, "pluto", name, NULL);
}

gboolean ipsec_shared_lock(IpsecDriver *d, GError **error)
{
	if (d->lock_fd >= 0)
		return TRUE;
	if (!ipsec_files_make_dir(d->runtime_base, error))
		return FALSE;
	d->lock_fd = open(d->runtime_base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (d->lock_fd >= 0 && flock(d->lock_fd, LOCK_EX) < 0 && errno == EINTR)
		;
	if (d->lock_fd >= 0)
		return TRUE;
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
		    _("IPsec: cannot lock %s: %s"), d->runtime_base, g_strerror(errno));
	return FALSE;
}

void ipsec_shared_unlock(IpsecDriver *d)
{
	if (d->lock_fd < 0)
		return;
	close(d->lock_fd); /* releases the lock */
	d->lock_fd = -1;
}

/* Our pluto runs and answers: its pid, else 0. */
int ipsec_shared_pluto_pid(IpsecDriver *d)
{
	g_autofree char *rundir = ipsec_shared_path(d, "run");
	g_autofree char *ctl = g_build_filename(rundir, "pluto.ctl", NULL);
	struct ipsec_exec_result res;
	int pid = ipsec_pluto_read_pid(rundir);
	gboolean answers;

	if (pid <= 0)
		return 0;
	answers = ipsec_driver_run(d, 10000, &res, "whack", "--ctlsocket", ctl, "--status", NULL) &&
		  res.status == 0 && !res.timed_out;
	ipsec_exec_result_clear(&res);
	return answers ? pid : 0;
}

gboolean ipsec_shared_prepare(IpsecDriver *d, gboolean nd_bypass_ours, GError **error)
{
	g_autofree char *dir = ipsec_shared_dir(d);
	g_autofree char *nss = ipsec_shared_path(d, "nss");
	g_autofree char *secrets = ipsec_shared_path(d, "ipsec.secrets");
	g_autofree char *mark = ipsec_shared_path(d, ND_BYPASS_MARK);
	g_autofree char *include = NULL;
	struct ipsec_exec_result res;
	gboolean ok;

	/* Whatever a dead pluto left is stale. */
	ipsec_files_remove_tree(dir);
	include = g_strdup_printf("# Written by l2tp-connect: each connection's pre-shared key.\n"
				  "include %s/ipsec-*/ipsec.secrets\n",
				  d->runtime_base);
	if (!ipsec_files_make_dir(dir, error) ||
	    !ipsec_files_write_private(secrets, include, error) ||
	    !ipsec_files_make_dir(nss, error))
		return FALSE;
	if (nd_bypass_ours && !ipsec_files_write_private(mark, "", error))
		return FALSE;
	ok = ipsec_driver_run(d, 15000, &res, "initnss", "--nssdir", nss, NULL) && res.status == 0;
	if (!ok)
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
			    _("IPsec: cannot create the certificate store %s: %s"), nss,
			    res.output ? res.output : "");
	ipsec_exec_result_clear(&res);
	return ok;
}

gboolean ipsec_shared_nd_bypass_ours(IpsecDriver *d)
{
	g_autofree char *mark = ipsec_shared_path(d, ND_BYPASS_MARK);

	return g_file_test(mark, G_FILE_TEST_EXISTS);
}

/* Another connection of ours (a directory ipsec-NAME other than `own_dir` with a valid state
 * that records our pluto) still uses it. */
gboolean ipsec_shared_has_other_users(IpsecDriver *d, const char *own_dir)
{
	GDir *base = g_dir_open(d->runtime_base, 0, NULL);
	const char *entry;
	gboolean found = FALSE;

	while (base && !found && (entry = g_dir_read_name(base))) {
		g_autofree char *dir = g_build_filename(d->runtime_base, entry, NULL);
		g_autofree char *path = g_build_filename(dir, "state", NULL);
		g_autofree char *text = NULL;
		struct ipsec_saved_state s;

		if (!g_str_has_prefix(entry, "ipsec-") || strcmp(dir, own_dir) == 0 ||
		    !g_file_get_contents(path, &text, NULL, NULL))
			continue;
		found = ipsec_state_parse(text, &s) == 0 && s.daemon == IPSEC_DAEMON_PRIVATE;
	}
	if (base)
		g_dir_close(base);
	return found;
}

/* The last user is leaving: stop our pluto (its flush goes with it), undo what pluto 4.10
 * leaves behind, remove its files. */
void ipsec_shared_stop(IpsecDriver *d, struct ipsec_pluto *started, int pid, const char *gateway)
{
	g_autofree char *dir = ipsec_shared_dir(d);
	g_autofree char *rundir = ipsec_shared_path(d, "run");
	g_autofree char *ctl = g_build_filename(rundir, "pluto.ctl", NULL);
	gboolean nd_bypass = ipsec_shared_nd_bypass_ours(d);
	gboolean ran = pid > 1 || (started && started->process);

	if (started && started->process)
		ipsec_pluto_stop(started, d->ipsec);
	else if (pid > 1 && ipsec_pluto_pid_is_ours(pid, rundir))
		ipsec_pluto_stop_pid(d->ipsec, ctl, pid, rundir);
	/* Only after a pluto of ours ran: before it, no XFRM entry was there (we checked). */
	if (ran)
		ipsec_host_remove_gateway_xfrm(gateway);
	if (ran && nd_bypass)
		ipsec_host_remove_nd_bypass();
	ipsec_files_remove_tree(dir);
	l2c_info(LOG_TAG, "our pluto stopped: no connection uses it any more");
}

/* Our certificate and key, by the nickname only this connection uses. The CAs stay until
 * the store goes with the last connection: another connection may trust the same one. */
void ipsec_shared_forget_cert(IpsecDriver *d, const char *nickname)
{
	g_autofree char *nss = ipsec_shared_path(d, "nss");
	g_autofree char *db = g_strdup_printf("sql:%s", nss);
	const char *argv[] = {"certutil", "-F", "-d", db, "-n", nickname, NULL};
	struct ipsec_exec_result res;

	if (!nickname || !*nickname || !g_file_test(nss, G_FILE_TEST_IS_DIR))
		return;
	ipsec_exec_run(argv, 15000, &res, NULL);
	ipsec_exec_result_clear(&res);
}
