#include "config.h"

#include "l2tp/l2tp_codec.h"

#include "l2tp/l2tp_hidden.h"
#include "l2tp/l2tp_wire.h"

#include <errno.h>
#include <string.h>

#define MAX_AVP_VALUE_LEN (L2TP_AVP_MAX_LEN - L2TP_AVP_HEADER_LEN)

static void builder_fail(struct l2tp_builder *b, int error)
{
	if (b->error == 0)
		b->error = error;
}

/* The Length field is 16 bits, whatever room the caller's buffer has. */
static size_t builder_limit(const struct l2tp_builder *b)
{
	return b->cap < UINT16_MAX ? b->cap : UINT16_MAX;
}

static void copy_bytes(uint8_t *dst, const void *src, size_t len)
{
	if (len > 0)
		memcpy(dst, src, len);
}

/* Appends an AVP header for `value_len` value bytes and returns where the value goes, or
 * NULL once the builder has failed. */
static uint8_t *reserve_avp(struct l2tp_builder *b, uint16_t flags, uint16_t vendor, uint16_t type,
			    size_t value_len)
{
	uint8_t *avp;
	size_t avp_len;

	if (b->error)
		return NULL;
	if (value_len > MAX_AVP_VALUE_LEN) {
		builder_fail(b, -EINVAL);
		return NULL;
	}
	avp_len = L2TP_AVP_HEADER_LEN + value_len;
	if (avp_len > builder_limit(b) - b->len) {
		builder_fail(b, -ENOSPC);
		return NULL;
	}
	avp = b->buf + b->len;
	l2tp_put_be16(avp, (uint16_t)(flags | avp_len));
	l2tp_put_be16(avp + 2, vendor);
	l2tp_put_be16(avp + 4, type);
	b->len += avp_len;
	return avp + L2TP_AVP_HEADER_LEN;
}

static uint16_t mandatory_flag(bool mandatory)
{
	return mandatory ? L2TP_AVP_M : 0;
}

void l2tp_builder_init(struct l2tp_builder *b, uint8_t *buf, size_t cap,
		       enum l2tp_message_type type, const struct l2tp_secret *secret)
{
	memset(b, 0, sizeof(*b));
	b->buf = buf;
	b->cap = cap;
	if (secret)
		b->secret = *secret;
	if (!buf) {
		builder_fail(b, -EINVAL);
		return;
	}
	if (cap < L2TP_CONTROL_HEADER_LEN) {
		builder_fail(b, -ENOSPC);
		return;
	}
	b->len = L2TP_CONTROL_HEADER_LEN;
	/* §4.4.1: Message Type first, M=1; a ZLB is the bare header [§5.8]. */
	if (type != L2TP_MSG_ZLB)
		l2tp_builder_add_u16(b, L2TP_AVP_MESSAGE_TYPE, true, (uint16_t)type);
}

void l2tp_builder_add_vendor_avp(struct l2tp_builder *b, uint16_t vendor, uint16_t type,
				 bool mandatory, const void *value, size_t len)
{
	uint8_t *p;

	if (!value && len > 0) {
		builder_fail(b, -EINVAL);
		return;
	}
	p = reserve_avp(b, mandatory_flag(mandatory), vendor, type, len);
	if (p)
		copy_bytes(p, value, len);
}

void l2tp_builder_add_bytes(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			    const void *value, size_t len)
{
	l2tp_builder_add_vendor_avp(b, 0, (uint16_t)type, mandatory, value, len);
}

void l2tp_builder_add_u16(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			  uint16_t value)
{
	uint8_t be[2];

	l2tp_put_be16(be, value);
	l2tp_builder_add_bytes(b, type, mandatory, be, sizeof(be));
}

void l2tp_builder_add_u32(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			  uint32_t value)
{
	uint8_t be[4];

	l2tp_put_be32(be, value);
	l2tp_builder_add_bytes(b, type, mandatory, be, sizeof(be));
}

/* §4.4.2: M=1, never hidden; the Error Code is always sent so the message can follow. */
void l2tp_builder_add_result(struct l2tp_builder *b, uint16_t result, uint16_t error,
			     const char *message)
{
	size_t message_len = message ? strlen(message) : 0;
	uint8_t *p;

	if (message_len > MAX_AVP_VALUE_LEN) {
		builder_fail(b, -EINVAL);
		return;
	}
	p = reserve_avp(b, L2TP_AVP_M, 0, L2TP_AVP_RESULT_CODE, 4 + message_len);
	if (!p)
		return;
	l2tp_put_be16(p, result);
	l2tp_put_be16(p + 2, error);
	copy_bytes(p + 4, message, message_len);
}

/* §4.4.3: we speak L2TP version 1 revision 0, as RFC 2661 numbers it. */
void l2tp_builder_add_protocol_version(struct l2tp_builder *b)
{
	static const uint8_t version_1_revision_0[2] = {1, 0};

	l2tp_builder_add_bytes(b, L2TP_AVP_PROTOCOL_VERSION, true, version_1_revision_0,
			       sizeof(version_1_revision_0));
}

void l2tp_builder_add_random_vector(struct l2tp_builder *b, const uint8_t *rv, size_t len)
{
	uint8_t *p;

	if (!rv || len == 0) {
		builder_fail(b, -EINVAL);
		return;
	}
	p = reserve_avp(b, L2TP_AVP_M, 0, L2TP_AVP_RANDOM_VECTOR, len);
	if (!p)
		return;
	copy_bytes(p, rv, len);
	/* Point at our copy: the caller's bytes need not outlive this call. */
	b->random_vector = p;
	b->random_vector_len = len;
}

static bool hidden_args_valid(const struct l2tp_builder *b, enum l2tp_avp_type type,
			      const void *value, size_t len, const uint8_t *pad, size_t pad_len)
{
	if (!l2tp_avp_may_be_hidden((uint16_t)type))
		return false;
	if (!b->secret.data || b->secret.len == 0 || !b->random_vector)
		return false;
	if ((!value && len > 0) || (!pad && pad_len > 0))
		return false;
	return len <= MAX_AVP_VALUE_LEN && pad_len <= MAX_AVP_VALUE_LEN;
}

void l2tp_builder_add_hidden(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			     const void *value, size_t len, const uint8_t *pad, size_t pad_len)
{
	size_t hidden_len = L2TP_HIDDEN_LENGTH_FIELD + len + pad_len;
	uint8_t *p;
	int r;

	if (b->error)
		return;
	if (!hidden_args_valid(b, type, value, len, pad, pad_len)) {
		builder_fail(b, -EINVAL);
		return;
	}
	p = reserve_avp(b, mandatory_flag(mandatory) | L2TP_AVP_H, 0, (uint16_t)type, hidden_len);
	if (!p)
		return;
	l2tp_put_be16(p, (uint16_t)len);
	copy_bytes(p + L2TP_HIDDEN_LENGTH_FIELD, value, len);
	copy_bytes(p + L2TP_HIDDEN_LENGTH_FIELD + len, pad, pad_len);
	r = l2tp_hidden_encrypt(p, hidden_len, (uint16_t)type, &b->secret, b->random_vector,
				b->random_vector_len);
	if (r < 0)
		builder_fail(b, r);
}

int l2tp_builder_finish(struct l2tp_builder *b, uint16_t tunnel_id, uint16_t session_id,
			uint16_t ns, uint16_t nr)
{
	if (b->error)
		return b->error;
	l2tp_control_header_write(b->buf, (uint16_t)b->len, tunnel_id, session_id, ns, nr);
	return (int)b->len;
}
