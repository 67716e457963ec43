#include "config.h"

#include "datapath/userspace_relay.h"

#include "l2tp/l2tp_codec.h"
#include "util/log.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/param.h>
#include <sys/socket.h>
#include <unistd.h>

#define LOG_COMPONENT "relay"
#define BATCH	      32 /* datagrams per sendmmsg/recvmmsg */
#define MAX_DATA_HDR  10 /* flags, tunnel, session, Ns, Nr [RFC 2661 §3.1] */
#define TX_SLOT_LEN   (MAX_DATA_HDR + USERSPACE_RELAY_MAX_FRAME)
#define PTY_READ_LEN  65536
/* A pty hands over at most its line discipline's buffer per read (n_tty: 4 KiB, 4095 bytes
 * seen), about three frames, however much is queued. Only a shorter read says the queue is
 * empty; returning to poll after each full one made the relay a poll per three frames. */
#define PTY_FULL_READ 4095
/* Room for a frame of the largest size relayed, escaped at worst. */
#define PTY_OUT_SLOT HDLC_ENCODED_MAX(USERSPACE_RELAY_MAX_FRAME)
/* A batch's worth of worst-case frames: about 50 KiB of typical ones per write(), close to
 * what the pty takes at once (its 64 KiB flip buffer). */
#define PTY_OUT_LEN (BATCH * PTY_OUT_SLOT)
/* While pppd does not take what we have for it, datagrams wait in the socket: TCP through the
 * tunnel then sees queueing instead of loss. After this long we read on regardless, so the
 * control connection is served even when pppd is stuck, and drop what pppd cannot take. */
#define PTY_STALL_MS 100
/* Socket buffers: a burst of the LNS's TCP window queues in the kernel while pppd catches up
 * instead of being lost. Capped by net.core.rmem_max unless we may force it (root). */
#define UDP_BUFFER_BYTES (1024 * 1024)
/* Rounds of reading per wakeup, so one busy direction cannot starve the other. */
#define MAX_ROUNDS 16

struct userspace_relay {
	struct userspace_relay_config cfg;
	struct userspace_relay_stats stats;
	bool sending_sequence;
	uint16_t next_ns;
	bool pty_closed;

	/* The relay thread moves packets while holding `lock`; the owner's thread takes it to
	 * read the stats. Control messages go the other way through `control_queue`, delivered
	 * on the owner's context by `control_source`. */
	GMutex lock;
	GThread *thread;
	int wake_fd; /* eventfd: the owner asks the thread to stop */
	GMainContext *context;
	GSource *control_source;
	GQueue control_queue; /* struct control_message */
	bool udp_paused;      /* the pty is full: datagrams wait in the socket */
	gint64 stall_deadline;
	bool pty_stalled; /* paused too long: read on and drop */

	/* pppd → LNS */
	struct hdlc_decoder decoder;
	uint8_t decoder_buf[USERSPACE_RELAY_MAX_FRAME + HDLC_FCS_LEN];
	uint8_t pty_read_buf[PTY_READ_LEN];
	struct mmsghdr tx_msgs[BATCH];
	struct iovec tx_iov[BATCH];
	size_t tx_frame_len[BATCH];
	unsigned tx_count;
	uint8_t tx_slots[BATCH][TX_SLOT_LEN];

	/* LNS → pppd */
	struct mmsghdr rx_msgs[BATCH];
	struct iovec rx_iov[BATCH];
	uint8_t rx_slots[BATCH][USERSPACE_RELAY_MAX_DATAGRAM];
	uint8_t pty_out[PTY_OUT_LEN];
	size_t pty_out_start; /* written up to here */
	size_t pty_out_end;   /* encoded up to here */
};

static void prepare_messages(struct userspace_relay *r)
{
	for (unsigned i = 0; i < BATCH; i++) {
		r->tx_iov[i].iov_base = r->tx_slots[i];
		r->tx_msgs[i].msg_hdr.msg_iov = &r->tx_iov[i];
		r->tx_msgs[i].msg_hdr.msg_iovlen = 1;
		r->rx_iov[i].iov_base = r->rx_slots[i];
		r->rx_iov[i].iov_len = sizeof(r->rx_slots[i]);
		r->rx_msgs[i].msg_hdr.msg_iov = &r->rx_iov[i];
		r->rx_msgs[i].msg_hdr.msg_iovlen = 1;
	}
}

static void enlarge_socket_buffer(int fd, int force_option, int option)
{
	int bytes = UDP_BUFFER_BYTES;

	if (setsockopt(fd, SOL_SOCKET, force_option, &bytes, sizeof(bytes)) < 0 &&
	    setsockopt(fd, SOL_SOCKET, option, &bytes, sizeof(bytes)) < 0)
		l2c_debug(LOG_COMPONENT, "cannot enlarge the socket buffer: %s", g_strerror(errno));
}

static void enlarge_socket_buffers(int fd)
{
	enlarge_socket_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF);
	enlarge_socket_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF);
}

int userspace_relay_new(const struct userspace_relay_config *config, struct userspace_relay **relay)
{
	struct userspace_relay *r;

	*relay = NULL;
	if (config->udp_fd < 0 || config->pty_fd < 0 || !config->local_tunnel_id ||
	    !config->local_session_id || !config->peer_tunnel_id || !config->peer_session_id)
		return -EINVAL;
	r = g_malloc0(sizeof(*r));
	r->cfg = *config;
	r->sending_sequence = config->sequencing_required;
	r->wake_fd = -1;
	g_mutex_init(&r->lock);
	g_queue_init(&r->control_queue);
	hdlc_decoder_init(&r->decoder, r->decoder_buf, sizeof(r->decoder_buf));
	prepare_messages(r);
	enlarge_socket_buffers(config->udp_fd);
	*relay = r;
	return 0;
}

/* --- pppd → LNS ------------------------------------------------------------------ */

static void flush_tx(struct userspace_relay *r)
{
	unsigned done = 0;

	while (done < r->tx_count) {
		int n =
		    sendmmsg(r->cfg.udp_fd, r->tx_msgs + done, r->tx_count - done, MSG_DONTWAIT);

		r->stats.udp_sends++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			/* A full socket buffer, or an ICMP error from an earlier datagram reported
			 * on this one: UDP drops, and so do we. */
			if (errno != EAGAIN && errno != ENOBUFS)
				l2c_debug(LOG_COMPONENT, "send to the LNS failed: %s",
					  g_strerror(errno));
			r->stats.tx_dropped++;
			done++;
			continue;
		}
		for (int i = 0; i < n; i++) {
			r->stats.tx_packets++;
			r->stats.tx_bytes += r->tx_frame_len[done + i];
		}
		done += n;
	}
	r->tx_count = 0;
}

static void queue_tx(struct userspace_relay *r, const uint8_t *frame, size_t len)
{
	uint8_t *slot = r->tx_slots[r->tx_count];
	size_t hdr_len;

	hdr_len = l2tp_data_header_write(slot, r->cfg.peer_tunnel_id, r->cfg.peer_session_id,
					 r->sending_sequence, r->next_ns);
	if (r->sending_sequence)
		r->next_ns++;
	memcpy(slot + hdr_len, frame, len);
	r->tx_iov[r->tx_count].iov_len = hdr_len + len;
	r->tx_frame_len[r->tx_count] = len;
	if (++r->tx_count == BATCH)
		flush_tx(r);
}

static void feed_decoder(struct userspace_relay *r, const uint8_t *in, size_t len)
{
	while (len > 0) {
		const uint8_t *frame;
		size_t frame_len;
		size_t used = hdlc_decoder_feed(&r->decoder, in, len, &frame, &frame_len);

		in += used;
		len -= used;
		if (frame)
			queue_tx(r, frame, frame_len);
	}
}

static void pump_pty(struct userspace_relay *r)
{
	for (int round = 0; round < MAX_ROUNDS && !r->pty_closed; round++) {
		ssize_t n = read(r->cfg.pty_fd, r->pty_read_buf, sizeof(r->pty_read_buf));

		r->stats.pty_reads++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* EIO: no one has the slave open any more, i.e. pppd is gone. */
			if (n == 0 || errno != EAGAIN) {
				l2c_debug(LOG_COMPONENT, "pty closed (%s)",
					  n == 0 ? "end of file" : g_strerror(errno));
				r->pty_closed = true;
			}
			break;
		}
		feed_decoder(r, r->pty_read_buf, n);
		if ((size_t)n < PTY_FULL_READ)
			break;
	}
	flush_tx(r);
}

/* --- LNS → pppd ------------------------------------------------------------------ */

/* Writes what is pending. Returns true when everything went out. */
static bool flush_pty(struct userspace_relay *r)
{
	while (r->pty_out_start < r->pty_out_end) {
		ssize_t n = write(r->cfg.pty_fd, r->pty_out + r->pty_out_start,
				  r->pty_out_end - r->pty_out_start);

		r->stats.pty_writes++;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return false; /* the thread polls for room */
		if (n < 0) {
			/* pppd is gone: what was pending has nowhere to go. */
			r->pty_out_start = r->pty_out_end;
			break;
		}
		r->pty_out_start += n;
	}
	r->pty_out_start = r->pty_out_end = 0;
	r->pty_stalled = false;
	return true;
}

/* How many frames of any size fit behind what is pending, after moving that to the front. */
static unsigned pty_out_room(struct userspace_relay *r)
{
	if (r->pty_out_start > 0) {
		memmove(r->pty_out, r->pty_out + r->pty_out_start,
			r->pty_out_end - r->pty_out_start);
		r->pty_out_end -= r->pty_out_start;
		r->pty_out_start = 0;
	}
	return (PTY_OUT_LEN - r->pty_out_end) / PTY_OUT_SLOT;
}

static void queue_pty(struct userspace_relay *r, const uint8_t *frame, size_t len)
{
	ssize_t n;

	if (len > USERSPACE_RELAY_MAX_FRAME) {
		r->stats.rx_invalid++;
		return;
	}
	if (PTY_OUT_LEN - r->pty_out_end < HDLC_ENCODED_MAX(len)) {
		r->stats.rx_dropped++; /* pppd stalled: see PTY_STALL_MS */
		return;
	}
	n = hdlc_encode(frame, len, r->pty_out + r->pty_out_end, PTY_OUT_LEN - r->pty_out_end);
	r->pty_out_end += n;
	r->stats.rx_packets++;
	r->stats.rx_bytes += len;
}

static void queue_control(struct userspace_relay *r, const uint8_t *packet, size_t len);

static bool is_for_our_session(const struct userspace_relay *r, const struct l2tp_header *hdr)
{
	return hdr->tunnel_id == r->cfg.local_tunnel_id &&
	       hdr->session_id == r->cfg.local_session_id;
}

static void handle_datagram(struct userspace_relay *r, uint8_t *buf, size_t len, int flags)
{
	struct l2tp_header hdr;

	if ((flags & MSG_TRUNC) || l2tp_header_parse(buf, len, &hdr) < 0) {
		r->stats.rx_invalid++;
		return;
	}
	if (hdr.is_control) {
		r->stats.control_packets++;
		queue_control(r, buf, len);
		return;
	}
	if (!is_for_our_session(r, &hdr)) {
		r->stats.rx_invalid++;
		return;
	}
	/* Without Sequencing Required from us, the LNS decides: send Ns while it does
	 * [RFC 2661 §5.4]. */
	if (!r->cfg.sequencing_required)
		r->sending_sequence = hdr.has_sequence;
	if (hdr.packet_len > hdr.header_len)
		queue_pty(r, buf + hdr.header_len, hdr.packet_len - hdr.header_len);
}

static int receive_batch(struct userspace_relay *r, unsigned count)
{
	int n;

	for (unsigned i = 0; i < count; i++)
		r->rx_msgs[i].msg_hdr.msg_flags = 0;
	do
		n = recvmmsg(r->cfg.udp_fd, r->rx_msgs, count, MSG_DONTWAIT, NULL);
	while (n < 0 && errno == EINTR);
	return n;
}

/* The pty is full: leave datagrams in the socket until pppd reads or PTY_STALL_MS pass. */
static void pause_udp(struct userspace_relay *r)
{
	r->udp_paused = true;
	r->stall_deadline = g_get_monotonic_time() + PTY_STALL_MS * G_TIME_SPAN_MILLISECOND;
}

/* How many datagrams to read now: as many as pppd's side has room for, however long they
 * are. 0: wait until the pty takes more. */
static unsigned udp_budget(struct userspace_relay *r)
{
	unsigned room = pty_out_room(r);

	if (room == 0 && flush_pty(r))
		room = pty_out_room(r);
	if (room == 0 && r->pty_stalled)
		return BATCH; /* read anyway; what does not fit is dropped */
	return MIN(room, BATCH);
}

static void pump_udp(struct userspace_relay *r)
{
	for (int round = 0; round < MAX_ROUNDS; round++) {
		unsigned budget = udp_budget(r);
		int n;

		if (budget == 0) {
			pause_udp(r);
			return;
		}
		n = receive_batch(r, budget);

		if (n < 0 && errno == ECONNREFUSED)
			continue; /* an ICMP error for something we sent; the next read goes on */
		if (n <= 0)
			break;
		r->stats.udp_receives++;
		for (int i = 0; i < n; i++)
			handle_datagram(r, r->rx_slots[i], r->rx_msgs[i].msg_len,
					r->rx_msgs[i].msg_hdr.msg_flags);
		if ((unsigned)n < budget)
			break;
	}
	flush_pty(r);
}

/* --- The relay thread ------------------------------------------------------------- */

/* A copy of a control message for the owner's thread (control messages are rare: a copy
 * each is no burden on the data path). */
struct control_message {
	size_t len;
	uint8_t data[];
};

static void queue_control(struct userspace_relay *r, const uint8_t *packet, size_t len)
{
	struct control_message *m = g_malloc(sizeof(*m) + len);

	m->len = len;
	memcpy(m->data, packet, len);
	g_queue_push_tail(&r->control_queue, m);
	/* Wakes the owner's context; safe from any thread. */
	g_source_set_ready_time(r->control_source, 0);
}

struct control_source {
	GSource source;
	struct userspace_relay *relay;
};

static gboolean deliver_control(GSource *source, GSourceFunc callback, gpointer user_data)
{
	struct userspace_relay *r = ((struct control_source *)source)->relay;
	GQueue pending = G_QUEUE_INIT;
	struct control_message *m;

	g_source_set_ready_time(source, -1);
	g_mutex_lock(&r->lock);
	pending = r->control_queue;
	g_queue_init(&r->control_queue);
	g_mutex_unlock(&r->lock);
	while ((m = g_queue_pop_head(&pending))) {
		if (r->cfg.on_control)
			r->cfg.on_control(m->data, m->len, r->cfg.user_data);
		g_free(m);
	}
	return G_SOURCE_CONTINUE;
}

static GSourceFuncs control_source_funcs = {.dispatch = deliver_control};

enum { POLL_WAKE, POLL_UDP, POLL_PTY, POLL_COUNT };

/* What to wait for: datagrams unless pppd's side is full, pty input until pppd is gone,
 * room in the pty while output is pending. Returns the poll timeout. */
static int prepare_poll(struct userspace_relay *r, struct pollfd *pfd)
{
	short pty_events = 0;
	gint64 left;

	pfd[POLL_WAKE] = (struct pollfd){.fd = r->wake_fd, .events = POLLIN};
	pfd[POLL_UDP] = (struct pollfd){.fd = r->udp_paused ? -1 : r->cfg.udp_fd, .events = POLLIN};
	if (!r->pty_closed)
		pty_events |= POLLIN;
	if (r->pty_out_start < r->pty_out_end)
		pty_events |= POLLOUT;
	pfd[POLL_PTY] = (struct pollfd){.fd = pty_events ? r->cfg.pty_fd : -1, .events = pty_events};
	if (!r->udp_paused)
		return -1;
	left = r->stall_deadline - g_get_monotonic_time();
	return left > 0 ? (int)((left + 999) / 1000) : 0;
}

static void handle_ready(struct userspace_relay *r, const struct pollfd *pfd)
{
	short pty = pfd[POLL_PTY].revents;

	if ((pty & (POLLOUT | POLLERR | POLLHUP)) && flush_pty(r))
		r->udp_paused = false;
	if (r->udp_paused && g_get_monotonic_time() >= r->stall_deadline) {
		l2c_debug(LOG_COMPONENT,
			  "pppd has not read for %d ms: reading on, dropping its data",
			  PTY_STALL_MS);
		r->pty_stalled = true;
		r->udp_paused = false;
	}
	if (pty & (POLLIN | POLLERR | POLLHUP))
		pump_pty(r);
	if (pfd[POLL_UDP].revents)
		pump_udp(r);
}

/* One thread, both directions: a poll and then reads and writes of many packets each, with
 * nothing else in between (the owner's main loop would add its own bookkeeping, several
 * system calls per wakeup, and under User-Mode Linux every one costs as much as moving a
 * frame). */
static gpointer relay_thread(gpointer data)
{
	struct userspace_relay *r = data;
	sigset_t all;

	/* Signals are the owner's business: none interrupts this thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	for (;;) {
		struct pollfd pfd[POLL_COUNT];
		int timeout;

		g_mutex_lock(&r->lock);
		timeout = prepare_poll(r, pfd);
		g_mutex_unlock(&r->lock);
		if (poll(pfd, POLL_COUNT, timeout) < 0) {
			if (errno == EINTR)
				continue;
			l2c_warn(LOG_COMPONENT, "the userspace data path stops: poll: %s",
				 g_strerror(errno));
			break;
		}
		if (pfd[POLL_WAKE].revents)
			break;
		g_mutex_lock(&r->lock);
		handle_ready(r, pfd);
		g_mutex_unlock(&r->lock);
	}
	return NULL;
}

int userspace_relay_attach(struct userspace_relay *r, GMainContext *context)
{
	g_autoptr(GError) error = NULL;
	int err;

	userspace_relay_detach(r);
	r->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (r->wake_fd < 0)
		return -errno;
	r->context = context ? g_main_context_ref(context) : g_main_context_ref_thread_default();
	r->control_source = g_source_new(&control_source_funcs, sizeof(struct control_source));
	((struct control_source *)r->control_source)->relay = r;
	g_source_attach(r->control_source, r->context);
	r->udp_paused = false;
	r->thread = g_thread_try_new("l2c-relay", relay_thread, r, &error);
	if (r->thread)
		return 0;
	err = error->code == G_THREAD_ERROR_AGAIN ? -EAGAIN : -ENOMEM;
	userspace_relay_detach(r);
	return err;
}

static void stop_thread(struct userspace_relay *r)
{
	uint64_t one = 1;

	if (r->thread) {
		/* An eventfd write fails only on counter overflow: it is never read. */
		(void)!write(r->wake_fd, &one, sizeof(one));
		g_thread_join(r->thread);
		r->thread = NULL;
	}
	if (r->wake_fd >= 0) {
		close(r->wake_fd);
		r->wake_fd = -1;
	}
}

void userspace_relay_detach(struct userspace_relay *r)
{
	struct control_message *m;

	stop_thread(r);
	if (r->control_source) {
		g_source_destroy(r->control_source);
		g_source_unref(r->control_source);
		r->control_source = NULL;
	}
	/* Not delivered: the LNS retransmits what we do not acknowledge [RFC 2661 §5.8]. */
	while ((m = g_queue_pop_head(&r->control_queue)))
		g_free(m);
	if (r->context) {
		g_main_context_unref(r->context);
		r->context = NULL;
	}
}

void userspace_relay_get_stats(struct userspace_relay *r, struct userspace_relay_stats *stats)
{
	g_mutex_lock(&r->lock);
	*stats = r->stats;
	stats->hdlc = r->decoder.stats;
	g_mutex_unlock(&r->lock);
}

bool userspace_relay_is_sending_sequence(struct userspace_relay *r)
{
	bool sending;

	g_mutex_lock(&r->lock);
	sending = r->sending_sequence;
	g_mutex_unlock(&r->lock);
	return sending;
}

void userspace_relay_free(struct userspace_relay *r)
{
	if (!r)
		return;
	userspace_relay_detach(r);
	g_mutex_clear(&r->lock);
	g_free(r);
}
