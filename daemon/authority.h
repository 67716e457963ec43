/* Who may do what: polkit's authority for the caller of a method (a system bus name), with
 * the actions of org.l2tpconnect.policy. Root is always allowed (polkit does the same), so a
 * host without polkitd still works for root. On a bus other than the system bus (tests, a
 * per-user instance) polkit cannot identify callers: there only root and the service's own
 * user are allowed. */
#pragma once

#include <gio/gio.h>

#define L2C_ACTION_CONNECT	   "org.l2tpconnect.connect"
#define L2C_ACTION_DISCONNECT	   "org.l2tpconnect.disconnect"
#define L2C_ACTION_MODIFY_PROFILES "org.l2tpconnect.modify-profiles"

struct l2c_authority;

/* `bus` is referenced. With `use_polkit` FALSE, or when polkit is not built in, only root
 * and our own uid are allowed. Failing to reach polkitd is not an error here: each check
 * then refuses non-root callers with a message saying so. */
struct l2c_authority *l2c_authority_new(GDBusConnection *bus, gboolean use_polkit);
void l2c_authority_free(struct l2c_authority *authority);

/* Checks the sender of `invocation` for `action_id`; user interaction (a password dialog of
 * the caller's polkit agent) only when the call allows it. Finishes TRUE, or FALSE with
 * G_DBUS_ERROR_ACCESS_DENIED. */
void l2c_authority_check_async(struct l2c_authority *authority, GDBusMethodInvocation *invocation,
			       const char *action_id, GAsyncReadyCallback callback,
			       gpointer user_data);
gboolean l2c_authority_check_finish(GAsyncResult *result, GError **error);
