/* Input validation shared by the route and DNS code. */
#include "config.h"

#include "net/net_addr.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

void net_error_set(struct net_error *error, const char *fmt, ...)
{
	va_list ap;

	if (!error)
		return;
	va_start(ap, fmt);
	vsnprintf(error->text, sizeof(error->text), fmt, ap);
	va_end(ap);
}

int net_parse_ipv4(const char *field, const char *text, struct in_addr *out,
		   struct net_error *error)
{
	struct in6_addr unused6;

	if (!text || !*text) {
		net_error_set(error, _("%s: an IPv4 address is required"), field);
		return -EINVAL;
	}
	if (inet_pton(AF_INET, text, out) == 1)
		return 0;
	if (inet_pton(AF_INET6, text, &unused6) == 1) {
		net_error_set(error,
			      _("%s: IPv6 address %s is not supported yet; use an IPv4 address"),
			      field, text);
		return -EAFNOSUPPORT;
	}
	net_error_set(error, _("%s: \"%.64s\" is not an IPv4 address"), field, text);
	return -EINVAL;
}

int net_validate_ifname(const char *field, const char *ifname, struct net_error *error)
{
	size_t len = ifname ? strnlen(ifname, IF_NAMESIZE) : 0;

	if (len == 0) {
		net_error_set(error, _("%s: an interface name is required"), field);
		return -EINVAL;
	}
	if (len >= IF_NAMESIZE) {
		net_error_set(error, _("%s: interface name is longer than %d characters"), field,
			      IF_NAMESIZE - 1);
		return -EINVAL;
	}
	if (strcmp(ifname, ".") == 0 || strcmp(ifname, "..") == 0)
		goto invalid;
	for (const char *p = ifname; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) ||
		    !isprint((unsigned char)*p))
			goto invalid;
	return 0;
invalid:
	net_error_set(error, _("%s: \"%s\" is not a valid interface name"), field, ifname);
	return -EINVAL;
}

uint32_t net_ipv4_mask(unsigned prefix_len)
{
	if (prefix_len == 0)
		return 0;
	return htonl(0xffffffffu << (32 - prefix_len));
}

static bool is_label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* RFC 1035 §2.3.4 limits; '_' is allowed because real search domains use it. */
int net_validate_domain(const char *field, const char *domain, struct net_error *error)
{
	size_t len = domain ? strnlen(domain, 256) : 0;
	size_t label = 0;

	if (len == 0 || len > 253 || (len == 1 && domain[0] == '.'))
		goto invalid;
	for (size_t i = 0; i < len; i++) {
		if (domain[i] == '.') {
			if (label == 0)
				goto invalid;
			label = 0;
			continue;
		}
		if (!is_label_char(domain[i]) || ++label > 63)
			goto invalid;
	}
	return 0;
invalid:
	net_error_set(error, _("%s: \"%.64s\" is not a valid DNS domain"), field,
		      domain ? domain : "");
	return -EINVAL;
}
