/* The GLib edge over real UDP on the loopback: a fake LNS listens on one port and answers
 * from another, as an LNS may (PROTOCOL.md §2); the tunnel must follow it there. */
#include "config.h"

#include "l2tp/l2tp_glib_tunnel.h"

#include <gio/gio.h>
#include <string.h>

#include "l2tp/l2tp_codec.h"
#include "util/log.h"

#define LNS_TUNNEL_ID  0x0a0b
#define LNS_SESSION_ID 0x0c0d

struct fake_lns {
	GSocket *listen; /* where SCCRQ goes */
	GSocket *answer; /* where everything comes from */
	guint16 listen_port, answer_port;
	GSource *sources[2];
	GSocketAddress *lac;
	struct l2tp_secret secret;
	gboolean deaf;
	gboolean stop_after_iccn;
	uint16_t lac_tid, lac_sid, ns, nr;
	GArray *types;	      /* enum l2tp_message_type of each non-ZLB message received */
	guint on_answer_port; /* messages that arrived on the answer port */
};

static void lns_send(struct fake_lns *lns, struct l2tp_builder *b, uint16_t session_id)
{
	int len = l2tp_builder_finish(b, lns->lac_tid, session_id, lns->ns++, lns->nr);

	g_assert_cmpint(len, >, 0);
	g_assert_cmpint(
	    g_socket_send_to(lns->answer, lns->lac, (const char *)b->buf, (gsize)len, NULL, NULL),
	    ==, len);
}

static void lns_zlb(struct fake_lns *lns)
{
	uint8_t buf[L2TP_CONTROL_HEADER_LEN];

	l2tp_control_header_write(buf, sizeof(buf), lns->lac_tid, 0, lns->ns, lns->nr);
	g_socket_send_to(lns->answer, lns->lac, (const char *)buf, sizeof(buf), NULL, NULL);
}

static void lns_sccrp(struct fake_lns *lns, const struct l2tp_message *sccrq)
{
	uint8_t buf[512], response[L2TP_CHALLENGE_RESPONSE_LEN];
	struct l2tp_builder b;

	lns->lac_tid = sccrq->assigned_tunnel_id;
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRP, NULL);
	l2tp_builder_add_protocol_version(&b);
	l2tp_builder_add_bytes(&b, L2TP_AVP_HOST_NAME, true, "fake", 4);
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_CAPABILITIES, true, L2TP_FRAMING_SYNC);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, LNS_TUNNEL_ID);
	if (l2tp_message_has(sccrq, L2TP_AVP_CHALLENGE) && lns->secret.data) {
		l2tp_challenge_response(response, L2TP_MSG_SCCRP, &lns->secret,
					sccrq->challenge.data, sccrq->challenge.len);
		l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE_RESPONSE, true, response,
				       sizeof(response));
	}
	lns_send(lns, &b, 0);
}

static void lns_icrp(struct fake_lns *lns, const struct l2tp_message *icrq)
{
	uint8_t buf[128];
	struct l2tp_builder b;

	lns->lac_sid = icrq->assigned_session_id;
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRP, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, LNS_SESSION_ID);
	lns_send(lns, &b, lns->lac_sid);
}

static void lns_stopccn(struct fake_lns *lns)
{
	uint8_t buf[128];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_STOPCCN, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, LNS_TUNNEL_ID);
	l2tp_builder_add_result(&b, 6, 0, "going down");
	lns_send(lns, &b, 0);
}

static void lns_answer(struct fake_lns *lns, const struct l2tp_message *msg)
{
	switch (msg->type) {
	case L2TP_MSG_SCCRQ:
		lns_sccrp(lns, msg);
		break;
	case L2TP_MSG_ICRQ:
		lns_icrp(lns, msg);
		break;
	case L2TP_MSG_ICCN:
		if (lns->stop_after_iccn)
			lns_stopccn(lns);
		else
			lns_zlb(lns);
		break;
	default:
		lns_zlb(lns);
		break;
	}
}

static gboolean lns_readable(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	struct fake_lns *lns = user_data;
	uint8_t buf[2048];
	GSocketAddress *from = NULL;
	struct l2tp_message msg;
	gssize n = g_socket_receive_from(socket, &from, (char *)buf, sizeof(buf), NULL, NULL);

	if (n <= 0 || lns->deaf) {
		g_clear_object(&from);
		return G_SOURCE_CONTINUE;
	}
	g_set_object(&lns->lac, from);
	g_object_unref(from);
	lns->on_answer_port += socket == lns->answer;
	g_assert_cmpint(l2tp_message_parse(buf, (size_t)n, &lns->secret, &msg, NULL), ==, 0);
	if (msg.type == L2TP_MSG_ZLB)
		return G_SOURCE_CONTINUE;
	g_array_append_val(lns->types, msg.type);
	if (msg.header.ns != lns->nr) {
		lns_zlb(lns);
		return G_SOURCE_CONTINUE;
	}
	lns->nr++;
	lns_answer(lns, &msg);
	return G_SOURCE_CONTINUE;
}

static GSocket *loopback_socket(guint16 *port)
{
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new(lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;
	GSocket *socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);

	g_assert_nonnull(socket);
	g_socket_set_blocking(socket, FALSE);
	g_assert_true(g_socket_bind(socket, any_port, FALSE, NULL));
	bound = g_socket_get_local_address(socket, NULL);
	*port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
	return socket;
}

static void lns_start(struct fake_lns *lns, const char *secret)
{
	memset(lns, 0, sizeof(*lns));
	lns->listen = loopback_socket(&lns->listen_port);
	lns->answer = loopback_socket(&lns->answer_port);
	lns->types = g_array_new(FALSE, TRUE, sizeof(enum l2tp_message_type));
	if (secret)
		lns->secret = (struct l2tp_secret){(const uint8_t *)secret, strlen(secret)};
	for (int i = 0; i < 2; i++) {
		lns->sources[i] =
		    g_socket_create_source(i ? lns->answer : lns->listen, G_IO_IN, NULL);
		g_source_set_callback(lns->sources[i], G_SOURCE_FUNC(lns_readable), lns, NULL);
		g_source_attach(lns->sources[i], NULL);
	}
}

static void lns_stop(struct fake_lns *lns)
{
	for (int i = 0; i < 2; i++) {
		g_source_destroy(lns->sources[i]);
		g_source_unref(lns->sources[i]);
	}
	g_object_unref(lns->listen);
	g_object_unref(lns->answer);
	g_clear_object(&lns->lac);
	g_array_unref(lns->types);
}

/* --- the client side ------------------------------------------------------------------ */

struct outcome {
	GMainLoop *loop;
	gboolean done;
	gboolean ok;
	GError *error;
	gboolean closed_signal;
	char *closed_reason;
};

static void on_open(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct outcome *o = user_data;

	o->ok = l2tp_glib_tunnel_open_finish(L2TP_GLIB_TUNNEL(source), result, &o->error);
	o->done = TRUE;
	g_main_loop_quit(o->loop);
}

static void on_close(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct outcome *o = user_data;

	o->ok = l2tp_glib_tunnel_close_finish(L2TP_GLIB_TUNNEL(source), result, &o->error);
	o->done = TRUE;
	g_main_loop_quit(o->loop);
}

static void on_closed_signal(L2tpGlibTunnel *tunnel, gboolean clean, gint cause, const char *reason,
			     gpointer user_data)
{
	struct outcome *o = user_data;

	o->closed_signal = TRUE;
	o->closed_reason = g_strdup(reason);
	g_main_loop_quit(o->loop);
}

static gboolean on_watchdog(gpointer user_data)
{
	g_error("test timed out");
	return G_SOURCE_REMOVE;
}

static void run_loop(struct outcome *o)
{
	guint watchdog = g_timeout_add_seconds(20, on_watchdog, NULL);

	g_main_loop_run(o->loop);
	g_source_remove(watchdog);
}

static L2tpGlibTunnel *client_for(struct fake_lns *lns, GBytes *secret, guint max_retries)
{
	L2tpGlibTunnelOptions options = {
	    .server = "127.0.0.1",
	    .port = lns->listen_port,
	    .secret = secret,
	    .ephemeral_port = TRUE,
	    .host_name = "probe",
	    .max_retries = max_retries,
	};

	return l2tp_glib_tunnel_new(&options);
}

static void outcome_reset(struct outcome *o)
{
	o->done = FALSE;
	o->ok = FALSE;
	g_clear_error(&o->error);
}

static void outcome_clear(struct outcome *o)
{
	g_clear_error(&o->error);
	g_free(o->closed_reason);
	g_main_loop_unref(o->loop);
}

static void test_open_follows_the_answer_port_and_closes(void)
{
	struct fake_lns lns;
	struct outcome o = {.loop = g_main_loop_new(NULL, FALSE)};
	g_autoptr(GBytes) secret = g_bytes_new_static("lab secret", 10);
	L2tpGlibTunnel *tunnel;
	GSocketAddress *peer;
	g_autofree char *peer_text = NULL, *expected = NULL;
	static const enum l2tp_message_type expected_types[] = {
	    L2TP_MSG_SCCRQ, L2TP_MSG_SCCCN, L2TP_MSG_ICRQ,
	    L2TP_MSG_ICCN,  L2TP_MSG_CDN,   L2TP_MSG_STOPCCN,
	};

	lns_start(&lns, "lab secret");
	tunnel = client_for(&lns, secret, 0);
	l2tp_glib_tunnel_open_async(tunnel, NULL, on_open, &o);
	run_loop(&o);
	g_assert_no_error(o.error);
	g_assert_true(o.ok);
	peer = l2tp_glib_tunnel_get_peer_address(tunnel);
	g_assert_nonnull(peer);
	g_assert_cmpuint(g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(peer)), ==,
			 lns.answer_port);
	peer_text = l2tp_glib_tunnel_describe_peer(tunnel);
	expected = g_strdup_printf("127.0.0.1:%u", lns.answer_port);
	g_assert_cmpstr(peer_text, ==, expected);
	g_assert_cmpint(l2tp_glib_tunnel_get_fd(tunnel), >=, 0);
	g_assert_cmpuint(l2tp_glib_tunnel_get_peer_tunnel_id(tunnel), ==, LNS_TUNNEL_ID);
	g_assert_cmpuint(l2tp_glib_tunnel_get_local_tunnel_id(tunnel), ==, lns.lac_tid);
	g_assert_cmpuint(l2tp_glib_tunnel_get_peer_session_id(tunnel), ==, LNS_SESSION_ID);
	g_assert_cmpuint(l2tp_glib_tunnel_get_local_session_id(tunnel), ==, lns.lac_sid);

	outcome_reset(&o);
	l2tp_glib_tunnel_close_async(tunnel, NULL, on_close, &o);
	run_loop(&o);
	g_assert_no_error(o.error);
	g_assert_true(o.ok);
	g_assert_cmpuint(lns.types->len, ==, G_N_ELEMENTS(expected_types));
	for (guint i = 0; i < G_N_ELEMENTS(expected_types); i++)
		g_assert_cmpint(g_array_index(lns.types, enum l2tp_message_type, i), ==,
				expected_types[i]);
	/* only the SCCRQ went to the listening port */
	g_assert_cmpuint(lns.on_answer_port, >=, G_N_ELEMENTS(expected_types) - 1);
	g_object_unref(tunnel);
	lns_stop(&lns);
	outcome_clear(&o);
}

/* Stands in for the userspace relay, which reads the socket once the data path runs. */
struct relay {
	L2tpGlibTunnel *tunnel;
	guint packets;
};

static gboolean relay_readable(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	struct relay *relay = user_data;
	uint8_t buf[2048];
	gssize n = g_socket_receive(socket, (char *)buf, sizeof(buf), NULL, NULL);

	if (n > 0) {
		relay->packets++;
		l2tp_glib_tunnel_receive(relay->tunnel, buf, (size_t)n);
	}
	return G_SOURCE_CONTINUE;
}

static void test_external_reader_feeds_the_tunnel(void)
{
	struct fake_lns lns;
	struct outcome o = {.loop = g_main_loop_new(NULL, FALSE)};
	L2tpGlibTunnel *tunnel;
	GSource *source;
	struct relay relay = {0};

	lns_start(&lns, NULL);
	tunnel = client_for(&lns, NULL, 0);
	l2tp_glib_tunnel_open_async(tunnel, NULL, on_open, &o);
	run_loop(&o);
	g_assert_true(o.ok);
	l2tp_glib_tunnel_set_external_reader(tunnel, TRUE);
	relay.tunnel = tunnel;
	source = g_socket_create_source(l2tp_glib_tunnel_get_socket(tunnel), G_IO_IN, NULL);
	g_source_set_callback(source, G_SOURCE_FUNC(relay_readable), &relay, NULL);
	g_source_attach(source, NULL);

	/* the StopCCN's acknowledgement reaches the tunnel only through the relay */
	outcome_reset(&o);
	l2tp_glib_tunnel_close_async(tunnel, NULL, on_close, &o);
	run_loop(&o);
	g_assert_no_error(o.error);
	g_assert_true(o.ok);
	g_assert_cmpuint(relay.packets, >=, 1);
	g_source_destroy(source);
	g_source_unref(source);
	g_object_unref(tunnel);
	lns_stop(&lns);
	outcome_clear(&o);
}

static void test_wrong_secret_fails_open(void)
{
	struct fake_lns lns;
	struct outcome o = {.loop = g_main_loop_new(NULL, FALSE)};
	g_autoptr(GBytes) secret = g_bytes_new_static("ours", 4);
	L2tpGlibTunnel *tunnel;

	lns_start(&lns, "theirs");
	tunnel = client_for(&lns, secret, 0);
	l2tp_glib_tunnel_open_async(tunnel, NULL, on_open, &o);
	run_loop(&o);
	g_assert_false(o.ok);
	g_assert_error(o.error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
	g_assert_nonnull(strstr(o.error->message, "Challenge Response does not match"));
	g_object_unref(tunnel);
	lns_stop(&lns);
	outcome_clear(&o);
}

static void test_server_stop_emits_closed(void)
{
	struct fake_lns lns;
	struct outcome o = {.loop = g_main_loop_new(NULL, FALSE)};
	L2tpGlibTunnel *tunnel;

	lns_start(&lns, NULL);
	lns.stop_after_iccn = TRUE;
	tunnel = client_for(&lns, NULL, 0);
	g_signal_connect(tunnel, "closed", G_CALLBACK(on_closed_signal), &o);
	l2tp_glib_tunnel_open_async(tunnel, NULL, on_open, &o);
	run_loop(&o);
	g_assert_true(o.ok);
	if (!o.closed_signal)
		run_loop(&o);
	g_assert_true(o.closed_signal);
	g_assert_nonnull(strstr(o.closed_reason, "shutting down"));
	g_assert_nonnull(strstr(o.closed_reason, "going down"));
	g_object_unref(tunnel);
	lns_stop(&lns);
	outcome_clear(&o);
}

static void test_silent_server_times_out(void)
{
	struct fake_lns lns;
	struct outcome o = {.loop = g_main_loop_new(NULL, FALSE)};
	L2tpGlibTunnel *tunnel;
	g_autofree char *expected = NULL;

	lns_start(&lns, NULL);
	lns.deaf = TRUE;
	tunnel = client_for(&lns, NULL, 1); /* 1 s, then 2 s more */
	l2tp_glib_tunnel_open_async(tunnel, NULL, on_open, &o);
	run_loop(&o);
	g_assert_false(o.ok);
	g_assert_error(o.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	expected = g_strdup_printf("no response from 127.0.0.1 on UDP %u after 1 retransmission",
				   lns.listen_port);
	g_assert_cmpstr(o.error->message, ==, expected);
	g_object_unref(tunnel);
	lns_stop(&lns);
	outcome_clear(&o);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!g_test_verbose())
		l2c_log_set_max_level(L2C_LOG_ERROR);
	g_test_add_func("/l2tp/glib-tunnel/open-follows-the-answer-port-and-closes",
			test_open_follows_the_answer_port_and_closes);
	g_test_add_func("/l2tp/glib-tunnel/external-reader-feeds-the-tunnel",
			test_external_reader_feeds_the_tunnel);
	g_test_add_func("/l2tp/glib-tunnel/wrong-secret-fails-open", test_wrong_secret_fails_open);
	g_test_add_func("/l2tp/glib-tunnel/server-stop-emits-closed",
			test_server_stop_emits_closed);
	g_test_add_func("/l2tp/glib-tunnel/silent-server-times-out", test_silent_server_times_out);
	return g_test_run();
}
