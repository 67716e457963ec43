/* Addresses, host names and routes as profiles spell them. Like profile_value_check.h, the
 * checks return NULL or a translated problem the caller frees. */
#pragma once

#include "profile/profile.h"

#include <stdbool.h>

bool l2c_is_ip_literal(const char *text, bool ipv4_only);

/* RFC 1123 host name: labels of letters, digits and '-', 1-63 bytes, 253 in all. */
bool l2c_is_dns_name(const char *text);

/* An IPv4/IPv6 literal, "[IPv6]", or a DNS name. */
char *l2c_check_host(const char *value);
/* The gateway as an address or name: brackets around an IPv6 literal removed. */
char *l2c_host_without_brackets(const char *value);

char *l2c_check_address(const char *value, bool ipv4_only);
/* NetworkManager's lists: items separated by ';', a trailing ';' allowed. */
char *l2c_check_address_list(const char *value, bool ipv4_only);
char *l2c_check_domain_list(const char *value);

/* "DEST/PREFIX[,GATEWAY[,METRIC]]" (IPv4). `out` may be NULL to only check; its strings are
 * the caller's to free (l2c_ip_route_clear). */
char *l2c_parse_route(const char *value, struct l2c_ip_route *out);
/* "ADDRESS/PREFIX[,GATEWAY]" (IPv4). */
char *l2c_parse_ip_prefix(const char *value, struct l2c_ip_address *out);

void l2c_ip_route_clear(struct l2c_ip_route *route);
void l2c_ip_address_clear(struct l2c_ip_address *address);
