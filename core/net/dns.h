/* DNS for the VPN link: systemd-resolved over D-Bus when it runs, else resolvconf when it
 * is installed, else nothing (the caller tells the user which servers to set).
 * /etc/resolv.conf itself is never written: whoever owns it would fight us for it, and a
 * crash would leave the VPN's servers behind. */
#pragma once

#include <gio/gio.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>

#include "net/net_addr.h"

/* resolv.conf reads three; resolved takes more, and a VPN rarely sends more than two. */
#define NET_DNS_SERVERS_MAX 8
#define NET_DNS_DOMAINS_MAX 16

enum net_dns_backend {
	NET_DNS_BACKEND_NONE = 0,
	NET_DNS_BACKEND_RESOLVED,
	NET_DNS_BACKEND_RESOLVCONF,
};

struct net_dns_request {
	int ifindex;
	const char *ifname;
	const struct in_addr *servers;
	size_t n_servers;
	const char *const *search_domains; /* NULL-terminated, or NULL */
	/* The VPN carries the default route: its servers answer every name ("~." in resolved). */
	bool default_route;
};

/* Where to look for the backends. All zero means the real system. */
struct net_dns_env {
	GDBusConnection *bus;	     /* where resolved is looked for; NULL = the system bus */
	bool skip_resolved;	     /* never use resolved (tests, or a system bus-less host) */
	const char *resolvconf_path; /* NULL = PATH, /usr/sbin, /sbin; "" = not installed */
};

/* What was applied: enough to revert it later, from this process or a restarted one. */
struct net_dns_applied {
	enum net_dns_backend backend;
	int ifindex;		  /* resolved's link */
	char ifname[IF_NAMESIZE]; /* resolvconf's record name */
};

const char *net_dns_backend_name(enum net_dns_backend backend);
int net_dns_backend_from_name(const char *name, enum net_dns_backend *out);

/* Fills `applied` with the backend that will be used and the link it will touch, without
 * changing anything, so the caller can record it before net_dns_apply does. */
void net_dns_detect(const struct net_dns_request *request, const struct net_dns_env *env,
		    struct net_dns_applied *applied);

/* Configures `applied->backend` (from net_dns_detect). On failure part of it may have been
 * applied: net_dns_revert undoes any part. */
int net_dns_apply(const struct net_dns_request *request, const struct net_dns_applied *applied,
		  const struct net_dns_env *env, GError **error);

/* Succeeds when there is nothing left to revert (the link or the record already gone). */
int net_dns_revert(const struct net_dns_applied *applied, const struct net_dns_env *env,
		   GError **error);

/* What the two backends are given; exposed for tests. */
char *net_dns_render_resolvconf(const struct net_dns_request *request);
GVariant *net_dns_link_dns_parameters(const struct net_dns_request *request);
GVariant *net_dns_link_domains_parameters(const struct net_dns_request *request);
