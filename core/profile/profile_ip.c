/* Address and route syntax of NetworkManager keyfiles (nm-keyfile: "route1=DEST/PREFIX,GW,METRIC",
 * lists joined with ';'). */
#include "config.h"

#include "profile/profile_ip.h"

#include "profile/profile_value_check.h"
#include "util/i18n.h"

#include <arpa/inet.h>
#include <glib.h>
#include <string.h>

#define HOST_MAX 255
#define LIST_MAX 4096

bool l2c_is_ip_literal(const char *text, bool ipv4_only)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, text, buf) == 1)
		return true;
	return !ipv4_only && inet_pton(AF_INET6, text, buf) == 1;
}

static bool is_dns_label(const char *label, size_t len)
{
	if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!g_ascii_isalnum(label[i]) && label[i] != '-')
			return false;
	return true;
}

bool l2c_is_dns_name(const char *text)
{
	size_t len = strlen(text);

	if (len > 0 && text[len - 1] == '.')
		len--; /* a fully qualified name's root dot */
	if (len == 0 || len > 253)
		return false;
	for (size_t start = 0; start < len;) {
		const char *dot = memchr(text + start, '.', len - start);
		size_t label_len = dot ? (size_t)(dot - (text + start)) : len - start;

		if (!is_dns_label(text + start, label_len))
			return false;
		start += label_len + 1;
		if (dot && start == len)
			return false; /* "a..": an empty last label */
	}
	return true;
}

/* "10.1.2" or "300.1.1.1" are DNS-legal but surely meant as addresses. */
static bool looks_numeric(const char *text)
{
	for (const char *p = text; *p; p++)
		if (!g_ascii_isdigit(*p) && *p != '.')
			return false;
	return true;
}

char *l2c_host_without_brackets(const char *value)
{
	size_t len = strlen(value);

	if (len >= 2 && value[0] == '[' && value[len - 1] == ']')
		return g_strndup(value + 1, len - 2);
	return g_strdup(value);
}

char *l2c_check_host(const char *value)
{
	char *problem = l2c_check_config_text(value, 0, HOST_MAX);
	g_autofree char *bare = NULL;
	g_autofree char *quoted = NULL;

	if (problem)
		return problem;
	bare = l2c_host_without_brackets(value);
	if (strcmp(bare, value) != 0) {
		if (l2c_is_ip_literal(bare, false) && strchr(bare, ':'))
			return NULL;
	} else if (l2c_is_ip_literal(value, false)) {
		return NULL;
	} else if (!looks_numeric(value) && l2c_is_dns_name(value)) {
		return NULL;
	}
	quoted = l2c_quote_for_message(value);
	return g_strdup_printf(_("%s is not an IP address or DNS name"), quoted);
}

char *l2c_check_address(const char *value, bool ipv4_only)
{
	g_autofree char *quoted = NULL;

	if (l2c_is_ip_literal(value, ipv4_only))
		return NULL;
	quoted = l2c_quote_for_message(value);
	if (ipv4_only)
		return g_strdup_printf(_("%s is not an IPv4 address"), quoted);
	return g_strdup_printf(_("%s is not an IPv4 or IPv6 address"), quoted);
}

char *l2c_check_address_list(const char *value, bool ipv4_only)
{
	g_auto(GStrv) items = NULL;

	if (strlen(value) > LIST_MAX)
		return g_strdup_printf(_("is too long (at most %d bytes)"), LIST_MAX);
	items = g_strsplit(value, ";", -1);
	for (size_t i = 0; items[i]; i++) {
		char *problem = items[i][0] ? l2c_check_address(items[i], ipv4_only) : NULL;

		if (problem)
			return problem;
	}
	return NULL;
}

char *l2c_check_domain_list(const char *value)
{
	g_auto(GStrv) items = NULL;

	if (strlen(value) > LIST_MAX)
		return g_strdup_printf(_("is too long (at most %d bytes)"), LIST_MAX);
	items = g_strsplit(value, ";", -1);
	for (size_t i = 0; items[i]; i++) {
		/* "~example.com" is a routing-only domain, "~." routes every query. */
		const char *name = items[i][0] == '~' ? items[i] + 1 : items[i];
		g_autofree char *quoted = NULL;

		if (!items[i][0] || strcmp(name, ".") == 0 ||
		    (l2c_is_dns_name(name) && !looks_numeric(name)))
			continue;
		quoted = l2c_quote_for_message(items[i]);
		return g_strdup_printf(_("%s is not a DNS domain"), quoted);
	}
	return NULL;
}

/* "ADDR/PREFIX" or "ADDR" (a host: /32). */
static bool parse_ipv4_with_prefix(const char *text, char **address, unsigned *prefix)
{
	const char *slash = strchr(text, '/');
	g_autofree char *addr = slash ? g_strndup(text, (size_t)(slash - text)) : g_strdup(text);
	unsigned n = 32;

	if (!l2c_is_ip_literal(addr, true))
		return false;
	if (slash && (l2c_parse_uint(slash + 1, &n) < 0 || n > 32 || strlen(slash + 1) > 2))
		return false;
	*address = g_steal_pointer(&addr);
	*prefix = n;
	return true;
}

/* An empty gateway or 0.0.0.0 means "none": NetworkManager writes the latter when only a
 * metric follows. */
static bool parse_gateway(const char *text, char **gateway)
{
	*gateway = NULL;
	if (!text || !text[0] || strcmp(text, "0.0.0.0") == 0)
		return true;
	if (!l2c_is_ip_literal(text, true))
		return false;
	*gateway = g_strdup(text);
	return true;
}

char *l2c_parse_route(const char *value, struct l2c_ip_route *out)
{
	g_auto(GStrv) parts = g_strsplit(value, ",", -1);
	guint n = g_strv_length(parts);
	struct l2c_ip_route r = {.metric = -1};
	unsigned metric;
	g_autofree char *quoted = NULL;

	if (n < 1 || n > 3 || !parse_ipv4_with_prefix(parts[0], &r.dest, &r.prefix))
		goto bad;
	if (n >= 2 && !parse_gateway(parts[1], &r.gateway))
		goto bad;
	if (n == 3) {
		if (l2c_parse_uint(parts[2], &metric) < 0)
			goto bad;
		r.metric = metric;
	}
	if (out)
		*out = r;
	else
		l2c_ip_route_clear(&r);
	return NULL;
bad:
	l2c_ip_route_clear(&r);
	quoted = l2c_quote_for_message(value);
	return g_strdup_printf(_("%s is not a route (use DEST/PREFIX[,GATEWAY[,METRIC]])"), quoted);
}

char *l2c_parse_ip_prefix(const char *value, struct l2c_ip_address *out)
{
	g_auto(GStrv) parts = g_strsplit(value, ",", -1);
	guint n = g_strv_length(parts);
	struct l2c_ip_address a = {0};
	g_autofree char *quoted = NULL;

	if (n < 1 || n > 2 || !parse_ipv4_with_prefix(parts[0], &a.address, &a.prefix))
		goto bad;
	if (n == 2 && !parse_gateway(parts[1], &a.gateway))
		goto bad;
	if (out)
		*out = a;
	else
		l2c_ip_address_clear(&a);
	return NULL;
bad:
	l2c_ip_address_clear(&a);
	quoted = l2c_quote_for_message(value);
	return g_strdup_printf(_("%s is not an address (use ADDRESS/PREFIX[,GATEWAY])"), quoted);
}

void l2c_ip_route_clear(struct l2c_ip_route *route)
{
	g_clear_pointer(&route->dest, g_free);
	g_clear_pointer(&route->gateway, g_free);
}

void l2c_ip_address_clear(struct l2c_ip_address *address)
{
	g_clear_pointer(&address->address, g_free);
	g_clear_pointer(&address->gateway, g_free);
}
