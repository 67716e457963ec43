/* The L2TP control channel's reliable delivery [RFC 2661 §5.8, Appendix A]: Ns/Nr
 * numbering, the peer's receive window, retransmission with backoff, acknowledgements
 * (piggybacked or ZLB), duplicate and out-of-order handling.
 *
 * Pure: no sockets, no clock, no GLib. Time enters as `now_ms` (any monotonic millisecond
 * count) and leaves as one deadline, l2tp_reliable_next_deadline(); datagrams leave through
 * the `send` callback. Callbacks must not free the channel. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tp/l2tp_codec.h"

#define L2TP_NO_DEADLINE UINT64_MAX

struct l2tp_reliable_config {
	uint16_t receive_window;     /* what we advertise (RWS AVP); out-of-order queue size */
	unsigned int max_retries;    /* retransmissions before the peer is declared dead */
	uint32_t initial_timeout_ms; /* first retransmission timeout, doubled each time */
	uint32_t max_timeout_ms;     /* backoff cap; RFC 2661 Appendix A asks for >= 8 s */
	uint32_t ack_delay_ms;	     /* wait this long for a message to piggyback an ack on */
};

/* receive_window 8, max_retries 5, timeouts 1 s → 8 s, ack delay 100 ms. */
void l2tp_reliable_config_defaults(struct l2tp_reliable_config *cfg);

struct l2tp_reliable_ops {
	/* One datagram for the peer. A failure counts as a loss: retransmission retries. */
	int (*send)(void *ctx, const uint8_t *buf, size_t len);
	/* The next in-order non-ZLB message, `len` bytes (the header's Length). The buffer is
	 * writable so the codec can decrypt hidden AVPs in place; it is valid for the call. */
	void (*deliver)(void *ctx, uint8_t *buf, size_t len, uint64_t now_ms);
	/* A message went unacknowledged after max_retries retransmissions. Called once; the
	 * channel then stops sending. */
	void (*peer_dead)(void *ctx, unsigned int retransmissions);
};

struct l2tp_reliable;

/* The caller owns the result (l2tp_reliable_free). NULL on bad config or no memory. */
struct l2tp_reliable *l2tp_reliable_new(const struct l2tp_reliable_config *cfg,
					const struct l2tp_reliable_ops *ops, void *ctx);
void l2tp_reliable_free(struct l2tp_reliable *ch);

/* The peer's Receive Window Size AVP [RFC 2661 §4.4.3]; 4 until told. 0 is -EINVAL. */
int l2tp_reliable_set_peer_window(struct l2tp_reliable *ch, uint16_t window);
/* The Tunnel ID our ZLB acknowledgements carry in their header. */
void l2tp_reliable_set_peer_tunnel_id(struct l2tp_reliable *ch, uint16_t tunnel_id);

/* Queues a finished non-ZLB control message (header and AVPs, as l2tp_builder_finish made
 * it). The channel copies it, stamps Ns and Nr, and sends it as soon as the peer's window
 * allows. -EINVAL for a malformed message, -ENOTCONN once the peer is dead, -ENOMEM. */
int l2tp_reliable_send(struct l2tp_reliable *ch, const uint8_t *msg, size_t len, uint64_t now_ms);

/* A control message for this tunnel (its header already parsed and its Tunnel ID checked
 * by the caller). Applies the peer's Nr, then delivers it and any queued successors in
 * order, or queues or discards it; schedules our acknowledgement. -EBADMSG when the
 * header is not a control header. */
int l2tp_reliable_receive(struct l2tp_reliable *ch, uint8_t *buf, size_t len,
			  const struct l2tp_header *hdr, uint64_t now_ms);

/* Runs whatever is due at `now_ms`: retransmissions, a delayed ZLB, the give-up. */
void l2tp_reliable_on_timer(struct l2tp_reliable *ch, uint64_t now_ms);
/* When l2tp_reliable_on_timer() next has work, or L2TP_NO_DEADLINE. */
uint64_t l2tp_reliable_next_deadline(const struct l2tp_reliable *ch);

/* Sends the pending acknowledgement now, as a ZLB, if one is due (e.g. for a StopCCN,
 * which is answered by a ZLB whatever the delay [RFC 2661 §5.7]). */
void l2tp_reliable_flush_ack(struct l2tp_reliable *ch);
/* Forgets every message not yet acknowledged (the tunnel is going away). */
void l2tp_reliable_drop_outgoing(struct l2tp_reliable *ch);

/* Messages queued or sent and not yet acknowledged. */
size_t l2tp_reliable_outstanding(const struct l2tp_reliable *ch);
bool l2tp_reliable_peer_is_dead(const struct l2tp_reliable *ch);
