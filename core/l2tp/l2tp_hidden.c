#include "config.h"

#include "l2tp/l2tp_hidden.h"

#include "l2tp/l2tp_avp_decode.h"
#include "l2tp/l2tp_md5.h"
#include "l2tp/l2tp_wire.h"

#include <errno.h>
#include <string.h>

bool l2tp_avp_may_be_hidden(uint16_t attribute)
{
	switch (attribute) {
	/* §4.4.1–4.4.3 and §4.4.6 forbid hiding these: a peer needs them before it can
	 * know the secret applies (or they are the Random Vector itself). */
	case L2TP_AVP_MESSAGE_TYPE:
	case L2TP_AVP_RESULT_CODE:
	case L2TP_AVP_PROTOCOL_VERSION:
	case L2TP_AVP_TIE_BREAKER:
	case L2TP_AVP_HOST_NAME:
	case L2TP_AVP_RECEIVE_WINDOW_SIZE:
	case L2TP_AVP_Q931_CAUSE:
	case L2TP_AVP_RANDOM_VECTOR:
	case L2TP_AVP_SEQUENCING_REQUIRED:
		return false;
	default:
		return l2tp_avp_is_known(attribute);
	}
}

static bool secret_is_set(const struct l2tp_secret *secret)
{
	return secret && secret->data && secret->len > 0;
}

static int check_keys(const struct l2tp_secret *secret, const uint8_t *random_vector,
		      size_t random_vector_len)
{
	if (!secret_is_set(secret) || !random_vector || random_vector_len == 0)
		return -EACCES;
	return 0;
}

/* b1 = MD5(Attribute Type in network order ‖ secret ‖ Random Vector) */
static int first_key_block(uint8_t block[L2TP_MD5_LEN], uint16_t attribute,
			   const struct l2tp_secret *secret, const uint8_t *random_vector,
			   size_t random_vector_len)
{
	uint8_t attribute_be[2];

	l2tp_put_be16(attribute_be, attribute);
	const struct l2tp_bytes parts[] = {
	    {attribute_be, sizeof(attribute_be)},
	    {secret->data, secret->len},
	    {random_vector, random_vector_len},
	};
	return l2tp_md5(block, parts, 3);
}

/* b_i = MD5(secret ‖ c_{i-1}); every segment but the last is a full 16 bytes. */
static int next_key_block(uint8_t block[L2TP_MD5_LEN], const struct l2tp_secret *secret,
			  const uint8_t previous_cipher[L2TP_MD5_LEN])
{
	const struct l2tp_bytes parts[] = {
	    {secret->data, secret->len},
	    {previous_cipher, L2TP_MD5_LEN},
	};
	return l2tp_md5(block, parts, 2);
}

static size_t segment_len(size_t len, size_t off)
{
	return len - off < L2TP_MD5_LEN ? len - off : L2TP_MD5_LEN;
}

static void xor_segment(uint8_t *data, const uint8_t *key, size_t n)
{
	for (size_t i = 0; i < n; i++)
		data[i] ^= key[i];
}

int l2tp_hidden_encrypt(uint8_t *data, size_t len, uint16_t attribute,
			const struct l2tp_secret *secret, const uint8_t *random_vector,
			size_t random_vector_len)
{
	uint8_t key[L2TP_MD5_LEN];
	int r = check_keys(secret, random_vector, random_vector_len);

	for (size_t off = 0; r == 0 && off < len; off += L2TP_MD5_LEN) {
		if (off == 0)
			r = first_key_block(key, attribute, secret, random_vector,
					    random_vector_len);
		else
			r = next_key_block(key, secret, data + off - L2TP_MD5_LEN);
		if (r == 0)
			xor_segment(data + off, key, segment_len(len, off));
	}
	return r;
}

static int decrypt_in_place(uint8_t *data, size_t len, uint16_t attribute,
			    const struct l2tp_secret *secret, const uint8_t *random_vector,
			    size_t random_vector_len)
{
	uint8_t key[L2TP_MD5_LEN];
	uint8_t previous_cipher[L2TP_MD5_LEN];
	int r = 0;

	for (size_t off = 0; r == 0 && off < len; off += L2TP_MD5_LEN) {
		size_t n = segment_len(len, off);

		if (off == 0)
			r = first_key_block(key, attribute, secret, random_vector,
					    random_vector_len);
		else
			r = next_key_block(key, secret, previous_cipher);
		if (r < 0)
			break;
		memcpy(previous_cipher, data + off, n);
		xor_segment(data + off, key, n);
	}
	return r;
}

int l2tp_hidden_decrypt(uint8_t *data, size_t len, uint16_t attribute,
			const struct l2tp_secret *secret, const uint8_t *random_vector,
			size_t random_vector_len, struct l2tp_bytes *value)
{
	size_t original_len;
	int r = check_keys(secret, random_vector, random_vector_len);

	if (r < 0)
		return r;
	if (len < L2TP_HIDDEN_LENGTH_FIELD)
		return -EBADMSG;
	r = decrypt_in_place(data, len, attribute, secret, random_vector, random_vector_len);
	if (r < 0)
		return r;
	original_len = l2tp_get_be16(data);
	/* A wrong secret shows up here first: the decrypted length is garbage. */
	if (original_len > len - L2TP_HIDDEN_LENGTH_FIELD)
		return -EBADMSG;
	value->data = data + L2TP_HIDDEN_LENGTH_FIELD;
	value->len = original_len;
	return 0;
}
