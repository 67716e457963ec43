/* The connection editor: the stored profiles with add, edit, duplicate, delete, and import
 * and export of NetworkManager .nmconnection files (editor_actions.h does the work). */
#pragma once

#include "gui/gui_app.h"

/* Opens the editor (or raises it); gui->editor is the window while it is open. */
void l2c_gui_editor_present(struct l2c_gui *gui);

/* Re-reads the profile list from the service. */
void l2c_gui_editor_reload(struct l2c_gui *gui);

/* For --test-script: the names listed, in order (free with g_strfreev). */
char **l2c_gui_editor_names(struct l2c_gui *gui);
