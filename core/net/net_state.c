/* The applied-configuration record and its file; see net_state.h. The file is a GKeyFile:
 * a [state] group, one [route N] group per route in the order added, and [dns]. */
#include "config.h"

#include "net/net_state.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/proc_stat.h"

/* Version 2 added the owner; version 1 records (no owner) still load, as ownerless. */
#define STATE_VERSION	      2
#define STATE_VERSION_OLDEST 1

bool net_state_is_empty(const struct net_config_state *state)
{
	return state->n_routes == 0 && state->dns.backend == NET_DNS_BACKEND_NONE;
}

void net_state_set_owner_self(struct net_config_state *state)
{
	state->owner_pid = (int)getpid();
	if (l2c_proc_starttime(state->owner_pid, &state->owner_starttime) < 0)
		state->owner_starttime = 0;
}

bool net_state_owner_is_alive(const struct net_config_state *state)
{
	return state->owner_pid > 0 && l2c_proc_is_alive(state->owner_pid, state->owner_starttime);
}

static void save_address(GKeyFile *kf, const char *group, const char *key, bool present,
			 struct in_addr address)
{
	char text[INET_ADDRSTRLEN];

	if (!present)
		return;
	inet_ntop(AF_INET, &address, text, sizeof(text));
	g_key_file_set_string(kf, group, key, text);
}

static void save_route(GKeyFile *kf, size_t index, const struct nl_route *route)
{
	g_autofree char *group = g_strdup_printf("route %zu", index);
	char dst[INET_ADDRSTRLEN];
	g_autofree char *destination = NULL;

	inet_ntop(AF_INET, &route->dst, dst, sizeof(dst));
	destination = g_strdup_printf("%s/%u", dst, route->dst_len);
	g_key_file_set_string(kf, group, "destination", destination);
	save_address(kf, group, "gateway", route->has_gateway, route->gateway);
	save_address(kf, group, "source", route->has_prefsrc, route->prefsrc);
	g_key_file_set_integer(kf, group, "interface-index", route->oif);
	g_key_file_set_uint64(kf, group, "table", route->table);
	g_key_file_set_uint64(kf, group, "protocol", route->protocol);
	g_key_file_set_uint64(kf, group, "scope", route->scope);
	g_key_file_set_uint64(kf, group, "type", route->type);
	g_key_file_set_uint64(kf, group, "flags", route->flags);
	g_key_file_set_uint64(kf, group, "metric", route->priority);
}

static char *state_to_data(const struct net_config_state *state, gsize *length)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();

	g_key_file_set_integer(kf, "state", "version", STATE_VERSION);
	g_key_file_set_integer(kf, "state", "owner-pid", state->owner_pid);
	g_key_file_set_uint64(kf, "state", "owner-start-time", state->owner_starttime);
	g_key_file_set_string(kf, "state", "ppp-interface", state->ppp_ifname);
	g_key_file_set_integer(kf, "state", "ppp-interface-index", state->ppp_ifindex);
	for (size_t i = 0; i < state->n_routes; i++)
		save_route(kf, i, &state->routes[i]);
	g_key_file_set_string(kf, "dns", "backend", net_dns_backend_name(state->dns.backend));
	if (state->dns.backend != NET_DNS_BACKEND_NONE) {
		g_key_file_set_integer(kf, "dns", "interface-index", state->dns.ifindex);
		g_key_file_set_string(kf, "dns", "interface", state->dns.ifname);
	}
	return g_key_file_to_data(kf, length, NULL);
}

int net_state_save(const struct net_config_state *state, const char *path, GError **error)
{
	g_autofree char *dir = g_path_get_dirname(path);
	g_autofree char *data = NULL;
	gsize length = 0;

	if (g_mkdir_with_parents(dir, 0700) < 0) {
		int r = -errno;

		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(-r),
			    _("Cannot create %s: %s"), dir, g_strerror(-r));
		return r;
	}
	data = state_to_data(state, &length);
	if (!g_file_set_contents_full(path, data, (gssize)length, G_FILE_SET_CONTENTS_CONSISTENT,
				      0600, error))
		return -EIO;
	return 0;
}

static int invalid(GError **error, const char *path, const char *group, const char *key)
{
	g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
		    _("%s: [%s] %s is missing or invalid"), path, group, key);
	return -EINVAL;
}

static int load_uint(GKeyFile *kf, const char *path, const char *group, const char *key,
		     guint64 max, guint64 *out, GError **error)
{
	g_autofree char *text = g_key_file_get_value(kf, group, key, NULL);
	char *end = NULL;

	if (!text || !g_ascii_isdigit(text[0]))
		return invalid(error, path, group, key);
	errno = 0;
	*out = g_ascii_strtoull(text, &end, 10);
	if (errno != 0 || *end != '\0' || *out > max)
		return invalid(error, path, group, key);
	return 0;
}

static int load_small(GKeyFile *kf, const char *path, const char *group, const char *key,
		      guint64 max, uint32_t *out, GError **error)
{
	guint64 value;
	int r = load_uint(kf, path, group, key, max, &value, error);

	if (r == 0)
		*out = (uint32_t)value;
	return r;
}

static int load_ifindex(GKeyFile *kf, const char *path, const char *group, const char *key,
			int *out, GError **error)
{
	guint64 value;
	int r = load_uint(kf, path, group, key, INT_MAX, &value, error);

	if (r == 0 && value == 0)
		return invalid(error, path, group, key);
	if (r == 0)
		*out = (int)value;
	return r;
}

/* An optional address: absent is fine, present must be valid. */
static int load_address(GKeyFile *kf, const char *path, const char *group, const char *key,
			bool *present, struct in_addr *out, GError **error)
{
	g_autofree char *text = g_key_file_get_string(kf, group, key, NULL);

	*present = text != NULL;
	if (text && inet_pton(AF_INET, text, out) != 1)
		return invalid(error, path, group, key);
	return 0;
}

static int load_destination(GKeyFile *kf, const char *path, const char *group,
			    struct nl_route *route, GError **error)
{
	g_autofree char *text = g_key_file_get_string(kf, group, "destination", NULL);
	char *slash = text ? strchr(text, '/') : NULL;
	guint64 prefix_len;

	if (!slash)
		return invalid(error, path, group, "destination");
	*slash = '\0';
	if (inet_pton(AF_INET, text, &route->dst) != 1 ||
	    !g_ascii_string_to_unsigned(slash + 1, 10, 0, 32, &prefix_len, NULL) ||
	    (route->dst.s_addr & ~net_ipv4_mask((unsigned)prefix_len)) != 0)
		return invalid(error, path, group, "destination");
	route->dst_len = (uint8_t)prefix_len;
	return 0;
}

static int load_route(GKeyFile *kf, const char *path, const char *group, struct nl_route *route,
		      GError **error)
{
	uint32_t protocol = 0, scope = 0, type = 0;
	int r;

	memset(route, 0, sizeof(*route));
	if ((r = load_destination(kf, path, group, route, error)) < 0 ||
	    (r = load_address(kf, path, group, "gateway", &route->has_gateway, &route->gateway,
			      error)) < 0 ||
	    (r = load_address(kf, path, group, "source", &route->has_prefsrc, &route->prefsrc,
			      error)) < 0 ||
	    (r = load_ifindex(kf, path, group, "interface-index", &route->oif, error)) < 0 ||
	    (r = load_small(kf, path, group, "table", UINT32_MAX, &route->table, error)) < 0 ||
	    (r = load_small(kf, path, group, "protocol", UINT8_MAX, &protocol, error)) < 0 ||
	    (r = load_small(kf, path, group, "scope", UINT8_MAX, &scope, error)) < 0 ||
	    (r = load_small(kf, path, group, "type", UINT8_MAX, &type, error)) < 0 ||
	    (r = load_small(kf, path, group, "flags", UINT32_MAX, &route->flags, error)) < 0 ||
	    (r = load_small(kf, path, group, "metric", UINT32_MAX, &route->priority, error)) < 0)
		return r;
	route->protocol = (uint8_t)protocol;
	route->scope = (uint8_t)scope;
	route->type = (uint8_t)type;
	return 0;
}

static int load_ifname(GKeyFile *kf, const char *path, const char *group, const char *key,
		       char out[IF_NAMESIZE], GError **error)
{
	g_autofree char *text = g_key_file_get_string(kf, group, key, NULL);

	if (net_validate_ifname(key, text, NULL) < 0)
		return invalid(error, path, group, key);
	g_strlcpy(out, text, IF_NAMESIZE);
	return 0;
}

static int load_dns(GKeyFile *kf, const char *path, struct net_dns_applied *dns, GError **error)
{
	g_autofree char *backend = g_key_file_get_string(kf, "dns", "backend", NULL);
	int r;

	memset(dns, 0, sizeof(*dns));
	if (net_dns_backend_from_name(backend, &dns->backend) < 0)
		return invalid(error, path, "dns", "backend");
	if (dns->backend == NET_DNS_BACKEND_NONE)
		return 0;
	r = load_ifindex(kf, path, "dns", "interface-index", &dns->ifindex, error);
	if (r == 0)
		r = load_ifname(kf, path, "dns", "interface", dns->ifname, error);
	return r;
}

static int load_routes(GKeyFile *kf, const char *path, struct net_config_state *state,
		       GError **error)
{
	for (size_t i = 0;; i++) {
		g_autofree char *group = g_strdup_printf("route %zu", i);
		int r;

		if (!g_key_file_has_group(kf, group))
			return 0;
		if (i == G_N_ELEMENTS(state->routes))
			return invalid(error, path, group, "destination");
		r = load_route(kf, path, group, &state->routes[i], error);
		if (r < 0)
			return r;
		state->n_routes = i + 1;
	}
}

static int load_owner(GKeyFile *kf, const char *path, struct net_config_state *state,
		      GError **error)
{
	guint64 pid = 0;
	int r;

	r = load_uint(kf, path, "state", "owner-pid", INT_MAX, &pid, error);
	if (r == 0)
		r = load_uint(kf, path, "state", "owner-start-time", G_MAXUINT64,
			      &state->owner_starttime, error);
	state->owner_pid = (int)pid;
	return r;
}

int net_state_load(const char *path, struct net_config_state *state, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) local_error = NULL;
	guint64 version;
	int r;

	memset(state, 0, sizeof(*state));
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local_error)) {
		r = g_error_matches(local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? -ENOENT
										   : -EINVAL;
		g_propagate_error(error, g_steal_pointer(&local_error));
		return r;
	}
	if ((r = load_uint(kf, path, "state", "version", G_MAXUINT64, &version, error)) < 0)
		return r;
	if (version < STATE_VERSION_OLDEST || version > STATE_VERSION)
		return invalid(error, path, "state", "version");
	if ((version >= 2 && (r = load_owner(kf, path, state, error)) < 0) ||
	    (r = load_ifname(kf, path, "state", "ppp-interface", state->ppp_ifname, error)) < 0 ||
	    (r = load_ifindex(kf, path, "state", "ppp-interface-index", &state->ppp_ifindex,
			      error)) < 0 ||
	    (r = load_routes(kf, path, state, error)) < 0 ||
	    (r = load_dns(kf, path, &state->dns, error)) < 0) {
		memset(state, 0, sizeof(*state));
		return r;
	}
	return 0;
}
