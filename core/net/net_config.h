/* Routes and DNS for a connection whose PPP link is up, and their exact undoing: the one
 * interface of core/net/ that the connection supervisor calls.
 *
 *   net = net_config_new(NET_STATE_DIR "/net-<uuid>.state", NULL);
 *   net_config_apply(net, &request, &report, &error);   after PPP's IP-up
 *   net_config_undo(net, &error);                       on teardown, whatever happened
 *   net_config_free(net);
 *
 * and at daemon start, for the state files a crashed instance left:
 *   net_config_undo_saved_dir(NET_STATE_DIR, NULL, &error);
 *
 * Everything added is recorded (in memory and in the state file) right after the kernel or
 * the resolver accepted it, and undo removes exactly that: a route someone else already had
 * is never recorded, so never removed. A route two of our connections need at once (the
 * host route to a gateway they share) is recorded by both and removed by the last one to go,
 * in whatever process it runs (route_owners.h). Functions block (netlink, D-Bus, resolvconf) for at
 * most a few seconds. They return 0 or a negative errno and set `error` (G_IO_ERROR). */
#pragma once

#include <gio/gio.h>
#include <stdbool.h>
#include <stddef.h>

#include "net/dns.h"
#include "net/net_state.h"
#include "net/split_route.h"

struct net_config_request {
	const char *vpn_gateway; /* the server's public IPv4 address, numeric, as connected to */
	const char *ppp_ifname;	 /* e.g. "ppp0", from pppd's IP-up */
	bool never_default;	 /* ipv4.never-default */
	const struct net_split_route *split_routes; /* from ipv4.routeN, net_split_route_parse */
	size_t n_split_routes;
	const char *const *dns_servers; /* numeric IPv4, NULL-terminated; NULL = none */
	const char *const *dns_search;	/* search domains, NULL-terminated; NULL = none */
};

struct net_config_report {
	enum net_dns_backend dns_backend; /* NONE: DNS left as it was */
	/* Set when the VPN sent DNS servers that could not be configured: one translated
	 * sentence saying why and naming the servers, for the user. Owned by the report. */
	char *dns_note;
};

struct net_config;

/* `state_path` NULL keeps the record in memory only. `env` NULL means the real system;
 * it is copied (its bus referenced). */
struct net_config *net_config_new(const char *state_path, const struct net_dns_env *env);
/* Does not undo anything: call net_config_undo first. */
void net_config_free(struct net_config *net);

/* Validates the whole request first (errors name the field), then adds the routes of the
 * route plan (route_plan.h) and configures DNS. A DNS failure is not fatal: it is reported
 * in `report`. On a fatal error everything added so far is removed again before returning;
 * what could not be removed stays recorded for net_config_undo. -EALREADY if already
 * applied. */
int net_config_apply(struct net_config *net, const struct net_config_request *request,
		     struct net_config_report *report, GError **error);

/* Removes what was recorded, newest first, and forgets each item once it is gone (or
 * already was: a route whose PPP interface vanished went with it). Items that could not be
 * removed stay recorded, so calling again retries them; the state file is deleted once
 * nothing is left. */
int net_config_undo(struct net_config *net, GError **error);

/* The same, for the state file of an instance that is gone. -ENOENT if there is none. */
int net_config_undo_saved(const char *state_path, const struct net_dns_env *env, GError **error);

/* At daemon start, before any connection: undoes every "*.state" file in `dir` (normally
 * NET_STATE_DIR) except those of another process that still runs. Goes through all of them;
 * returns the first error. A missing `dir` is nothing to do. */
int net_config_undo_saved_dir(const char *dir, const struct net_dns_env *env, GError **error);

void net_config_report_clear(struct net_config_report *report);
