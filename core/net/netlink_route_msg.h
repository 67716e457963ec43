/* rtnetlink route messages (RTM_GETROUTE, RTM_NEWROUTE, RTM_DELROUTE) and their replies.
 *
 * Pure: builds and parses bytes, no socket. IPv4 routes only; a reply about another family
 * is refused with -EAFNOSUPPORT. Every reply is hostile until parsed: each length is checked
 * against the buffer before it is read. Functions return 0 (or a length) or a negative errno. */
#pragma once

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Large enough for any request built here (header, rtmsg and six 8-byte attributes). */
#define NL_ROUTE_REQUEST_MAX 96

/* One IPv4 route as the kernel's FIB sees it. Fields follow struct rtmsg and the RTA_*
 * attributes of <linux/rtnetlink.h>. */
struct nl_route {
	struct in_addr dst;
	uint8_t dst_len;
	uint8_t protocol; /* RTPROT_* */
	uint8_t scope;	  /* RT_SCOPE_* */
	uint8_t type;	  /* RTN_* */
	uint32_t table;	  /* RT_TABLE_* or a number above 255 */
	uint32_t flags;	  /* rtm_flags, e.g. RTNH_F_ONLINK */
	int oif;	  /* outgoing interface index; 0 = none */
	bool has_gateway;
	struct in_addr gateway;
	bool has_prefsrc;
	struct in_addr prefsrc;
	uint32_t priority; /* the metric; 0 = the kernel's default */
	/* RTA_VIA with an IPv6 next hop (RFC 5549): recognised so callers can refuse it. */
	bool gateway_is_ipv6;
};

/* The outcome of one request, gathered from the datagram(s) answering it. */
struct nl_reply {
	bool complete;	      /* the ACK, the error or the awaited route has arrived */
	int error;	      /* 0, or the kernel's negative errno */
	char error_text[128]; /* the kernel's extended-ACK message, "" when it sent none */
	bool has_route;
	struct nl_route route;
};

/* Each returns the message length, or -ENOBUFS when `size` is too small. */
int nl_route_build_lookup(void *buf, size_t size, uint32_t seq, struct in_addr dst);
/* NLM_F_CREATE | NLM_F_EXCL: adding a route that exists fails with -EEXIST instead of
 * silently taking over someone else's route, which teardown would then remove. */
int nl_route_build_add(void *buf, size_t size, uint32_t seq, const struct nl_route *route);
int nl_route_build_delete(void *buf, size_t size, uint32_t seq, const struct nl_route *route);

/* Parses one RTM_NEWROUTE message, `msg` pointing at its struct nlmsghdr. -EBADMSG when
 * malformed, -EAFNOSUPPORT when not IPv4. */
int nl_route_parse(const void *msg, size_t len, struct nl_route *out);

/* Reads one datagram and folds the messages answering (`seq`, `portid`) into `reply`;
 * messages for other requests are skipped. -EBADMSG when a message is malformed. */
int nl_reply_parse(const void *buf, size_t len, uint32_t seq, uint32_t portid,
		   struct nl_reply *reply);

/* "10.0.0.0/8 via 192.0.2.1 dev ppp0 src 192.0.2.7 metric 5"; `ifname` may be NULL. */
void nl_route_describe(const struct nl_route *route, const char *ifname, char *buf, size_t size);
