/* The tray icon and its menu: each profile with its state (activating it connects or
 * disconnects), "Edit connections…", "Quit".
 *
 * GtkStatusIcon (XEmbed system tray), not libayatana-appindicator3: it needs no library
 * beyond GTK and works under every X11 panel that still has a tray and in the Xvfb test;
 * desktops that dropped XEmbed (GNOME without an extension) need an AppIndicator port,
 * which can replace this file alone. */
#pragma once

#include "gui/gui_app.h"

struct l2c_tray;

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
