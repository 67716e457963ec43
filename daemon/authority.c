#include "config.h"

#include "daemon/authority.h"

#include <unistd.h>

#ifdef HAVE_POLKIT
#include <polkit/polkit.h>
#endif

#include "util/i18n.h"
#include "util/log.h"

#define LOG "authority"

struct l2c_authority {
	GDBusConnection *bus;
	gboolean use_polkit;
#ifdef HAVE_POLKIT
	PolkitAuthority *polkit; /* NULL until first needed, or when polkitd is unreachable */
#endif
};

struct check {
	struct l2c_authority *authority;
	char *sender;
	char *action_id;
	gboolean interactive;
};

static void check_free(struct check *check)
{
	g_free(check->sender);
	g_free(check->action_id);
	g_free(check);
}

struct l2c_authority *l2c_authority_new(GDBusConnection *bus, gboolean use_polkit)
{
	struct l2c_authority *authority = g_new0(struct l2c_authority, 1);

	authority->bus = g_object_ref(bus);
	authority->use_polkit = use_polkit;
	return authority;
}

void l2c_authority_free(struct l2c_authority *authority)
{
	if (!authority)
		return;
#ifdef HAVE_POLKIT
	g_clear_object(&authority->polkit);
#endif
	g_object_unref(authority->bus);
	g_free(authority);
}

static void deny(GTask *task, const char *message)
{
	struct check *check = g_task_get_task_data(task);

	l2c_info(LOG, "refused %s to %s: %s", check->action_id, check->sender, message);
	g_task_return_new_error(task, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED, "%s", message);
	g_object_unref(task);
}

static void allow(GTask *task)
{
	g_task_return_boolean(task, TRUE);
	g_object_unref(task);
}

#ifdef HAVE_POLKIT
static void on_polkit_checked(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask *task = user_data;
	struct check *check = g_task_get_task_data(task);
	g_autoptr(GError) error = NULL;
	g_autoptr(PolkitAuthorizationResult) answer =
	    polkit_authority_check_authorization_finish(POLKIT_AUTHORITY(source), result, &error);
	g_autofree char *text = NULL;

	if (!answer) {
		text = g_strdup_printf(_("cannot check authorization with polkit: %s"),
				       error->message);
		deny(task, text);
		return;
	}
	if (polkit_authorization_result_get_is_authorized(answer)) {
		allow(task);
		return;
	}
	text = g_strdup_printf(polkit_authorization_result_get_is_challenge(answer)
				   ? _("not authorized for %s: it needs authentication, and no "
				       "polkit agent answered")
				   : _("not authorized for %s"),
			       check->action_id);
	deny(task, text);
}

static gboolean ensure_polkit(struct l2c_authority *authority, GError **error)
{
	if (!authority->polkit)
		authority->polkit = polkit_authority_get_sync(NULL, error);
	return authority->polkit != NULL;
}

static void check_with_polkit(GTask *task)
{
	struct check *check = g_task_get_task_data(task);
	g_autoptr(GError) error = NULL;
	g_autoptr(PolkitSubject) subject = NULL;
	g_autofree char *text = NULL;

	if (!ensure_polkit(check->authority, &error)) {
		text = g_strdup_printf(
		    _("cannot check authorization: polkit is not available (%s)"), error->message);
		deny(task, text);
		return;
	}
	subject = polkit_system_bus_name_new(check->sender);
	polkit_authority_check_authorization(
	    check->authority->polkit, subject, check->action_id, NULL,
	    check->interactive ? POLKIT_CHECK_AUTHORIZATION_FLAGS_ALLOW_USER_INTERACTION
			       : POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE,
	    NULL, on_polkit_checked, task);
}
#endif

static void on_caller_uid(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask *task = user_data;
	struct check *check = g_task_get_task_data(task);
	g_autoptr(GError) error = NULL;
	g_autoptr(GVariant) reply =
	    g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
	guint32 uid;

	if (!reply) {
		deny(task, error->message);
		return;
	}
	g_variant_get(reply, "(u)", &uid);
	if (uid == 0 || (!check->authority->use_polkit && uid == getuid())) {
		allow(task);
		return;
	}
#ifdef HAVE_POLKIT
	if (check->authority->use_polkit) {
		check_with_polkit(task);
		return;
	}
#endif
	deny(task, _("not authorized: only root may do this here (no polkit)"));
}

void l2c_authority_check_async(struct l2c_authority *authority, GDBusMethodInvocation *invocation,
			       const char *action_id, GAsyncReadyCallback callback,
			       gpointer user_data)
{
	GTask *task = g_task_new(NULL, NULL, callback, user_data);
	struct check *check = g_new0(struct check, 1);
	GDBusMessage *message = g_dbus_method_invocation_get_message(invocation);

	check->authority = authority;
	check->sender = g_strdup(g_dbus_method_invocation_get_sender(invocation));
	check->action_id = g_strdup(action_id);
	check->interactive = (g_dbus_message_get_flags(message) &
			      G_DBUS_MESSAGE_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION) != 0;
	g_task_set_task_data(task, check, (GDestroyNotify)check_free);
	/* The bus daemon vouches for the uid; a peer-to-peer caller has no sender to ask about. */
	if (!check->sender) {
		deny(task, _("not authorized: the caller is not on a message bus"));
		return;
	}
	g_dbus_connection_call(authority->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
			       "org.freedesktop.DBus", "GetConnectionUnixUser",
			       g_variant_new("(s)", check->sender), G_VARIANT_TYPE("(u)"),
			       G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_caller_uid, task);
}

gboolean l2c_authority_check_finish(GAsyncResult *result, GError **error)
{
	return g_task_propagate_boolean(G_TASK(result), error);
}
