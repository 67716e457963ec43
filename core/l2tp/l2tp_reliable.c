/* Reliable delivery of L2TP control messages [RFC 2661 §5.8, Appendix A].
 *
 * Outgoing messages sit in one FIFO: the first `in_flight` entries have been transmitted
 * and wait for an acknowledgement, the rest wait for room in the peer's window. Each
 * transmitted message has its own retransmission deadline. Incoming messages ahead of the
 * next expected Ns wait in a small reorder table sized by the window we advertise. */
#include "config.h"

#include "l2tp/l2tp_reliable.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

#define LOG_COMPONENT "l2tp"

/* RFC 2661 §4.4.3: a peer that sends no Receive Window Size AVP has a window of 4. */
#define DEFAULT_PEER_WINDOW 4
/* We copy out-of-order messages, so keep what we advertise modest. */
#define MAX_RECEIVE_WINDOW 64

struct outgoing {
	struct outgoing *next;
	uint64_t deadline_ms;
	uint32_t timeout_ms;
	unsigned int retries;
	uint16_t ns;
	size_t len;
	uint8_t buf[];
};

struct reorder_slot {
	uint8_t *buf; /* NULL when free */
	size_t len;
	uint16_t ns;
};

struct l2tp_reliable {
	struct l2tp_reliable_config cfg;
	struct l2tp_reliable_ops ops;
	void *ctx;

	uint16_t next_ns;     /* Ns of the next message queued */
	uint16_t expected_ns; /* our Nr: the peer's next in-order Ns */
	uint16_t peer_window;
	uint16_t peer_tunnel_id;

	struct outgoing *head, *tail;
	size_t in_flight; /* leading entries of the FIFO that are on the wire */
	size_t queued;	  /* all entries of the FIFO */

	bool ack_pending;
	uint64_t ack_deadline_ms;
	bool dead;

	struct reorder_slot *reorder; /* cfg.receive_window entries */
};

/* Sequence numbers compare modulo 2^16 with the int16 split [RFC 2661 §5.8]. */
static int16_t seq_diff(uint16_t a, uint16_t b)
{
	return (int16_t)(uint16_t)(a - b);
}

void l2tp_reliable_config_defaults(struct l2tp_reliable_config *cfg)
{
	*cfg = (struct l2tp_reliable_config){
	    .receive_window = 8,
	    .max_retries = 5,
	    .initial_timeout_ms = 1000,
	    .max_timeout_ms = 8000,
	    .ack_delay_ms = 100,
	};
}

static bool config_is_valid(const struct l2tp_reliable_config *cfg)
{
	return cfg->receive_window >= 1 && cfg->receive_window <= MAX_RECEIVE_WINDOW &&
	       cfg->initial_timeout_ms > 0 && cfg->max_timeout_ms >= cfg->initial_timeout_ms;
}

struct l2tp_reliable *l2tp_reliable_new(const struct l2tp_reliable_config *cfg,
					const struct l2tp_reliable_ops *ops, void *ctx)
{
	struct l2tp_reliable *ch;

	if (!cfg || !ops || !ops->send || !ops->deliver || !config_is_valid(cfg))
		return NULL;
	ch = calloc(1, sizeof(*ch));
	if (!ch)
		return NULL;
	ch->reorder = calloc(cfg->receive_window, sizeof(*ch->reorder));
	if (!ch->reorder) {
		free(ch);
		return NULL;
	}
	ch->cfg = *cfg;
	ch->ops = *ops;
	ch->ctx = ctx;
	ch->peer_window = DEFAULT_PEER_WINDOW;
	return ch;
}

static void reorder_clear(struct l2tp_reliable *ch)
{
	for (size_t i = 0; i < ch->cfg.receive_window; i++) {
		free(ch->reorder[i].buf);
		ch->reorder[i].buf = NULL;
	}
}

void l2tp_reliable_drop_outgoing(struct l2tp_reliable *ch)
{
	while (ch->head) {
		struct outgoing *msg = ch->head;

		ch->head = msg->next;
		free(msg);
	}
	ch->tail = NULL;
	ch->in_flight = 0;
	ch->queued = 0;
}

void l2tp_reliable_free(struct l2tp_reliable *ch)
{
	if (!ch)
		return;
	l2tp_reliable_drop_outgoing(ch);
	reorder_clear(ch);
	free(ch->reorder);
	free(ch);
}

int l2tp_reliable_set_peer_window(struct l2tp_reliable *ch, uint16_t window)
{
	if (window == 0)
		return -EINVAL;
	ch->peer_window = window;
	return 0;
}

void l2tp_reliable_set_peer_tunnel_id(struct l2tp_reliable *ch, uint16_t tunnel_id)
{
	ch->peer_tunnel_id = tunnel_id;
}

size_t l2tp_reliable_outstanding(const struct l2tp_reliable *ch)
{
	return ch->queued;
}

bool l2tp_reliable_peer_is_dead(const struct l2tp_reliable *ch)
{
	return ch->dead;
}

/* --- Sending ------------------------------------------------------------------------- */

/* Every transmission carries our current Nr, so it also acknowledges [RFC 2661 §5.8]. */
static void transmit(struct l2tp_reliable *ch, struct outgoing *msg)
{
	int r;

	l2tp_control_header_set_nr(msg->buf, ch->expected_ns);
	ch->ack_pending = false;
	r = ch->ops.send(ch->ctx, msg->buf, msg->len);
	if (r < 0)
		l2c_debug(LOG_COMPONENT, "sending Ns=%u failed (%d); retransmission will retry",
			  msg->ns, r);
}

static struct outgoing *first_waiting(const struct l2tp_reliable *ch)
{
	struct outgoing *msg = ch->head;

	for (size_t i = 0; i < ch->in_flight && msg; i++)
		msg = msg->next;
	return msg;
}

/* Transmits waiting messages while the peer's window has room [RFC 2661 §5.8]. */
static void pump(struct l2tp_reliable *ch, uint64_t now_ms)
{
	struct outgoing *msg = first_waiting(ch);

	while (msg && ch->in_flight < ch->peer_window) {
		msg->timeout_ms = ch->cfg.initial_timeout_ms;
		msg->deadline_ms = now_ms + msg->timeout_ms;
		ch->in_flight++;
		transmit(ch, msg);
		msg = msg->next;
	}
}

static bool message_is_sendable(const uint8_t *msg, size_t len)
{
	struct l2tp_header hdr;

	if (l2tp_header_parse(msg, len, &hdr) < 0 || !hdr.is_control)
		return false;
	return hdr.packet_len == len && len > hdr.header_len;
}

int l2tp_reliable_send(struct l2tp_reliable *ch, const uint8_t *msg, size_t len, uint64_t now_ms)
{
	struct outgoing *out;

	if (ch->dead)
		return -ENOTCONN;
	if (!msg || !message_is_sendable(msg, len))
		return -EINVAL;
	out = calloc(1, sizeof(*out) + len);
	if (!out)
		return -ENOMEM;
	memcpy(out->buf, msg, len);
	out->len = len;
	out->ns = ch->next_ns++;
	l2tp_control_header_set_ns(out->buf, out->ns);
	if (ch->tail)
		ch->tail->next = out;
	else
		ch->head = out;
	ch->tail = out;
	ch->queued++;
	pump(ch, now_ms);
	return 0;
}

/* --- Acknowledgements ------------------------------------------------------------------ */

static uint16_t next_unsent_ns(const struct l2tp_reliable *ch)
{
	const struct outgoing *msg = first_waiting(ch);

	return msg ? msg->ns : ch->next_ns;
}

/* A ZLB carries the Ns of the next message we will send, without consuming it. */
static void send_zlb(struct l2tp_reliable *ch)
{
	uint8_t zlb[L2TP_CONTROL_HEADER_LEN];
	int r;

	l2tp_control_header_write(zlb, sizeof(zlb), ch->peer_tunnel_id, 0, next_unsent_ns(ch),
				  ch->expected_ns);
	ch->ack_pending = false;
	r = ch->ops.send(ch->ctx, zlb, sizeof(zlb));
	if (r < 0)
		l2c_debug(LOG_COMPONENT, "sending a ZLB acknowledgement failed (%d)", r);
}

static void schedule_ack(struct l2tp_reliable *ch, uint64_t now_ms)
{
	if (ch->ack_pending)
		return;
	ch->ack_pending = true;
	ch->ack_deadline_ms = now_ms + ch->cfg.ack_delay_ms;
}

void l2tp_reliable_flush_ack(struct l2tp_reliable *ch)
{
	if (ch->ack_pending)
		send_zlb(ch);
}

/* Frees the messages the peer's Nr acknowledges. An Nr that would acknowledge something
 * we never transmitted is hostile or corrupt: ignore it. */
static void apply_peer_nr(struct l2tp_reliable *ch, uint16_t nr)
{
	int16_t acked;

	if (!ch->head)
		return;
	acked = seq_diff(nr, ch->head->ns);
	if (acked <= 0)
		return;
	if ((size_t)acked > ch->in_flight) {
		l2c_debug(LOG_COMPONENT, "ignoring Nr=%u: it acknowledges unsent messages", nr);
		return;
	}
	for (int16_t i = 0; i < acked; i++) {
		struct outgoing *msg = ch->head;

		ch->head = msg->next;
		free(msg);
	}
	if (!ch->head)
		ch->tail = NULL;
	ch->in_flight -= (size_t)acked;
	ch->queued -= (size_t)acked;
}

/* --- Receiving --------------------------------------------------------------------- */

static struct reorder_slot *reorder_find(struct l2tp_reliable *ch, uint16_t ns)
{
	for (size_t i = 0; i < ch->cfg.receive_window; i++)
		if (ch->reorder[i].buf && ch->reorder[i].ns == ns)
			return &ch->reorder[i];
	return NULL;
}

static void reorder_store(struct l2tp_reliable *ch, const uint8_t *buf, size_t len, uint16_t ns)
{
	struct reorder_slot *slot = NULL;

	if (reorder_find(ch, ns))
		return; /* a duplicate of something already queued */
	for (size_t i = 0; i < ch->cfg.receive_window && !slot; i++)
		if (!ch->reorder[i].buf)
			slot = &ch->reorder[i];
	if (!slot)
		return;
	slot->buf = malloc(len);
	if (!slot->buf)
		return; /* the peer retransmits it */
	memcpy(slot->buf, buf, len);
	slot->len = len;
	slot->ns = ns;
}

static void deliver_in_order(struct l2tp_reliable *ch, uint8_t *buf, size_t len, uint64_t now_ms)
{
	struct reorder_slot *slot;

	ch->expected_ns++;
	ch->ops.deliver(ch->ctx, buf, len, now_ms);
	while ((slot = reorder_find(ch, ch->expected_ns))) {
		uint8_t *queued = slot->buf;
		size_t queued_len = slot->len;

		slot->buf = NULL;
		ch->expected_ns++;
		ch->ops.deliver(ch->ctx, queued, queued_len, now_ms);
		free(queued);
	}
}

/* Duplicates are acknowledged again (our ack may have been lost) but not delivered;
 * messages ahead of a gap wait inside our advertised window [RFC 2661 §5.8]. */
static void accept_sequenced(struct l2tp_reliable *ch, uint8_t *buf, size_t len, uint16_t ns,
			     uint64_t now_ms)
{
	int16_t ahead = seq_diff(ns, ch->expected_ns);

	schedule_ack(ch, now_ms);
	if (ahead < 0) {
		l2c_debug(LOG_COMPONENT, "duplicate Ns=%u (expected %u): acknowledged again", ns,
			  ch->expected_ns);
		return;
	}
	if (ahead == 0) {
		deliver_in_order(ch, buf, len, now_ms);
		return;
	}
	if (ahead < ch->cfg.receive_window) {
		reorder_store(ch, buf, len, ns);
		return;
	}
	l2c_debug(LOG_COMPONENT, "Ns=%u is beyond our window (expected %u): discarded", ns,
		  ch->expected_ns);
}

int l2tp_reliable_receive(struct l2tp_reliable *ch, uint8_t *buf, size_t len,
			  const struct l2tp_header *hdr, uint64_t now_ms)
{
	if (!hdr->is_control || !hdr->has_sequence || hdr->packet_len > len ||
	    hdr->packet_len < hdr->header_len)
		return -EBADMSG;
	apply_peer_nr(ch, hdr->nr);
	if (hdr->packet_len > hdr->header_len)
		accept_sequenced(ch, buf, hdr->packet_len, hdr->ns, now_ms);
	if (!ch->dead)
		pump(ch, now_ms);
	return 0;
}

/* --- Timers ------------------------------------------------------------------------ */

static uint32_t backoff(const struct l2tp_reliable *ch, uint32_t timeout_ms)
{
	if (timeout_ms >= ch->cfg.max_timeout_ms / 2)
		return ch->cfg.max_timeout_ms;
	return timeout_ms * 2;
}

static void declare_peer_dead(struct l2tp_reliable *ch, unsigned int retransmissions)
{
	ch->dead = true;
	l2tp_reliable_drop_outgoing(ch);
	if (ch->ops.peer_dead)
		ch->ops.peer_dead(ch->ctx, retransmissions);
}

/* Retransmissions keep their Ns but carry the current Nr [RFC 2661 §5.8]. Returns false
 * when the peer was declared dead. */
static bool retransmit_due(struct l2tp_reliable *ch, uint64_t now_ms)
{
	struct outgoing *msg = ch->head;

	for (size_t i = 0; i < ch->in_flight && msg; i++, msg = msg->next) {
		if (msg->deadline_ms > now_ms)
			continue;
		if (msg->retries >= ch->cfg.max_retries) {
			declare_peer_dead(ch, msg->retries);
			return false;
		}
		msg->retries++;
		msg->timeout_ms = backoff(ch, msg->timeout_ms);
		msg->deadline_ms = now_ms + msg->timeout_ms;
		l2c_debug(LOG_COMPONENT, "retransmission %u of Ns=%u", msg->retries, msg->ns);
		transmit(ch, msg);
	}
	return true;
}

void l2tp_reliable_on_timer(struct l2tp_reliable *ch, uint64_t now_ms)
{
	if (!ch->dead && !retransmit_due(ch, now_ms))
		return;
	if (ch->ack_pending && ch->ack_deadline_ms <= now_ms)
		send_zlb(ch);
}

uint64_t l2tp_reliable_next_deadline(const struct l2tp_reliable *ch)
{
	uint64_t deadline = ch->ack_pending ? ch->ack_deadline_ms : L2TP_NO_DEADLINE;
	const struct outgoing *msg = ch->head;

	for (size_t i = 0; i < ch->in_flight && msg; i++, msg = msg->next)
		if (msg->deadline_ms < deadline)
			deadline = msg->deadline_ms;
	return deadline;
}
