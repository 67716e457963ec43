/* gettext for every string a person reads. glibc carries libintl, so the GLib-free
 * layers can translate too. */
#pragma once

#include <libintl.h>

#define _(s)  dgettext(GETTEXT_PACKAGE, s)
#define N_(s) (s)
