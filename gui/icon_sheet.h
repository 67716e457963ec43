/* A window showing icons by name at the sizes a panel and a menu use, each loaded through
 * the icon theme as a GtkImage would (symbolic icons recoloured for the current theme): the
 * GUI test's view of the tray icons, which Xvfb has no panel to show. */
#pragma once

#include <gtk/gtk.h>

GtkWidget *l2c_gui_icon_sheet(const char *const *names, size_t n_names);
