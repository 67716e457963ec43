/* libFuzzer target for the async HDLC decoder: what pppd writes to the pty reaches it first.
 * The first input byte picks the decoder's buffer size and the chunking, the rest is the
 * byte stream. Every frame that comes out must survive an encode/decode round trip, and
 * feeding the stream one byte at a time must give the same frames and drop counts as feeding
 * it in chunks (the decoder scans runs of bytes; its chunk boundaries must not matter). */
#include "config.h"

#include "datapath/hdlc.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const uint8_t *frame, size_t len)
{
	size_t cap = HDLC_ENCODED_MAX(len);
	uint8_t *encoded = malloc(cap);
	uint8_t *buf = malloc(len + HDLC_FCS_LEN);
	struct hdlc_decoder d;
	const uint8_t *out = NULL;
	size_t out_len = 0, used = 0;
	ssize_t n = hdlc_encode(frame, len, encoded, cap);

	if (n <= 0 || encoded[0] != HDLC_FLAG || encoded[n - 1] != HDLC_FLAG)
		abort();
	for (ssize_t i = 1; i < n - 1; i++)
		if (encoded[i] == HDLC_FLAG || encoded[i] < 0x20)
			abort(); /* transparency broken */
	hdlc_decoder_init(&d, buf, len + HDLC_FCS_LEN);
	while (!out && used < (size_t)n)
		used += hdlc_decoder_feed(&d, encoded + used, n - used, &out, &out_len);
	if (!out || out_len != len || memcmp(out, frame, len) != 0)
		abort();
	free(encoded);
	free(buf);
}

/* The frames, concatenated, and the stats of decoding `data` byte by byte. */
struct byte_wise {
	uint8_t *frames;
	size_t frames_len;
	struct hdlc_decoder_stats stats;
};

static void decode_byte_wise(const uint8_t *data, size_t size, size_t cap, struct byte_wise *out)
{
	uint8_t *buf = malloc(cap);
	struct hdlc_decoder d;

	out->frames = malloc(size + 1);
	out->frames_len = 0;
	hdlc_decoder_init(&d, buf, cap);
	for (size_t i = 0; i < size; i++) {
		const uint8_t *frame;
		size_t frame_len;

		if (hdlc_decoder_feed(&d, data + i, 1, &frame, &frame_len) != 1)
			abort();
		if (frame) {
			memcpy(out->frames + out->frames_len, frame, frame_len);
			out->frames_len += frame_len;
		}
	}
	out->stats = d.stats;
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hdlc_decoder d;
	size_t cap, chunk, matched = 0;
	struct byte_wise expected;
	uint8_t *buf;

	if (size < 1)
		return 0;
	/* Buffers from 3 bytes (1 + FCS) up to 1 KiB, exactly sized so ASan guards them. */
	cap = 3 + (size_t)(data[0] & 0x0f) * 64 + (data[0] >> 4);
	chunk = 1 + (data[0] >> 4) * 17;
	data++;
	size--;
	decode_byte_wise(data, size, cap, &expected);
	buf = malloc(cap);
	hdlc_decoder_init(&d, buf, cap);
	while (size > 0) {
		size_t len = size < chunk ? size : chunk;

		while (len > 0) {
			const uint8_t *frame;
			size_t frame_len;
			size_t used = hdlc_decoder_feed(&d, data, len, &frame, &frame_len);

			if (used == 0 || used > len)
				abort();
			data += used;
			size -= used;
			len -= used;
			if (frame) {
				if (frame_len + HDLC_FCS_LEN > cap || frame != buf)
					abort();
				if (frame_len > expected.frames_len - matched ||
				    memcmp(frame, expected.frames + matched, frame_len) != 0)
					abort();
				matched += frame_len;
				check_round_trip(frame, frame_len);
			}
		}
	}
	if (matched != expected.frames_len ||
	    memcmp(&d.stats, &expected.stats, sizeof(d.stats)) != 0)
		abort();
	free(expected.frames);
	free(buf);
	return 0;
}
