#include "config.h"

#include "l2tp/l2tp_avp_decode.h"

#include "l2tp/l2tp_wire.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

enum avp_kind {
	AVP_UNKNOWN = 0, /* zero so that gaps in the table (attribute 20) stay unknown */
	AVP_PRESENCE,	 /* only its presence matters to a LAC (or the walk handles it) */
	AVP_U16,
	AVP_U32,
	AVP_BYTES,
	AVP_RESULT,
	AVP_PROTOCOL_VERSION,
	AVP_TIE_BREAKER,
};

#define ANY_LEN ((uint16_t)(L2TP_AVP_MAX_LEN - L2TP_AVP_HEADER_LEN))

/* Value lengths (AVP Length minus 6, before hiding) from the AVP definitions of §4.4. */
struct avp_rule {
	enum avp_kind kind;
	uint16_t min_len;
	uint16_t max_len;
	size_t offset; /* field in struct l2tp_message for U16, U32 and BYTES */
};

#define FIELD(name) offsetof(struct l2tp_message, name)
#define U16(name)                                                                                  \
	{                                                                                          \
		AVP_U16, 2, 2, FIELD(name)                                                         \
	}
#define U32(name)                                                                                  \
	{                                                                                          \
		AVP_U32, 4, 4, FIELD(name)                                                         \
	}
#define BYTES(name, min, max)                                                                      \
	{                                                                                          \
		AVP_BYTES, min, max, FIELD(name)                                                   \
	}
#define PRESENCE(min, max)                                                                         \
	{                                                                                          \
		AVP_PRESENCE, min, max, 0                                                          \
	}

static const struct avp_rule avp_rules[L2TP_AVP_TYPE_COUNT] = {
    [L2TP_AVP_MESSAGE_TYPE] = PRESENCE(2, 2),
    /* Result Code alone, with Error Code, or with both and a message: 2, 4 or 4+n. */
    [L2TP_AVP_RESULT_CODE] = {AVP_RESULT, 2, ANY_LEN, 0},
    [L2TP_AVP_PROTOCOL_VERSION] = {AVP_PROTOCOL_VERSION, 2, 2, 0},
    [L2TP_AVP_FRAMING_CAPABILITIES] = U32(framing_capabilities),
    [L2TP_AVP_BEARER_CAPABILITIES] = U32(bearer_capabilities),
    [L2TP_AVP_TIE_BREAKER] = {AVP_TIE_BREAKER, 8, 8, 0},
    [L2TP_AVP_FIRMWARE_REVISION] = U16(firmware_revision),
    [L2TP_AVP_HOST_NAME] = BYTES(host_name, 1, ANY_LEN),
    [L2TP_AVP_VENDOR_NAME] = BYTES(vendor_name, 0, ANY_LEN),
    [L2TP_AVP_ASSIGNED_TUNNEL_ID] = U16(assigned_tunnel_id),
    [L2TP_AVP_RECEIVE_WINDOW_SIZE] = U16(receive_window_size),
    [L2TP_AVP_CHALLENGE] = BYTES(challenge, 1, ANY_LEN),
    /* Cause Code (2) and Cause Msg (1), then an optional advisory text. */
    [L2TP_AVP_Q931_CAUSE] = BYTES(q931_cause, 3, ANY_LEN),
    [L2TP_AVP_CHALLENGE_RESPONSE] =
	BYTES(challenge_response, L2TP_CHALLENGE_RESPONSE_LEN, L2TP_CHALLENGE_RESPONSE_LEN),
    [L2TP_AVP_ASSIGNED_SESSION_ID] = U16(assigned_session_id),
    [L2TP_AVP_CALL_SERIAL_NUMBER] = U32(call_serial_number),
    [L2TP_AVP_MINIMUM_BPS] = U32(minimum_bps),
    [L2TP_AVP_MAXIMUM_BPS] = U32(maximum_bps),
    [L2TP_AVP_BEARER_TYPE] = U32(bearer_type),
    [L2TP_AVP_FRAMING_TYPE] = U32(framing_type),
    [L2TP_AVP_CALLED_NUMBER] = BYTES(called_number, 0, ANY_LEN),
    [L2TP_AVP_CALLING_NUMBER] = BYTES(calling_number, 0, ANY_LEN),
    [L2TP_AVP_SUB_ADDRESS] = BYTES(sub_address, 0, ANY_LEN),
    [L2TP_AVP_TX_CONNECT_SPEED] = U32(tx_connect_speed),
    [L2TP_AVP_PHYSICAL_CHANNEL_ID] = U32(physical_channel_id),
    /* Proxy LCP and authentication (§4.4.5): an LNS never sends these to a LAC. */
    [L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ] = PRESENCE(0, ANY_LEN),
    [L2TP_AVP_LAST_SENT_LCP_CONFREQ] = PRESENCE(0, ANY_LEN),
    [L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ] = PRESENCE(0, ANY_LEN),
    [L2TP_AVP_PROXY_AUTHEN_TYPE] = PRESENCE(2, 2),
    [L2TP_AVP_PROXY_AUTHEN_NAME] = PRESENCE(0, ANY_LEN),
    [L2TP_AVP_PROXY_AUTHEN_CHALLENGE] = PRESENCE(0, ANY_LEN),
    [L2TP_AVP_PROXY_AUTHEN_ID] = PRESENCE(2, 2),
    [L2TP_AVP_PROXY_AUTHEN_RESPONSE] = PRESENCE(0, ANY_LEN),
    /* Reserved (2) and six 32-bit counters. */
    [L2TP_AVP_CALL_ERRORS] = BYTES(call_errors, 26, 26),
    /* Reserved (2), Send ACCM (4), Receive ACCM (4). */
    [L2TP_AVP_ACCM] = BYTES(accm, 10, 10),
    [L2TP_AVP_RANDOM_VECTOR] = PRESENCE(1, ANY_LEN),
    [L2TP_AVP_PRIVATE_GROUP_ID] = BYTES(private_group_id, 0, ANY_LEN),
    [L2TP_AVP_RX_CONNECT_SPEED] = U32(rx_connect_speed),
    [L2TP_AVP_SEQUENCING_REQUIRED] = PRESENCE(0, 0),
};

bool l2tp_avp_is_known(uint16_t attribute)
{
	return attribute < L2TP_AVP_TYPE_COUNT && avp_rules[attribute].kind != AVP_UNKNOWN;
}

static int decode_result(struct l2tp_message *msg, const uint8_t *value, size_t len,
			 const char **reason)
{
	/* An Error Code is two bytes: a lone third byte is neither it nor a message. */
	if (len == 3) {
		*reason = "Result Code AVP with a truncated Error Code";
		return -EBADMSG;
	}
	msg->result.result = l2tp_get_be16(value);
	if (len >= 4) {
		msg->result.error = l2tp_get_be16(value + 2);
		msg->result.has_error = true;
	}
	if (len > 4) {
		msg->result.message.data = value + 4;
		msg->result.message.len = len - 4;
	}
	return 0;
}

static void store_u16(struct l2tp_message *msg, size_t offset, uint16_t v)
{
	memcpy((uint8_t *)msg + offset, &v, sizeof(v));
}

static void store_u32(struct l2tp_message *msg, size_t offset, uint32_t v)
{
	memcpy((uint8_t *)msg + offset, &v, sizeof(v));
}

static void store_bytes(struct l2tp_message *msg, size_t offset, const uint8_t *value, size_t len)
{
	const struct l2tp_bytes bytes = {value, len};

	memcpy((uint8_t *)msg + offset, &bytes, sizeof(bytes));
}

int l2tp_avp_decode(struct l2tp_message *msg, uint16_t attribute, const uint8_t *value, size_t len,
		    const char **reason)
{
	const struct avp_rule *rule;

	if (!l2tp_avp_is_known(attribute)) {
		*reason = "unknown attribute";
		return -ENOENT;
	}
	rule = &avp_rules[attribute];
	if (len < rule->min_len || len > rule->max_len) {
		*reason = "AVP length not allowed for its attribute";
		return -EBADMSG;
	}
	switch (rule->kind) {
	case AVP_U16:
		store_u16(msg, rule->offset, l2tp_get_be16(value));
		return 0;
	case AVP_U32:
		store_u32(msg, rule->offset, l2tp_get_be32(value));
		return 0;
	case AVP_BYTES:
		store_bytes(msg, rule->offset, value, len);
		return 0;
	case AVP_RESULT:
		return decode_result(msg, value, len, reason);
	case AVP_PROTOCOL_VERSION:
		msg->protocol_version = value[0];
		msg->protocol_revision = value[1];
		return 0;
	case AVP_TIE_BREAKER:
		memcpy(msg->tie_breaker, value, sizeof(msg->tie_breaker));
		return 0;
	default:
		return 0;
	}
}
