/* The tray icon as an AppIndicator (StatusNotifierItem through libayatana-appindicator3): what
 * GNOME with the AppIndicator extension, KDE, Xfce and others show where XEmbed is gone. The
 * host draws the menu from a GtkMenu exported over D-Bus, so the menu is replaced whenever
 * the state changes instead of being built on a click. */
#pragma once

#include "gui/gui_app.h"

struct l2c_tray_indicator;

/* NULL when the app was built without libayatana-appindicator3. */
struct l2c_tray_indicator *l2c_tray_indicator_new(struct l2c_gui *gui);
void l2c_tray_indicator_free(struct l2c_tray_indicator *indicator);

/* Shows `icon_name` (described for screen readers by `description`) and `menu`, which the
 * indicator takes a reference on. */
void l2c_tray_indicator_show(struct l2c_tray_indicator *indicator, const char *icon_name,
			     const char *description, GtkWidget *menu);
