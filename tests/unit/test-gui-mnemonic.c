/* The editor's run-time mnemonics (gui/mnemonic.c): unique, avoiding the letters taken, and
 * found for every label whenever an assignment exists. */
#include "config.h"

#include "gui/mnemonic.h"

#include <string.h>

static void test_avoids_taken_letters(void)
{
	const char *texts[] = {"Gateway", "MTU"};
	g_auto(GStrv) out = l2c_gui_mnemonics(texts, 2, "gm");

	g_assert_cmpstr(out[0], ==, "G_ateway");
	g_assert_cmpstr(out[1], ==, "M_TU");
	g_assert_null(out[2]);
}

/* Taking each label's first free letter would leave "A" without one. */
static void test_moves_a_letter_to_make_room(void)
{
	const char *texts[] = {"Ab", "A"};
	g_auto(GStrv) out = l2c_gui_mnemonics(texts, 2, "");

	g_assert_cmpstr(out[0], ==, "A_b");
	g_assert_cmpstr(out[1], ==, "_A");
}

static void test_same_letter_never_twice(void)
{
	const char *texts[] = {"Refuse PAP", "Refuse CHAP", "Refuse EAP", "Require MPPE"};
	g_auto(GStrv) out = l2c_gui_mnemonics(texts, 4, "cs");
	GString *seen = g_string_new(NULL);

	for (int i = 0; i < 4; i++) {
		const char *underscore = strchr(out[i], '_');
		char letter;

		g_assert_nonnull(underscore);
		letter = g_ascii_tolower(underscore[1]);
		g_assert_null(strchr(seen->str, letter));
		g_assert_true(letter != 'c' && letter != 's');
		g_string_append_c(seen, letter);
	}
	g_string_free(seen, TRUE);
}

static void test_underscores_doubled(void)
{
	const char *texts[] = {"a_b", "ab"};
	g_auto(GStrv) out = l2c_gui_mnemonics(texts, 2, "");

	g_assert_cmpstr(out[0], ==, "a___b"); /* a literal "_", then the mnemonic b */
	g_assert_cmpstr(out[1], ==, "_ab");
}

static void test_no_letter_left(void)
{
	const char *texts[] = {"x"};
	g_auto(GStrv) out = l2c_gui_mnemonics(texts, 1, "x");

	g_assert_cmpstr(out[0], ==, "x");
}

static void test_non_ascii_letters(void)
{
	const char *texts[] = {"Über", "über"};
	g_auto(GStrv) out = l2c_gui_mnemonics(texts, 2, "");

	/* "ü" and "Ü" are one mnemonic: the second label keeps it, the first moves on. */
	g_assert_cmpstr(out[0], ==, "Ü_ber");
	g_assert_cmpstr(out[1], ==, "_über");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/gui/mnemonic/avoids-taken", test_avoids_taken_letters);
	g_test_add_func("/gui/mnemonic/moves-to-make-room", test_moves_a_letter_to_make_room);
	g_test_add_func("/gui/mnemonic/unique", test_same_letter_never_twice);
	g_test_add_func("/gui/mnemonic/underscores", test_underscores_doubled);
	g_test_add_func("/gui/mnemonic/none-left", test_no_letter_left);
	g_test_add_func("/gui/mnemonic/non-ascii", test_non_ascii_letters);
	return g_test_run();
}
