#include "config.h"

#include "datapath/hdlc.h"

#include <errno.h>

/* Reflected CRC-CCITT table for polynomial 0x8408 [RFC 1662 App. C.2], generated
 * independently and checked by the unit test against a bitwise computation. */
static const uint16_t fcs16_table[256] = {
    0x0000, 0x1189, 0x2312, 0x329b, 0x4624, 0x57ad, 0x6536, 0x74bf, 0x8c48, 0x9dc1, 0xaf5a, 0xbed3,
    0xca6c, 0xdbe5, 0xe97e, 0xf8f7, 0x1081, 0x0108, 0x3393, 0x221a, 0x56a5, 0x472c, 0x75b7, 0x643e,
    0x9cc9, 0x8d40, 0xbfdb, 0xae52, 0xdaed, 0xcb64, 0xf9ff, 0xe876, 0x2102, 0x308b, 0x0210, 0x1399,
    0x6726, 0x76af, 0x4434, 0x55bd, 0xad4a, 0xbcc3, 0x8e58, 0x9fd1, 0xeb6e, 0xfae7, 0xc87c, 0xd9f5,
    0x3183, 0x200a, 0x1291, 0x0318, 0x77a7, 0x662e, 0x54b5, 0x453c, 0xbdcb, 0xac42, 0x9ed9, 0x8f50,
    0xfbef, 0xea66, 0xd8fd, 0xc974, 0x4204, 0x538d, 0x6116, 0x709f, 0x0420, 0x15a9, 0x2732, 0x36bb,
    0xce4c, 0xdfc5, 0xed5e, 0xfcd7, 0x8868, 0x99e1, 0xab7a, 0xbaf3, 0x5285, 0x430c, 0x7197, 0x601e,
    0x14a1, 0x0528, 0x37b3, 0x263a, 0xdecd, 0xcf44, 0xfddf, 0xec56, 0x98e9, 0x8960, 0xbbfb, 0xaa72,
    0x6306, 0x728f, 0x4014, 0x519d, 0x2522, 0x34ab, 0x0630, 0x17b9, 0xef4e, 0xfec7, 0xcc5c, 0xddd5,
    0xa96a, 0xb8e3, 0x8a78, 0x9bf1, 0x7387, 0x620e, 0x5095, 0x411c, 0x35a3, 0x242a, 0x16b1, 0x0738,
    0xffcf, 0xee46, 0xdcdd, 0xcd54, 0xb9eb, 0xa862, 0x9af9, 0x8b70, 0x8408, 0x9581, 0xa71a, 0xb693,
    0xc22c, 0xd3a5, 0xe13e, 0xf0b7, 0x0840, 0x19c9, 0x2b52, 0x3adb, 0x4e64, 0x5fed, 0x6d76, 0x7cff,
    0x9489, 0x8500, 0xb79b, 0xa612, 0xd2ad, 0xc324, 0xf1bf, 0xe036, 0x18c1, 0x0948, 0x3bd3, 0x2a5a,
    0x5ee5, 0x4f6c, 0x7df7, 0x6c7e, 0xa50a, 0xb483, 0x8618, 0x9791, 0xe32e, 0xf2a7, 0xc03c, 0xd1b5,
    0x2942, 0x38cb, 0x0a50, 0x1bd9, 0x6f66, 0x7eef, 0x4c74, 0x5dfd, 0xb58b, 0xa402, 0x9699, 0x8710,
    0xf3af, 0xe226, 0xd0bd, 0xc134, 0x39c3, 0x284a, 0x1ad1, 0x0b58, 0x7fe7, 0x6e6e, 0x5cf5, 0x4d7c,
    0xc60c, 0xd785, 0xe51e, 0xf497, 0x8028, 0x91a1, 0xa33a, 0xb2b3, 0x4a44, 0x5bcd, 0x6956, 0x78df,
    0x0c60, 0x1de9, 0x2f72, 0x3efb, 0xd68d, 0xc704, 0xf59f, 0xe416, 0x90a9, 0x8120, 0xb3bb, 0xa232,
    0x5ac5, 0x4b4c, 0x79d7, 0x685e, 0x1ce1, 0x0d68, 0x3ff3, 0x2e7a, 0xe70e, 0xf687, 0xc41c, 0xd595,
    0xa12a, 0xb0a3, 0x8238, 0x93b1, 0x6b46, 0x7acf, 0x4854, 0x59dd, 0x2d62, 0x3ceb, 0x0e70, 0x1ff9,
    0xf78f, 0xe606, 0xd49d, 0xc514, 0xb1ab, 0xa022, 0x92b9, 0x8330, 0x7bc7, 0x6a4e, 0x58d5, 0x495c,
    0x3de3, 0x2c6a, 0x1ef1, 0x0f78,
};

/* Bytes sent as 0x7D, byte ^ 0x20: the flag, the escape itself and all control characters
 * (an ACCM of 0xFFFFFFFF) [RFC 1662 §4.2]. */
static const uint8_t must_escape[256] = {
    [0x00 ... 0x1f] = 1,
    [HDLC_FLAG] = 1,
    [HDLC_ESCAPE] = 1,
};

#define FCS16_STEP(fcs, byte) ((uint16_t)(((fcs) >> 8) ^ fcs16_table[((fcs) ^ (byte)) & 0xff]))

uint16_t hdlc_fcs16(uint16_t fcs, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fcs = FCS16_STEP(fcs, data[i]);
	return fcs;
}

static uint8_t *put_escaped(uint8_t *out, uint8_t byte)
{
	if (must_escape[byte]) {
		*out++ = HDLC_ESCAPE;
		*out++ = byte ^ HDLC_ESCAPE_XOR;
	} else {
		*out++ = byte;
	}
	return out;
}

ssize_t hdlc_encode(const uint8_t *frame, size_t len, uint8_t *out, size_t cap)
{
	uint16_t fcs = HDLC_FCS_INIT;
	uint8_t *o = out;

	if (cap < HDLC_ENCODED_MAX(len))
		return -ENOSPC;
	*o++ = HDLC_FLAG;
	for (size_t i = 0; i < len; i++) {
		uint8_t byte = frame[i];

		fcs = FCS16_STEP(fcs, byte);
		if (must_escape[byte]) {
			*o++ = HDLC_ESCAPE;
			*o++ = byte ^ HDLC_ESCAPE_XOR;
		} else {
			*o++ = byte;
		}
	}
	/* The FCS goes out complemented, least significant octet first [RFC 1662 App. C.2]. */
	fcs ^= 0xffff;
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

size_t hdlc_decoder_feed(struct hdlc_decoder *d, const uint8_t *in, size_t len,
			 const uint8_t **frame, size_t *frame_len)
{
	*frame = NULL;
	*frame_len = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t byte = in[i];

		if (byte == HDLC_FLAG) {
			if (decoder_end_frame(d, frame_len)) {
				*frame = d->buf;
				return i + 1;
			}
			continue;
		}
		if (byte == HDLC_ESCAPE) {
			d->escaped = true;
			continue;
		}
		if (d->escaped) {
			byte ^= HDLC_ESCAPE_XOR;
			d->escaped = false;
		}
		if (d->overflow)
			continue;
		if (d->len == d->cap) {
			d->overflow = true;
			continue;
		}
		d->buf[d->len++] = byte;
		d->fcs = FCS16_STEP(d->fcs, byte);
	}
	return len;
}
