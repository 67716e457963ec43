#include "config.h"

#include "gui/secrets_dialog.h"

#include "util/i18n.h"

struct secrets_request {
	struct l2c_gui *gui;
	char *name;
	l2c_gui_secrets_answer answer;
};

const char *l2c_gui_secret_label(const char *secret)
{
	static const struct {
		const char *name;
		const char *label;
	} labels[] = {
	    {"password", N_("Password")},
	    {"user-certpass", N_("User key password")},
	    {"ipsec-psk", N_("IPsec pre-shared key")},
	    {"machine-certpass", N_("Machine key password")},
	    {"tunnel-secret", N_("L2TP tunnel secret")},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(labels); i++)
		if (g_str_equal(labels[i].name, secret))
			return _(labels[i].label);
	return secret;
}

static GHashTable *secrets_from_entries(GtkWidget *grid)
{
	GHashTable *secrets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_autoptr(GList) children = gtk_container_get_children(GTK_CONTAINER(grid));

	for (GList *l = children; l; l = l->next) {
		const char *secret = g_object_get_data(l->data, "l2c-secret");

		if (secret)
			g_hash_table_replace(secrets, g_strdup(secret),
					     g_strdup(gtk_entry_get_text(l->data)));
	}
	return secrets;
}

static void on_response(GtkDialog *dialog, gint response, gpointer data)
{
	struct secrets_request *request = data;
	g_autoptr(GHashTable) secrets = NULL;

	if (response == GTK_RESPONSE_OK)
		secrets = secrets_from_entries(g_object_get_data(G_OBJECT(dialog), "l2c-grid"));
	if (request->gui->secrets_dialog == GTK_WIDGET(dialog))
		request->gui->secrets_dialog = NULL;
	gtk_widget_destroy(GTK_WIDGET(dialog));
	request->answer(request->gui, request->name, secrets);
	g_free(request->name);
	g_free(request);
}

static GtkWidget *secrets_grid(const char *const *missing)
{
	GtkWidget *grid = gtk_grid_new();

	gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
	for (int row = 0; missing[row]; row++) {
		GtkWidget *label = gtk_label_new_with_mnemonic(l2c_gui_secret_label(missing[row]));
		GtkWidget *entry = gtk_entry_new();

		gtk_label_set_xalign(GTK_LABEL(label), 1.0);
		gtk_label_set_mnemonic_widget(GTK_LABEL(label), entry);
		gtk_entry_set_visibility(GTK_ENTRY(entry), FALSE);
		gtk_entry_set_activates_default(GTK_ENTRY(entry), TRUE);
		gtk_widget_set_hexpand(entry, TRUE);
		g_object_set_data_full(G_OBJECT(entry), "l2c-secret", g_strdup(missing[row]),
				       g_free);
		gtk_grid_attach(GTK_GRID(grid), label, 0, row, 1, 1);
		gtk_grid_attach(GTK_GRID(grid), entry, 1, row, 1, 1);
	}
	return grid;
}

void l2c_gui_secrets_dialog_run(struct l2c_gui *gui, const char *name, const char *const *missing,
				l2c_gui_secrets_answer answer)
{
	struct secrets_request *request;
	g_autofree char *title = NULL;
	GtkWidget *dialog, *area, *grid, *intro;

	/* One question at a time: a second connect waits for the first one's answer. */
	if (gui->secrets_dialog) {
		gtk_window_present(GTK_WINDOW(gui->secrets_dialog));
		return;
	}
	request = g_new0(struct secrets_request, 1);
	title = g_strdup_printf(_("Connect %s"), name);
	dialog = gtk_dialog_new_with_buttons(title, NULL, 0, _("_Cancel"), GTK_RESPONSE_CANCEL,
					     _("C_onnect"), GTK_RESPONSE_OK, NULL);
	area = gtk_dialog_get_content_area(GTK_DIALOG(dialog));
	grid = secrets_grid(missing);
	intro = gtk_label_new(_("The connection needs secrets it does not store."));

	request->gui = gui;
	request->name = g_strdup(name);
	request->answer = answer;
	gtk_container_set_border_width(GTK_CONTAINER(area), 12);
	gtk_box_set_spacing(GTK_BOX(area), 12);
	gtk_container_add(GTK_CONTAINER(area), intro);
	gtk_container_add(GTK_CONTAINER(area), grid);
	g_object_set_data(G_OBJECT(dialog), "l2c-grid", grid);
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	g_signal_connect(dialog, "response", G_CALLBACK(on_response), request);
	gui->secrets_dialog = dialog;
	gtk_widget_show_all(dialog);
}
