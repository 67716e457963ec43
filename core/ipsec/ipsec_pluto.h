/* Our own pluto, for hosts without a running IKE daemon: started with every path pointing into
 * the connection's private directory, stopped (and its XFRM flush with it) at teardown. */
#pragma once

#include <gio/gio.h>
#include <stdbool.h>

struct ipsec_pluto {
	GSubprocess *process;
	int pid;
	char *rundir;	  /* DIR/run: pluto.pid and pluto.ctl */
	char *ctl_socket; /* DIR/run/pluto.ctl */
	char *log_path;	  /* DIR/pluto.log: pluto's stderr */
};

/* Expects DIR/ipsec.conf, DIR/ipsec.secrets and the NSS database DIR/nss. */
gboolean ipsec_pluto_start(const char *ipsec, const char *dir, struct ipsec_pluto *pluto,
			   GError **error);

/* Waits until pluto answers on its socket and lists `conn` (it loads auto=add connections
 * itself at start). Fails early when the log shows the connection was refused, or pluto
 * exited. */
gboolean ipsec_pluto_wait_ready(const struct ipsec_pluto *pluto, const char *ipsec,
				const char *conn, unsigned timeout_ms, GError **error);

/* Orderly shutdown through whack, then SIGTERM/SIGKILL to `pid` only if it is still a pluto
 * using `rundir`. Usable after a crash, without a GSubprocess. */
void ipsec_pluto_stop_pid(const char *ipsec, const char *ctl_socket, int pid, const char *rundir);

void ipsec_pluto_stop(struct ipsec_pluto *pluto, const char *ipsec);

/* /proc/PID/cmdline names pluto and carries `rundir`. */
bool ipsec_pluto_pid_is_ours(int pid, const char *rundir);
