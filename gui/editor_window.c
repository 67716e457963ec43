#include "config.h"

#include "gui/editor_window.h"

#include "gui/editor_actions.h"
#include "gui/profile_dialog.h"
#include "gui/tray.h"
#include "util/i18n.h"

enum { COLUMN_NAME, COLUMN_GATEWAY, N_COLUMNS };

static GtkTreeView *list_of(struct l2c_gui *gui)
{
	return g_object_get_data(G_OBJECT(gui->editor), "l2c-list");
}

static void append_row(struct l2c_gui *gui, GtkListStore *store, const char *name)
{
	g_autoptr(GHashTable) settings = l2c_gui_get_profile(gui->manager, name, NULL);
	const char *gateway = settings ? g_hash_table_lookup(settings, "vpn.gateway") : NULL;
	GtkTreeIter iter;

	gtk_list_store_append(store, &iter);
	gtk_list_store_set(store, &iter, COLUMN_NAME, name, COLUMN_GATEWAY, gateway ? gateway : "",
			   -1);
}

void l2c_gui_editor_reload(struct l2c_gui *gui)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) names = NULL;
	GtkListStore *store;

	if (!gui->editor)
		return;
	store = GTK_LIST_STORE(gtk_tree_view_get_model(list_of(gui)));
	gtk_list_store_clear(store);
	if (!l2c_dbus_manager_call_list_profiles_sync(gui->manager, &names, NULL, &error)) {
		l2c_gui_show_error(gui, _("Cannot list the connections"),
				   l2c_gui_error_text(error));
		return;
	}
	for (char **name = names; *name; name++)
		append_row(gui, store, *name);
	/* An AppIndicator's menu is built ahead: it lists the profiles just changed. */
	l2c_gui_tray_update(gui);
}

char **l2c_gui_editor_names(struct l2c_gui *gui)
{
	GtkTreeModel *model = gtk_tree_view_get_model(list_of(gui));
	GPtrArray *names = g_ptr_array_new();
	GtkTreeIter iter;

	for (gboolean more = gtk_tree_model_get_iter_first(model, &iter); more;
	     more = gtk_tree_model_iter_next(model, &iter)) {
		char *name;

		gtk_tree_model_get(model, &iter, COLUMN_NAME, &name, -1);
		g_ptr_array_add(names, name);
	}
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

static char *selected_name(struct l2c_gui *gui)
{
	GtkTreeModel *model;
	GtkTreeIter iter;
	char *name = NULL;

	if (gtk_tree_selection_get_selected(gtk_tree_view_get_selection(list_of(gui)), &model,
					    &iter))
		gtk_tree_model_get(model, &iter, COLUMN_NAME, &name, -1);
	return name;
}

static void on_add(GtkButton *button, struct l2c_gui *gui)
{
	l2c_gui_profile_dialog_open(gui, NULL, l2c_gui_editor_reload);
}

static void on_edit(GtkButton *button, struct l2c_gui *gui)
{
	g_autofree char *name = selected_name(gui);

	if (name)
		l2c_gui_profile_dialog_open(gui, name, l2c_gui_editor_reload);
}

static void on_row_activated(GtkTreeView *view, GtkTreePath *path, GtkTreeViewColumn *column,
			     struct l2c_gui *gui)
{
	on_edit(NULL, gui);
}

static gboolean confirm_delete(struct l2c_gui *gui, const char *name)
{
	GtkWidget *dialog =
	    gtk_message_dialog_new(GTK_WINDOW(gui->editor), GTK_DIALOG_MODAL, GTK_MESSAGE_QUESTION,
				   GTK_BUTTONS_NONE, _("Delete the connection %s?"), name);
	gint response;

	gtk_dialog_add_buttons(GTK_DIALOG(dialog), _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Delete"),
			       GTK_RESPONSE_ACCEPT, NULL);
	response = gtk_dialog_run(GTK_DIALOG(dialog));
	gtk_widget_destroy(dialog);
	return response == GTK_RESPONSE_ACCEPT;
}

static void on_delete(GtkButton *button, struct l2c_gui *gui)
{
	g_autofree char *name = selected_name(gui);

	if (!name || !confirm_delete(gui, name))
		return;
	l2c_gui_profile_delete(gui, name);
	l2c_gui_editor_reload(gui);
}

/* The copy opens at once, since it mostly exists to be changed (and renamed). */
static void on_duplicate(GtkButton *button, struct l2c_gui *gui)
{
	g_autofree char *name = selected_name(gui);
	g_autofree char *copy = name ? l2c_gui_profile_duplicate(gui, name) : NULL;

	l2c_gui_editor_reload(gui);
	if (copy)
		l2c_gui_profile_dialog_open(gui, copy, l2c_gui_editor_reload);
}

static void on_export(GtkButton *button, struct l2c_gui *gui)
{
	g_autofree char *name = selected_name(gui);
	g_autofree char *file_name = NULL;
	GtkFileChooserNative *chooser;

	if (!name)
		return;
	chooser = gtk_file_chooser_native_new(_("Export a NetworkManager connection"),
					      GTK_WINDOW(gui->editor), GTK_FILE_CHOOSER_ACTION_SAVE,
					      _("_Export"), _("_Cancel"));
	file_name = g_strdup_printf("%s.nmconnection", name);
	gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(chooser), file_name);
	gtk_file_chooser_set_do_overwrite_confirmation(GTK_FILE_CHOOSER(chooser), TRUE);
	if (gtk_native_dialog_run(GTK_NATIVE_DIALOG(chooser)) == GTK_RESPONSE_ACCEPT) {
		g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(chooser));

		l2c_gui_profile_export(gui, name, file);
	}
	g_object_unref(chooser);
}

static void on_import(GtkButton *button, struct l2c_gui *gui)
{
	GtkFileChooserNative *chooser = gtk_file_chooser_native_new(
	    _("Import a NetworkManager connection"), GTK_WINDOW(gui->editor),
	    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
	GtkFileFilter *filter = gtk_file_filter_new();

	gtk_file_filter_set_name(filter, _("NetworkManager connections"));
	gtk_file_filter_add_pattern(filter, "*.nmconnection");
	gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(chooser), filter);
	if (gtk_native_dialog_run(GTK_NATIVE_DIALOG(chooser)) == GTK_RESPONSE_ACCEPT) {
		g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(chooser));

		l2c_gui_profile_import(gui, file);
		l2c_gui_editor_reload(gui);
	}
	g_object_unref(chooser);
}

static GtkWidget *profile_list(struct l2c_gui *gui)
{
	GtkListStore *store = gtk_list_store_new(N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING);
	GtkWidget *view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(store));

	g_object_unref(store);
	gtk_tree_view_insert_column_with_attributes(GTK_TREE_VIEW(view), -1, _("Name"),
						    gtk_cell_renderer_text_new(), "text",
						    COLUMN_NAME, NULL);
	gtk_tree_view_insert_column_with_attributes(GTK_TREE_VIEW(view), -1, _("Gateway"),
						    gtk_cell_renderer_text_new(), "text",
						    COLUMN_GATEWAY, NULL);
	g_signal_connect(view, "row-activated", G_CALLBACK(on_row_activated), gui);
	return view;
}

static GtkWidget *button(const char *mnemonic, GCallback callback, struct l2c_gui *gui)
{
	GtkWidget *widget = gtk_button_new_with_mnemonic(mnemonic);

	g_signal_connect(widget, "clicked", callback, gui);
	return widget;
}

/* Edit, duplicate, delete and export act on the selected profile: greyed out without one. */
static void update_buttons(GtkTreeSelection *selection, GtkWidget *box)
{
	gboolean selected = gtk_tree_selection_count_selected_rows(selection) > 0;
	g_autoptr(GList) buttons = gtk_container_get_children(GTK_CONTAINER(box));

	for (GList *l = buttons; l; l = l->next)
		if (g_object_get_data(l->data, "l2c-needs-selection"))
			gtk_widget_set_sensitive(l->data, selected);
}

static GtkWidget *button_column(struct l2c_gui *gui, GtkTreeSelection *selection)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	const struct {
		const char *mnemonic;
		GCallback callback;
		gboolean needs_selection;
	} buttons[] = {
	    {_("_Add"), G_CALLBACK(on_add), FALSE},
	    {_("_Edit…"), G_CALLBACK(on_edit), TRUE},
	    {_("D_uplicate"), G_CALLBACK(on_duplicate), TRUE},
	    {_("_Delete"), G_CALLBACK(on_delete), TRUE},
	    {_("_Import…"), G_CALLBACK(on_import), FALSE},
	    {_("E_xport…"), G_CALLBACK(on_export), TRUE},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(buttons); i++) {
		GtkWidget *widget = button(buttons[i].mnemonic, buttons[i].callback, gui);

		if (buttons[i].needs_selection)
			g_object_set_data(G_OBJECT(widget), "l2c-needs-selection",
					  GINT_TO_POINTER(1));
		gtk_container_add(GTK_CONTAINER(box), widget);
	}
	g_signal_connect(selection, "changed", G_CALLBACK(update_buttons), box);
	update_buttons(selection, box);
	return box;
}

static void on_destroy(GtkWidget *window, struct l2c_gui *gui)
{
	gui->editor = NULL;
}

void l2c_gui_editor_present(struct l2c_gui *gui)
{
	GtkWidget *box, *scrolled, *list;

	if (gui->editor) {
		gtk_window_present(GTK_WINDOW(gui->editor));
		return;
	}
	gui->editor = gtk_application_window_new(gui->app);
	gtk_window_set_title(GTK_WINDOW(gui->editor), _("L2TP VPN Connections"));
	gtk_window_set_default_size(GTK_WINDOW(gui->editor), 480, 300);
	box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	gtk_container_set_border_width(GTK_CONTAINER(box), 12);
	scrolled = gtk_scrolled_window_new(NULL, NULL);
	gtk_widget_set_hexpand(scrolled, TRUE);
	list = profile_list(gui);
	gtk_container_add(GTK_CONTAINER(scrolled), list);
	gtk_container_add(GTK_CONTAINER(box), scrolled);
	gtk_container_add(GTK_CONTAINER(box),
			  button_column(gui, gtk_tree_view_get_selection(GTK_TREE_VIEW(list))));
	gtk_container_add(GTK_CONTAINER(gui->editor), box);
	g_object_set_data(G_OBJECT(gui->editor), "l2c-list", list);
	g_signal_connect(gui->editor, "destroy", G_CALLBACK(on_destroy), gui);
	l2c_gui_editor_reload(gui);
	gtk_widget_show_all(gui->editor);
}
