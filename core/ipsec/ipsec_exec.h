/* Running libreswan's tools (ipsec, whack, certutil, iptables) with a deadline, keeping what
 * they printed even when we had to stop them: a timed-out whack's partial output tells which
 * exchange was still being retransmitted. Blocking; safe in worker threads (it iterates a
 * private main context). */
#pragma once

#include <gio/gio.h>
#include <stdbool.h>

struct ipsec_exec_result {
	int status;	/* exit code; 128+signal when killed; -1 when it could not start */
	bool timed_out; /* stopped at the deadline */
	bool cancelled; /* stopped because the cancellable fired */
	char *output;	/* stdout and stderr, interleaved; never NULL after a run */
};

/* Runs argv (argv[0] looked up in PATH) with stdin closed. timeout_ms = 0 means 30 s.
 * Returns FALSE with `error` only when the program could not be started. */
gboolean ipsec_exec_run(const char *const *argv, unsigned timeout_ms,
			struct ipsec_exec_result *result, GError **error);

/* The same with `input` (NULL: none) written to the program's stdin, which is then closed,
 * and stopped early when `cancellable` (may be NULL) fires. */
gboolean ipsec_exec_run_full(const char *const *argv, const char *input, GCancellable *cancellable,
			     unsigned timeout_ms, struct ipsec_exec_result *result, GError **error);

void ipsec_exec_result_clear(struct ipsec_exec_result *result);

/* "ipsec whack --ctlsocket /x --status" for logs. */
char *ipsec_exec_format_argv(const char *const *argv);
