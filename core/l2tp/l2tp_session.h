/* The LAC side of an incoming call [RFC 2661 §7.4.1]: ICRQ → ICRP → ICCN, and CDN either
 * way. A session lives inside an l2tp_tunnel, which sends its messages reliably and hands
 * it the messages addressed to its Session ID.
 *
 * Pure, like the tunnel: time is a parameter, callbacks must not free anything. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "l2tp/l2tp_codec.h"
#include "l2tp/l2tp_tunnel.h"

enum l2tp_session_state {
	L2TP_SESSION_IDLE,
	L2TP_SESSION_WAIT_TUNNEL, /* opened before the tunnel was up */
	L2TP_SESSION_WAIT_REPLY,  /* ICRQ sent */
	L2TP_SESSION_ANSWERED,	  /* ICRP received, ICCN held until l2tp_session_confirm */
	L2TP_SESSION_ESTABLISHED, /* ICCN sent */
	L2TP_SESSION_CLOSED,
};

/* Result Codes of a CDN we send [RFC 2661 §4.4.2]. */
#define L2TP_CDN_LOST_CARRIER	1
#define L2TP_CDN_GENERAL_ERROR	2
#define L2TP_CDN_ADMINISTRATIVE 3

struct l2tp_session_config {
	uint32_t tx_connect_speed;  /* bits/s, must be non-zero (Windows LNS assumes 9600) */
	uint32_t rx_connect_speed;  /* 0: not sent */
	uint32_t bearer_type;	    /* L2TP_BEARER_*; 0 says "not a physical call" */
	const char *calling_number; /* NULL: not sent; copied */
	/* Hold the ICCN after the ICRP until the owner calls l2tp_session_confirm. An LNS starts
	 * PPP when it gets the ICCN, and its first LCP packet is lost unless our data path is
	 * ready by then; the owner confirms once it is. */
	bool confirm_later;
};

/* Tx 100 Mb/s, no Rx speed, analog bearer (what Windows sends), no calling number. */
void l2tp_session_config_defaults(struct l2tp_session_config *cfg);

struct l2tp_session_ops {
	/* ICRP received with confirm_later set: the IDs are known, the ICCN waits for
	 * l2tp_session_confirm. Optional. */
	void (*answered)(void *ctx, uint16_t local_session_id, uint16_t peer_session_id);
	/* ICCN sent: the call is up; the data path needs both IDs. Optional. */
	void (*established)(void *ctx, uint16_t local_session_id, uint16_t peer_session_id);
	/* The session went down (called once). Optional. */
	void (*closed)(void *ctx, const struct l2tp_close_info *info);
};

struct l2tp_session;

/* Creates a session in `tunnel` with a fresh random Session ID. The caller owns it
 * (l2tp_session_free), and frees it before or after the tunnel, as it likes. */
struct l2tp_session *l2tp_session_new(struct l2tp_tunnel *tunnel,
				      const struct l2tp_session_config *cfg,
				      const struct l2tp_session_ops *ops, void *ctx);
void l2tp_session_free(struct l2tp_session *s);

/* Sends ICRQ now, or as soon as the tunnel is established. -EALREADY unless idle. */
int l2tp_session_open(struct l2tp_session *s, uint64_t now_ms);
/* Sends the held ICCN (state ANSWERED); `established` follows. -EALREADY when not answered
 * or already confirmed, -EIO when it could not be sent (the session then closes). */
int l2tp_session_confirm(struct l2tp_session *s, uint64_t now_ms);
/* Sends CDN with `result` (L2TP_CDN_*) when the peer knows the call, then reports the
 * close (cause L2TP_CLOSE_LOCAL). -EALREADY when already closed. */
int l2tp_session_close(struct l2tp_session *s, uint16_t result, uint64_t now_ms);

enum l2tp_session_state l2tp_session_get_state(const struct l2tp_session *s);
uint16_t l2tp_session_local_id(const struct l2tp_session *s);
uint16_t l2tp_session_peer_id(const struct l2tp_session *s); /* 0 until the ICRP */

/* --- For l2tp_tunnel.c ------------------------------------------------------------- */

bool l2tp_session_is_active(const struct l2tp_session *s);
void l2tp_session_on_tunnel_up(struct l2tp_session *s, uint64_t now_ms);
/* The tunnel is gone (StopCCN either way, dead peer): closes without a CDN. */
void l2tp_session_on_tunnel_down(struct l2tp_session *s, const struct l2tp_close_info *info);
/* The tunnel is being freed. */
void l2tp_session_forget_tunnel(struct l2tp_session *s);
/* A parsed message whose header carries this session's ID. */
void l2tp_session_handle_message(struct l2tp_session *s, const struct l2tp_message *msg,
				 uint64_t now_ms);
