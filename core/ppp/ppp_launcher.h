/* Runs pppd for one L2TP session and turns what it reports into callbacks.
 *
 * pppd gets, as fixed fd numbers: the PPPoL2TP session socket (kernel data path), our plugin's
 * channel, and a pipe for its log; stdin is /dev/null and the environment is minimal. The
 * password goes over the plugin channel right after the spawn, never into argv or the
 * environment. pppd's log lines are forwarded to l2c_log at debug level.
 *
 * Callbacks run in the thread-default GMainContext that was current at ppp_launcher_start().
 * pppd never outlives the launcher: ppp_launcher_free() kills and reaps it, and pppd gets
 * SIGTERM if this process dies (PR_SET_PDEATHSIG). */
#pragma once

#include <gio/gio.h>
#include <stdbool.h>

#include "ppp/ppp_options.h"
#include "ppp/ppp_plugin_protocol.h"

#define PPP_LAUNCHER_DEFAULT_PPPD	     "/usr/sbin/pppd"
#define PPP_LAUNCHER_DEFAULT_STOP_TIMEOUT_MS 5000

/* The fd numbers pppd sees. */
#define PPP_LAUNCHER_CHILD_SESSION_FD 3
#define PPP_LAUNCHER_CHILD_PLUGIN_FD  4
#define PPP_LAUNCHER_CHILD_LOG_FD     5

/* Callbacks must not free the launcher, except `exited`; they may call ppp_launcher_stop(). */
struct ppp_launcher_events {
	void (*phase_changed)(enum ppp_phase phase, void *user_data);
	/* We authenticated to the server (or it asked for nothing: method PPP_AUTH_NONE), or
	 * the server rejected us. */
	void (*auth_result)(bool success, enum ppp_auth_method method, void *user_data);
	void (*ip_up)(const struct ppp_plugin_ip_config *config, void *user_data);
	void (*ip_down)(void *user_data);
	/* pppd is gone and reaped. `status` is why the link ended (enum ppp_exit_status:
	 * ppp_exit_status_cause of the status pppd had when it began to terminate and its exit
	 * status), or -1 when a signal ended it; `message` is a translated explanation with a
	 * hint. This is
	 * the last callback of a run; the launcher may be freed or restarted from it. */
	void (*exited)(int status, const char *message, void *user_data);
};

struct ppp_launch {
	/* The settings. Its plumbing fields (datapath, fds, tty_path) are overwritten with
	 * the values below; plugin_path is used as given. */
	const struct ppp_options *options;
	const char *pppd_path; /* NULL: PPP_LAUNCHER_DEFAULT_PPPD */
	enum ppp_datapath datapath;
	int session_fd;		  /* kernel path: the PPPoL2TP session socket; borrowed (dup'ed) */
	const char *tty_path;	  /* pty path: the pty slave */
	const char *password;	  /* NULL: an empty password */
	unsigned stop_timeout_ms; /* SIGTERM to SIGKILL; 0: PPP_LAUNCHER_DEFAULT_STOP_TIMEOUT_MS */
};

struct ppp_launcher;

/* `events` is copied; any callback may be NULL. */
struct ppp_launcher *ppp_launcher_new(const struct ppp_launcher_events *events, void *user_data);

/* Starts pppd. Fails with G_IO_ERROR_INVALID_ARGUMENT (bad options; the message names the
 * field), G_IO_ERROR_BUSY (already running), or the spawn error. */
bool ppp_launcher_start(struct ppp_launcher *launcher, const struct ppp_launch *launch,
			GError **error);

/* Asks pppd to hang up (SIGTERM: it terminates LCP cleanly) and kills it if it has not
 * exited after the stop timeout. `exited` follows. No-op when not running. */
void ppp_launcher_stop(struct ppp_launcher *launcher);

bool ppp_launcher_is_running(const struct ppp_launcher *launcher);

/* pppd's process id while it runs, else 0 (for the supervisor's crash-recovery record). */
int ppp_launcher_get_pid(const struct ppp_launcher *launcher);

/* Kills and reaps a running pppd synchronously, without calling `exited`. */
void ppp_launcher_free(struct ppp_launcher *launcher);
