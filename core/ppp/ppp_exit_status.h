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

/* Writes the translated explanation of `status` into `buf` (truncated to `cap`) and returns
 * `buf`. `method` is the authentication method the plugin reported (PPP_AUTH_NONE when none
 * was seen); it is named in the message for an authentication failure. */
const char *ppp_exit_status_describe(int status, enum ppp_auth_method method, char *buf,
				     size_t cap);
