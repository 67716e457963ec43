/* rtnetlink route messages: requests byte by byte, replies parsed with every length
 * checked (truncated, lying and foreign input). */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <arpa/inet.h>

#include "net/netlink_route_msg.h"

/* Expected messages are written field by field in host order, as the kernel reads them. */
struct bytes {
	uint8_t data[512];
	size_t len;
};

static void put8(struct bytes *b, uint8_t v)
{
	b->data[b->len++] = v;
}

static void put16(struct bytes *b, uint16_t v)
{
	memcpy(b->data + b->len, &v, 2);
	b->len += 2;
}

static void put32(struct bytes *b, uint32_t v)
{
	memcpy(b->data + b->len, &v, 4);
	b->len += 4;
}

static void put_addr(struct bytes *b, const char *text)
{
	struct in_addr a;

	g_assert_cmpint(inet_pton(AF_INET, text, &a), ==, 1);
	memcpy(b->data + b->len, &a, 4);
	b->len += 4;
}

static void put_nlmsghdr(struct bytes *b, uint32_t len, uint16_t type, uint16_t flags, uint32_t seq,
			 uint32_t pid)
{
	put32(b, len);
	put16(b, type);
	put16(b, flags);
	put32(b, seq);
	put32(b, pid);
}

static void put_rtmsg(struct bytes *b, uint8_t family, uint8_t dst_len, uint8_t table,
		      uint8_t protocol, uint8_t scope, uint8_t type, uint32_t flags)
{
	put8(b, family);
	put8(b, dst_len);
	put8(b, 0); /* src_len */
	put8(b, 0); /* tos */
	put8(b, table);
	put8(b, protocol);
	put8(b, scope);
	put8(b, type);
	put32(b, flags);
}

static void put_attr_u32(struct bytes *b, uint16_t type, uint32_t v)
{
	put16(b, 8);
	put16(b, type);
	put32(b, v);
}

static void put_attr_addr(struct bytes *b, uint16_t type, const char *text)
{
	put16(b, 8);
	put16(b, type);
	put_addr(b, text);
}

static void patch_len(struct bytes *b)
{
	uint32_t len = (uint32_t)b->len;

	memcpy(b->data, &len, 4);
}

static struct in_addr addr(const char *text)
{
	struct in_addr a;

	g_assert_cmpint(inet_pton(AF_INET, text, &a), ==, 1);
	return a;
}

static void assert_bytes_equal(const uint8_t *got, int got_len, const struct bytes *want)
{
	g_assert_cmpint(got_len, ==, (int)want->len);
	g_assert_cmpmem(got, (size_t)got_len, want->data, want->len);
}

static void test_lookup_request_bytes(void)
{
	uint8_t buf[NL_ROUTE_REQUEST_MAX];
	struct bytes want = {0};
	int len;

	put_nlmsghdr(&want, 36, RTM_GETROUTE, NLM_F_REQUEST, 7, 0);
	put_rtmsg(&want, AF_INET, 32, 0, 0, 0, 0, RTM_F_LOOKUP_TABLE);
	put_attr_addr(&want, RTA_DST, "203.0.113.5");

	len = nl_route_build_lookup(buf, sizeof(buf), 7, addr("203.0.113.5"));
	assert_bytes_equal(buf, len, &want);
}

static const struct nl_route default_half = {
    .dst_len = 1,
    .protocol = RTPROT_STATIC,
    .scope = RT_SCOPE_LINK,
    .type = RTN_UNICAST,
    .table = RT_TABLE_MAIN,
    .oif = 7,
};

static void test_add_request_bytes(void)
{
	uint8_t buf[NL_ROUTE_REQUEST_MAX];
	struct bytes want = {0};
	int len;

	put_nlmsghdr(&want, 52, RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
		     9, 0);
	put_rtmsg(&want, AF_INET, 1, RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_LINK, RTN_UNICAST, 0);
	put_attr_u32(&want, RTA_TABLE, RT_TABLE_MAIN);
	put_attr_addr(&want, RTA_DST, "0.0.0.0");
	put_attr_u32(&want, RTA_OIF, 7);

	len = nl_route_build_add(buf, sizeof(buf), 9, &default_half);
	assert_bytes_equal(buf, len, &want);
}

static struct nl_route gateway_host_route(void)
{
	struct nl_route route = {
	    .dst = addr("203.0.113.5"),
	    .dst_len = 32,
	    .protocol = RTPROT_STATIC,
	    .scope = RT_SCOPE_UNIVERSE,
	    .type = RTN_UNICAST,
	    .table = RT_TABLE_MAIN,
	    .oif = 3,
	    .has_gateway = true,
	    .gateway = addr("192.0.2.254"),
	    .has_prefsrc = true,
	    .prefsrc = addr("192.0.2.10"),
	    .priority = 20,
	};

	return route;
}

static void test_delete_request_matches_any_scope(void)
{
	uint8_t buf[NL_ROUTE_REQUEST_MAX];
	struct nl_route route = gateway_host_route();
	struct bytes want = {0};
	int len;

	put_nlmsghdr(&want, 76, RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, 1, 0);
	put_rtmsg(&want, AF_INET, 32, RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_NOWHERE, RTN_UNICAST,
		  0);
	put_attr_u32(&want, RTA_TABLE, RT_TABLE_MAIN);
	put_attr_addr(&want, RTA_DST, "203.0.113.5");
	put_attr_addr(&want, RTA_GATEWAY, "192.0.2.254");
	put_attr_addr(&want, RTA_PREFSRC, "192.0.2.10");
	put_attr_u32(&want, RTA_OIF, 3);
	put_attr_u32(&want, RTA_PRIORITY, 20);

	len = nl_route_build_delete(buf, sizeof(buf), 1, &route);
	assert_bytes_equal(buf, len, &want);
}

static void test_table_above_255_goes_in_attribute_only(void)
{
	uint8_t buf[NL_ROUTE_REQUEST_MAX];
	struct nl_route route = default_half;
	uint32_t table;
	int len;

	route.table = 51820;
	len = nl_route_build_add(buf, sizeof(buf), 1, &route);
	g_assert_cmpint(len, >, 0);
	g_assert_cmpuint(buf[NLMSG_HDRLEN + 4], ==, RT_TABLE_UNSPEC);
	memcpy(&table, buf + NLMSG_HDRLEN + 12 + 4, 4);
	g_assert_cmpuint(table, ==, 51820);
}

static void test_small_buffers_are_refused(void)
{
	struct nl_route route = gateway_host_route();
	uint8_t buf[NL_ROUTE_REQUEST_MAX];
	int full = nl_route_build_add(buf, sizeof(buf), 1, &route);

	g_assert_cmpint(full, <=, NL_ROUTE_REQUEST_MAX);
	for (size_t size = 0; size < (size_t)full; size++) {
		g_autofree uint8_t *small = g_malloc(size ? size : 1);

		g_assert_cmpint(nl_route_build_add(small, size, 1, &route), ==, -ENOBUFS);
		g_assert_cmpint(nl_route_build_delete(small, size, 1, &route), ==, -ENOBUFS);
		if (size < 36)
			g_assert_cmpint(nl_route_build_lookup(small, size, 1, route.dst), ==,
					-ENOBUFS);
	}
}

static void test_add_request_parses_back(void)
{
	uint8_t buf[NL_ROUTE_REQUEST_MAX];
	struct nl_route route = gateway_host_route(), parsed;
	int len = nl_route_build_add(buf, sizeof(buf), 1, &route);

	g_assert_cmpint(nl_route_parse(buf, (size_t)len, &parsed), ==, 0);
	g_assert_cmpuint(parsed.dst.s_addr, ==, route.dst.s_addr);
	g_assert_cmpuint(parsed.dst_len, ==, route.dst_len);
	g_assert_cmpuint(parsed.protocol, ==, route.protocol);
	g_assert_cmpuint(parsed.scope, ==, route.scope);
	g_assert_cmpuint(parsed.type, ==, route.type);
	g_assert_cmpuint(parsed.table, ==, route.table);
	g_assert_cmpint(parsed.oif, ==, route.oif);
	g_assert_true(parsed.has_gateway && parsed.gateway.s_addr == route.gateway.s_addr);
	g_assert_true(parsed.has_prefsrc && parsed.prefsrc.s_addr == route.prefsrc.s_addr);
	g_assert_cmpuint(parsed.priority, ==, route.priority);
}

/* What `ip route get 203.0.113.5` receives on a host with a default route via
 * 192.0.2.254 on interface 3, including attributes we do not use. */
static struct bytes lookup_reply(uint32_t seq, uint32_t pid)
{
	struct bytes b = {0};

	put_nlmsghdr(&b, 0, RTM_NEWROUTE, 0, seq, pid);
	put_rtmsg(&b, AF_INET, 32, RT_TABLE_MAIN, RTPROT_UNSPEC, RT_SCOPE_UNIVERSE, RTN_UNICAST,
		  RTM_F_CLONED | RTM_F_LOOKUP_TABLE);
	put_attr_u32(&b, RTA_TABLE, RT_TABLE_MAIN);
	put_attr_addr(&b, RTA_DST, "203.0.113.5");
	put_attr_u32(&b, RTA_OIF, 3);
	put_attr_addr(&b, RTA_PREFSRC, "192.0.2.10");
	put_attr_addr(&b, RTA_GATEWAY, "192.0.2.254");
	put_attr_u32(&b, RTA_UID, 0);
	put16(&b, 4 + 32); /* RTA_CACHEINFO, unknown to us, skipped */
	put16(&b, RTA_CACHEINFO);
	for (int i = 0; i < 8; i++)
		put32(&b, 0);
	patch_len(&b);
	return b;
}

static void test_lookup_reply_gives_gateway_device_and_source(void)
{
	struct bytes b = lookup_reply(5, 1234);
	struct nl_reply reply = {0};
	char text[128];

	g_assert_cmpint(nl_reply_parse(b.data, b.len, 5, 1234, &reply), ==, 0);
	g_assert_true(reply.complete);
	g_assert_cmpint(reply.error, ==, 0);
	g_assert_true(reply.has_route);
	nl_route_describe(&reply.route, "eth0", text, sizeof(text));
	g_assert_cmpstr(text, ==, "203.0.113.5/32 via 192.0.2.254 dev eth0 src 192.0.2.10");
	g_assert_cmpint(reply.route.oif, ==, 3);
	g_assert_cmpuint(reply.route.type, ==, RTN_UNICAST);
	g_assert_cmpuint(reply.route.table, ==, RT_TABLE_MAIN);
}

static void test_truncated_replies_never_overread(void)
{
	struct bytes b = lookup_reply(5, 1234);

	/* Each prefix in a buffer of exactly its size, so ASan sees any read past it. */
	for (size_t len = 0; len < b.len; len++) {
		g_autofree uint8_t *copy = g_memdup2(b.data, len ? len : 1);
		struct nl_reply reply = {0};
		int r = nl_reply_parse(copy, len, 5, 1234, &reply);

		g_assert_true(r == -EBADMSG || !reply.complete);
	}
}

static void test_attribute_longer_than_message_is_refused(void)
{
	struct bytes b = lookup_reply(5, 1234);
	struct nl_reply reply = {0};
	uint16_t liar = 200;

	memcpy(b.data + NLMSG_HDRLEN + 12, &liar, 2); /* the RTA_TABLE length */
	g_assert_cmpint(nl_reply_parse(b.data, b.len, 5, 1234, &reply), ==, -EBADMSG);
}

static void test_attribute_shorter_than_its_header_is_refused(void)
{
	struct bytes b = lookup_reply(5, 1234);
	struct nl_reply reply = {0};
	uint16_t liar = 2;

	memcpy(b.data + NLMSG_HDRLEN + 12, &liar, 2);
	g_assert_cmpint(nl_reply_parse(b.data, b.len, 5, 1234, &reply), ==, -EBADMSG);
}

static void test_address_of_wrong_size_is_refused(void)
{
	struct bytes b = {0};
	struct nl_route route;

	put_nlmsghdr(&b, 0, RTM_NEWROUTE, 0, 1, 0);
	put_rtmsg(&b, AF_INET, 32, RT_TABLE_MAIN, 0, 0, RTN_UNICAST, 0);
	put16(&b, 4 + 6);
	put16(&b, RTA_GATEWAY);
	put32(&b, 0x01020304);
	put16(&b, 0x0506);
	put16(&b, 0); /* padding */
	patch_len(&b);
	g_assert_cmpint(nl_route_parse(b.data, b.len, &route), ==, -EBADMSG);
}

static void test_message_length_beyond_datagram_is_refused(void)
{
	struct bytes b = lookup_reply(5, 1234);
	struct nl_reply reply = {0};
	uint32_t liar = (uint32_t)b.len + 4;

	memcpy(b.data, &liar, 4);
	g_assert_cmpint(nl_reply_parse(b.data, b.len, 5, 1234, &reply), ==, -EBADMSG);
	liar = 3;
	memcpy(b.data, &liar, 4);
	g_assert_cmpint(nl_reply_parse(b.data, b.len, 5, 1234, &reply), ==, -EBADMSG);
}

static void test_ipv6_route_is_not_supported(void)
{
	struct bytes b = {0};
	struct nl_route route;

	put_nlmsghdr(&b, 0, RTM_NEWROUTE, 0, 1, 0);
	put_rtmsg(&b, AF_INET6, 128, RT_TABLE_MAIN, 0, 0, RTN_UNICAST, 0);
	patch_len(&b);
	g_assert_cmpint(nl_route_parse(b.data, b.len, &route), ==, -EAFNOSUPPORT);
}

static void test_ipv6_next_hop_is_flagged(void)
{
	struct bytes b = {0};
	struct nl_route route;

	put_nlmsghdr(&b, 0, RTM_NEWROUTE, 0, 1, 0);
	put_rtmsg(&b, AF_INET, 32, RT_TABLE_MAIN, 0, 0, RTN_UNICAST, 0);
	put16(&b, 4 + 2 + 16); /* RTA_VIA: family, then an IPv6 address (RFC 5549) */
	put16(&b, RTA_VIA);
	put16(&b, AF_INET6);
	for (int i = 0; i < 4; i++)
		put32(&b, 0);
	put16(&b, 0); /* padding */
	put_attr_u32(&b, RTA_OIF, 3);
	patch_len(&b);
	g_assert_cmpint(nl_route_parse(b.data, b.len, &route), ==, 0);
	g_assert_true(route.gateway_is_ipv6);
	g_assert_false(route.has_gateway);
	g_assert_cmpint(route.oif, ==, 3);
}

static struct bytes error_reply(int error, uint32_t seq, bool capped, const char *text)
{
	struct bytes b = {0};
	uint16_t flags = (capped ? NLM_F_CAPPED : 0) | (text ? NLM_F_ACK_TLVS : 0);

	put_nlmsghdr(&b, 0, NLMSG_ERROR, flags, seq, 77);
	put32(&b, (uint32_t)error);
	if (capped) {
		put_nlmsghdr(&b, 52, RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK, seq, 77);
	} else { /* the whole request is echoed back */
		uint8_t request[NL_ROUTE_REQUEST_MAX];
		int len = nl_route_build_add(request, sizeof(request), seq, &default_half);

		memcpy(b.data + b.len, request, (size_t)len);
		b.len += (size_t)len;
	}
	if (text) {
		size_t n = strlen(text) + 1;

		put16(&b, (uint16_t)(4 + n));
		put16(&b, NLMSGERR_ATTR_MSG);
		memcpy(b.data + b.len, text, n);
		b.len += NLA_ALIGN(n);
	}
	patch_len(&b);
	return b;
}

static void test_error_reply_gives_errno_and_kernel_text(void)
{
	for (int capped = 0; capped <= 1; capped++) {
		struct bytes b = error_reply(-EEXIST, 4, capped, "File exists\x01!");
		struct nl_reply reply = {0};

		g_assert_cmpint(nl_reply_parse(b.data, b.len, 4, 77, &reply), ==, 0);
		g_assert_true(reply.complete);
		g_assert_cmpint(reply.error, ==, -EEXIST);
		g_assert_cmpstr(reply.error_text, ==, "File exists?!");
	}
}

static void test_ack_is_success(void)
{
	struct bytes b = error_reply(0, 4, true, NULL);
	struct nl_reply reply = {0};

	g_assert_cmpint(nl_reply_parse(b.data, b.len, 4, 77, &reply), ==, 0);
	g_assert_true(reply.complete);
	g_assert_cmpint(reply.error, ==, 0);
	g_assert_cmpstr(reply.error_text, ==, "");
}

static void test_positive_error_is_malformed(void)
{
	struct bytes b = error_reply(5, 4, true, NULL);
	struct nl_reply reply = {0};

	g_assert_cmpint(nl_reply_parse(b.data, b.len, 4, 77, &reply), ==, -EBADMSG);
}

static void test_replies_to_other_requests_are_skipped(void)
{
	struct bytes stale = error_reply(-ENOENT, 3, true, NULL);
	struct bytes mine = error_reply(0, 4, true, NULL);
	struct bytes both = stale;
	struct nl_reply reply = {0};

	g_assert_cmpint(nl_reply_parse(stale.data, stale.len, 4, 77, &reply), ==, 0);
	g_assert_false(reply.complete);
	g_assert_cmpint(nl_reply_parse(stale.data, stale.len, 3, 78, &reply), ==, 0);
	g_assert_false(reply.complete);

	memcpy(both.data + both.len, mine.data, mine.len);
	both.len += mine.len;
	g_assert_cmpint(nl_reply_parse(both.data, both.len, 4, 77, &reply), ==, 0);
	g_assert_true(reply.complete);
	g_assert_cmpint(reply.error, ==, 0);
}

static void test_random_datagrams_do_not_crash(void)
{
	struct bytes base = lookup_reply(1, 0);

	for (int i = 0; i < 20000; i++) {
		size_t len = (size_t)g_test_rand_int_range(0, (int)base.len + 8);
		g_autofree uint8_t *buf = g_malloc(len ? len : 1);
		struct nl_reply reply = {0};

		memcpy(buf, base.data, MIN(len, base.len));
		for (int flips = g_test_rand_int_range(1, 6); flips > 0 && len > 0; flips--)
			buf[g_test_rand_int_range(0, (int)len)] = (uint8_t)g_test_rand_int();
		(void)nl_reply_parse(buf, len, 1, 0, &reply);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/net/netlink/lookup-request-bytes", test_lookup_request_bytes);
	g_test_add_func("/net/netlink/add-request-bytes", test_add_request_bytes);
	g_test_add_func("/net/netlink/delete-request-matches-any-scope",
			test_delete_request_matches_any_scope);
	g_test_add_func("/net/netlink/table-above-255-in-attribute",
			test_table_above_255_goes_in_attribute_only);
	g_test_add_func("/net/netlink/small-buffers-refused", test_small_buffers_are_refused);
	g_test_add_func("/net/netlink/add-request-parses-back", test_add_request_parses_back);
	g_test_add_func("/net/netlink/lookup-reply",
			test_lookup_reply_gives_gateway_device_and_source);
	g_test_add_func("/net/netlink/truncated-replies", test_truncated_replies_never_overread);
	g_test_add_func("/net/netlink/attribute-too-long",
			test_attribute_longer_than_message_is_refused);
	g_test_add_func("/net/netlink/attribute-too-short",
			test_attribute_shorter_than_its_header_is_refused);
	g_test_add_func("/net/netlink/address-wrong-size", test_address_of_wrong_size_is_refused);
	g_test_add_func("/net/netlink/message-beyond-datagram",
			test_message_length_beyond_datagram_is_refused);
	g_test_add_func("/net/netlink/ipv6-route-unsupported", test_ipv6_route_is_not_supported);
	g_test_add_func("/net/netlink/ipv6-next-hop-flagged", test_ipv6_next_hop_is_flagged);
	g_test_add_func("/net/netlink/error-reply", test_error_reply_gives_errno_and_kernel_text);
	g_test_add_func("/net/netlink/ack", test_ack_is_success);
	g_test_add_func("/net/netlink/positive-error-malformed", test_positive_error_is_malformed);
	g_test_add_func("/net/netlink/other-requests-skipped",
			test_replies_to_other_requests_are_skipped);
	g_test_add_func("/net/netlink/random-datagrams", test_random_datagrams_do_not_crash);
	return g_test_run();
}
