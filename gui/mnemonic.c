#include "config.h"

#include "gui/mnemonic.h"

#include <string.h>

struct matching {
	GArray **letters;  /* per text: its usable letters (lower case), in text order */
	GHashTable *owner; /* letter => 1 + index of the text holding it */
	GHashTable *seen;  /* letters tried in the current search */
	gunichar *choice;  /* per text, 0 when none */
};

static gboolean is_taken(const char *taken, gunichar c)
{
	char utf8[8] = {0};

	g_unichar_to_utf8(c, utf8);
	return strstr(taken, utf8) != NULL;
}

/* The distinct letters and digits of `text` that `taken` leaves free, first ones first. */
static GArray *usable_letters(const char *text, const char *taken)
{
	GArray *letters = g_array_new(FALSE, FALSE, sizeof(gunichar));

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_unichar_tolower(g_utf8_get_char(p));
		gboolean known = FALSE;

		for (guint i = 0; i < letters->len; i++)
			known |= g_array_index(letters, gunichar, i) == c;
		if (g_unichar_isalnum(c) && !known && !is_taken(taken, c))
			g_array_append_val(letters, c);
	}
	return letters;
}

/* Kuhn's augmenting path: gives text `i` a letter, moving others to free ones if needed. */
static gboolean assign(struct matching *m, size_t i)
{
	GArray *letters = m->letters[i];

	for (guint k = 0; k < letters->len; k++) {
		gunichar c = g_array_index(letters, gunichar, k);
		gpointer key = GUINT_TO_POINTER(c);
		size_t holder;

		if (g_hash_table_contains(m->seen, key))
			continue;
		g_hash_table_add(m->seen, key);
		holder = GPOINTER_TO_SIZE(g_hash_table_lookup(m->owner, key));
		if (holder == 0 || assign(m, holder - 1)) {
			g_hash_table_insert(m->owner, key, GSIZE_TO_POINTER(i + 1));
			m->choice[i] = c;
			return TRUE;
		}
	}
	return FALSE;
}

static char *with_mnemonic(const char *text, gunichar letter)
{
	GString *out = g_string_new(NULL);
	gboolean marked = letter == 0;

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		if (!marked && g_unichar_tolower(g_utf8_get_char(p)) == letter) {
			g_string_append_c(out, '_');
			marked = TRUE;
		}
		if (*p == '_')
			g_string_append_c(out, '_');
		g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	return g_string_free(out, FALSE);
}

char **l2c_gui_mnemonics(const char *const *texts, size_t n, const char *taken)
{
	struct matching m = {
	    .letters = g_new0(GArray *, n),
	    .owner = g_hash_table_new(NULL, NULL),
	    .seen = g_hash_table_new(NULL, NULL),
	    .choice = g_new0(gunichar, n),
	};
	char **out = g_new0(char *, n + 1);

	for (size_t i = 0; i < n; i++)
		m.letters[i] = usable_letters(texts[i], taken);
	for (size_t i = 0; i < n; i++) {
		g_hash_table_remove_all(m.seen);
		assign(&m, i);
	}
	for (size_t i = 0; i < n; i++) {
		out[i] = with_mnemonic(texts[i], m.choice[i]);
		g_array_unref(m.letters[i]);
	}
	g_free(m.letters);
	g_free(m.choice);
	g_hash_table_unref(m.owner);
	g_hash_table_unref(m.seen);
	return out;
}
