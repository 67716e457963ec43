/* A StatusNotifierWatcher for the GUI test: owns org.kde.StatusNotifierWatcher on the session
 * bus as a panel does, and for each item that registers prints what a panel would show, its
 * icon and the labels of its D-Bus menu (com.canonical.dbusmenu), as
 *   registered SERVICE
 *   item icon: NAME
 *   item menu: LABEL
 * after "ready". Runs until killed. */
#include "tests/gui/fake_service.h"

#include <stdio.h>

static const char introspection[] =
    "<node><interface name='org.kde.StatusNotifierWatcher'>"
    " <method name='RegisterStatusNotifierItem'><arg type='s' direction='in'/></method>"
    " <method name='RegisterStatusNotifierHost'><arg type='s' direction='in'/></method>"
    " <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
    " <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
    " <property name='ProtocolVersion' type='i' access='read'/>"
    " <signal name='StatusNotifierItemRegistered'><arg type='s'/></signal>"
    "</interface></node>";

struct item {
	GDBusConnection *bus;
	char *owner;
	char *path;
};

static GVariant *item_property(struct item *item, const char *name)
{
	g_autoptr(GVariant) reply = g_dbus_connection_call_sync(
	    item->bus, item->owner, item->path, "org.freedesktop.DBus.Properties", "Get",
	    g_variant_new("(ss)", "org.kde.StatusNotifierItem", name), G_VARIANT_TYPE("(v)"),
	    G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
	GVariant *value = NULL;

	if (reply)
		g_variant_get(reply, "(v)", &value);
	return value;
}

static void print_labels(GVariant *layout)
{
	g_autoptr(GVariant) properties = g_variant_get_child_value(layout, 1);
	g_autoptr(GVariant) children = g_variant_get_child_value(layout, 2);
	const char *label;

	if (g_variant_lookup(properties, "label", "&s", &label))
		printf("item menu: %s\n", label);
	for (gsize i = 0; i < g_variant_n_children(children); i++) {
		g_autoptr(GVariant) boxed = g_variant_get_child_value(children, i);
		g_autoptr(GVariant) child = g_variant_get_variant(boxed);

		print_labels(child);
	}
}

static void print_menu(struct item *item, const char *menu_path)
{
	g_autoptr(GVariant) layout = NULL;
	g_autoptr(GVariant) reply = g_dbus_connection_call_sync(
	    item->bus, item->owner, menu_path, "com.canonical.dbusmenu", "GetLayout",
	    g_variant_new("(ii^as)", 0, -1, (const char *const[]){"label", NULL}), NULL,
	    G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);

	if (!reply)
		return;
	layout = g_variant_get_child_value(reply, 1);
	print_labels(layout);
}

/* A moment after registering, as a panel would: the item sets its icon and menu first. */
static gboolean describe_item(gpointer data)
{
	struct item *item = data;
	g_autoptr(GVariant) icon = item_property(item, "IconName");
	g_autoptr(GVariant) menu = item_property(item, "Menu");

	if (icon)
		printf("item icon: %s\n", g_variant_get_string(icon, NULL));
	if (menu)
		print_menu(item, g_variant_get_string(menu, NULL));
	fflush(stdout);
	g_free(item->owner);
	g_free(item->path);
	g_free(item);
	return G_SOURCE_REMOVE;
}

static void on_method(GDBusConnection *bus, const char *sender, const char *path,
		      const char *interface, const char *method, GVariant *parameters,
		      GDBusMethodInvocation *invocation, gpointer data)
{
	const char *service;
	struct item *item;

	g_variant_get(parameters, "(&s)", &service);
	if (g_str_equal(method, "RegisterStatusNotifierItem")) {
		printf("registered %s\n", service);
		fflush(stdout);
		item = g_new0(struct item, 1);
		item->bus = bus;
		/* The service is a bus name, or an object path on the sender's connection. */
		item->owner = g_strdup(service[0] == '/' ? sender : service);
		item->path = g_strdup(service[0] == '/' ? service : "/StatusNotifierItem");
		g_timeout_add(1000, describe_item, item);
	}
	g_dbus_method_invocation_return_value(invocation, NULL);
}

static GVariant *on_get_property(GDBusConnection *bus, const char *sender, const char *path,
				 const char *interface, const char *name, GError **error,
				 gpointer data)
{
	if (g_str_equal(name, "IsStatusNotifierHostRegistered"))
		return g_variant_new_boolean(TRUE);
	if (g_str_equal(name, "ProtocolVersion"))
		return g_variant_new_int32(0);
	return g_variant_new_strv(NULL, 0);
}

int main(void)
{
	const struct fake_service watcher = {
	    .bus_name = "org.kde.StatusNotifierWatcher",
	    .object_path = "/StatusNotifierWatcher",
	    .introspection = introspection,
	    .vtable = {on_method, on_get_property, NULL},
	};

	fake_service_run(&watcher);
}
