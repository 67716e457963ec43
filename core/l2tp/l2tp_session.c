/* LAC incoming-call state machine [RFC 2661 §7.4.1]. */
#include "config.h"

#include "l2tp/l2tp_session.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp/l2tp_text.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_COMPONENT "l2tp"

#define REASON_MAX 512

/* General Error Codes [RFC 2661 §4.4.2]. */
#define ERROR_NONE		0
#define ERROR_BAD_VALUE		3
#define ERROR_VENDOR_SPECIFIC	6
#define ERROR_UNKNOWN_MANDATORY 8

struct l2tp_session {
	struct l2tp_tunnel *tunnel; /* NULL once the tunnel is freed */
	struct l2tp_session_config cfg;
	char *calling_number;
	struct l2tp_session_ops ops;
	void *ctx;

	enum l2tp_session_state state;
	uint16_t local_id;
	uint16_t peer_id;
	uint32_t call_serial;
	char reason[REASON_MAX];
};

void l2tp_session_config_defaults(struct l2tp_session_config *cfg)
{
	*cfg = (struct l2tp_session_config){
	    .tx_connect_speed = 100000000,
	    .bearer_type = L2TP_BEARER_ANALOG,
	};
}

struct l2tp_session *l2tp_session_new(struct l2tp_tunnel *tunnel,
				      const struct l2tp_session_config *cfg,
				      const struct l2tp_session_ops *ops, void *ctx)
{
	struct l2tp_session *s;

	if (!tunnel || !cfg || cfg->tx_connect_speed == 0)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cfg = *cfg;
	if (cfg->calling_number && !(s->calling_number = strdup(cfg->calling_number))) {
		free(s);
		return NULL;
	}
	s->cfg.calling_number = s->calling_number;
	if (ops)
		s->ops = *ops;
	s->ctx = ctx;
	s->local_id = l2tp_tunnel_allocate_session_id(tunnel);
	if (l2tp_tunnel_attach_session(tunnel, s) < 0) {
		l2tp_session_free(s);
		return NULL;
	}
	s->tunnel = tunnel;
	return s;
}

void l2tp_session_free(struct l2tp_session *s)
{
	if (!s)
		return;
	if (s->tunnel)
		l2tp_tunnel_detach_session(s->tunnel, s);
	free(s->calling_number);
	free(s);
}

enum l2tp_session_state l2tp_session_get_state(const struct l2tp_session *s)
{
	return s->state;
}

uint16_t l2tp_session_local_id(const struct l2tp_session *s)
{
	return s->local_id;
}

uint16_t l2tp_session_peer_id(const struct l2tp_session *s)
{
	return s->peer_id;
}

bool l2tp_session_is_active(const struct l2tp_session *s)
{
	return s->state == L2TP_SESSION_WAIT_TUNNEL || s->state == L2TP_SESSION_WAIT_REPLY ||
	       s->state == L2TP_SESSION_ANSWERED || s->state == L2TP_SESSION_ESTABLISHED;
}

/* --- Reporting ----------------------------------------------------------------------- */

static void set_reason(struct l2tp_session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_reason(struct l2tp_session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->reason, sizeof(s->reason), fmt, ap);
	va_end(ap);
}

/* Every way down ends here: the state changes before the owner hears of it. */
static void session_closed(struct l2tp_session *s, struct l2tp_close_info *info)
{
	s->state = L2TP_SESSION_CLOSED;
	info->reason = s->reason;
	if (info->cause == L2TP_CLOSE_LOCAL)
		l2c_info(LOG_COMPONENT, "session %u closed", s->local_id);
	else
		l2c_warn(LOG_COMPONENT, _("session %u closed: %s"), s->local_id, s->reason);
	if (s->ops.closed)
		s->ops.closed(s->ctx, info);
}

/* --- Sending ------------------------------------------------------------------------- */

static int send_icrq(struct l2tp_session *s, uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	struct l2tp_tunnel *t = s->tunnel;

	s->call_serial = l2tp_tunnel_next_call_serial(t);
	l2tp_tunnel_builder_init(t, &b, buf, sizeof(buf), L2TP_MSG_ICRQ);
	l2tp_tunnel_add_hideable_u16(t, &b, L2TP_AVP_ASSIGNED_SESSION_ID, true, s->local_id);
	l2tp_tunnel_add_hideable_u32(t, &b, L2TP_AVP_CALL_SERIAL_NUMBER, true, s->call_serial);
	l2tp_tunnel_add_hideable_u32(t, &b, L2TP_AVP_BEARER_TYPE, true, s->cfg.bearer_type);
	if (s->calling_number)
		l2tp_tunnel_add_hideable(t, &b, L2TP_AVP_CALLING_NUMBER, true, s->calling_number,
					 strlen(s->calling_number));
	return l2tp_tunnel_send_built(t, &b, 0, now_ms);
}

/* Framing sync and a non-zero speed: what Windows and xl2tpd expect (PROTOCOL.md §1.3). */
static int send_iccn(struct l2tp_session *s, uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	struct l2tp_tunnel *t = s->tunnel;

	l2tp_tunnel_builder_init(t, &b, buf, sizeof(buf), L2TP_MSG_ICCN);
	l2tp_tunnel_add_hideable_u32(t, &b, L2TP_AVP_TX_CONNECT_SPEED, true,
				     s->cfg.tx_connect_speed);
	l2tp_tunnel_add_hideable_u32(t, &b, L2TP_AVP_FRAMING_TYPE, true, L2TP_FRAMING_SYNC);
	if (s->cfg.rx_connect_speed)
		l2tp_tunnel_add_hideable_u32(t, &b, L2TP_AVP_RX_CONNECT_SPEED, false,
					     s->cfg.rx_connect_speed);
	return l2tp_tunnel_send_built(t, &b, s->peer_id, now_ms);
}

/* CDN carries our own Assigned Session ID and a Result Code, which is never hidden
 * [RFC 2661 §6.13, §4.4.2]. */
static int send_cdn(struct l2tp_session *s, uint16_t result, uint16_t error, const char *text,
		    uint64_t now_ms)
{
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	struct l2tp_tunnel *t = s->tunnel;

	l2tp_tunnel_builder_init(t, &b, buf, sizeof(buf), L2TP_MSG_CDN);
	l2tp_builder_add_result(&b, result, error, text);
	l2tp_tunnel_add_hideable_u16(t, &b, L2TP_AVP_ASSIGNED_SESSION_ID, true, s->local_id);
	return l2tp_tunnel_send_built(t, &b, s->peer_id, now_ms);
}

/* We end the call because the peer broke the protocol. */
static void session_fail(struct l2tp_session *s, uint16_t error, const char *wire_text,
			 uint64_t now_ms)
{
	struct l2tp_close_info info = {.cause = L2TP_CLOSE_PROTOCOL_ERROR};

	if (send_cdn(s, L2TP_CDN_GENERAL_ERROR, error, wire_text, now_ms) < 0)
		l2c_warn(LOG_COMPONENT, _("could not send CDN for session %u"), s->local_id);
	session_closed(s, &info);
}

static void confirm_call(struct l2tp_session *s, uint64_t now_ms)
{
	if (send_iccn(s, now_ms) < 0) {
		set_reason(s, "%s", _("could not send the call confirmation (ICCN)"));
		session_fail(s, ERROR_VENDOR_SPECIFIC, "internal error", now_ms);
		return;
	}
	s->state = L2TP_SESSION_ESTABLISHED;
	l2c_info(LOG_COMPONENT, "session established: local id %u, peer id %u", s->local_id,
		 s->peer_id);
	if (s->ops.established)
		s->ops.established(s->ctx, s->local_id, s->peer_id);
}

static void send_icrq_or_fail(struct l2tp_session *s, uint64_t now_ms)
{
	struct l2tp_close_info info = {.cause = L2TP_CLOSE_LOCAL};

	if (send_icrq(s, now_ms) == 0) {
		s->state = L2TP_SESSION_WAIT_REPLY;
		return;
	}
	set_reason(s, "%s", _("could not send the incoming call request (ICRQ)"));
	session_closed(s, &info);
}

/* --- Owner's requests ----------------------------------------------------------------- */

int l2tp_session_open(struct l2tp_session *s, uint64_t now_ms)
{
	enum l2tp_tunnel_state tunnel_state;

	if (s->state != L2TP_SESSION_IDLE)
		return -EALREADY;
	if (!s->tunnel)
		return -ENOTCONN;
	tunnel_state = l2tp_tunnel_get_state(s->tunnel);
	if (tunnel_state == L2TP_TUNNEL_ESTABLISHED) {
		send_icrq_or_fail(s, now_ms);
		return s->state == L2TP_SESSION_WAIT_REPLY ? 0 : -EIO;
	}
	if (tunnel_state != L2TP_TUNNEL_IDLE && tunnel_state != L2TP_TUNNEL_WAIT_CTL_REPLY)
		return -ENOTCONN;
	s->state = L2TP_SESSION_WAIT_TUNNEL;
	return 0;
}

int l2tp_session_confirm(struct l2tp_session *s, uint64_t now_ms)
{
	if (s->state != L2TP_SESSION_ANSWERED || !s->tunnel)
		return -EALREADY;
	confirm_call(s, now_ms);
	return s->state == L2TP_SESSION_ESTABLISHED ? 0 : -EIO;
}

static bool peer_knows_call(const struct l2tp_session *s)
{
	return s->tunnel && (s->state == L2TP_SESSION_WAIT_REPLY ||
			     s->state == L2TP_SESSION_ANSWERED ||
			     s->state == L2TP_SESSION_ESTABLISHED);
}

int l2tp_session_close(struct l2tp_session *s, uint16_t result, uint64_t now_ms)
{
	struct l2tp_close_info info = {.cause = L2TP_CLOSE_LOCAL, .clean = true};

	if (s->state == L2TP_SESSION_CLOSED)
		return -EALREADY;
	if (peer_knows_call(s) && send_cdn(s, result, ERROR_NONE, NULL, now_ms) < 0)
		info.clean = false;
	set_reason(s, "%s", _("the call was closed"));
	session_closed(s, &info);
	return 0;
}

/* --- Tunnel's notifications ----------------------------------------------------------- */

void l2tp_session_on_tunnel_up(struct l2tp_session *s, uint64_t now_ms)
{
	if (s->state == L2TP_SESSION_WAIT_TUNNEL)
		send_icrq_or_fail(s, now_ms);
}

void l2tp_session_on_tunnel_down(struct l2tp_session *s, const struct l2tp_close_info *info)
{
	struct l2tp_close_info mine = *info;

	if (s->state == L2TP_SESSION_CLOSED)
		return;
	set_reason(s, "%s", info->reason ? info->reason : "");
	mine.cause = L2TP_CLOSE_TUNNEL_DOWN;
	session_closed(s, &mine);
}

void l2tp_session_forget_tunnel(struct l2tp_session *s)
{
	s->tunnel = NULL;
	if (l2tp_session_is_active(s))
		s->state = L2TP_SESSION_CLOSED;
}

/* --- Incoming messages --------------------------------------------------------------- */

static void session_on_fsm_error(struct l2tp_session *s, const struct l2tp_message *msg,
				 uint64_t now_ms)
{
	char text[64];

	snprintf(text, sizeof(text), "unexpected %s", l2tp_message_type_name(msg->type));
	set_reason(s, _("the server sent an unexpected %s message"),
		   l2tp_message_type_name(msg->type));
	session_fail(s, ERROR_VENDOR_SPECIFIC, text, now_ms);
}

static void session_on_icrp(struct l2tp_session *s, const struct l2tp_message *msg, uint64_t now_ms)
{
	if (s->state != L2TP_SESSION_WAIT_REPLY) {
		session_on_fsm_error(s, msg, now_ms);
		return;
	}
	if (!l2tp_message_has(msg, L2TP_AVP_ASSIGNED_SESSION_ID) || !msg->assigned_session_id) {
		set_reason(s, "%s",
			   _("the server's call reply (ICRP) carries no valid Assigned "
			     "Session ID"));
		session_fail(s, ERROR_BAD_VALUE, "missing or zero Assigned Session ID", now_ms);
		return;
	}
	s->peer_id = msg->assigned_session_id;
	if (!s->cfg.confirm_later) {
		confirm_call(s, now_ms);
		return;
	}
	s->state = L2TP_SESSION_ANSWERED;
	l2c_debug(LOG_COMPONENT, "session %u answered by peer session %u; ICCN held", s->local_id,
		  s->peer_id);
	if (s->ops.answered)
		s->ops.answered(s->ctx, s->local_id, s->peer_id);
}

static void session_on_cdn(struct l2tp_session *s, const struct l2tp_message *msg)
{
	char detail[REASON_MAX / 2];
	bool has_result = l2tp_message_has(msg, L2TP_AVP_RESULT_CODE);
	struct l2tp_close_info info = {
	    .cause = L2TP_CLOSE_PEER,
	    .peer_result = msg->result.result,
	    .peer_error = msg->result.has_error ? msg->result.error : 0,
	};

	if (has_result) {
		l2tp_text_describe_result(detail, sizeof(detail), L2TP_MSG_CDN, &msg->result, true);
		set_reason(s, "%s", detail);
	} else {
		set_reason(s, "%s", _("the server disconnected the call without a reason"));
	}
	session_closed(s, &info);
}

/* An M=1 AVP we do not understand in a session message clears the session [RFC 2661
 * §4.1], naming it in the Error Message [§4.4.2]. */
static void session_on_unknown_mandatory(struct l2tp_session *s, const struct l2tp_message *msg,
					 uint64_t now_ms)
{
	char text[96];

	snprintf(text, sizeof(text), "unknown mandatory AVP: vendor %u attribute %u",
		 msg->unknown_mandatory_vendor, msg->unknown_mandatory_attribute);
	set_reason(s,
		   _("the server sent a mandatory attribute we do not know (vendor %u, "
		     "attribute %u)"),
		   msg->unknown_mandatory_vendor, msg->unknown_mandatory_attribute);
	session_fail(s, ERROR_UNKNOWN_MANDATORY, text, now_ms);
}

void l2tp_session_handle_message(struct l2tp_session *s, const struct l2tp_message *msg,
				 uint64_t now_ms)
{
	if (!l2tp_session_is_active(s) || !s->tunnel)
		return;
	if (msg->has_unknown_mandatory && msg->type != L2TP_MSG_CDN) {
		session_on_unknown_mandatory(s, msg, now_ms);
		return;
	}
	switch (msg->type) {
	case L2TP_MSG_ICRP:
		session_on_icrp(s, msg, now_ms);
		break;
	case L2TP_MSG_CDN:
		session_on_cdn(s, msg);
		break;
	case L2TP_MSG_ICRQ:
	case L2TP_MSG_ICCN:
	case L2TP_MSG_OCRQ:
	case L2TP_MSG_OCRP:
	case L2TP_MSG_OCCN:
		session_on_fsm_error(s, msg, now_ms);
		break;
	default:
		/* SLI only matters to async framing, and a LAC ignores it [MS-L2TPIE]. */
		l2c_debug(LOG_COMPONENT, "session %u ignores %s", s->local_id,
			  l2tp_message_type_name(msg->type));
		break;
	}
}
