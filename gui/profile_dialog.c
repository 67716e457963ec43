#include "config.h"

#include "gui/profile_dialog.h"

#include "core/profile/profile.h"
#include "gui/field_check.h"
#include "gui/keyring.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

struct profile_dialog {
	struct l2c_gui *gui;
	char *original_name; /* NULL for a new profile */
	GHashTable *settings;
	GPtrArray *fields;
	GtkWidget *dialog;
	GtkWidget *name_entry;
	GtkWidget *notebook;
	GtkWidget *info_bar;
	GtkWidget *info_label;
	GString *taken_mnemonics; /* of the buttons, tabs and name: not for the fields */
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

/* The user's own certificate, for PPP's EAP-TLS (user authentication "tls"). */
static const struct l2c_gui_field_spec user_cert_fields[] = {
    {"vpn.user-ca", N_("CA certificate")},
    {"vpn.user-cert", N_("User certificate")},
    {"vpn.user-key", N_("User private key")},
    {"vpn-secrets.user-certpass", N_("User key password")},
    {"vpn.user-certpass-flags", N_("User key password is")},
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
    {"vpn.ipsec-pfs", N_("Perfect forward secrecy (PFS)")},
    {"vpn.ipsec-ikelifetime", N_("IKE lifetime")},
    {"vpn.ipsec-salifetime", N_("SA lifetime")},
    {"vpn.ipsec-remote-id", N_("Remote ID")},
    {"vpn.ipsec-forceencaps", N_("Always encapsulate ESP in UDP")},
    {"vpn.machine-ca", N_("CA certificate")},
    {"vpn.machine-cert", N_("Machine certificate")},
    {"vpn.machine-key", N_("Machine private key")},
    {"vpn-secrets.machine-certpass", N_("Machine key password")},
    {"vpn.machine-certpass-flags", N_("Machine key password is")},
};

/* Shown only for their machine authentication: the PSK ones or the certificate ones. */
static const char *const psk_keys[] = {"vpn-secrets.ipsec-psk", "vpn.ipsec-psk-flags", NULL};
static const char *const machine_cert_keys[] = {"vpn.machine-ca",
						"vpn.machine-cert",
						"vpn.machine-key",
						"vpn-secrets.machine-certpass",
						"vpn.machine-certpass-flags",
						NULL};
static const char *const user_cert_keys[] = {"vpn.user-ca",
					     "vpn.user-cert",
					     "vpn.user-key",
					     "vpn-secrets.user-certpass",
					     "vpn.user-certpass-flags",
					     NULL};

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
	g_string_free(self->taken_mnemonics, TRUE);
	g_free(self);
}

static void add_page(struct profile_dialog *self, const char *title,
		     const struct l2c_gui_field_spec *specs, size_t n)
{
	GtkWidget *page = l2c_gui_fields_page(self->fields, specs, n, self->taken_mnemonics->str);
	GtkWidget *scrolled = gtk_scrolled_window_new(NULL, NULL);

	/* As wide as the widest page, scrolling only down when the screen is short. */
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_NEVER,
				       GTK_POLICY_AUTOMATIC);
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
	gtk_entry_set_activates_default(GTK_ENTRY(self->name_entry), TRUE);
	gtk_widget_set_hexpand(self->name_entry, TRUE);
	gtk_label_set_mnemonic_widget(GTK_LABEL(label), self->name_entry);
	if (self->original_name)
		gtk_entry_set_text(GTK_ENTRY(self->name_entry), self->original_name);
	gtk_container_add(GTK_CONTAINER(box), label);
	gtk_container_add(GTK_CONTAINER(box), self->name_entry);
	return box;
}

static void mark(GtkWidget *widget, gboolean wrong)
{
	GtkStyleContext *style = gtk_widget_get_style_context(widget);

	if (wrong)
		gtk_style_context_add_class(style, GTK_STYLE_CLASS_ERROR);
	else
		gtk_style_context_remove_class(style, GTK_STYLE_CLASS_ERROR);
}

static void clear_error(struct profile_dialog *self)
{
	gtk_widget_hide(self->info_bar);
	mark(self->name_entry, FALSE);
	for (guint i = 0; i < self->fields->len; i++)
		mark(((struct l2c_gui_field *)self->fields->pdata[i])->widget, FALSE);
}

static void show_message(struct profile_dialog *self, const char *message)
{
	gtk_label_set_text(GTK_LABEL(self->info_label), message);
	gtk_widget_show(self->info_bar);
}

static void show_error(struct profile_dialog *self, const char *message)
{
	struct l2c_gui_field *field = l2c_gui_fields_named_in(self->fields, message);

	show_message(self, message);
	if (!field)
		return;
	mark(field->widget, TRUE);
	gtk_notebook_set_current_page(
	    GTK_NOTEBOOK(self->notebook),
	    gtk_notebook_page_num(GTK_NOTEBOOK(self->notebook),
				  gtk_widget_get_ancestor(field->page, GTK_TYPE_SCROLLED_WINDOW)));
	gtk_widget_grab_focus(field->widget);
}

static GHashTable *settings_copy(GHashTable *settings)
{
	GHashTable *copy = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, settings);
	while (g_hash_table_iter_next(&iter, &key, &value))
		g_hash_table_replace(copy, g_strdup(key), g_strdup(value));
	return copy;
}

/* Marks every field whose own value is wrong; returns the first such problem. */
static char *mark_field_problems(struct profile_dialog *self)
{
	char *first = NULL;

	for (guint i = 0; i < self->fields->len; i++) {
		struct l2c_gui_field *field = self->fields->pdata[i];
		char *problem = l2c_gui_field_problem(field);

		mark(field->widget, problem != NULL);
		if (!first)
			first = problem;
		else
			g_free(problem);
	}
	return first;
}

/* The rules between keys, only once every field is fine on its own. */
static char *form_problem(struct profile_dialog *self)
{
	g_autoptr(GHashTable) settings = settings_copy(self->settings);
	g_autoptr(GHashTable) secrets =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)l2c_secret_free);
	char *problem;
	struct l2c_gui_field *field;

	l2c_gui_fields_store(self->fields, settings, secrets);
	problem = l2c_gui_settings_problem(settings);
	field = problem ? l2c_gui_fields_named_in(self->fields, problem) : NULL;
	if (field)
		mark(field->widget, TRUE);
	return problem;
}

static gboolean uses_certificate(struct profile_dialog *self, const char *auth_key)
{
	struct l2c_gui_field *auth = l2c_gui_fields_find(self->fields, auth_key);
	g_autofree char *type = auth ? l2c_gui_field_value(auth) : NULL;

	return g_strcmp0(type, "tls") == 0;
}

static void set_sensitive(struct profile_dialog *self, const char *const *keys, gboolean on)
{
	for (const char *const *key = keys; *key; key++)
		l2c_gui_field_set_sensitive(l2c_gui_fields_find(self->fields, *key), on);
}

/* Only the fields of the authentication chosen can be edited: PSK or machine certificate,
 * password or user certificate. */
static void show_auth_fields(struct profile_dialog *self)
{
	gboolean machine_cert = uses_certificate(self, "vpn.machine-auth-type");

	set_sensitive(self, psk_keys, !machine_cert);
	set_sensitive(self, machine_cert_keys, machine_cert);
	set_sensitive(self, user_cert_keys, uses_certificate(self, "vpn.user-auth-type"));
}

/* Runs on every change: the first problem is shown above the fields, each wrong field is
 * marked, and Save waits until the form is right. The service checks again on save. */
static void check_as_typed(struct profile_dialog *self)
{
	g_autofree char *name =
	    g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(self->name_entry))));
	g_autofree char *name_problem = l2c_gui_name_problem(name);
	g_autofree char *problem = mark_field_problems(self);

	show_auth_fields(self);
	mark(self->name_entry, name_problem != NULL);
	if (!problem && !name_problem)
		problem = form_problem(self);
	if (name_problem || problem)
		show_message(self, name_problem ? name_problem : problem);
	else
		gtk_widget_hide(self->info_bar);
	gtk_dialog_set_response_sensitive(GTK_DIALOG(self->dialog), GTK_RESPONSE_OK,
					  !name_problem && !problem);
}

/* Whether the secret's flags field says "store for this user" (1): the keyring's. */
static gboolean is_for_keyring(struct profile_dialog *self, const char *secret)
{
	int index = l2c_secret_from_name(secret);

	for (guint i = 0; i < self->fields->len; i++) {
		struct l2c_gui_field *field = self->fields->pdata[i];
		g_autofree char *flags = NULL;

		if (field->entry->type != L2C_KEY_SECRET_FLAGS || field->entry->secret != index)
			continue;
		flags = l2c_gui_field_value(field);
		return g_strcmp0(flags, "1") == 0;
	}
	return FALSE;
}

/* Moves the typed secrets the user keeps in the keyring out of `secrets`, leaving an empty
 * value in their place so the service drops a copy it stored before. */
static GHashTable *take_keyring_secrets(struct profile_dialog *self, GHashTable *secrets)
{
	GHashTable *taken =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)l2c_secret_free);
	GHashTableIter iter;
	gpointer name, value;

	g_hash_table_iter_init(&iter, secrets);
	while (g_hash_table_iter_next(&iter, &name, &value)) {
		if (!is_for_keyring(self, name))
			continue;
		g_hash_table_replace(taken, g_strdup(name), g_strdup(value));
		g_hash_table_iter_replace(&iter, g_strdup("")); /* frees (scrubs) the old value */
	}
	return taken;
}

/* After SaveProfile (the service has given a new profile its uuid): the typed secrets the
 * user keeps go into the keyring, and a secret `was_kept` there (L2C_SECRET_BIT) whose
 * flags changed leaves it. */
static int sync_keyring(struct profile_dialog *self, const char *name, unsigned was_kept,
			GHashTable *secrets, GError **error)
{
	g_autoptr(GHashTable) saved = NULL;
	const char *uuid;
	GHashTableIter iter;
	gpointer secret, value;

	if (!was_kept && g_hash_table_size(secrets) == 0)
		return 0;
	saved = l2c_gui_get_profile(self->gui->manager, name, error);
	if (!saved)
		return -EIO;
	uuid = g_hash_table_lookup(saved, "connection.uuid");
	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if ((was_kept & L2C_SECRET_BIT(s)) &&
		    !l2c_gui_secret_in_keyring(saved, l2c_secret_name(s)))
			l2c_gui_keyring_forget(uuid, l2c_secret_name(s));
	g_hash_table_iter_init(&iter, secrets);
	while (g_hash_table_iter_next(&iter, &secret, &value))
		if (l2c_gui_keyring_store(uuid, name, secret, value, error) < 0)
			return -EIO;
	return 0;
}

/* A renamed profile is saved under its new name first, so a failure loses nothing. */
static int save(struct profile_dialog *self)
{
	g_autoptr(GHashTable) settings = g_hash_table_ref(self->settings);
	g_autoptr(GHashTable) secrets =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)l2c_secret_free);
	g_autoptr(GHashTable) keyring_secrets = NULL;
	unsigned was_kept = 0;
	g_autofree char *name =
	    g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(self->name_entry))));
	g_autoptr(GError) error = NULL;

	clear_error(self);
	if (!*name) {
		show_error(self, _("The connection needs a name."));
		return -EINVAL;
	}
	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (l2c_gui_secret_in_keyring(settings, l2c_secret_name(s)))
			was_kept |= L2C_SECRET_BIT(s);
	l2c_gui_fields_store(self->fields, settings, secrets);
	keyring_secrets = take_keyring_secrets(self, secrets);
	if (l2c_gui_save_profile(self->gui->manager, name, settings, secrets, &error) < 0) {
		show_error(self, l2c_gui_error_text(error));
		return -EINVAL;
	}
	if (sync_keyring(self, name, was_kept, keyring_secrets, &error) < 0) {
		g_autofree char *message = g_strdup_printf(
		    _("Saved, but the keyring did not take the secrets: %s"), error->message);

		show_message(self, message);
		return -EIO;
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

/* The mnemonic letters of `labels` (translated, with their "_"), which the fields avoid. */
static GString *mnemonics_of(const char *const *labels)
{
	GString *taken = g_string_new(NULL);

	for (const char *const *label = labels; *label; label++) {
		const char *underscore = strchr(*label, '_');

		if (underscore && underscore[1])
			g_string_append_unichar(taken,
						g_unichar_tolower(g_utf8_get_char(underscore + 1)));
	}
	return taken;
}

static GtkWidget *dialog_new(struct profile_dialog *self, const char *name)
{
	const char *cancel = _("_Cancel"), *save = _("_Save");
	const char *tabs[] = {_("_General"), _("_PPP"), _("_TLS"), _("_IPsec"),
			      _("_Routes and DNS")};
	const char *const taken[] = {
	    cancel, save, _("Connection _name"), tabs[0], tabs[1], tabs[2], tabs[3], tabs[4], NULL};
	GtkWidget *dialog = gtk_dialog_new_with_buttons(
	    name ? name : _("New connection"), GTK_WINDOW(self->gui->editor), 0, cancel,
	    GTK_RESPONSE_CANCEL, save, GTK_RESPONSE_OK, NULL);
	GtkWidget *area = gtk_dialog_get_content_area(GTK_DIALOG(dialog));

	self->dialog = dialog;
	self->taken_mnemonics = mnemonics_of(taken);
	gtk_container_set_border_width(GTK_CONTAINER(area), 12);
	gtk_box_set_spacing(GTK_BOX(area), 12);
	gtk_container_add(GTK_CONTAINER(area), error_bar(self));
	gtk_container_add(GTK_CONTAINER(area), name_row(self));
	self->notebook = gtk_notebook_new();
	add_page(self, tabs[0], general_fields, G_N_ELEMENTS(general_fields));
	add_page(self, tabs[1], ppp_fields, G_N_ELEMENTS(ppp_fields));
	add_page(self, tabs[2], user_cert_fields, G_N_ELEMENTS(user_cert_fields));
	add_page(self, tabs[3], ipsec_fields, G_N_ELEMENTS(ipsec_fields));
	add_page(self, tabs[4], route_fields, G_N_ELEMENTS(route_fields));
	gtk_container_add(GTK_CONTAINER(area), self->notebook);
	return dialog;
}

void l2c_gui_profile_dialog_open(struct l2c_gui *gui, const char *name, l2c_gui_profile_saved saved)
{
	GHashTable *settings = settings_of(gui, name);
	struct profile_dialog *self;
	GtkWidget *dialog;

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
	dialog = dialog_new(self, name);
	g_object_set_data_full(G_OBJECT(dialog), "l2c-profile-dialog", self, profile_dialog_free);
	l2c_gui_fields_load(self->fields, settings);
	show_auth_fields(self);
	/* Checked from the first change on, not at opening: a new profile starts empty. */
	l2c_gui_fields_on_change(self->fields, G_CALLBACK(check_as_typed), self);
	g_signal_connect_swapped(self->name_entry, "changed", G_CALLBACK(check_as_typed), self);
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

gboolean l2c_gui_profile_dialog_can_save(GtkWidget *dialog)
{
	GtkWidget *button = gtk_dialog_get_widget_for_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);

	return button && gtk_widget_get_sensitive(button);
}

GtkWidget *l2c_gui_profile_dialog_name_entry(GtkWidget *dialog)
{
	return state_of(dialog)->name_entry;
}

static void collect_mnemonics(GtkWidget *widget, gpointer data)
{
	GArray *keyvals = data;

	if (GTK_IS_LABEL(widget)) {
		guint keyval = gtk_label_get_mnemonic_keyval(GTK_LABEL(widget));

		if (keyval != GDK_KEY_VoidSymbol)
			g_array_append_val(keyvals, keyval);
	} else if (GTK_IS_CONTAINER(widget)) {
		gtk_container_forall(GTK_CONTAINER(widget), collect_mnemonics, keyvals);
	}
}

/* The keys that work on every page: the buttons, the name and the tabs. */
static GArray *common_mnemonics(struct profile_dialog *self)
{
	GArray *keyvals = g_array_new(FALSE, FALSE, sizeof(guint));
	GtkNotebook *notebook = GTK_NOTEBOOK(self->notebook);

	collect_mnemonics(
	    gtk_dialog_get_widget_for_response(GTK_DIALOG(self->dialog), GTK_RESPONSE_OK), keyvals);
	collect_mnemonics(
	    gtk_dialog_get_widget_for_response(GTK_DIALOG(self->dialog), GTK_RESPONSE_CANCEL),
	    keyvals);
	collect_mnemonics(gtk_widget_get_parent(self->name_entry), keyvals);
	for (int i = 0; i < gtk_notebook_get_n_pages(notebook); i++)
		collect_mnemonics(
		    gtk_notebook_get_tab_label(notebook, gtk_notebook_get_nth_page(notebook, i)),
		    keyvals);
	return keyvals;
}

static char *duplicate_in(GArray *keyvals)
{
	for (guint i = 0; i < keyvals->len; i++)
		for (guint j = i + 1; j < keyvals->len; j++)
			if (gdk_keyval_to_lower(g_array_index(keyvals, guint, i)) ==
			    gdk_keyval_to_lower(g_array_index(keyvals, guint, j)))
				return g_strdup_printf(
				    "Alt+%s is used twice",
				    gdk_keyval_name(g_array_index(keyvals, guint, i)));
	return NULL;
}

static char *field_without_mnemonic(GPtrArray *fields)
{
	for (guint i = 0; i < fields->len; i++) {
		struct l2c_gui_field *field = fields->pdata[i];
		GtkWidget *label =
		    field->label ? field->label : gtk_bin_get_child(GTK_BIN(field->widget));

		if (gtk_label_get_mnemonic_keyval(GTK_LABEL(label)) == GDK_KEY_VoidSymbol)
			return g_strdup_printf("%s has no mnemonic", field->key);
	}
	return NULL;
}

char *l2c_gui_profile_dialog_mnemonic_problem(GtkWidget *dialog)
{
	struct profile_dialog *self = state_of(dialog);
	GtkNotebook *notebook = GTK_NOTEBOOK(self->notebook);
	char *problem = field_without_mnemonic(self->fields);

	for (int i = 0; !problem && i < gtk_notebook_get_n_pages(notebook); i++) {
		g_autoptr(GArray) keyvals = common_mnemonics(self);

		collect_mnemonics(gtk_notebook_get_nth_page(notebook, i), keyvals);
		problem = duplicate_in(keyvals);
	}
	return problem;
}
