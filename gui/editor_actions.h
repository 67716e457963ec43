/* What the editor's buttons do to stored profiles, through the service: delete, import a
 * NetworkManager .nmconnection file, duplicate, export. The editor window asks the user
 * (which profile, which file); these do the work and report failures with
 * l2c_gui_show_error. */
#pragma once

#include "gui/gui_app.h"

int l2c_gui_profile_delete(struct l2c_gui *gui, const char *name);

int l2c_gui_profile_import(struct l2c_gui *gui, GFile *file);

/* Stores a copy of `name` under a free name ("NAME-copy", "NAME-copy2", ...) with a new uuid,
 * and returns that name (g_free), or NULL. Secrets the service stores are not readable over
 * D-Bus, so the copy asks for them (or takes them from the keyring, which is copied). */
char *l2c_gui_profile_duplicate(struct l2c_gui *gui, const char *name);

/* Writes `name` as a NetworkManager keyfile to `file`, without secrets: the service never
 * hands them out, and an exported file travels. Keys outside the key table (kept by the
 * service for NetworkManager) are not included. */
int l2c_gui_profile_export(struct l2c_gui *gui, const char *name, GFile *file);
