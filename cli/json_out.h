/* Just enough JSON (RFC 8259) for `status --json`: strings escaped, everything else is
 * numbers the caller formats. */
#pragma once

#include <glib.h>

/* Appends `text` as a JSON string: quotes, backslash and control characters escaped (RFC 8259
 * section 7); bytes that are not UTF-8 become U+FFFD. NULL appends null. */
void l2c_json_append_string(GString *out, const char *text);
