/* DNS for the VPN link; see dns.h. */
#include "config.h"

#include "net/dns.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/log.h"

#define RESOLVED_BUS_NAME     "org.freedesktop.resolve1"
#define RESOLVED_OBJECT_PATH  "/org/freedesktop/resolve1"
#define RESOLVED_MANAGER      "org.freedesktop.resolve1.Manager"
#define RESOLVED_NO_SUCH_LINK "org.freedesktop.resolve1.NoSuchLink"
#define DBUS_TIMEOUT_MS	      10000

static const char *const backend_names[] = {
    [NET_DNS_BACKEND_NONE] = "none",
    [NET_DNS_BACKEND_RESOLVED] = "systemd-resolved",
    [NET_DNS_BACKEND_RESOLVCONF] = "resolvconf",
};

const char *net_dns_backend_name(enum net_dns_backend backend)
{
	if ((size_t)backend >= G_N_ELEMENTS(backend_names))
		return "unknown";
	return backend_names[backend];
}

int net_dns_backend_from_name(const char *name, enum net_dns_backend *out)
{
	for (size_t i = 0; i < G_N_ELEMENTS(backend_names); i++) {
		if (g_strcmp0(name, backend_names[i]) == 0) {
			*out = (enum net_dns_backend)i;
			return 0;
		}
	}
	return -EINVAL;
}

static GDBusConnection *env_bus(const struct net_dns_env *env)
{
	if (env->skip_resolved)
		return NULL;
	if (env->bus)
		return g_object_ref(env->bus);
	return g_bus_get_sync(G_BUS_TYPE_SYSTEM, NULL, NULL);
}

/* Running now, not merely activatable: starting resolved on a system that does not use it
 * would configure a resolver nothing asks. */
static bool resolved_is_running(GDBusConnection *bus)
{
	g_autoptr(GVariant) reply = NULL;
	gboolean has_owner = FALSE;

	reply = g_dbus_connection_call_sync(
	    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
	    "NameHasOwner", g_variant_new("(s)", RESOLVED_BUS_NAME), G_VARIANT_TYPE("(b)"),
	    G_DBUS_CALL_FLAGS_NONE, DBUS_TIMEOUT_MS, NULL, NULL);
	if (reply)
		g_variant_get(reply, "(b)", &has_owner);
	return has_owner;
}

/* A daemon's PATH often lacks the sbin directories where resolvconf lives. */
static char *find_resolvconf(const struct net_dns_env *env)
{
	static const char *const fallbacks[] = {"/usr/sbin/resolvconf", "/sbin/resolvconf"};
	char *path;

	if (env->resolvconf_path)
		return *env->resolvconf_path ? g_strdup(env->resolvconf_path) : NULL;
	path = g_find_program_in_path("resolvconf");
	if (path)
		return path;
	for (size_t i = 0; i < G_N_ELEMENTS(fallbacks); i++)
		if (access(fallbacks[i], X_OK) == 0)
			return g_strdup(fallbacks[i]);
	return NULL;
}

void net_dns_detect(const struct net_dns_request *request, const struct net_dns_env *env,
		    struct net_dns_applied *applied)
{
	g_autoptr(GDBusConnection) bus = env_bus(env);
	g_autofree char *resolvconf = NULL;

	memset(applied, 0, sizeof(*applied));
	applied->ifindex = request->ifindex;
	g_strlcpy(applied->ifname, request->ifname, sizeof(applied->ifname));
	if (bus && resolved_is_running(bus)) {
		applied->backend = NET_DNS_BACKEND_RESOLVED;
		return;
	}
	resolvconf = find_resolvconf(env);
	applied->backend = resolvconf ? NET_DNS_BACKEND_RESOLVCONF : NET_DNS_BACKEND_NONE;
}

GVariant *net_dns_link_dns_parameters(const struct net_dns_request *request)
{
	GVariantBuilder servers;

	g_variant_builder_init(&servers, G_VARIANT_TYPE("a(iay)"));
	for (size_t i = 0; i < request->n_servers; i++) {
		GVariant *bytes =
		    g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, &request->servers[i], 4, 1);

		g_variant_builder_add(&servers, "(i@ay)", AF_INET, bytes);
	}
	return g_variant_new("(ia(iay))", request->ifindex, &servers);
}

/* With the default route through the VPN, "~." makes resolved send every name to the VPN's
 * servers, not only names under the search domains (systemd-resolved.service(8)). */
GVariant *net_dns_link_domains_parameters(const struct net_dns_request *request)
{
	GVariantBuilder domains;

	g_variant_builder_init(&domains, G_VARIANT_TYPE("a(sb)"));
	if (request->default_route)
		g_variant_builder_add(&domains, "(sb)", "~.", TRUE);
	for (const char *const *d = request->search_domains; d && *d; d++)
		g_variant_builder_add(&domains, "(sb)", *d, FALSE);
	return g_variant_new("(ia(sb))", request->ifindex, &domains);
}

char *net_dns_render_resolvconf(const struct net_dns_request *request)
{
	GString *text = g_string_new(NULL);
	char server[INET_ADDRSTRLEN];

	for (size_t i = 0; i < request->n_servers; i++) {
		inet_ntop(AF_INET, &request->servers[i], server, sizeof(server));
		g_string_append_printf(text, "nameserver %s\n", server);
	}
	if (request->search_domains && request->search_domains[0]) {
		g_string_append(text, "search");
		for (const char *const *d = request->search_domains; *d; d++)
			g_string_append_printf(text, " %s", *d);
		g_string_append_c(text, '\n');
	}
	return g_string_free(text, FALSE);
}

static int resolved_call(GDBusConnection *bus, const char *method, GVariant *parameters,
			 GError **error)
{
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GError) local_error = NULL;

	reply = g_dbus_connection_call_sync(
	    bus, RESOLVED_BUS_NAME, RESOLVED_OBJECT_PATH, RESOLVED_MANAGER, method, parameters,
	    NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, DBUS_TIMEOUT_MS, NULL, &local_error);
	if (reply)
		return 0;
	g_dbus_error_strip_remote_error(local_error);
	g_propagate_prefixed_error(error, g_steal_pointer(&local_error),
				   _("systemd-resolved refused %s: "), method);
	return -EIO;
}

static int resolved_apply(GDBusConnection *bus, const struct net_dns_request *request,
			  GError **error)
{
	g_autoptr(GError) local_error = NULL;
	int r;

	r = resolved_call(bus, "SetLinkDNS", net_dns_link_dns_parameters(request), error);
	if (r == 0)
		r = resolved_call(bus, "SetLinkDomains", net_dns_link_domains_parameters(request),
				  error);
	if (r < 0)
		return r;
	/* resolved >= 240 only; older ones pick the link by its "~." domain alone. */
	if (resolved_call(bus, "SetLinkDefaultRoute",
			  g_variant_new("(ib)", request->ifindex, request->default_route),
			  &local_error) < 0)
		l2c_debug("net", "%s", local_error->message);
	return 0;
}

static bool error_means_nothing_to_revert(const GError *error)
{
	g_autofree char *remote = g_dbus_error_get_remote_error(error);

	return g_strcmp0(remote, RESOLVED_NO_SUCH_LINK) == 0 ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
	       g_error_matches(error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER);
}

/* A link that is gone, or a resolved that is not running, keeps nothing of ours. */
static int resolved_revert(GDBusConnection *bus, int ifindex, GError **error)
{
	g_autoptr(GVariant) reply = NULL;
	g_autoptr(GError) local_error = NULL;

	reply = g_dbus_connection_call_sync(
	    bus, RESOLVED_BUS_NAME, RESOLVED_OBJECT_PATH, RESOLVED_MANAGER, "RevertLink",
	    g_variant_new("(i)", ifindex), NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, DBUS_TIMEOUT_MS,
	    NULL, &local_error);
	if (reply || error_means_nothing_to_revert(local_error))
		return 0;
	g_dbus_error_strip_remote_error(local_error);
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
		    _("systemd-resolved refused RevertLink: %s"), local_error->message);
	return -EIO;
}

static int run_resolvconf(const char *path, const char *option, const char *ifname,
			  const char *input, GError **error)
{
	const char *argv[] = {path, option, ifname, NULL};
	g_autoptr(GSubprocess) process = NULL;
	g_autofree char *errors = NULL;
	int status;

	process =
	    g_subprocess_newv(argv,
			      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
				  G_SUBPROCESS_FLAGS_STDERR_PIPE,
			      error);
	if (!process || !g_subprocess_communicate_utf8(process, input, NULL, NULL, &errors, error))
		return -EIO;
	if (g_subprocess_get_if_exited(process) && g_subprocess_get_exit_status(process) == 0)
		return 0;
	status = g_subprocess_get_if_exited(process) ? g_subprocess_get_exit_status(process) : -1;
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s %s %s failed (status %d): %s"),
		    path, option, ifname, status, errors ? g_strstrip(errors) : "");
	return -EIO;
}

static int resolvconf_run(const struct net_dns_env *env, const char *option, const char *ifname,
			  const char *input, GError **error)
{
	g_autofree char *path = find_resolvconf(env);

	if (!path) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
			    _("resolvconf is no longer installed"));
		return -ENOENT;
	}
	return run_resolvconf(path, option, ifname, input, error);
}

static GDBusConnection *require_bus(const struct net_dns_env *env, GError **error)
{
	GDBusConnection *bus = env_bus(env);

	if (!bus)
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
			    _("Cannot reach systemd-resolved: no system bus"));
	return bus;
}

int net_dns_apply(const struct net_dns_request *request, const struct net_dns_applied *applied,
		  const struct net_dns_env *env, GError **error)
{
	g_autoptr(GDBusConnection) bus = NULL;
	g_autofree char *input = NULL;

	switch (applied->backend) {
	case NET_DNS_BACKEND_RESOLVED:
		bus = require_bus(env, error);
		return bus ? resolved_apply(bus, request, error) : -ENOTCONN;
	case NET_DNS_BACKEND_RESOLVCONF:
		input = net_dns_render_resolvconf(request);
		return resolvconf_run(env, "-a", applied->ifname, input, error);
	case NET_DNS_BACKEND_NONE:
	default:
		return 0;
	}
}

int net_dns_revert(const struct net_dns_applied *applied, const struct net_dns_env *env,
		   GError **error)
{
	g_autoptr(GDBusConnection) bus = NULL;

	switch (applied->backend) {
	case NET_DNS_BACKEND_RESOLVED:
		bus = env_bus(env);
		/* Without a bus there is no resolved that could hold our settings. */
		return bus ? resolved_revert(bus, applied->ifindex, error) : 0;
	case NET_DNS_BACKEND_RESOLVCONF:
		return resolvconf_run(env, "-d", applied->ifname, "", error);
	case NET_DNS_BACKEND_NONE:
	default:
		return 0;
	}
}
