/* Validation of the addresses, prefixes and interface names that core/net/ is handed.
 *
 * Pure: libc only. Each parser names the field it checks in its error text, so a user
 * reading "ipv4.route2: prefix length 40 is out of range (0-32)" knows what to fix. */
#pragma once

#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Filled with one translated sentence when a function returns a negative errno. */
struct net_error {
	char text[256];
};

void net_error_set(struct net_error *error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Dotted-quad IPv4 only. An IPv6 text gives -EAFNOSUPPORT ("not supported yet"), anything
 * else -EINVAL; both name `field`. */
int net_parse_ipv4(const char *field, const char *text, struct in_addr *out,
		   struct net_error *error);

/* Linux's own rule (dev_valid_name): 1-15 bytes, not "." or "..", no '/', ':' or space. */
int net_validate_ifname(const char *field, const char *ifname, struct net_error *error);

/* Network-order mask of `prefix_len` leading ones; prefix_len must be 0..32. */
uint32_t net_ipv4_mask(unsigned prefix_len);

/* A DNS search domain: dot-separated labels of letters, digits, '-' and '_', each 1-63
 * bytes, 253 bytes in all; one trailing dot is allowed. */
int net_validate_domain(const char *field, const char *domain, struct net_error *error);
