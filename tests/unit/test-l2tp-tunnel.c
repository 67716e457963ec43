/* The LAC tunnel and session state machines [RFC 2661 §7.2.1, §7.4.1] against a fake LNS
 * written here with the codec, on a fake clock and a deterministic random source. */
#include "config.h"

#include "l2tp/l2tp_session.h"
#include "l2tp/l2tp_text.h"
#include "l2tp/l2tp_tunnel.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#include "util/log.h"

#define LNS_TUNNEL_ID  0x4c4e
#define LNS_SESSION_ID 0x5353
#define HOLD_MS	       5000

static const uint8_t lns_challenge[16] = "LNS-challenge-16";
static const uint8_t lns_random_vector[16] = "LNS-randomvector";

/* What the fake LNS saw of one message from us. */
struct seen {
	uint64_t at;
	struct l2tp_header hdr;
	enum l2tp_message_type type;
	uint64_t present;
	uint16_t result, error;
	char result_text[128];
	uint16_t assigned_tunnel_id, assigned_session_id, receive_window_size;
	uint32_t framing_capabilities, tx_connect_speed, framing_type, bearer_type;
	uint8_t protocol_version, protocol_revision;
	char host_name[64];
	bool has_challenge;
	int session_id_flags; /* AVP flags word of Assigned Session ID, -1 when absent */
	int firmware_flags, vendor_flags;
};

struct lns {
	struct l2tp_secret secret; /* .data NULL: the LNS has none */
	bool send_challenge;	   /* Challenge in SCCRP */
	bool hide;		   /* hide Assigned Tunnel/Session ID in SCCRP/ICRP */
	bool deaf;		   /* datagrams to the LNS are lost */
	bool silent;		   /* the LNS receives but answers nothing */
	bool omit_response;	   /* no Challenge Response in SCCRP */
	bool bad_version;
	bool omit_tunnel_id;
	bool unknown_mandatory_in_sccrp;
	bool unknown_mandatory_in_icrp;
	uint16_t lac_tid, lac_sid;
	uint16_t ns, nr;
	uint8_t sccrq_challenge[64];
	size_t sccrq_challenge_len;
	int scccn_verify; /* l2tp_challenge_response_verify on the SCCCN, 1 = not checked */
	guint lost;
	GArray *seen; /* struct seen */
};

struct harness {
	struct l2tp_tunnel *t;
	struct l2tp_session *s;
	struct lns lns;
	uint64_t now;
	uint64_t last_delivery; /* when the LNS last sent us something */
	uint32_t rng;
	GQueue *to_lns; /* GBytes */

	int established;
	uint16_t est_local, est_peer;
	int closed;
	struct l2tp_close_info closed_info;
	char closed_reason[512];
	uint64_t closed_at;

	int s_answered;
	int s_established;
	uint16_t s_local, s_peer;
	int s_closed;
	enum l2tp_close_cause s_cause;
	bool s_clean;
	char s_reason[512];
};

/* --- the LAC's callbacks ------------------------------------------------------------- */

static int lac_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct harness *h = ctx;

	g_queue_push_tail(h->to_lns, g_bytes_new(buf, len));
	return 0;
}

static void lac_random(void *ctx, uint8_t *buf, size_t len)
{
	struct harness *h = ctx;

	for (size_t i = 0; i < len; i++) {
		h->rng ^= h->rng << 13;
		h->rng ^= h->rng >> 17;
		h->rng ^= h->rng << 5;
		buf[i] = (uint8_t)h->rng;
	}
}

static void lac_established(void *ctx, uint16_t local, uint16_t peer)
{
	struct harness *h = ctx;

	h->established++;
	h->est_local = local;
	h->est_peer = peer;
}

static void lac_closed(void *ctx, const struct l2tp_close_info *info)
{
	struct harness *h = ctx;

	h->closed++;
	h->closed_info = *info;
	g_strlcpy(h->closed_reason, info->reason, sizeof(h->closed_reason));
	h->closed_info.reason = h->closed_reason;
	h->closed_at = h->now;
}

static void session_answered(void *ctx, uint16_t local, uint16_t peer)
{
	struct harness *h = ctx;

	h->s_answered++;
	h->s_local = local;
	h->s_peer = peer;
}

static void session_established(void *ctx, uint16_t local, uint16_t peer)
{
	struct harness *h = ctx;

	h->s_established++;
	h->s_local = local;
	h->s_peer = peer;
}

static void session_closed(void *ctx, const struct l2tp_close_info *info)
{
	struct harness *h = ctx;

	h->s_closed++;
	h->s_cause = info->cause;
	h->s_clean = info->clean;
	g_strlcpy(h->s_reason, info->reason, sizeof(h->s_reason));
}

static const struct l2tp_tunnel_ops tunnel_ops = {
    .send = lac_send,
    .random_bytes = lac_random,
    .established = lac_established,
    .closed = lac_closed,
};

static const struct l2tp_session_ops session_ops = {
    .answered = session_answered,
    .established = session_established,
    .closed = session_closed,
};

/* --- the fake LNS ---------------------------------------------------------------------- */

/* Flags word of the first IETF AVP `attr`, read before parsing (which decrypts in place). */
static int raw_avp_flags(const uint8_t *buf, size_t len, uint16_t attr)
{
	size_t off = L2TP_CONTROL_HEADER_LEN;

	while (off + L2TP_AVP_HEADER_LEN <= len) {
		uint16_t flags = (uint16_t)(buf[off] << 8 | buf[off + 1]);
		uint16_t avp_len = flags & L2TP_AVP_LENGTH_MASK;
		uint16_t vendor = (uint16_t)(buf[off + 2] << 8 | buf[off + 3]);
		uint16_t type = (uint16_t)(buf[off + 4] << 8 | buf[off + 5]);

		if (avp_len < L2TP_AVP_HEADER_LEN)
			return -1;
		if (vendor == 0 && type == attr)
			return flags & (L2TP_AVP_M | L2TP_AVP_H);
		off += avp_len;
	}
	return -1;
}

static void copy_text(char *out, size_t cap, const struct l2tp_bytes *b)
{
	size_t n = MIN(b->len, cap - 1);

	if (n)
		memcpy(out, b->data, n);
	out[n] = '\0';
}

static void record(struct harness *h, const uint8_t *raw, size_t len,
		   const struct l2tp_message *msg)
{
	struct seen s = {
	    .at = h->now,
	    .hdr = msg->header,
	    .type = msg->type,
	    .present = msg->present,
	    .result = msg->result.result,
	    .error = msg->result.error,
	    .assigned_tunnel_id = msg->assigned_tunnel_id,
	    .assigned_session_id = msg->assigned_session_id,
	    .receive_window_size = msg->receive_window_size,
	    .framing_capabilities = msg->framing_capabilities,
	    .tx_connect_speed = msg->tx_connect_speed,
	    .framing_type = msg->framing_type,
	    .bearer_type = msg->bearer_type,
	    .protocol_version = msg->protocol_version,
	    .protocol_revision = msg->protocol_revision,
	    .has_challenge = l2tp_message_has(msg, L2TP_AVP_CHALLENGE),
	    .session_id_flags = raw_avp_flags(raw, len, L2TP_AVP_ASSIGNED_SESSION_ID),
	    .firmware_flags = raw_avp_flags(raw, len, L2TP_AVP_FIRMWARE_REVISION),
	    .vendor_flags = raw_avp_flags(raw, len, L2TP_AVP_VENDOR_NAME),
	};

	copy_text(s.result_text, sizeof(s.result_text), &msg->result.message);
	copy_text(s.host_name, sizeof(s.host_name), &msg->host_name);
	g_array_append_val(h->lns.seen, s);
}

static void deliver_to_lac(struct harness *h, uint8_t *buf, size_t len)
{
	h->last_delivery = h->now;
	l2tp_tunnel_receive(h->t, buf, len, h->now);
}

static void lns_send(struct harness *h, struct l2tp_builder *b, uint16_t session_id)
{
	int len = l2tp_builder_finish(b, h->lns.lac_tid, session_id, h->lns.ns++, h->lns.nr);

	g_assert_cmpint(len, >, 0);
	deliver_to_lac(h, b->buf, (size_t)len);
}

static void lns_zlb(struct harness *h)
{
	uint8_t buf[L2TP_CONTROL_HEADER_LEN];

	l2tp_control_header_write(buf, sizeof(buf), h->lns.lac_tid, 0, h->lns.ns, h->lns.nr);
	deliver_to_lac(h, buf, sizeof(buf));
}

static void lns_add_id(struct harness *h, struct l2tp_builder *b, enum l2tp_avp_type type,
		       uint16_t id)
{
	uint8_t be[2] = {id >> 8, id & 0xff};

	if (!h->lns.hide) {
		l2tp_builder_add_u16(b, type, true, id);
		return;
	}
	if (!b->random_vector)
		l2tp_builder_add_random_vector(b, lns_random_vector, sizeof(lns_random_vector));
	l2tp_builder_add_hidden(b, type, true, be, sizeof(be), NULL, 0);
}

static void lns_send_sccrp(struct harness *h)
{
	uint8_t buf[1024], response[L2TP_CHALLENGE_RESPONSE_LEN];
	static const uint8_t version_2[2] = {2, 0};
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRP, &h->lns.secret);
	if (h->lns.bad_version)
		l2tp_builder_add_bytes(&b, L2TP_AVP_PROTOCOL_VERSION, true, version_2, 2);
	else
		l2tp_builder_add_protocol_version(&b);
	l2tp_builder_add_bytes(&b, L2TP_AVP_HOST_NAME, true, "lns", 3);
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_CAPABILITIES, true, L2TP_FRAMING_SYNC);
	if (!h->lns.omit_tunnel_id)
		lns_add_id(h, &b, L2TP_AVP_ASSIGNED_TUNNEL_ID, LNS_TUNNEL_ID);
	l2tp_builder_add_u16(&b, L2TP_AVP_RECEIVE_WINDOW_SIZE, true, 4);
	if (h->lns.send_challenge)
		l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE, true, lns_challenge,
				       sizeof(lns_challenge));
	if (h->lns.sccrq_challenge_len && h->lns.secret.data && !h->lns.omit_response) {
		l2tp_challenge_response(response, L2TP_MSG_SCCRP, &h->lns.secret,
					h->lns.sccrq_challenge, h->lns.sccrq_challenge_len);
		l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE_RESPONSE, true, response,
				       sizeof(response));
	}
	if (h->lns.unknown_mandatory_in_sccrp)
		l2tp_builder_add_vendor_avp(&b, 9999, 77, true, "x", 1);
	lns_send(h, &b, 0);
}

static void lns_send_icrp(struct harness *h)
{
	uint8_t buf[256];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRP, &h->lns.secret);
	lns_add_id(h, &b, L2TP_AVP_ASSIGNED_SESSION_ID, LNS_SESSION_ID);
	if (h->lns.unknown_mandatory_in_icrp)
		l2tp_builder_add_vendor_avp(&b, 0, 200, true, "y", 1);
	lns_send(h, &b, h->lns.lac_sid);
}

static void lns_on_sccrq(struct harness *h, const struct l2tp_message *msg)
{
	h->lns.lac_tid = msg->assigned_tunnel_id;
	h->lns.sccrq_challenge_len = MIN(msg->challenge.len, sizeof(h->lns.sccrq_challenge));
	if (h->lns.sccrq_challenge_len)
		memcpy(h->lns.sccrq_challenge, msg->challenge.data, h->lns.sccrq_challenge_len);
	lns_send_sccrp(h);
}

static void lns_on_scccn(struct harness *h, const struct l2tp_message *msg)
{
	if (h->lns.send_challenge)
		h->lns.scccn_verify = l2tp_challenge_response_verify(
		    L2TP_MSG_SCCCN, &h->lns.secret, lns_challenge, sizeof(lns_challenge),
		    msg->challenge_response.data, msg->challenge_response.len);
	lns_zlb(h);
}

static void lns_answer(struct harness *h, const struct l2tp_message *msg)
{
	switch (msg->type) {
	case L2TP_MSG_SCCRQ:
		lns_on_sccrq(h, msg);
		break;
	case L2TP_MSG_SCCCN:
		lns_on_scccn(h, msg);
		break;
	case L2TP_MSG_ICRQ:
		h->lns.lac_sid = msg->assigned_session_id;
		lns_send_icrp(h);
		break;
	default:
		lns_zlb(h);
		break;
	}
}

static void lns_receive(struct harness *h, GBytes *datagram)
{
	gsize len;
	const uint8_t *data = g_bytes_get_data(datagram, &len);
	g_autofree uint8_t *buf = g_malloc(len);
	struct l2tp_message msg;
	bool in_order;

	memcpy(buf, data, len);
	g_assert_cmpint(l2tp_message_parse(buf, len, &h->lns.secret, &msg, NULL), ==, 0);
	record(h, data, len, &msg);
	if (msg.type == L2TP_MSG_ZLB)
		return;
	in_order = msg.header.ns == h->lns.nr;
	if (in_order)
		h->lns.nr++;
	if (h->lns.silent)
		return;
	if (in_order)
		lns_answer(h, &msg);
	else
		lns_zlb(h); /* a retransmission: acknowledge again */
}

static void lns_pump(struct harness *h)
{
	GBytes *datagram;

	while ((datagram = g_queue_pop_head(h->to_lns))) {
		if (h->lns.deaf)
			h->lns.lost++;
		else
			lns_receive(h, datagram);
		g_bytes_unref(datagram);
	}
}

/* --- the harness ---------------------------------------------------------------------- */

static void run_until(struct harness *h, uint64_t to)
{
	uint64_t deadline;

	lns_pump(h);
	while ((deadline = l2tp_tunnel_next_deadline(h->t)) <= to) {
		g_assert_cmpuint(deadline, >=, h->now);
		h->now = deadline;
		l2tp_tunnel_on_timer(h->t, h->now);
		lns_pump(h);
	}
	h->now = to;
}

static void config_for_test(struct l2tp_tunnel_config *cfg)
{
	l2tp_tunnel_config_defaults(cfg);
	cfg->host_name = "lac";
	cfg->hold_time_ms = HOLD_MS;
}

static const struct l2tp_secret no_secret;

static void harness_start_call(struct harness *h, const struct l2tp_tunnel_config *cfg,
			       const struct l2tp_secret *lns_secret, bool confirm_later)
{
	struct l2tp_session_config scfg;

	memset(h, 0, sizeof(*h));
	h->rng = 0x12345678;
	h->to_lns = g_queue_new();
	h->lns.seen = g_array_new(FALSE, TRUE, sizeof(struct seen));
	h->lns.secret = *lns_secret;
	h->lns.scccn_verify = 1;
	h->t = l2tp_tunnel_new(cfg, &tunnel_ops, h);
	g_assert_nonnull(h->t);
	l2tp_session_config_defaults(&scfg);
	scfg.confirm_later = confirm_later;
	h->s = l2tp_session_new(h->t, &scfg, &session_ops, h);
	g_assert_nonnull(h->s);
	g_assert_cmpint(l2tp_session_open(h->s, h->now), ==, 0);
	g_assert_cmpint(l2tp_session_get_state(h->s), ==, L2TP_SESSION_WAIT_TUNNEL);
	g_assert_cmpint(l2tp_tunnel_open(h->t, h->now), ==, 0);
}

static void harness_start(struct harness *h, const struct l2tp_tunnel_config *cfg,
			  const struct l2tp_secret *lns_secret)
{
	harness_start_call(h, cfg, lns_secret, false);
}

static void harness_clear(struct harness *h)
{
	l2tp_session_free(h->s);
	l2tp_tunnel_free(h->t);
	g_queue_free_full(h->to_lns, (GDestroyNotify)g_bytes_unref);
	g_array_unref(h->lns.seen);
}

static const struct seen *seen_at(struct harness *h, guint i)
{
	g_assert_cmpuint(i, <, h->lns.seen->len);
	return &g_array_index(h->lns.seen, struct seen, i);
}

/* The i-th non-ZLB message the LNS saw, or NULL. */
static const struct seen *seen_message(struct harness *h, guint nth)
{
	for (guint i = 0; i < h->lns.seen->len; i++) {
		const struct seen *s = seen_at(h, i);

		if (s->type != L2TP_MSG_ZLB && nth-- == 0)
			return s;
	}
	return NULL;
}

static const struct seen *last_of_type(struct harness *h, enum l2tp_message_type type)
{
	for (guint i = h->lns.seen->len; i-- > 0;)
		if (seen_at(h, i)->type == type)
			return seen_at(h, i);
	return NULL;
}

static guint count_of_type(struct harness *h, enum l2tp_message_type type)
{
	guint n = 0;

	for (guint i = 0; i < h->lns.seen->len; i++)
		n += seen_at(h, i)->type == type;
	return n;
}

static void start_and_establish(struct harness *h, const struct l2tp_tunnel_config *cfg,
				const struct l2tp_secret *lns_secret)
{
	harness_start(h, cfg, lns_secret);
	run_until(h, 1000);
	g_assert_cmpint(h->established, ==, 1);
	g_assert_cmpint(h->s_established, ==, 1);
	g_assert_cmpint(h->closed, ==, 0);
}

#define SECRET(s) ((struct l2tp_secret){(const uint8_t *)(s), sizeof(s) - 1})

/* --- tests: establishment ---------------------------------------------------------------- */

static void test_happy_path(void)
{
	static const enum l2tp_message_type order[] = {L2TP_MSG_SCCRQ, L2TP_MSG_SCCCN,
						       L2TP_MSG_ICRQ, L2TP_MSG_ICCN};
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *m;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	for (guint i = 0; i < G_N_ELEMENTS(order); i++) {
		m = seen_message(&h, i);
		g_assert_nonnull(m);
		g_assert_cmpint(m->type, ==, order[i]);
		g_assert_cmpuint(m->hdr.ns, ==, i);
	}
	g_assert_null(seen_message(&h, G_N_ELEMENTS(order)));

	m = seen_message(&h, 0); /* SCCRQ */
	g_assert_cmpuint(m->hdr.tunnel_id, ==, 0);
	g_assert_cmpuint(m->protocol_version, ==, 1);
	g_assert_cmpuint(m->protocol_revision, ==, 0);
	g_assert_cmpstr(m->host_name, ==, "lac");
	g_assert_cmpuint(m->framing_capabilities, ==, L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC);
	g_assert_true(m->present & (UINT64_C(1) << L2TP_AVP_BEARER_CAPABILITIES));
	g_assert_cmpuint(m->assigned_tunnel_id, ==, l2tp_tunnel_local_id(h.t));
	g_assert_cmpuint(m->assigned_tunnel_id, !=, 0);
	g_assert_cmpuint(m->receive_window_size, ==, cfg.reliable.receive_window);
	g_assert_false(m->present & (UINT64_C(1) << L2TP_AVP_TIE_BREAKER));
	g_assert_false(m->has_challenge);
	g_assert_cmpint(m->firmware_flags, ==, 0); /* M=0, not hidden */
	g_assert_cmpint(m->vendor_flags, ==, 0);

	m = seen_message(&h, 2); /* ICRQ */
	g_assert_cmpuint(m->hdr.tunnel_id, ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(m->hdr.session_id, ==, 0);
	g_assert_cmpuint(m->assigned_session_id, ==, l2tp_session_local_id(h.s));
	g_assert_cmpuint(m->assigned_session_id, !=, 0);
	g_assert_cmpint(m->session_id_flags, ==, L2TP_AVP_M);
	g_assert_true(m->present & (UINT64_C(1) << L2TP_AVP_CALL_SERIAL_NUMBER));
	g_assert_true(m->present & (UINT64_C(1) << L2TP_AVP_BEARER_TYPE));

	m = seen_message(&h, 3); /* ICCN */
	g_assert_cmpuint(m->hdr.session_id, ==, LNS_SESSION_ID);
	g_assert_cmpuint(m->tx_connect_speed, ==, 100000000);
	g_assert_cmpuint(m->framing_type, ==, L2TP_FRAMING_SYNC);

	g_assert_cmpuint(h.est_local, ==, l2tp_tunnel_local_id(h.t));
	g_assert_cmpuint(h.est_peer, ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(l2tp_tunnel_peer_id(h.t), ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(h.s_local, ==, l2tp_session_local_id(h.s));
	g_assert_cmpuint(h.s_peer, ==, LNS_SESSION_ID);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_ESTABLISHED);
	g_assert_cmpint(l2tp_session_get_state(h.s), ==, L2TP_SESSION_ESTABLISHED);
	g_assert_false(l2tp_tunnel_has_no_sessions(h.t));
	harness_clear(&h);
}

/* With confirm_later the ICCN waits until the owner's data path is ready. */
static void test_iccn_held_until_confirmed(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *iccn;

	config_for_test(&cfg);
	harness_start_call(&h, &cfg, &no_secret, true);
	run_until(&h, 1000);
	g_assert_cmpint(h.established, ==, 1);
	g_assert_cmpint(h.s_answered, ==, 1);
	g_assert_cmpuint(h.s_peer, ==, LNS_SESSION_ID);
	g_assert_cmpint(h.s_established, ==, 0);
	g_assert_cmpint(l2tp_session_get_state(h.s), ==, L2TP_SESSION_ANSWERED);
	g_assert_cmpuint(count_of_type(&h, L2TP_MSG_ICCN), ==, 0);

	h.now = 1500;
	g_assert_cmpint(l2tp_session_confirm(h.s, h.now), ==, 0);
	run_until(&h, 2500);
	iccn = last_of_type(&h, L2TP_MSG_ICCN);
	g_assert_nonnull(iccn);
	g_assert_cmpuint(iccn->hdr.session_id, ==, LNS_SESSION_ID);
	g_assert_cmpuint(iccn->at, >=, 1500);
	g_assert_cmpint(h.s_established, ==, 1);
	g_assert_cmpint(l2tp_session_get_state(h.s), ==, L2TP_SESSION_ESTABLISHED);
	g_assert_cmpint(l2tp_session_confirm(h.s, h.now), ==, -EALREADY);
	g_assert_cmpuint(count_of_type(&h, L2TP_MSG_ICCN), ==, 1);
	harness_clear(&h);
}

/* The LNS knows the call from its ICRP on: giving up before the ICCN still says so. */
static void test_close_of_answered_call_sends_cdn(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *cdn;

	config_for_test(&cfg);
	harness_start_call(&h, &cfg, &no_secret, true);
	run_until(&h, 1000);
	g_assert_cmpint(l2tp_session_get_state(h.s), ==, L2TP_SESSION_ANSWERED);
	g_assert_cmpint(l2tp_session_close(h.s, L2TP_CDN_GENERAL_ERROR, h.now), ==, 0);
	run_until(&h, 2000);
	cdn = last_of_type(&h, L2TP_MSG_CDN);
	g_assert_nonnull(cdn);
	g_assert_cmpuint(cdn->hdr.session_id, ==, LNS_SESSION_ID);
	g_assert_cmpuint(cdn->result, ==, L2TP_CDN_GENERAL_ERROR);
	g_assert_cmpuint(count_of_type(&h, L2TP_MSG_ICCN), ==, 0);
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_established, ==, 0);
	g_assert_cmpint(l2tp_session_confirm(h.s, h.now), ==, -EALREADY);
	harness_clear(&h);
}

static void test_authentication_both_directions(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	cfg.secret = SECRET("tunnel secret");
	harness_start(&h, &cfg, &SECRET("tunnel secret"));
	h.lns.send_challenge = true;
	run_until(&h, 1000);
	g_assert_true(seen_message(&h, 0)->has_challenge);
	g_assert_cmpint(h.lns.scccn_verify, ==, 0);
	g_assert_cmpint(h.established, ==, 1);
	g_assert_cmpint(h.s_established, ==, 1);
	harness_clear(&h);
}

static void test_wrong_secret_fails_with_reason(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *stop;

	config_for_test(&cfg);
	cfg.secret = SECRET("ours");
	harness_start(&h, &cfg, &SECRET("theirs"));
	run_until(&h, 1000);
	g_assert_cmpint(h.established, ==, 0);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_AUTH_FAILED);
	g_assert_false(h.closed_info.clean);
	g_assert_nonnull(strstr(h.closed_reason, "Challenge Response does not match"));
	g_assert_nonnull(strstr(h.closed_reason, "tunnel secret"));
	stop = last_of_type(&h, L2TP_MSG_STOPCCN);
	g_assert_nonnull(stop);
	g_assert_cmpuint(stop->result, ==, 4);
	g_assert_cmpuint(stop->hdr.tunnel_id, ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(stop->assigned_tunnel_id, ==, l2tp_tunnel_local_id(h.t));
	g_assert_cmpint(count_of_type(&h, L2TP_MSG_SCCCN), ==, 0);
	g_assert_cmpint(count_of_type(&h, L2TP_MSG_ICRQ), ==, 0);
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_TUNNEL_DOWN);
	run_until(&h, 2000); /* the LNS acknowledged the StopCCN */
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_CLOSED);
	g_assert_cmpint(h.closed, ==, 1);
	harness_clear(&h);
}

static void test_peer_challenge_without_our_secret(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &SECRET("theirs"));
	h.lns.send_challenge = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_AUTH_FAILED);
	g_assert_nonnull(strstr(h.closed_reason, "none is configured"));
	g_assert_cmpuint(last_of_type(&h, L2TP_MSG_STOPCCN)->result, ==, 4);
	harness_clear(&h);
}

static void test_missing_challenge_response(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	cfg.secret = SECRET("ours");
	harness_start(&h, &cfg, &no_secret);
	run_until(&h, 1000);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_AUTH_FAILED);
	g_assert_nonnull(strstr(h.closed_reason, "did not answer our Challenge"));
	harness_clear(&h);
}

static void test_hidden_avps_from_peer(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	cfg.secret = SECRET("hide and seek");
	harness_start(&h, &cfg, &SECRET("hide and seek"));
	h.lns.hide = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.s_established, ==, 1);
	g_assert_cmpuint(h.est_peer, ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(h.s_peer, ==, LNS_SESSION_ID);
	harness_clear(&h);
}

static void test_hidden_avps_from_peer_without_secret(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &SECRET("hide and seek"));
	h.lns.hide = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.established, ==, 0);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_nonnull(strstr(h.closed_reason, "none is configured"));
	g_assert_nonnull(last_of_type(&h, L2TP_MSG_STOPCCN));
	harness_clear(&h);
}

static void test_we_hide_session_avps(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *icrq;

	config_for_test(&cfg);
	cfg.secret = SECRET("hide and seek");
	cfg.hide_avps = true;
	start_and_establish(&h, &cfg, &SECRET("hide and seek"));
	icrq = last_of_type(&h, L2TP_MSG_ICRQ);
	g_assert_cmpint(icrq->session_id_flags, ==, L2TP_AVP_M | L2TP_AVP_H);
	g_assert_cmpuint(icrq->assigned_session_id, ==, l2tp_session_local_id(h.s));
	g_assert_cmpuint(last_of_type(&h, L2TP_MSG_ICCN)->tx_connect_speed, ==, 100000000);
	/* SCCRQ is never hidden: the LNS must read it before it picks a secret */
	g_assert_cmpint(seen_message(&h, 0)->firmware_flags, ==, 0);
	harness_clear(&h);
}

static void test_bad_protocol_version(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *stop;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &no_secret);
	h.lns.bad_version = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PROTOCOL_ERROR);
	g_assert_nonnull(strstr(h.closed_reason, "2.0"));
	stop = last_of_type(&h, L2TP_MSG_STOPCCN);
	g_assert_cmpuint(stop->result, ==, 5);
	g_assert_cmpuint(stop->error, ==, 0x0100);
	harness_clear(&h);
}

static void test_sccrp_without_tunnel_id(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *stop;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &no_secret);
	h.lns.omit_tunnel_id = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PROTOCOL_ERROR);
	stop = last_of_type(&h, L2TP_MSG_STOPCCN);
	g_assert_nonnull(stop);
	g_assert_cmpuint(stop->result, ==, 2);
	g_assert_cmpuint(stop->hdr.tunnel_id, ==, 0);
	harness_clear(&h);
}

static void test_unknown_mandatory_avp(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *stop;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &no_secret);
	h.lns.unknown_mandatory_in_sccrp = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.established, ==, 0);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PROTOCOL_ERROR);
	stop = last_of_type(&h, L2TP_MSG_STOPCCN);
	g_assert_cmpuint(stop->result, ==, 2);
	g_assert_cmpuint(stop->error, ==, 8);
	g_assert_nonnull(strstr(stop->result_text, "vendor 9999 attribute 77"));
	g_assert_nonnull(strstr(h.closed_reason, "9999"));
	harness_clear(&h);
}

/* --- tests: reliability at the tunnel level -------------------------------------------- */

static void test_no_answer_gives_up(void)
{
	static const uint64_t expected_at[] = {0, 1000, 3000, 7000, 15000, 23000};
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &no_secret);
	h.lns.deaf = true;
	for (guint i = 0; i < G_N_ELEMENTS(expected_at); i++) {
		run_until(&h, expected_at[i]);
		g_assert_cmpuint(h.lns.lost, ==, i + 1);
	}
	run_until(&h, 30999);
	g_assert_cmpint(h.closed, ==, 0);
	run_until(&h, 31000);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PEER_DEAD);
	g_assert_cmpuint(h.closed_info.retransmissions, ==, 5);
	g_assert_nonnull(strstr(h.closed_reason, "after 5 retransmissions"));
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_CLOSED);
	g_assert_cmpuint(l2tp_tunnel_next_deadline(h.t), ==, L2TP_NO_DEADLINE);
	harness_clear(&h);
}

static void test_lost_sccrp_is_recovered(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &no_secret);
	h.lns.deaf = true;
	run_until(&h, 10); /* the first SCCRQ is lost */
	h.lns.deaf = false;
	run_until(&h, 2000);
	g_assert_cmpint(h.s_established, ==, 1);
	g_assert_cmpuint(seen_message(&h, 0)->at, ==, 1000);
	harness_clear(&h);
}

static void test_hello_after_idle_and_dead_peer(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	uint64_t idle_from;
	const struct seen *hello;

	config_for_test(&cfg);
	cfg.hello_interval_ms = 60000;
	start_and_establish(&h, &cfg, &no_secret);
	idle_from = h.last_delivery;
	run_until(&h, idle_from + 59999);
	g_assert_null(last_of_type(&h, L2TP_MSG_HELLO));
	run_until(&h, idle_from + 60000);
	hello = last_of_type(&h, L2TP_MSG_HELLO);
	g_assert_nonnull(hello);
	g_assert_cmpuint(hello->at, ==, idle_from + 60000);
	g_assert_cmpuint(hello->hdr.session_id, ==, 0);

	/* the LNS goes away: the next HELLO is never acknowledged */
	h.lns.deaf = true;
	run_until(&h, idle_from + 120000 + 30999);
	g_assert_cmpint(h.closed, ==, 0);
	run_until(&h, idle_from + 120000 + 31000);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PEER_DEAD);
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_TUNNEL_DOWN);
	harness_clear(&h);
}

static void test_window_from_sccrp_applies(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	struct l2tp_session_config scfg;
	struct l2tp_session *extra[6];

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	/* the LNS advertised 4: six new calls put four ICRQs on the wire */
	h.lns.silent = true;
	l2tp_session_config_defaults(&scfg);
	for (guint i = 0; i < G_N_ELEMENTS(extra); i++) {
		extra[i] = l2tp_session_new(h.t, &scfg, NULL, NULL);
		g_assert_cmpint(l2tp_session_open(extra[i], h.now), ==, 0);
	}
	lns_pump(&h);
	g_assert_cmpuint(count_of_type(&h, L2TP_MSG_ICRQ), ==, 1 + 4);
	h.lns.silent = false;
	lns_zlb(&h);
	lns_pump(&h);
	g_assert_cmpuint(count_of_type(&h, L2TP_MSG_ICRQ), ==, 1 + 6);
	for (guint i = 0; i < G_N_ELEMENTS(extra); i++)
		l2tp_session_free(extra[i]);
	harness_clear(&h);
}

/* --- tests: teardown ----------------------------------------------------------------- */

static void lns_send_stopccn(struct harness *h, const char *text)
{
	uint8_t buf[256];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_STOPCCN, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, LNS_TUNNEL_ID);
	l2tp_builder_add_result(&b, 2, 6, text);
	lns_send(h, &b, 0);
}

static void test_stopccn_from_peer(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *zlb;
	guint seen_before;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	h.now = 5000;
	seen_before = h.lns.seen->len;
	lns_send_stopccn(&h, "maintenance\x1b[2J now");
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PEER);
	g_assert_false(h.closed_info.clean);
	g_assert_cmpuint(h.closed_info.peer_result, ==, 2);
	g_assert_cmpuint(h.closed_info.peer_error, ==, 6);
	g_assert_nonnull(strstr(h.closed_reason, "the server closed the control connection"));
	g_assert_nonnull(strstr(h.closed_reason, "vendor-specific"));
	g_assert_nonnull(strstr(h.closed_reason, "\u201cmaintenance?[2J now\u201d"));
	g_assert_null(strchr(h.closed_reason, '\x1b'));
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_TUNNEL_DOWN);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_HOLD);

	/* a ZLB at once, acknowledging the StopCCN */
	lns_pump(&h);
	g_assert_cmpuint(h.lns.seen->len, ==, seen_before + 1);
	zlb = seen_at(&h, seen_before);
	g_assert_cmpint(zlb->type, ==, L2TP_MSG_ZLB);
	g_assert_cmpuint(zlb->at, ==, 5000);
	g_assert_cmpuint(zlb->hdr.nr, ==, h.lns.ns);

	/* the LNS missed it and retransmits: acknowledged again during the hold */
	h.now = 6000;
	h.lns.ns--;
	lns_send_stopccn(&h, "maintenance");
	run_until(&h, 6000 + 200);
	g_assert_cmpuint(count_of_type(&h, L2TP_MSG_ZLB), >=, 2);
	g_assert_cmpint(seen_at(&h, h.lns.seen->len - 1)->type, ==, L2TP_MSG_ZLB);
	g_assert_cmpint(h.closed, ==, 1);

	run_until(&h, 5000 + HOLD_MS);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_CLOSED);
	harness_clear(&h);
}

static void lns_send_cdn(struct harness *h)
{
	uint8_t buf[256];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_CDN, NULL);
	l2tp_builder_add_result(&b, 3, 0, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, LNS_SESSION_ID);
	lns_send(h, &b, h->lns.lac_sid);
}

static void test_cdn_from_peer(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *stop;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	lns_send_cdn(&h);
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_PEER);
	g_assert_nonnull(strstr(h.s_reason, "administrative"));
	g_assert_cmpint(l2tp_session_get_state(h.s), ==, L2TP_SESSION_CLOSED);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_ESTABLISHED);
	g_assert_true(l2tp_tunnel_has_no_sessions(h.t));
	run_until(&h, h.now + 500);
	g_assert_cmpint(seen_at(&h, h.lns.seen->len - 1)->type, ==, L2TP_MSG_ZLB);

	/* the owner stops the tunnel once its last session is gone */
	g_assert_cmpint(l2tp_tunnel_close(h.t, h.now), ==, 0);
	run_until(&h, h.now + 500);
	g_assert_cmpint(count_of_type(&h, L2TP_MSG_CDN), ==, 0);
	stop = last_of_type(&h, L2TP_MSG_STOPCCN);
	g_assert_nonnull(stop);
	g_assert_cmpuint(stop->result, ==, 1);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_true(h.closed_info.clean);
	harness_clear(&h);
}

static void test_local_teardown(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *cdn, *stop;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	h.now = 2000;
	h.lns.silent = true; /* hold the acknowledgement back for a moment */
	g_assert_cmpint(l2tp_tunnel_close(h.t, h.now), ==, 0);
	lns_pump(&h);
	cdn = seen_message(&h, 4);
	stop = seen_message(&h, 5);
	g_assert_nonnull(cdn);
	g_assert_nonnull(stop);
	g_assert_cmpint(cdn->type, ==, L2TP_MSG_CDN);
	g_assert_cmpuint(cdn->result, ==, 3);
	g_assert_cmpuint(cdn->hdr.session_id, ==, LNS_SESSION_ID);
	g_assert_cmpuint(cdn->assigned_session_id, ==, l2tp_session_local_id(h.s));
	g_assert_cmpint(stop->type, ==, L2TP_MSG_STOPCCN);
	g_assert_cmpuint(stop->result, ==, 1);
	g_assert_cmpuint(stop->hdr.tunnel_id, ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(stop->assigned_tunnel_id, ==, l2tp_tunnel_local_id(h.t));
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_LOCAL);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_CLOSING);
	g_assert_cmpint(h.closed, ==, 0);
	g_assert_cmpint(l2tp_tunnel_close(h.t, h.now), ==, -EALREADY);

	h.now = 2300;
	h.lns.silent = false;
	lns_zlb(&h);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_LOCAL);
	g_assert_true(h.closed_info.clean);
	g_assert_cmpuint(h.closed_at, ==, 2300);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_CLOSED);
	harness_clear(&h);
}

static void test_local_teardown_unacknowledged(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	h.lns.deaf = true;
	g_assert_cmpint(l2tp_tunnel_close(h.t, h.now), ==, 0);
	run_until(&h, h.now + 40000);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_LOCAL);
	g_assert_false(h.closed_info.clean);
	harness_clear(&h);
}

/* --- tests: protocol errors ---------------------------------------------------------- */

static void test_unsolicited_sccrq_is_refused(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	uint8_t buf[256];
	struct l2tp_builder b;
	const struct seen *stop;
	int len;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRQ, NULL);
	l2tp_builder_add_protocol_version(&b);
	l2tp_builder_add_bytes(&b, L2TP_AVP_HOST_NAME, true, "intruder", 8);
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_CAPABILITIES, true, 1);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, 0x7777);
	len = l2tp_builder_finish(&b, 0, 0, 0, 0);
	g_assert_cmpint(l2tp_tunnel_receive(h.t, buf, (size_t)len, h.now), >=, 0);
	lns_pump(&h);
	stop = last_of_type(&h, L2TP_MSG_STOPCCN);
	g_assert_nonnull(stop);
	g_assert_cmpuint(stop->hdr.tunnel_id, ==, 0x7777);
	g_assert_cmpuint(stop->result, ==, 4);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_ESTABLISHED);

	/* an SCCRQ inside our own tunnel breaks its state machine */
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRQ, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, 0x7777);
	lns_send(&h, &b, 0);
	g_assert_cmpint(h.closed, ==, 1);
	g_assert_cmpint(h.closed_info.cause, ==, L2TP_CLOSE_PROTOCOL_ERROR);
	lns_pump(&h);
	g_assert_cmpuint(last_of_type(&h, L2TP_MSG_STOPCCN)->result, ==, 7);
	harness_clear(&h);
}

static void test_icrp_in_wrong_state_sends_cdn(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	lns_send_icrp(&h);
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_PROTOCOL_ERROR);
	lns_pump(&h);
	g_assert_nonnull(last_of_type(&h, L2TP_MSG_CDN));
	g_assert_cmpuint(last_of_type(&h, L2TP_MSG_CDN)->result, ==, 2);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_ESTABLISHED);
	harness_clear(&h);
}

static void test_unknown_mandatory_avp_in_session_message(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	const struct seen *cdn;

	config_for_test(&cfg);
	harness_start(&h, &cfg, &no_secret);
	h.lns.unknown_mandatory_in_icrp = true;
	run_until(&h, 1000);
	g_assert_cmpint(h.established, ==, 1);
	g_assert_cmpint(h.s_established, ==, 0);
	g_assert_cmpint(h.s_closed, ==, 1);
	g_assert_cmpint(h.s_cause, ==, L2TP_CLOSE_PROTOCOL_ERROR);
	cdn = last_of_type(&h, L2TP_MSG_CDN);
	g_assert_nonnull(cdn);
	g_assert_cmpuint(cdn->result, ==, 2);
	g_assert_cmpuint(cdn->error, ==, 8);
	g_assert_nonnull(strstr(cdn->result_text, "attribute 200"));
	g_assert_cmpuint(cdn->assigned_session_id, ==, l2tp_session_local_id(h.s));
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_ESTABLISHED);
	harness_clear(&h);
}

#define LIT(s) (s), sizeof(s) - 1

static void assert_sanitized(const char *in, size_t in_len, const char *expected)
{
	struct l2tp_bytes b = {(const uint8_t *)in, in_len};
	char out[64];

	l2tp_text_sanitize(out, sizeof(out), &b);
	g_assert_cmpstr(out, ==, expected);
}

static void test_peer_text_is_sanitized(void)
{
	char small[5];
	struct l2tp_bytes euro = {(const uint8_t *)"ab\u20ac", 5};

	assert_sanitized(LIT("plain text"), "plain text");
	assert_sanitized(LIT("tab\tnl\n\x1b[0m"), "tab?nl??[0m");
	assert_sanitized(LIT("caf\xc3\xa9"), "caf\u00e9"); /* valid UTF-8 kept */
	assert_sanitized(LIT("bad\xc3("), "bad?(");	   /* truncated sequence */
	assert_sanitized(LIT("\xc0\xaf"), "??");	   /* overlong */
	assert_sanitized(LIT("\xed\xa0\x80"), "???");	   /* surrogate */
	assert_sanitized(LIT("a\xe2\x80\xae"
			     "b"),
			 "a?b"); /* bidi override */
	assert_sanitized(LIT("nul\0inside"), "nul?inside");
	/* never a split sequence at the end of a short buffer */
	l2tp_text_sanitize(small, sizeof(small), &euro);
	g_assert_cmpstr(small, ==, "ab");
}

static void test_garbage_is_dropped(void)
{
	struct l2tp_tunnel_config cfg;
	struct harness h;
	uint8_t junk[40];
	uint8_t data[10] = {0x00, 0x02, 0, 1, 0, 1};

	config_for_test(&cfg);
	start_and_establish(&h, &cfg, &no_secret);
	memset(junk, 0xa5, sizeof(junk));
	g_assert_cmpint(l2tp_tunnel_receive(h.t, junk, sizeof(junk), h.now), <, 0);
	g_assert_cmpint(l2tp_tunnel_receive(h.t, junk, 3, h.now), <, 0);
	g_assert_cmpint(l2tp_tunnel_receive(h.t, data, 6, h.now), <, 0);
	g_assert_cmpint(l2tp_tunnel_get_state(h.t), ==, L2TP_TUNNEL_ESTABLISHED);
	g_assert_cmpint(h.closed, ==, 0);
	harness_clear(&h);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!g_test_verbose())
		l2c_log_set_max_level(L2C_LOG_ERROR);
	g_test_add_func("/l2tp/tunnel/happy-path", test_happy_path);
	g_test_add_func("/l2tp/tunnel/iccn-held-until-confirmed", test_iccn_held_until_confirmed);
	g_test_add_func("/l2tp/tunnel/close-of-answered-call-sends-cdn",
			test_close_of_answered_call_sends_cdn);
	g_test_add_func("/l2tp/tunnel/authentication-both-directions",
			test_authentication_both_directions);
	g_test_add_func("/l2tp/tunnel/wrong-secret-fails-with-reason",
			test_wrong_secret_fails_with_reason);
	g_test_add_func("/l2tp/tunnel/peer-challenge-without-our-secret",
			test_peer_challenge_without_our_secret);
	g_test_add_func("/l2tp/tunnel/missing-challenge-response", test_missing_challenge_response);
	g_test_add_func("/l2tp/tunnel/hidden-avps-from-peer", test_hidden_avps_from_peer);
	g_test_add_func("/l2tp/tunnel/hidden-avps-from-peer-without-secret",
			test_hidden_avps_from_peer_without_secret);
	g_test_add_func("/l2tp/tunnel/we-hide-session-avps", test_we_hide_session_avps);
	g_test_add_func("/l2tp/tunnel/bad-protocol-version", test_bad_protocol_version);
	g_test_add_func("/l2tp/tunnel/sccrp-without-tunnel-id", test_sccrp_without_tunnel_id);
	g_test_add_func("/l2tp/tunnel/unknown-mandatory-avp", test_unknown_mandatory_avp);
	g_test_add_func("/l2tp/tunnel/no-answer-gives-up", test_no_answer_gives_up);
	g_test_add_func("/l2tp/tunnel/lost-sccrp-is-recovered", test_lost_sccrp_is_recovered);
	g_test_add_func("/l2tp/tunnel/hello-after-idle-and-dead-peer",
			test_hello_after_idle_and_dead_peer);
	g_test_add_func("/l2tp/tunnel/window-from-sccrp-applies", test_window_from_sccrp_applies);
	g_test_add_func("/l2tp/tunnel/stopccn-from-peer", test_stopccn_from_peer);
	g_test_add_func("/l2tp/tunnel/cdn-from-peer", test_cdn_from_peer);
	g_test_add_func("/l2tp/tunnel/local-teardown", test_local_teardown);
	g_test_add_func("/l2tp/tunnel/local-teardown-unacknowledged",
			test_local_teardown_unacknowledged);
	g_test_add_func("/l2tp/tunnel/unsolicited-sccrq-is-refused",
			test_unsolicited_sccrq_is_refused);
	g_test_add_func("/l2tp/tunnel/icrp-in-wrong-state-sends-cdn",
			test_icrp_in_wrong_state_sends_cdn);
	g_test_add_func("/l2tp/tunnel/unknown-mandatory-avp-in-session-message",
			test_unknown_mandatory_avp_in_session_message);
	g_test_add_func("/l2tp/tunnel/garbage-is-dropped", test_garbage_is_dropped);
	g_test_add_func("/l2tp/text/peer-text-is-sanitized", test_peer_text_is_sanitized);
	return g_test_run();
}
