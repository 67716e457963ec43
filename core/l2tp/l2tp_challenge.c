#include "config.h"

#include "l2tp/l2tp_codec.h"

#include "l2tp/l2tp_md5.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <string.h>

static int compute_response(uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN],
			    enum l2tp_message_type carried_in, const struct l2tp_secret *secret,
			    const uint8_t *challenge, size_t challenge_len)
{
	/* CHAP-style [RFC 1994]: the "ID" is one octet, the type of the carrying message. */
	const uint8_t id = (uint8_t)carried_in;
	const struct l2tp_bytes parts[] = {
	    {&id, 1},
	    {secret ? secret->data : NULL, secret && secret->data ? secret->len : 0},
	    {challenge, challenge ? challenge_len : 0},
	};

	return l2tp_md5(response, parts, 3);
}

void l2tp_challenge_response(uint8_t response[L2TP_CHALLENGE_RESPONSE_LEN],
			     enum l2tp_message_type carried_in, const struct l2tp_secret *secret,
			     const uint8_t *challenge, size_t challenge_len)
{
	if (compute_response(response, carried_in, secret, challenge, challenge_len) < 0)
		memset(response, 0, L2TP_CHALLENGE_RESPONSE_LEN);
}

int l2tp_challenge_response_verify(enum l2tp_message_type carried_in,
				   const struct l2tp_secret *secret, const uint8_t *challenge,
				   size_t challenge_len, const uint8_t *received,
				   size_t received_len)
{
	uint8_t expected[L2TP_CHALLENGE_RESPONSE_LEN];
	int r;

	if (!received || received_len != L2TP_CHALLENGE_RESPONSE_LEN)
		return -EACCES;
	r = compute_response(expected, carried_in, secret, challenge, challenge_len);
	if (r < 0)
		return r;
	/* Constant time, so a peer cannot learn the response byte by byte. */
	if (CRYPTO_memcmp(expected, received, L2TP_CHALLENGE_RESPONSE_LEN) != 0)
		return -EACCES;
	return 0;
}
