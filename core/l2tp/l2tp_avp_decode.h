/* Per-attribute decoding of IETF AVP values into struct l2tp_message, with the exact
 * lengths of RFC 2661 §4.4. Internal to the codec; the AVP walk is in l2tp_avp_parse.c. */
#pragma once

#include "l2tp/l2tp_codec.h"

/* True for the IETF attributes RFC 2661 defines (Message Type included). */
bool l2tp_avp_is_known(uint16_t attribute);

/* Stores the (already unhidden) value of a known attribute other than Message Type.
 * -EBADMSG when its length is not one §4.4 allows; `reason` then says which rule. */
int l2tp_avp_decode(struct l2tp_message *msg, uint16_t attribute, const uint8_t *value, size_t len,
		    const char **reason);
