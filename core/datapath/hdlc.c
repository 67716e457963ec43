#include "config.h"

#include "datapath/hdlc.h"

#include "datapath/hdlc_fcs_tables.h"

#include <errno.h>
#include <string.h>

/* Bytes sent as 0x7D, byte ^ 0x20: the flag, the escape itself and all control characters
 * (an ACCM of 0xFFFFFFFF) [RFC 1662 §4.2]. */
static const uint8_t must_escape[256] = {
    [0x00 ... 0x1f] = 1,
    [HDLC_FLAG] = 1,
    [HDLC_ESCAPE] = 1,
};

#define FCS16_STEP(fcs, byte) ((uint16_t)(((fcs) >> 8) ^ fcs16_tables[0][((fcs) ^ (byte)) & 0xff]))

/* Four bytes per step: each byte's contribution, shifted by the bytes that follow it, comes
 * from its own table (hdlc_fcs_tables.h), so the steps do not wait on each other. */
uint16_t hdlc_fcs16(uint16_t fcs, const uint8_t *data, size_t len)
{
	while (len >= 4) {
		uint8_t b0 = data[0] ^ (fcs & 0xff), b1 = data[1] ^ (fcs >> 8);

		fcs = fcs16_tables[3][b0] ^ fcs16_tables[2][b1] ^ fcs16_tables[1][data[2]] ^
		      fcs16_tables[0][data[3]];
		data += 4;
		len -= 4;
	}
	while (len--)
		fcs = FCS16_STEP(fcs, *data++);
	return fcs;
}

/* Without a branch, which random data would mispredict for one byte in eight: the second
 * byte is always written and kept only after an escape. The caller's buffer has room for two
 * bytes per input byte (HDLC_ENCODED_MAX). */
static inline uint8_t *put_escaped(uint8_t *out, uint8_t byte)
{
	uint8_t escape = must_escape[byte];

	out[0] = escape ? HDLC_ESCAPE : byte;
	out[1] = byte ^ HDLC_ESCAPE_XOR;
	return out + 1 + escape;
}

ssize_t hdlc_encode(const uint8_t *frame, size_t len, uint8_t *out, size_t cap)
{
	uint16_t fcs;
	uint8_t *o = out;

	if (cap < HDLC_ENCODED_MAX(len))
		return -ENOSPC;
	/* The FCS goes out complemented, least significant octet first [RFC 1662 App. C.2]. */
	fcs = hdlc_fcs16(HDLC_FCS_INIT, frame, len) ^ 0xffff;
	*o++ = HDLC_FLAG;
	for (size_t i = 0; i < len; i++)
		o = put_escaped(o, frame[i]);
	o = put_escaped(o, fcs & 0xff);
	o = put_escaped(o, fcs >> 8);
	*o++ = HDLC_FLAG;
	return o - out;
}

void hdlc_decoder_init(struct hdlc_decoder *d, uint8_t *buf, size_t cap)
{
	*d = (struct hdlc_decoder){
	    .buf = buf,
	    .cap = cap,
	    .fcs = HDLC_FCS_INIT,
	};
}

static void decoder_restart(struct hdlc_decoder *d)
{
	d->len = 0;
	d->fcs = HDLC_FCS_INIT;
	d->escaped = false;
	d->overflow = false;
}

/* A flag ends whatever was being assembled. Returns true when that was a good frame. */
static bool decoder_end_frame(struct hdlc_decoder *d, size_t *frame_len)
{
	bool good = false;

	if (d->overflow)
		d->stats.too_long++;
	else if (d->escaped)
		d->stats.aborted++;
	else if (d->len == 0)
		; /* back-to-back flags between frames [RFC 1662 §4.1] */
	else if (d->len < HDLC_FCS_LEN + 1)
		d->stats.too_short++;
	else if (d->fcs != HDLC_FCS_GOOD)
		d->stats.bad_fcs++;
	else
		good = true;
	if (good) {
		d->stats.frames++;
		*frame_len = d->len - HDLC_FCS_LEN;
	}
	decoder_restart(d);
	return good;
}

/* Appends unescaped bytes to the frame being assembled; a frame that outgrows the buffer is
 * only marked, and dropped at its end. */
static void decoder_append(struct hdlc_decoder *d, const uint8_t *bytes, size_t len)
{
	if (d->overflow)
		return;
	if (len > d->cap - d->len) {
		d->overflow = true;
		return;
	}
	memcpy(d->buf + d->len, bytes, len);
	d->fcs = hdlc_fcs16(d->fcs, bytes, len);
	d->len += len;
}

size_t hdlc_decoder_feed(struct hdlc_decoder *d, const uint8_t *in, size_t len,
			 const uint8_t **frame, size_t *frame_len)
{
	const uint8_t *p = in, *end = in + len;
	/* Found once per frame and reused, so escapes do not make the search quadratic. */
	const uint8_t *flag = memchr(p, HDLC_FLAG, len);

	*frame = NULL;
	*frame_len = 0;
	while (p < end) {
		const uint8_t *run_end = flag ? flag : end;
		const uint8_t *escape;

		if (p == flag) {
			p++;
			if (decoder_end_frame(d, frame_len)) {
				*frame = d->buf;
				return p - in;
			}
			flag = memchr(p, HDLC_FLAG, end - p);
			continue;
		}
		if (d->escaped) {
			/* An escape right before a flag is an abort: the flag is handled above. */
			uint8_t byte = *p++ ^ HDLC_ESCAPE_XOR;

			if (byte == (HDLC_ESCAPE ^ HDLC_ESCAPE_XOR))
				continue; /* a second escape: still escaped */
			d->escaped = false;
			decoder_append(d, &byte, 1);
			continue;
		}
		/* The bytes up to the next escape or flag go in as they are. */
		escape = memchr(p, HDLC_ESCAPE, run_end - p);
		if (escape) {
			decoder_append(d, p, escape - p);
			d->escaped = true;
			p = escape + 1;
		} else {
			decoder_append(d, p, run_end - p);
			p = run_end;
		}
	}
	return len;
}
