#include "config.h"

#include "l2tp/l2tp_codec.h"

#include "l2tp/l2tp_wire.h"

#include <errno.h>
#include <string.h>

#define FLAGS_LEN	 2
#define LENGTH_FIELD_LEN 2
#define IDS_LEN		 4
#define SEQUENCE_LEN	 4
#define OFFSET_FIELD_LEN 2
#define DATA_HEADER_LEN	 (FLAGS_LEN + IDS_LEN)
#define CONTROL_FLAGS	 (L2TP_HDR_T | L2TP_HDR_L | L2TP_HDR_S | L2TP_VERSION)

static void read_flags(uint16_t flags, struct l2tp_header *hdr)
{
	hdr->is_control = flags & L2TP_HDR_T;
	hdr->has_length = flags & L2TP_HDR_L;
	hdr->has_sequence = flags & L2TP_HDR_S;
	hdr->has_offset = flags & L2TP_HDR_O;
	hdr->priority = flags & L2TP_HDR_P;
}

/* §3.1: control messages MUST have L and S set and O and P clear. */
static bool control_flags_valid(const struct l2tp_header *hdr)
{
	return hdr->has_length && hdr->has_sequence && !hdr->has_offset && !hdr->priority;
}

static size_t fixed_fields_len(const struct l2tp_header *hdr)
{
	return FLAGS_LEN + (hdr->has_length ? LENGTH_FIELD_LEN : 0) + IDS_LEN +
	       (hdr->has_sequence ? SEQUENCE_LEN : 0) + (hdr->has_offset ? OFFSET_FIELD_LEN : 0);
}

/* Fields in wire order after the flags word; the caller checked they are all there. */
static void read_fields(const uint8_t *buf, struct l2tp_header *hdr, uint16_t *offset_size)
{
	const uint8_t *p = buf + FLAGS_LEN;

	if (hdr->has_length) {
		hdr->length = l2tp_get_be16(p);
		p += LENGTH_FIELD_LEN;
	}
	hdr->tunnel_id = l2tp_get_be16(p);
	hdr->session_id = l2tp_get_be16(p + 2);
	p += IDS_LEN;
	if (hdr->has_sequence) {
		hdr->ns = l2tp_get_be16(p);
		hdr->nr = l2tp_get_be16(p + 2);
		p += SEQUENCE_LEN;
	}
	*offset_size = hdr->has_offset ? l2tp_get_be16(p) : 0;
}

int l2tp_header_parse(const uint8_t *buf, size_t len, struct l2tp_header *hdr)
{
	uint16_t flags, offset_size;
	size_t fields_len;

	memset(hdr, 0, sizeof(*hdr));
	if (!buf || len < FLAGS_LEN)
		return -EBADMSG;
	flags = l2tp_get_be16(buf);
	/* Ver 1 is L2F and anything else is unknown: both are dropped [§3.1]. */
	if ((flags & L2TP_HDR_VER_MASK) != L2TP_VERSION)
		return -EPROTONOSUPPORT;
	read_flags(flags, hdr);
	if (hdr->is_control && !control_flags_valid(hdr))
		return -EBADMSG;
	fields_len = fixed_fields_len(hdr);
	if (len < fields_len)
		return -EBADMSG;
	read_fields(buf, hdr, &offset_size);
	hdr->packet_len = len;
	if (hdr->has_length) {
		if (hdr->length < fields_len || hdr->length > len)
			return -EBADMSG;
		hdr->packet_len = hdr->length;
	}
	/* The Offset Size counts the pad after the field itself. */
	hdr->header_len = fields_len + offset_size;
	if (hdr->header_len > hdr->packet_len)
		return -EBADMSG;
	return 0;
}

void l2tp_control_header_write(uint8_t *buf, uint16_t length, uint16_t tunnel_id,
			       uint16_t session_id, uint16_t ns, uint16_t nr)
{
	l2tp_put_be16(buf, CONTROL_FLAGS);
	l2tp_put_be16(buf + 2, length);
	l2tp_put_be16(buf + 4, tunnel_id);
	l2tp_put_be16(buf + 6, session_id);
	l2tp_control_header_set_ns(buf, ns);
	l2tp_control_header_set_nr(buf, nr);
}

void l2tp_control_header_set_ns(uint8_t *buf, uint16_t ns)
{
	l2tp_put_be16(buf + 8, ns);
}

void l2tp_control_header_set_nr(uint8_t *buf, uint16_t nr)
{
	l2tp_put_be16(buf + 10, nr);
}

size_t l2tp_data_header_write(uint8_t *buf, uint16_t tunnel_id, uint16_t session_id,
			      bool with_sequence, uint16_t ns)
{
	l2tp_put_be16(buf, (with_sequence ? L2TP_HDR_S : 0) | L2TP_VERSION);
	l2tp_put_be16(buf + 2, tunnel_id);
	l2tp_put_be16(buf + 4, session_id);
	if (!with_sequence)
		return DATA_HEADER_LEN;
	/* §3.1: Nr is reserved in data messages and sent as 0. */
	l2tp_put_be16(buf + 6, ns);
	l2tp_put_be16(buf + 8, 0);
	return DATA_HEADER_LEN + SEQUENCE_LEN;
}
