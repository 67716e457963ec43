/* The shared part of the GUI test's stand-ins for desktop services (a panel's
 * StatusNotifierWatcher, a notification server): own a well-known name on the session bus,
 * serve one interface at one path, print "ready" once the name is ours, run until killed. */
#pragma once

#include <gio/gio.h>

struct fake_service {
	const char *bus_name;
	const char *object_path;
	const char *introspection; /* a node with the one interface */
	GDBusInterfaceVTable vtable;
};

/* Does not return; exits 1 when the name cannot be owned. */
G_GNUC_NORETURN void fake_service_run(const struct fake_service *service);
