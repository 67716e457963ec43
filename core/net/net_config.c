/* Applying and undoing a connection's routes and DNS; see net_config.h. */
#include "config.h"

#include "net/net_config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>

#include "net/netlink_route.h"
#include "net/route_owners.h"
#include "net/route_plan.h"
#include "util/i18n.h"
#include "util/log.h"

/* How many metrics above its own a split route may be added when another connection of ours
 * holds the same one (see add_alongside). */
#define ALONGSIDE_METRICS_MAX 8

struct net_config {
	char *state_path;
	char *owners_root; /* where the other connections' records are; NULL: in memory only */
	struct net_dns_env env;
	char *resolvconf_path; /* owns env.resolvconf_path */
	struct net_config_state state;
};

/* The request once checked and converted. */
struct checked_request {
	struct in_addr vpn_gateway;
	int ppp_ifindex;
	struct in_addr dns_servers[NET_DNS_SERVERS_MAX];
	size_t n_dns_servers;
};

static int fail(GError **error, int r, const struct net_error *detail)
{
	g_set_error_literal(error, G_IO_ERROR, g_io_error_from_errno(-r), detail->text);
	return r;
}

static void env_copy(struct net_config *net, const struct net_dns_env *env)
{
	if (!env)
		return;
	net->env = *env;
	if (env->bus)
		net->env.bus = g_object_ref(env->bus);
	net->resolvconf_path = g_strdup(env->resolvconf_path);
	net->env.resolvconf_path = net->resolvconf_path;
}

struct net_config *net_config_new(const char *state_path, const struct net_dns_env *env)
{
	struct net_config *net = g_new0(struct net_config, 1);

	net->state_path = g_strdup(state_path);
	net->owners_root = state_path ? net_route_owners_root(state_path) : NULL;
	env_copy(net, env);
	return net;
}

void net_config_free(struct net_config *net)
{
	if (!net)
		return;
	g_clear_object(&net->env.bus);
	g_free(net->resolvconf_path);
	g_free(net->state_path);
	g_free(net->owners_root);
	g_free(net);
}

void net_config_report_clear(struct net_config_report *report)
{
	g_clear_pointer(&report->dns_note, g_free);
	report->dns_backend = NET_DNS_BACKEND_NONE;
}

/* A record that cannot be written only weakens crash recovery; the in-memory record still
 * undoes everything, so the connection goes on. */
static void persist(const struct net_config_state *state, const char *path)
{
	g_autoptr(GError) error = NULL;

	if (!path)
		return;
	if (net_state_is_empty(state)) {
		if (unlink(path) < 0 && errno != ENOENT)
			l2c_warn("net", _("cannot remove %s: %s"), path, g_strerror(errno));
		return;
	}
	if (net_state_save(state, path, &error) < 0)
		l2c_warn("net", _("cannot record the network changes: %s"), error->message);
}

static void describe_route(const struct nl_route *route, char *buf, size_t size)
{
	char ifname[IF_NAMESIZE];

	nl_route_describe(route, if_indextoname((unsigned)route->oif, ifname), buf, size);
}

static bool interface_is(int ifindex, const char *ifname)
{
	char name[IF_NAMESIZE];

	return ifindex > 0 && if_indextoname((unsigned)ifindex, name) && strcmp(name, ifname) == 0;
}

/* Held while deciding about and changing routes other connections may share; 0 (nothing to
 * release) without a record. */
static int owners_lock(const char *root, struct net_error *detail)
{
	g_autoptr(GError) error = NULL;
	int fd;

	if (!root)
		return 0;
	fd = net_route_owners_lock(root, &error);
	if (fd < 0)
		net_error_set(detail, "%s", error->message);
	return fd;
}

static void owners_unlock(int fd)
{
	if (fd > 0)
		close(fd);
}

/* --- checking the request ------------------------------------------------------------ */

static int check_dns(const struct net_config_request *request, struct checked_request *out,
		     struct net_error *detail)
{
	size_t n = 0;
	int r;

	for (const char *const *s = request->dns_servers; s && *s; s++, n++) {
		g_autofree char *field = g_strdup_printf(_("DNS server %zu"), n + 1);

		if (n == NET_DNS_SERVERS_MAX) {
			net_error_set(detail, _("More than %d DNS servers"), NET_DNS_SERVERS_MAX);
			return -E2BIG;
		}
		r = net_parse_ipv4(field, *s, &out->dns_servers[n], detail);
		if (r < 0)
			return r;
	}
	out->n_dns_servers = n;
	n = 0;
	for (const char *const *d = request->dns_search; d && *d; d++, n++) {
		g_autofree char *field = g_strdup_printf(_("DNS search domain %zu"), n + 1);

		if (n == NET_DNS_DOMAINS_MAX) {
			net_error_set(detail, _("More than %d DNS search domains"),
				      NET_DNS_DOMAINS_MAX);
			return -E2BIG;
		}
		r = net_validate_domain(field, *d, detail);
		if (r < 0)
			return r;
	}
	return 0;
}

static int check_request(const struct net_config_request *request, struct checked_request *out,
			 struct net_error *detail)
{
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = net_validate_ifname(_("PPP interface"), request->ppp_ifname, detail)) < 0 ||
	    (r = net_parse_ipv4(_("VPN gateway address"), request->vpn_gateway, &out->vpn_gateway,
				detail)) < 0 ||
	    (r = check_dns(request, out, detail)) < 0)
		return r;
	if (request->n_split_routes > 0 && !request->split_routes) {
		net_error_set(detail, _("Split routes: the list is missing"));
		return -EINVAL;
	}
	out->ppp_ifindex = (int)if_nametoindex(request->ppp_ifname);
	if (out->ppp_ifindex <= 0) {
		net_error_set(detail, _("PPP interface: %s does not exist (did PPP go down?)"),
			      request->ppp_ifname);
		return -ENODEV;
	}
	return 0;
}

/* --- routes -------------------------------------------------------------------------- */

static int plan_routes(struct nl_route_socket *sock, const struct net_config_request *request,
		       const struct checked_request *checked, struct net_route_plan *plan,
		       struct net_error *detail)
{
	struct nl_route gateway_route;
	struct net_route_plan_input in = {
	    .vpn_gateway = checked->vpn_gateway,
	    .gateway_route = &gateway_route,
	    .ppp_ifindex = checked->ppp_ifindex,
	    .never_default = request->never_default,
	    .split_routes = request->split_routes,
	    .n_split_routes = request->n_split_routes,
	};
	int r;

	r = nl_route_lookup(sock, checked->vpn_gateway, &gateway_route, detail);
	if (r < 0)
		return r;
	return net_route_plan_build(&in, plan, detail);
}

static void record_route(struct net_config *net, const struct nl_route *route, const char *text)
{
	net->state.routes[net->state.n_routes++] = *route;
	persist(&net->state, net->state_path);
	l2c_info("net", "added route %s", text);
}

/* Another connection of ours holds the split route through its own PPP interface, where it
 * vanishes when that connection ends. Ours goes next to it, one metric higher: packets keep
 * the other tunnel while both are up (as they would with the route shared) and ours once it
 * is gone. 1 when added, 0 when every metric tried was taken. */
static int add_alongside(struct net_config *net, struct nl_route_socket *sock,
			 const struct nl_route *route, struct net_error *detail)
{
	struct nl_route copy = *route;
	char text[128];
	int r;

	for (unsigned i = 1; i <= ALONGSIDE_METRICS_MAX; i++) {
		copy.priority = route->priority + i;
		r = nl_route_add(sock, &copy, detail);
		if (r == -EEXIST)
			continue;
		if (r < 0)
			return r;
		describe_route(&copy, text, sizeof(text));
		l2c_warn("net", "another connection has the same route; added %s next to it",
			 text);
		record_route(net, &copy, text);
		return 1;
	}
	return 0;
}

/* The route exists already. Whose is it? */
static int adopt_existing(struct net_config *net, struct nl_route_socket *sock,
			  const struct net_planned_route *planned, const char *text,
			  struct net_error *detail)
{
	struct nl_route holder;
	int r;

	if (net->owners_root &&
	    net_route_owners_held_elsewhere(net->owners_root, net->state_path, &planned->route,
					    planned->role != NET_ROUTE_GATEWAY_HOST, &holder)) {
		if (planned->role == NET_ROUTE_GATEWAY_HOST) {
			/* Held together: the last of us to go removes it (undo_routes). */
			l2c_info("net", "route %s is shared with another connection", text);
			record_route(net, &planned->route, text);
			return 0;
		}
		if (holder.oif != planned->route.oif) {
			r = add_alongside(net, sock, &planned->route, detail);
			if (r != 0)
				return r < 0 ? r : 0;
		}
	}
	/* Not ours, so not recorded: teardown must leave it where it was. */
	l2c_warn("net", "route %s already exists; leaving it as it is", text);
	return 0;
}

static int add_planned_route(struct net_config *net, struct nl_route_socket *sock,
			     const struct net_planned_route *planned, struct net_error *detail)
{
	char text[128];
	int r;

	describe_route(&planned->route, text, sizeof(text));
	r = nl_route_add(sock, &planned->route, detail);
	if (r == -EEXIST && net_route_role_tolerates_existing(planned->role))
		return adopt_existing(net, sock, planned, text, detail);
	if (r == -EEXIST)
		net_error_set(detail,
			      _("Route %s already exists: another VPN may be active. Disconnect "
				"it, or set never-default=yes for this connection"),
			      text);
	if (r < 0)
		return r;
	record_route(net, &planned->route, text);
	return 0;
}

static int add_routes(struct net_config *net, const struct net_config_request *request,
		      const struct checked_request *checked, struct net_error *detail)
{
	struct nl_route_socket sock;
	struct net_route_plan plan;
	int lock, r;

	lock = owners_lock(net->owners_root, detail);
	if (lock < 0)
		return lock;
	r = nl_route_socket_open(&sock, detail);
	if (r == 0) {
		r = plan_routes(&sock, request, checked, &plan, detail);
		for (size_t i = 0; r == 0 && i < plan.n_routes; i++)
			r = add_planned_route(net, &sock, &plan.routes[i], detail);
		nl_route_socket_close(&sock);
	}
	owners_unlock(lock);
	return r;
}

/* --- DNS ----------------------------------------------------------------------------- */

static char *servers_text(const struct checked_request *checked)
{
	GString *text = g_string_new(NULL);
	char server[INET_ADDRSTRLEN];

	for (size_t i = 0; i < checked->n_dns_servers; i++) {
		inet_ntop(AF_INET, &checked->dns_servers[i], server, sizeof(server));
		g_string_append_printf(text, "%s%s", i ? ", " : "", server);
	}
	return g_string_free(text, FALSE);
}

static void revert_failed_dns(struct net_config *net)
{
	g_autoptr(GError) error = NULL;

	if (net_dns_revert(&net->state.dns, &net->env, &error) < 0) {
		l2c_warn("net", "%s", error->message);
		return;
	}
	memset(&net->state.dns, 0, sizeof(net->state.dns));
	persist(&net->state, net->state_path);
}

static void configure_dns(struct net_config *net, const struct net_config_request *request,
			  const struct checked_request *checked, struct net_config_report *report)
{
	struct net_dns_request dns = {
	    .ifindex = checked->ppp_ifindex,
	    .ifname = request->ppp_ifname,
	    .servers = checked->dns_servers,
	    .n_servers = checked->n_dns_servers,
	    .search_domains = request->dns_search,
	    .default_route = !request->never_default,
	};
	struct net_dns_applied applied;
	g_autoptr(GError) error = NULL;
	g_autofree char *servers = servers_text(checked);

	if (checked->n_dns_servers == 0)
		return;
	net_dns_detect(&dns, &net->env, &applied);
	if (applied.backend == NET_DNS_BACKEND_NONE) {
		report->dns_note = g_strdup_printf(
		    _("DNS was not configured: neither systemd-resolved nor resolvconf is "
		      "available, and /etc/resolv.conf was left alone. The VPN's DNS servers "
		      "are %s."),
		    servers);
		return;
	}
	/* Recorded before the change, so that even a crash half-way through is undone. */
	net->state.dns = applied;
	persist(&net->state, net->state_path);
	if (net_dns_apply(&dns, &applied, &net->env, &error) < 0) {
		report->dns_note =
		    g_strdup_printf(_("DNS was not configured: %s. The VPN's DNS servers are %s."),
				    error->message, servers);
		revert_failed_dns(net);
		return;
	}
	report->dns_backend = applied.backend;
	l2c_info("net", "DNS servers %s set on %s through %s", servers, request->ppp_ifname,
		 net_dns_backend_name(applied.backend));
}

/* --- undo ---------------------------------------------------------------------------- */

/* Whether the DNS settings we made can still be there and are still ours to remove. */
static bool dns_still_ours(const struct net_dns_applied *dns)
{
	int ifindex_now;

	if (dns->backend == NET_DNS_BACKEND_RESOLVED)
		return interface_is(dns->ifindex, dns->ifname); /* resolved forgets gone links */
	ifindex_now = (int)if_nametoindex(dns->ifname);
	if (ifindex_now > 0 && ifindex_now != dns->ifindex) {
		l2c_warn("net",
			 _("%s now belongs to another connection; its resolvconf record stays"),
			 dns->ifname);
		return false;
	}
	return true;
}

static int undo_dns(struct net_config_state *state, const struct net_dns_env *env, GError **error)
{
	int r = 0;

	if (state->dns.backend == NET_DNS_BACKEND_NONE)
		return 0;
	if (dns_still_ours(&state->dns))
		r = net_dns_revert(&state->dns, env, error);
	if (r == 0) {
		l2c_info("net", "DNS settings on %s removed", state->dns.ifname);
		memset(&state->dns, 0, sizeof(state->dns));
	}
	return r;
}

/* 0 when the route is gone now, whether we removed it or it had already gone. */
static int delete_route(struct nl_route_socket *sock, const struct net_config_state *state,
			const struct nl_route *route, struct net_error *detail)
{
	char text[128];
	int r;

	/* Routes through the PPP interface vanish with it; if its index now names another
	 * interface (or none), there is nothing of ours left to delete. */
	if (route->oif == state->ppp_ifindex && !interface_is(route->oif, state->ppp_ifname))
		return 0;
	describe_route(route, text, sizeof(text));
	r = nl_route_delete(sock, route, detail);
	if (r == -ESRCH || r == -ENODEV)
		r = 0;
	if (r == 0)
		l2c_info("net", "removed route %s", text);
	return r;
}

/* A route outside our PPP interface that a live connection of ours also holds stays for it. */
static bool still_needed_elsewhere(const struct net_config_state *state, const struct nl_route *route,
				   const char *root, const char *state_path)
{
	char text[128];

	if (!root || route->oif == state->ppp_ifindex ||
	    !net_route_owners_held_elsewhere(root, state_path, route, true, NULL))
		return false;
	describe_route(route, text, sizeof(text));
	l2c_info("net", "route %s stays: another connection still uses it", text);
	return true;
}

static int delete_routes(struct nl_route_socket *sock, struct net_config_state *state,
			 const char *root, const char *state_path, bool keep[], GError **error)
{
	struct net_error detail = {{0}};
	int first = 0, r;

	for (size_t i = state->n_routes; i-- > 0;) { /* newest first */
		if (still_needed_elsewhere(state, &state->routes[i], root, state_path))
			continue;
		r = delete_route(sock, state, &state->routes[i], &detail);
		keep[i] = r < 0;
		if (r < 0 && first == 0)
			first = fail(error, r, &detail);
	}
	return first;
}

/* Removes the routes, then records what is left before letting go of the lock: another
 * connection deciding right after must not count us as a holder of what we gave up. */
static int undo_routes(struct net_config_state *state, const char *state_path, GError **error)
{
	g_autofree char *root = state_path ? net_route_owners_root(state_path) : NULL;
	struct nl_route_socket sock;
	struct net_error detail = {{0}};
	bool keep[G_N_ELEMENTS(state->routes)] = {false};
	size_t kept = 0;
	int first, lock;

	if (state->n_routes == 0)
		return 0;
	lock = owners_lock(root, &detail);
	if (lock < 0)
		return fail(error, lock, &detail);
	first = nl_route_socket_open(&sock, &detail);
	if (first < 0) {
		owners_unlock(lock);
		return fail(error, first, &detail);
	}
	first = delete_routes(&sock, state, root, state_path, keep, error);
	nl_route_socket_close(&sock);
	/* Whatever could not be removed stays recorded, in its order, for a retry. */
	for (size_t i = 0; i < state->n_routes; i++)
		if (keep[i])
			state->routes[kept++] = state->routes[i];
	state->n_routes = kept;
	persist(state, state_path);
	owners_unlock(lock);
	return first;
}

static int undo_state(struct net_config_state *state, const struct net_dns_env *env,
		      const char *state_path, GError **error)
{
	g_autoptr(GError) dns_error = NULL;
	int r_dns, r_routes;

	r_dns = undo_dns(state, env, &dns_error);
	r_routes = undo_routes(state, state_path, error);
	persist(state, state_path);
	if (r_routes == 0 && r_dns < 0) {
		g_propagate_error(error, g_steal_pointer(&dns_error));
		return r_dns;
	}
	if (r_dns < 0)
		l2c_warn("net", "%s", dns_error->message);
	return r_routes;
}

int net_config_undo(struct net_config *net, GError **error)
{
	g_return_val_if_fail(net, -EINVAL);
	return undo_state(&net->state, &net->env, net->state_path, error);
}

int net_config_undo_saved(const char *state_path, const struct net_dns_env *env, GError **error)
{
	static const struct net_dns_env system_env;
	struct net_config_state state;
	int r;

	g_return_val_if_fail(state_path, -EINVAL);
	r = net_state_load(state_path, &state, error);
	if (r < 0)
		return r;
	l2c_info("net", "undoing the network changes recorded in %s", state_path);
	return undo_state(&state, env ? env : &system_env, state_path, error);
}

/* An `up --foreground` instance may share the folder: its connection is not a leftover. */
static bool owned_by_another_live_process(const char *path)
{
	struct net_config_state state;

	if (net_state_load(path, &state, NULL) < 0 || state.owner_pid == (int)getpid() ||
	    !net_state_owner_is_alive(&state))
		return false;
	l2c_info("net", "%s belongs to process %d, which still runs; leaving it", path,
		 state.owner_pid);
	return true;
}

int net_config_undo_saved_dir(const char *dir, const struct net_dns_env *env, GError **error)
{
	g_autoptr(GDir) listing = NULL;
	g_autoptr(GError) local_error = NULL;
	const char *name;
	int first = 0;

	g_return_val_if_fail(dir, -EINVAL);
	listing = g_dir_open(dir, 0, &local_error);
	if (!listing) {
		if (g_error_matches(local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return 0;
		g_propagate_error(error, g_steal_pointer(&local_error));
		return -EIO;
	}
	while ((name = g_dir_read_name(listing))) {
		g_autofree char *path = NULL;
		int r;

		if (!g_str_has_suffix(name, ".state"))
			continue;
		path = g_build_filename(dir, name, NULL);
		if (owned_by_another_live_process(path))
			continue;
		r = net_config_undo_saved(path, env, &local_error);
		if (r < 0 && r != -ENOENT && first == 0) {
			first = r;
			g_propagate_error(error, g_steal_pointer(&local_error));
		}
		if (local_error)
			l2c_warn("net", "%s", local_error->message);
		g_clear_error(&local_error);
	}
	return first;
}

/* --- apply --------------------------------------------------------------------------- */

int net_config_apply(struct net_config *net, const struct net_config_request *request,
		     struct net_config_report *report, GError **error)
{
	struct checked_request checked;
	struct net_error detail = {{0}};
	int r;

	g_return_val_if_fail(net && request && report, -EINVAL);
	memset(report, 0, sizeof(*report));
	if (!net_state_is_empty(&net->state)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_EXISTS,
				    _("Routes and DNS are already set for this connection"));
		return -EALREADY;
	}
	r = check_request(request, &checked, &detail);
	if (r < 0)
		return fail(error, r, &detail);
	g_strlcpy(net->state.ppp_ifname, request->ppp_ifname, sizeof(net->state.ppp_ifname));
	net->state.ppp_ifindex = checked.ppp_ifindex;
	net_state_set_owner_self(&net->state);
	r = add_routes(net, request, &checked, &detail);
	if (r < 0) {
		fail(error, r, &detail);
		undo_state(&net->state, &net->env, net->state_path, NULL);
		return r;
	}
	configure_dns(net, request, &checked, report);
	return 0;
}
