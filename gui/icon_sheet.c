#include "config.h"

#include "gui/icon_sheet.h"

#include "util/i18n.h"

static GtkWidget *icon_column(const char *name)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *label = gtk_label_new(name);
	const int pixels[] = {16, 24, 48};

	for (gsize i = 0; i < G_N_ELEMENTS(pixels); i++) {
		GtkWidget *image = gtk_image_new_from_icon_name(name, GTK_ICON_SIZE_BUTTON);

		gtk_image_set_pixel_size(GTK_IMAGE(image), pixels[i]);
		gtk_container_add(GTK_CONTAINER(box), image);
	}
	gtk_label_set_max_width_chars(GTK_LABEL(label), 14);
	gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
	gtk_label_set_line_wrap_mode(GTK_LABEL(label), PANGO_WRAP_CHAR);
	gtk_container_add(GTK_CONTAINER(box), label);
	return box;
}

GtkWidget *l2c_gui_icon_sheet(const char *const *names, size_t n_names)
{
	GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 18);

	gtk_window_set_title(GTK_WINDOW(window), _("L2TP VPN icons"));
	gtk_container_set_border_width(GTK_CONTAINER(row), 12);
	for (size_t i = 0; i < n_names; i++)
		gtk_container_add(GTK_CONTAINER(row), icon_column(names[i]));
	gtk_container_add(GTK_CONTAINER(window), row);
	gtk_widget_show_all(window);
	return window;
}
