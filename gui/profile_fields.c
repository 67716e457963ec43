#include "config.h"

#include "gui/profile_fields.h"

#include "util/i18n.h"

#include <string.h>

/* "1" "2" "4": where a secret comes from (enum l2c_secret_flags, NetworkManager's values). */
static const struct {
	const char *value;
	const char *label;
} secret_flag_choices[] = {
    {"0", N_("Store for all users")},
    {"1", N_("Store for this user")},
    {"2", N_("Ask every time")},
    {"4", N_("Not required")},
};

static gboolean is_routes(const struct l2c_profile_key *entry)
{
	return entry->type == L2C_KEY_ROUTE && (entry->flags & L2C_KEY_NUMBERED);
}

static gboolean is_check(const struct l2c_profile_key *entry)
{
	return entry->type == L2C_KEY_BOOL || entry->type == L2C_KEY_KEYFILE_BOOL;
}

static GtkWidget *combo_for(const struct l2c_profile_key *entry)
{
	GtkWidget *combo = gtk_combo_box_text_new();

	if (entry->type == L2C_KEY_SECRET_FLAGS) {
		for (gsize i = 0; i < G_N_ELEMENTS(secret_flag_choices); i++)
			gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo),
						  secret_flag_choices[i].value,
						  _(secret_flag_choices[i].label));
	} else if (entry->type == L2C_KEY_TRISTATE) {
		gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), "", _("Automatic"));
		gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), "yes", _("Yes"));
		gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), "no", _("No"));
	} else {
		for (const char *const *c = entry->choices; *c; c++)
			gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), *c, *c);
	}
	return combo;
}

static GtkWidget *widget_for(const struct l2c_profile_key *entry, const char *label)
{
	GtkWidget *widget;

	if (is_check(entry))
		return gtk_check_button_new_with_label(label);
	if (entry->type == L2C_KEY_ENUM || entry->type == L2C_KEY_SECRET_FLAGS ||
	    entry->type == L2C_KEY_TRISTATE)
		return combo_for(entry);
	if (is_routes(entry)) {
		widget = gtk_text_view_new();
		gtk_text_view_set_monospace(GTK_TEXT_VIEW(widget), TRUE);
		gtk_widget_set_size_request(widget, -1, 80);
		return widget;
	}
	widget = gtk_entry_new();
	gtk_widget_set_hexpand(widget, TRUE);
	if (entry->type == L2C_KEY_SECRET) {
		gtk_entry_set_visibility(GTK_ENTRY(widget), FALSE);
		gtk_entry_set_placeholder_text(GTK_ENTRY(widget), _("(unchanged)"));
	} else if (entry->default_value) {
		gtk_entry_set_placeholder_text(GTK_ENTRY(widget), entry->default_value);
	}
	return widget;
}

/* "ipv4.route" stands for the numbered keys route1, route2, ... */
static const struct l2c_profile_key *lookup(const char *key)
{
	g_autofree char *section = g_strdup(key);
	char *dot = strchr(section, '.');
	const struct l2c_profile_key *entry;
	g_autofree char *first = NULL;

	if (!dot)
		return NULL;
	*dot = '\0';
	entry = l2c_profile_key_lookup(section, dot + 1);
	if (entry)
		return entry;
	first = g_strdup_printf("%s1", dot + 1);
	entry = l2c_profile_key_lookup(section, first);
	return entry && (entry->flags & L2C_KEY_NUMBERED) ? entry : NULL;
}

void l2c_gui_field_free(gpointer data)
{
	struct l2c_gui_field *field = data;

	g_free(field->key);
	g_free(field);
}

static void attach_row(GtkWidget *grid, int row, struct l2c_gui_field *field, const char *text)
{
	GtkWidget *label;

	if (is_check(field->entry)) {
		gtk_grid_attach(GTK_GRID(grid), field->widget, 0, row, 2, 1);
		return;
	}
	label = gtk_label_new(text);
	gtk_label_set_xalign(GTK_LABEL(label), 1.0);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), field->widget);
	gtk_grid_attach(GTK_GRID(grid), label, 0, row, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), field->widget, 1, row, 1, 1);
}

GtkWidget *l2c_gui_fields_page(GPtrArray *fields, const struct l2c_gui_field_spec *specs,
			       size_t n_specs)
{
	GtkWidget *grid = gtk_grid_new();

	gtk_container_set_border_width(GTK_CONTAINER(grid), 12);
	gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
	for (size_t i = 0; i < n_specs; i++) {
		const struct l2c_profile_key *entry = lookup(specs[i].key);
		struct l2c_gui_field *field;
		const char *text;

		if (!entry) {
			g_warning("the key table has no %s", specs[i].key);
			continue;
		}
		text = specs[i].label ? _(specs[i].label) : _(entry->summary);
		field = g_new0(struct l2c_gui_field, 1);
		field->key = g_strdup(specs[i].key);
		field->entry = entry;
		field->widget = widget_for(entry, text);
		field->page = grid;
		gtk_widget_set_tooltip_text(field->widget, specs[i].key);
		attach_row(grid, (int)i, field, text);
		g_ptr_array_add(fields, field);
	}
	return grid;
}

/* ipv4.route1, ipv4.route2, ... in order, one per line. */
static char *routes_text(const char *stem, GHashTable *settings)
{
	GString *text = g_string_new(NULL);

	for (unsigned n = 1; n < 1000; n++) {
		g_autofree char *key = g_strdup_printf("%s%u", stem, n);
		const char *value = g_hash_table_lookup(settings, key);

		if (value)
			g_string_append_printf(text, "%s\n", value);
	}
	return g_string_free(text, FALSE);
}

static void load_field(struct l2c_gui_field *field, GHashTable *settings)
{
	const char *value = g_hash_table_lookup(settings, field->key);

	if (!value)
		value = field->entry->default_value;
	if (is_check(field->entry)) {
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(field->widget),
					     g_strcmp0(value, "yes") == 0 ||
						 g_strcmp0(value, "true") == 0);
	} else if (GTK_IS_COMBO_BOX(field->widget)) {
		gtk_combo_box_set_active_id(GTK_COMBO_BOX(field->widget), value ? value : "");
	} else if (is_routes(field->entry)) {
		g_autofree char *text = routes_text(field->key, settings);

		gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(field->widget)),
					 text, -1);
	} else if (field->entry->type != L2C_KEY_SECRET) {
		/* The default shows as the placeholder, so that it is not saved as a value. */
		value = g_hash_table_lookup(settings, field->key);
		gtk_entry_set_text(GTK_ENTRY(field->widget), value ? value : "");
	}
}

void l2c_gui_fields_load(GPtrArray *fields, GHashTable *settings)
{
	for (guint i = 0; i < fields->len; i++)
		load_field(fields->pdata[i], settings);
}

static void remove_numbered(GHashTable *settings, const char *stem)
{
	GHashTableIter iter;
	gpointer key;
	size_t length = strlen(stem);

	g_hash_table_iter_init(&iter, settings);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		const char *rest = (const char *)key + length;

		if (strncmp(key, stem, length) == 0 && *rest &&
		    strspn(rest, "0123456789") == strlen(rest))
			g_hash_table_iter_remove(&iter);
	}
}

static void store_routes(struct l2c_gui_field *field, GHashTable *settings)
{
	GtkTextBuffer *buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(field->widget));
	GtkTextIter start, end;
	g_autofree char *text = NULL;
	g_auto(GStrv) lines = NULL;
	unsigned n = 0;

	gtk_text_buffer_get_bounds(buffer, &start, &end);
	text = gtk_text_buffer_get_text(buffer, &start, &end, FALSE);
	lines = g_strsplit(text, "\n", -1);
	remove_numbered(settings, field->key);
	for (char **line = lines; *line; line++) {
		g_strstrip(*line);
		if (**line)
			g_hash_table_replace(settings, g_strdup_printf("%s%u", field->key, ++n),
					     g_strdup(*line));
	}
}

static char *field_value(struct l2c_gui_field *field)
{
	gboolean on;

	if (is_check(field->entry)) {
		on = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(field->widget));
		if (field->entry->type == L2C_KEY_KEYFILE_BOOL)
			return g_strdup(on ? "true" : "false");
		return g_strdup(on ? "yes" : "no");
	}
	if (GTK_IS_COMBO_BOX(field->widget))
		return g_strdup(gtk_combo_box_get_active_id(GTK_COMBO_BOX(field->widget)));
	return g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(field->widget))));
}

static void store_field(struct l2c_gui_field *field, GHashTable *settings, GHashTable *secrets)
{
	char *value;

	if (is_routes(field->entry)) {
		store_routes(field, settings);
		return;
	}
	value = field_value(field);
	if (field->entry->type == L2C_KEY_SECRET) {
		if (value && *value)
			g_hash_table_replace(secrets, g_strdup(field->entry->name), value);
		else
			g_free(value);
		return;
	}
	if (!value || !*value || g_strcmp0(value, field->entry->default_value) == 0) {
		g_hash_table_remove(settings, field->key);
		g_free(value);
		return;
	}
	g_hash_table_replace(settings, g_strdup(field->key), value);
}

void l2c_gui_fields_store(GPtrArray *fields, GHashTable *settings, GHashTable *secrets)
{
	for (guint i = 0; i < fields->len; i++)
		store_field(fields->pdata[i], settings, secrets);
}

struct l2c_gui_field *l2c_gui_fields_find(GPtrArray *fields, const char *key)
{
	for (guint i = 0; i < fields->len; i++) {
		struct l2c_gui_field *field = fields->pdata[i];

		if (g_str_equal(field->key, key))
			return field;
	}
	return NULL;
}

/* Whole words only: "mtu" must not match inside "mtu-something" of another key. */
static gboolean names_word(const char *message, const char *word)
{
	size_t length = strlen(word);

	for (const char *at = strstr(message, word); at; at = strstr(at + 1, word)) {
		gboolean starts = at == message || !(g_ascii_isalnum(at[-1]) || at[-1] == '-');
		gboolean ends = !(g_ascii_isalnum(at[length]) || at[length] == '-');

		if (starts && ends)
			return TRUE;
	}
	return FALSE;
}

struct l2c_gui_field *l2c_gui_fields_named_in(GPtrArray *fields, const char *message)
{
	for (guint i = 0; i < fields->len; i++) {
		struct l2c_gui_field *field = fields->pdata[i];

		if (names_word(message, field->key) || names_word(message, field->entry->name))
			return field;
	}
	return NULL;
}

void l2c_gui_field_set_text(struct l2c_gui_field *field, const char *value)
{
	if (is_check(field->entry))
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(field->widget),
					     g_str_equal(value, "yes") ||
						 g_str_equal(value, "true"));
	else if (GTK_IS_COMBO_BOX(field->widget))
		gtk_combo_box_set_active_id(GTK_COMBO_BOX(field->widget), value);
	else if (is_routes(field->entry))
		gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(field->widget)),
					 value, -1);
	else
		gtk_entry_set_text(GTK_ENTRY(field->widget), value);
}
