/* `status --json` strings: quotes, backslashes and control characters are escaped, text that
 * is not UTF-8 cannot break the document, and NULL is null. */
#include "config.h"

#include "cli/json_out.h"

#include <glib.h>

static char *render(const char *text)
{
	GString *out = g_string_new(NULL);

	l2c_json_append_string(out, text);
	return g_string_free(out, FALSE);
}

static void test_escapes(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"", "\"\""},
	    {"ppp0", "\"ppp0\""},
	    {"say \"hi\"", "\"say \\\"hi\\\"\""},
	    {"C:\\path", "\"C:\\\\path\""},
	    {"line\nnext\ttab\rret", "\"line\\nnext\\ttab\\rret\""},
	    {"\x01\x1f", "\"\\u0001\\u001f\""},
	    {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *got = render(cases[i].in);

		g_assert_cmpstr(got, ==, cases[i].out);
	}
}

static void test_null_and_invalid_utf8(void)
{
	g_autofree char *null = render(NULL);
	g_autofree char *bad = render("a\xff\"b");

	g_assert_cmpstr(null, ==, "null");
	/* The stray byte becomes U+FFFD; the quote is still escaped. */
	g_assert_cmpstr(bad, ==, "\"a\xef\xbf\xbd\\\"b\"");
	g_assert_true(g_utf8_validate(bad, -1, NULL));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cli/json/escapes", test_escapes);
	g_test_add_func("/cli/json/null-and-invalid-utf8", test_null_and_invalid_utf8);
	return g_test_run();
}
