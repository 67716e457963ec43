#include "config.h"

#include "cli/json_out.h"

static void append_char(GString *out, gunichar c)
{
	switch (c) {
	case '"':
		g_string_append(out, "\\\"");
		break;
	case '\\':
		g_string_append(out, "\\\\");
		break;
	case '\n':
		g_string_append(out, "\\n");
		break;
	case '\r':
		g_string_append(out, "\\r");
		break;
	case '\t':
		g_string_append(out, "\\t");
		break;
	default:
		if (c < 0x20 || c == 0x7f)
			g_string_append_printf(out, "\\u%04x", c);
		else
			g_string_append_unichar(out, c);
	}
}

void l2c_json_append_string(GString *out, const char *text)
{
	g_autofree char *valid = NULL;

	if (!text) {
		g_string_append(out, "null");
		return;
	}
	valid = g_utf8_make_valid(text, -1);
	g_string_append_c(out, '"');
	for (const char *p = valid; *p; p = g_utf8_next_char(p))
		append_char(out, g_utf8_get_char(p));
	g_string_append_c(out, '"');
}
