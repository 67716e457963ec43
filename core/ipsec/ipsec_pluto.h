/* Our own pluto, for hosts without a running IKE daemon: started with every path pointing into
 * our private directory, shared by all our connections, stopped (and its XFRM flush with it)
 * when the last of them ends. */
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

/* Expects DIR/ipsec.secrets and the NSS database DIR/nss; loads the connections of `config`
 * (the first connection's file). Runs in a session of its own: a Ctrl-C for the program
 * that started it must not end it while other connections use it. */
gboolean ipsec_pluto_start(const char *ipsec, const char *dir, const char *config,
			   struct ipsec_pluto *pluto, GError **error);

/* The pid from DIR/run/pluto.pid when that pluto is alive and ours; 0 otherwise. */
int ipsec_pluto_read_pid(const char *rundir);

/* Waits until pluto answers on its socket and lists `conn` (it loads auto=add connections
 * itself at start). Fails early when the log shows the connection was refused, or pluto
 * exited. */
gboolean ipsec_pluto_wait_ready(const struct ipsec_pluto *pluto, const char *ipsec,
				const char *conn, unsigned timeout_ms, GError **error);

/* Orderly shutdown through whack, then SIGTERM/SIGKILL to `pid` only if it is still a pluto
 * using `rundir`. Usable after a crash, without a GSubprocess. */
void ipsec_pluto_stop_pid(const char *ipsec, const char *ctl_socket, int pid, const char *rundir);

void ipsec_pluto_stop(struct ipsec_pluto *pluto, const char *ipsec);

/* Forgets a pluto that other connections still use, leaving it running. */
void ipsec_pluto_release(struct ipsec_pluto *pluto);

/* /proc/PID/cmdline names pluto and carries `rundir`. */
bool ipsec_pluto_pid_is_ours(int pid, const char *rundir);
