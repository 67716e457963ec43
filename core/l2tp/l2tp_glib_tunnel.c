/* GLib edge of the LAC: socket, timer, randomness and async API around l2tp_tunnel and
 * l2tp_session. The pure state machines call back into us while we call them; all GTask
 * completion and signal emission waits until that call has returned (settle()). */
#include "config.h"

#include "l2tp/l2tp_glib_tunnel.h"

#include <errno.h>
#include <openssl/rand.h>

#include "l2tp/l2tp_session.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_COMPONENT "l2tp"
/* Control messages are small, but the peer decides: take whatever UDP can carry. */
#define RX_BUFFER_SIZE	     65535
#define MAX_READS_PER_WAKEUP 64

struct down_report {
	gboolean happened;
	gboolean clean;
	int cause; /* enum l2tp_close_cause */
	GIOErrorEnum code;
	char *reason;
};

struct _L2tpGlibTunnel {
	GObject parent_instance;

	/* options */
	char *server;
	guint16 port;
	GBytes *secret;
	gboolean hide_avps;
	gboolean ephemeral_port;
	gboolean confirm_later;
	guint16 local_port;
	char *host_name;
	guint hello_interval_s;
	guint max_retries;

	GMainContext *context;
	GSocket *socket;
	GSource *recv_source;
	GSource *timer_source;
	uint64_t timer_deadline;
	GSocketAddress *server_addr;
	GSocketAddress *peer_addr;   /* the SCCRP's source, once known */
	GSocketAddress *current_src; /* source of the datagram being handled */
	gboolean connected;
	guint8 *rx_buf;

	struct l2tp_tunnel *tunnel;
	struct l2tp_session *session;

	GTask *open_task;
	GSource *cancel_source;
	GTask *close_task;
	GSource *close_wait_source;

	/* What the state machines reported, for settle(). */
	gboolean session_answered; /* ICRP in, ICCN held (confirm_later) */
	gboolean session_up;
	struct down_report call_down;
	struct down_report tunnel_down;
	gboolean down_signalled; /* or reported through a task: no "closed" signal */
};

enum { SIGNAL_CLOSED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_TYPE(L2tpGlibTunnel, l2tp_glib_tunnel, G_TYPE_OBJECT)

static uint64_t now_ms(void)
{
	return (uint64_t)g_get_monotonic_time() / 1000;
}

/* --- Lifecycle ---------------------------------------------------------------------- */

static void l2tp_glib_tunnel_init(L2tpGlibTunnel *self)
{
}

static void destroy_source(GSource **source)
{
	if (!*source)
		return;
	g_source_destroy(*source);
	g_source_unref(*source);
	*source = NULL;
}

static void l2tp_glib_tunnel_dispose(GObject *object)
{
	L2tpGlibTunnel *self = L2TP_GLIB_TUNNEL(object);

	destroy_source(&self->recv_source);
	destroy_source(&self->timer_source);
	destroy_source(&self->cancel_source);
	destroy_source(&self->close_wait_source);
	g_clear_pointer(&self->session, l2tp_session_free);
	g_clear_pointer(&self->tunnel, l2tp_tunnel_free);
	if (self->socket)
		g_socket_close(self->socket, NULL);
	g_clear_object(&self->socket);
	g_clear_object(&self->server_addr);
	g_clear_object(&self->peer_addr);
	g_clear_pointer(&self->context, g_main_context_unref);
	G_OBJECT_CLASS(l2tp_glib_tunnel_parent_class)->dispose(object);
}

static void l2tp_glib_tunnel_finalize(GObject *object)
{
	L2tpGlibTunnel *self = L2TP_GLIB_TUNNEL(object);

	g_free(self->server);
	g_clear_pointer(&self->secret, g_bytes_unref);
	g_free(self->host_name);
	g_free(self->rx_buf);
	g_free(self->call_down.reason);
	g_free(self->tunnel_down.reason);
	G_OBJECT_CLASS(l2tp_glib_tunnel_parent_class)->finalize(object);
}

static void l2tp_glib_tunnel_class_init(L2tpGlibTunnelClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = l2tp_glib_tunnel_dispose;
	object_class->finalize = l2tp_glib_tunnel_finalize;
	signals[SIGNAL_CLOSED] =
	    g_signal_new("closed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
			 G_TYPE_NONE, 3, G_TYPE_BOOLEAN, G_TYPE_INT, G_TYPE_STRING);
}

L2tpGlibTunnel *l2tp_glib_tunnel_new(const L2tpGlibTunnelOptions *options)
{
	L2tpGlibTunnel *self;

	g_return_val_if_fail(options && options->server, NULL);
	self = g_object_new(L2TP_TYPE_GLIB_TUNNEL, NULL);
	self->server = g_strdup(options->server);
	self->port = options->port ? options->port : L2TP_GLIB_DEFAULT_PORT;
	self->secret = options->secret ? g_bytes_ref(options->secret) : NULL;
	self->hide_avps = options->hide_avps;
	self->ephemeral_port = options->ephemeral_port;
	self->confirm_later = options->confirm_later;
	self->local_port = options->local_port;
	self->host_name = g_strdup(options->host_name ? options->host_name : g_get_host_name());
	self->hello_interval_s = options->hello_interval_s ? options->hello_interval_s : 60;
	self->max_retries = options->max_retries ? options->max_retries : 5;
	return self;
}

/* --- Accessors --------------------------------------------------------------------- */

GSocket *l2tp_glib_tunnel_get_socket(L2tpGlibTunnel *self)
{
	return self->socket;
}

int l2tp_glib_tunnel_get_fd(L2tpGlibTunnel *self)
{
	return self->socket ? g_socket_get_fd(self->socket) : -1;
}

guint16 l2tp_glib_tunnel_get_local_tunnel_id(L2tpGlibTunnel *self)
{
	return self->tunnel ? l2tp_tunnel_local_id(self->tunnel) : 0;
}

guint16 l2tp_glib_tunnel_get_peer_tunnel_id(L2tpGlibTunnel *self)
{
	return self->tunnel ? l2tp_tunnel_peer_id(self->tunnel) : 0;
}

guint16 l2tp_glib_tunnel_get_local_session_id(L2tpGlibTunnel *self)
{
	return self->session ? l2tp_session_local_id(self->session) : 0;
}

guint16 l2tp_glib_tunnel_get_peer_session_id(L2tpGlibTunnel *self)
{
	return self->session ? l2tp_session_peer_id(self->session) : 0;
}

GSocketAddress *l2tp_glib_tunnel_get_peer_address(L2tpGlibTunnel *self)
{
	return self->peer_addr;
}

static char *describe_address(GSocketAddress *address)
{
	GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS(address);
	GInetAddress *ip = g_inet_socket_address_get_address(inet);
	g_autofree char *text = g_inet_address_to_string(ip);
	guint16 port = g_inet_socket_address_get_port(inet);

	if (g_inet_address_get_family(ip) == G_SOCKET_FAMILY_IPV6)
		return g_strdup_printf("[%s]:%u", text, port);
	return g_strdup_printf("%s:%u", text, port);
}

char *l2tp_glib_tunnel_describe_peer(L2tpGlibTunnel *self)
{
	return self->peer_addr ? describe_address(self->peer_addr) : NULL;
}

/* --- The state machines' callbacks --------------------------------------------------- */

static GSocketAddress *send_destination(L2tpGlibTunnel *self)
{
	if (self->current_src && !self->peer_addr)
		return self->current_src; /* answering the SCCRP: SCCCN goes where it came from */
	return self->peer_addr ? self->peer_addr : self->server_addr;
}

static int edge_send(void *ctx, const uint8_t *buf, size_t len)
{
	L2tpGlibTunnel *self = ctx;
	g_autoptr(GError) error = NULL;
	gssize sent;

	if (self->connected)
		sent = g_socket_send(self->socket, (const char *)buf, len, NULL, &error);
	else
		sent = g_socket_send_to(self->socket, send_destination(self), (const char *)buf,
					len, NULL, &error);
	if (sent >= 0)
		return 0;
	l2c_debug(LOG_COMPONENT, "send failed: %s", error->message);
	return -EIO;
}

static void edge_random_bytes(void *ctx, uint8_t *buf, size_t len)
{
	/* IDs, the Challenge and Random Vectors must be unpredictable [RFC 2661 §4.4.3, §5.1.1];
	 * there is no safe way on without them. */
	if (RAND_bytes(buf, (int)len) != 1)
		g_error("OpenSSL RAND_bytes failed: no secure randomness for L2TP");
}

/* From now on only the server's SCCRP source reaches us, and the kernel data path will
 * send to it (PROTOCOL.md §3). */
static void edge_tunnel_established(void *ctx, uint16_t local_tunnel_id, uint16_t peer_tunnel_id)
{
	L2tpGlibTunnel *self = ctx;
	g_autoptr(GError) error = NULL;
	g_autofree char *where = NULL;

	if (!self->current_src)
		return;
	g_set_object(&self->peer_addr, self->current_src);
	where = describe_address(self->peer_addr);
	if (g_socket_connect(self->socket, self->peer_addr, NULL, &error))
		self->connected = TRUE;
	else
		l2c_warn(LOG_COMPONENT, _("could not connect the tunnel socket to %s: %s"), where,
			 error->message);
	l2c_info(LOG_COMPONENT, "tunnel %u up with %s (peer tunnel %u)", local_tunnel_id, where,
		 peer_tunnel_id);
}

static GIOErrorEnum error_code_for(enum l2tp_close_cause cause)
{
	switch (cause) {
	case L2TP_CLOSE_PEER_DEAD:
		return G_IO_ERROR_TIMED_OUT;
	case L2TP_CLOSE_AUTH_FAILED:
		return G_IO_ERROR_PERMISSION_DENIED;
	case L2TP_CLOSE_PEER:
		return G_IO_ERROR_CONNECTION_CLOSED;
	default:
		return G_IO_ERROR_FAILED;
	}
}

static char *describe_close(L2tpGlibTunnel *self, const struct l2tp_close_info *info)
{
	GSocketAddress *where = self->peer_addr ? self->peer_addr : self->server_addr;
	GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS(where);
	g_autofree char *ip = g_inet_address_to_string(g_inet_socket_address_get_address(inet));

	if (info->cause != L2TP_CLOSE_PEER_DEAD)
		return g_strdup(info->reason);
	return g_strdup_printf(dngettext(GETTEXT_PACKAGE,
					 "no response from %s on UDP %u after %u retransmission",
					 "no response from %s on UDP %u after %u retransmissions",
					 info->retransmissions),
			       ip, g_inet_socket_address_get_port(inet), info->retransmissions);
}

static void note_down(L2tpGlibTunnel *self, struct down_report *report,
		      const struct l2tp_close_info *info)
{
	if (report->happened)
		return;
	report->happened = TRUE;
	report->clean = info->clean;
	report->cause = info->cause;
	report->code = error_code_for(info->cause);
	report->reason = describe_close(self, info);
}

static void edge_tunnel_closed(void *ctx, const struct l2tp_close_info *info)
{
	L2tpGlibTunnel *self = ctx;

	note_down(self, &self->tunnel_down, info);
}

static void edge_session_answered(void *ctx, uint16_t local_session_id, uint16_t peer_session_id)
{
	L2tpGlibTunnel *self = ctx;

	self->session_answered = TRUE;
}

static void edge_session_established(void *ctx, uint16_t local_session_id, uint16_t peer_session_id)
{
	L2tpGlibTunnel *self = ctx;

	self->session_up = TRUE;
}

static void edge_session_closed(void *ctx, const struct l2tp_close_info *info)
{
	L2tpGlibTunnel *self = ctx;

	if (info->cause == L2TP_CLOSE_TUNNEL_DOWN)
		return; /* the tunnel reports that itself */
	note_down(self, &self->call_down, info);
}

static const struct l2tp_tunnel_ops edge_tunnel_ops = {
    .send = edge_send,
    .random_bytes = edge_random_bytes,
    .established = edge_tunnel_established,
    .closed = edge_tunnel_closed,
};

static const struct l2tp_session_ops edge_session_ops = {
    .answered = edge_session_answered,
    .established = edge_session_established,
    .closed = edge_session_closed,
};

/* --- After every call into the state machines ----------------------------------------- */

static gboolean on_timer(gpointer user_data);

static void reschedule_timer(L2tpGlibTunnel *self)
{
	uint64_t deadline, now;

	destroy_source(&self->timer_source);
	if (!self->tunnel)
		return;
	deadline = l2tp_tunnel_next_deadline(self->tunnel);
	if (deadline == L2TP_NO_DEADLINE)
		return;
	now = now_ms();
	self->timer_deadline = deadline;
	self->timer_source =
	    g_timeout_source_new(deadline > now ? (guint)MIN(deadline - now, G_MAXUINT) : 0);
	g_source_set_callback(self->timer_source, on_timer, self, NULL);
	g_source_attach(self->timer_source, self->context);
}

/* `failure` NULL: success. */
static void complete_task(GTask **task, const struct down_report *failure)
{
	GTask *t = g_steal_pointer(task);

	if (!failure)
		g_task_return_boolean(t, TRUE);
	else
		g_task_return_new_error(t, G_IO_ERROR, failure->code, "%s", failure->reason);
	g_object_unref(t);
}

/* A call that fails says more than the tunnel it takes down with it. */
static const struct down_report *first_down(const L2tpGlibTunnel *self)
{
	if (self->call_down.happened)
		return &self->call_down;
	return self->tunnel_down.happened ? &self->tunnel_down : NULL;
}

static gboolean tunnel_is_finished(L2tpGlibTunnel *self)
{
	enum l2tp_tunnel_state state = l2tp_tunnel_get_state(self->tunnel);

	return state == L2TP_TUNNEL_CLOSED || state == L2TP_TUNNEL_HOLD;
}

/* After the last session the tunnel goes too [MS-L2TPIE §3.1.4; RFC 2661 §5.7]. */
static void close_orphaned_tunnel(L2tpGlibTunnel *self)
{
	if (self->call_down.happened && self->tunnel &&
	    l2tp_tunnel_get_state(self->tunnel) == L2TP_TUNNEL_ESTABLISHED &&
	    l2tp_tunnel_has_no_sessions(self->tunnel))
		l2tp_tunnel_close(self->tunnel, now_ms());
}

static void settle_open(L2tpGlibTunnel *self)
{
	const struct down_report *down = first_down(self);

	if (!down && !self->session_up && !self->session_answered)
		return;
	destroy_source(&self->cancel_source);
	self->down_signalled = down != NULL;
	complete_task(&self->open_task, down);
}

static void settle_close(L2tpGlibTunnel *self)
{
	const struct down_report *down = &self->tunnel_down;

	if (!tunnel_is_finished(self))
		return;
	destroy_source(&self->close_wait_source);
	complete_task(&self->close_task, down->happened && !down->clean ? down : NULL);
}

static void settle(L2tpGlibTunnel *self)
{
	const struct down_report *down;

	close_orphaned_tunnel(self);
	reschedule_timer(self);
	if (self->open_task) {
		settle_open(self);
		return;
	}
	if (self->close_task) {
		settle_close(self);
		return;
	}
	down = first_down(self);
	if (down && !self->down_signalled) {
		self->down_signalled = TRUE;
		g_signal_emit(self, signals[SIGNAL_CLOSED], 0, down->clean, down->cause,
			      down->reason);
	}
}

static gboolean on_timer(gpointer user_data)
{
	L2tpGlibTunnel *self = g_object_ref(user_data);

	l2tp_tunnel_on_timer(self->tunnel, MAX(now_ms(), self->timer_deadline));
	settle(self);
	g_object_unref(self);
	return G_SOURCE_REMOVE;
}

/* --- Receiving ---------------------------------------------------------------------- */

/* Until the SCCRP has told us the server's port, only its address is trusted. */
static gboolean source_is_acceptable(L2tpGlibTunnel *self, GSocketAddress *src)
{
	GInetAddress *server, *from;

	if (self->connected)
		return TRUE;
	if (!G_IS_INET_SOCKET_ADDRESS(src))
		return FALSE;
	server = g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(self->server_addr));
	from = g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(src));
	return g_inet_address_equal(server, from);
}

static void handle_datagram(L2tpGlibTunnel *self, GSocketAddress *src, uint8_t *buf, gssize len)
{
	int r;

	if (len < 1 || !(buf[0] & 0x80))
		return; /* data messages (T=0) are the data path's */
	if (!source_is_acceptable(self, src)) {
		l2c_debug(LOG_COMPONENT, "dropped a datagram from an unexpected address");
		return;
	}
	self->current_src = src;
	r = l2tp_tunnel_receive(self->tunnel, buf, (size_t)len, now_ms());
	self->current_src = NULL;
	if (r < 0)
		l2c_debug(LOG_COMPONENT, "dropped a control datagram (%d)", r);
}

static gboolean on_socket_readable(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	L2tpGlibTunnel *self = g_object_ref(user_data);

	for (int i = 0; i < MAX_READS_PER_WAKEUP && self->tunnel; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GSocketAddress) src = NULL;
		gssize n = g_socket_receive_from(socket, &src, (char *)self->rx_buf, RX_BUFFER_SIZE,
						 NULL, &error);

		if (n < 0 && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
			break;
		if (n < 0) {
			/* e.g. ICMP port unreachable: retransmission copes with it */
			l2c_debug(LOG_COMPONENT, "receive: %s", error->message);
			continue;
		}
		handle_datagram(self, src, self->rx_buf, n);
	}
	settle(self);
	g_object_unref(self);
	return G_SOURCE_CONTINUE;
}

static void watch_socket(L2tpGlibTunnel *self)
{
	if (self->recv_source || !self->socket)
		return;
	self->recv_source = g_socket_create_source(self->socket, G_IO_IN, NULL);
	g_source_set_callback(self->recv_source, G_SOURCE_FUNC(on_socket_readable), self, NULL);
	g_source_attach(self->recv_source, self->context);
}

void l2tp_glib_tunnel_set_external_reader(L2tpGlibTunnel *self, gboolean external)
{
	g_return_if_fail(L2TP_IS_GLIB_TUNNEL(self));
	if (external)
		destroy_source(&self->recv_source);
	else if (self->tunnel)
		watch_socket(self);
}

void l2tp_glib_tunnel_receive(L2tpGlibTunnel *self, uint8_t *packet, size_t len)
{
	g_return_if_fail(L2TP_IS_GLIB_TUNNEL(self));
	if (!self->tunnel || !self->peer_addr || len > G_MAXSSIZE)
		return;
	g_object_ref(self);
	handle_datagram(self, self->peer_addr, packet, (gssize)len);
	settle(self);
	g_object_unref(self);
}

/* --- Opening ------------------------------------------------------------------------- */

static gboolean bind_port(GSocket *socket, GSocketFamily family, guint16 port, GError **error)
{
	g_autoptr(GInetAddress) any = g_inet_address_new_any(family);
	g_autoptr(GSocketAddress) local = g_inet_socket_address_new(any, port);

	return g_socket_bind(socket, local, FALSE, error);
}

/* UDP checksums stay on (the kernel default): RFC 2661 §8.1 wants them, and we never set
 * SO_NO_CHECK the way xl2tpd does. */
static GSocket *open_socket(GSocketFamily family, gboolean ephemeral, guint16 exact, GError **error)
{
	g_autoptr(GSocket) socket =
	    g_socket_new(family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
	g_autoptr(GError) busy = NULL;

	if (!socket)
		return NULL;
	g_socket_set_blocking(socket, FALSE);
	if (exact)
		return bind_port(socket, family, exact, error) ? g_steal_pointer(&socket) : NULL;
	if (!ephemeral && bind_port(socket, family, L2TP_GLIB_DEFAULT_PORT, &busy))
		return g_steal_pointer(&socket);
	if (busy)
		l2c_info(LOG_COMPONENT,
			 "local UDP port %u unavailable (%s); using an ephemeral port",
			 L2TP_GLIB_DEFAULT_PORT, busy->message);
	if (!bind_port(socket, family, 0, error))
		return NULL;
	return g_steal_pointer(&socket);
}

static struct l2tp_tunnel *create_tunnel(L2tpGlibTunnel *self)
{
	struct l2tp_tunnel_config cfg;
	gsize secret_len = 0;
	const guint8 *secret = self->secret ? g_bytes_get_data(self->secret, &secret_len) : NULL;

	l2tp_tunnel_config_defaults(&cfg);
	cfg.host_name = self->host_name;
	cfg.secret = (struct l2tp_secret){secret_len ? secret : NULL, secret_len};
	cfg.hide_avps = self->hide_avps;
	cfg.hello_interval_ms = self->hello_interval_s * 1000;
	cfg.reliable.max_retries = self->max_retries;
	return l2tp_tunnel_new(&cfg, &edge_tunnel_ops, self);
}

static gboolean start_engine(L2tpGlibTunnel *self, GError **error)
{
	struct l2tp_session_config scfg;
	int r;

	self->tunnel = create_tunnel(self);
	l2tp_session_config_defaults(&scfg);
	scfg.confirm_later = self->confirm_later;
	self->session =
	    self->tunnel ? l2tp_session_new(self->tunnel, &scfg, &edge_session_ops, self) : NULL;
	if (!self->session) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
			    _("could not set up the L2TP tunnel (out of memory?)"));
		return FALSE;
	}
	r = l2tp_session_open(self->session, now_ms());
	if (r == 0)
		r = l2tp_tunnel_open(self->tunnel, now_ms());
	if (r < 0) {
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(-r),
			    _("could not send the L2TP tunnel request: %s"), g_strerror(-r));
		return FALSE;
	}
	return TRUE;
}

static gboolean start_with_address(L2tpGlibTunnel *self, GInetAddress *address, GError **error)
{
	GSocketFamily family = g_inet_address_get_family(address);
	g_autofree char *where = NULL;

	self->server_addr = g_inet_socket_address_new(address, self->port);
	self->socket = open_socket(family, self->ephemeral_port, self->local_port, error);
	if (!self->socket)
		return FALSE;
	self->rx_buf = g_malloc(RX_BUFFER_SIZE);
	watch_socket(self);
	where = describe_address(self->server_addr);
	l2c_info(LOG_COMPONENT, "opening an L2TP tunnel to %s", where);
	return start_engine(self, error);
}

static void fail_open(L2tpGlibTunnel *self, GError *error)
{
	GTask *task = g_steal_pointer(&self->open_task);

	destroy_source(&self->cancel_source);
	self->down_signalled = TRUE;
	g_task_return_error(task, error);
	g_object_unref(task);
}

static void start_or_fail(L2tpGlibTunnel *self, GInetAddress *address)
{
	GError *error = NULL;

	if (start_with_address(self, address, &error))
		settle(self);
	else
		fail_open(self, error);
}

static void on_resolved(GObject *resolver, GAsyncResult *result, gpointer user_data)
{
	L2tpGlibTunnel *self = user_data;
	GError *error = NULL;
	GList *addresses = g_resolver_lookup_by_name_finish(G_RESOLVER(resolver), result, &error);

	if (!self->open_task) {
		/* closed or cancelled meanwhile */
	} else if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		fail_open(self, g_steal_pointer(&error));
	} else if (!addresses) {
		GError *wrapped = g_error_new(G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND,
					      _("could not resolve the L2TP server %s: %s"),
					      self->server, error->message);

		fail_open(self, wrapped);
	} else {
		start_or_fail(self, addresses->data);
	}
	g_clear_error(&error);
	g_resolver_free_addresses(addresses);
	g_object_unref(self);
}

/* Cancelling the open abandons the tunnel (no StopCCN is possible before the SCCRP, and a
 * half-open call is simply closed). */
static gboolean on_open_cancelled(GCancellable *cancellable, gpointer user_data)
{
	L2tpGlibTunnel *self = g_object_ref(user_data);

	destroy_source(&self->cancel_source);
	if (self->tunnel)
		l2tp_tunnel_close(self->tunnel, now_ms());
	if (self->open_task)
		fail_open(self, g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED,
						    _("opening the L2TP tunnel was cancelled")));
	self->down_signalled = TRUE;
	settle(self);
	g_object_unref(self);
	return G_SOURCE_REMOVE;
}

void l2tp_glib_tunnel_open_async(L2tpGlibTunnel *self, GCancellable *cancellable,
				 GAsyncReadyCallback callback, gpointer user_data)
{
	g_autoptr(GInetAddress) literal = NULL;

	g_return_if_fail(L2TP_IS_GLIB_TUNNEL(self));
	if (self->open_task || self->tunnel) {
		g_task_report_new_error(self, callback, user_data, l2tp_glib_tunnel_open_async,
					G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
					_("the L2TP tunnel was already opened"));
		return;
	}
	self->context = g_main_context_ref_thread_default();
	self->open_task = g_task_new(self, cancellable, callback, user_data);
	g_task_set_source_tag(self->open_task, l2tp_glib_tunnel_open_async);
	if (cancellable) {
		self->cancel_source = g_cancellable_source_new(cancellable);
		g_source_set_callback(self->cancel_source, G_SOURCE_FUNC(on_open_cancelled), self,
				      NULL);
		g_source_attach(self->cancel_source, self->context);
	}
	literal = g_inet_address_new_from_string(self->server);
	if (literal) {
		start_or_fail(self, literal);
		return;
	}
	g_resolver_lookup_by_name_async(g_resolver_get_default(), self->server, cancellable,
					on_resolved, g_object_ref(self));
}

gboolean l2tp_glib_tunnel_open_finish(L2tpGlibTunnel *self, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, self), FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}

gboolean l2tp_glib_tunnel_confirm_call(L2tpGlibTunnel *self)
{
	int r;

	g_return_val_if_fail(L2TP_IS_GLIB_TUNNEL(self), FALSE);
	if (!self->session)
		return FALSE;
	r = l2tp_session_confirm(self->session, now_ms());
	settle(self);
	return r == 0;
}

/* --- Closing ------------------------------------------------------------------------- */

/* RFC 2661 §5.7 has the sender of StopCCN wait a full retransmission cycle (~31 s) for its
 * acknowledgement, but a user who disconnects should not wait that long, and some servers
 * (xl2tpd) delete the tunnel on StopCCN and never re-ack a retransmission whose first ack was
 * lost. The goodbye was said; after a few retransmissions the close counts as done. */
static gboolean on_close_wait_over(gpointer user_data)
{
	L2tpGlibTunnel *self = user_data;
	GTask *task = g_steal_pointer(&self->close_task);

	g_clear_pointer(&self->close_wait_source, g_source_unref);
	if (task) {
		l2c_warn("l2tp",
			 _("the server did not acknowledge our StopCCN within %d s; "
			   "closing anyway"),
			 L2TP_GLIB_CLOSE_WAIT_S);
		g_task_return_boolean(task, TRUE);
		g_object_unref(task);
	}
	return G_SOURCE_REMOVE;
}

void l2tp_glib_tunnel_close_async(L2tpGlibTunnel *self, GCancellable *cancellable,
				  GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task;

	g_return_if_fail(L2TP_IS_GLIB_TUNNEL(self));
	task = g_task_new(self, cancellable, callback, user_data);
	g_task_set_source_tag(task, l2tp_glib_tunnel_close_async);
	if (self->close_task) {
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
					_("the L2TP tunnel is already closing"));
		g_object_unref(task);
		return;
	}
	if (self->open_task)
		fail_open(self, g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED,
						    _("the L2TP tunnel was closed while opening")));
	if (!self->tunnel || tunnel_is_finished(self)) {
		g_task_return_boolean(task, TRUE);
		g_object_unref(task);
		return;
	}
	self->close_task = task;
	self->down_signalled = TRUE; /* whatever happens now is the close's result */
	self->close_wait_source = g_timeout_source_new_seconds(L2TP_GLIB_CLOSE_WAIT_S);
	g_source_set_callback(self->close_wait_source, on_close_wait_over, self, NULL);
	g_source_attach(self->close_wait_source, self->context);
	l2tp_tunnel_close(self->tunnel, now_ms());
	settle(self);
}

gboolean l2tp_glib_tunnel_close_finish(L2tpGlibTunnel *self, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, self), FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}
