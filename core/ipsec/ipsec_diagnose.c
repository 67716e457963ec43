/* Classification of libreswan's initiator output into failure kinds.
 *
 * Signatures, with where each was seen:
 *  [lab]  libreswan 4.10 initiator vs 4.10 responder, captured here (tests/unit has them):
 *         "STATE_MAIN_I1: N second timeout exceeded after N retransmits.  No response (or no
 *         acceptable response) to our first IKEv1 message"; "ERROR: asynchronous network error
 *         report ... Connection refused [... ICMP type 3 code 3 ...]"; "STATE_MAIN_I3: ...
 *         Possible authentication failure: no acceptable response to our first encrypted
 *         message" (wrong PSK: a libreswan responder drops what it cannot decrypt);
 *         "received and ignored notification payload: NO_PROPOSAL_CHOSEN"; "STATE_QUICK_I1:
 *         ... No acceptable response to our first Quick Mode message: perhaps peer likes no
 *         proposal"; "received and ignored notification payload: INVALID_ID_INFORMATION"
 *         after Phase 1 (selector/port mismatch); "Peer ID 'X' mismatched on first found
 *         connection and no better connection found"; "failed to add IKEv1 connection: global
 *         ikev1-policy does not allow IKEv1 connections"; "no connection named"; "IPsec SA
 *         established transport mode"; responder side "probable authentication failure
 *         (mismatch of preshared secrets?)".
 *  [doc]  PROTOCOL.md §5: a 0.0.0.0 server ID shows as "Peer ID '%any' mismatched ...".
 *  [lsw]  libreswan's tests/sources: 5.x drops the "NNN " prefixes and "STATE_"/"ID_" in
 *         some words; "ISAKMP SA established"; "RSA authentication failed"; IKEv2
 *         AUTHENTICATION_FAILED / TS_UNACCEPTABLE notifications; "netlink response for Add SA".
 */
#include "config.h"

#include "ipsec/ipsec_diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "util/i18n.h"

struct facts {
	bool phase1_done;
	bool established;
	bool ikev1_policy;
	bool no_conn;
	bool peer_id_zero;
	bool peer_id_mismatch;
	bool certificate;
	bool psk_suspect; /* decrypt failure or no answer to our first encrypted message */
	bool no_response_first;
	bool icmp_refused;
	bool npc_phase1;
	bool npc_phase2;
	bool invalid_id_phase2;
	bool ts_unacceptable;
	bool auth_failed_notify;
	bool quick_mode_unanswered;
	bool kernel;
	enum { STAGE_NONE, STAGE_MAIN_I1, STAGE_MAIN_I3, STAGE_QUICK_I1 } retransmitting;
	char peer_id[128];
	char decisive_line[200];
};

static bool has(const char *line, const char *needle)
{
	return strstr(line, needle) != NULL;
}

/* pluto's own log (logtime=yes) starts each line with "Nov 24 21:31:21.260384: "; the
 * message for the user does without it. */
static const char *without_log_time(const char *line)
{
	const char *end = strstr(line, ": ");
	size_t colons = 0;

	if (!end || end - line > 32 || !isalpha((unsigned char)line[0]) || line[3] != ' ')
		return line;
	for (const char *p = line + 4; p < end; p++) {
		if (*p == ':')
			colons++;
		else if (!isdigit((unsigned char)*p) && *p != ' ' && *p != '.')
			return line;
	}
	return colons == 2 ? end + 2 : line;
}

static void keep_line(char *dst, size_t size, const char *line)
{
	size_t len;

	line = without_log_time(line);
	len = strlen(line);

	if (len >= size)
		len = size - 1;
	memcpy(dst, line, len);
	dst[len] = '\0';
}

/* "Peer ID 'X' mismatched" → X */
static void extract_quoted_after(const char *line, const char *marker, char *dst, size_t size)
{
	const char *start = strstr(line, marker);
	const char *end;

	if (!start)
		return;
	start += strlen(marker);
	end = strchr(start, '\'');
	if (!end)
		return;
	snprintf(dst, size, "%.*s", (int)(end - start), start);
}

static void note_notification(struct facts *f, const char *line)
{
	if (!has(line, "notification") && !has(line, "informational") && !has(line, "Notify"))
		return;
	if (has(line, "NO_PROPOSAL_CHOSEN")) {
		if (f->phase1_done)
			f->npc_phase2 = true;
		else
			f->npc_phase1 = true;
	}
	if (has(line, "INVALID_ID_INFORMATION") && !has(line, "sending")) {
		if (f->phase1_done)
			f->invalid_id_phase2 = true;
		else
			f->psk_suspect = true;
	}
	if (has(line, "TS_UNACCEPTABLE"))
		f->ts_unacceptable = true;
	if ((has(line, "AUTHENTICATION_FAILED") || has(line, "INVALID_HASH_INFORMATION") ||
	     has(line, "PAYLOAD_MALFORMED")) &&
	    !has(line, "sending"))
		f->auth_failed_notify = true;
}

static void note_retransmit(struct facts *f, const char *line)
{
	if (!has(line, "retransmission") && !has(line, "timeout exceeded"))
		return;
	if (has(line, "MAIN_I1") || has(line, "PARENT_I1") || has(line, "IKE_SA_INIT"))
		f->retransmitting = STAGE_MAIN_I1;
	else if (has(line, "MAIN_I3") || has(line, "PARENT_I2") || has(line, "IKE_AUTH"))
		f->retransmitting = STAGE_MAIN_I3;
	else if (has(line, "QUICK_I1"))
		f->retransmitting = STAGE_QUICK_I1;
}

static bool is_certificate_problem(const char *line)
{
	bool bad = has(line, "fail") || has(line, "invalid") || has(line, "expired") ||
		   has(line, "not yet valid") || has(line, "revoked") || has(line, "rejected") ||
		   has(line, "not found") || has(line, "unable") || has(line, "cannot") ||
		   has(line, "no ");

	return (has(line, "certificate") || has(line, "private key") || has(line, "RSA auth")) &&
	       bad;
}

static void note_line(struct facts *f, const char *line)
{
	if (has(line, "IKE SA established") || has(line, "ISAKMP SA established") ||
	    has(line, "established IKE SA"))
		f->phase1_done = true;
	if (has(line, "IPsec SA established") || has(line, "established Child SA"))
		f->established = true;
	if (has(line, "ikev1-policy") && has(line, "does not allow"))
		f->ikev1_policy = true;
	if (has(line, "no connection named") || has(line, "no connection or alias named"))
		f->no_conn = true;
	if (has(line, "Peer ID '%any' mismatched") || has(line, "ADDR: '0.0.0.0'")) {
		f->peer_id_zero = true;
	} else if (has(line, "mismatched on first found connection")) {
		f->peer_id_mismatch = true;
		extract_quoted_after(line, "Peer ID '", f->peer_id, sizeof(f->peer_id));
	}
	if (!f->certificate && is_certificate_problem(line)) {
		f->certificate = true;
		keep_line(f->decisive_line, sizeof(f->decisive_line), line);
	}
	if (has(line, "mismatch of preshared secrets") ||
	    has(line, "no acceptable response to our first encrypted message"))
		f->psk_suspect = true;
	if (has(line, "No response (or no acceptable response) to our first"))
		f->no_response_first = true;
	if (has(line, "Connection refused") && has(line, "ICMP type 3 code 3"))
		f->icmp_refused = true;
	if (has(line, "No acceptable response to our first Quick Mode message"))
		f->quick_mode_unanswered = true;
	if (has(line, "netlink response for Add SA") ||
	    has(line, "setup_half_ipsec_sa() hit fail")) {
		if (!f->kernel)
			keep_line(f->decisive_line, sizeof(f->decisive_line), line);
		f->kernel = true;
	}
	note_notification(f, line);
	note_retransmit(f, line);
}

/* Each stream has its own order of events; facts accumulate across both. */
static void scan(struct facts *f, const char *text)
{
	bool phase1_before = f->phase1_done;
	char line[512];

	if (!text)
		return;
	f->phase1_done = false;
	while (*text) {
		size_t len = strcspn(text, "\n");
		size_t copy = len < sizeof(line) - 1 ? len : sizeof(line) - 1;

		memcpy(line, text, copy);
		line[copy] = '\0';
		note_line(f, line);
		text += len + (text[len] == '\n');
	}
	f->phase1_done = f->phase1_done || phase1_before;
}

bool ipsec_whack_succeeded(int whack_status, const char *whack_output)
{
	return whack_status == 0 && whack_output &&
	       (strstr(whack_output, "IPsec SA established") ||
		strstr(whack_output, "established Child SA"));
}

static enum ipsec_failure decide_by_stage(const struct facts *f, bool timed_out)
{
	switch (f->retransmitting) {
	case STAGE_MAIN_I1:
		return IPSEC_FAILURE_NO_RESPONSE;
	case STAGE_MAIN_I3:
		return IPSEC_FAILURE_PSK_MISMATCH;
	case STAGE_QUICK_I1:
		return IPSEC_FAILURE_ESP_PROPOSAL;
	default:
		return timed_out ? IPSEC_FAILURE_TIMEOUT : IPSEC_FAILURE_UNKNOWN;
	}
}

/* Most specific evidence first: a named cause beats a timeout that merely followed it. */
static enum ipsec_failure decide(const struct facts *f, const struct ipsec_diag_input *in)
{
	if (f->ikev1_policy)
		return IPSEC_FAILURE_IKEV1_DISABLED;
	if (f->kernel)
		return IPSEC_FAILURE_KERNEL;
	if (f->peer_id_zero)
		return IPSEC_FAILURE_PEER_ID_ZERO;
	if (f->peer_id_mismatch)
		return IPSEC_FAILURE_PEER_ID;
	if (f->certificate)
		return IPSEC_FAILURE_CERTIFICATE;
	if (f->psk_suspect || f->auth_failed_notify)
		return in->auth == IPSEC_AUTH_CERT ? IPSEC_FAILURE_CERTIFICATE
						   : IPSEC_FAILURE_PSK_MISMATCH;
	if (f->npc_phase1)
		return IPSEC_FAILURE_IKE_PROPOSAL;
	if (f->invalid_id_phase2 || f->ts_unacceptable)
		return IPSEC_FAILURE_TRAFFIC_SELECTOR;
	if (f->npc_phase2 || f->quick_mode_unanswered)
		return IPSEC_FAILURE_ESP_PROPOSAL;
	if (f->icmp_refused)
		return IPSEC_FAILURE_PORT_UNREACHABLE;
	if (f->no_response_first)
		return IPSEC_FAILURE_NO_RESPONSE;
	if (f->no_conn)
		return IPSEC_FAILURE_CONN_NOT_LOADED;
	return decide_by_stage(f, in->timed_out);
}

static void last_meaningful_line(const char *text, char *dst, size_t size)
{
	const char *best = NULL, *p = text;
	size_t best_len = 0;

	while (p && *p) {
		size_t len = strcspn(p, "\n");

		if (len > 4 && !strstr(p, "rc="))
			best = p, best_len = len;
		p += len + (p[len] == '\n');
	}
	if (best)
		snprintf(dst, size, "%.*s", (int)best_len, best);
}

void ipsec_diagnose(const struct ipsec_diag_input *in, struct ipsec_diagnosis *out)
{
	struct facts f = {0};

	memset(out, 0, sizeof(*out));
	if (!in->timed_out && ipsec_whack_succeeded(in->whack_status, in->whack_output)) {
		out->failure = IPSEC_FAILURE_NONE;
		return;
	}
	scan(&f, in->pluto_log);
	scan(&f, in->whack_output);
	out->failure = decide(&f, in);
	if (out->failure == IPSEC_FAILURE_PEER_ID)
		snprintf(out->detail, sizeof(out->detail), "%s", f.peer_id);
	else if (out->failure == IPSEC_FAILURE_CERTIFICATE || out->failure == IPSEC_FAILURE_KERNEL)
		snprintf(out->detail, sizeof(out->detail), "%s", f.decisive_line);
	else if (out->failure == IPSEC_FAILURE_UNKNOWN)
		last_meaningful_line(in->whack_output, out->detail, sizeof(out->detail));
}

const char *ipsec_failure_name(enum ipsec_failure failure)
{
	static const char *const names[] = {
	    [IPSEC_FAILURE_NONE] = "none",
	    [IPSEC_FAILURE_NO_RESPONSE] = "no-response",
	    [IPSEC_FAILURE_PORT_UNREACHABLE] = "port-unreachable",
	    [IPSEC_FAILURE_PSK_MISMATCH] = "psk-mismatch",
	    [IPSEC_FAILURE_IKE_PROPOSAL] = "ike-proposal",
	    [IPSEC_FAILURE_ESP_PROPOSAL] = "esp-proposal",
	    [IPSEC_FAILURE_TRAFFIC_SELECTOR] = "traffic-selector",
	    [IPSEC_FAILURE_PEER_ID] = "peer-id",
	    [IPSEC_FAILURE_PEER_ID_ZERO] = "peer-id-zero",
	    [IPSEC_FAILURE_IKEV1_DISABLED] = "ikev1-disabled",
	    [IPSEC_FAILURE_CERTIFICATE] = "certificate",
	    [IPSEC_FAILURE_KERNEL] = "kernel",
	    [IPSEC_FAILURE_CONN_NOT_LOADED] = "conn-not-loaded",
	    [IPSEC_FAILURE_TIMEOUT] = "timeout",
	    [IPSEC_FAILURE_UNKNOWN] = "unknown",
	};

	if ((unsigned)failure < sizeof(names) / sizeof(names[0]) && names[failure])
		return names[failure];
	return "unknown";
}

static unsigned long long counter_after(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

bool ipsec_trafficstatus_find(const char *output, const char *conn, unsigned long long *in_bytes,
			      unsigned long long *out_bytes)
{
	char needle[80];
	const char *p = output;

	snprintf(needle, sizeof(needle), "\"%s\"", conn);
	while (p && *p) {
		size_t len = strcspn(p, "\n");
		char line[512];

		snprintf(line, sizeof(line), "%.*s",
			 (int)(len < sizeof(line) ? len : sizeof(line) - 1), p);
		p += len + (p[len] == '\n');
		/* "NAME" followed by a comma: not "NAME"[1] instances of other conns. */
		if (!strstr(line, needle) || !strstr(line, "type=ESP"))
			continue;
		if (in_bytes)
			*in_bytes = counter_after(line, "inBytes=");
		if (out_bytes)
			*out_bytes = counter_after(line, "outBytes=");
		return true;
	}
	return false;
}
