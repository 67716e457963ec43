/* Split routes from a profile: `[ipv4] routeN=` in NetworkManager's keyfile syntax,
 * ADDR/PREFIX[,GATEWAY[,METRIC]].
 *
 * Pure: libc only. NetworkManager treats '/', ',' and ';' as interchangeable separators,
 * reads a missing prefix as /24 and an empty or 0.0.0.0 gateway as "no gateway", and clears
 * host bits when it applies a route; profiles written for it behave the same here. */
#pragma once

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "net/net_addr.h"

#define NET_SPLIT_ROUTE_TEXT_MAX 128

struct net_split_route {
	struct in_addr dst; /* host bits cleared */
	uint8_t prefix_len; /* 1..32: a /0 route is what never-default=no is for */
	bool has_gateway;
	struct in_addr gateway;
	uint32_t metric; /* 0 = the kernel's default */
};

/* `field` names the key in errors, e.g. "ipv4.route1". */
int net_split_route_parse(const char *field, const char *text, struct net_split_route *out,
			  struct net_error *error);

/* The same checks for a route a profile has already split into its parts (struct
 * l2c_ip_route): `gateway` NULL or "" for none, `metric` -1 for none. */
int net_split_route_from_parts(const char *field, const char *dst, unsigned prefix_len,
			       const char *gateway, long metric, struct net_split_route *out,
			       struct net_error *error);
