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

/* What people read for a choice of the key table; the value itself where it says enough. */
static const char *choice_label(const char *value)
{
	static const struct {
		const char *value;
		const char *label;
	} labels[] = {
	    {"password", N_("Password")},
	    {"psk", N_("Pre-shared key")},
	    {"tls", N_("Certificate (TLS)")},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(labels); i++)
		if (g_str_equal(labels[i].value, value))
			return _(labels[i].label);
	return value;
}

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
			gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), *c, choice_label(*c));
	}
	return combo;
}

static void on_choose_file(GtkEntry *entry, GtkEntryIconPosition position, GdkEvent *event,
			   gpointer data)
{
	GtkWidget *toplevel = gtk_widget_get_toplevel(GTK_WIDGET(entry));
	GtkFileChooserNative *chooser = gtk_file_chooser_native_new(
	    _("Choose a file"), GTK_IS_WINDOW(toplevel) ? GTK_WINDOW(toplevel) : NULL,
	    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));

	if (gtk_native_dialog_run(GTK_NATIVE_DIALOG(chooser)) == GTK_RESPONSE_ACCEPT) {
		g_autofree char *path = gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(chooser));

		if (path)
			gtk_entry_set_text(entry, path);
	}
	g_object_unref(chooser);
}

static GtkWidget *entry_for(const struct l2c_profile_key *entry)
{
	GtkWidget *widget = gtk_entry_new();

	gtk_widget_set_hexpand(widget, TRUE);
	/* Enter in any field saves, as the dialog's default button would. */
	gtk_entry_set_activates_default(GTK_ENTRY(widget), TRUE);
	if (entry->type == L2C_KEY_SECRET) {
		gtk_entry_set_visibility(GTK_ENTRY(widget), FALSE);
		gtk_entry_set_placeholder_text(GTK_ENTRY(widget), _("(unchanged)"));
	} else if (entry->default_value) {
		gtk_entry_set_placeholder_text(GTK_ENTRY(widget), entry->default_value);
	}
	if (entry->type == L2C_KEY_PATH) {
		gtk_entry_set_icon_from_icon_name(GTK_ENTRY(widget), GTK_ENTRY_ICON_SECONDARY,
						  "document-open-symbolic");
		gtk_entry_set_icon_tooltip_text(GTK_ENTRY(widget), GTK_ENTRY_ICON_SECONDARY,
						_("Choose a file"));
		g_signal_connect(widget, "icon-press", G_CALLBACK(on_choose_file), NULL);
	}
	return widget;
}

static GtkWidget *widget_for(const struct l2c_profile_key *entry, const char *mnemonic)
{
	GtkWidget *widget;

	if (is_check(entry))
		return gtk_check_button_new_with_mnemonic(mnemonic);
	if (entry->type == L2C_KEY_ENUM || entry->type == L2C_KEY_SECRET_FLAGS ||
	    entry->type == L2C_KEY_TRISTATE)
		return combo_for(entry);
	if (is_routes(entry)) {
		widget = gtk_text_view_new();
		gtk_text_view_set_monospace(GTK_TEXT_VIEW(widget), TRUE);
		gtk_widget_set_size_request(widget, -1, 80);
		return widget;
	}
	return entry_for(entry);
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

static void attach_row(GtkWidget *grid, int row, struct l2c_gui_field *field, const char *mnemonic)
{
	GtkWidget *label;

	if (is_check(field->entry)) {
		gtk_grid_attach(GTK_GRID(grid), field->widget, 0, row, 2, 1);
		return;
	}
	label = gtk_label_new_with_mnemonic(mnemonic);
	field->label = label;
	gtk_label_set_xalign(GTK_LABEL(label), 1.0);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), field->widget);
	gtk_grid_attach(GTK_GRID(grid), label, 0, row, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), field->widget, 1, row, 1, 1);
}

static const char *label_text(const struct l2c_gui_field_spec *spec,
			      const struct l2c_profile_key *entry)
{
	if (!entry)
		return "";
	return spec->label ? _(spec->label) : _(entry->summary);
}

GtkWidget *l2c_gui_fields_page(GPtrArray *fields, const struct l2c_gui_field_spec *specs,
			       size_t n_specs, const char *taken)
{
	GtkWidget *grid = gtk_grid_new();
	g_autofree const char **texts = g_new0(const char *, n_specs + 1);
	g_auto(GStrv) mnemonics = NULL;

	for (size_t i = 0; i < n_specs; i++)
		texts[i] = label_text(&specs[i], lookup(specs[i].key));
	mnemonics = l2c_gui_mnemonics(texts, n_specs, taken);
	gtk_container_set_border_width(GTK_CONTAINER(grid), 12);
	gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
	for (size_t i = 0; i < n_specs; i++) {
		const struct l2c_profile_key *entry = lookup(specs[i].key);
		struct l2c_gui_field *field;

		if (!entry) {
			g_warning("the key table has no %s", specs[i].key);
			continue;
		}
		field = g_new0(struct l2c_gui_field, 1);
		field->key = g_strdup(specs[i].key);
		field->entry = entry;
		field->widget = widget_for(entry, mnemonics[i]);
		field->page = grid;
		gtk_widget_set_tooltip_text(field->widget, specs[i].key);
		attach_row(grid, (int)i, field, mnemonics[i]);
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

static char *text_view_text(GtkWidget *view)
{
	GtkTextBuffer *buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(view));
	GtkTextIter start, end;

	gtk_text_buffer_get_bounds(buffer, &start, &end);
	return gtk_text_buffer_get_text(buffer, &start, &end, FALSE);
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
	g_autofree char *text = text_view_text(field->widget);
	g_auto(GStrv) lines = NULL;
	unsigned n = 0;

	lines = g_strsplit(text, "\n", -1);
	remove_numbered(settings, field->key);
	for (char **line = lines; *line; line++) {
		g_strstrip(*line);
		if (**line)
			g_hash_table_replace(settings, g_strdup_printf("%s%u", field->key, ++n),
					     g_strdup(*line));
	}
}

char *l2c_gui_field_value(struct l2c_gui_field *field)
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
	if (GTK_IS_TEXT_VIEW(field->widget))
		return text_view_text(field->widget);
	return g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(field->widget))));
}

static void store_field(struct l2c_gui_field *field, GHashTable *settings, GHashTable *secrets)
{
	char *value;

	if (is_routes(field->entry)) {
		store_routes(field, settings);
		return;
	}
	value = l2c_gui_field_value(field);
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

/* The field of the core's "[section] key: problem" form, or NULL. A numbered key
 * ("route2") stands for its field ("ipv4.route"). */
static struct l2c_gui_field *field_of_prefix(GPtrArray *fields, const char *message)
{
	g_autofree char *section = NULL, *key = NULL;
	const struct l2c_profile_key *entry;
	const char *close, *colon;

	if (message[0] != '[' || !(close = strstr(message, "] ")) || !(colon = strchr(close, ':')))
		return NULL;
	section = g_strndup(message + 1, close - message - 1);
	key = g_strndup(close + 2, colon - close - 2);
	entry = l2c_profile_key_lookup(section, key);
	for (guint i = 0; entry && i < fields->len; i++) {
		struct l2c_gui_field *field = fields->pdata[i];

		if (field->entry == entry)
			return field;
	}
	return NULL;
}

struct l2c_gui_field *l2c_gui_fields_named_in(GPtrArray *fields, const char *message)
{
	struct l2c_gui_field *named = field_of_prefix(fields, message);

	if (named)
		return named;
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

void l2c_gui_fields_on_change(GPtrArray *fields, GCallback callback, gpointer data)
{
	for (guint i = 0; i < fields->len; i++) {
		struct l2c_gui_field *field = fields->pdata[i];
		GObject *source = G_OBJECT(field->widget);
		const char *signal = "changed";

		if (GTK_IS_TEXT_VIEW(field->widget))
			source = G_OBJECT(gtk_text_view_get_buffer(GTK_TEXT_VIEW(field->widget)));
		else if (GTK_IS_TOGGLE_BUTTON(field->widget))
			signal = "toggled";
		g_signal_connect_swapped(source, signal, callback, data);
	}
}

void l2c_gui_field_set_sensitive(struct l2c_gui_field *field, gboolean sensitive)
{
	if (!field)
		return;
	gtk_widget_set_sensitive(field->widget, sensitive);
	if (field->label)
		gtk_widget_set_sensitive(field->label, sensitive);
}
