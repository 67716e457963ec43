/* PNG screenshots of the app's own windows (GDK reads the X server's pixels), so the GUI
 * test needs no screenshot tool. */
#pragma once

#include <gtk/gtk.h>

/* Saves what `widget`'s toplevel window shows to `path` and gives its mean luminance (0 black
 * .. 1 white). Returns 0 or -EIO (`error` set). */
int l2c_gui_screenshot(GtkWidget *widget, const char *path, double *luminance, GError **error);
