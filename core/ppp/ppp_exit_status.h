/* pppd's exit statuses [pppd(8) EXIT STATUS; pppd.h] turned into a sentence a person can act
 * on: what happened, and what to try. Pure (libc and gettext). */
#pragma once

#include <stddef.h>

#include "ppp/ppp_plugin_protocol.h"

/* pppd's exit statuses, numbered as pppd numbers them (stable since 2.4). */
enum ppp_exit_status {
	PPP_EXIT_OK = 0,
	PPP_EXIT_FATAL_ERROR = 1,
	PPP_EXIT_OPTION_ERROR = 2,
	PPP_EXIT_NOT_ROOT = 3,
	PPP_EXIT_NO_KERNEL_SUPPORT = 4,
	PPP_EXIT_USER_REQUEST = 5,
	PPP_EXIT_LOCK_FAILED = 6,
	PPP_EXIT_OPEN_FAILED = 7,
	PPP_EXIT_CONNECT_FAILED = 8,
	PPP_EXIT_PTYCMD_FAILED = 9,
	PPP_EXIT_NEGOTIATION_FAILED = 10,
	PPP_EXIT_PEER_AUTH_FAILED = 11,
	PPP_EXIT_IDLE_TIMEOUT = 12,
	PPP_EXIT_CONNECT_TIME = 13,
	PPP_EXIT_CALLBACK = 14,
	PPP_EXIT_PEER_DEAD = 15,
	PPP_EXIT_HANGUP = 16,
	PPP_EXIT_LOOPBACK = 17,
	PPP_EXIT_INIT_FAILED = 18,
	PPP_EXIT_AUTH_TOPEER_FAILED = 19,
	PPP_EXIT_TRAFFIC_LIMIT = 20,
	PPP_EXIT_CNID_AUTH_FAILED = 21,
};

#define PPP_EXIT_MESSAGE_MAX 512

/* What else is known when pppd exits, for a more precise sentence. */
struct ppp_exit_context {
	/* The authentication method the plugin reported (PPP_AUTH_NONE when none was seen);
	 * named for an authentication failure. */
	enum ppp_auth_method auth_method;
	/* The dead-peer detection pppd ran with (0: off); quoted when the peer went silent. */
	unsigned lcp_echo_interval;
	unsigned lcp_echo_failure;
};

/* Writes the translated explanation of `status` into `buf` (truncated to `cap`) and returns
 * `buf`. `context` may be NULL. */
const char *ppp_exit_status_describe(int status, const struct ppp_exit_context *context,
				     char *buf, size_t cap);

/* The status that says why the link ended: the one pppd had set when it began to terminate
 * (`terminating`, -1 when the plugin reported none, 0 when pppd had set none), unless the
 * exit status itself is more telling. An LCP echo timeout makes pppd close the link, and the
 * L2TP session hanging up under it then turns status 15 into 16 (EXIT_HANGUP). */
int ppp_exit_status_cause(int terminating, int exit_status);
