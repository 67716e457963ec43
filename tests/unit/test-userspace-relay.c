/* The userspace relay between a pty and the tunnel socket, with this test playing both pppd
 * (on the pty slave, speaking async HDLC) and the LNS (on the other end of a datagram
 * socketpair standing in for the connected UDP socket). No kernel L2TP involved. */
#include "config.h"

#include "datapath/hdlc.h"
#include "datapath/pty.h"
#include "datapath/userspace_relay.h"
#include "l2tp/l2tp_codec.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define OUR_TUNNEL   0x1111
#define OUR_SESSION  0x2222
#define PEER_TUNNEL  0x3333
#define PEER_SESSION 0x4444

struct fixture {
	struct pty_pair pty;
	int udp_pair[2]; /* [0] the relay's, [1] the LNS's */
	struct userspace_relay *relay;
	GMainContext *context;
	GPtrArray *control; /* GBytes handed to the callback */
	struct hdlc_decoder pppd_decoder;
	uint8_t pppd_decoder_buf[USERSPACE_RELAY_MAX_FRAME + HDLC_FCS_LEN];
};

static void on_control(uint8_t *packet, size_t len, void *user_data)
{
	struct fixture *f = user_data;

	g_ptr_array_add(f->control, g_bytes_new(packet, len));
}

static void fixture_set_up(struct fixture *f, bool sequencing_required)
{
	struct userspace_relay_config cfg = {
	    .local_tunnel_id = OUR_TUNNEL,
	    .local_session_id = OUR_SESSION,
	    .peer_tunnel_id = PEER_TUNNEL,
	    .peer_session_id = PEER_SESSION,
	    .sequencing_required = sequencing_required,
	    .on_control = on_control,
	    .user_data = f,
	};

	g_assert_cmpint(pty_pair_open(&f->pty), ==, 0);
	g_assert_true(g_str_has_prefix(f->pty.slave_path, "/dev/pts/"));
	g_assert_true(g_unix_set_fd_nonblocking(f->pty.slave_fd, TRUE, NULL));
	g_assert_cmpint(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, f->udp_pair), ==, 0);
	g_assert_true(g_unix_set_fd_nonblocking(f->udp_pair[0], TRUE, NULL));
	g_assert_true(g_unix_set_fd_nonblocking(f->udp_pair[1], TRUE, NULL));
	cfg.udp_fd = f->udp_pair[0];
	cfg.pty_fd = f->pty.master_fd;
	g_assert_cmpint(userspace_relay_new(&cfg, &f->relay), ==, 0);
	f->context = g_main_context_new();
	g_assert_cmpint(userspace_relay_attach(f->relay, f->context), ==, 0);
	f->control = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	hdlc_decoder_init(&f->pppd_decoder, f->pppd_decoder_buf, sizeof(f->pppd_decoder_buf));
}

static void fixture_tear_down(struct fixture *f)
{
	userspace_relay_free(f->relay);
	g_main_context_unref(f->context);
	g_ptr_array_unref(f->control);
	close(f->udp_pair[0]);
	close(f->udp_pair[1]);
	pty_pair_close(&f->pty);
}

#define WAIT_MS	   3000 /* for what must arrive */
#define NOTHING_MS 100	/* for what must not */

/* Runs the relay until `fd` (the test's end of the pty or of the socket) is readable. */
static bool relay_until_readable(struct fixture *f, int fd, int timeout_ms)
{
	gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	struct pollfd pfd = {.fd = fd, .events = POLLIN};

	do {
		while (g_main_context_iteration(f->context, FALSE))
			;
		if (poll(&pfd, 1, 1) > 0)
			return true;
	} while (g_get_monotonic_time() < deadline);
	return false;
}

/* Runs the relay for a while, for effects that are not readable data (stats, callbacks). */
static void spin(struct fixture *f)
{
	gint64 deadline = g_get_monotonic_time() + NOTHING_MS * 1000;

	while (g_get_monotonic_time() < deadline) {
		while (g_main_context_iteration(f->context, FALSE))
			;
		g_usleep(1000);
	}
}

/* --- pppd's side -------------------------------------------------------------------- */

static void pppd_write_frames(struct fixture *f, const uint8_t *const *frames, const size_t *lens,
			      unsigned count)
{
	uint8_t buf[8 * HDLC_ENCODED_MAX(USERSPACE_RELAY_MAX_FRAME)];
	size_t len = 0;

	for (unsigned i = 0; i < count; i++) {
		ssize_t n = hdlc_encode(frames[i], lens[i], buf + len, sizeof(buf) - len);

		g_assert_cmpint(n, >, 0);
		len += n;
	}
	g_assert_cmpint(write(f->pty.slave_fd, buf, len), ==, (ssize_t)len);
}

static void pppd_write_frame(struct fixture *f, const uint8_t *frame, size_t len)
{
	pppd_write_frames(f, &frame, &len, 1);
}

/* Reads the next frame pppd would receive, or returns NULL after `timeout_ms`. */
static GBytes *pppd_read_frame(struct fixture *f, int timeout_ms)
{
	uint8_t byte;

	for (;;) {
		const uint8_t *frame;
		size_t frame_len;

		if (read(f->pty.slave_fd, &byte, 1) != 1) {
			if (errno != EAGAIN ||
			    !relay_until_readable(f, f->pty.slave_fd, timeout_ms))
				return NULL;
			continue;
		}
		hdlc_decoder_feed(&f->pppd_decoder, &byte, 1, &frame, &frame_len);
		if (frame)
			return g_bytes_new(frame, frame_len);
	}
}

/* --- The LNS's side ---------------------------------------------------------------- */

/* Receives the next datagram the LNS gets, or returns -1 after `timeout_ms`. */
static ssize_t lns_receive(struct fixture *f, uint8_t *buf, size_t cap, int timeout_ms)
{
	if (!relay_until_readable(f, f->udp_pair[1], timeout_ms))
		return -1;
	return recv(f->udp_pair[1], buf, cap, 0);
}

static void lns_send(struct fixture *f, const uint8_t *packet, size_t len)
{
	g_assert_cmpint(send(f->udp_pair[1], packet, len, 0), ==, (ssize_t)len);
}

static size_t data_packet(uint8_t *buf, uint16_t tunnel, uint16_t session, bool with_ns,
			  uint16_t ns, const uint8_t *frame, size_t len)
{
	size_t hdr = l2tp_data_header_write(buf, tunnel, session, with_ns, ns);

	memcpy(buf + hdr, frame, len);
	return hdr + len;
}

static void lns_send_data(struct fixture *f, bool with_ns, uint16_t ns, const uint8_t *frame,
			  size_t len)
{
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];

	lns_send(f, buf, data_packet(buf, OUR_TUNNEL, OUR_SESSION, with_ns, ns, frame, len));
}

static const uint8_t lcp_confreq[] = {0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00,
				      0x0a, 0x05, 0x06, 0x12, 0x34, 0x56, 0x78};
static const uint8_t ip_frame[] = {0xff, 0x03, 0x00, 0x21, 0x45, 0x00, 0x00, 0x14,
				   0x7e, 0x7d, 0x00, 0x11, 0x13, 0x00, 0x00, 0x00,
				   0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02};

/* --- Tests --------------------------------------------------------------------------- */

static void test_pppd_frames_reach_lns(void)
{
	struct fixture f;
	const uint8_t *frames[] = {lcp_confreq, ip_frame};
	const size_t lens[] = {sizeof(lcp_confreq), sizeof(ip_frame)};
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];
	struct userspace_relay_stats stats;
	ssize_t n;

	fixture_set_up(&f, false);
	pppd_write_frames(&f, frames, lens, 2);
	for (int i = 0; i < 2; i++) {
		n = lns_receive(&f, buf, sizeof(buf), WAIT_MS);
		g_assert_cmpint(n, ==, 6 + (ssize_t)lens[i]);
		/* T=0, no L, no S, Ver 2; the LNS's ids; the PPP frame with its FF 03. */
		g_assert_cmphex(buf[0], ==, 0x00);
		g_assert_cmphex(buf[1], ==, 0x02);
		g_assert_cmphex(buf[2] << 8 | buf[3], ==, PEER_TUNNEL);
		g_assert_cmphex(buf[4] << 8 | buf[5], ==, PEER_SESSION);
		g_assert_cmpmem(buf + 6, n - 6, frames[i], lens[i]);
	}
	g_assert_cmpint(lns_receive(&f, buf, sizeof(buf), NOTHING_MS), ==, -1);
	userspace_relay_get_stats(f.relay, &stats);
	g_assert_cmpuint(stats.tx_packets, ==, 2);
	g_assert_cmpuint(stats.tx_bytes, ==, sizeof(lcp_confreq) + sizeof(ip_frame));
	fixture_tear_down(&f);
}

static void test_frame_split_across_reads(void)
{
	struct fixture f;
	uint8_t encoded[HDLC_ENCODED_MAX(sizeof(ip_frame))];
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];
	ssize_t len = hdlc_encode(ip_frame, sizeof(ip_frame), encoded, sizeof(encoded));

	fixture_set_up(&f, false);
	g_assert_cmpint(write(f.pty.slave_fd, encoded, 7), ==, 7);
	spin(&f);
	g_assert_cmpint(lns_receive(&f, buf, sizeof(buf), NOTHING_MS), ==, -1);
	g_assert_cmpint(write(f.pty.slave_fd, encoded + 7, len - 7), ==, len - 7);
	g_assert_cmpint(lns_receive(&f, buf, sizeof(buf), WAIT_MS), ==,
			6 + (ssize_t)sizeof(ip_frame));
	g_assert_cmpmem(buf + 6, sizeof(ip_frame), ip_frame, sizeof(ip_frame));
	fixture_tear_down(&f);
}

static void test_bad_fcs_from_pppd_not_sent(void)
{
	struct fixture f;
	uint8_t encoded[HDLC_ENCODED_MAX(sizeof(lcp_confreq))];
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];
	struct userspace_relay_stats stats;
	ssize_t len = hdlc_encode(lcp_confreq, sizeof(lcp_confreq), encoded, sizeof(encoded));

	fixture_set_up(&f, false);
	encoded[3] ^= 0x01; /* a payload bit flips on the way */
	g_assert_cmpint(write(f.pty.slave_fd, encoded, len), ==, len);
	spin(&f);
	g_assert_cmpint(lns_receive(&f, buf, sizeof(buf), NOTHING_MS), ==, -1);
	userspace_relay_get_stats(f.relay, &stats);
	g_assert_cmpuint(stats.hdlc.bad_fcs, ==, 1);
	g_assert_cmpuint(stats.tx_packets, ==, 0);
	fixture_tear_down(&f);
}

static void test_lns_frames_reach_pppd(void)
{
	struct fixture f;
	g_autoptr(GBytes) first = NULL;
	g_autoptr(GBytes) second = NULL;
	struct userspace_relay_stats stats;

	fixture_set_up(&f, false);
	lns_send_data(&f, false, 0, lcp_confreq, sizeof(lcp_confreq));
	lns_send_data(&f, false, 0, ip_frame, sizeof(ip_frame));
	first = pppd_read_frame(&f, WAIT_MS);
	second = pppd_read_frame(&f, WAIT_MS);
	g_assert_nonnull(first);
	g_assert_nonnull(second);
	g_assert_cmpmem(g_bytes_get_data(first, NULL), g_bytes_get_size(first), lcp_confreq,
			sizeof(lcp_confreq));
	g_assert_cmpmem(g_bytes_get_data(second, NULL), g_bytes_get_size(second), ip_frame,
			sizeof(ip_frame));
	g_assert_cmpuint(f.pppd_decoder.stats.bad_fcs, ==, 0);
	userspace_relay_get_stats(f.relay, &stats);
	g_assert_cmpuint(stats.rx_packets, ==, 2);
	g_assert_cmpuint(stats.rx_bytes, ==, sizeof(lcp_confreq) + sizeof(ip_frame));
	fixture_tear_down(&f);
}

static void test_length_and_offset_variants_stripped(void)
{
	struct fixture f;
	/* L, S and O set: flags, Length, ids, Ns, Nr, Offset Size 3, 3 pad bytes, payload,
	 * then 2 bytes past Length that must be ignored. */
	uint8_t packet[64] = {0x4a,
			      0x02,
			      0x00,
			      0x00,
			      OUR_TUNNEL >> 8,
			      OUR_TUNNEL & 0xff,
			      OUR_SESSION >> 8,
			      OUR_SESSION & 0xff,
			      0x00,
			      0x07,
			      0x00,
			      0x00,
			      0x00,
			      0x03,
			      0xaa,
			      0xbb,
			      0xcc};
	size_t hdr = 17, len = hdr + sizeof(lcp_confreq);
	g_autoptr(GBytes) frame = NULL;

	memcpy(packet + hdr, lcp_confreq, sizeof(lcp_confreq));
	packet[3] = (uint8_t)len; /* Length */
	packet[len] = 0xde;
	packet[len + 1] = 0xad;
	fixture_set_up(&f, false);
	lns_send(&f, packet, len + 2);
	frame = pppd_read_frame(&f, WAIT_MS);
	g_assert_nonnull(frame);
	g_assert_cmpmem(g_bytes_get_data(frame, NULL), g_bytes_get_size(frame), lcp_confreq,
			sizeof(lcp_confreq));
	fixture_tear_down(&f);
}

static void test_control_packets_reach_callback(void)
{
	struct fixture f;
	/* A ZLB: T, L, S set, Ver 2, Length 12. */
	const uint8_t zlb[] = {
	    0xc8, 0x02, 0x00, 0x0c, OUR_TUNNEL >> 8, OUR_TUNNEL & 0xff, 0x00, 0x00,
	    0x00, 0x03, 0x00, 0x02};
	struct userspace_relay_stats stats;

	fixture_set_up(&f, false);
	lns_send_data(&f, false, 0, lcp_confreq, sizeof(lcp_confreq));
	lns_send(&f, zlb, sizeof(zlb));
	spin(&f);
	g_assert_cmpuint(f.control->len, ==, 1);
	g_assert_cmpmem(g_bytes_get_data(g_ptr_array_index(f.control, 0), NULL), sizeof(zlb), zlb,
			sizeof(zlb));
	userspace_relay_get_stats(f.relay, &stats);
	g_assert_cmpuint(stats.control_packets, ==, 1);
	g_assert_cmpuint(stats.rx_packets, ==, 1);
	fixture_tear_down(&f);
}

static void test_foreign_and_malformed_packets_dropped(void)
{
	struct fixture f;
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];
	const uint8_t l2f[] = {0x00, 0x01, 0x11, 0x11, 0x22, 0x22, 0xff, 0x03};
	const uint8_t runt[] = {0x00, 0x02, 0x11};
	struct userspace_relay_stats stats;

	fixture_set_up(&f, false);
	lns_send(&f, buf,
		 data_packet(buf, OUR_TUNNEL, 0x9999, false, 0, ip_frame, sizeof(ip_frame)));
	lns_send(&f, buf,
		 data_packet(buf, 0x9999, OUR_SESSION, false, 0, ip_frame, sizeof(ip_frame)));
	lns_send(&f, l2f, sizeof(l2f));
	lns_send(&f, runt, sizeof(runt));
	spin(&f);
	g_assert_null(pppd_read_frame(&f, NOTHING_MS));
	g_assert_cmpuint(f.control->len, ==, 0);
	userspace_relay_get_stats(f.relay, &stats);
	g_assert_cmpuint(stats.rx_invalid, ==, 4);
	g_assert_cmpuint(stats.rx_packets, ==, 0);
	fixture_tear_down(&f);
}

static void expect_sent_sequence(struct fixture *f, bool with_ns, uint16_t ns)
{
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];
	ssize_t n;

	pppd_write_frame(f, ip_frame, sizeof(ip_frame));
	n = lns_receive(f, buf, sizeof(buf), WAIT_MS);
	g_assert_cmpint(n, ==, (with_ns ? 10 : 6) + (ssize_t)sizeof(ip_frame));
	g_assert_cmpint(!!(buf[0] & 0x08), ==, with_ns);
	if (with_ns) {
		g_assert_cmpuint(buf[6] << 8 | buf[7], ==, ns);
		g_assert_cmpuint(buf[8] << 8 | buf[9], ==, 0);
	}
	g_assert_cmpmem(buf + n - sizeof(ip_frame), sizeof(ip_frame), ip_frame, sizeof(ip_frame));
}

/* RFC 2661 §5.4: unless we required sequencing, send Ns while the LNS does. */
static void test_sequencing_follows_lns(void)
{
	struct fixture f;

	fixture_set_up(&f, false);
	g_assert_false(userspace_relay_is_sending_sequence(f.relay));
	expect_sent_sequence(&f, false, 0);
	lns_send_data(&f, true, 40, lcp_confreq, sizeof(lcp_confreq));
	spin(&f);
	g_assert_true(userspace_relay_is_sending_sequence(f.relay));
	expect_sent_sequence(&f, true, 0);
	expect_sent_sequence(&f, true, 1);
	lns_send_data(&f, false, 0, lcp_confreq, sizeof(lcp_confreq));
	spin(&f);
	g_assert_false(userspace_relay_is_sending_sequence(f.relay));
	expect_sent_sequence(&f, false, 0);
	/* Numbering resumes where it stopped. */
	lns_send_data(&f, true, 41, lcp_confreq, sizeof(lcp_confreq));
	spin(&f);
	expect_sent_sequence(&f, true, 2);
	fixture_tear_down(&f);
}

static void test_sequencing_required_always_sends_ns(void)
{
	struct fixture f;

	fixture_set_up(&f, true);
	expect_sent_sequence(&f, true, 0);
	lns_send_data(&f, false, 0, lcp_confreq, sizeof(lcp_confreq));
	spin(&f);
	expect_sent_sequence(&f, true, 1);
	fixture_tear_down(&f);
}

static void test_many_frames_both_ways_in_order(void)
{
	struct fixture f;
	uint8_t frame[1400];
	uint8_t buf[USERSPACE_RELAY_MAX_DATAGRAM];

	fixture_set_up(&f, false);
	memset(frame, 0x7e, sizeof(frame)); /* worst case for escaping */
	frame[0] = 0xff;
	frame[1] = 0x03;
	for (unsigned i = 0; i < 200; i++) {
		g_autoptr(GBytes) down = NULL;

		frame[2] = (uint8_t)i;
		pppd_write_frame(&f, frame, sizeof(frame));
		lns_send_data(&f, false, 0, frame, sizeof(frame));
		g_assert_cmpint(lns_receive(&f, buf, sizeof(buf), WAIT_MS), ==,
				6 + (ssize_t)sizeof(frame));
		g_assert_cmpmem(buf + 6, sizeof(frame), frame, sizeof(frame));
		down = pppd_read_frame(&f, WAIT_MS);
		g_assert_nonnull(down);
		g_assert_cmpmem(g_bytes_get_data(down, NULL), g_bytes_get_size(down), frame,
				sizeof(frame));
	}
	fixture_tear_down(&f);
}

static void test_config_checked(void)
{
	struct userspace_relay_config cfg = {.udp_fd = 5,
					     .pty_fd = 6,
					     .local_tunnel_id = 1,
					     .local_session_id = 1,
					     .peer_tunnel_id = 1};
	struct userspace_relay *relay = (struct userspace_relay *)&cfg;

	g_assert_cmpint(userspace_relay_new(&cfg, &relay), ==, -EINVAL);
	g_assert_null(relay);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/userspace-relay/pppd-to-lns", test_pppd_frames_reach_lns);
	g_test_add_func("/userspace-relay/split-frame", test_frame_split_across_reads);
	g_test_add_func("/userspace-relay/bad-fcs-not-sent", test_bad_fcs_from_pppd_not_sent);
	g_test_add_func("/userspace-relay/lns-to-pppd", test_lns_frames_reach_pppd);
	g_test_add_func("/userspace-relay/length-offset-variants",
			test_length_and_offset_variants_stripped);
	g_test_add_func("/userspace-relay/control-to-callback",
			test_control_packets_reach_callback);
	g_test_add_func("/userspace-relay/foreign-and-malformed",
			test_foreign_and_malformed_packets_dropped);
	g_test_add_func("/userspace-relay/sequencing-follows-lns", test_sequencing_follows_lns);
	g_test_add_func("/userspace-relay/sequencing-required",
			test_sequencing_required_always_sends_ns);
	g_test_add_func("/userspace-relay/many-frames", test_many_frames_both_ways_in_order);
	g_test_add_func("/userspace-relay/config-checked", test_config_checked);
	return g_test_run();
}
