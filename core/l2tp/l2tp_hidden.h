/* Hidden AVPs [RFC 2661 §4.3]: the value travels as MD5-keyed stream cipher text of the
 * subformat "2-byte original length ‖ original value ‖ random pad". Internal to the codec. */
#pragma once

#include "l2tp/l2tp_codec.h"

#define L2TP_HIDDEN_LENGTH_FIELD 2

/* False for the attributes §4.4 says MUST NOT be hidden, and for unknown ones. */
bool l2tp_avp_may_be_hidden(uint16_t attribute);

/* Both take the whole subformat. -EACCES without a secret or a Random Vector, -EIO when MD5
 * is unavailable. Decryption works in place and points `value` at the original value inside
 * `data`; -EBADMSG when the subformat is shorter than its original length claims. */
int l2tp_hidden_encrypt(uint8_t *data, size_t len, uint16_t attribute,
			const struct l2tp_secret *secret, const uint8_t *random_vector,
			size_t random_vector_len);
int l2tp_hidden_decrypt(uint8_t *data, size_t len, uint16_t attribute,
			const struct l2tp_secret *secret, const uint8_t *random_vector,
			size_t random_vector_len, struct l2tp_bytes *value);
