/* A desktop notification server for the GUI test: owns org.freedesktop.Notifications on the
 * session bus and prints each notification as
 *   notify: SUMMARY | BODY
 * after "ready". Runs until killed. */
#include "tests/gui/fake_service.h"

#include <stdio.h>

static const char introspection[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    " <method name='Notify'>"
    "  <arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "  <arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "  <arg type='s' direction='in'/><arg type='as' direction='in'/>"
    "  <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "  <arg type='u' direction='out'/>"
    " </method>"
    " <method name='CloseNotification'><arg type='u' direction='in'/></method>"
    " <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    " <method name='GetServerInformation'>"
    "  <arg type='s' direction='out'/><arg type='s' direction='out'/>"
    "  <arg type='s' direction='out'/><arg type='s' direction='out'/>"
    " </method>"
    " <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
    " <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
    "</interface></node>";

static void on_method(GDBusConnection *bus, const char *sender, const char *path,
		      const char *interface, const char *method, GVariant *parameters,
		      GDBusMethodInvocation *invocation, gpointer data)
{
	static guint32 last_id;
	const char *summary, *body;

	if (g_str_equal(method, "Notify")) {
		g_variant_get_child(parameters, 3, "&s", &summary);
		g_variant_get_child(parameters, 4, "&s", &body);
		printf("notify: %s | %s\n", summary, body);
		fflush(stdout);
		g_dbus_method_invocation_return_value(invocation, g_variant_new("(u)", ++last_id));
	} else if (g_str_equal(method, "GetCapabilities")) {
		g_dbus_method_invocation_return_value(
		    invocation, g_variant_new("(^as)", (const char *const[]){"body", NULL}));
	} else if (g_str_equal(method, "GetServerInformation")) {
		g_dbus_method_invocation_return_value(
		    invocation, g_variant_new("(ssss)", "fake", "l2tp-connect", "1", "1.2"));
	} else {
		g_dbus_method_invocation_return_value(invocation, NULL);
	}
}

int main(void)
{
	const struct fake_service server = {
	    .bus_name = "org.freedesktop.Notifications",
	    .object_path = "/org/freedesktop/Notifications",
	    .introspection = introspection,
	    .vtable = {on_method, NULL, NULL},
	};

	fake_service_run(&server);
}
