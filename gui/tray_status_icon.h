/* The tray icon as an XEmbed GtkStatusIcon: what X11 panels with a system tray show, and the
 * fallback when no StatusNotifierWatcher (AppIndicator host) runs on the session bus. A click
 * pops up the menu tray.c builds. */
#pragma once

#include "gui/gui_app.h"

struct l2c_tray_status_icon;

struct l2c_tray_status_icon *l2c_tray_status_icon_new(struct l2c_gui *gui);
void l2c_tray_status_icon_free(struct l2c_tray_status_icon *icon);

void l2c_tray_status_icon_show(struct l2c_tray_status_icon *icon, const char *icon_name,
			       const char *tooltip);

/* Hidden while an AppIndicator stands in for it, so the panel shows one icon. */
void l2c_tray_status_icon_set_visible(struct l2c_tray_status_icon *icon, gboolean visible);
