/* Parser for NetworkManager keyfile route values; see split_route.h. */
#include "config.h"

#include "net/split_route.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

#define SEPARATORS     "/,;"
#define FIELDS_MAX     4  /* address, prefix, gateway, metric */
#define DEFAULT_PREFIX 24 /* NetworkManager's default when the prefix is left out */

struct route_fields {
	char *field[FIELDS_MAX];
	char separator_before[FIELDS_MAX];
	size_t n;
};

/* Splits `copy` in place. A single trailing separator is tolerated, as NetworkManager
 * accepts (and warns about) a trailing ';'. */
static int split_fields(char *copy, struct route_fields *out)
{
	char *p = copy;
	char separator = '\0';

	out->n = 0;
	for (;;) {
		size_t len = strcspn(p, SEPARATORS);

		if (out->n == FIELDS_MAX)
			return -E2BIG;
		out->separator_before[out->n] = separator;
		out->field[out->n++] = p;
		if (p[len] == '\0')
			break;
		separator = p[len];
		p[len] = '\0';
		p += len + 1;
		if (*p == '\0')
			break;
	}
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int parse_number(const char *field, const char *what, const char *text, unsigned long max,
			unsigned long *out, struct net_error *error)
{
	if (!all_digits(text) || strlen(text) > 10) {
		net_error_set(error, _("%s: %s \"%s\" is not a number"), field, what, text);
		return -EINVAL;
	}
	*out = strtoul(text, NULL, 10);
	if (*out > max) {
		net_error_set(error, _("%s: %s %s is out of range (0-%lu)"), field, what, text,
			      max);
		return -ERANGE;
	}
	return 0;
}

static int parse_prefix(const char *field, const char *text, struct net_split_route *out,
			struct net_error *error)
{
	unsigned long prefix_len;
	int r;

	r = parse_number(field, _("prefix length"), text, 32, &prefix_len, error);
	if (r < 0)
		return r;
	if (prefix_len == 0) {
		net_error_set(error,
			      _("%s: a /0 route cannot be a split route; set never-default=no to "
				"send all traffic through the VPN"),
			      field);
		return -EINVAL;
	}
	out->prefix_len = (uint8_t)prefix_len;
	return 0;
}

static int parse_gateway(const char *field, const char *text, struct net_split_route *out,
			 struct net_error *error)
{
	char gateway_field[96];
	int r;

	out->has_gateway = false;
	if (*text == '\0')
		return 0;
	snprintf(gateway_field, sizeof(gateway_field), _("%s gateway"), field);
	r = net_parse_ipv4(gateway_field, text, &out->gateway, error);
	if (r < 0)
		return r;
	out->has_gateway = out->gateway.s_addr != INADDR_ANY;
	return 0;
}

static int parse_metric(const char *field, const char *text, struct net_split_route *out,
			struct net_error *error)
{
	unsigned long metric;
	int r;

	if (*text == '\0')
		return 0;
	r = parse_number(field, _("metric"), text, UINT32_MAX, &metric, error);
	if (r == 0)
		out->metric = (uint32_t)metric;
	return r;
}

static int parse_fields(const char *field, struct route_fields *f, struct net_split_route *out,
			struct net_error *error)
{
	size_t next = 1;
	int r;

	r = net_parse_ipv4(field, f->field[0], &out->dst, error);
	if (r < 0)
		return r;
	/* The prefix may be left out: a second field that is not a number, and does not follow
	 * a '/', is the gateway. */
	out->prefix_len = DEFAULT_PREFIX;
	if (next < f->n && (all_digits(f->field[next]) || f->separator_before[next] == '/')) {
		r = parse_prefix(field, f->field[next++], out, error);
		if (r < 0)
			return r;
	}
	if (next < f->n) {
		r = parse_gateway(field, f->field[next++], out, error);
		if (r < 0)
			return r;
	}
	if (next < f->n) {
		r = parse_metric(field, f->field[next++], out, error);
		if (r < 0)
			return r;
	}
	if (next < f->n) {
		net_error_set(error, _("%s: unexpected \"%s\" after the metric"), field,
			      f->field[next]);
		return -EINVAL;
	}
	out->dst.s_addr &= net_ipv4_mask(out->prefix_len);
	return 0;
}

int net_split_route_parse(const char *field, const char *text, struct net_split_route *out,
			  struct net_error *error)
{
	char copy[NET_SPLIT_ROUTE_TEXT_MAX + 1];
	struct route_fields fields;
	size_t len = text ? strnlen(text, sizeof(copy)) : 0;

	memset(out, 0, sizeof(*out));
	if (len == 0) {
		net_error_set(error, _("%s: the route is empty; expected ADDRESS/PREFIX"), field);
		return -EINVAL;
	}
	if (len >= sizeof(copy)) {
		net_error_set(error, _("%s: the route is longer than %d characters"), field,
			      NET_SPLIT_ROUTE_TEXT_MAX);
		return -EINVAL;
	}
	memcpy(copy, text, len + 1);
	if (split_fields(copy, &fields) < 0) {
		net_error_set(error,
			      _("%s: \"%s\" has too many fields; expected "
				"ADDRESS/PREFIX[,GATEWAY[,METRIC]]"),
			      field, text);
		return -EINVAL;
	}
	return parse_fields(field, &fields, out, error);
}

int net_split_route_from_parts(const char *field, const char *dst, unsigned prefix_len,
			       const char *gateway, long metric, struct net_split_route *out,
			       struct net_error *error)
{
	char prefix_text[16], metric_text[24] = "";
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = net_parse_ipv4(field, dst, &out->dst, error)) < 0)
		return r;
	snprintf(prefix_text, sizeof(prefix_text), "%u", prefix_len);
	if ((r = parse_prefix(field, prefix_text, out, error)) < 0)
		return r;
	if ((r = parse_gateway(field, gateway ? gateway : "", out, error)) < 0)
		return r;
	if (metric >= 0)
		snprintf(metric_text, sizeof(metric_text), "%ld", metric);
	else if (metric != -1) {
		net_error_set(error, _("%s: metric %ld is out of range (0-%lu)"), field, metric,
			      (unsigned long)UINT32_MAX);
		return -ERANGE;
	}
	if ((r = parse_metric(field, metric_text, out, error)) < 0)
		return r;
	out->dst.s_addr &= net_ipv4_mask(out->prefix_len);
	return 0;
}
