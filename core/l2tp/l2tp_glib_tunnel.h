/* The GLib edge of the L2TP engine: one UDP socket, one tunnel, one incoming call.
 *
 * It resolves the server, binds the socket (local port 1701 unless busy or an ephemeral
 * port is asked for), sends SCCRQ to server:port, connect()s the socket to wherever the
 * SCCRP came from (the LNS may answer from another port, PROTOCOL.md §2), feeds datagrams
 * to l2tp_tunnel, drives its timers from the thread-default main context, and draws
 * randomness from OpenSSL. Data messages (T=0) are ignored here: the data path takes the
 * socket and the four IDs from the getters below once the open has finished. */
#pragma once

#include <gio/gio.h>

#include "l2tp/l2tp_tunnel.h"

G_BEGIN_DECLS

#define L2TP_GLIB_DEFAULT_PORT 1701
/* How long close_async waits for the server to acknowledge StopCCN. */
#define L2TP_GLIB_CLOSE_WAIT_S 5

typedef struct {
	const char *server;	 /* IPv4/IPv6 literal or host name; required */
	guint16 port;		 /* 0: 1701 */
	GBytes *secret;		 /* tunnel secret, NULL: none; referenced, never logged */
	gboolean hide_avps;	 /* hide session AVPs with the secret (RFC 2661 §4.3) */
	gboolean ephemeral_port; /* skip local port 1701 (several clients behind one NAT) */
	/* Bind exactly this local port, or fail (an IPsec policy names it); 0: as above. */
	guint16 local_port;
	const char *host_name;	 /* Host Name AVP; NULL: this machine's host name */
	guint hello_interval_s;	 /* 0: 60 s */
	guint max_retries;	 /* 0: 5 retransmissions before the server counts as gone */
	/* Finish the open at the server's ICRP and hold the ICCN until
	 * l2tp_glib_tunnel_confirm_call: the server starts PPP on the ICCN, so the data path
	 * should be listening by then. */
	gboolean confirm_later;
} L2tpGlibTunnelOptions;

#define L2TP_TYPE_GLIB_TUNNEL (l2tp_glib_tunnel_get_type())
G_DECLARE_FINAL_TYPE(L2tpGlibTunnel, l2tp_glib_tunnel, L2TP, GLIB_TUNNEL, GObject)

/* Signal "closed" (gboolean clean, gint cause, const gchar *reason): the tunnel or its
 * call went down after a successful open, other than through close_async (which reports
 * through its own result). `cause` is an enum l2tp_close_cause. */

/* Copies the options. */
L2tpGlibTunnel *l2tp_glib_tunnel_new(const L2tpGlibTunnelOptions *options);

/* Opens the tunnel and one incoming call; finishes when the call is up (ICCN sent; with
 * confirm_later: answered by the ICRP) or failed. Errors: G_IO_ERROR_TIMED_OUT (no answer),
 * G_IO_ERROR_PERMISSION_DENIED (tunnel authentication), G_IO_ERROR_CONNECTION_CLOSED (the
 * server said no), G_IO_ERROR_CANCELLED, or another G_IO_ERROR with a readable message. */
void l2tp_glib_tunnel_open_async(L2tpGlibTunnel *self, GCancellable *cancellable,
				 GAsyncReadyCallback callback, gpointer user_data);
gboolean l2tp_glib_tunnel_open_finish(L2tpGlibTunnel *self, GAsyncResult *result, GError **error);

/* Sends the held ICCN (confirm_later). FALSE when there is no call waiting for it; when the
 * ICCN cannot be sent the call goes down and "closed" follows. */
gboolean l2tp_glib_tunnel_confirm_call(L2tpGlibTunnel *self);

/* Graceful teardown: CDN, StopCCN, and the server's acknowledgement, waited for at most
 * L2TP_GLIB_CLOSE_WAIT_S (then the close counts as done, with a warning). Also aborts an
 * open in progress. */
void l2tp_glib_tunnel_close_async(L2tpGlibTunnel *self, GCancellable *cancellable,
				  GAsyncReadyCallback callback, gpointer user_data);
gboolean l2tp_glib_tunnel_close_finish(L2tpGlibTunnel *self, GAsyncResult *result, GError **error);

/* For the data path. The socket stays owned by the tunnel object; -1 / 0 / NULL before
 * they exist. */
GSocket *l2tp_glib_tunnel_get_socket(L2tpGlibTunnel *self);
int l2tp_glib_tunnel_get_fd(L2tpGlibTunnel *self);
guint16 l2tp_glib_tunnel_get_local_tunnel_id(L2tpGlibTunnel *self);
guint16 l2tp_glib_tunnel_get_peer_tunnel_id(L2tpGlibTunnel *self);
guint16 l2tp_glib_tunnel_get_local_session_id(L2tpGlibTunnel *self);
guint16 l2tp_glib_tunnel_get_peer_session_id(L2tpGlibTunnel *self);
/* Where the SCCRP came from, which the socket is connected to (transfer none). */
GSocketAddress *l2tp_glib_tunnel_get_peer_address(L2tpGlibTunnel *self);
/* "192.0.2.1:1701" or "[2001:db8::1]:1701"; NULL before the SCCRP. Free with g_free. */
char *l2tp_glib_tunnel_describe_peer(L2tpGlibTunnel *self);

/* For a data path that reads the socket itself (the userspace relay): TRUE stops our own
 * reading, FALSE resumes it. One reader per socket. */
void l2tp_glib_tunnel_set_external_reader(L2tpGlibTunnel *self, gboolean external);
/* A control datagram (T=1) that reader got from the connected socket; data messages are
 * ignored. The buffer is modified (hidden AVPs are decrypted in place). */
void l2tp_glib_tunnel_receive(L2tpGlibTunnel *self, uint8_t *packet, size_t len);

G_END_DECLS
