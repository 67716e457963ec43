/* Peer-supplied text is hostile: RFC 2661 §4.4.2 says the Result Code message is UTF-8,
 * but nothing enforces it, and it ends up in logs, terminals and desktop notifications. */
#include "config.h"

#include "l2tp/l2tp_text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

/* Peer text longer than this is cut: a reason is a sentence, not a document. */
#define MAX_PEER_TEXT 200

static bool is_continuation(uint8_t c)
{
	return (c & 0xc0) == 0x80;
}

/* Length of the valid, minimal UTF-8 sequence at `p` (2..4 bytes), or 0 [RFC 3629 §4]. */
static size_t utf8_sequence_len(const uint8_t *p, size_t avail)
{
	size_t need;
	uint8_t lo = 0x80, hi = 0xbf;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		need = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		need = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		need = 4;
	else
		return 0;
	if (p[0] == 0xe0)
		lo = 0xa0; /* overlong */
	else if (p[0] == 0xed)
		hi = 0x9f; /* surrogates */
	else if (p[0] == 0xf0)
		lo = 0x90; /* overlong */
	else if (p[0] == 0xf4)
		hi = 0x8f; /* beyond U+10FFFF */
	if (avail < need || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if (!is_continuation(p[i]))
			return 0;
	return need;
}

/* C1 controls and the bidirectional overrides that can disguise text in a terminal. */
static bool is_unsafe_code_point(const uint8_t *p, size_t len)
{
	if (len == 2)
		return p[0] == 0xc2 && p[1] < 0xa0;
	if (len == 3 && p[0] == 0xe2 && p[1] == 0x80)
		return p[2] >= 0xaa && p[2] <= 0xae;
	if (len == 3 && p[0] == 0xe2 && p[1] == 0x81)
		return p[2] >= 0xa6 && p[2] <= 0xa9;
	return false;
}

void l2tp_text_sanitize(char *out, size_t cap, const struct l2tp_bytes *text)
{
	size_t o = 0, i = 0, limit;

	if (cap == 0)
		return;
	limit = cap - 1;
	while (text && text->data && i < text->len && i < MAX_PEER_TEXT) {
		const uint8_t *p = text->data + i;
		size_t seq = p[0] < 0x80 ? 1 : utf8_sequence_len(p, text->len - i);
		bool keep = seq == 1 ? (p[0] >= 0x20 && p[0] < 0x7f)
				     : (seq > 1 && !is_unsafe_code_point(p, seq));
		size_t emit = keep ? seq : 1;

		if (o + emit > limit)
			break;
		if (keep)
			memcpy(out + o, p, seq);
		else
			out[o] = '?';
		o += emit;
		i += seq ? seq : 1;
	}
	out[o] = '\0';
}

void l2tp_text_describe_result(char *out, size_t cap, enum l2tp_message_type carried_in,
			       const struct l2tp_result *result, bool has_result)
{
	char peer_text[MAX_PEER_TEXT + 1];
	int n;

	if (cap == 0)
		return;
	if (!has_result) {
		snprintf(out, cap, "%s", _("no result code given"));
		return;
	}
	n = snprintf(out, cap, "%s", l2tp_result_code_describe(carried_in, result->result));
	if (result->has_error && result->error != 0 && n >= 0 && (size_t)n < cap)
		n += snprintf(out + n, cap - (size_t)n, "; %s",
			      l2tp_error_code_describe(result->error));
	l2tp_text_sanitize(peer_text, sizeof(peer_text), &result->message);
	if (peer_text[0] && n >= 0 && (size_t)n < cap)
		snprintf(out + n, cap - (size_t)n, _("; the server said: \u201c%s\u201d"),
			 peer_text);
}
