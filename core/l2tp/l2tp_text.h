/* Readable text from what a peer sent: its Result Code AVP explained and its free-text
 * message made safe to print. Pure: libc and the codec only. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "l2tp/l2tp_codec.h"

/* Copies at most `cap - 1` bytes of `text` into `out`, keeping printable ASCII and valid
 * UTF-8 sequences and replacing control characters and invalid bytes with '?'. Always
 * NUL-terminates (cap > 0); never splits a UTF-8 sequence. */
void l2tp_text_sanitize(char *out, size_t cap, const struct l2tp_bytes *text);

/* "<result>; <error>; the server said: “text”": the result explained for the message it
 * came in (l2tp_result_code_describe), the error when there is one, and the sanitised peer
 * text when present. Without a Result Code AVP (has_result false) says so. Always
 * NUL-terminates. */
void l2tp_text_describe_result(char *out, size_t cap, enum l2tp_message_type carried_in,
			       const struct l2tp_result *result, bool has_result);
