/* LAC control connection state machine [RFC 2661 §7.2.1] on top of l2tp_reliable. */
#include "config.h"

#include "l2tp/l2tp_tunnel.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp/l2tp_session.h"
#include "l2tp/l2tp_text.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_COMPONENT "l2tp"

#define CHALLENGE_LEN	     16
#define REASON_MAX	     512
#define DEFAULT_VENDOR_NAME  "l2tp-connect"
#define OUR_PROTOCOL_VERSION 0x0100 /* 1.0, as the Error Code of StopCCN result 5 wants it */

/* StopCCN Result Codes [RFC 2661 §4.4.2]. */
#define STOPCCN_CLEAR	       1
#define STOPCCN_GENERAL_ERROR  2
#define STOPCCN_NOT_AUTHORIZED 4
#define STOPCCN_BAD_VERSION    5
#define STOPCCN_FSM_ERROR      7
/* General Error Codes [RFC 2661 §4.4.2]. */
#define ERROR_NONE		0
#define ERROR_BAD_LENGTH	2
#define ERROR_BAD_VALUE		3
#define ERROR_VENDOR_SPECIFIC	6
#define ERROR_UNKNOWN_MANDATORY 8
/* CDN Result Code for calls we cannot take: "no appropriate facilities (permanent)". */
#define CDN_NO_FACILITIES 5

struct l2tp_tunnel {
	struct l2tp_tunnel_config cfg; /* its strings and secret point to the copies below */
	char *host_name;
	char *vendor_name;
	uint8_t *secret_data;
	struct l2tp_tunnel_ops ops;
	void *ctx;

	struct l2tp_reliable *channel;
	enum l2tp_tunnel_state state;
	uint16_t local_id;
	uint16_t peer_id;
	uint8_t challenge[CHALLENGE_LEN];
	bool sent_challenge;
	uint8_t random_vector[L2TP_RANDOM_VECTOR_LEN]; /* must outlive the builder using it */
	uint64_t now_ms;			       /* as of the current call into us */
	uint64_t idle_since_ms;			       /* last message received or HELLO sent */
	uint64_t hold_until_ms;
	uint32_t call_serial;
	bool closed_reported;

	struct l2tp_session **sessions;
	size_t n_sessions;

	char reason[REASON_MAX];
};

static void tunnel_on_message(void *ctx, uint8_t *buf, size_t len, uint64_t now_ms);
static void tunnel_on_peer_dead(void *ctx, unsigned int retransmissions);

void l2tp_tunnel_config_defaults(struct l2tp_tunnel_config *cfg)
{
	*cfg = (struct l2tp_tunnel_config){
	    .hello_interval_ms = 60000,
	    .hold_time_ms = 31000,
	};
	l2tp_reliable_config_defaults(&cfg->reliable);
}

const char *l2tp_tunnel_state_name(enum l2tp_tunnel_state state)
{
	switch (state) {
	case L2TP_TUNNEL_IDLE:
		return "idle";
	case L2TP_TUNNEL_WAIT_CTL_REPLY:
		return "wait-ctl-reply";
	case L2TP_TUNNEL_ESTABLISHED:
		return "established";
	case L2TP_TUNNEL_CLOSING:
		return "closing";
	case L2TP_TUNNEL_HOLD:
		return "hold";
	case L2TP_TUNNEL_CLOSED:
		return "closed";
	}
	return "?";
}

/* --- Construction ------------------------------------------------------------------ */

static int tunnel_send_raw(void *ctx, const uint8_t *buf, size_t len)
{
	struct l2tp_tunnel *t = ctx;

	return t->ops.send(t->ctx, buf, len);
}

/* IDs SHOULD be unpredictable and MUST be non-zero [RFC 2661 §4.4.3, §4.4.4]. */
static uint16_t random_nonzero_u16(struct l2tp_tunnel *t)
{
	uint8_t b[2];

	for (int attempt = 0; attempt < 16; attempt++) {
		t->ops.random_bytes(t->ctx, b, sizeof(b));
		if (b[0] || b[1])
			return (uint16_t)(b[0] << 8 | b[1]);
	}
	return 1; /* a broken random source; never reached with a real one */
}

static int copy_config(struct l2tp_tunnel *t, const struct l2tp_tunnel_config *cfg)
{
	t->cfg = *cfg;
	t->host_name = strdup(cfg->host_name);
	t->vendor_name = strdup(cfg->vendor_name ? cfg->vendor_name : DEFAULT_VENDOR_NAME);
	if (!t->host_name || !t->vendor_name)
		return -ENOMEM;
	t->cfg.host_name = t->host_name;
	t->cfg.vendor_name = t->vendor_name;
	t->cfg.secret = (struct l2tp_secret){0};
	if (cfg->secret.data && cfg->secret.len > 0) {
		t->secret_data = malloc(cfg->secret.len);
		if (!t->secret_data)
			return -ENOMEM;
		memcpy(t->secret_data, cfg->secret.data, cfg->secret.len);
		t->cfg.secret = (struct l2tp_secret){t->secret_data, cfg->secret.len};
	}
	t->cfg.hide_avps = cfg->hide_avps && t->secret_data;
	if (cfg->hide_avps && !t->secret_data)
		l2c_warn(LOG_COMPONENT,
			 _("hiding AVPs needs a tunnel secret; sending them in clear"));
	return 0;
}

struct l2tp_tunnel *l2tp_tunnel_new(const struct l2tp_tunnel_config *cfg,
				    const struct l2tp_tunnel_ops *ops, void *ctx)
{
	static const struct l2tp_reliable_ops channel_ops = {
	    .send = tunnel_send_raw,
	    .deliver = tunnel_on_message,
	    .peer_dead = tunnel_on_peer_dead,
	};
	struct l2tp_tunnel *t;

	if (!cfg || !ops || !ops->send || !ops->random_bytes || !cfg->host_name ||
	    !cfg->host_name[0])
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ops = *ops;
	t->ctx = ctx;
	if (copy_config(t, cfg) < 0 ||
	    !(t->channel = l2tp_reliable_new(&cfg->reliable, &channel_ops, t))) {
		l2tp_tunnel_free(t);
		return NULL;
	}
	t->local_id = random_nonzero_u16(t);
	t->call_serial = 1;
	return t;
}

void l2tp_tunnel_free(struct l2tp_tunnel *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_sessions; i++)
		l2tp_session_forget_tunnel(t->sessions[i]);
	free(t->sessions);
	l2tp_reliable_free(t->channel);
	if (t->secret_data)
		explicit_bzero(t->secret_data, t->cfg.secret.len);
	free(t->secret_data);
	free(t->host_name);
	free(t->vendor_name);
	free(t);
}

/* --- Accessors ---------------------------------------------------------------------- */

enum l2tp_tunnel_state l2tp_tunnel_get_state(const struct l2tp_tunnel *t)
{
	return t->state;
}

uint16_t l2tp_tunnel_local_id(const struct l2tp_tunnel *t)
{
	return t->local_id;
}

uint16_t l2tp_tunnel_peer_id(const struct l2tp_tunnel *t)
{
	return t->peer_id;
}

bool l2tp_tunnel_has_no_sessions(const struct l2tp_tunnel *t)
{
	for (size_t i = 0; i < t->n_sessions; i++)
		if (l2tp_session_is_active(t->sessions[i]))
			return false;
	return true;
}

/* --- Sessions' side ------------------------------------------------------------------ */

int l2tp_tunnel_attach_session(struct l2tp_tunnel *t, struct l2tp_session *s)
{
	struct l2tp_session **grown = realloc(t->sessions, (t->n_sessions + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	t->sessions = grown;
	t->sessions[t->n_sessions++] = s;
	return 0;
}

void l2tp_tunnel_detach_session(struct l2tp_tunnel *t, struct l2tp_session *s)
{
	for (size_t i = 0; i < t->n_sessions; i++) {
		if (t->sessions[i] != s)
			continue;
		memmove(&t->sessions[i], &t->sessions[i + 1],
			(t->n_sessions - i - 1) * sizeof(*t->sessions));
		t->n_sessions--;
		return;
	}
}

static struct l2tp_session *find_session(const struct l2tp_tunnel *t, uint16_t local_id)
{
	for (size_t i = 0; i < t->n_sessions; i++)
		if (l2tp_session_local_id(t->sessions[i]) == local_id)
			return t->sessions[i];
	return NULL;
}

uint16_t l2tp_tunnel_allocate_session_id(struct l2tp_tunnel *t)
{
	uint16_t id = random_nonzero_u16(t);

	for (int attempt = 0; attempt < 64 && find_session(t, id); attempt++)
		id = random_nonzero_u16(t);
	return id;
}

uint32_t l2tp_tunnel_next_call_serial(struct l2tp_tunnel *t)
{
	return t->call_serial++;
}

void l2tp_tunnel_builder_init(const struct l2tp_tunnel *t, struct l2tp_builder *b, uint8_t *buf,
			      size_t cap, enum l2tp_message_type type)
{
	l2tp_builder_init(b, buf, cap, type, &t->cfg.secret);
}

void l2tp_tunnel_add_hideable(struct l2tp_tunnel *t, struct l2tp_builder *b,
			      enum l2tp_avp_type type, bool mandatory, const void *value,
			      size_t len)
{
	if (!t->cfg.hide_avps) {
		l2tp_builder_add_bytes(b, type, mandatory, value, len);
		return;
	}
	/* One Random Vector per message serves every hidden AVP after it [RFC 2661 §4.3]. */
	if (!b->random_vector) {
		t->ops.random_bytes(t->ctx, t->random_vector, sizeof(t->random_vector));
		l2tp_builder_add_random_vector(b, t->random_vector, sizeof(t->random_vector));
	}
	l2tp_builder_add_hidden(b, type, mandatory, value, len, NULL, 0);
}

void l2tp_tunnel_add_hideable_u16(struct l2tp_tunnel *t, struct l2tp_builder *b,
				  enum l2tp_avp_type type, bool mandatory, uint16_t value)
{
	uint8_t be[2] = {(uint8_t)(value >> 8), (uint8_t)value};

	l2tp_tunnel_add_hideable(t, b, type, mandatory, be, sizeof(be));
}

void l2tp_tunnel_add_hideable_u32(struct l2tp_tunnel *t, struct l2tp_builder *b,
				  enum l2tp_avp_type type, bool mandatory, uint32_t value)
{
	uint8_t be[4] = {(uint8_t)(value >> 24), (uint8_t)(value >> 16), (uint8_t)(value >> 8),
			 (uint8_t)value};

	l2tp_tunnel_add_hideable(t, b, type, mandatory, be, sizeof(be));
}

int l2tp_tunnel_send_built(struct l2tp_tunnel *t, struct l2tp_builder *b, uint16_t peer_session_id,
			   uint64_t now_ms)
{
	int len = l2tp_builder_finish(b, t->peer_id, peer_session_id, 0, 0);

	if (len < 0)
		return len;
	return l2tp_reliable_send(t->channel, b->buf, (size_t)len, now_ms);
}

/* --- Reporting ----------------------------------------------------------------------- */

static void set_reason(struct l2tp_tunnel *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_reason(struct l2tp_tunnel *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->reason, sizeof(t->reason), fmt, ap);
	va_end(ap);
}

static void report_closed(struct l2tp_tunnel *t, struct l2tp_close_info *info)
{
	if (t->closed_reported)
		return;
	t->closed_reported = true;
	info->reason = t->reason;
	if (info->cause == L2TP_CLOSE_LOCAL && info->clean)
		l2c_info(LOG_COMPONENT, "tunnel %u closed", t->local_id);
	else
		l2c_warn(LOG_COMPONENT, _("tunnel %u closed: %s"), t->local_id, t->reason);
	if (t->ops.closed)
		t->ops.closed(t->ctx, info);
}

static void sessions_tunnel_down(struct l2tp_tunnel *t)
{
	struct l2tp_close_info info = {
	    .cause = L2TP_CLOSE_TUNNEL_DOWN,
	    .reason = t->reason,
	};

	for (size_t i = 0; i < t->n_sessions; i++)
		l2tp_session_on_tunnel_down(t->sessions[i], &info);
}

/* --- Sending tunnel messages ------------------------------------------------------------ */

/* StopCCN carries our own Assigned Tunnel ID and a Result Code [RFC 2661 §6.4]. */
static int send_stopccn(struct l2tp_tunnel *t, uint16_t result, uint16_t error, const char *text,
			uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_STOPCCN, &t->cfg.secret);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, t->local_id);
	l2tp_builder_add_result(&b, result, error, text);
	return l2tp_tunnel_send_built(t, &b, 0, now_ms);
}

static void add_sccrq_challenge(struct l2tp_tunnel *t, struct l2tp_builder *b)
{
	if (!t->cfg.secret.data)
		return;
	t->ops.random_bytes(t->ctx, t->challenge, sizeof(t->challenge));
	t->sent_challenge = true;
	l2tp_builder_add_bytes(b, L2TP_AVP_CHALLENGE, true, t->challenge, sizeof(t->challenge));
}

/* No Tie Breaker: a pure client refuses every SCCRQ instead [RFC 2661 §4.4.3]. */
static int send_sccrq(struct l2tp_tunnel *t, uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRQ, &t->cfg.secret);
	l2tp_builder_add_protocol_version(&b);
	l2tp_builder_add_bytes(&b, L2TP_AVP_HOST_NAME, true, t->host_name, strlen(t->host_name));
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_CAPABILITIES, true,
			     L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC);
	l2tp_builder_add_u32(&b, L2TP_AVP_BEARER_CAPABILITIES, true,
			     L2TP_BEARER_DIGITAL | L2TP_BEARER_ANALOG);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, t->local_id);
	l2tp_builder_add_u16(&b, L2TP_AVP_RECEIVE_WINDOW_SIZE, true,
			     t->cfg.reliable.receive_window);
	l2tp_builder_add_u16(&b, L2TP_AVP_FIRMWARE_REVISION, false, t->cfg.firmware_revision);
	l2tp_builder_add_bytes(&b, L2TP_AVP_VENDOR_NAME, false, t->vendor_name,
			       strlen(t->vendor_name));
	add_sccrq_challenge(t, &b);
	return l2tp_tunnel_send_built(t, &b, 0, now_ms);
}

/* The response to the peer's Challenge is MD5(3 ‖ secret ‖ challenge) [RFC 2661 §4.4.3]. */
static int send_scccn(struct l2tp_tunnel *t, const struct l2tp_message *sccrp, uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCCN, &t->cfg.secret);
	if (l2tp_message_has(sccrp, L2TP_AVP_CHALLENGE)) {
		l2tp_challenge_response(response, L2TP_MSG_SCCCN, &t->cfg.secret,
					sccrp->challenge.data, sccrp->challenge.len);
		l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE_RESPONSE, true, response,
				       sizeof(response));
	}
	return l2tp_tunnel_send_built(t, &b, 0, now_ms);
}

static int send_hello(struct l2tp_tunnel *t, uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_HELLO, &t->cfg.secret);
	return l2tp_tunnel_send_built(t, &b, 0, now_ms);
}

/* --- Going down ------------------------------------------------------------------- */

/* We end the tunnel because of the peer: sessions go with it, StopCCN tells the peer
 * why, and the owner hears about it now rather than when the StopCCN is acknowledged. */
static void tunnel_fail(struct l2tp_tunnel *t, enum l2tp_close_cause cause, uint16_t result,
			uint16_t error, const char *wire_text)
{
	struct l2tp_close_info info = {.cause = cause};
	int r;

	sessions_tunnel_down(t);
	l2tp_reliable_drop_outgoing(t->channel);
	r = send_stopccn(t, result, error, wire_text, t->now_ms);
	t->state = r < 0 ? L2TP_TUNNEL_CLOSED : L2TP_TUNNEL_CLOSING;
	report_closed(t, &info);
}

static void tunnel_check_close_complete(struct l2tp_tunnel *t)
{
	struct l2tp_close_info info = {.cause = L2TP_CLOSE_LOCAL, .clean = true};

	if (t->state != L2TP_TUNNEL_CLOSING || l2tp_reliable_outstanding(t->channel) > 0)
		return;
	t->state = L2TP_TUNNEL_CLOSED;
	if (t->closed_reported)
		return; /* a failure already told the owner why */
	set_reason(t, "%s", _("the tunnel was closed"));
	report_closed(t, &info);
}

static void tunnel_on_peer_dead(void *ctx, unsigned int retransmissions)
{
	struct l2tp_tunnel *t = ctx;
	struct l2tp_close_info info = {
	    .cause = L2TP_CLOSE_PEER_DEAD,
	    .retransmissions = retransmissions,
	};

	if (t->state == L2TP_TUNNEL_CLOSING) {
		info.cause = L2TP_CLOSE_LOCAL;
		set_reason(t, "%s", _("the server did not acknowledge the end of the tunnel"));
	} else {
		set_reason(t,
			   dngettext(GETTEXT_PACKAGE,
				     "no response from the server after %u retransmission",
				     "no response from the server after %u retransmissions",
				     retransmissions),
			   retransmissions);
	}
	t->state = L2TP_TUNNEL_CLOSED;
	sessions_tunnel_down(t);
	report_closed(t, &info);
}

/* --- Incoming tunnel messages --------------------------------------------------------- */

static void tunnel_on_fsm_error(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	char text[64];

	snprintf(text, sizeof(text), "unexpected %s in state %s", l2tp_message_type_name(msg->type),
		 l2tp_tunnel_state_name(t->state));
	set_reason(t, _("the server sent an unexpected %s message"),
		   l2tp_message_type_name(msg->type));
	tunnel_fail(t, L2TP_CLOSE_PROTOCOL_ERROR, STOPCCN_FSM_ERROR, ERROR_NONE, text);
}

/* An M=1 AVP we do not understand clears the tunnel [RFC 2661 §4.1]; the error message
 * SHOULD name it [§4.4.2]. */
static void tunnel_on_unknown_mandatory(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	char text[96];
	uint16_t vendor = msg->unknown_mandatory_vendor;
	uint16_t attr = msg->unknown_mandatory_attribute;

	snprintf(text, sizeof(text), "unknown mandatory AVP: vendor %u attribute %u", vendor, attr);
	set_reason(t,
		   _("the server sent a mandatory attribute we do not know (vendor %u, "
		     "attribute %u)"),
		   vendor, attr);
	tunnel_fail(t, L2TP_CLOSE_PROTOCOL_ERROR, STOPCCN_GENERAL_ERROR, ERROR_UNKNOWN_MANDATORY,
		    text);
}

static void tunnel_on_malformed(struct l2tp_tunnel *t, int error,
				const struct l2tp_parse_error *err)
{
	const char *why = err->reason ? err->reason : "malformed control message";

	if (error == -EACCES && !t->cfg.secret.data) {
		set_reason(t, "%s",
			   _("the server hides attributes with a tunnel secret, but none "
			     "is configured"));
		tunnel_fail(t, L2TP_CLOSE_AUTH_FAILED, STOPCCN_GENERAL_ERROR, ERROR_VENDOR_SPECIFIC,
			    "hidden AVP without a shared secret");
		return;
	}
	set_reason(t, _("the server sent a malformed control message (%s, attribute %u)"), why,
		   err->attribute);
	tunnel_fail(t, L2TP_CLOSE_PROTOCOL_ERROR, STOPCCN_GENERAL_ERROR,
		    error == -EBADMSG ? ERROR_BAD_LENGTH : ERROR_VENDOR_SPECIFIC, why);
}

/* --- SCCRP ------------------------------------------------------------------------- */

/* Each refusal of an SCCRP: the reason for our owner, the StopCCN for the peer. */
static bool refuse_authentication(struct l2tp_tunnel *t, const char *wire_text, const char *reason)
{
	set_reason(t, "%s", reason);
	tunnel_fail(t, L2TP_CLOSE_AUTH_FAILED, STOPCCN_NOT_AUTHORIZED, ERROR_NONE, wire_text);
	return false;
}

static bool refuse_bad_value(struct l2tp_tunnel *t, const char *wire_text, const char *reason)
{
	set_reason(t, "%s", reason);
	tunnel_fail(t, L2TP_CLOSE_PROTOCOL_ERROR, STOPCCN_GENERAL_ERROR, ERROR_BAD_VALUE,
		    wire_text);
	return false;
}

/* Tunnel authentication, both ways [RFC 2661 §5.1.1]: our Challenge must come back
 * answered, and a peer that challenges us needs a secret we have. */
static bool sccrp_authenticates(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	const struct l2tp_bytes *response = &msg->challenge_response;
	int r;

	if (l2tp_message_has(msg, L2TP_AVP_CHALLENGE) && !t->cfg.secret.data)
		return refuse_authentication(
		    t, "no shared secret configured",
		    _("tunnel authentication failed: the server requires a tunnel secret (it "
		      "sent a Challenge), but none is configured"));
	if (!t->sent_challenge)
		return true;
	if (!l2tp_message_has(msg, L2TP_AVP_CHALLENGE_RESPONSE))
		return refuse_authentication(
		    t, "no Challenge Response",
		    _("tunnel authentication failed: the server did not answer our Challenge "
		      "(is the tunnel secret set on the server?)"));
	r = l2tp_challenge_response_verify(L2TP_MSG_SCCRP, &t->cfg.secret, t->challenge,
					   sizeof(t->challenge), response->data, response->len);
	if (r == 0)
		return true;
	if (r == -EIO)
		return refuse_authentication(t, "MD5 unavailable",
					     _("tunnel authentication failed: MD5 is not available "
					       "on this system (FIPS mode?)"));
	return refuse_authentication(t, "Challenge Response mismatch",
				     _("tunnel authentication failed: the server's Challenge "
				       "Response does not match (check the tunnel secret)"));
}

static bool sccrp_version_ok(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	if (l2tp_message_has(msg, L2TP_AVP_PROTOCOL_VERSION) && msg->protocol_version == 1)
		return true;
	set_reason(t, _("the server speaks L2TP protocol version %u.%u; we speak 1.0"),
		   msg->protocol_version, msg->protocol_revision);
	tunnel_fail(t, L2TP_CLOSE_PROTOCOL_ERROR, STOPCCN_BAD_VERSION, OUR_PROTOCOL_VERSION, NULL);
	return false;
}

static bool sccrp_is_acceptable(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	if (!l2tp_message_has(msg, L2TP_AVP_ASSIGNED_TUNNEL_ID) || msg->assigned_tunnel_id == 0)
		return refuse_bad_value(
		    t, "missing or zero Assigned Tunnel ID",
		    _("the server's reply (SCCRP) carries no valid Assigned Tunnel ID"));
	t->peer_id = msg->assigned_tunnel_id;
	l2tp_reliable_set_peer_tunnel_id(t->channel, t->peer_id);
	if (!sccrp_authenticates(t, msg) || !sccrp_version_ok(t, msg))
		return false;
	if (l2tp_message_has(msg, L2TP_AVP_RECEIVE_WINDOW_SIZE) &&
	    l2tp_reliable_set_peer_window(t->channel, msg->receive_window_size) < 0)
		return refuse_bad_value(t, "Receive Window Size 0",
					_("the server announced a receive window of 0"));
	return true;
}

static void tunnel_on_sccrp(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	if (t->state != L2TP_TUNNEL_WAIT_CTL_REPLY) {
		tunnel_on_fsm_error(t, msg);
		return;
	}
	if (!sccrp_is_acceptable(t, msg))
		return;
	if (send_scccn(t, msg, t->now_ms) < 0) {
		set_reason(t, "%s", _("could not send the connection confirmation (SCCCN)"));
		tunnel_fail(t, L2TP_CLOSE_PROTOCOL_ERROR, STOPCCN_GENERAL_ERROR,
			    ERROR_VENDOR_SPECIFIC, "internal error");
		return;
	}
	t->state = L2TP_TUNNEL_ESTABLISHED;
	l2c_info(LOG_COMPONENT, "tunnel established: local id %u, peer id %u", t->local_id,
		 t->peer_id);
	if (t->ops.established)
		t->ops.established(t->ctx, t->local_id, t->peer_id);
	for (size_t i = 0; i < t->n_sessions && t->state == L2TP_TUNNEL_ESTABLISHED; i++)
		l2tp_session_on_tunnel_up(t->sessions[i], t->now_ms);
}

/* --- StopCCN from the peer --------------------------------------------------------- */

/* The codec's result texts already say "the server …", so they stand alone. */
static void describe_stopccn(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	char detail[REASON_MAX / 2];

	if (!l2tp_message_has(msg, L2TP_AVP_RESULT_CODE)) {
		set_reason(t, "%s", _("the server closed the control connection without a reason"));
		return;
	}
	l2tp_text_describe_result(detail, sizeof(detail), L2TP_MSG_STOPCCN, &msg->result, true);
	if (msg->result.result == STOPCCN_NOT_AUTHORIZED)
		set_reason(t, _("%s (check the tunnel secret)"), detail);
	else
		set_reason(t, "%s", detail);
}

/* The receiver of StopCCN answers with a ZLB at once and keeps the tunnel a while to
 * acknowledge retransmissions [RFC 2661 §5.7]. */
static void tunnel_on_stopccn(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	struct l2tp_close_info info = {
	    .cause = L2TP_CLOSE_PEER,
	    .peer_result = msg->result.result,
	    .peer_error = msg->result.has_error ? msg->result.error : 0,
	};
	bool was_closing = t->state == L2TP_TUNNEL_CLOSING;

	if (!t->peer_id && l2tp_message_has(msg, L2TP_AVP_ASSIGNED_TUNNEL_ID))
		l2tp_reliable_set_peer_tunnel_id(t->channel, msg->assigned_tunnel_id);
	l2tp_reliable_flush_ack(t->channel);
	l2tp_reliable_drop_outgoing(t->channel);
	if (was_closing) {
		info = (struct l2tp_close_info){.cause = L2TP_CLOSE_LOCAL, .clean = true};
		set_reason(t, "%s", _("the tunnel was closed"));
	} else {
		describe_stopccn(t, msg);
	}
	t->state = L2TP_TUNNEL_HOLD;
	t->hold_until_ms = t->now_ms + t->cfg.hold_time_ms;
	sessions_tunnel_down(t);
	report_closed(t, &info);
}

/* --- Session messages ---------------------------------------------------------------- */

static bool is_session_message(enum l2tp_message_type type)
{
	switch (type) {
	case L2TP_MSG_ICRQ:
	case L2TP_MSG_ICRP:
	case L2TP_MSG_ICCN:
	case L2TP_MSG_OCRQ:
	case L2TP_MSG_OCRP:
	case L2TP_MSG_OCCN:
	case L2TP_MSG_CDN:
	case L2TP_MSG_WEN:
	case L2TP_MSG_SLI:
		return true;
	default:
		return false;
	}
}

/* A LAC client takes no calls from the LNS: answer its ICRQ/OCRQ with CDN. */
static void tunnel_refuse_call(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;

	if (!l2tp_message_has(msg, L2TP_AVP_ASSIGNED_SESSION_ID) || !msg->assigned_session_id)
		return;
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_CDN, &t->cfg.secret);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true,
			     l2tp_tunnel_allocate_session_id(t));
	l2tp_builder_add_result(&b, CDN_NO_FACILITIES, ERROR_NONE, "this LAC accepts no calls");
	l2tp_tunnel_send_built(t, &b, msg->assigned_session_id, t->now_ms);
}

static void tunnel_to_session(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	uint16_t sid = msg->header.session_id;
	struct l2tp_session *s = sid ? find_session(t, sid) : NULL;

	if (t->state != L2TP_TUNNEL_ESTABLISHED)
		return;
	if (s) {
		l2tp_session_handle_message(s, msg, t->now_ms);
		return;
	}
	if (msg->type == L2TP_MSG_ICRQ || msg->type == L2TP_MSG_OCRQ) {
		tunnel_refuse_call(t, msg);
		return;
	}
	l2c_debug(LOG_COMPONENT, "%s for unknown session %u ignored",
		  l2tp_message_type_name(msg->type), sid);
}

/* --- Incoming dispatch ------------------------------------------------------------- */

static void tunnel_dispatch(struct l2tp_tunnel *t, const struct l2tp_message *msg)
{
	switch (msg->type) {
	case L2TP_MSG_SCCRP:
		tunnel_on_sccrp(t, msg);
		break;
	case L2TP_MSG_STOPCCN:
		tunnel_on_stopccn(t, msg);
		break;
	case L2TP_MSG_HELLO:
		break; /* the acknowledgement is the whole answer [RFC 2661 §6.5] */
	case L2TP_MSG_SCCRQ:
	case L2TP_MSG_SCCCN:
		tunnel_on_fsm_error(t, msg);
		break;
	default:
		l2c_debug(LOG_COMPONENT, "ignoring message type %u", (unsigned int)msg->type);
		break;
	}
}

/* The reliable layer's in-order delivery. */
static void tunnel_on_message(void *ctx, uint8_t *buf, size_t len, uint64_t now_ms)
{
	struct l2tp_tunnel *t = ctx;
	struct l2tp_parse_error err = {0};
	struct l2tp_message msg;
	int r;

	t->now_ms = now_ms;
	if (t->state == L2TP_TUNNEL_HOLD || t->state == L2TP_TUNNEL_CLOSED)
		return; /* acknowledged; nothing else to do */
	r = l2tp_message_parse(buf, len, &t->cfg.secret, &msg, &err);
	if (r < 0) {
		if (t->state != L2TP_TUNNEL_CLOSING)
			tunnel_on_malformed(t, r, &err);
		return;
	}
	l2c_debug(LOG_COMPONENT, "received %s (Ns=%u, session %u)",
		  l2tp_message_type_name(msg.type), msg.header.ns, msg.header.session_id);
	if (t->state == L2TP_TUNNEL_CLOSING && msg.type != L2TP_MSG_STOPCCN)
		return;
	if (is_session_message(msg.type) || msg.header.session_id != 0)
		tunnel_to_session(t, &msg);
	else if (msg.has_unknown_mandatory && msg.type != L2TP_MSG_STOPCCN)
		tunnel_on_unknown_mandatory(t, &msg);
	else
		tunnel_dispatch(t, &msg);
}

/* An SCCRQ for a new tunnel (header Tunnel ID 0) is refused: we are a client without a
 * Tie Breaker [RFC 2661 §4.4.3]. One unreliable StopCCN; the requester retransmits if it
 * is lost and gets another. */
static int tunnel_refuse_sccrq(struct l2tp_tunnel *t, uint8_t *buf, size_t len)
{
	uint8_t out[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int r = l2tp_message_parse(buf, len, &t->cfg.secret, &msg, NULL);

	if (r < 0)
		return r;
	if (msg.type != L2TP_MSG_SCCRQ || !msg.assigned_tunnel_id)
		return -ENOENT;
	l2tp_builder_init(&b, out, sizeof(out), L2TP_MSG_STOPCCN, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, t->local_id);
	l2tp_builder_add_result(&b, STOPCCN_NOT_AUTHORIZED, ERROR_NONE,
				"this host accepts no tunnels");
	r = l2tp_builder_finish(&b, msg.assigned_tunnel_id, 0, 0, (uint16_t)(msg.header.ns + 1));
	if (r < 0)
		return r;
	l2c_info(LOG_COMPONENT, "refused an unsolicited SCCRQ");
	return t->ops.send(t->ctx, out, (size_t)r);
}

int l2tp_tunnel_receive(struct l2tp_tunnel *t, uint8_t *buf, size_t len, uint64_t now_ms)
{
	struct l2tp_header hdr;
	int r = l2tp_header_parse(buf, len, &hdr);

	if (r < 0)
		return r;
	if (!hdr.is_control)
		return -EINVAL;
	if (t->state == L2TP_TUNNEL_IDLE || t->state == L2TP_TUNNEL_CLOSED)
		return -ENOTCONN;
	t->now_ms = now_ms;
	if (hdr.tunnel_id != t->local_id)
		return hdr.tunnel_id == 0 ? tunnel_refuse_sccrq(t, buf, len) : -ENOENT;
	t->idle_since_ms = now_ms;
	r = l2tp_reliable_receive(t->channel, buf, len, &hdr, now_ms);
	tunnel_check_close_complete(t);
	return r;
}

/* --- Time ------------------------------------------------------------------------ */

static uint64_t hello_deadline(const struct l2tp_tunnel *t)
{
	if (t->state != L2TP_TUNNEL_ESTABLISHED || t->cfg.hello_interval_ms == 0)
		return L2TP_NO_DEADLINE;
	return t->idle_since_ms + t->cfg.hello_interval_ms;
}

uint64_t l2tp_tunnel_next_deadline(const struct l2tp_tunnel *t)
{
	uint64_t deadline = l2tp_reliable_next_deadline(t->channel);
	uint64_t hello = hello_deadline(t);

	if (t->state == L2TP_TUNNEL_IDLE || t->state == L2TP_TUNNEL_CLOSED)
		return L2TP_NO_DEADLINE;
	if (hello < deadline)
		deadline = hello;
	if (t->state == L2TP_TUNNEL_HOLD && t->hold_until_ms < deadline)
		deadline = t->hold_until_ms;
	return deadline;
}

/* HELLO keeps an idle control connection honest: its delivery failing is how a silent
 * peer is found dead [RFC 2661 §5.5]. */
void l2tp_tunnel_on_timer(struct l2tp_tunnel *t, uint64_t now_ms)
{
	if (t->state == L2TP_TUNNEL_IDLE || t->state == L2TP_TUNNEL_CLOSED)
		return;
	t->now_ms = now_ms;
	l2tp_reliable_on_timer(t->channel, now_ms);
	if (t->state == L2TP_TUNNEL_HOLD && now_ms >= t->hold_until_ms)
		t->state = L2TP_TUNNEL_CLOSED;
	if (now_ms >= hello_deadline(t)) {
		t->idle_since_ms = now_ms;
		if (send_hello(t, now_ms) < 0)
			l2c_warn(LOG_COMPONENT, _("could not send HELLO"));
	}
}

/* --- Owner's requests ----------------------------------------------------------------- */

int l2tp_tunnel_open(struct l2tp_tunnel *t, uint64_t now_ms)
{
	int r;

	if (t->state != L2TP_TUNNEL_IDLE)
		return -EALREADY;
	t->now_ms = now_ms;
	t->idle_since_ms = now_ms;
	r = send_sccrq(t, now_ms);
	if (r < 0)
		return r;
	t->state = L2TP_TUNNEL_WAIT_CTL_REPLY;
	l2c_debug(LOG_COMPONENT, "SCCRQ sent, local tunnel id %u", t->local_id);
	return 0;
}

static void close_sessions(struct l2tp_tunnel *t)
{
	for (size_t i = 0; i < t->n_sessions; i++)
		if (l2tp_session_is_active(t->sessions[i]))
			l2tp_session_close(t->sessions[i], L2TP_CDN_ADMINISTRATIVE, t->now_ms);
}

/* Before the SCCRP the peer's Tunnel ID is unknown, so there is nobody to address a
 * StopCCN to: the tunnel is abandoned and the peer times out. */
static void tunnel_abandon(struct l2tp_tunnel *t)
{
	struct l2tp_close_info info = {.cause = L2TP_CLOSE_LOCAL, .clean = true};

	l2tp_reliable_drop_outgoing(t->channel);
	t->state = L2TP_TUNNEL_CLOSED;
	set_reason(t, "%s", _("the tunnel was closed"));
	close_sessions(t);
	report_closed(t, &info);
}

int l2tp_tunnel_close(struct l2tp_tunnel *t, uint64_t now_ms)
{
	struct l2tp_close_info info = {.cause = L2TP_CLOSE_LOCAL};

	t->now_ms = now_ms;
	switch (t->state) {
	case L2TP_TUNNEL_IDLE:
	case L2TP_TUNNEL_WAIT_CTL_REPLY:
		tunnel_abandon(t);
		return 0;
	case L2TP_TUNNEL_ESTABLISHED:
		break;
	default:
		return -EALREADY;
	}
	close_sessions(t);
	if (send_stopccn(t, STOPCCN_CLEAR, ERROR_NONE, NULL, now_ms) < 0) {
		t->state = L2TP_TUNNEL_CLOSED;
		set_reason(t, "%s", _("could not send StopCCN"));
		report_closed(t, &info);
		return 0;
	}
	t->state = L2TP_TUNNEL_CLOSING;
	return 0;
}
