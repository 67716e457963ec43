/* Async HDLC framing for the pty path [RFC 1662]. Expected bytes were computed independently
 * (a bitwise CRC in Python), not with the code under test. */
#include "config.h"

#include "datapath/hdlc.h"

#include <errno.h>
#include <stdbool.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

static uint16_t fcs16_bitwise(uint16_t fcs, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		fcs ^= data[i];
		for (int bit = 0; bit < 8; bit++)
			fcs = (fcs & 1) ? (fcs >> 1) ^ 0x8408 : fcs >> 1;
	}
	return fcs;
}

static GBytes *hex_bytes(const char *hex)
{
	size_t len = strlen(hex) / 2;
	uint8_t *buf = g_malloc(len);

	for (size_t i = 0; i < len; i++) {
		unsigned value;

		g_assert_true(sscanf(hex + 2 * i, "%2x", &value) == 1);
		buf[i] = (uint8_t)value;
	}
	return g_bytes_new_take(buf, len);
}

static void assert_encodes_to(const char *frame_hex, const char *expected_hex)
{
	g_autoptr(GBytes) frame = hex_bytes(frame_hex);
	g_autoptr(GBytes) expected = hex_bytes(expected_hex);
	size_t frame_len, expected_len;
	const uint8_t *f = g_bytes_get_data(frame, &frame_len);
	const uint8_t *e = g_bytes_get_data(expected, &expected_len);
	uint8_t out[HDLC_ENCODED_MAX(64)];
	ssize_t n;

	g_assert_cmpuint(frame_len, <=, 64);
	n = hdlc_encode(f, frame_len, out, sizeof(out));
	g_assert_cmpint(n, ==, (ssize_t)expected_len);
	g_assert_cmpmem(out, n, e, expected_len);
}

static void test_fcs_matches_bitwise_crc_for_every_byte(void)
{
	for (unsigned b = 0; b < 256; b++) {
		uint8_t byte = (uint8_t)b;

		g_assert_cmphex(hdlc_fcs16(HDLC_FCS_INIT, &byte, 1), ==,
				fcs16_bitwise(HDLC_FCS_INIT, &byte, 1));
		g_assert_cmphex(hdlc_fcs16(0x1234, &byte, 1), ==, fcs16_bitwise(0x1234, &byte, 1));
	}
}

/* hdlc_fcs16() folds four bytes at a time with one table per position: every entry of every
 * table, every length remainder and any starting value must give the bitwise result. */
static void test_fcs_sliced_matches_bitwise(void)
{
	GRand *rand = g_rand_new_with_seed(0x8408);
	uint8_t data[67];

	for (unsigned pos = 0; pos < 4; pos++) {
		for (unsigned b = 0; b < 256; b++) {
			uint16_t start = (uint16_t)g_rand_int(rand);

			for (unsigned i = 0; i < 4; i++)
				data[i] = (uint8_t)g_rand_int(rand);
			data[pos] = (uint8_t)b;
			g_assert_cmphex(hdlc_fcs16(start, data, 4), ==,
					fcs16_bitwise(start, data, 4));
		}
	}
	for (size_t len = 0; len <= sizeof(data); len++) {
		uint16_t start = (uint16_t)g_rand_int(rand);

		for (size_t i = 0; i < len; i++)
			data[i] = (uint8_t)g_rand_int(rand);
		g_assert_cmphex(hdlc_fcs16(start, data, len), ==, fcs16_bitwise(start, data, len));
	}
	g_rand_free(rand);
}

/* CRC-16/X-25 check value of "123456789" is 0x906E; appending it gives the residue
 * 0xF0B8 [RFC 1662 App. C.2]. */
static void test_fcs_check_value_and_good_residue(void)
{
	const uint8_t digits[] = "123456789";
	uint8_t with_fcs[11];
	uint16_t fcs = hdlc_fcs16(HDLC_FCS_INIT, digits, 9) ^ 0xffff;

	g_assert_cmphex(fcs, ==, 0x906e);
	memcpy(with_fcs, digits, 9);
	with_fcs[9] = fcs & 0xff;
	with_fcs[10] = fcs >> 8;
	g_assert_cmphex(hdlc_fcs16(HDLC_FCS_INIT, with_fcs, sizeof(with_fcs)), ==, HDLC_FCS_GOOD);
}

static void test_encode_lcp_configure_request(void)
{
	assert_encodes_to("ff03c021010100140305c2230502060000000005065e7a1b2c",
			  "7eff7d23c0217d217d217d207d347d237d25c2237d257d227d267d207d207d207d207d25"
			  "7d265e7a7d3b2c7d25777e");
}

static void test_encode_escapes_flag_escape_and_control_bytes(void)
{
	assert_encodes_to("ff030021457e7d0011", "7eff7d237d2021457d5e7d5d7d207d31936b7e");
}

static void test_encode_escapes_fcs_bytes(void)
{
	/* FCS 0x7D1D: both octets must be escaped. */
	assert_encodes_to("ff0300210012", "7eff7d237d20217d207d327d3d7d5d7e");
}

static void test_encode_frame_without_address_and_control(void)
{
	g_autoptr(GBytes) frame = hex_bytes("0021450000");
	uint8_t out[64];
	size_t len;
	const uint8_t *f = g_bytes_get_data(frame, &len);
	ssize_t n = hdlc_encode(f, len, out, sizeof(out));

	g_assert_cmpint(n, >, 0);
	g_assert_cmphex(out[0], ==, HDLC_FLAG);
	/* 0x00 escaped, then 0x21: no FF 03 was invented. */
	g_assert_cmphex(out[1], ==, HDLC_ESCAPE);
	g_assert_cmphex(out[2], ==, 0x20);
	g_assert_cmphex(out[3], ==, 0x21);
}

static void test_encode_refuses_small_buffer(void)
{
	uint8_t frame[10] = {0};
	uint8_t out[HDLC_ENCODED_MAX(10)];

	g_assert_cmpint(hdlc_encode(frame, sizeof(frame), out, sizeof(out) - 1), ==, -ENOSPC);
	/* A flag, ten escaped zeros, the FCS and a flag fit in the worst-case size. */
	g_assert_cmpint(hdlc_encode(frame, sizeof(frame), out, sizeof(out)), >=, 1 + 20 + 2 + 1);
}

struct collected {
	GPtrArray *frames; /* of GBytes */
	struct hdlc_decoder decoder;
	uint8_t buf[256];
};

static void collected_init(struct collected *c, size_t cap)
{
	g_assert_cmpuint(cap, <=, sizeof(c->buf));
	c->frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	hdlc_decoder_init(&c->decoder, c->buf, cap);
}

static void collected_feed(struct collected *c, const uint8_t *in, size_t len)
{
	while (len > 0) {
		const uint8_t *frame;
		size_t frame_len;
		size_t used = hdlc_decoder_feed(&c->decoder, in, len, &frame, &frame_len);

		g_assert_cmpuint(used, >, 0);
		g_assert_cmpuint(used, <=, len);
		in += used;
		len -= used;
		if (frame)
			g_ptr_array_add(c->frames, g_bytes_new(frame, frame_len));
	}
}

static void collected_feed_hex(struct collected *c, const char *hex)
{
	g_autoptr(GBytes) bytes = hex_bytes(hex);
	size_t len;
	const uint8_t *data = g_bytes_get_data(bytes, &len);

	collected_feed(c, data, len);
}

static void assert_frame(struct collected *c, unsigned index, const char *hex)
{
	g_autoptr(GBytes) expected = hex_bytes(hex);

	g_assert_cmpuint(c->frames->len, >, index);
	g_assert_true(g_bytes_equal(g_ptr_array_index(c->frames, index), expected));
}

static void test_decode_known_frame(void)
{
	struct collected c;

	collected_init(&c, 256);
	collected_feed_hex(&c, "7eff7d237d2021457d5e7d5d7d207d31936b7e");
	g_assert_cmpuint(c.frames->len, ==, 1);
	assert_frame(&c, 0, "ff030021457e7d0011");
	g_assert_cmpuint(c.decoder.stats.frames, ==, 1);
	g_ptr_array_unref(c.frames);
}

static void test_decode_byte_by_byte(void)
{
	g_autoptr(GBytes) stream = hex_bytes("7eff7d237d20217d207d327d3d7d5d7e"
					     "7eff7d237d2021457d5e7d5d7d207d31936b7e");
	size_t len;
	const uint8_t *data = g_bytes_get_data(stream, &len);
	struct collected c;

	collected_init(&c, 256);
	for (size_t i = 0; i < len; i++)
		collected_feed(&c, data + i, 1);
	g_assert_cmpuint(c.frames->len, ==, 2);
	assert_frame(&c, 0, "ff0300210012");
	assert_frame(&c, 1, "ff030021457e7d0011");
	g_ptr_array_unref(c.frames);
}

static void test_decode_shared_flag_and_repeated_flags(void)
{
	struct collected c;

	collected_init(&c, 256);
	/* One flag may close a frame and open the next [RFC 1662 §4.1]; idle flags are not
	 * frames. */
	collected_feed_hex(&c, "7e7e7eff7d237d20217d207d327d3d7d5d7e"
			       "ff7d237d2021457d5e7d5d7d207d31936b7e7e7e");
	g_assert_cmpuint(c.frames->len, ==, 2);
	g_assert_cmpuint(c.decoder.stats.too_short + c.decoder.stats.bad_fcs, ==, 0);
	g_ptr_array_unref(c.frames);
}

static void test_decode_drops_bad_fcs_and_recovers(void)
{
	struct collected c;

	collected_init(&c, 256);
	/* Last FCS octet flipped, then a good frame. */
	collected_feed_hex(&c, "7eff7d237d2021457d5e7d5d7d207d31936a7e"
			       "ff7d237d20217d207d327d3d7d5d7e");
	g_assert_cmpuint(c.frames->len, ==, 1);
	assert_frame(&c, 0, "ff0300210012");
	g_assert_cmpuint(c.decoder.stats.bad_fcs, ==, 1);
	g_ptr_array_unref(c.frames);
}

static void test_decode_accepts_unescaped_control_characters(void)
{
	/* pppd with asyncmap 0 sends control characters raw; they are data. */
	const uint8_t frame[] = {0xff, 0x03, 0x00, 0x21, 0x01, 0x02, 0x1f};
	uint16_t fcs = hdlc_fcs16(HDLC_FCS_INIT, frame, sizeof(frame)) ^ 0xffff;
	uint8_t raw[sizeof(frame) + 4];
	struct collected c;

	g_assert_false((fcs & 0xff) == 0x7e || (fcs & 0xff) == 0x7d);
	g_assert_false((fcs >> 8) == 0x7e || (fcs >> 8) == 0x7d);
	raw[0] = HDLC_FLAG;
	memcpy(raw + 1, frame, sizeof(frame));
	raw[1 + sizeof(frame)] = fcs & 0xff;
	raw[2 + sizeof(frame)] = fcs >> 8;
	raw[3 + sizeof(frame)] = HDLC_FLAG;
	collected_init(&c, 256);
	collected_feed(&c, raw, sizeof(raw));
	g_assert_cmpuint(c.frames->len, ==, 1);
	g_assert_cmpmem(g_bytes_get_data(g_ptr_array_index(c.frames, 0), NULL), sizeof(frame),
			frame, sizeof(frame));
	g_ptr_array_unref(c.frames);
}

static void test_decode_drops_frame_longer_than_buffer(void)
{
	uint8_t frame[40];
	uint8_t encoded[HDLC_ENCODED_MAX(40)];
	ssize_t n;
	struct collected c;

	memset(frame, 0x41, sizeof(frame));
	n = hdlc_encode(frame, sizeof(frame), encoded, sizeof(encoded));
	g_assert_cmpint(n, >, 0);
	/* Room for 41 bytes: the 40-byte frame plus its FCS does not fit... */
	collected_init(&c, sizeof(frame) + 1);
	collected_feed(&c, encoded, n);
	g_assert_cmpuint(c.frames->len, ==, 0);
	g_assert_cmpuint(c.decoder.stats.too_long, ==, 1);
	/* ...a shorter one right after does. */
	collected_feed_hex(&c, "7eff7d237d20217d207d327d3d7d5d7e");
	g_assert_cmpuint(c.frames->len, ==, 1);
	g_ptr_array_unref(c.frames);

	/* Exactly frame + FCS fits. */
	collected_init(&c, sizeof(frame) + HDLC_FCS_LEN);
	collected_feed(&c, encoded, n);
	g_assert_cmpuint(c.frames->len, ==, 1);
	g_ptr_array_unref(c.frames);
}

static void test_decode_counts_abort_and_runts(void)
{
	struct collected c;

	collected_init(&c, 256);
	collected_feed_hex(&c, "7eff03c0217d7e"); /* abort sequence */
	collected_feed_hex(&c, "417e");		  /* one byte: shorter than an FCS */
	collected_feed_hex(&c, "ff7d237d20217d207d327d3d7d5d7e");
	g_assert_cmpuint(c.decoder.stats.aborted, ==, 1);
	g_assert_cmpuint(c.decoder.stats.too_short, ==, 1);
	g_assert_cmpuint(c.frames->len, ==, 1);
	assert_frame(&c, 0, "ff0300210012");
	g_ptr_array_unref(c.frames);
}

static void test_round_trip_random_frames_random_chunks(void)
{
	GRand *rand = g_rand_new_with_seed(1662);
	GByteArray *stream = g_byte_array_new();
	GPtrArray *sent = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	struct collected c;

	for (int i = 0; i < 200; i++) {
		size_t len = g_rand_int_range(rand, 1, 200);
		uint8_t frame[200];
		uint8_t encoded[HDLC_ENCODED_MAX(200)];
		ssize_t n;

		for (size_t j = 0; j < len; j++)
			frame[j] = (uint8_t)g_rand_int(rand);
		n = hdlc_encode(frame, len, encoded, sizeof(encoded));
		g_assert_cmpint(n, >, 0);
		g_byte_array_append(stream, encoded, n);
		g_ptr_array_add(sent, g_bytes_new(frame, len));
	}
	collected_init(&c, 256);
	for (size_t off = 0; off < stream->len;) {
		size_t chunk = MIN((size_t)g_rand_int_range(rand, 1, 700), stream->len - off);

		collected_feed(&c, stream->data + off, chunk);
		off += chunk;
	}
	g_assert_cmpuint(c.frames->len, ==, sent->len);
	for (unsigned i = 0; i < sent->len; i++)
		g_assert_true(
		    g_bytes_equal(g_ptr_array_index(c.frames, i), g_ptr_array_index(sent, i)));
	g_ptr_array_unref(c.frames);
	g_ptr_array_unref(sent);
	g_byte_array_unref(stream);
	g_rand_free(rand);
}

/* The decoder's definition, one byte at a time and as plainly as possible, to check the
 * scanning decoder against: frames and drop counts must agree on any stream. */
struct reference_decoder {
	uint8_t buf[64];
	size_t len;
	bool escaped, overflow;
	struct hdlc_decoder_stats stats;
	GPtrArray *frames;
};

static void reference_end_frame(struct reference_decoder *r)
{
	if (r->overflow)
		r->stats.too_long++;
	else if (r->escaped)
		r->stats.aborted++;
	else if (r->len == 0)
		;
	else if (r->len < 3)
		r->stats.too_short++;
	else if (fcs16_bitwise(0xffff, r->buf, r->len) != HDLC_FCS_GOOD)
		r->stats.bad_fcs++;
	else {
		r->stats.frames++;
		g_ptr_array_add(r->frames, g_bytes_new(r->buf, r->len - 2));
	}
	r->len = 0;
	r->escaped = r->overflow = false;
}

static void reference_feed_byte(struct reference_decoder *r, uint8_t byte)
{
	if (byte == HDLC_FLAG) {
		reference_end_frame(r);
	} else if (byte == HDLC_ESCAPE) {
		r->escaped = true;
	} else {
		if (r->escaped)
			byte ^= 0x20;
		r->escaped = false;
		if (r->len == sizeof(r->buf))
			r->overflow = true;
		else if (!r->overflow)
			r->buf[r->len++] = byte;
	}
}

/* A stream of good frames, corrupted ones, aborts, runts, long runs and raw control
 * characters, mostly made of the bytes that matter to the decoder. */
static GByteArray *hostile_stream(GRand *rand)
{
	static const uint8_t interesting[] = {HDLC_FLAG, HDLC_ESCAPE, 0x00, 0x11, 0x5e, 0x5d, 0xff};
	GByteArray *stream = g_byte_array_new();

	for (int i = 0; i < 300; i++) {
		uint8_t frame[80], encoded[HDLC_ENCODED_MAX(80)];
		size_t len = g_rand_int_range(rand, 1, sizeof(frame));
		ssize_t n;

		for (size_t j = 0; j < len; j++)
			frame[j] = g_rand_boolean(rand) ? interesting[g_rand_int_range(rand, 0, 7)]
							: (uint8_t)g_rand_int(rand);
		if (g_rand_boolean(rand)) {
			n = hdlc_encode(frame, len, encoded, sizeof(encoded));
			g_assert_cmpint(n, >, 0);
			if (g_rand_int_range(rand, 0, 8) == 0)
				encoded[g_rand_int_range(rand, 1, n - 1)] ^= 0x01; /* corrupted */
			g_byte_array_append(stream, encoded, n);
		} else {
			g_byte_array_append(stream, frame, len); /* raw bytes, flags and all */
		}
	}
	return stream;
}

static void test_decode_matches_reference(void)
{
	GRand *rand = g_rand_new_with_seed(0x7e7d);

	for (int round = 0; round < 50; round++) {
		GByteArray *stream = hostile_stream(rand);
		struct reference_decoder ref = {.frames = g_ptr_array_new_with_free_func(
						    (GDestroyNotify)g_bytes_unref)};
		struct collected c;

		for (size_t i = 0; i < stream->len; i++)
			reference_feed_byte(&ref, stream->data[i]);
		collected_init(&c, sizeof(ref.buf));
		for (size_t off = 0; off < stream->len;) {
			size_t chunk =
			    MIN((size_t)g_rand_int_range(rand, 1, 300), stream->len - off);

			collected_feed(&c, stream->data + off, chunk);
			off += chunk;
		}
		g_assert_cmpuint(c.frames->len, ==, ref.frames->len);
		for (unsigned i = 0; i < ref.frames->len; i++)
			g_assert_true(g_bytes_equal(g_ptr_array_index(c.frames, i),
						    g_ptr_array_index(ref.frames, i)));
		g_assert_cmpmem(&c.decoder.stats, sizeof(ref.stats), &ref.stats, sizeof(ref.stats));
		g_assert_cmpuint(ref.stats.frames, >, 0);
		g_assert_cmpuint(ref.stats.bad_fcs + ref.stats.aborted + ref.stats.too_long, >, 0);
		g_ptr_array_unref(c.frames);
		g_ptr_array_unref(ref.frames);
		g_byte_array_unref(stream);
	}
	g_rand_free(rand);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/hdlc/fcs/table-matches-bitwise",
			test_fcs_matches_bitwise_crc_for_every_byte);
	g_test_add_func("/hdlc/fcs/check-value-and-residue", test_fcs_check_value_and_good_residue);
	g_test_add_func("/hdlc/encode/lcp-configure-request", test_encode_lcp_configure_request);
	g_test_add_func("/hdlc/encode/escapes-flag-escape-control",
			test_encode_escapes_flag_escape_and_control_bytes);
	g_test_add_func("/hdlc/encode/escapes-fcs", test_encode_escapes_fcs_bytes);
	g_test_add_func("/hdlc/encode/no-address-control",
			test_encode_frame_without_address_and_control);
	g_test_add_func("/hdlc/encode/refuses-small-buffer", test_encode_refuses_small_buffer);
	g_test_add_func("/hdlc/decode/known-frame", test_decode_known_frame);
	g_test_add_func("/hdlc/decode/byte-by-byte", test_decode_byte_by_byte);
	g_test_add_func("/hdlc/decode/shared-and-repeated-flags",
			test_decode_shared_flag_and_repeated_flags);
	g_test_add_func("/hdlc/decode/bad-fcs-dropped", test_decode_drops_bad_fcs_and_recovers);
	g_test_add_func("/hdlc/decode/raw-control-characters",
			test_decode_accepts_unescaped_control_characters);
	g_test_add_func("/hdlc/decode/too-long-dropped",
			test_decode_drops_frame_longer_than_buffer);
	g_test_add_func("/hdlc/decode/abort-and-runts", test_decode_counts_abort_and_runts);
	g_test_add_func("/hdlc/round-trip/random", test_round_trip_random_frames_random_chunks);
	g_test_add_func("/hdlc/decode/matches-reference", test_decode_matches_reference);
	g_test_add_func("/hdlc/fcs/sliced-matches-bitwise", test_fcs_sliced_matches_bitwise);
	return g_test_run();
}
