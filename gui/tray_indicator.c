#include "config.h"

#include "gui/tray_indicator.h"

#include "util/i18n.h"

#ifdef HAVE_APPINDICATOR
#include <libayatana-appindicator/app-indicator.h>

struct l2c_tray_indicator {
	AppIndicator *indicator;
};

struct l2c_tray_indicator *l2c_tray_indicator_new(struct l2c_gui *gui)
{
	struct l2c_tray_indicator *self = g_new0(struct l2c_tray_indicator, 1);

	self->indicator = app_indicator_new("l2tp-connect", "l2tp-connect-disconnected-symbolic",
					    APP_INDICATOR_CATEGORY_COMMUNICATIONS);
	app_indicator_set_title(self->indicator, _("L2TP VPN"));
	/* Our icons may live under a prefix the host does not search (/usr/local). */
	app_indicator_set_icon_theme_path(self->indicator, DATADIR "/icons");
	app_indicator_set_status(self->indicator, APP_INDICATOR_STATUS_ACTIVE);
	return self;
}

void l2c_tray_indicator_show(struct l2c_tray_indicator *self, const char *icon_name,
			     const char *description, GtkWidget *menu)
{
	app_indicator_set_icon_full(self->indicator, icon_name, description);
	app_indicator_set_menu(self->indicator, GTK_MENU(menu));
}

void l2c_tray_indicator_free(struct l2c_tray_indicator *self)
{
	if (!self)
		return;
	g_object_unref(self->indicator);
	g_free(self);
}

#else

struct l2c_tray_indicator *l2c_tray_indicator_new(struct l2c_gui *gui)
{
	return NULL;
}

void l2c_tray_indicator_show(struct l2c_tray_indicator *self, const char *icon_name,
			     const char *description, GtkWidget *menu)
{
}

void l2c_tray_indicator_free(struct l2c_tray_indicator *self)
{
}

#endif
