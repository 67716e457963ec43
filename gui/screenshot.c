#include "config.h"

#include "gui/screenshot.h"

#include "util/i18n.h"

#include <errno.h>

/* Mean of 0.2126 R + 0.7152 G + 0.0722 B (ITU-R BT.709) over the pixels, 0..1. */
static double mean_luminance(GdkPixbuf *pixbuf)
{
	const guchar *pixels = gdk_pixbuf_read_pixels(pixbuf);
	int width = gdk_pixbuf_get_width(pixbuf), height = gdk_pixbuf_get_height(pixbuf);
	int stride = gdk_pixbuf_get_rowstride(pixbuf), channels = gdk_pixbuf_get_n_channels(pixbuf);
	double sum = 0;

	for (int y = 0; y < height; y++)
		for (int x = 0; x < width; x++) {
			const guchar *p = pixels + y * stride + x * channels;

			sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
		}
	return width && height ? sum / (255.0 * width * height) : 0;
}

int l2c_gui_screenshot(GtkWidget *widget, const char *path, double *luminance, GError **error)
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
	*luminance = mean_luminance(pixbuf);
	return gdk_pixbuf_save(pixbuf, path, "png", error, NULL) ? 0 : -EIO;
}
