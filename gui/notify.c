/* Failures need the user's attention even when no notification server runs (a dialog);
 * everything else is a passing desktop notification. */
#include "config.h"

#include "gui/gui_app.h"

#include "util/i18n.h"

static void forget_error_dialog(GtkWidget *dialog, gint response, gpointer data)
{
	struct l2c_gui *gui = data;

	if (gui->error_dialog == dialog)
		gui->error_dialog = NULL;
	gtk_widget_destroy(dialog);
}

void l2c_gui_notify(struct l2c_gui *gui, const char *title, const char *body)
{
	g_autoptr(GNotification) notification = g_notification_new(title);

	if (body && *body)
		g_notification_set_body(notification, body);
	/* GIO's notification backends need the session bus. */
	if (g_application_get_dbus_connection(G_APPLICATION(gui->app)))
		g_application_send_notification(G_APPLICATION(gui->app), "l2tp-connect-state",
						notification);
}

void l2c_gui_show_error(struct l2c_gui *gui, const char *title, const char *detail)
{
	GtkWidget *dialog;

	g_free(gui->last_notice);
	gui->last_notice = g_strdup_printf("%s: %s", title, detail ? detail : "");
	l2c_gui_notify(gui, title, detail);

	if (gui->error_dialog)
		gtk_widget_destroy(gui->error_dialog);
	dialog = gtk_message_dialog_new(NULL, 0, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", title);
	if (detail && *detail)
		gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(dialog), "%s", detail);
	gtk_window_set_title(GTK_WINDOW(dialog), _("L2TP VPN"));
	g_signal_connect(dialog, "response", G_CALLBACK(forget_error_dialog), gui);
	gui->error_dialog = dialog;
	gtk_widget_show(dialog);
}
