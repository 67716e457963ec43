/* The tray app as a client of l2tp-connectd: the Manager proxy and the settings dictionary
 * (a{ss} "section.key" => value) that GetProfile returns and SaveProfile takes. */
#pragma once

#include "daemon/l2c-dbus-generated.h"

#include <gio/gio.h>

/* The Manager on the service's bus ($L2TP_CONNECT_BUS_ADDRESS, else the system bus). */
L2cDbusManager *l2c_gui_manager_new(GError **error);

/* GetProfile as a table "section.key" => value (both owned by the table). */
GHashTable *l2c_gui_get_profile(L2cDbusManager *manager, const char *name, GError **error);

/* SaveProfile of a table like the one above; `secrets` may be NULL (keep the stored ones). */
int l2c_gui_save_profile(L2cDbusManager *manager, const char *name, GHashTable *settings,
			 GHashTable *secrets, GError **error);

/* a{ss} of a string table (floating). NULL gives an empty dictionary. */
GVariant *l2c_gui_dict_from_table(GHashTable *table);

/* The service's message without D-Bus's "GDBus.Error:name:" prefix. Frees nothing. */
const char *l2c_gui_error_text(GError *error);
