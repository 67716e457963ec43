/* RFC 2661 wire format: headers, AVPs (hidden ones too) and control messages.
 *
 * Pure: bytes in, bytes out. No sockets, no clock, no GLib, no randomness of its own
 * (the caller passes random bytes in). Every length is checked against the buffer; a
 * packet is hostile until parsed. Functions return 0 or a negative errno. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define L2TP_VERSION		    2
#define L2TP_CONTROL_HEADER_LEN	    12 /* T, L, S set: flags, length, tids, ns, nr */
#define L2TP_AVP_HEADER_LEN	    6
#define L2TP_AVP_MAX_LEN	    1023 /* 10-bit length field */
#define L2TP_MAX_CONTROL_MESSAGE    4096 /* what we build; we parse up to the datagram size */
#define L2TP_CHALLENGE_RESPONSE_LEN 16
#define L2TP_RANDOM_VECTOR_LEN	    16

/* Header flag bits [RFC 2661 §3.1]. */
#define L2TP_HDR_T	  0x8000
#define L2TP_HDR_L	  0x4000
#define L2TP_HDR_S	  0x0800
#define L2TP_HDR_O	  0x0200
#define L2TP_HDR_P	  0x0100
#define L2TP_HDR_VER_MASK 0x000f

/* AVP flag bits [RFC 2661 §4.1]. */
#define L2TP_AVP_M	     0x8000
#define L2TP_AVP_H	     0x4000
#define L2TP_AVP_RESERVED    0x3c00
#define L2TP_AVP_LENGTH_MASK 0x03ff

enum l2tp_message_type {
	L2TP_MSG_ZLB = 0, /* not on the wire as a type: a control header without AVPs */
	L2TP_MSG_SCCRQ = 1,
	L2TP_MSG_SCCRP = 2,
	L2TP_MSG_SCCCN = 3,
	L2TP_MSG_STOPCCN = 4,
	L2TP_MSG_HELLO = 6,
	L2TP_MSG_OCRQ = 7,
	L2TP_MSG_OCRP = 8,
	L2TP_MSG_OCCN = 9,
	L2TP_MSG_ICRQ = 10,
	L2TP_MSG_ICRP = 11,
	L2TP_MSG_ICCN = 12,
	L2TP_MSG_CDN = 14,
	L2TP_MSG_WEN = 15,
	L2TP_MSG_SLI = 16,
};

/* IETF attribute types (vendor 0) [RFC 2661 §4.4]. */
enum l2tp_avp_type {
	L2TP_AVP_MESSAGE_TYPE = 0,
	L2TP_AVP_RESULT_CODE = 1,
	L2TP_AVP_PROTOCOL_VERSION = 2,
	L2TP_AVP_FRAMING_CAPABILITIES = 3,
	L2TP_AVP_BEARER_CAPABILITIES = 4,
	L2TP_AVP_TIE_BREAKER = 5,
	L2TP_AVP_FIRMWARE_REVISION = 6,
	L2TP_AVP_HOST_NAME = 7,
	L2TP_AVP_VENDOR_NAME = 8,
	L2TP_AVP_ASSIGNED_TUNNEL_ID = 9,
	L2TP_AVP_RECEIVE_WINDOW_SIZE = 10,
	L2TP_AVP_CHALLENGE = 11,
	L2TP_AVP_Q931_CAUSE = 12,
	L2TP_AVP_CHALLENGE_RESPONSE = 13,
	L2TP_AVP_ASSIGNED_SESSION_ID = 14,
	L2TP_AVP_CALL_SERIAL_NUMBER = 15,
	L2TP_AVP_MINIMUM_BPS = 16,
	L2TP_AVP_MAXIMUM_BPS = 17,
	L2TP_AVP_BEARER_TYPE = 18,
	L2TP_AVP_FRAMING_TYPE = 19,
	L2TP_AVP_CALLED_NUMBER = 21,
	L2TP_AVP_CALLING_NUMBER = 22,
	L2TP_AVP_SUB_ADDRESS = 23,
	L2TP_AVP_TX_CONNECT_SPEED = 24,
	L2TP_AVP_PHYSICAL_CHANNEL_ID = 25,
	L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ = 26,
	L2TP_AVP_LAST_SENT_LCP_CONFREQ = 27,
	L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ = 28,
	L2TP_AVP_PROXY_AUTHEN_TYPE = 29,
	L2TP_AVP_PROXY_AUTHEN_NAME = 30,
	L2TP_AVP_PROXY_AUTHEN_CHALLENGE = 31,
	L2TP_AVP_PROXY_AUTHEN_ID = 32,
	L2TP_AVP_PROXY_AUTHEN_RESPONSE = 33,
	L2TP_AVP_CALL_ERRORS = 34,
	L2TP_AVP_ACCM = 35,
	L2TP_AVP_RANDOM_VECTOR = 36,
	L2TP_AVP_PRIVATE_GROUP_ID = 37,
	L2TP_AVP_RX_CONNECT_SPEED = 38,
	L2TP_AVP_SEQUENCING_REQUIRED = 39,
	L2TP_AVP_TYPE_COUNT = 40,
};

#define L2TP_FRAMING_SYNC   0x1
#define L2TP_FRAMING_ASYNC  0x2
#define L2TP_BEARER_DIGITAL 0x1
#define L2TP_BEARER_ANALOG  0x2

/* --- Header ------------------------------------------------------------------------ */

struct l2tp_header {
	bool is_control;
	bool has_length;
	bool has_sequence;
	bool has_offset;
	bool priority;
	uint16_t length; /* valid when has_length */
	uint16_t tunnel_id;
	uint16_t session_id;
	uint16_t ns; /* valid when has_sequence */
	uint16_t nr;
	size_t header_len; /* bytes before the payload (AVPs or PPP frame), offset pad included */
	size_t packet_len; /* Length field if present, else the datagram size */
};

/* Parses and validates the header: Ver must be 2 (-EPROTONOSUPPORT otherwise, including
 * Ver 1 = L2F, which the caller drops silently), control messages must have T, L and S set
 * and O, P clear, and Length must fit the buffer (-EBADMSG). */
int l2tp_header_parse(const uint8_t *buf, size_t len, struct l2tp_header *hdr);

/* Writes a 12-byte control header. Ns/Nr can be rewritten later (retransmission). */
void l2tp_control_header_write(uint8_t *buf, uint16_t length, uint16_t tunnel_id,
			       uint16_t session_id, uint16_t ns, uint16_t nr);
void l2tp_control_header_set_nr(uint8_t *buf, uint16_t nr);
void l2tp_control_header_set_ns(uint8_t *buf, uint16_t ns);

/* Writes a data header (no L, no O; S if `with_sequence`). Returns its length (6 or 10). */
size_t l2tp_data_header_write(uint8_t *buf, uint16_t tunnel_id, uint16_t session_id,
			      bool with_sequence, uint16_t ns);

/* --- Shared secret for hidden AVPs and tunnel authentication ------------------------ */

struct l2tp_secret {
	const uint8_t *data; /* NULL / 0 when the tunnel has no secret */
	size_t len;
};

/* Challenge Response = MD5(message type octet ‖ secret ‖ challenge) [RFC 2661 §4.4.3]. */
void l2tp_challenge_response(uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN],
			     enum l2tp_message_type carried_in, const struct l2tp_secret *secret,
			     const uint8_t *challenge, size_t challenge_len);
/* Checks a received Challenge Response in constant time: 0 when it matches, -EACCES when
 * it does not (or has the wrong length), -EIO when MD5 is unavailable (e.g. FIPS mode).
 * Verify with this rather than memcmp on l2tp_challenge_response(), which cannot report a
 * failing MD5 and then yields all-zero bytes. */
int l2tp_challenge_response_verify(enum l2tp_message_type carried_in,
				   const struct l2tp_secret *secret, const uint8_t *challenge,
				   size_t challenge_len, const uint8_t *received,
				   size_t received_len);

/* --- Parsed control message ---------------------------------------------------------- */

/* A view into the parsed buffer (or into its decrypted hidden AVP, which is decrypted in
 * place, so the buffer must outlive the message). */
struct l2tp_bytes {
	const uint8_t *data;
	size_t len;
};

struct l2tp_result {
	uint16_t result;
	uint16_t error; /* valid when has_error */
	bool has_error;
	struct l2tp_bytes message; /* UTF-8 per RFC, unchecked: print with care */
};

struct l2tp_message {
	struct l2tp_header header;
	enum l2tp_message_type type; /* L2TP_MSG_ZLB for an empty control message */
	uint64_t present;	     /* bit (1 << attribute type) for each IETF AVP seen */

	struct l2tp_result result;
	uint8_t protocol_version;
	uint8_t protocol_revision;
	uint32_t framing_capabilities;
	uint32_t bearer_capabilities;
	uint8_t tie_breaker[8];
	uint16_t firmware_revision;
	struct l2tp_bytes host_name;
	struct l2tp_bytes vendor_name;
	uint16_t assigned_tunnel_id;
	uint16_t receive_window_size;
	struct l2tp_bytes challenge;
	struct l2tp_bytes challenge_response; /* length checked: 16 */
	struct l2tp_bytes q931_cause;
	uint16_t assigned_session_id;
	uint32_t call_serial_number;
	uint32_t minimum_bps;
	uint32_t maximum_bps;
	uint32_t bearer_type;
	uint32_t framing_type;
	struct l2tp_bytes called_number;
	struct l2tp_bytes calling_number;
	struct l2tp_bytes sub_address;
	uint32_t tx_connect_speed;
	uint32_t physical_channel_id;
	struct l2tp_bytes call_errors;
	struct l2tp_bytes accm;
	struct l2tp_bytes private_group_id;
	uint32_t rx_connect_speed;

	/* The first AVP with M=1 that we do not understand (an unknown vendor/attribute, or a
	 * reserved bit set): the caller must tear down the session or tunnel it belongs to.
	 * An unknown message type with M=1 is reported here as vendor 0, attribute 0. */
	bool has_unknown_mandatory;
	uint16_t unknown_mandatory_vendor;
	uint16_t unknown_mandatory_attribute;
};

static inline bool l2tp_message_has(const struct l2tp_message *msg, enum l2tp_avp_type type)
{
	return (msg->present >> type) & 1;
}

/* Why a parse failed, for logs and for the Result/Error Code we answer with. */
struct l2tp_parse_error {
	uint16_t attribute; /* offending AVP, when there is one */
	const char *reason; /* static English text, for logs */
};

/* Parses a whole control message (header and AVPs). Hidden AVPs are decrypted in place
 * with `secret` (-EACCES when one is present but there is no secret or no preceding Random
 * Vector). Fixed-size AVPs of the wrong length, a Message Type that is not first, and AVP
 * lengths that run past the message give -EBADMSG, and so do a hidden AVP that RFC 2661
 * §4.4 says MUST NOT be hidden and a hidden value whose original length exceeds it.
 * Unknown AVPs with M=0 are skipped. Data messages give -EINVAL. `secret` and `err` may be
 * NULL. On error the buffer may be partly decrypted. */
int l2tp_message_parse(uint8_t *buf, size_t len, const struct l2tp_secret *secret,
		       struct l2tp_message *msg, struct l2tp_parse_error *err);

/* --- Building control messages -------------------------------------------------------- */

/* Builds into a caller buffer. Errors are sticky: check once at the end. */
struct l2tp_builder {
	uint8_t *buf;
	size_t cap;
	size_t len;
	int error; /* 0 or -ENOSPC / -EINVAL (-EIO: no MD5 for a hidden AVP) */
	struct l2tp_secret secret;
	const uint8_t *random_vector; /* the last one added, used by hidden AVPs after it */
	size_t random_vector_len;
};

/* Reserves the control header and adds the Message Type AVP (skipped for a ZLB). */
void l2tp_builder_init(struct l2tp_builder *b, uint8_t *buf, size_t cap,
		       enum l2tp_message_type type, const struct l2tp_secret *secret);
void l2tp_builder_add_u16(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			  uint16_t value);
void l2tp_builder_add_u32(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			  uint32_t value);
void l2tp_builder_add_bytes(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			    const void *value, size_t len);
void l2tp_builder_add_result(struct l2tp_builder *b, uint16_t result, uint16_t error,
			     const char *message);
void l2tp_builder_add_protocol_version(struct l2tp_builder *b);
void l2tp_builder_add_vendor_avp(struct l2tp_builder *b, uint16_t vendor, uint16_t type,
				 bool mandatory, const void *value, size_t len);
/* The random bytes come from the caller (RAND_bytes in production, fixed in tests). */
void l2tp_builder_add_random_vector(struct l2tp_builder *b, const uint8_t *rv, size_t len);
/* Adds an AVP hidden with the secret and the last Random Vector; `pad` random bytes
 * (may be NULL / 0) are appended to hide the true length [RFC 2661 §4.3]. */
void l2tp_builder_add_hidden(struct l2tp_builder *b, enum l2tp_avp_type type, bool mandatory,
			     const void *value, size_t len, const uint8_t *pad, size_t pad_len);
/* Writes the header (length, ids; Ns/Nr as given) and returns the message length, or a
 * negative errno recorded during building. */
int l2tp_builder_finish(struct l2tp_builder *b, uint16_t tunnel_id, uint16_t session_id,
			uint16_t ns, uint16_t nr);

/* --- Names and readable text ------------------------------------------------------------- */

/* Protocol mnemonics for logs ("SCCRQ", "Host Name"); "unknown" for numbers we do not know
 * (static strings only, so log the number beside it). */
const char *l2tp_message_type_name(enum l2tp_message_type type);
const char *l2tp_avp_type_name(uint16_t type);
/* True for the message types of RFC 2661 §3.2 (ZLB included). An unknown type arrives
 * with has_unknown_mandatory set when its Message Type AVP has M=1 (clear the tunnel,
 * §4.4.1); with M=0 the message is to be acknowledged and otherwise ignored. */
bool l2tp_message_type_is_known(uint16_t type);

/* Readable, translated explanations of Result and Error Codes [RFC 2661 §4.4.2] for the
 * message they arrived in (StopCCN and CDN have different result tables). */
const char *l2tp_result_code_describe(enum l2tp_message_type carried_in, uint16_t result);
const char *l2tp_error_code_describe(uint16_t error);
