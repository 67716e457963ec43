/* Why an IPsec negotiation failed, read from what libreswan printed: the output of a
 * synchronous `ipsec whack --initiate`, its exit status, and (with our own pluto) pluto's log.
 * Pure: text in, a failure kind and an actionable sentence out.
 *
 * The log lines recognised were captured from libreswan 4.10 (Debian 12) initiating against a
 * libreswan 4.10 responder in network namespaces, except where ipsec_diagnose.c says they come
 * from libreswan's test suite or sources. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "ipsec/ipsec_conn.h"

enum ipsec_failure {
	IPSEC_FAILURE_NONE = 0,
	IPSEC_FAILURE_NO_RESPONSE,	/* nothing came back on UDP 500 */
	IPSEC_FAILURE_PORT_UNREACHABLE, /* ICMP port unreachable for UDP 500 */
	IPSEC_FAILURE_PSK_MISMATCH,	/* our first encrypted Main Mode message went unanswered */
	IPSEC_FAILURE_IKE_PROPOSAL,	/* Phase 1 NO_PROPOSAL_CHOSEN */
	IPSEC_FAILURE_ESP_PROPOSAL,	/* Phase 2 refused our ESP proposals */
	IPSEC_FAILURE_TRAFFIC_SELECTOR, /* Phase 2 refused the UDP/1701 selectors (ports) */
	IPSEC_FAILURE_PEER_ID,		/* the server's ID differs from ipsec-remote-id */
	IPSEC_FAILURE_PEER_ID_ZERO,	/* the server sent ID_IPV4_ADDR 0.0.0.0 */
	IPSEC_FAILURE_IKEV1_DISABLED,	/* our IKE daemon refuses IKEv1 (ikev1-policy) */
	IPSEC_FAILURE_CERTIFICATE,	/* our certificate or the server's could not be used */
	IPSEC_FAILURE_KERNEL,		/* the kernel refused the SA (no ESP/XFRM support?) */
	IPSEC_FAILURE_CONN_NOT_LOADED,	/* pluto does not know our connection */
	IPSEC_FAILURE_TIMEOUT,		/* our own deadline passed without a verdict */
	IPSEC_FAILURE_UNKNOWN,
};

struct ipsec_diag_input {
	int whack_status; /* exit status of whack --initiate; ignored when timed_out */
	bool timed_out;	  /* we stopped whack at our deadline */
	const char *whack_output;
	const char *pluto_log; /* NULL when the system's pluto logs elsewhere */
	enum ipsec_auth auth;
};

struct ipsec_diagnosis {
	enum ipsec_failure failure;
	/* The server's ID, or the log line that decided, for the message. */
	char detail[200];
};

/* True when whack reported an established ESP SA and exited 0. */
bool ipsec_whack_succeeded(int whack_status, const char *whack_output);

void ipsec_diagnose(const struct ipsec_diag_input *input, struct ipsec_diagnosis *out);

/* Stable identifier for logs and tests ("psk-mismatch"). */
const char *ipsec_failure_name(enum ipsec_failure failure);

/* The sentence for the user: what failed, why, what to try. `deadline` is the whack timeout
 * in seconds. */
void ipsec_failure_describe(const struct ipsec_diagnosis *diagnosis,
			    const struct ipsec_conn_params *params, const struct ipsec_caps *caps,
			    unsigned deadline, char *buf, size_t size);

/* Finds conn's ESP SA in `ipsec whack --trafficstatus` output
 * ('#2: "NAME", type=ESP, add_time=..., inBytes=0, outBytes=0, ...'). */
bool ipsec_trafficstatus_find(const char *output, const char *conn, unsigned long long *in_bytes,
			      unsigned long long *out_bytes);
