/* The LAC side of an L2TP control connection [RFC 2661 §7.2.1]: SCCRQ → SCCRP → SCCCN,
 * tunnel authentication (§5.1.1), HELLO keepalives (§5.5), StopCCN teardown (§5.7), and the
 * dispatch of session messages to l2tp_session objects.
 *
 * Pure: transport, clock and randomness are parameters. Drive it with
 * l2tp_tunnel_receive() for every control datagram from the peer, and call
 * l2tp_tunnel_on_timer() when l2tp_tunnel_next_deadline() is reached; recompute the
 * deadline after every call into the tunnel or its sessions. Callbacks must not free the
 * tunnel or any session (defer that to after the call returns). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tp/l2tp_codec.h"
#include "l2tp/l2tp_reliable.h"

struct l2tp_session;

enum l2tp_tunnel_state {
	L2TP_TUNNEL_IDLE,
	L2TP_TUNNEL_WAIT_CTL_REPLY, /* SCCRQ sent */
	L2TP_TUNNEL_ESTABLISHED,    /* SCCCN sent */
	L2TP_TUNNEL_CLOSING,	    /* our StopCCN waits for its acknowledgement */
	L2TP_TUNNEL_HOLD,	    /* the peer's StopCCN acknowledged; re-acking retransmissions */
	L2TP_TUNNEL_CLOSED,
};

/* Why a tunnel or session went down. */
enum l2tp_close_cause {
	L2TP_CLOSE_LOCAL,	   /* our owner asked */
	L2TP_CLOSE_PEER,	   /* the peer sent StopCCN (tunnel) or CDN (session) */
	L2TP_CLOSE_PEER_DEAD,	   /* a message went unacknowledged after every retransmission */
	L2TP_CLOSE_AUTH_FAILED,	   /* tunnel authentication failed, either direction */
	L2TP_CLOSE_PROTOCOL_ERROR, /* the peer broke the protocol; we sent StopCCN or CDN */
	L2TP_CLOSE_TUNNEL_DOWN,	   /* sessions only: their tunnel went down */
};

struct l2tp_close_info {
	enum l2tp_close_cause cause;
	/* True when the close went as the protocol intends and nothing failed: our own
	 * StopCCN acknowledged, our own CDN sent. */
	bool clean;
	/* Translated and readable, without a "L2TP:" prefix; valid during the callback. */
	const char *reason;
	/* For L2TP_CLOSE_PEER_DEAD: how many retransmissions went unanswered. */
	unsigned int retransmissions;
	/* For L2TP_CLOSE_PEER: the Result Code the peer sent (0 when it sent none). */
	uint16_t peer_result;
	uint16_t peer_error;
};

struct l2tp_tunnel_config {
	const char *host_name;	 /* required; copied */
	const char *vendor_name; /* NULL: "l2tp-connect"; copied */
	uint16_t firmware_revision;
	/* Tunnel authentication and AVP hiding; copied. data NULL: no secret, and then a
	 * peer that sends a Challenge is refused. */
	struct l2tp_secret secret;
	/* Hide the session AVPs RFC 2661 §4.4 allows hiding; only with a secret. */
	bool hide_avps;
	uint32_t hello_interval_ms; /* HELLO after this long without a message; 0: never */
	uint32_t hold_time_ms;	    /* state kept after the peer's StopCCN [RFC 2661 §5.7] */
	struct l2tp_reliable_config reliable;
};

/* No host name, no secret, HELLO every 60 s, hold 31 s (1+2+4+8+8+8: one full
 * retransmission cycle), reliable-delivery defaults. */
void l2tp_tunnel_config_defaults(struct l2tp_tunnel_config *cfg);

struct l2tp_tunnel_ops {
	int (*send)(void *ctx, const uint8_t *buf, size_t len);
	/* Unpredictable bytes for IDs, the Challenge and Random Vectors [RFC 2661 §4.4.3]. */
	void (*random_bytes)(void *ctx, uint8_t *buf, size_t len);
	/* SCCCN sent: the control connection is up. Optional. */
	void (*established)(void *ctx, uint16_t local_tunnel_id, uint16_t peer_tunnel_id);
	/* The tunnel went down (called once). After L2TP_CLOSE_PEER the tunnel stays in
	 * L2TP_TUNNEL_HOLD until its hold time ends, acknowledging retransmissions; free it
	 * whenever the owner likes. Optional. */
	void (*closed)(void *ctx, const struct l2tp_close_info *info);
};

struct l2tp_tunnel;

/* The caller owns the tunnel (l2tp_tunnel_free). NULL on a bad config (no host name, no
 * send or random_bytes) or no memory. */
struct l2tp_tunnel *l2tp_tunnel_new(const struct l2tp_tunnel_config *cfg,
				    const struct l2tp_tunnel_ops *ops, void *ctx);
/* Frees the tunnel without sending anything; its sessions stay allocated but detached. */
void l2tp_tunnel_free(struct l2tp_tunnel *t);

/* Sends SCCRQ. -EALREADY unless idle. */
int l2tp_tunnel_open(struct l2tp_tunnel *t, uint64_t now_ms);
/* Local teardown: a CDN for each session, then StopCCN "general request to clear"; the
 * closed callback follows when the peer acknowledges it (or never does). Before the
 * SCCRP the tunnel is simply abandoned. */
int l2tp_tunnel_close(struct l2tp_tunnel *t, uint64_t now_ms);

/* One control datagram from the peer (data messages, T=0, are refused with -EINVAL). The
 * buffer is modified (hidden AVPs are decrypted in place). Malformed input is dropped with
 * a negative errno and never changes state except as RFC 2661 requires. */
int l2tp_tunnel_receive(struct l2tp_tunnel *t, uint8_t *buf, size_t len, uint64_t now_ms);
void l2tp_tunnel_on_timer(struct l2tp_tunnel *t, uint64_t now_ms);
uint64_t l2tp_tunnel_next_deadline(const struct l2tp_tunnel *t);

enum l2tp_tunnel_state l2tp_tunnel_get_state(const struct l2tp_tunnel *t);
uint16_t l2tp_tunnel_local_id(const struct l2tp_tunnel *t);
uint16_t l2tp_tunnel_peer_id(const struct l2tp_tunnel *t); /* 0 until the SCCRP */
/* True when no session is open or opening; the owner may then close the tunnel. */
bool l2tp_tunnel_has_no_sessions(const struct l2tp_tunnel *t);
const char *l2tp_tunnel_state_name(enum l2tp_tunnel_state state);

/* --- For l2tp_session.c ------------------------------------------------------------ */

int l2tp_tunnel_attach_session(struct l2tp_tunnel *t, struct l2tp_session *s);
void l2tp_tunnel_detach_session(struct l2tp_tunnel *t, struct l2tp_session *s);
/* A random, non-zero Session ID no other session of this tunnel uses. */
uint16_t l2tp_tunnel_allocate_session_id(struct l2tp_tunnel *t);
uint32_t l2tp_tunnel_next_call_serial(struct l2tp_tunnel *t);

/* Starts a message whose AVPs may be hidden with the tunnel secret. */
void l2tp_tunnel_builder_init(const struct l2tp_tunnel *t, struct l2tp_builder *b, uint8_t *buf,
			      size_t cap, enum l2tp_message_type type);
/* Adds an AVP hidden when hide_avps is on (preceded by a fresh Random Vector AVP the first
 * time), plain otherwise. Only for AVPs RFC 2661 §4.4 allows hiding. */
void l2tp_tunnel_add_hideable(struct l2tp_tunnel *t, struct l2tp_builder *b,
			      enum l2tp_avp_type type, bool mandatory, const void *value,
			      size_t len);
void l2tp_tunnel_add_hideable_u16(struct l2tp_tunnel *t, struct l2tp_builder *b,
				  enum l2tp_avp_type type, bool mandatory, uint16_t value);
void l2tp_tunnel_add_hideable_u32(struct l2tp_tunnel *t, struct l2tp_builder *b,
				  enum l2tp_avp_type type, bool mandatory, uint32_t value);
/* Finishes the builder for the peer's tunnel and `peer_session_id` and sends it reliably. */
int l2tp_tunnel_send_built(struct l2tp_tunnel *t, struct l2tp_builder *b, uint16_t peer_session_id,
			   uint64_t now_ms);
