/* Mnemonics chosen at run time: the editor's labels come from the key table and from
 * translations, so no fixed underscore could stay unique on a page in every language. */
#pragma once

#include <glib.h>

/* `texts` with "_" before the letter each one gets (their own underscores doubled): no two
 * share a letter, none takes one of `taken` (the buttons' and tabs'), each prefers its
 * earlier letters. The choice is a bipartite matching (augmenting paths), so every text gets
 * a letter whenever any assignment could give every text one. NULL-terminated, g_strfreev. */
char **l2c_gui_mnemonics(const char *const *texts, size_t n, const char *taken);
