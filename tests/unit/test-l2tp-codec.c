/* RFC 2661 codec: wire format, AVP rules, hidden AVPs, tunnel authentication, and what a
 * hostile peer can send. Parsed buffers are exact-size heap copies so that ASan catches any
 * read past the datagram. */
#include "config.h"

#include "l2tp/l2tp_codec.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#define TEST_TUNNEL_ID	0x1234
#define TEST_SESSION_ID 0x5678

static const uint8_t test_secret_bytes[] = "s3cr3t";
static const struct l2tp_secret test_secret = {test_secret_bytes, 6};
static const uint8_t test_random_vector[L2TP_RANDOM_VECTOR_LEN] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};
static const uint8_t test_challenge[16] = {
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

#define BIT(attr) (UINT64_C(1) << (attr))

/* --- helpers ------------------------------------------------------------------------------ */

/* The parser writes into its buffer (hidden AVPs): give it an exact-size heap copy, which
 * also makes ASan see any read past `len`. The caller frees it after the message. */
static uint8_t *parse_copy(const uint8_t *bytes, size_t len, const struct l2tp_secret *secret,
			   struct l2tp_message *msg, int *result, struct l2tp_parse_error *err)
{
	uint8_t *copy = g_malloc(len ? len : 1);

	if (len)
		memcpy(copy, bytes, len);
	*result = l2tp_message_parse(copy, len, secret, msg, err);
	return copy;
}

static int parse_status(const uint8_t *bytes, size_t len, const struct l2tp_secret *secret)
{
	struct l2tp_message msg;
	struct l2tp_parse_error err;
	int r;
	g_autofree uint8_t *copy = parse_copy(bytes, len, secret, &msg, &r, &err);

	if (r < 0)
		g_assert_nonnull(err.reason);
	return r;
}

static int header_status(const uint8_t *bytes, size_t len, struct l2tp_header *hdr)
{
	g_autofree uint8_t *copy = g_malloc(len ? len : 1);

	if (len)
		memcpy(copy, bytes, len);
	return l2tp_header_parse(copy, len, hdr);
}

/* Hand-assembled control messages, independent of the builder, for hostile input. */
struct raw_message {
	uint8_t buf[1200];
	size_t len;
};

static void raw_put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void raw_init(struct raw_message *m)
{
	memset(m, 0, sizeof(*m));
	raw_put16(m->buf, 0xc802); /* T, L, S, Ver 2 */
	raw_put16(m->buf + 4, TEST_TUNNEL_ID);
	raw_put16(m->buf + 6, TEST_SESSION_ID);
	raw_put16(m->buf + 8, 3);  /* Ns */
	raw_put16(m->buf + 10, 4); /* Nr */
	m->len = 12;
}

static void raw_avp_with_length(struct raw_message *m, uint16_t flags, uint16_t vendor,
				uint16_t attr, const void *value, size_t value_len,
				uint16_t length_field)
{
	uint8_t *p = m->buf + m->len;

	g_assert_cmpuint(m->len + 6 + value_len, <=, sizeof(m->buf));
	raw_put16(p, flags | length_field);
	raw_put16(p + 2, vendor);
	raw_put16(p + 4, attr);
	if (value_len)
		memcpy(p + 6, value, value_len);
	m->len += 6 + value_len;
}

static void raw_avp(struct raw_message *m, uint16_t flags, uint16_t vendor, uint16_t attr,
		    const void *value, size_t value_len)
{
	raw_avp_with_length(m, flags, vendor, attr, value, value_len, 6 + value_len);
}

static void raw_message_type(struct raw_message *m, uint16_t type)
{
	uint8_t v[2] = {type >> 8, type & 0xff};

	raw_avp(m, L2TP_AVP_M, 0, L2TP_AVP_MESSAGE_TYPE, v, 2);
}

static void raw_u16(struct raw_message *m, uint16_t attr, uint16_t value)
{
	uint8_t v[2] = {value >> 8, value & 0xff};

	raw_avp(m, L2TP_AVP_M, 0, attr, v, 2);
}

static void raw_finish(struct raw_message *m)
{
	raw_put16(m->buf + 2, m->len);
}

static void raw_start(struct raw_message *m, uint16_t type)
{
	raw_init(m);
	raw_message_type(m, type);
}

/* Finishes and parses a raw message that must be accepted; free the copy after `msg`. */
static uint8_t *parse_raw_ok(struct raw_message *m, const struct l2tp_secret *secret,
			     struct l2tp_message *msg)
{
	uint8_t *copy;
	int r;

	raw_finish(m);
	copy = parse_copy(m->buf, m->len, secret, msg, &r, NULL);
	g_assert_cmpint(r, ==, 0);
	return copy;
}

static int parse_raw_status(struct raw_message *m, const struct l2tp_secret *secret)
{
	raw_finish(m);
	return parse_status(m->buf, m->len, secret);
}

/* A valid ICRP (Message Type, Assigned Session ID) to start hostile variants from. */
static void raw_icrp(struct raw_message *m)
{
	raw_init(m);
	raw_message_type(m, L2TP_MSG_ICRP);
	raw_u16(m, L2TP_AVP_ASSIGNED_SESSION_ID, 0x4242);
	raw_finish(m);
}

static int build_finish(struct l2tp_builder *b)
{
	int len = l2tp_builder_finish(b, TEST_TUNNEL_ID, TEST_SESSION_ID, 7, 9);

	g_assert_cmpint(len, >, 0);
	return len;
}

static void assert_header(const struct l2tp_message *msg, size_t len, uint16_t session_id)
{
	g_assert_true(msg->header.is_control);
	g_assert_true(msg->header.has_length);
	g_assert_true(msg->header.has_sequence);
	g_assert_cmpuint(msg->header.length, ==, len);
	g_assert_cmpuint(msg->header.header_len, ==, L2TP_CONTROL_HEADER_LEN);
	g_assert_cmpuint(msg->header.tunnel_id, ==, TEST_TUNNEL_ID);
	g_assert_cmpuint(msg->header.session_id, ==, session_id);
	g_assert_cmpuint(msg->header.ns, ==, 7);
	g_assert_cmpuint(msg->header.nr, ==, 9);
	g_assert_false(msg->has_unknown_mandatory);
}

static void assert_bytes(struct l2tp_bytes got, const void *want, size_t want_len)
{
	g_assert_cmpmem(got.data, got.len, want, want_len);
}

static void assert_string(struct l2tp_bytes got, const char *want)
{
	assert_bytes(got, want, strlen(want));
}

/* Parses a message the builder made, which must be accepted with the usual header. */
static uint8_t *parse_built_ok(const uint8_t *buf, int len, struct l2tp_message *msg,
			       uint16_t session_id)
{
	uint8_t *copy;
	int r;

	copy = parse_copy(buf, len, NULL, msg, &r, NULL);
	g_assert_cmpint(r, ==, 0);
	assert_header(msg, len, session_id);
	return copy;
}

/* Finds an AVP's flags word on the wire without the codec's help. */
static uint16_t wire_avp_flags(const uint8_t *buf, size_t len, uint16_t attr)
{
	size_t off = L2TP_CONTROL_HEADER_LEN;

	while (off + 6 <= len) {
		uint16_t flags = buf[off] << 8 | buf[off + 1];
		uint16_t type = buf[off + 4] << 8 | buf[off + 5];

		if (type == attr)
			return flags;
		g_assert_cmpuint(flags & L2TP_AVP_LENGTH_MASK, >=, 6);
		off += flags & L2TP_AVP_LENGTH_MASK;
	}
	g_assert_not_reached();
	return 0;
}

/* --- header ------------------------------------------------------------------------------- */

static void test_header_control_fields_are_read_big_endian(void)
{
	const uint8_t hello[] = {0xc8, 0x02, 0x00, 0x14, 0x12, 0x34, 0x00, 0x00, 0x00, 0x05,
				 0x00, 0x06, 0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06};
	struct l2tp_header hdr;

	g_assert_cmpint(header_status(hello, sizeof(hello), &hdr), ==, 0);
	g_assert_true(hdr.is_control);
	g_assert_cmpuint(hdr.length, ==, 20);
	g_assert_cmpuint(hdr.tunnel_id, ==, 0x1234);
	g_assert_cmpuint(hdr.session_id, ==, 0);
	g_assert_cmpuint(hdr.ns, ==, 5);
	g_assert_cmpuint(hdr.nr, ==, 6);
	g_assert_cmpuint(hdr.header_len, ==, 12);
	g_assert_cmpuint(hdr.packet_len, ==, 20);
}

static void test_header_truncated_is_rejected(void)
{
	const uint8_t hello[] = {0xc8, 0x02, 0x00, 0x0c, 0x12, 0x34, 0x00, 0x00, 0x00, 0x05, 0x00};
	struct l2tp_header hdr;

	for (size_t len = 0; len <= sizeof(hello); len++)
		g_assert_cmpint(header_status(hello, len, &hdr), ==, -EBADMSG);
	g_assert_cmpint(parse_status(hello, sizeof(hello), NULL), ==, -EBADMSG);
}

static void test_header_length_larger_than_datagram_is_rejected(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	raw_put16(m.buf + 2, m.len + 1);
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EBADMSG);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EBADMSG);
}

static void test_header_length_smaller_than_header_is_rejected(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	for (uint16_t length = 0; length < L2TP_CONTROL_HEADER_LEN; length++) {
		raw_put16(m.buf + 2, length);
		g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EBADMSG);
		g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EBADMSG);
	}
}

static void test_header_length_shorter_than_datagram_bounds_the_avps(void)
{
	struct raw_message m;
	struct l2tp_message msg;
	int r;

	/* Trailing bytes past Length are not part of the message [§3.1]. */
	raw_icrp(&m);
	m.buf[m.len++] = 0xff;
	m.buf[m.len++] = 0xff;
	g_autofree uint8_t *copy = parse_copy(m.buf, m.len, NULL, &msg, &r, NULL);
	g_assert_cmpint(r, ==, 0);
	g_assert_cmpuint(msg.header.packet_len, ==, m.len - 2);
	g_assert_cmpuint(msg.assigned_session_id, ==, 0x4242);
}

static void test_header_version_1_l2f_is_unsupported(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	m.buf[1] = 0x01;
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EPROTONOSUPPORT);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EPROTONOSUPPORT);
	/* Even a two-byte L2F fragment is recognised as such. */
	g_assert_cmpint(header_status(m.buf, 2, &hdr), ==, -EPROTONOSUPPORT);
}

static void test_header_version_3_is_unsupported(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	m.buf[1] = 0x03;
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EPROTONOSUPPORT);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EPROTONOSUPPORT);
}

static void test_header_control_without_length_or_sequence_is_rejected(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	m.buf[0] = 0x88; /* T, S: no L */
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EBADMSG);
	m.buf[0] = 0xc0; /* T, L: no S */
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EBADMSG);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EBADMSG);
}

static void test_header_control_with_offset_or_priority_is_rejected(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	m.buf[0] = 0xca; /* T, L, S, O */
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EBADMSG);
	m.buf[0] = 0xc9; /* T, L, S, P */
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, -EBADMSG);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EBADMSG);
}

static void test_header_reserved_bits_are_ignored(void)
{
	struct raw_message m;
	struct l2tp_header hdr;

	raw_icrp(&m);
	m.buf[0] |= 0x30; /* x bits between L and S */
	m.buf[1] |= 0xf0; /* x bits before Ver */
	g_assert_cmpint(header_status(m.buf, m.len, &hdr), ==, 0);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, 0);
}

static void test_header_data_without_options(void)
{
	const uint8_t data[] = {0x00, 0x02, 0x12, 0x34, 0x56, 0x78, 0xff, 0x03};
	struct l2tp_header hdr;

	g_assert_cmpint(header_status(data, sizeof(data), &hdr), ==, 0);
	g_assert_false(hdr.is_control);
	g_assert_false(hdr.has_length);
	g_assert_false(hdr.has_sequence);
	g_assert_false(hdr.has_offset);
	g_assert_cmpuint(hdr.tunnel_id, ==, 0x1234);
	g_assert_cmpuint(hdr.session_id, ==, 0x5678);
	g_assert_cmpuint(hdr.header_len, ==, 6);
	g_assert_cmpuint(hdr.packet_len, ==, sizeof(data));
	g_assert_cmpint(header_status(data, 5, &hdr), ==, -EBADMSG);
}

static void test_header_data_with_sequence(void)
{
	const uint8_t data[] = {0x08, 0x02, 0x12, 0x34, 0x56, 0x78,
				0x00, 0x2a, 0x00, 0x00, 0xff, 0x03};
	struct l2tp_header hdr;

	g_assert_cmpint(header_status(data, sizeof(data), &hdr), ==, 0);
	g_assert_true(hdr.has_sequence);
	g_assert_cmpuint(hdr.ns, ==, 42);
	g_assert_cmpuint(hdr.header_len, ==, 10);
	g_assert_cmpint(header_status(data, 9, &hdr), ==, -EBADMSG);
}

static void test_header_data_with_length_and_priority(void)
{
	const uint8_t data[] = {0x41, 0x02, 0x00, 0x0a, 0x12, 0x34,
				0x56, 0x78, 0xff, 0x03, 0xee, 0xee};
	struct l2tp_header hdr;

	g_assert_cmpint(header_status(data, sizeof(data), &hdr), ==, 0);
	g_assert_true(hdr.has_length);
	g_assert_true(hdr.priority);
	g_assert_cmpuint(hdr.header_len, ==, 8);
	g_assert_cmpuint(hdr.packet_len, ==, 10);
}

static void test_header_data_with_offset_skips_pad(void)
{
	/* S and O: Ns/Nr, Offset Size 3, three pad bytes, then the PPP frame. */
	const uint8_t data[] = {0x0a, 0x02, 0x12, 0x34, 0x56, 0x78, 0x00, 0x01, 0x00,
				0x00, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0xff, 0x03};
	struct l2tp_header hdr;

	g_assert_cmpint(header_status(data, sizeof(data), &hdr), ==, 0);
	g_assert_true(hdr.has_offset);
	g_assert_cmpuint(hdr.header_len, ==, 15);
	/* An Offset Size that points past the packet. */
	g_assert_cmpint(header_status(data, 14, &hdr), ==, -EBADMSG);
	/* Offset present but its field is cut off. */
	g_assert_cmpint(header_status(data, 11, &hdr), ==, -EBADMSG);
}

static void test_header_data_offset_past_length_is_rejected(void)
{
	/* L and O: Length 12 but Offset Size 8 would end at 18. */
	const uint8_t data[] = {0x42, 0x02, 0x00, 0x0c, 0x12, 0x34, 0x56, 0x78, 0x00, 0x08,
				0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03};
	struct l2tp_header hdr;

	g_assert_cmpint(header_status(data, sizeof(data), &hdr), ==, -EBADMSG);
}

static void test_header_data_write_round_trips(void)
{
	uint8_t buf[16];
	struct l2tp_header hdr;
	size_t n;

	n = l2tp_data_header_write(buf, 0x1234, 0x5678, false, 0);
	g_assert_cmpuint(n, ==, 6);
	g_assert_cmpmem(buf, 6, ((const uint8_t[]){0x00, 0x02, 0x12, 0x34, 0x56, 0x78}), 6);
	n = l2tp_data_header_write(buf, 0x1234, 0x5678, true, 0xabcd);
	g_assert_cmpuint(n, ==, 10);
	g_assert_cmpint(header_status(buf, n, &hdr), ==, 0);
	g_assert_false(hdr.is_control);
	g_assert_true(hdr.has_sequence);
	g_assert_cmpuint(hdr.ns, ==, 0xabcd);
	g_assert_cmpuint(hdr.nr, ==, 0);
	g_assert_cmpuint(hdr.session_id, ==, 0x5678);
}

static void test_header_ns_nr_can_be_rewritten(void)
{
	uint8_t buf[L2TP_CONTROL_HEADER_LEN];
	struct l2tp_header hdr;

	l2tp_control_header_write(buf, sizeof(buf), 1, 2, 3, 4);
	l2tp_control_header_set_ns(buf, 0x1111);
	l2tp_control_header_set_nr(buf, 0x2222);
	g_assert_cmpint(header_status(buf, sizeof(buf), &hdr), ==, 0);
	g_assert_cmpuint(hdr.ns, ==, 0x1111);
	g_assert_cmpuint(hdr.nr, ==, 0x2222);
	g_assert_cmpuint(hdr.tunnel_id, ==, 1);
	g_assert_cmpuint(hdr.session_id, ==, 2);
}

/* --- builder + parser round trips for every message of a LAC [§1.3 of PROTOCOL.md] -------- */

static void test_builder_writes_rfc_wire_format(void)
{
	/* HELLO as RFC 2661 §3.1/§4.1 lay it out, Ns 7 Nr 9. */
	const uint8_t want[] = {0xc8, 0x02, 0x00, 0x14, 0x12, 0x34, 0x56, 0x78, 0x00, 0x07,
				0x00, 0x09, 0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06};
	uint8_t buf[64];
	struct l2tp_builder b;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_HELLO, NULL);
	len = build_finish(&b);
	g_assert_cmpmem(buf, len, want, sizeof(want));
}

static void test_builder_honours_mandatory_flag(void)
{
	uint8_t buf[128];
	struct l2tp_builder b;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRQ, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, 1);
	l2tp_builder_add_bytes(&b, L2TP_AVP_TIE_BREAKER, false, "12345678", 8);
	l2tp_builder_add_vendor_avp(&b, 311, 1, false, "x", 1);
	len = build_finish(&b);
	g_assert_cmpuint(wire_avp_flags(buf, len, L2TP_AVP_MESSAGE_TYPE), ==, L2TP_AVP_M | 8);
	g_assert_cmpuint(wire_avp_flags(buf, len, L2TP_AVP_ASSIGNED_TUNNEL_ID), ==, L2TP_AVP_M | 8);
	g_assert_cmpuint(wire_avp_flags(buf, len, L2TP_AVP_TIE_BREAKER), ==, 14);
	g_assert_cmpuint(wire_avp_flags(buf, len, 1), ==, 7);
}

static void test_round_trip_sccrq(void)
{
	const uint8_t tie_breaker[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRQ, NULL);
	l2tp_builder_add_protocol_version(&b);
	l2tp_builder_add_bytes(&b, L2TP_AVP_HOST_NAME, true, "lac.example", 11);
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_CAPABILITIES, true,
			     L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, 0xbeef);
	l2tp_builder_add_u32(&b, L2TP_AVP_BEARER_CAPABILITIES, true, L2TP_BEARER_ANALOG);
	l2tp_builder_add_u16(&b, L2TP_AVP_RECEIVE_WINDOW_SIZE, true, 8);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE, true, test_challenge,
			       sizeof(test_challenge));
	l2tp_builder_add_bytes(&b, L2TP_AVP_TIE_BREAKER, false, tie_breaker, 8);
	l2tp_builder_add_u16(&b, L2TP_AVP_FIRMWARE_REVISION, false, 0x0100);
	l2tp_builder_add_bytes(&b, L2TP_AVP_VENDOR_NAME, false, "l2tp-connect", 12);
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_SCCRQ);
	g_assert_cmphex(msg.present, ==,
			BIT(0) | BIT(2) | BIT(7) | BIT(3) | BIT(9) | BIT(4) | BIT(10) | BIT(11) |
			    BIT(5) | BIT(6) | BIT(8));
	g_assert_cmpuint(msg.protocol_version, ==, 1);
	g_assert_cmpuint(msg.protocol_revision, ==, 0);
	assert_string(msg.host_name, "lac.example");
	g_assert_cmphex(msg.framing_capabilities, ==, 3);
	g_assert_cmpuint(msg.assigned_tunnel_id, ==, 0xbeef);
	g_assert_cmphex(msg.bearer_capabilities, ==, L2TP_BEARER_ANALOG);
	g_assert_cmpuint(msg.receive_window_size, ==, 8);
	assert_bytes(msg.challenge, test_challenge, sizeof(test_challenge));
	g_assert_cmpmem(msg.tie_breaker, 8, tie_breaker, 8);
	g_assert_cmphex(msg.firmware_revision, ==, 0x0100);
	assert_string(msg.vendor_name, "l2tp-connect");
}

static void test_round_trip_sccrp(void)
{
	uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN];
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_challenge_response(response, L2TP_MSG_SCCRP, &test_secret, test_challenge,
				sizeof(test_challenge));
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRP, NULL);
	l2tp_builder_add_protocol_version(&b);
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_CAPABILITIES, true, L2TP_FRAMING_SYNC);
	l2tp_builder_add_bytes(&b, L2TP_AVP_HOST_NAME, true, "lns", 3);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, 0x0042);
	l2tp_builder_add_u32(&b, L2TP_AVP_BEARER_CAPABILITIES, true, L2TP_BEARER_DIGITAL);
	l2tp_builder_add_u16(&b, L2TP_AVP_FIRMWARE_REVISION, false, 0x0690);
	l2tp_builder_add_bytes(&b, L2TP_AVP_VENDOR_NAME, false, "xelerance.com", 13);
	l2tp_builder_add_u16(&b, L2TP_AVP_RECEIVE_WINDOW_SIZE, true, 4);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE, true, "\x01\x02\x03", 3);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE_RESPONSE, true, response, sizeof(response));
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_SCCRP);
	g_assert_cmphex(msg.present, ==,
			BIT(0) | BIT(2) | BIT(3) | BIT(7) | BIT(9) | BIT(4) | BIT(6) | BIT(8) |
			    BIT(10) | BIT(11) | BIT(13));
	g_assert_cmphex(msg.framing_capabilities, ==, L2TP_FRAMING_SYNC);
	assert_string(msg.host_name, "lns");
	g_assert_cmpuint(msg.assigned_tunnel_id, ==, 0x42);
	g_assert_cmphex(msg.bearer_capabilities, ==, L2TP_BEARER_DIGITAL);
	g_assert_cmphex(msg.firmware_revision, ==, 0x0690);
	assert_string(msg.vendor_name, "xelerance.com");
	g_assert_cmpuint(msg.receive_window_size, ==, 4);
	assert_bytes(msg.challenge, "\x01\x02\x03", 3);
	assert_bytes(msg.challenge_response, response, sizeof(response));
}

static void test_round_trip_scccn(void)
{
	uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN];
	uint8_t buf[128];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_challenge_response(response, L2TP_MSG_SCCCN, &test_secret, test_challenge,
				sizeof(test_challenge));
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCCN, NULL);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CHALLENGE_RESPONSE, true, response, sizeof(response));
	len = build_finish(&b);
	g_assert_cmpint(len, ==, 12 + 8 + 22);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_SCCCN);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(13));
	assert_bytes(msg.challenge_response, response, sizeof(response));
}

static void test_round_trip_stopccn(void)
{
	uint8_t buf[128];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_STOPCCN, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_TUNNEL_ID, true, 0xbeef);
	l2tp_builder_add_result(&b, 2, 6, "going away");
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_STOPCCN);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(9) | BIT(1));
	g_assert_cmpuint(msg.assigned_tunnel_id, ==, 0xbeef);
	g_assert_cmpuint(msg.result.result, ==, 2);
	g_assert_true(msg.result.has_error);
	g_assert_cmpuint(msg.result.error, ==, 6);
	assert_string(msg.result.message, "going away");
	g_assert_cmpuint(wire_avp_flags(buf, len, L2TP_AVP_RESULT_CODE), ==,
			 L2TP_AVP_M | (6 + 4 + 10));
}

static void test_round_trip_hello(void)
{
	uint8_t buf[64];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_HELLO, NULL);
	len = l2tp_builder_finish(&b, TEST_TUNNEL_ID, 0, 7, 9);
	g_assert_cmpint(len, ==, 20);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, 0);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_HELLO);
	g_assert_cmphex(msg.present, ==, BIT(0));
}

static void test_round_trip_icrq(void)
{
	uint8_t buf[256];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRQ, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, 0x0101);
	l2tp_builder_add_u32(&b, L2TP_AVP_CALL_SERIAL_NUMBER, true, 0xdeadbeef);
	l2tp_builder_add_u32(&b, L2TP_AVP_BEARER_TYPE, true, 0);
	l2tp_builder_add_u32(&b, L2TP_AVP_PHYSICAL_CHANNEL_ID, false, 0x01020304);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CALLING_NUMBER, true, "5551234", 7);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CALLED_NUMBER, true, "", 0);
	l2tp_builder_add_bytes(&b, L2TP_AVP_SUB_ADDRESS, true, "7", 1);
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_ICRQ);
	g_assert_cmphex(msg.present, ==,
			BIT(0) | BIT(14) | BIT(15) | BIT(18) | BIT(25) | BIT(22) | BIT(21) |
			    BIT(23));
	g_assert_cmpuint(msg.assigned_session_id, ==, 0x0101);
	g_assert_cmphex(msg.call_serial_number, ==, 0xdeadbeef);
	g_assert_cmphex(msg.bearer_type, ==, 0);
	g_assert_cmphex(msg.physical_channel_id, ==, 0x01020304);
	assert_string(msg.calling_number, "5551234");
	g_assert_cmpuint(msg.called_number.len, ==, 0);
	assert_string(msg.sub_address, "7");
}

static void test_round_trip_icrp(void)
{
	uint8_t buf[128];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRP, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, 0xfffe);
	l2tp_builder_add_u16(&b, L2TP_AVP_RECEIVE_WINDOW_SIZE, true, 16);
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_ICRP);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(14) | BIT(10));
	g_assert_cmpuint(msg.assigned_session_id, ==, 0xfffe);
	g_assert_cmpuint(msg.receive_window_size, ==, 16);
}

static void test_round_trip_iccn(void)
{
	uint8_t buf[256];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICCN, NULL);
	l2tp_builder_add_u32(&b, L2TP_AVP_TX_CONNECT_SPEED, true, 100000000);
	l2tp_builder_add_u32(&b, L2TP_AVP_FRAMING_TYPE, true, L2TP_FRAMING_SYNC);
	l2tp_builder_add_u32(&b, L2TP_AVP_RX_CONNECT_SPEED, false, 10000000);
	l2tp_builder_add_bytes(&b, L2TP_AVP_SEQUENCING_REQUIRED, true, NULL, 0);
	l2tp_builder_add_bytes(&b, L2TP_AVP_PRIVATE_GROUP_ID, false, "grp", 3);
	l2tp_builder_add_u16(&b, L2TP_AVP_PROXY_AUTHEN_TYPE, false, 4);
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_ICCN);
	g_assert_cmphex(msg.present, ==,
			BIT(0) | BIT(24) | BIT(19) | BIT(38) | BIT(39) | BIT(37) | BIT(29));
	g_assert_cmpuint(msg.tx_connect_speed, ==, 100000000);
	g_assert_cmphex(msg.framing_type, ==, L2TP_FRAMING_SYNC);
	g_assert_cmpuint(msg.rx_connect_speed, ==, 10000000);
	g_assert_true(l2tp_message_has(&msg, L2TP_AVP_SEQUENCING_REQUIRED));
	assert_string(msg.private_group_id, "grp");
}

static void test_round_trip_cdn(void)
{
	const uint8_t q931[] = {0x00, 0x10, 0x2d, 'b', 'y', 'e'};
	uint8_t buf[128];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_CDN, NULL);
	l2tp_builder_add_result(&b, 3, 0, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, 0x0101);
	l2tp_builder_add_bytes(&b, L2TP_AVP_Q931_CAUSE, true, q931, sizeof(q931));
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_CDN);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(1) | BIT(14) | BIT(12));
	g_assert_cmpuint(msg.result.result, ==, 3);
	g_assert_true(msg.result.has_error);
	g_assert_cmpuint(msg.result.error, ==, 0);
	g_assert_cmpuint(msg.result.message.len, ==, 0);
	g_assert_cmpuint(msg.assigned_session_id, ==, 0x0101);
	assert_bytes(msg.q931_cause, q931, sizeof(q931));
}

static void test_round_trip_wen(void)
{
	uint8_t call_errors[26];
	uint8_t buf[128];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	for (size_t i = 0; i < sizeof(call_errors); i++)
		call_errors[i] = i;
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_WEN, NULL);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CALL_ERRORS, true, call_errors, sizeof(call_errors));
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_WEN);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(34));
	assert_bytes(msg.call_errors, call_errors, sizeof(call_errors));
}

static void test_round_trip_sli(void)
{
	const uint8_t accm[10] = {0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0};
	uint8_t buf[128];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SLI, NULL);
	l2tp_builder_add_bytes(&b, L2TP_AVP_ACCM, true, accm, sizeof(accm));
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_SLI);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(35));
	assert_bytes(msg.accm, accm, sizeof(accm));
}

static void test_round_trip_zlb(void)
{
	uint8_t buf[64];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ZLB, NULL);
	len = build_finish(&b);
	g_assert_cmpint(len, ==, L2TP_CONTROL_HEADER_LEN);

	g_autofree uint8_t *copy = parse_built_ok(buf, len, &msg, TEST_SESSION_ID);
	g_assert_cmpint(msg.type, ==, L2TP_MSG_ZLB);
	g_assert_cmphex(msg.present, ==, 0);
}

static void test_parse_data_message_is_einval(void)
{
	const uint8_t data[] = {0x00, 0x02, 0x12, 0x34, 0x56, 0x78, 0xff, 0x03};

	g_assert_cmpint(parse_status(data, sizeof(data), NULL), ==, -EINVAL);
}

/* --- Result Code ---------------------------------------------------------------------------- */

static void test_result_code_alone_has_no_error(void)
{
	const uint8_t result[] = {0x00, 0x01};
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, L2TP_MSG_STOPCCN);
	raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_RESULT_CODE, result, sizeof(result));
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_cmpuint(msg.result.result, ==, 1);
	g_assert_false(msg.result.has_error);
	g_assert_cmpuint(msg.result.message.len, ==, 0);
}

static void test_result_code_with_odd_length_is_rejected(void)
{
	const uint8_t result[] = {0x00, 0x02, 0x00};
	struct raw_message m;

	raw_start(&m, L2TP_MSG_STOPCCN);
	raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_RESULT_CODE, result, sizeof(result));
	g_assert_cmpint(parse_raw_status(&m, NULL), ==, -EBADMSG);
}

/* --- hostile AVPs ---------------------------------------------------------------------------- */

static void test_avp_length_below_6_is_rejected(void)
{
	for (uint16_t length = 0; length < 6; length++) {
		struct raw_message m;
		struct l2tp_message msg;
		struct l2tp_parse_error err;
		int r;

		raw_init(&m);
		raw_message_type(&m, L2TP_MSG_ICRP);
		raw_avp_with_length(&m, L2TP_AVP_M, 0, L2TP_AVP_ASSIGNED_SESSION_ID, "\0\1", 2,
				    length);
		raw_finish(&m);
		g_autofree uint8_t *copy = parse_copy(m.buf, m.len, NULL, &msg, &r, &err);
		g_assert_cmpint(r, ==, -EBADMSG);
		g_assert_cmpuint(err.attribute, ==, L2TP_AVP_ASSIGNED_SESSION_ID);
	}
	/* Also for an AVP we would skip: its length cannot be trusted to walk on. */
	for (uint16_t length = 1; length < 6; length++) {
		struct raw_message m;
		struct l2tp_message msg;
		struct l2tp_parse_error err;
		int r;

		raw_init(&m);
		raw_message_type(&m, L2TP_MSG_ICRP);
		raw_avp_with_length(&m, 0, 311, 1234, NULL, 0, length);
		raw_finish(&m);
		g_autofree uint8_t *copy = parse_copy(m.buf, m.len, NULL, &msg, &r, &err);
		g_assert_cmpint(r, ==, -EBADMSG);
		g_assert_cmpuint(err.attribute, ==, 1234);
	}
}

static void test_avp_running_past_the_end_is_rejected(void)
{
	struct raw_message m;

	/* A variable-length attribute, so that only the bounds check can catch it. */
	raw_start(&m, L2TP_MSG_ICRQ);
	raw_avp_with_length(&m, L2TP_AVP_M, 0, L2TP_AVP_CALLING_NUMBER, "12", 2, 9);
	g_assert_cmpint(parse_raw_status(&m, NULL), ==, -EBADMSG);
	/* And past the Length field even though the datagram has the bytes. */
	raw_start(&m, L2TP_MSG_ICRQ);
	raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_CALLING_NUMBER, "12", 2);
	raw_finish(&m);
	raw_put16(m.buf + 2, m.len - 1);
	g_assert_cmpint(parse_status(m.buf, m.len, NULL), ==, -EBADMSG);
}

static void test_avp_truncated_header_is_rejected(void)
{
	struct raw_message m;

	raw_icrp(&m);
	for (int extra = 1; extra < 6; extra++) {
		struct raw_message t = m;

		memset(t.buf + t.len, 0x80, extra);
		t.len += extra;
		raw_finish(&t);
		g_assert_cmpint(parse_status(t.buf, t.len, NULL), ==, -EBADMSG);
	}
}

struct fixed_size_case {
	uint16_t attribute;
	size_t bad_len;
};

static void test_avp_fixed_size_of_wrong_length_is_rejected(void)
{
	static const struct fixed_size_case cases[] = {
	    {L2TP_AVP_PROTOCOL_VERSION, 1},
	    {L2TP_AVP_PROTOCOL_VERSION, 3},
	    {L2TP_AVP_FRAMING_CAPABILITIES, 2},
	    {L2TP_AVP_BEARER_CAPABILITIES, 5},
	    {L2TP_AVP_TIE_BREAKER, 7},
	    {L2TP_AVP_FIRMWARE_REVISION, 4},
	    {L2TP_AVP_ASSIGNED_TUNNEL_ID, 1},
	    {L2TP_AVP_ASSIGNED_TUNNEL_ID, 4},
	    {L2TP_AVP_RECEIVE_WINDOW_SIZE, 3},
	    {L2TP_AVP_CHALLENGE_RESPONSE, 15},
	    {L2TP_AVP_CHALLENGE_RESPONSE, 17},
	    {L2TP_AVP_ASSIGNED_SESSION_ID, 0},
	    {L2TP_AVP_CALL_SERIAL_NUMBER, 2},
	    {L2TP_AVP_MINIMUM_BPS, 8},
	    {L2TP_AVP_MAXIMUM_BPS, 3},
	    {L2TP_AVP_BEARER_TYPE, 2},
	    {L2TP_AVP_FRAMING_TYPE, 6},
	    {L2TP_AVP_TX_CONNECT_SPEED, 2},
	    {L2TP_AVP_PHYSICAL_CHANNEL_ID, 5},
	    {L2TP_AVP_CALL_ERRORS, 25},
	    {L2TP_AVP_ACCM, 11},
	    {L2TP_AVP_RX_CONNECT_SPEED, 0},
	    {L2TP_AVP_SEQUENCING_REQUIRED, 1},
	    {L2TP_AVP_HOST_NAME, 0},
	    {L2TP_AVP_CHALLENGE, 0},
	    {L2TP_AVP_Q931_CAUSE, 2},
	    {L2TP_AVP_RANDOM_VECTOR, 0},
	    {L2TP_AVP_PROXY_AUTHEN_TYPE, 1},
	    {L2TP_AVP_PROXY_AUTHEN_ID, 3},
	};
	static const uint8_t zeros[32];

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct raw_message m;
		struct l2tp_message msg;
		struct l2tp_parse_error err;
		int r;

		raw_init(&m);
		raw_message_type(&m, L2TP_MSG_SCCRQ);
		raw_avp(&m, L2TP_AVP_M, 0, cases[i].attribute, zeros, cases[i].bad_len);
		raw_finish(&m);
		g_autofree uint8_t *copy = parse_copy(m.buf, m.len, NULL, &msg, &r, &err);
		if (r != -EBADMSG)
			g_error("attribute %u with %zu value bytes: got %d", cases[i].attribute,
				cases[i].bad_len, r);
		g_assert_cmpuint(err.attribute, ==, cases[i].attribute);
	}
}

static void test_avp_message_type_not_first_is_rejected(void)
{
	struct raw_message m;
	struct l2tp_message msg;
	struct l2tp_parse_error err;
	int r;

	raw_init(&m);
	raw_u16(&m, L2TP_AVP_ASSIGNED_SESSION_ID, 1);
	raw_message_type(&m, L2TP_MSG_ICRP);
	raw_finish(&m);
	g_autofree uint8_t *copy = parse_copy(m.buf, m.len, NULL, &msg, &r, &err);
	g_assert_cmpint(r, ==, -EBADMSG);
	g_assert_nonnull(err.reason);
}

static void test_avp_second_message_type_is_rejected(void)
{
	struct raw_message m;

	raw_icrp(&m);
	raw_message_type(&m, L2TP_MSG_CDN);
	g_assert_cmpint(parse_raw_status(&m, NULL), ==, -EBADMSG);
}

static void test_avp_message_type_of_wrong_length_or_hidden_is_rejected(void)
{
	struct raw_message m;

	raw_init(&m);
	raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_MESSAGE_TYPE, "\0\x0b\0", 3);
	g_assert_cmpint(parse_raw_status(&m, NULL), ==, -EBADMSG);

	raw_init(&m);
	raw_avp(&m, L2TP_AVP_M | L2TP_AVP_H, 0, L2TP_AVP_MESSAGE_TYPE, "\0\x0b", 2);
	g_assert_cmpint(parse_raw_status(&m, &test_secret), ==, -EBADMSG);
}

static void test_avp_vendor_message_type_first_is_rejected(void)
{
	struct raw_message m;

	raw_init(&m);
	raw_avp(&m, L2TP_AVP_M, 311, L2TP_AVP_MESSAGE_TYPE, "\0\x0b", 2);
	g_assert_cmpint(parse_raw_status(&m, NULL), ==, -EBADMSG);
}

static void test_avp_unknown_mandatory_is_reported(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, L2TP_MSG_ICRP);
	raw_avp(&m, L2TP_AVP_M, 311, 1, "corr", 4);
	raw_avp(&m, L2TP_AVP_M, 0, 20, "x", 1); /* unassigned IETF attribute */
	raw_u16(&m, L2TP_AVP_ASSIGNED_SESSION_ID, 0x4242);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_true(msg.has_unknown_mandatory);
	/* The first one is reported; parsing goes on so the caller knows what to clear. */
	g_assert_cmpuint(msg.unknown_mandatory_vendor, ==, 311);
	g_assert_cmpuint(msg.unknown_mandatory_attribute, ==, 1);
	g_assert_cmpuint(msg.assigned_session_id, ==, 0x4242);
}

static void test_avp_unknown_ietf_mandatory_is_reported(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, L2TP_MSG_ICRP);
	raw_avp(&m, L2TP_AVP_M, 0, 99, NULL, 0);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_true(msg.has_unknown_mandatory);
	g_assert_cmpuint(msg.unknown_mandatory_vendor, ==, 0);
	g_assert_cmpuint(msg.unknown_mandatory_attribute, ==, 99);
}

static void test_avp_unknown_optional_is_ignored(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, L2TP_MSG_ICRQ);
	/* The Windows correlation ID [MS-L2TPIE]: vendor 311, attribute 1, M=0. */
	raw_avp(&m, 0, 311, 1, "0123456789abcdef", 16);
	/* A vendor AVP reusing an IETF number must not be taken for the IETF one. */
	raw_avp(&m, 0, 9, L2TP_AVP_ASSIGNED_SESSION_ID, "\x99\x99", 2);
	raw_avp(&m, L2TP_AVP_H, 311, 2, "\x01", 1); /* hidden, but skipped unopened */
	raw_avp(&m, 0, 0, 77, "zz", 2);
	raw_u16(&m, L2TP_AVP_ASSIGNED_SESSION_ID, 0x0101);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_false(msg.has_unknown_mandatory);
	g_assert_cmpuint(msg.assigned_session_id, ==, 0x0101);
	g_assert_cmphex(msg.present, ==, BIT(0) | BIT(14));
}

static void test_avp_reserved_bits_with_mandatory_are_reported(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, L2TP_MSG_ICRP);
	raw_avp(&m, L2TP_AVP_M | 0x0400, 0, L2TP_AVP_ASSIGNED_SESSION_ID, "\x42\x42", 2);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_true(msg.has_unknown_mandatory);
	g_assert_cmpuint(msg.unknown_mandatory_attribute, ==, L2TP_AVP_ASSIGNED_SESSION_ID);
	/* Unrecognised means unused: its value is not taken. */
	g_assert_false(l2tp_message_has(&msg, L2TP_AVP_ASSIGNED_SESSION_ID));
	g_assert_cmpuint(msg.assigned_session_id, ==, 0);
}

static void test_avp_reserved_bits_without_mandatory_are_ignored(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, L2TP_MSG_ICRP);
	raw_avp(&m, 0x2000, 0, L2TP_AVP_RECEIVE_WINDOW_SIZE, "\0\x10", 2);
	raw_u16(&m, L2TP_AVP_ASSIGNED_SESSION_ID, 7);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_false(msg.has_unknown_mandatory);
	g_assert_false(l2tp_message_has(&msg, L2TP_AVP_RECEIVE_WINDOW_SIZE));
	g_assert_cmpuint(msg.assigned_session_id, ==, 7);
}

static void test_unknown_message_type_with_mandatory_is_reported(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_start(&m, 42);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_cmpint(msg.type, ==, 42);
	g_assert_true(msg.has_unknown_mandatory);
	g_assert_cmpuint(msg.unknown_mandatory_attribute, ==, L2TP_AVP_MESSAGE_TYPE);
}

static void test_unknown_message_type_without_mandatory_is_not_reported(void)
{
	struct raw_message m;
	struct l2tp_message msg;

	raw_init(&m);
	raw_avp(&m, 0, 0, L2TP_AVP_MESSAGE_TYPE, "\0\x2a", 2);
	g_autofree uint8_t *copy = parse_raw_ok(&m, NULL, &msg);
	g_assert_cmpint(msg.type, ==, 42);
	g_assert_false(l2tp_message_type_is_known(msg.type));
	g_assert_false(msg.has_unknown_mandatory);
}

/* --- hidden AVPs [§4.3] ---------------------------------------------------------------------- */

/* Builds ICRQ with a Random Vector and a hidden AVP; returns the message length. */
static int build_hidden(uint8_t *buf, size_t cap, enum l2tp_avp_type type, const void *value,
			size_t len, const uint8_t *pad, size_t pad_len)
{
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, cap, L2TP_MSG_ICRQ, &test_secret);
	l2tp_builder_add_random_vector(&b, test_random_vector, sizeof(test_random_vector));
	l2tp_builder_add_hidden(&b, type, true, value, len, pad, pad_len);
	return build_finish(&b);
}

/* Offset of the hidden AVP's value: header, Message Type (8), Random Vector (6+16), AVP. */
#define HIDDEN_VALUE_OFFSET (12 + 8 + 22 + 6)

static void test_hidden_known_answer_with_pad(void)
{
	/* python3: md5(b'\x00\x09' + b's3cr3t' + bytes(range(16))) XOR
	 * b'\x00\x02\x12\x34\xa1\xa2\xa3' (Assigned Tunnel ID 0x1234, pad a1 a2 a3). */
	const uint8_t want[] = {0x4d, 0xd1, 0x91, 0xb5, 0xc0, 0x6a, 0x91};
	const uint8_t pad[] = {0xa1, 0xa2, 0xa3};
	uint8_t buf[256];
	struct l2tp_message msg;
	int len, r;

	len = build_hidden(buf, sizeof(buf), L2TP_AVP_ASSIGNED_TUNNEL_ID, "\x12\x34", 2, pad,
			   sizeof(pad));
	g_assert_cmpint(len, ==, HIDDEN_VALUE_OFFSET + sizeof(want));
	g_assert_cmpuint(wire_avp_flags(buf, len, L2TP_AVP_ASSIGNED_TUNNEL_ID), ==,
			 L2TP_AVP_M | L2TP_AVP_H | (6 + sizeof(want)));
	g_assert_cmpmem(buf + HIDDEN_VALUE_OFFSET, sizeof(want), want, sizeof(want));

	g_autofree uint8_t *copy = parse_copy(buf, len, &test_secret, &msg, &r, NULL);
	g_assert_cmpint(r, ==, 0);
	g_assert_cmpuint(msg.assigned_tunnel_id, ==, 0x1234);
	g_assert_true(l2tp_message_has(&msg, L2TP_AVP_RANDOM_VECTOR));
}

static void test_hidden_known_answer_spanning_two_blocks(void)
{
	/* python3, per §4.3: p = b'\x00\x1d' + b'l2tp-connect test vendor name';
	 * b1 = md5(b'\x00\x08' + b's3cr3t' + bytes(range(16))); c1 = p[:16] ^ b1;
	 * b2 = md5(b's3cr3t' + c1); c2 = p[16:] ^ b2[:15]. */
	const uint8_t want[] = {0x8e, 0x23, 0x99, 0x3f, 0x83, 0x86, 0xe0, 0xd6, 0x8e, 0x5c, 0x55,
				0x59, 0x3f, 0x5a, 0x38, 0x42, 0xd3, 0x0c, 0x5e, 0xa2, 0xdb, 0xdd,
				0x75, 0x2f, 0x23, 0xea, 0x8b, 0xf9, 0xac, 0x4d, 0xdc};
	const char *vendor = "l2tp-connect test vendor name";
	uint8_t buf[256];
	struct l2tp_message msg;
	int len, r;

	len = build_hidden(buf, sizeof(buf), L2TP_AVP_VENDOR_NAME, vendor, strlen(vendor), NULL, 0);
	g_assert_cmpint(len, ==, HIDDEN_VALUE_OFFSET + sizeof(want));
	g_assert_cmpmem(buf + HIDDEN_VALUE_OFFSET, sizeof(want), want, sizeof(want));

	g_autofree uint8_t *copy = parse_copy(buf, len, &test_secret, &msg, &r, NULL);
	g_assert_cmpint(r, ==, 0);
	assert_string(msg.vendor_name, vendor);
}

static void test_hidden_round_trip_of_many_lengths(void)
{
	static const size_t lengths[] = {0, 1, 13, 14, 15, 16, 17, 30, 31, 32, 33, 100, 900};
	uint8_t value[1000], pad[40];
	uint8_t buf[2048];

	for (size_t i = 0; i < sizeof(value); i++)
		value[i] = (uint8_t)(i * 7 + 3);
	for (size_t i = 0; i < sizeof(pad); i++)
		pad[i] = (uint8_t)(0xa0 + i);
	for (size_t i = 0; i < G_N_ELEMENTS(lengths); i++) {
		for (size_t pad_len = 0; pad_len <= 33; pad_len += 11) {
			struct l2tp_message msg;
			int len, r;

			len = build_hidden(buf, sizeof(buf), L2TP_AVP_PRIVATE_GROUP_ID, value,
					   lengths[i], pad, pad_len);
			/* Encrypted: the plain value must not show on the wire. */
			if (lengths[i] >= 16)
				g_assert_true(memcmp(buf + HIDDEN_VALUE_OFFSET + 2, value, 16) !=
					      0);
			g_autofree uint8_t *copy =
			    parse_copy(buf, len, &test_secret, &msg, &r, NULL);
			g_assert_cmpint(r, ==, 0);
			assert_bytes(msg.private_group_id, value, lengths[i]);
		}
	}
}

static void test_hidden_fixed_size_checked_after_unhiding(void)
{
	uint8_t buf[256];
	int len;

	/* Three bytes plus pad: the AVP is long enough on the wire, the value is not. */
	len = build_hidden(buf, sizeof(buf), L2TP_AVP_ASSIGNED_SESSION_ID, "\x01\x02\x03", 3,
			   (const uint8_t *)"pp", 2);
	g_assert_cmpint(parse_status(buf, len, &test_secret), ==, -EBADMSG);
}

static void test_hidden_last_random_vector_applies(void)
{
	const uint8_t other_rv[20] = {9, 9, 9};
	uint8_t buf[256];
	struct l2tp_builder b;
	struct l2tp_message msg;
	int len, r;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRQ, &test_secret);
	l2tp_builder_add_random_vector(&b, test_random_vector, sizeof(test_random_vector));
	l2tp_builder_add_hidden(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, "\x00\x07", 2, NULL, 0);
	l2tp_builder_add_random_vector(&b, other_rv, sizeof(other_rv));
	l2tp_builder_add_hidden(&b, L2TP_AVP_CALL_SERIAL_NUMBER, true, "\x00\x00\x00\x09", 4, NULL,
				0);
	len = build_finish(&b);

	g_autofree uint8_t *copy = parse_copy(buf, len, &test_secret, &msg, &r, NULL);
	g_assert_cmpint(r, ==, 0);
	g_assert_cmpuint(msg.assigned_session_id, ==, 7);
	g_assert_cmpuint(msg.call_serial_number, ==, 9);
}

static void test_hidden_without_random_vector_is_rejected(void)
{
	struct raw_message m;
	struct l2tp_message msg;
	struct l2tp_parse_error err;
	int r;

	raw_start(&m, L2TP_MSG_ICRQ);
	raw_avp(&m, L2TP_AVP_M | L2TP_AVP_H, 0, L2TP_AVP_ASSIGNED_SESSION_ID, "abcd", 4);
	/* A Random Vector after the hidden AVP does not count: it must precede it. */
	raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_RANDOM_VECTOR, test_random_vector, 16);
	raw_finish(&m);
	g_autofree uint8_t *copy = parse_copy(m.buf, m.len, &test_secret, &msg, &r, &err);
	g_assert_cmpint(r, ==, -EACCES);
	g_assert_cmpuint(err.attribute, ==, L2TP_AVP_ASSIGNED_SESSION_ID);
}

static void test_hidden_without_secret_is_rejected(void)
{
	const struct l2tp_secret empty = {NULL, 0};
	uint8_t buf[256];
	int len;

	len = build_hidden(buf, sizeof(buf), L2TP_AVP_ASSIGNED_SESSION_ID, "\x00\x07", 2, NULL, 0);
	g_assert_cmpint(parse_status(buf, len, NULL), ==, -EACCES);
	g_assert_cmpint(parse_status(buf, len, &empty), ==, -EACCES);
}

static void test_hidden_original_length_too_large_is_rejected(void)
{
	uint8_t buf[256];
	int len;

	/* A variable-length attribute, so that only the original-length check catches it. */
	len = build_hidden(buf, sizeof(buf), L2TP_AVP_CALLING_NUMBER, "12", 2, NULL, 0);
	/* A stream cipher: flipping a ciphertext bit flips the same plaintext bit, here the
	 * low bit of the original length's high byte (2 -> 258). */
	buf[HIDDEN_VALUE_OFFSET] ^= 0x01;
	g_assert_cmpint(parse_status(buf, len, &test_secret), ==, -EBADMSG);
}

static void test_hidden_too_short_for_length_field_is_rejected(void)
{
	struct raw_message m;

	raw_start(&m, L2TP_MSG_ICRQ);
	raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_RANDOM_VECTOR, test_random_vector, 16);
	raw_avp(&m, L2TP_AVP_M | L2TP_AVP_H, 0, L2TP_AVP_CALLING_NUMBER, "a", 1);
	g_assert_cmpint(parse_raw_status(&m, &test_secret), ==, -EBADMSG);
}

static void test_hidden_forbidden_attribute_is_rejected(void)
{
	static const uint16_t never_hidden[] = {
	    L2TP_AVP_RESULT_CODE,   L2TP_AVP_PROTOCOL_VERSION,	  L2TP_AVP_TIE_BREAKER,
	    L2TP_AVP_HOST_NAME,	    L2TP_AVP_RECEIVE_WINDOW_SIZE, L2TP_AVP_Q931_CAUSE,
	    L2TP_AVP_RANDOM_VECTOR, L2TP_AVP_SEQUENCING_REQUIRED,
	};

	for (size_t i = 0; i < G_N_ELEMENTS(never_hidden); i++) {
		struct raw_message m;
		uint8_t buf[256];
		struct l2tp_builder b;

		raw_init(&m);
		raw_message_type(&m, L2TP_MSG_SCCRQ);
		raw_avp(&m, L2TP_AVP_M, 0, L2TP_AVP_RANDOM_VECTOR, test_random_vector, 16);
		raw_avp(&m, L2TP_AVP_M | L2TP_AVP_H, 0, never_hidden[i], "\0\0\0\0\0\0\0\0\0\0",
			10);
		raw_finish(&m);
		g_assert_cmpint(parse_status(m.buf, m.len, &test_secret), ==, -EBADMSG);

		/* And the builder refuses to produce one. */
		l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_SCCRQ, &test_secret);
		l2tp_builder_add_random_vector(&b, test_random_vector, 16);
		l2tp_builder_add_hidden(&b, never_hidden[i], true, "ab", 2, NULL, 0);
		g_assert_cmpint(l2tp_builder_finish(&b, 1, 0, 0, 0), ==, -EINVAL);
	}
}

static void test_hidden_builder_needs_secret_and_random_vector(void)
{
	uint8_t buf[256];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRQ, &test_secret);
	l2tp_builder_add_hidden(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, "ab", 2, NULL, 0);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 0, 0, 0), ==, -EINVAL);

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRQ, NULL);
	l2tp_builder_add_random_vector(&b, test_random_vector, 16);
	l2tp_builder_add_hidden(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, "ab", 2, NULL, 0);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 0, 0, 0), ==, -EINVAL);
}

/* --- tunnel authentication [§4.4.3] ---------------------------------------------------------- */

static void test_challenge_response_known_answer(void)
{
	/* python3: hashlib.md5(bytes([3]) + b's3cr3t' + bytes(range(0xf0, 0x100))).digest() */
	const uint8_t want[L2TP_CHALLENGE_RESPONSE_LEN] = {0xa9, 0x08, 0x12, 0x01, 0xeb, 0xde,
							   0xab, 0xaa, 0xe6, 0x8b, 0x69, 0xcb,
							   0x6e, 0x13, 0x76, 0x79};
	uint8_t got[L2TP_CHALLENGE_RESPONSE_LEN];

	l2tp_challenge_response(got, L2TP_MSG_SCCCN, &test_secret, test_challenge,
				sizeof(test_challenge));
	g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
}

static void test_challenge_response_depends_on_carrying_message(void)
{
	uint8_t in_sccrp[L2TP_CHALLENGE_RESPONSE_LEN], in_scccn[L2TP_CHALLENGE_RESPONSE_LEN];

	l2tp_challenge_response(in_sccrp, L2TP_MSG_SCCRP, &test_secret, test_challenge, 16);
	l2tp_challenge_response(in_scccn, L2TP_MSG_SCCCN, &test_secret, test_challenge, 16);
	g_assert_true(memcmp(in_sccrp, in_scccn, sizeof(in_sccrp)) != 0);
}

static void test_challenge_response_verify(void)
{
	uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN];
	const struct l2tp_secret other = {(const uint8_t *)"other", 5};

	l2tp_challenge_response(response, L2TP_MSG_SCCRP, &test_secret, test_challenge, 16);
	g_assert_cmpint(l2tp_challenge_response_verify(L2TP_MSG_SCCRP, &test_secret, test_challenge,
						       16, response, 16),
			==, 0);
	g_assert_cmpint(l2tp_challenge_response_verify(L2TP_MSG_SCCRP, &other, test_challenge, 16,
						       response, 16),
			==, -EACCES);
	g_assert_cmpint(l2tp_challenge_response_verify(L2TP_MSG_SCCCN, &test_secret, test_challenge,
						       16, response, 16),
			==, -EACCES);
	g_assert_cmpint(l2tp_challenge_response_verify(L2TP_MSG_SCCRP, &test_secret, test_challenge,
						       16, response, 15),
			==, -EACCES);
	response[15] ^= 1;
	g_assert_cmpint(l2tp_challenge_response_verify(L2TP_MSG_SCCRP, &test_secret, test_challenge,
						       16, response, 16),
			==, -EACCES);
}

/* --- builder errors -------------------------------------------------------------------------- */

static void test_builder_overflow_is_enospc_and_sticky(void)
{
	uint8_t buf[L2TP_CONTROL_HEADER_LEN + 8 + 8 + 7];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRP, NULL);
	l2tp_builder_add_u16(&b, L2TP_AVP_ASSIGNED_SESSION_ID, true, 1);
	g_assert_cmpint(b.error, ==, 0);
	l2tp_builder_add_u16(&b, L2TP_AVP_RECEIVE_WINDOW_SIZE, true, 4); /* 8 > 7 left */
	g_assert_cmpint(b.error, ==, -ENOSPC);
	/* This one (6 bytes) would fit, but the message is already broken. */
	l2tp_builder_add_bytes(&b, L2TP_AVP_SEQUENCING_REQUIRED, true, NULL, 0);
	g_assert_cmpuint(b.len, ==, L2TP_CONTROL_HEADER_LEN + 16);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 2, 3, 4), ==, -ENOSPC);
}

static void test_builder_buffer_smaller_than_header_is_enospc(void)
{
	uint8_t buf[L2TP_CONTROL_HEADER_LEN + 4];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, L2TP_CONTROL_HEADER_LEN - 1, L2TP_MSG_ZLB, NULL);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 2, 3, 4), ==, -ENOSPC);
	/* Room for the header but not for the Message Type AVP. */
	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_HELLO, NULL);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 2, 3, 4), ==, -ENOSPC);
}

static void test_builder_avp_longer_than_1023_is_einval(void)
{
	static uint8_t big[L2TP_AVP_MAX_LEN];
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;
	int len;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_ICRQ, NULL);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CALLING_NUMBER, true, big, L2TP_AVP_MAX_LEN - 6);
	len = l2tp_builder_finish(&b, 1, 2, 3, 4);
	g_assert_cmpint(len, ==, 12 + 8 + L2TP_AVP_MAX_LEN);
	l2tp_builder_add_bytes(&b, L2TP_AVP_CALLED_NUMBER, true, big, L2TP_AVP_MAX_LEN - 5);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 2, 3, 4), ==, -EINVAL);
}

static void test_builder_result_message_is_bounded(void)
{
	g_autofree char *message = g_strnfill(L2TP_AVP_MAX_LEN, 'x');
	uint8_t buf[L2TP_MAX_CONTROL_MESSAGE];
	struct l2tp_builder b;

	l2tp_builder_init(&b, buf, sizeof(buf), L2TP_MSG_STOPCCN, NULL);
	l2tp_builder_add_result(&b, 2, 6, message);
	g_assert_cmpint(l2tp_builder_finish(&b, 1, 0, 0, 0), ==, -EINVAL);
}

/* --- names ------------------------------------------------------------------------------------ */

static void test_names_of_message_and_avp_types(void)
{
	g_assert_cmpstr(l2tp_message_type_name(L2TP_MSG_SCCRQ), ==, "SCCRQ");
	g_assert_cmpstr(l2tp_message_type_name(L2TP_MSG_STOPCCN), ==, "StopCCN");
	g_assert_cmpstr(l2tp_message_type_name(L2TP_MSG_ZLB), ==, "ZLB");
	g_assert_cmpstr(l2tp_message_type_name(5), ==, "unknown");
	g_assert_cmpstr(l2tp_message_type_name(999), ==, "unknown");
	g_assert_cmpstr(l2tp_avp_type_name(L2TP_AVP_HOST_NAME), ==, "Host Name");
	g_assert_cmpstr(l2tp_avp_type_name(20), ==, "unknown");
	g_assert_cmpstr(l2tp_avp_type_name(0xffff), ==, "unknown");
	g_assert_true(l2tp_message_type_is_known(L2TP_MSG_SLI));
	g_assert_false(l2tp_message_type_is_known(13));
	g_assert_false(l2tp_message_type_is_known(17));
}

static void test_result_codes_differ_between_stopccn_and_cdn(void)
{
	const char *stopccn = l2tp_result_code_describe(L2TP_MSG_STOPCCN, 4);
	const char *cdn = l2tp_result_code_describe(L2TP_MSG_CDN, 4);

	g_assert_nonnull(strstr(stopccn, "not allow"));
	g_assert_nonnull(strstr(cdn, "facilities"));
	g_assert_nonnull(strstr(l2tp_result_code_describe(L2TP_MSG_CDN, 11), "framing"));
	g_assert_cmpstr(l2tp_result_code_describe(L2TP_MSG_STOPCCN, 8), ==, "unknown result code");
	g_assert_cmpstr(l2tp_result_code_describe(L2TP_MSG_CDN, 0), ==, "unknown result code");
	g_assert_cmpstr(l2tp_result_code_describe(L2TP_MSG_HELLO, 1), ==, "unknown result code");
}

static void test_error_codes_are_described(void)
{
	g_assert_nonnull(strstr(l2tp_error_code_describe(8), "unknown mandatory"));
	g_assert_nonnull(strstr(l2tp_error_code_describe(7), "another server"));
	g_assert_cmpstr(l2tp_error_code_describe(9), ==, "unknown error code");
	g_assert_cmpstr(l2tp_error_code_describe(0xffff), ==, "unknown error code");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/l2tp-codec/header/control-fields-are-read-big-endian",
			test_header_control_fields_are_read_big_endian);
	g_test_add_func("/l2tp-codec/header/truncated-is-rejected",
			test_header_truncated_is_rejected);
	g_test_add_func("/l2tp-codec/header/length-larger-than-datagram-is-rejected",
			test_header_length_larger_than_datagram_is_rejected);
	g_test_add_func("/l2tp-codec/header/length-smaller-than-header-is-rejected",
			test_header_length_smaller_than_header_is_rejected);
	g_test_add_func("/l2tp-codec/header/length-shorter-than-datagram-bounds-the-avps",
			test_header_length_shorter_than_datagram_bounds_the_avps);
	g_test_add_func("/l2tp-codec/header/version-1-l2f-is-unsupported",
			test_header_version_1_l2f_is_unsupported);
	g_test_add_func("/l2tp-codec/header/version-3-is-unsupported",
			test_header_version_3_is_unsupported);
	g_test_add_func("/l2tp-codec/header/control-without-length-or-sequence-is-rejected",
			test_header_control_without_length_or_sequence_is_rejected);
	g_test_add_func("/l2tp-codec/header/control-with-offset-or-priority-is-rejected",
			test_header_control_with_offset_or_priority_is_rejected);
	g_test_add_func("/l2tp-codec/header/reserved-bits-are-ignored",
			test_header_reserved_bits_are_ignored);
	g_test_add_func("/l2tp-codec/header/data-without-options",
			test_header_data_without_options);
	g_test_add_func("/l2tp-codec/header/data-with-sequence", test_header_data_with_sequence);
	g_test_add_func("/l2tp-codec/header/data-with-length-and-priority",
			test_header_data_with_length_and_priority);
	g_test_add_func("/l2tp-codec/header/data-with-offset-skips-pad",
			test_header_data_with_offset_skips_pad);
	g_test_add_func("/l2tp-codec/header/data-offset-past-length-is-rejected",
			test_header_data_offset_past_length_is_rejected);
	g_test_add_func("/l2tp-codec/header/data-write-round-trips",
			test_header_data_write_round_trips);
	g_test_add_func("/l2tp-codec/header/ns-nr-can-be-rewritten",
			test_header_ns_nr_can_be_rewritten);

	g_test_add_func("/l2tp-codec/builder/writes-rfc-wire-format",
			test_builder_writes_rfc_wire_format);
	g_test_add_func("/l2tp-codec/builder/honours-mandatory-flag",
			test_builder_honours_mandatory_flag);
	g_test_add_func("/l2tp-codec/round-trip/sccrq", test_round_trip_sccrq);
	g_test_add_func("/l2tp-codec/round-trip/sccrp", test_round_trip_sccrp);
	g_test_add_func("/l2tp-codec/round-trip/scccn", test_round_trip_scccn);
	g_test_add_func("/l2tp-codec/round-trip/stopccn", test_round_trip_stopccn);
	g_test_add_func("/l2tp-codec/round-trip/hello", test_round_trip_hello);
	g_test_add_func("/l2tp-codec/round-trip/icrq", test_round_trip_icrq);
	g_test_add_func("/l2tp-codec/round-trip/icrp", test_round_trip_icrp);
	g_test_add_func("/l2tp-codec/round-trip/iccn", test_round_trip_iccn);
	g_test_add_func("/l2tp-codec/round-trip/cdn", test_round_trip_cdn);
	g_test_add_func("/l2tp-codec/round-trip/wen", test_round_trip_wen);
	g_test_add_func("/l2tp-codec/round-trip/sli", test_round_trip_sli);
	g_test_add_func("/l2tp-codec/round-trip/zlb", test_round_trip_zlb);
	g_test_add_func("/l2tp-codec/parse/data-message-is-einval",
			test_parse_data_message_is_einval);

	g_test_add_func("/l2tp-codec/result-code/alone-has-no-error",
			test_result_code_alone_has_no_error);
	g_test_add_func("/l2tp-codec/result-code/odd-length-is-rejected",
			test_result_code_with_odd_length_is_rejected);

	g_test_add_func("/l2tp-codec/avp/length-below-6-is-rejected",
			test_avp_length_below_6_is_rejected);
	g_test_add_func("/l2tp-codec/avp/running-past-the-end-is-rejected",
			test_avp_running_past_the_end_is_rejected);
	g_test_add_func("/l2tp-codec/avp/truncated-header-is-rejected",
			test_avp_truncated_header_is_rejected);
	g_test_add_func("/l2tp-codec/avp/fixed-size-of-wrong-length-is-rejected",
			test_avp_fixed_size_of_wrong_length_is_rejected);
	g_test_add_func("/l2tp-codec/avp/message-type-not-first-is-rejected",
			test_avp_message_type_not_first_is_rejected);
	g_test_add_func("/l2tp-codec/avp/second-message-type-is-rejected",
			test_avp_second_message_type_is_rejected);
	g_test_add_func("/l2tp-codec/avp/message-type-of-wrong-length-or-hidden-is-rejected",
			test_avp_message_type_of_wrong_length_or_hidden_is_rejected);
	g_test_add_func("/l2tp-codec/avp/vendor-message-type-first-is-rejected",
			test_avp_vendor_message_type_first_is_rejected);
	g_test_add_func("/l2tp-codec/avp/unknown-mandatory-vendor-avp-is-reported",
			test_avp_unknown_mandatory_is_reported);
	g_test_add_func("/l2tp-codec/avp/unknown-mandatory-ietf-avp-is-reported",
			test_avp_unknown_ietf_mandatory_is_reported);
	g_test_add_func("/l2tp-codec/avp/unknown-optional-is-ignored",
			test_avp_unknown_optional_is_ignored);
	g_test_add_func("/l2tp-codec/avp/reserved-bits-with-mandatory-are-reported",
			test_avp_reserved_bits_with_mandatory_are_reported);
	g_test_add_func("/l2tp-codec/avp/reserved-bits-without-mandatory-are-ignored",
			test_avp_reserved_bits_without_mandatory_are_ignored);
	g_test_add_func("/l2tp-codec/message-type/unknown-with-mandatory-is-reported",
			test_unknown_message_type_with_mandatory_is_reported);
	g_test_add_func("/l2tp-codec/message-type/unknown-without-mandatory-is-not-reported",
			test_unknown_message_type_without_mandatory_is_not_reported);

	g_test_add_func("/l2tp-codec/hidden/known-answer-with-pad",
			test_hidden_known_answer_with_pad);
	g_test_add_func("/l2tp-codec/hidden/known-answer-spanning-two-blocks",
			test_hidden_known_answer_spanning_two_blocks);
	g_test_add_func("/l2tp-codec/hidden/round-trip-of-many-lengths",
			test_hidden_round_trip_of_many_lengths);
	g_test_add_func("/l2tp-codec/hidden/fixed-size-checked-after-unhiding",
			test_hidden_fixed_size_checked_after_unhiding);
	g_test_add_func("/l2tp-codec/hidden/last-random-vector-applies",
			test_hidden_last_random_vector_applies);
	g_test_add_func("/l2tp-codec/hidden/without-random-vector-is-rejected",
			test_hidden_without_random_vector_is_rejected);
	g_test_add_func("/l2tp-codec/hidden/without-secret-is-rejected",
			test_hidden_without_secret_is_rejected);
	g_test_add_func("/l2tp-codec/hidden/original-length-too-large-is-rejected",
			test_hidden_original_length_too_large_is_rejected);
	g_test_add_func("/l2tp-codec/hidden/too-short-for-length-field-is-rejected",
			test_hidden_too_short_for_length_field_is_rejected);
	g_test_add_func("/l2tp-codec/hidden/forbidden-attribute-is-rejected",
			test_hidden_forbidden_attribute_is_rejected);
	g_test_add_func("/l2tp-codec/hidden/builder-needs-secret-and-random-vector",
			test_hidden_builder_needs_secret_and_random_vector);

	g_test_add_func("/l2tp-codec/challenge/response-known-answer",
			test_challenge_response_known_answer);
	g_test_add_func("/l2tp-codec/challenge/response-depends-on-carrying-message",
			test_challenge_response_depends_on_carrying_message);
	g_test_add_func("/l2tp-codec/challenge/verify-accepts-only-the-right-response",
			test_challenge_response_verify);

	g_test_add_func("/l2tp-codec/builder/overflow-is-enospc-and-sticky",
			test_builder_overflow_is_enospc_and_sticky);
	g_test_add_func("/l2tp-codec/builder/buffer-smaller-than-header-is-enospc",
			test_builder_buffer_smaller_than_header_is_enospc);
	g_test_add_func("/l2tp-codec/builder/avp-longer-than-1023-is-einval",
			test_builder_avp_longer_than_1023_is_einval);
	g_test_add_func("/l2tp-codec/builder/result-message-is-bounded",
			test_builder_result_message_is_bounded);

	g_test_add_func("/l2tp-codec/names/message-and-avp-types",
			test_names_of_message_and_avp_types);
	g_test_add_func("/l2tp-codec/names/result-codes-differ-between-stopccn-and-cdn",
			test_result_codes_differ_between_stopccn_and_cdn);
	g_test_add_func("/l2tp-codec/names/error-codes-are-described",
			test_error_codes_are_described);

	return g_test_run();
}
