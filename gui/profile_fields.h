/* The editor's fields, built from the profile key table: a key's type picks the widget
 * (check box for yes/no, choice for an enumeration, entry otherwise, a text area for the
 * numbered routes) and its summary is the label when the page gives none. A field reads
 * and writes the service's settings dictionary ("section.key" => value). */
#pragma once

#include "core/profile/profile_keys.h"
#include "gui/mnemonic.h"

#include <gtk/gtk.h>

struct l2c_gui_field_spec {
	const char *key;   /* "section.key" */
	const char *label; /* N_() text, or NULL for the key's summary */
};

struct l2c_gui_field {
	char *key;
	const struct l2c_profile_key *entry;
	GtkWidget *widget;
	GtkWidget *label; /* NULL for a check box, which carries its own */
	GtkWidget *page;  /* the notebook page that holds it */
};

/* A page of fields: a grid with one row per spec, the fields appended to `fields` (a
 * GPtrArray of struct l2c_gui_field, freeing them with l2c_gui_field_free). Each label gets
 * a mnemonic of its own, avoiding the letters in `taken` (those of the dialog's buttons and
 * tabs). */
GtkWidget *l2c_gui_fields_page(GPtrArray *fields, const struct l2c_gui_field_spec *specs,
			       size_t n_specs, const char *taken);

void l2c_gui_field_free(gpointer field);

/* Shows the values of `settings` (absent keys: their defaults). */
void l2c_gui_fields_load(GPtrArray *fields, GHashTable *settings);

/* Writes the fields into `settings` (a value equal to the default is removed) and the
 * secrets typed in into `secrets` (an empty secret entry keeps the stored one). */
void l2c_gui_fields_store(GPtrArray *fields, GHashTable *settings, GHashTable *secrets);

/* The field whose key a service error names ("… mtu …"), or NULL. */
struct l2c_gui_field *l2c_gui_fields_named_in(GPtrArray *fields, const char *message);

/* The field for `key`, or NULL. */
struct l2c_gui_field *l2c_gui_fields_find(GPtrArray *fields, const char *key);

/* The field's value as text: "yes"/"no" (or "true"/"false") for a check box, the choice's
 * id, the routes one per line. Free with g_free. */
char *l2c_gui_field_value(struct l2c_gui_field *field);

/* Calls `callback(data)` whenever any of the fields changes. */
void l2c_gui_fields_on_change(GPtrArray *fields, GCallback callback, gpointer data);

/* Greys a field and its label out, or back in; NULL is ignored. */
void l2c_gui_field_set_sensitive(struct l2c_gui_field *field, gboolean sensitive);

/* Sets a field's value as text (a check box takes "yes"/"true"), as if typed. */
void l2c_gui_field_set_text(struct l2c_gui_field *field, const char *value);
