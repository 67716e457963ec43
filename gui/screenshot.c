#include "config.h"

#include "gui/screenshot.h"

#include "util/i18n.h"

#include <errno.h>

int l2c_gui_screenshot(GtkWidget *widget, const char *path, GError **error)
{
	GdkWindow *window = gtk_widget_get_window(gtk_widget_get_toplevel(widget));
	g_autoptr(GdkPixbuf) pixbuf = NULL;

	if (!window || !gdk_window_is_viewable(window)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the window is not shown"));
		return -EIO;
	}
	/* Without a compositor an obscured window reads back what covers it. */
	gdk_window_raise(window);
	pixbuf = gdk_pixbuf_get_from_window(window, 0, 0, gdk_window_get_width(window),
					    gdk_window_get_height(window));
	if (!pixbuf) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read the window"));
		return -EIO;
	}
	return gdk_pixbuf_save(pixbuf, path, "png", error, NULL) ? 0 : -EIO;
}
