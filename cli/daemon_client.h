/* The CLI as a client of l2tp-connectd: the bus, calls with the caller's polkit agent allowed
 * to ask for a password, and errors turned into messages and exit codes. */
#pragma once

#include <gio/gio.h>

/* The service's bus ($L2TP_CONNECT_BUS_ADDRESS, else the system bus). Prints why on failure
 * and returns NULL. */
GDBusConnection *l2c_cli_bus(void);

/* Calls METHOD of `interface` at `path` on the service, allowing interactive authorization.
 * `parameters` may be floating. `timeout_ms` -1 is D-Bus's default (25 s). */
GVariant *l2c_cli_call(GDBusConnection *bus, const char *path, const char *interface,
		       const char *method, GVariant *parameters, const char *reply_type,
		       int timeout_ms, GError **error);

/* Prints a service error (without D-Bus's "GDBus.Error:..." prefix, with a hint when the
 * service is missing or refused) and returns its exit code. Frees the error. */
int l2c_cli_fail_remote(GError *error);

/* "connected NAME: interface ppp0, local ..., peer ..., DNS ..., data path ..." on stdout:
 * the line `up` prints, with or without the service. */
void l2c_cli_print_connected(const char *name, const char *ifname, const char *local_address,
			     const char *peer_address, const char *const *dns,
			     const char *datapath);
