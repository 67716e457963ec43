/* What the tray app's parts share: the service, the active connections it follows and the
 * windows that are open. One per process, owned by main.c. */
#pragma once

#include "gui/gui_client.h"

#include <gtk/gtk.h>

struct l2c_gui {
	GtkApplication *app;
	L2cDbusManager *manager;
	GHashTable *connections;     /* object path => L2cDbusConnection */
	gboolean connections_listed; /* once: later ones are announced when found */
	struct l2c_tray *tray;
	GtkWidget *editor;	   /* the connection editor window, or NULL */
	GtkWidget *profile_dialog; /* the open edit dialog, or NULL */
	GtkWidget *secrets_dialog; /* the open password dialog, or NULL */
	GtkWidget *error_dialog;   /* the last failure dialog still open, or NULL */
	char *last_notice;	   /* the last failure shown, for --test-script */
	int exit_status;
};

/* Shows a failure to the user (a dialog that stays until dismissed, and a desktop
 * notification) and remembers it as the last notice. */
void l2c_gui_show_error(struct l2c_gui *gui, const char *title, const char *detail);

/* A desktop notification only (connected, disconnected, reconnecting). */
void l2c_gui_notify(struct l2c_gui *gui, const char *title, const char *body);
