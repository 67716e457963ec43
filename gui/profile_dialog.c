#include "config.h"

#include "gui/profile_dialog.h"

#include "util/i18n.h"

#include <errno.h>

struct profile_dialog {
	struct l2c_gui *gui;
	char *original_name; /* NULL for a new profile */
	GHashTable *settings;
	GPtrArray *fields;
	GtkWidget *name_entry;
	GtkWidget *notebook;
	GtkWidget *info_bar;
	GtkWidget *info_label;
	l2c_gui_profile_saved saved;
};

static const struct l2c_gui_field_spec general_fields[] = {
    {"vpn.gateway", N_("Gateway")},
    {"vpn.user", N_("User name")},
    {"vpn-secrets.password", N_("Password")},
    {"vpn.password-flags", N_("Password is")},
    {"vpn.user-auth-type", N_("User authentication")},
    {"vpn.ipsec-enabled", N_("Use IPsec")},
    {"vpn.machine-auth-type", N_("Machine authentication")},
    {"vpn-secrets.ipsec-psk", N_("Pre-shared key")},
    {"vpn.ipsec-psk-flags", N_("Pre-shared key is")},
};

static const struct l2c_gui_field_spec ppp_fields[] = {
    {"vpn.refuse-eap", NULL},
    {"vpn.refuse-pap", NULL},
    {"vpn.refuse-chap", NULL},
    {"vpn.refuse-mschap", NULL},
    {"vpn.refuse-mschapv2", NULL},
    {"vpn.require-mppe", NULL},
    {"vpn.require-mppe-40", NULL},
    {"vpn.require-mppe-128", NULL},
    {"vpn.mppe-stateful", NULL},
    {"vpn.nobsdcomp", NULL},
    {"vpn.nodeflate", NULL},
    {"vpn.no-vj-comp", NULL},
    {"vpn.mtu", N_("MTU")},
    {"vpn.mru", N_("MRU")},
    {"vpn.lcp-echo-failure", N_("LCP echo failures")},
    {"vpn.lcp-echo-interval", N_("LCP echo interval (s)")},
};

static const struct l2c_gui_field_spec ipsec_fields[] = {
    {"vpn.ipsec-ike", N_("Phase 1 (IKE) proposals")},
    {"vpn.ipsec-esp", N_("Phase 2 (ESP) proposals")},
    {"vpn.ipsec-pfs", NULL},
    {"vpn.ipsec-ikelifetime", N_("IKE lifetime")},
    {"vpn.ipsec-salifetime", N_("SA lifetime")},
    {"vpn.ipsec-remote-id", N_("Remote ID")},
    {"vpn.ipsec-forceencaps", NULL},
};

static const struct l2c_gui_field_spec route_fields[] = {
    {"ipv4.never-default", N_("Use this connection only for its own networks")},
    {"ipv4.route", N_("Routes (one per line)")},
    {"ipv4.dns", N_("DNS servers")},
    {"ipv4.dns-search", N_("Search domains")},
    {"ipv4.ignore-auto-dns", N_("Ignore the DNS servers the server sends")},
};

static struct profile_dialog *state_of(GtkWidget *dialog)
{
	return g_object_get_data(G_OBJECT(dialog), "l2c-profile-dialog");
}

static void profile_dialog_free(gpointer data)
{
	struct profile_dialog *self = data;

	g_free(self->original_name);
	g_hash_table_unref(self->settings);
	g_ptr_array_unref(self->fields);
	g_free(self);
}

static void add_page(struct profile_dialog *self, const char *title,
		     const struct l2c_gui_field_spec *specs, size_t n)
{
	GtkWidget *page = l2c_gui_fields_page(self->fields, specs, n);
	GtkWidget *scrolled = gtk_scrolled_window_new(NULL, NULL);

	gtk_scrolled_window_set_propagate_natural_height(GTK_SCROLLED_WINDOW(scrolled), TRUE);
	gtk_container_add(GTK_CONTAINER(scrolled), page);
	gtk_notebook_append_page(GTK_NOTEBOOK(self->notebook), scrolled,
				 gtk_label_new_with_mnemonic(title));
}

static GtkWidget *name_row(struct profile_dialog *self)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
	GtkWidget *label = gtk_label_new_with_mnemonic(_("Connection _name"));

	self->name_entry = gtk_entry_new();
	gtk_widget_set_hexpand(self->name_entry, TRUE);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), self->name_entry);
	if (self->original_name)
		gtk_entry_set_text(GTK_ENTRY(self->name_entry), self->original_name);
	gtk_container_add(GTK_CONTAINER(box), label);
	gtk_container_add(GTK_CONTAINER(box), self->name_entry);
	return box;
}

static void clear_error(struct profile_dialog *self)
{
	gtk_widget_hide(self->info_bar);
	for (guint i = 0; i < self->fields->len; i++) {
		struct l2c_gui_field *field = self->fields->pdata[i];

		gtk_style_context_remove_class(gtk_widget_get_style_context(field->widget),
					       "error");
	}
}

static void show_error(struct profile_dialog *self, const char *message)
{
	struct l2c_gui_field *field = l2c_gui_fields_named_in(self->fields, message);

	gtk_label_set_text(GTK_LABEL(self->info_label), message);
	gtk_widget_show(self->info_bar);
	if (!field)
		return;
	gtk_style_context_add_class(gtk_widget_get_style_context(field->widget), "error");
	gtk_notebook_set_current_page(
	    GTK_NOTEBOOK(self->notebook),
	    gtk_notebook_page_num(GTK_NOTEBOOK(self->notebook),
				  gtk_widget_get_ancestor(field->page, GTK_TYPE_SCROLLED_WINDOW)));
	gtk_widget_grab_focus(field->widget);
}

/* A renamed profile is saved under its new name first, so a failure loses nothing. */
static int save(struct profile_dialog *self)
{
	g_autoptr(GHashTable) settings = g_hash_table_ref(self->settings);
	g_autoptr(GHashTable) secrets =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_autofree char *name =
	    g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(self->name_entry))));
	g_autoptr(GError) error = NULL;

	clear_error(self);
	if (!*name) {
		show_error(self, _("The connection needs a name."));
		return -EINVAL;
	}
	l2c_gui_fields_store(self->fields, settings, secrets);
	if (l2c_gui_save_profile(self->gui->manager, name, settings, secrets, &error) < 0) {
		show_error(self, l2c_gui_error_text(error));
		return -EINVAL;
	}
	if (self->original_name && !g_str_equal(self->original_name, name) &&
	    !l2c_dbus_manager_call_delete_profile_sync(self->gui->manager, self->original_name,
						       NULL, &error)) {
		show_error(self, l2c_gui_error_text(error));
		return -EIO;
	}
	return 0;
}

int l2c_gui_profile_dialog_save(GtkWidget *dialog)
{
	struct profile_dialog *self = state_of(dialog);
	int rc = save(self);

	if (rc == 0) {
		if (self->saved)
			self->saved(self->gui);
		gtk_widget_destroy(dialog);
	}
	return rc;
}

static void on_response(GtkDialog *dialog, gint response, gpointer data)
{
	if (response == GTK_RESPONSE_OK)
		l2c_gui_profile_dialog_save(GTK_WIDGET(dialog));
	else
		gtk_widget_destroy(GTK_WIDGET(dialog));
}

static void on_destroy(GtkWidget *dialog, gpointer data)
{
	struct l2c_gui *gui = data;

	if (gui->profile_dialog == dialog)
		gui->profile_dialog = NULL;
}

static GtkWidget *error_bar(struct profile_dialog *self)
{
	self->info_bar = gtk_info_bar_new();
	self->info_label = gtk_label_new(NULL);
	gtk_label_set_line_wrap(GTK_LABEL(self->info_label), TRUE);
	gtk_info_bar_set_message_type(GTK_INFO_BAR(self->info_bar), GTK_MESSAGE_ERROR);
	gtk_container_add(
	    GTK_CONTAINER(gtk_info_bar_get_content_area(GTK_INFO_BAR(self->info_bar))),
	    self->info_label);
	gtk_widget_set_no_show_all(self->info_bar, TRUE);
	gtk_widget_show(self->info_label);
	return self->info_bar;
}

static GHashTable *settings_of(struct l2c_gui *gui, const char *name)
{
	g_autoptr(GError) error = NULL;
	GHashTable *settings;

	if (!name)
		return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	settings = l2c_gui_get_profile(gui->manager, name, &error);
	if (!settings) {
		l2c_gui_show_error(gui, _("Cannot read the connection"), l2c_gui_error_text(error));
		return NULL;
	}
	return settings;
}

void l2c_gui_profile_dialog_open(struct l2c_gui *gui, const char *name, l2c_gui_profile_saved saved)
{
	GHashTable *settings = settings_of(gui, name);
	struct profile_dialog *self;
	GtkWidget *dialog, *area;

	if (!settings)
		return;
	if (gui->profile_dialog)
		gtk_widget_destroy(gui->profile_dialog);
	self = g_new0(struct profile_dialog, 1);
	self->gui = gui;
	self->original_name = g_strdup(name);
	self->settings = settings;
	self->fields = g_ptr_array_new_with_free_func(l2c_gui_field_free);
	self->saved = saved;
	dialog = gtk_dialog_new_with_buttons(
	    name ? name : _("New connection"), GTK_WINDOW(gui->editor), 0, _("_Cancel"),
	    GTK_RESPONSE_CANCEL, _("_Save"), GTK_RESPONSE_OK, NULL);
	g_object_set_data_full(G_OBJECT(dialog), "l2c-profile-dialog", self, profile_dialog_free);
	area = gtk_dialog_get_content_area(GTK_DIALOG(dialog));
	gtk_container_set_border_width(GTK_CONTAINER(area), 12);
	gtk_box_set_spacing(GTK_BOX(area), 12);
	gtk_container_add(GTK_CONTAINER(area), error_bar(self));
	gtk_container_add(GTK_CONTAINER(area), name_row(self));
	self->notebook = gtk_notebook_new();
	add_page(self, _("_General"), general_fields, G_N_ELEMENTS(general_fields));
	add_page(self, _("_PPP"), ppp_fields, G_N_ELEMENTS(ppp_fields));
	add_page(self, _("_IPsec"), ipsec_fields, G_N_ELEMENTS(ipsec_fields));
	add_page(self, _("_Routes and DNS"), route_fields, G_N_ELEMENTS(route_fields));
	gtk_container_add(GTK_CONTAINER(area), self->notebook);
	l2c_gui_fields_load(self->fields, settings);
	gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
	g_signal_connect(dialog, "response", G_CALLBACK(on_response), NULL);
	g_signal_connect(dialog, "destroy", G_CALLBACK(on_destroy), gui);
	gui->profile_dialog = dialog;
	gtk_widget_show_all(dialog);
}

GPtrArray *l2c_gui_profile_dialog_fields(GtkWidget *dialog)
{
	return state_of(dialog)->fields;
}

GtkNotebook *l2c_gui_profile_dialog_notebook(GtkWidget *dialog)
{
	return GTK_NOTEBOOK(state_of(dialog)->notebook);
}

const char *l2c_gui_profile_dialog_error(GtkWidget *dialog)
{
	struct profile_dialog *self = state_of(dialog);

	return gtk_widget_get_visible(self->info_bar)
		   ? gtk_label_get_text(GTK_LABEL(self->info_label))
		   : NULL;
}
