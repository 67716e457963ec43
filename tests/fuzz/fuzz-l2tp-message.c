/* libFuzzer target for everything a peer's datagram reaches first: the header parser and
 * the control message parser, with and without a shared secret (hidden AVPs are decrypted
 * in place, so each parse gets a fresh exact-size copy for ASan to guard). */
#include "config.h"

#include "l2tp/l2tp_codec.h"

#include <stdlib.h>
#include <string.h>

/* The seed corpus hides its AVPs with this secret (see gen-l2tp-corpus.py). */
static const uint8_t fuzz_secret_bytes[] = "fuzz-secret";
static const struct l2tp_secret fuzz_secret = {fuzz_secret_bytes, sizeof(fuzz_secret_bytes) - 1};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every byte a view points at, so a view past the datagram is an ASan report. */
static unsigned int touch(struct l2tp_bytes bytes)
{
	unsigned int sum = 0;

	for (size_t i = 0; i < bytes.len; i++)
		sum += bytes.data[i];
	return sum;
}

static unsigned int touch_message(const struct l2tp_message *msg)
{
	const struct l2tp_bytes views[] = {
	    msg->result.message,     msg->host_name,   msg->vendor_name,   msg->challenge,
	    msg->challenge_response, msg->q931_cause,  msg->called_number, msg->calling_number,
	    msg->sub_address,	     msg->call_errors, msg->accm,	   msg->private_group_id,
	};
	unsigned int sum = 0;

	for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++)
		sum += touch(views[i]);
	sum += strlen(l2tp_message_type_name(msg->type));
	sum += strlen(l2tp_result_code_describe(msg->type, msg->result.result));
	sum += strlen(l2tp_error_code_describe(msg->result.error));
	if (msg->has_unknown_mandatory)
		sum += strlen(l2tp_avp_type_name(msg->unknown_mandatory_attribute));
	return sum;
}

static void parse_copy(const uint8_t *data, size_t size, const struct l2tp_secret *secret)
{
	struct l2tp_message msg;
	struct l2tp_parse_error err;
	uint8_t *buf = malloc(size ? size : 1);
	volatile unsigned int sink;

	if (!buf)
		return;
	if (size)
		memcpy(buf, data, size);
	if (l2tp_message_parse(buf, size, secret, &msg, &err) == 0)
		sink = touch_message(&msg);
	else
		sink = err.reason ? strlen(err.reason) : 0;
	(void)sink;
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2tp_header hdr;

	(void)l2tp_header_parse(data, size, &hdr);
	parse_copy(data, size, NULL);
	parse_copy(data, size, &fuzz_secret);
	return 0;
}
