/* The tray icon and its menu: each profile with its state (activating it connects or
 * disconnects), "Edit connections…", "Quit". The icon shows the most active state.
 *
 * Shown as an AppIndicator (tray_indicator.c) while a StatusNotifierWatcher owns its name on
 * the session bus, else as an XEmbed GtkStatusIcon (tray_status_icon.c); the app follows
 * the watcher coming and going, since a panel often starts after the autostarted app. */
#pragma once

#include "gui/gui_app.h"

struct l2c_tray;

/* The state icons (gui/icons/, installed into hicolor/scalable/status). */
#define L2C_GUI_ICON_DISCONNECTED "l2tp-connect-disconnected-symbolic"
#define L2C_GUI_ICON_CONNECTING	  "l2tp-connect-connecting-symbolic"
#define L2C_GUI_ICON_CONNECTED	  "l2tp-connect-connected-symbolic"
#define L2C_GUI_ICON_ERROR	  "l2tp-connect-error-symbolic"
/* The application's icon (hicolor/scalable/apps and PNG renditions). */
#define L2C_GUI_ICON_APP "l2tp-connect"

struct l2c_tray *l2c_gui_tray_new(struct l2c_gui *gui);
void l2c_gui_tray_free(struct l2c_tray *tray);

/* The icon and tooltip follow the connections' states again. */
void l2c_gui_tray_update(struct l2c_gui *gui);

/* The menu, rebuilt from the service's profiles and connections (as before a popup). */
GtkWidget *l2c_gui_tray_menu(struct l2c_gui *gui);

/* The menu last built, or NULL. */
GtkWidget *l2c_gui_tray_menu_shown(struct l2c_gui *gui);

/* Pops the menu up at the pointer (what a click on the icon does). */
void l2c_gui_tray_popup(struct l2c_gui *gui);

/* For --test-script: the icon shown now, and "appindicator" or "status-icon". */
const char *l2c_gui_tray_icon_name(struct l2c_gui *gui);
const char *l2c_gui_tray_kind(struct l2c_gui *gui);
