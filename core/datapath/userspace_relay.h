/* The userspace data path, for kernels without l2tp_ppp (PROTOCOL.md §3 Path C).
 *
 * pppd runs on a pty slave and speaks async HDLC; the relay sits on the pty master and the
 * tunnel's connected UDP socket:
 *   pty bytes → HDLC decode (FCS checked) → L2TP data header → UDP
 *   UDP data for our session → strip the header → HDLC encode → pty
 * The control plane shares the socket: control messages (T=1) read here go to a callback,
 * the tunnel owner's way in.
 *
 * All buffers are allocated once with the relay; packets are read and written in batches
 * (recvmmsg/sendmmsg, many HDLC frames per pty read and write) without per-packet allocation,
 * by a thread of the relay's own; only control messages are copied, to the owner's context. */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "datapath/hdlc.h"

/* Largest PPP frame relayed (the MRU is 1400-1500 in practice). */
#define USERSPACE_RELAY_MAX_FRAME 4096
/* Largest datagram read; longer ones are counted and dropped. */
#define USERSPACE_RELAY_MAX_DATAGRAM 8192

/* Called on the attached context for each control message read from the socket, in order.
 * The buffer is a copy, valid for the call, and writable (l2tp_message_parse decrypts hidden
 * AVPs in place). The callback must not free the relay. */
typedef void (*userspace_relay_control_func)(uint8_t *packet, size_t len, void *user_data);

struct userspace_relay_config {
	int udp_fd;		  /* the tunnel's UDP socket, connected to the LNS; borrowed */
	int pty_fd;		  /* the pty master, non-blocking; borrowed */
	uint16_t local_tunnel_id; /* ours: data for us carries these in its header */
	uint16_t local_session_id;
	uint16_t peer_tunnel_id; /* the LNS's: what we put in the header [RFC 2661 §3.1] */
	uint16_t peer_session_id;
	/* We sent Sequencing Required: always send Ns. Otherwise we send Ns while the LNS does
	 * [RFC 2661 §5.4]. */
	bool sequencing_required;
	userspace_relay_control_func on_control;
	void *user_data;
};

struct userspace_relay_stats {
	uint64_t tx_packets; /* PPP frames sent to the LNS */
	uint64_t tx_bytes;   /* their PPP bytes (without L2TP/UDP headers) */
	uint64_t rx_packets; /* PPP frames from the LNS written to pppd */
	uint64_t rx_bytes;
	uint64_t tx_dropped;		/* socket full or failing */
	uint64_t rx_dropped;		/* pty full (pppd not reading) */
	uint64_t rx_invalid;		/* bad header, truncated, too long, or not our session */
	uint64_t control_packets;	/* handed to the callback */
	/* System calls that moved data, to see how well they batch (frames per call). */
	uint64_t pty_reads;
	uint64_t pty_writes;
	uint64_t udp_receives; /* recvmmsg calls that returned datagrams */
	uint64_t udp_sends;    /* sendmmsg calls */
	struct hdlc_decoder_stats hdlc; /* what pppd wrote that failed HDLC checks */
};

struct userspace_relay;

/* Returns 0 and the relay, or -EINVAL for a bad config. It does nothing until attached. */
int userspace_relay_new(const struct userspace_relay_config *config,
			struct userspace_relay **relay);

/* Starts the relay thread; control messages are delivered on `context` (NULL: the thread's
 * default context). Returns 0, or a negative errno when no thread or eventfd could be made. */
int userspace_relay_attach(struct userspace_relay *relay, GMainContext *context);
/* Stops the thread (it returns when the thread has); control messages not yet delivered are
 * dropped (L2TP retransmits them). */
void userspace_relay_detach(struct userspace_relay *relay);

/* Thread-safe. */
void userspace_relay_get_stats(struct userspace_relay *relay, struct userspace_relay_stats *stats);
bool userspace_relay_is_sending_sequence(struct userspace_relay *relay);

/* Detaches and frees; the fds stay open (they are borrowed). */
void userspace_relay_free(struct userspace_relay *relay);
