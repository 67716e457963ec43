#include "config.h"

#include "l2tp/l2tp_codec.h"

#include "l2tp/l2tp_avp_decode.h"
#include "l2tp/l2tp_hidden.h"
#include "l2tp/l2tp_wire.h"
#include "util/log.h"

#include <errno.h>
#include <string.h>

#define LOG_COMPONENT "l2tp"

struct avp_view {
	uint16_t flags;
	uint16_t vendor;
	uint16_t attribute;
	size_t len;	/* the whole AVP, header included, as on the wire */
	uint8_t *value; /* writable: hidden values are decrypted in place */
	size_t value_len;
};

struct parse_state {
	struct l2tp_message *msg;
	const struct l2tp_secret *secret;
	const uint8_t *random_vector; /* the last one seen: it keys the hidden AVPs after it */
	size_t random_vector_len;
	struct l2tp_parse_error *err;
};

static int parse_failed(struct parse_state *st, int r, uint16_t attribute, const char *reason)
{
	if (st->err) {
		st->err->attribute = attribute;
		st->err->reason = reason;
	}
	return r;
}

static int read_avp(struct parse_state *st, uint8_t *p, size_t room, struct avp_view *avp)
{
	if (room < L2TP_AVP_HEADER_LEN)
		return parse_failed(st, -EBADMSG, 0, "truncated AVP header");
	avp->flags = l2tp_get_be16(p);
	avp->vendor = l2tp_get_be16(p + 2);
	avp->attribute = l2tp_get_be16(p + 4);
	avp->len = avp->flags & L2TP_AVP_LENGTH_MASK;
	if (avp->len < L2TP_AVP_HEADER_LEN)
		return parse_failed(st, -EBADMSG, avp->attribute, "AVP length below 6");
	if (avp->len > room)
		return parse_failed(st, -EBADMSG, avp->attribute,
				    "AVP runs past the end of the message");
	avp->value = p + L2TP_AVP_HEADER_LEN;
	avp->value_len = avp->len - L2TP_AVP_HEADER_LEN;
	return 0;
}

static bool is_message_type_avp(const struct avp_view *avp)
{
	return avp->vendor == 0 && avp->attribute == L2TP_AVP_MESSAGE_TYPE;
}

static void note_unknown_mandatory(struct l2tp_message *msg, uint16_t vendor, uint16_t attribute)
{
	if (msg->has_unknown_mandatory)
		return;
	msg->has_unknown_mandatory = true;
	msg->unknown_mandatory_vendor = vendor;
	msg->unknown_mandatory_attribute = attribute;
}

/* §4.4.1: Message Type comes first, is never hidden, and its M bit says whether an unknown
 * type clears the tunnel (M=1) or is ignored (M=0). */
static int parse_message_type(struct parse_state *st, const struct avp_view *avp)
{
	uint16_t type;

	if (!is_message_type_avp(avp))
		return parse_failed(st, -EBADMSG, avp->attribute, "Message Type AVP is not first");
	if (avp->flags & (L2TP_AVP_H | L2TP_AVP_RESERVED))
		return parse_failed(st, -EBADMSG, avp->attribute,
				    "Message Type AVP is hidden or has reserved bits set");
	if (avp->value_len != 2)
		return parse_failed(st, -EBADMSG, avp->attribute,
				    "Message Type AVP length is not 8");
	type = l2tp_get_be16(avp->value);
	st->msg->type = (enum l2tp_message_type)type;
	st->msg->present |= UINT64_C(1) << L2TP_AVP_MESSAGE_TYPE;
	/* Type 0 is reserved on the wire: a ZLB is a message without any AVP. */
	if ((type == L2TP_MSG_ZLB || !l2tp_message_type_is_known(type)) &&
	    (avp->flags & L2TP_AVP_M))
		note_unknown_mandatory(st->msg, 0, L2TP_AVP_MESSAGE_TYPE);
	return 0;
}

/* §4.1: a reserved bit set makes an AVP unrecognised, like an unknown vendor or type. */
static bool is_recognised(const struct avp_view *avp)
{
	return !(avp->flags & L2TP_AVP_RESERVED) && avp->vendor == 0 &&
	       l2tp_avp_is_known(avp->attribute);
}

static void skip_unrecognised(struct parse_state *st, const struct avp_view *avp)
{
	if (avp->flags & L2TP_AVP_M) {
		note_unknown_mandatory(st->msg, avp->vendor, avp->attribute);
		return;
	}
	l2c_debug(LOG_COMPONENT, "ignoring unrecognised AVP vendor %u attribute %u (M=0)",
		  avp->vendor, avp->attribute);
}

static bool secret_is_set(const struct l2tp_secret *secret)
{
	return secret && secret->data && secret->len > 0;
}

static int unhide(struct parse_state *st, struct avp_view *avp)
{
	struct l2tp_bytes value;
	int r;

	if (!l2tp_avp_may_be_hidden(avp->attribute))
		return parse_failed(st, -EBADMSG, avp->attribute,
				    "hidden AVP that RFC 2661 forbids hiding");
	if (!secret_is_set(st->secret))
		return parse_failed(st, -EACCES, avp->attribute,
				    "hidden AVP but no shared secret is configured");
	if (!st->random_vector)
		return parse_failed(st, -EACCES, avp->attribute,
				    "hidden AVP without a preceding Random Vector");
	r = l2tp_hidden_decrypt(avp->value, avp->value_len, avp->attribute, st->secret,
				st->random_vector, st->random_vector_len, &value);
	if (r == -EBADMSG)
		return parse_failed(st, r, avp->attribute,
				    "hidden AVP original length exceeds its value (wrong secret?)");
	if (r < 0)
		return parse_failed(st, r, avp->attribute, "cannot decrypt hidden AVP (MD5)");
	avp->value = (uint8_t *)value.data;
	avp->value_len = value.len;
	return 0;
}

static int parse_known_avp(struct parse_state *st, struct avp_view *avp)
{
	const char *reason = NULL;
	int r;

	if (avp->flags & L2TP_AVP_H) {
		r = unhide(st, avp);
		if (r < 0)
			return r;
	}
	r = l2tp_avp_decode(st->msg, avp->attribute, avp->value, avp->value_len, &reason);
	if (r < 0)
		return parse_failed(st, r, avp->attribute, reason);
	if (avp->attribute == L2TP_AVP_RANDOM_VECTOR) {
		st->random_vector = avp->value;
		st->random_vector_len = avp->value_len;
	}
	st->msg->present |= UINT64_C(1) << avp->attribute;
	return 0;
}

static int parse_following_avp(struct parse_state *st, struct avp_view *avp)
{
	if (is_message_type_avp(avp))
		return parse_failed(st, -EBADMSG, avp->attribute, "Message Type AVP is not first");
	if (!is_recognised(avp)) {
		skip_unrecognised(st, avp);
		return 0;
	}
	return parse_known_avp(st, avp);
}

static int parse_avps(struct parse_state *st, uint8_t *p, size_t len)
{
	size_t off = 0;

	while (off < len) {
		struct avp_view avp;
		int r = read_avp(st, p + off, len - off, &avp);

		if (r < 0)
			return r;
		r = off == 0 ? parse_message_type(st, &avp) : parse_following_avp(st, &avp);
		if (r < 0)
			return r;
		off += avp.len;
	}
	return 0;
}

int l2tp_message_parse(uint8_t *buf, size_t len, const struct l2tp_secret *secret,
		       struct l2tp_message *msg, struct l2tp_parse_error *err)
{
	struct parse_state st = {.msg = msg, .secret = secret, .err = err};
	int r;

	memset(msg, 0, sizeof(*msg));
	if (err)
		*err = (struct l2tp_parse_error){0};
	r = l2tp_header_parse(buf, len, &msg->header);
	if (r == -EPROTONOSUPPORT)
		return parse_failed(&st, r, 0, "not L2TP version 2 (L2F or L2TPv3?)");
	if (r < 0)
		return parse_failed(&st, r, 0, "malformed L2TP header");
	if (!msg->header.is_control)
		return parse_failed(&st, -EINVAL, 0, "data message, not a control message");
	msg->type = L2TP_MSG_ZLB;
	return parse_avps(&st, buf + msg->header.header_len,
			  msg->header.packet_len - msg->header.header_len);
}
