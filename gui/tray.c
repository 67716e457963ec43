#include "config.h"

#include "gui/tray.h"

#include "gui/connections.h"
#include "gui/editor_window.h"
#include "gui/tray_indicator.h"
#include "gui/tray_status_icon.h"
#include "util/i18n.h"

/* The name a StatusNotifierItem host owns on the session bus (KDE named the protocol). */
#define STATUS_NOTIFIER_WATCHER "org.kde.StatusNotifierWatcher"

struct l2c_tray {
	struct l2c_gui *gui;
	struct l2c_tray_status_icon *status_icon; /* always made; hidden under an indicator */
	struct l2c_tray_indicator *indicator;	  /* while a host runs, else NULL */
	guint watch_id;
	const char *icon_name; /* shown now: one of L2C_GUI_ICON_* */
	GtkWidget *menu;
};

/* The state people read in the menu. */
static const char *state_label(const char *state)
{
	if (!state || g_str_equal(state, "disconnected"))
		return _("disconnected");
	if (g_str_equal(state, "connecting"))
		return _("connecting");
	if (g_str_equal(state, "connected"))
		return _("connected");
	if (g_str_equal(state, "reconnecting"))
		return _("reconnecting");
	if (g_str_equal(state, "disconnecting"))
		return _("disconnecting");
	if (g_str_equal(state, "failed"))
		return _("failed");
	return state;
}

static gboolean is_up(const char *state)
{
	return state && (g_str_equal(state, "connecting") || g_str_equal(state, "connected") ||
			 g_str_equal(state, "reconnecting"));
}

static void on_profile_activate(GtkMenuItem *item, gpointer data)
{
	struct l2c_gui *gui = data;
	const char *name = g_object_get_data(G_OBJECT(item), "l2c-profile");

	if (is_up(l2c_gui_connection_state(gui, name)))
		l2c_gui_disconnect(gui, name);
	else
		l2c_gui_connect(gui, name);
}

static void on_edit_activate(GtkMenuItem *item, gpointer data)
{
	l2c_gui_editor_present(data);
}

static void on_quit_activate(GtkMenuItem *item, gpointer data)
{
	struct l2c_gui *gui = data;

	g_application_quit(G_APPLICATION(gui->app));
}

static GtkWidget *profile_item(struct l2c_gui *gui, const char *name)
{
	const char *state = l2c_gui_connection_state(gui, name);
	g_autofree char *text = g_strdup_printf(_("%s (%s)"), name, state_label(state));
	GtkWidget *item = gtk_check_menu_item_new_with_label(text);

	/* The check mark shows the state; set before the handler so it does not fire. */
	gtk_check_menu_item_set_active(GTK_CHECK_MENU_ITEM(item), is_up(state));
	g_object_set_data_full(G_OBJECT(item), "l2c-profile", g_strdup(name), g_free);
	g_signal_connect(item, "activate", G_CALLBACK(on_profile_activate), gui);
	return item;
}

static void append(GtkWidget *menu, GtkWidget *item)
{
	gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
}

static GtkWidget *action_item(const char *mnemonic, GCallback callback, struct l2c_gui *gui)
{
	GtkWidget *item = gtk_menu_item_new_with_mnemonic(mnemonic);

	g_signal_connect(item, "activate", callback, gui);
	return item;
}

static void append_profiles(struct l2c_gui *gui, GtkWidget *menu)
{
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) names = NULL;
	GtkWidget *item;

	if (!l2c_dbus_manager_call_list_profiles_sync(gui->manager, &names, NULL, &error)) {
		item = gtk_menu_item_new_with_label(l2c_gui_error_text(error));
		gtk_widget_set_sensitive(item, FALSE);
		append(menu, item);
		return;
	}
	if (!names[0]) {
		item = gtk_menu_item_new_with_label(_("No connections"));
		gtk_widget_set_sensitive(item, FALSE);
		append(menu, item);
	}
	for (char **name = names; *name; name++)
		append(menu, profile_item(gui, *name));
}

GtkWidget *l2c_gui_tray_menu(struct l2c_gui *gui)
{
	struct l2c_tray *tray = gui->tray;

	if (tray->menu)
		gtk_widget_destroy(tray->menu);
	tray->menu = gtk_menu_new();
	l2c_gui_connections_refresh(gui);
	append_profiles(gui, tray->menu);
	append(tray->menu, gtk_separator_menu_item_new());
	append(tray->menu, action_item(_("_Edit Connections…"), G_CALLBACK(on_edit_activate), gui));
	append(tray->menu, action_item(_("_Quit"), G_CALLBACK(on_quit_activate), gui));
	gtk_widget_show_all(tray->menu);
	return tray->menu;
}

GtkWidget *l2c_gui_tray_menu_shown(struct l2c_gui *gui)
{
	return gui->tray ? gui->tray->menu : NULL;
}

/* Where the pointer is, on the screen: for a popup that no click triggered (a keyboard
 * shortcut of the panel, --test-script). */
static GdkRectangle pointer_rectangle(void)
{
	GdkSeat *seat = gdk_display_get_default_seat(gdk_display_get_default());
	GdkRectangle rectangle = {0, 0, 1, 1};

	gdk_window_get_device_position(gdk_get_default_root_window(), gdk_seat_get_pointer(seat),
				       &rectangle.x, &rectangle.y, NULL);
	return rectangle;
}

void l2c_gui_tray_popup(struct l2c_gui *gui)
{
	GtkMenu *menu = GTK_MENU(l2c_gui_tray_menu(gui));
	g_autoptr(GdkEvent) event = gtk_get_current_event();
	GdkRectangle at;

	if (event) {
		gtk_menu_popup_at_pointer(menu, event);
		return;
	}
	at = pointer_rectangle();
	gtk_menu_popup_at_rect(menu, gdk_get_default_root_window(), &at, GDK_GRAVITY_SOUTH_EAST,
			       GDK_GRAVITY_NORTH_WEST, NULL);
}

/* The icon of the "most active" state: an error shows until something connects. Symbolic
 * icons take the panel's foreground colour, so they read on light and dark themes. */
static const char *icon_for(struct l2c_gui *gui)
{
	GHashTableIter iter;
	gpointer connection;
	gboolean connecting = FALSE, connected = FALSE, failed = FALSE;

	g_hash_table_iter_init(&iter, gui->connections);
	while (g_hash_table_iter_next(&iter, NULL, &connection)) {
		const char *state = l2c_dbus_connection_get_state(connection);

		connected |= g_strcmp0(state, "connected") == 0;
		connecting |=
		    g_strcmp0(state, "connecting") == 0 || g_strcmp0(state, "reconnecting") == 0;
		failed |= g_strcmp0(state, "failed") == 0;
	}
	if (connected)
		return L2C_GUI_ICON_CONNECTED;
	if (connecting)
		return L2C_GUI_ICON_CONNECTING;
	if (failed)
		return L2C_GUI_ICON_ERROR;
	return L2C_GUI_ICON_DISCONNECTED;
}

/* What a screen reader says for the icon. */
static const char *description_of(const char *icon)
{
	if (g_str_equal(icon, L2C_GUI_ICON_CONNECTED))
		return _("L2TP VPN: connected");
	if (g_str_equal(icon, L2C_GUI_ICON_CONNECTING))
		return _("L2TP VPN: connecting");
	if (g_str_equal(icon, L2C_GUI_ICON_ERROR))
		return _("L2TP VPN: a connection failed");
	return _("L2TP VPN: disconnected");
}

void l2c_gui_tray_update(struct l2c_gui *gui)
{
	struct l2c_tray *tray = gui->tray;

	if (!tray)
		return;
	tray->icon_name = icon_for(gui);
	if (tray->indicator) {
		GtkWidget *old = tray->menu;

		/* The indicator exports the menu it holds: hand it the new one before the old
		 * one goes. */
		tray->menu = NULL;
		l2c_tray_indicator_show(tray->indicator, tray->icon_name,
					description_of(tray->icon_name), l2c_gui_tray_menu(gui));
		if (old)
			gtk_widget_destroy(old);
		return;
	}
	l2c_tray_status_icon_show(tray->status_icon, tray->icon_name,
				  description_of(tray->icon_name));
}

const char *l2c_gui_tray_icon_name(struct l2c_gui *gui)
{
	return gui->tray ? gui->tray->icon_name : NULL;
}

const char *l2c_gui_tray_kind(struct l2c_gui *gui)
{
	if (!gui->tray)
		return "none";
	return gui->tray->indicator ? "appindicator" : "status-icon";
}

/* A host for AppIndicators appeared (a panel started after us, or runs already). */
static void on_watcher_appeared(GDBusConnection *bus, const char *name, const char *owner,
				gpointer data)
{
	struct l2c_gui *gui = data;
	struct l2c_tray *tray = gui->tray;

	if (tray->indicator)
		return;
	tray->indicator = l2c_tray_indicator_new(gui);
	if (!tray->indicator)
		return;
	l2c_tray_status_icon_set_visible(tray->status_icon, FALSE);
	l2c_gui_tray_update(gui);
}

/* The host went away: back to the XEmbed icon, which X11 trays still show. */
static void on_watcher_vanished(GDBusConnection *bus, const char *name, gpointer data)
{
	struct l2c_gui *gui = data;
	struct l2c_tray *tray = gui->tray;

	if (!tray->indicator)
		return;
	l2c_tray_indicator_free(tray->indicator);
	tray->indicator = NULL;
	l2c_tray_status_icon_set_visible(tray->status_icon, TRUE);
	l2c_gui_tray_update(gui);
}

static void watch_for_indicator_host(struct l2c_gui *gui)
{
	GDBusConnection *session = g_application_get_dbus_connection(G_APPLICATION(gui->app));

	if (!session)
		return;
	gui->tray->watch_id = g_bus_watch_name_on_connection(
	    session, STATUS_NOTIFIER_WATCHER, G_BUS_NAME_WATCHER_FLAGS_NONE, on_watcher_appeared,
	    on_watcher_vanished, gui, NULL);
}

struct l2c_tray *l2c_gui_tray_new(struct l2c_gui *gui)
{
	struct l2c_tray *tray = g_new0(struct l2c_tray, 1);

	tray->gui = gui;
	tray->status_icon = l2c_tray_status_icon_new(gui);
	gui->tray = tray;
	watch_for_indicator_host(gui);
	l2c_gui_tray_update(gui);
	return tray;
}

void l2c_gui_tray_free(struct l2c_tray *tray)
{
	if (!tray)
		return;
	if (tray->watch_id)
		g_bus_unwatch_name(tray->watch_id);
	l2c_tray_indicator_free(tray->indicator);
	l2c_tray_status_icon_free(tray->status_icon);
	if (tray->menu)
		gtk_widget_destroy(tray->menu);
	g_free(tray);
}
