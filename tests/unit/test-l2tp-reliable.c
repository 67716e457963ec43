/* Reliable delivery of control messages [RFC 2661 §5.8, Appendix A], driven by a fake
 * clock: numbering, retransmission schedule and give-up, acknowledgements (piggybacked and
 * ZLB), duplicates, reordering, the windows on both sides and sequence-number wrap. */
#include "config.h"

#include "l2tp/l2tp_reliable.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#include "util/log.h"

#define OUR_TUNNEL_ID  0x1111
#define PEER_TUNNEL_ID 0x2222

struct sent {
	uint64_t at_ms;
	struct l2tp_header hdr;
	bool is_zlb;
};

struct harness {
	struct l2tp_reliable *ch;
	uint64_t now;
	GArray *sent;	   /* struct sent */
	GArray *delivered; /* uint16_t Ns of each delivered message, in order */
	unsigned int dead_calls;
	unsigned int dead_retransmissions;
	uint64_t dead_at;
};

static int on_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct harness *h = ctx;
	struct sent s = {.at_ms = h->now};

	g_assert_cmpint(l2tp_header_parse(buf, len, &s.hdr), ==, 0);
	g_assert_true(s.hdr.is_control);
	s.is_zlb = s.hdr.packet_len == s.hdr.header_len;
	g_array_append_val(h->sent, s);
	return 0;
}

static void on_deliver(void *ctx, uint8_t *buf, size_t len, uint64_t now_ms)
{
	struct harness *h = ctx;
	struct l2tp_header hdr;

	g_assert_cmpint(l2tp_header_parse(buf, len, &hdr), ==, 0);
	g_assert_cmpuint(hdr.packet_len, ==, len);
	g_array_append_val(h->delivered, hdr.ns);
}

static void on_peer_dead(void *ctx, unsigned int retransmissions)
{
	struct harness *h = ctx;

	h->dead_calls++;
	h->dead_retransmissions = retransmissions;
	h->dead_at = h->now;
}

static const struct l2tp_reliable_ops test_ops = {
    .send = on_send,
    .deliver = on_deliver,
    .peer_dead = on_peer_dead,
};

static void harness_init_with(struct harness *h, const struct l2tp_reliable_config *cfg)
{
	memset(h, 0, sizeof(*h));
	h->sent = g_array_new(FALSE, TRUE, sizeof(struct sent));
	h->delivered = g_array_new(FALSE, TRUE, sizeof(uint16_t));
	h->ch = l2tp_reliable_new(cfg, &test_ops, h);
	g_assert_nonnull(h->ch);
	l2tp_reliable_set_peer_tunnel_id(h->ch, PEER_TUNNEL_ID);
}

static void harness_init(struct harness *h)
{
	struct l2tp_reliable_config cfg;

	l2tp_reliable_config_defaults(&cfg);
	harness_init_with(h, &cfg);
}

static void harness_clear(struct harness *h)
{
	l2tp_reliable_free(h->ch);
	g_array_unref(h->sent);
	g_array_unref(h->delivered);
}

static struct sent *sent_at(struct harness *h, guint i)
{
	g_assert_cmpuint(i, <, h->sent->len);
	return &g_array_index(h->sent, struct sent, i);
}

static uint16_t delivered_at(struct harness *h, guint i)
{
	g_assert_cmpuint(i, <, h->delivered->len);
	return g_array_index(h->delivered, uint16_t, i);
}

/* A HELLO from us, as the tunnel would build it (Ns/Nr are the channel's business). */
static size_t build_our_hello(uint8_t *buf, size_t cap)
{
	struct l2tp_builder b;
	int len;

	l2tp_builder_init(&b, buf, cap, L2TP_MSG_HELLO, NULL);
	len = l2tp_builder_finish(&b, PEER_TUNNEL_ID, 0, 0xdead, 0xbeef);
	g_assert_cmpint(len, >, 0);
	return (size_t)len;
}

static void send_ours(struct harness *h)
{
	uint8_t buf[64];
	size_t len = build_our_hello(buf, sizeof(buf));

	g_assert_cmpint(l2tp_reliable_send(h->ch, buf, len, h->now), ==, 0);
}

static void receive_raw(struct harness *h, uint8_t *buf, size_t len)
{
	struct l2tp_header hdr;

	g_assert_cmpint(l2tp_header_parse(buf, len, &hdr), ==, 0);
	g_assert_cmpint(l2tp_reliable_receive(h->ch, buf, len, &hdr, h->now), ==, 0);
}

/* A HELLO from the peer with the given Ns and Nr. */
static void peer_message(struct harness *h, uint16_t ns, uint16_t nr)
{
	uint8_t buf[64];
	struct l2tp_builder b;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_HELLO, NULL);
	len = l2tp_builder_finish(&b, OUR_TUNNEL_ID, 0, ns, nr);
	g_assert_cmpint(len, >, 0);
	receive_raw(h, buf, (size_t)len);
}

static void peer_zlb(struct harness *h, uint16_t ns, uint16_t nr)
{
	uint8_t buf[L2TP_CONTROL_HEADER_LEN];

	l2tp_control_header_write(buf, sizeof(buf), OUR_TUNNEL_ID, 0, ns, nr);
	receive_raw(h, buf, sizeof(buf));
}

/* Moves the fake clock to `to`, running every deadline on the way. */
static void advance_to(struct harness *h, uint64_t to)
{
	uint64_t deadline;

	while ((deadline = l2tp_reliable_next_deadline(h->ch)) <= to) {
		g_assert_cmpuint(deadline, >=, h->now);
		h->now = deadline;
		l2tp_reliable_on_timer(h->ch, h->now);
	}
	h->now = to;
}

static guint count_zlbs(struct harness *h)
{
	guint n = 0;

	for (guint i = 0; i < h->sent->len; i++)
		n += sent_at(h, i)->is_zlb;
	return n;
}

/* --- tests ------------------------------------------------------------------------ */

static void test_ns_counts_messages_and_nr_acknowledges(void)
{
	struct harness h;

	harness_init(&h);
	send_ours(&h);
	send_ours(&h);
	peer_message(&h, 0, 0);
	send_ours(&h);
	g_assert_cmpuint(h.sent->len, ==, 3);
	g_assert_cmpuint(sent_at(&h, 0)->hdr.ns, ==, 0);
	g_assert_cmpuint(sent_at(&h, 1)->hdr.ns, ==, 1);
	g_assert_cmpuint(sent_at(&h, 2)->hdr.ns, ==, 2);
	g_assert_cmpuint(sent_at(&h, 0)->hdr.nr, ==, 0);
	g_assert_cmpuint(sent_at(&h, 2)->hdr.nr, ==, 1);
	g_assert_cmpuint(sent_at(&h, 2)->hdr.tunnel_id, ==, PEER_TUNNEL_ID);
	/* The third message carried the ack, so no ZLB follows. */
	peer_zlb(&h, 1, 3);
	advance_to(&h, 60000);
	g_assert_cmpuint(h.sent->len, ==, 3);
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 0);
	harness_clear(&h);
}

static void test_retransmission_schedule_and_give_up(void)
{
	static const uint64_t expected_at[] = {0, 1000, 3000, 7000, 15000, 23000};
	struct harness h;
	uint8_t buf[64];

	harness_init(&h);
	send_ours(&h);
	advance_to(&h, 100000);
	g_assert_cmpuint(h.sent->len, ==, G_N_ELEMENTS(expected_at));
	for (guint i = 0; i < G_N_ELEMENTS(expected_at); i++) {
		g_assert_cmpuint(sent_at(&h, i)->at_ms, ==, expected_at[i]);
		g_assert_cmpuint(sent_at(&h, i)->hdr.ns, ==, 0);
	}
	g_assert_cmpuint(h.dead_calls, ==, 1);
	g_assert_cmpuint(h.dead_retransmissions, ==, 5);
	g_assert_cmpuint(h.dead_at, ==, 31000);
	g_assert_true(l2tp_reliable_peer_is_dead(h.ch));
	g_assert_cmpuint(l2tp_reliable_next_deadline(h.ch), ==, L2TP_NO_DEADLINE);
	g_assert_cmpint(l2tp_reliable_send(h.ch, buf, build_our_hello(buf, sizeof(buf)), h.now), ==,
			-ENOTCONN);
	harness_clear(&h);
}

static void test_max_retries_is_configurable(void)
{
	struct l2tp_reliable_config cfg;
	struct harness h;

	l2tp_reliable_config_defaults(&cfg);
	cfg.max_retries = 2;
	harness_init_with(&h, &cfg);
	send_ours(&h);
	advance_to(&h, 100000);
	g_assert_cmpuint(h.sent->len, ==, 3);
	g_assert_cmpuint(h.dead_retransmissions, ==, 2);
	g_assert_cmpuint(h.dead_at, ==, 7000);
	harness_clear(&h);
}

static void test_retransmission_carries_current_nr(void)
{
	struct harness h;

	harness_init(&h);
	send_ours(&h);
	h.now = 500;
	peer_message(&h, 0, 0); /* acknowledges nothing of ours */
	advance_to(&h, 1000);
	/* a ZLB at 600 ms, then the retransmission with the same Ns and the new Nr */
	g_assert_cmpuint(h.sent->len, ==, 3);
	g_assert_true(sent_at(&h, 1)->is_zlb);
	g_assert_cmpuint(sent_at(&h, 1)->at_ms, ==, 600);
	g_assert_false(sent_at(&h, 2)->is_zlb);
	g_assert_cmpuint(sent_at(&h, 2)->hdr.ns, ==, 0);
	g_assert_cmpuint(sent_at(&h, 2)->hdr.nr, ==, 1);
	harness_clear(&h);
}

static void test_ack_stops_retransmission(void)
{
	struct harness h;

	harness_init(&h);
	send_ours(&h);
	h.now = 1500; /* after one retransmission */
	l2tp_reliable_on_timer(h.ch, h.now);
	g_assert_cmpuint(h.sent->len, ==, 2);
	peer_zlb(&h, 0, 1);
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 0);
	g_assert_cmpuint(l2tp_reliable_next_deadline(h.ch), ==, L2TP_NO_DEADLINE);
	advance_to(&h, 100000);
	g_assert_cmpuint(h.sent->len, ==, 2);
	g_assert_cmpuint(h.dead_calls, ==, 0);
	harness_clear(&h);
}

static void test_nr_for_unsent_messages_is_ignored(void)
{
	struct harness h;

	harness_init(&h);
	send_ours(&h);
	peer_zlb(&h, 0, 7);
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 1);
	peer_zlb(&h, 0, 0xffff); /* "behind": acknowledges nothing */
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 1);
	peer_zlb(&h, 0, 1);
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 0);
	harness_clear(&h);
}

static void test_duplicate_is_reacked_and_delivered_once(void)
{
	struct harness h;

	harness_init(&h);
	peer_message(&h, 0, 0);
	advance_to(&h, 200);
	g_assert_cmpuint(h.delivered->len, ==, 1);
	g_assert_cmpuint(count_zlbs(&h), ==, 1);
	/* our ZLB got lost; the peer retransmits */
	h.now = 1000;
	peer_message(&h, 0, 0);
	advance_to(&h, 1200);
	g_assert_cmpuint(h.delivered->len, ==, 1);
	g_assert_cmpuint(count_zlbs(&h), ==, 2);
	g_assert_cmpuint(sent_at(&h, 1)->hdr.nr, ==, 1);
	g_assert_cmpuint(sent_at(&h, 1)->at_ms, ==, 1100);
	harness_clear(&h);
}

static void test_reordered_messages_are_delivered_in_order(void)
{
	struct harness h;

	harness_init(&h);
	peer_message(&h, 2, 0);
	peer_message(&h, 1, 0);
	g_assert_cmpuint(h.delivered->len, ==, 0);
	peer_message(&h, 1, 0); /* a duplicate of a queued one */
	peer_message(&h, 0, 0);
	g_assert_cmpuint(h.delivered->len, ==, 3);
	for (guint i = 0; i < 3; i++)
		g_assert_cmpuint(delivered_at(&h, i), ==, i);
	advance_to(&h, 1000);
	g_assert_cmpuint(sent_at(&h, h.sent->len - 1)->hdr.nr, ==, 3);
	harness_clear(&h);
}

static void test_messages_beyond_our_window_are_dropped(void)
{
	struct l2tp_reliable_config cfg;
	struct harness h;

	l2tp_reliable_config_defaults(&cfg);
	cfg.receive_window = 4;
	harness_init_with(&h, &cfg);
	peer_message(&h, 4, 0); /* 4 ahead: outside a window of 4 */
	peer_message(&h, 3, 0); /* inside */
	for (uint16_t ns = 0; ns < 3; ns++)
		peer_message(&h, ns, 0);
	g_assert_cmpuint(h.delivered->len, ==, 4);
	g_assert_cmpuint(delivered_at(&h, 3), ==, 3);
	peer_message(&h, 4, 0); /* the retransmission is now in order */
	g_assert_cmpuint(h.delivered->len, ==, 5);
	g_assert_cmpuint(delivered_at(&h, 4), ==, 4);
	harness_clear(&h);
}

static void test_zlb_waits_for_a_piggyback(void)
{
	struct l2tp_reliable_config cfg;
	struct harness h;

	l2tp_reliable_config_defaults(&cfg);
	cfg.ack_delay_ms = 150;
	harness_init_with(&h, &cfg);
	peer_message(&h, 0, 0);
	g_assert_cmpuint(l2tp_reliable_next_deadline(h.ch), ==, 150);
	advance_to(&h, 149);
	g_assert_cmpuint(h.sent->len, ==, 0);
	advance_to(&h, 150);
	g_assert_cmpuint(h.sent->len, ==, 1);
	g_assert_true(sent_at(&h, 0)->is_zlb);
	g_assert_cmpuint(sent_at(&h, 0)->hdr.ns, ==, 0); /* a ZLB consumes no Ns */
	g_assert_cmpuint(sent_at(&h, 0)->hdr.nr, ==, 1);
	g_assert_cmpuint(sent_at(&h, 0)->hdr.tunnel_id, ==, PEER_TUNNEL_ID);
	g_assert_cmpuint(sent_at(&h, 0)->hdr.packet_len, ==, L2TP_CONTROL_HEADER_LEN);

	/* A message sent within the delay carries the ack instead. */
	h.now = 1000;
	peer_message(&h, 1, 0);
	h.now = 1050;
	send_ours(&h);
	g_assert_cmpuint(sent_at(&h, 1)->hdr.ns, ==, 0);
	g_assert_cmpuint(sent_at(&h, 1)->hdr.nr, ==, 2);
	peer_zlb(&h, 2, 1);
	advance_to(&h, 5000);
	g_assert_cmpuint(count_zlbs(&h), ==, 1);

	/* flush sends the pending ack at once */
	peer_message(&h, 2, 1);
	l2tp_reliable_flush_ack(h.ch);
	g_assert_cmpuint(count_zlbs(&h), ==, 2);
	g_assert_cmpuint(sent_at(&h, h.sent->len - 1)->at_ms, ==, 5000);
	g_assert_cmpuint(sent_at(&h, h.sent->len - 1)->hdr.nr, ==, 3);
	harness_clear(&h);
}

static void test_peer_window_limits_messages_in_flight(void)
{
	struct harness h;

	harness_init(&h);
	g_assert_cmpint(l2tp_reliable_set_peer_window(h.ch, 0), ==, -EINVAL);
	g_assert_cmpint(l2tp_reliable_set_peer_window(h.ch, 2), ==, 0);
	for (int i = 0; i < 5; i++)
		send_ours(&h);
	g_assert_cmpuint(h.sent->len, ==, 2);
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 5);

	/* A ZLB carries the Ns of the next message not yet sent. */
	peer_message(&h, 0, 0);
	l2tp_reliable_flush_ack(h.ch);
	g_assert_true(sent_at(&h, 2)->is_zlb);
	g_assert_cmpuint(sent_at(&h, 2)->hdr.ns, ==, 2);

	peer_zlb(&h, 1, 1);
	g_assert_cmpuint(h.sent->len, ==, 4);
	g_assert_cmpuint(sent_at(&h, 3)->hdr.ns, ==, 2);
	peer_zlb(&h, 1, 3);
	g_assert_cmpuint(h.sent->len, ==, 6);
	g_assert_cmpuint(sent_at(&h, 4)->hdr.ns, ==, 3);
	g_assert_cmpuint(sent_at(&h, 5)->hdr.ns, ==, 4);
	peer_zlb(&h, 1, 5);
	g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 0);
	harness_clear(&h);
}

static void test_default_peer_window_is_four(void)
{
	struct harness h;

	harness_init(&h);
	for (int i = 0; i < 6; i++)
		send_ours(&h);
	g_assert_cmpuint(h.sent->len, ==, 4);
	harness_clear(&h);
}

static void test_sequence_numbers_wrap(void)
{
	struct harness h;
	const guint total = 65536 + 10;

	harness_init(&h);
	for (guint i = 0; i < total; i++) {
		uint16_t seq = (uint16_t)i;

		g_array_set_size(h.sent, 0);
		send_ours(&h);
		g_assert_cmpuint(sent_at(&h, 0)->hdr.ns, ==, seq);
		g_assert_cmpuint(sent_at(&h, 0)->hdr.nr, ==, seq);
		peer_message(&h, seq, (uint16_t)(seq + 1));
		g_assert_cmpuint(l2tp_reliable_outstanding(h.ch), ==, 0);
		g_assert_cmpuint(h.delivered->len, ==, i + 1);
	}
	/* Just past the wrap, 65535 is in the past: a duplicate, not a new message. */
	peer_message(&h, 0xffff, 10);
	g_assert_cmpuint(h.delivered->len, ==, total);
	peer_message(&h, 10, 10);
	g_assert_cmpuint(h.delivered->len, ==, total + 1);
	harness_clear(&h);
}

static void test_malformed_input_is_refused(void)
{
	struct harness h;
	uint8_t buf[L2TP_CONTROL_HEADER_LEN];
	struct l2tp_header hdr = {0};

	harness_init(&h);
	g_assert_cmpint(l2tp_reliable_send(h.ch, buf, 4, 0), ==, -EINVAL);
	l2tp_control_header_write(buf, sizeof(buf), PEER_TUNNEL_ID, 0, 0, 0);
	g_assert_cmpint(l2tp_reliable_send(h.ch, buf, sizeof(buf), 0), ==, -EINVAL); /* ZLB */
	hdr.is_control = false;
	g_assert_cmpint(l2tp_reliable_receive(h.ch, buf, sizeof(buf), &hdr, 0), ==, -EBADMSG);
	harness_clear(&h);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!g_test_verbose())
		l2c_log_set_max_level(L2C_LOG_ERROR);
	g_test_add_func("/l2tp/reliable/ns-counts-messages-and-nr-acknowledges",
			test_ns_counts_messages_and_nr_acknowledges);
	g_test_add_func("/l2tp/reliable/retransmission-schedule-and-give-up",
			test_retransmission_schedule_and_give_up);
	g_test_add_func("/l2tp/reliable/max-retries-is-configurable",
			test_max_retries_is_configurable);
	g_test_add_func("/l2tp/reliable/retransmission-carries-current-nr",
			test_retransmission_carries_current_nr);
	g_test_add_func("/l2tp/reliable/ack-stops-retransmission", test_ack_stops_retransmission);
	g_test_add_func("/l2tp/reliable/nr-for-unsent-messages-is-ignored",
			test_nr_for_unsent_messages_is_ignored);
	g_test_add_func("/l2tp/reliable/duplicate-is-reacked-and-delivered-once",
			test_duplicate_is_reacked_and_delivered_once);
	g_test_add_func("/l2tp/reliable/reordered-messages-are-delivered-in-order",
			test_reordered_messages_are_delivered_in_order);
	g_test_add_func("/l2tp/reliable/messages-beyond-our-window-are-dropped",
			test_messages_beyond_our_window_are_dropped);
	g_test_add_func("/l2tp/reliable/zlb-waits-for-a-piggyback", test_zlb_waits_for_a_piggyback);
	g_test_add_func("/l2tp/reliable/peer-window-limits-messages-in-flight",
			test_peer_window_limits_messages_in_flight);
	g_test_add_func("/l2tp/reliable/default-peer-window-is-four",
			test_default_peer_window_is_four);
	g_test_add_func("/l2tp/reliable/sequence-numbers-wrap", test_sequence_numbers_wrap);
	g_test_add_func("/l2tp/reliable/malformed-input-is-refused",
			test_malformed_input_is_refused);
	return g_test_run();
}
