/* What the IPsec driver created for one connection, saved in its runtime directory so that a
 * restarted daemon can undo it after a crash. Pure: text in, text out; every value read back is
 * checked (absolute paths without "..", plain chain names, positive pids). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum ipsec_daemon_kind {
	IPSEC_DAEMON_NONE = 0,
	IPSEC_DAEMON_PRIVATE, /* our own pluto, shared by our connections */
	IPSEC_DAEMON_SYSTEM,  /* the system's pluto; we only added a connection */
};

#define IPSEC_STATE_PATH_MAX 256

struct ipsec_saved_state {
	char name[64];
	enum ipsec_daemon_kind daemon;
	int dialect; /* 4 or 5 */
	char dir[IPSEC_STATE_PATH_MAX];
	char ctl_socket[IPSEC_STATE_PATH_MAX];
	int pluto_pid; /* private pluto; 0 = none */
	bool conn_added;
	char secrets_dropin[IPSEC_STATE_PATH_MAX]; /* system mode: our file in /etc/ipsec.d */
	char leak_chain_out[32];
	char leak_chain_in[32];
	int leak_family; /* 4 or 6; 0 = no rules */
	char gateway[64];
	/* Written by older versions; our pluto's directory now records this (nd-bypass-ours). */
	bool nd_bypass_cleanup;
};

/* malloc'd text; free(). */
char *ipsec_state_format(const struct ipsec_saved_state *state);

/* Returns 0, or -EINVAL when a value is malformed (the whole file is then distrusted). Unknown
 * keys are ignored, for files written by newer versions. */
int ipsec_state_parse(const char *text, struct ipsec_saved_state *state);

bool ipsec_state_path_ok(const char *path);
bool ipsec_state_chain_ok(const char *chain);
