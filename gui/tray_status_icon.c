#include "config.h"

#include "gui/tray_status_icon.h"

#include "gui/tray.h"
#include "util/i18n.h"

/* GtkStatusIcon is deprecated in GTK 3.14 for lack of a Wayland tray, yet it is the only
 * XEmbed tray icon GTK 3 has. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

struct l2c_tray_status_icon {
	GtkStatusIcon *icon;
};

static void on_popup_menu(GtkStatusIcon *icon, guint button, guint time, gpointer data)
{
	l2c_gui_tray_popup(data);
}

struct l2c_tray_status_icon *l2c_tray_status_icon_new(struct l2c_gui *gui)
{
	struct l2c_tray_status_icon *self = g_new0(struct l2c_tray_status_icon, 1);

	self->icon = gtk_status_icon_new();
	gtk_status_icon_set_title(self->icon, _("L2TP VPN"));
	gtk_status_icon_set_name(self->icon, "l2tp-connect");
	g_signal_connect(self->icon, "popup-menu", G_CALLBACK(on_popup_menu), gui);
	g_signal_connect_swapped(self->icon, "activate", G_CALLBACK(l2c_gui_tray_popup), gui);
	return self;
}

void l2c_tray_status_icon_show(struct l2c_tray_status_icon *self, const char *icon_name,
			       const char *tooltip)
{
	gtk_status_icon_set_from_icon_name(self->icon, icon_name);
	gtk_status_icon_set_tooltip_text(self->icon, tooltip);
}

void l2c_tray_status_icon_set_visible(struct l2c_tray_status_icon *self, gboolean visible)
{
	gtk_status_icon_set_visible(self->icon, visible);
}

G_GNUC_END_IGNORE_DEPRECATIONS

void l2c_tray_status_icon_free(struct l2c_tray_status_icon *self)
{
	if (!self)
		return;
	g_object_unref(self->icon);
	g_free(self);
}
