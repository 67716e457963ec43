#include "config.h"

#include "daemon/connection_skeleton.h"

#include <string.h>

struct _L2cConnectionSkeleton {
	L2cDbusConnectionSkeleton parent;
	L2cTrafficReader read_traffic;
	gpointer user_data;
};

G_DEFINE_TYPE(L2cConnectionSkeleton, l2c_connection_skeleton, L2C_DBUS_TYPE_CONNECTION_SKELETON)

static GDBusInterfaceVTable *parent_vtable;

static GVariant *get_property(GDBusConnection *bus, const char *sender, const char *path,
			      const char *interface, const char *property, GError **error,
			      gpointer user_data)
{
	L2cConnectionSkeleton *self = user_data;
	gboolean want_in = strcmp(property, "BytesIn") == 0;
	guint64 bytes_in = 0, bytes_out = 0;

	if (!want_in && strcmp(property, "BytesOut") != 0)
		return parent_vtable->get_property(bus, sender, path, interface, property, error,
						   user_data);
	if (self->read_traffic)
		self->read_traffic(self->user_data, &bytes_in, &bytes_out);
	return g_variant_new_uint64(want_in ? bytes_in : bytes_out);
}

static GDBusInterfaceVTable *get_vtable(GDBusInterfaceSkeleton *skeleton)
{
	static GDBusInterfaceVTable vtable;
	static gsize initialized;

	if (g_once_init_enter(&initialized)) {
		parent_vtable =
		    G_DBUS_INTERFACE_SKELETON_CLASS(l2c_connection_skeleton_parent_class)
			->get_vtable(skeleton);
		vtable = *parent_vtable;
		vtable.get_property = get_property;
		g_once_init_leave(&initialized, 1);
	}
	return &vtable;
}

static void l2c_connection_skeleton_class_init(L2cConnectionSkeletonClass *klass)
{
	G_DBUS_INTERFACE_SKELETON_CLASS(klass)->get_vtable = get_vtable;
}

static void l2c_connection_skeleton_init(L2cConnectionSkeleton *self)
{
}

L2cDbusConnection *l2c_connection_skeleton_new(L2cTrafficReader read_traffic, gpointer user_data)
{
	L2cConnectionSkeleton *self = g_object_new(L2C_TYPE_CONNECTION_SKELETON, NULL);

	self->read_traffic = read_traffic;
	self->user_data = user_data;
	return L2C_DBUS_CONNECTION(self);
}
