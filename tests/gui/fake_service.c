#include "tests/gui/fake_service.h"

#include <stdio.h>
#include <stdlib.h>

struct running {
	const struct fake_service *service;
	GDBusNodeInfo *node;
};

static void on_bus(GDBusConnection *bus, const char *name, gpointer data)
{
	struct running *running = data;

	g_dbus_connection_register_object(bus, running->service->object_path,
					  running->node->interfaces[0], &running->service->vtable,
					  NULL, NULL, NULL);
}

static void on_name(GDBusConnection *bus, const char *name, gpointer data)
{
	printf("ready\n");
	fflush(stdout);
}

static void on_name_lost(GDBusConnection *bus, const char *name, gpointer data)
{
	fprintf(stderr, "%s: cannot own %s\n", g_get_prgname(), name);
	exit(1);
}

void fake_service_run(const struct fake_service *service)
{
	struct running running = {service,
				  g_dbus_node_info_new_for_xml(service->introspection, NULL)};
	GMainLoop *loop = g_main_loop_new(NULL, FALSE);

	g_bus_own_name(G_BUS_TYPE_SESSION, service->bus_name, G_BUS_NAME_OWNER_FLAGS_NONE, on_bus,
		       on_name, on_name_lost, &running, NULL);
	g_main_loop_run(loop);
	exit(0);
}
