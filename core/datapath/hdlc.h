/* Async HDLC-like framing of PPP frames, for pppd running on a pty [RFC 1662 §3, §4, App. C].
 *
 * L2TP carries bare PPP frames (no flags, no transparency, no FCS) [RFC 2661 §3.1]; pppd on a
 * tty speaks async HDLC. The userspace relay converts between the two with these functions.
 *
 * Pure: bytes in, bytes out, no allocation, no GLib. The decoder works on a caller buffer and
 * treats its input as hostile: frames are bounded, checked against their FCS and counted when
 * dropped. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define HDLC_FLAG	0x7e
#define HDLC_ESCAPE	0x7d
#define HDLC_ESCAPE_XOR 0x20
#define HDLC_FCS_INIT	0xffff
#define HDLC_FCS_GOOD	0xf0b8 /* residue of a frame checked together with its FCS */
#define HDLC_FCS_LEN	2

/* Worst case of hdlc_encode(): every byte of frame and FCS escaped, plus two flags. */
#define HDLC_ENCODED_MAX(frame_len) (2 * ((size_t)(frame_len) + HDLC_FCS_LEN) + 2)

/* FCS-16 (CRC-CCITT, reflected, polynomial 0x8408) over `len` bytes, continuing from `fcs`
 * (start with HDLC_FCS_INIT) [RFC 1662 App. C.2]. */
uint16_t hdlc_fcs16(uint16_t fcs, const uint8_t *data, size_t len);

/* Encodes one PPP frame (with or without its FF 03 header; it is framed as given) as
 * flag, escaped frame, escaped FCS (complemented, least significant byte first), flag.
 * Escapes 0x7E, 0x7D and every byte below 0x20: as a converter we do not know the ACCM pppd
 * negotiated with the LNS, and escaping all control characters is always understood
 * [RFC 1662 §6]. `cap` must be at least HDLC_ENCODED_MAX(len). Returns the encoded length,
 * or -ENOSPC. */
ssize_t hdlc_encode(const uint8_t *frame, size_t len, uint8_t *out, size_t cap);

struct hdlc_decoder_stats {
	uint64_t frames;    /* good frames delivered */
	uint64_t bad_fcs;   /* FCS did not check: line noise or a desynchronised stream */
	uint64_t too_long;  /* longer than the decoder's buffer: dropped whole */
	uint64_t too_short; /* not even one byte besides the FCS */
	uint64_t aborted;   /* ended by the abort sequence 0x7D 0x7E [RFC 1662 §4.3] */
};

/* Incremental decoder for the byte stream read from the pty. The frame being assembled lives
 * in the caller's buffer (FCS included while assembling), so the decoder allocates nothing. */
struct hdlc_decoder {
	uint8_t *buf;
	size_t cap;
	size_t len;
	uint16_t fcs;
	bool escaped;
	bool overflow;
	struct hdlc_decoder_stats stats;
};

/* `cap` bounds the frame including its 2 FCS bytes. */
void hdlc_decoder_init(struct hdlc_decoder *d, uint8_t *buf, size_t cap);

/* Consumes input until a good frame is complete or the input is used up, and returns the
 * number of bytes consumed. When a frame is complete, *frame points to it (FCS stripped)
 * inside the decoder's buffer, valid until the next call; otherwise *frame is NULL.
 * Call again with the rest of the input until it is all consumed. */
size_t hdlc_decoder_feed(struct hdlc_decoder *d, const uint8_t *in, size_t len,
			 const uint8_t **frame, size_t *frame_len);
