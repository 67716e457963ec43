/* The service's active connections as the tray app follows them: a proxy per Connection
 * object, its StateChanged turned into notifications and a tray update. */
#pragma once

#include "gui/gui_app.h"

/* Re-reads ListConnections: follows new connections, drops those that are gone. Those found
 * the first time are followed quietly; later ones are announced in the state they are in. */
void l2c_gui_connections_refresh(struct l2c_gui *gui);

/* Follows the connection at `path` (returned by Connect), announcing the state it is in
 * already: a connect that fails at once may be over before we listen. */
void l2c_gui_connections_follow(struct l2c_gui *gui, const char *path);

/* The State of profile `name`'s connection, or NULL when it has none. */
const char *l2c_gui_connection_state(struct l2c_gui *gui, const char *name);

/* Connects profile `name`, first asking for the secrets it does not store. */
void l2c_gui_connect(struct l2c_gui *gui, const char *name);

/* Disconnects profile `name`. */
void l2c_gui_disconnect(struct l2c_gui *gui, const char *name);
