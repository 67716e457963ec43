/* rtnetlink route message codec; see netlink_route_msg.h. Structures are copied in and out
 * with memcpy because a receive buffer carries no alignment promise for what follows a
 * hostile length field. */
#include "config.h"

#include "net/netlink_route_msg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

struct msg_writer {
	uint8_t *buf;
	size_t size;
	size_t len;
	bool overflow;
};

static void writer_put(struct msg_writer *w, const void *data, size_t len)
{
	size_t padded = NLMSG_ALIGN(len);

	if (w->overflow || padded > w->size - w->len) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->len, data, len);
	memset(w->buf + w->len + len, 0, padded - len);
	w->len += padded;
}

static void writer_put_attr(struct msg_writer *w, uint16_t type, const void *data, size_t len)
{
	struct rtattr rta = {.rta_len = (unsigned short)RTA_LENGTH(len), .rta_type = type};

	writer_put(w, &rta, sizeof(rta));
	writer_put(w, data, len);
}

static void writer_put_u32_attr(struct msg_writer *w, uint16_t type, uint32_t value)
{
	writer_put_attr(w, type, &value, sizeof(value));
}

/* The header goes in first with a zero length and is patched once the body is known. */
static void writer_begin(struct msg_writer *w, uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr hdr = {.nlmsg_type = type, .nlmsg_flags = flags, .nlmsg_seq = seq};

	writer_put(w, &hdr, sizeof(hdr));
}

static int writer_finish(struct msg_writer *w)
{
	uint32_t len = (uint32_t)w->len;

	if (w->overflow)
		return -ENOBUFS;
	memcpy(w->buf + offsetof(struct nlmsghdr, nlmsg_len), &len, sizeof(len));
	return (int)w->len;
}

int nl_route_build_lookup(void *buf, size_t size, uint32_t seq, struct in_addr dst)
{
	struct msg_writer w = {.buf = buf, .size = size};
	/* RTM_F_LOOKUP_TABLE makes the reply name the table the lookup matched. */
	struct rtmsg rtm = {
	    .rtm_family = AF_INET, .rtm_dst_len = 32, .rtm_flags = RTM_F_LOOKUP_TABLE};

	writer_begin(&w, RTM_GETROUTE, NLM_F_REQUEST, seq);
	writer_put(&w, &rtm, sizeof(rtm));
	writer_put_attr(&w, RTA_DST, &dst, sizeof(dst));
	return writer_finish(&w);
}

static void writer_put_route(struct msg_writer *w, const struct nl_route *route, uint8_t scope)
{
	struct rtmsg rtm = {
	    .rtm_family = AF_INET,
	    .rtm_dst_len = route->dst_len,
	    .rtm_table = route->table < 256 ? (uint8_t)route->table : RT_TABLE_UNSPEC,
	    .rtm_protocol = route->protocol,
	    .rtm_scope = scope,
	    .rtm_type = route->type,
	    .rtm_flags = route->flags,
	};

	writer_put(w, &rtm, sizeof(rtm));
	writer_put_u32_attr(w, RTA_TABLE, route->table);
	if (route->dst_len > 0)
		writer_put_attr(w, RTA_DST, &route->dst, sizeof(route->dst));
	if (route->has_gateway)
		writer_put_attr(w, RTA_GATEWAY, &route->gateway, sizeof(route->gateway));
	if (route->has_prefsrc)
		writer_put_attr(w, RTA_PREFSRC, &route->prefsrc, sizeof(route->prefsrc));
	if (route->oif > 0)
		writer_put_u32_attr(w, RTA_OIF, (uint32_t)route->oif);
	if (route->priority > 0)
		writer_put_u32_attr(w, RTA_PRIORITY, route->priority);
}

int nl_route_build_add(void *buf, size_t size, uint32_t seq, const struct nl_route *route)
{
	struct msg_writer w = {.buf = buf, .size = size};

	writer_begin(&w, RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
	writer_put_route(&w, route, route->scope);
	return writer_finish(&w);
}

int nl_route_build_delete(void *buf, size_t size, uint32_t seq, const struct nl_route *route)
{
	struct msg_writer w = {.buf = buf, .size = size};

	/* RT_SCOPE_NOWHERE: match any scope, as iproute2 does; the destination, table, protocol,
	 * device, gateway and metric still have to match, so only our own route goes. */
	writer_begin(&w, RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, seq);
	writer_put_route(&w, route, RT_SCOPE_NOWHERE);
	return writer_finish(&w);
}

static int read_in_addr(const uint8_t *data, size_t len, struct in_addr *out)
{
	if (len != sizeof(*out))
		return -EBADMSG;
	memcpy(out, data, sizeof(*out));
	return 0;
}

static int read_u32(const uint8_t *data, size_t len, uint32_t *out)
{
	if (len != sizeof(*out))
		return -EBADMSG;
	memcpy(out, data, sizeof(*out));
	return 0;
}

/* RTA_VIA carries a family before the address; only an IPv6 next hop is expected here. */
static int read_via(const uint8_t *data, size_t len, struct nl_route *out)
{
	uint16_t family;

	if (len < sizeof(family))
		return -EBADMSG;
	memcpy(&family, data, sizeof(family));
	if (family == AF_INET6) {
		out->gateway_is_ipv6 = true;
		return 0;
	}
	if (family != AF_INET)
		return 0;
	out->has_gateway = true;
	return read_in_addr(data + sizeof(family), len - sizeof(family), &out->gateway);
}

static int route_apply_attr(struct nl_route *out, uint16_t type, const uint8_t *data, size_t len)
{
	uint32_t u32 = 0;
	int r;

	switch (type) {
	case RTA_DST:
		return read_in_addr(data, len, &out->dst);
	case RTA_GATEWAY:
		out->has_gateway = true;
		return read_in_addr(data, len, &out->gateway);
	case RTA_PREFSRC:
		out->has_prefsrc = true;
		return read_in_addr(data, len, &out->prefsrc);
	case RTA_VIA:
		return read_via(data, len, out);
	case RTA_OIF:
		r = read_u32(data, len, &u32);
		if (r == 0 && u32 > INT32_MAX)
			return -EBADMSG;
		out->oif = (int)u32;
		return r;
	case RTA_PRIORITY:
		return read_u32(data, len, &out->priority);
	case RTA_TABLE:
		return read_u32(data, len, &out->table);
	default:
		return 0;
	}
}

static int route_parse_attrs(const uint8_t *attrs, size_t len, struct nl_route *out)
{
	while (len >= sizeof(struct rtattr)) {
		struct rtattr rta;
		size_t step;
		int r;

		memcpy(&rta, attrs, sizeof(rta));
		if (rta.rta_len < sizeof(rta) || rta.rta_len > len)
			return -EBADMSG;
		r = route_apply_attr(out, rta.rta_type & NLA_TYPE_MASK, attrs + RTA_LENGTH(0),
				     rta.rta_len - RTA_LENGTH(0));
		if (r < 0)
			return r;
		step = RTA_ALIGN(rta.rta_len);
		if (step >= len)
			break;
		attrs += step;
		len -= step;
	}
	return 0;
}

int nl_route_parse(const void *msg, size_t len, struct nl_route *out)
{
	const uint8_t *bytes = msg;
	struct nlmsghdr hdr;
	struct rtmsg rtm;
	size_t body;

	if (len < NLMSG_LENGTH(sizeof(rtm)))
		return -EBADMSG;
	memcpy(&hdr, bytes, sizeof(hdr));
	if (hdr.nlmsg_type != RTM_NEWROUTE || hdr.nlmsg_len < NLMSG_LENGTH(sizeof(rtm)) ||
	    hdr.nlmsg_len > len)
		return -EBADMSG;
	memcpy(&rtm, bytes + NLMSG_HDRLEN, sizeof(rtm));
	if (rtm.rtm_family != AF_INET)
		return -EAFNOSUPPORT;
	if (rtm.rtm_dst_len > 32)
		return -EBADMSG;

	memset(out, 0, sizeof(*out));
	out->dst_len = rtm.rtm_dst_len;
	out->protocol = rtm.rtm_protocol;
	out->scope = rtm.rtm_scope;
	out->type = rtm.rtm_type;
	out->table = rtm.rtm_table;
	out->flags = rtm.rtm_flags;
	body = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(rtm)));
	if (hdr.nlmsg_len <= body)
		return 0;
	return route_parse_attrs(bytes + body, hdr.nlmsg_len - body, out);
}

/* The kernel's explanation (NETLINK_EXT_ACK) as printable text; anything else is dropped. */
static void copy_error_text(struct nl_reply *reply, const uint8_t *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len && text[i] && n + 1 < sizeof(reply->error_text); i++)
		reply->error_text[n++] = (text[i] >= 0x20 && text[i] < 0x7f) ? (char)text[i] : '?';
	reply->error_text[n] = '\0';
}

static void parse_ack_tlvs(const uint8_t *tlvs, size_t len, struct nl_reply *reply)
{
	while (len >= sizeof(struct nlattr)) {
		struct nlattr nla;
		size_t step;

		memcpy(&nla, tlvs, sizeof(nla));
		if (nla.nla_len < sizeof(nla) || nla.nla_len > len)
			return;
		if ((nla.nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			copy_error_text(reply, tlvs + NLA_HDRLEN, nla.nla_len - NLA_HDRLEN);
		step = NLA_ALIGN(nla.nla_len);
		if (step >= len)
			return;
		tlvs += step;
		len -= step;
	}
}

static int parse_error_message(const uint8_t *msg, const struct nlmsghdr *hdr,
			       struct nl_reply *reply)
{
	struct nlmsgerr err;
	size_t tlv_offset;

	if (hdr->nlmsg_len < NLMSG_LENGTH(sizeof(err)))
		return -EBADMSG;
	memcpy(&err, msg + NLMSG_HDRLEN, sizeof(err));
	/* A kernel errno is negative and small; anything else is not from a kernel. */
	if (err.error > 0 || err.error < -4095)
		return -EBADMSG;
	reply->complete = true;
	reply->error = err.error;
	reply->error_text[0] = '\0';
	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	/* Without NLM_F_CAPPED the echoed request sits between the header and the TLVs. */
	tlv_offset = NLMSG_HDRLEN + sizeof(err);
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED)) {
		if (err.msg.nlmsg_len < sizeof(err.msg) || err.msg.nlmsg_len > hdr->nlmsg_len)
			return 0;
		tlv_offset = NLMSG_HDRLEN + sizeof(err.error) + NLMSG_ALIGN(err.msg.nlmsg_len);
	}
	if (tlv_offset < hdr->nlmsg_len)
		parse_ack_tlvs(msg + tlv_offset, hdr->nlmsg_len - tlv_offset, reply);
	return 0;
}

static int parse_one_message(const uint8_t *msg, const struct nlmsghdr *hdr, struct nl_reply *reply)
{
	int r;

	switch (hdr->nlmsg_type) {
	case NLMSG_ERROR:
		return parse_error_message(msg, hdr, reply);
	case RTM_NEWROUTE:
		r = nl_route_parse(msg, hdr->nlmsg_len, &reply->route);
		if (r < 0)
			return r;
		reply->has_route = true;
		reply->complete = true;
		return 0;
	case NLMSG_DONE:
		reply->complete = true;
		return 0;
	default:
		return 0;
	}
}

int nl_reply_parse(const void *buf, size_t len, uint32_t seq, uint32_t portid,
		   struct nl_reply *reply)
{
	const uint8_t *bytes = buf;

	if (len < sizeof(struct nlmsghdr))
		return -EBADMSG;
	while (len > 0) {
		struct nlmsghdr hdr;
		int r;

		if (len < sizeof(hdr))
			return -EBADMSG;
		memcpy(&hdr, bytes, sizeof(hdr));
		if (hdr.nlmsg_len < sizeof(hdr) || hdr.nlmsg_len > len)
			return -EBADMSG;
		if (hdr.nlmsg_seq == seq && hdr.nlmsg_pid == portid) {
			r = parse_one_message(bytes, &hdr, reply);
			if (r < 0)
				return r;
		}
		/* The last message of a datagram may omit its alignment padding. */
		if (NLMSG_ALIGN(hdr.nlmsg_len) >= len)
			break;
		bytes += NLMSG_ALIGN(hdr.nlmsg_len);
		len -= NLMSG_ALIGN(hdr.nlmsg_len);
	}
	return 0;
}

void nl_route_describe(const struct nl_route *route, const char *ifname, char *buf, size_t size)
{
	char dst[INET_ADDRSTRLEN], gw[INET_ADDRSTRLEN] = "", src[INET_ADDRSTRLEN] = "";
	char dev[32] = "";
	int n;

	inet_ntop(AF_INET, &route->dst, dst, sizeof(dst));
	if (route->has_gateway)
		inet_ntop(AF_INET, &route->gateway, gw, sizeof(gw));
	if (route->has_prefsrc)
		inet_ntop(AF_INET, &route->prefsrc, src, sizeof(src));
	if (ifname)
		snprintf(dev, sizeof(dev), " dev %s", ifname);
	else if (route->oif > 0)
		snprintf(dev, sizeof(dev), " dev #%d", route->oif);
	n = snprintf(buf, size, "%s/%u%s%s%s%s%s", dst, route->dst_len, *gw ? " via " : "", gw, dev,
		     *src ? " src " : "", src);
	if (n >= 0 && (size_t)n < size && route->priority > 0)
		snprintf(buf + n, size - (size_t)n, " metric %u", route->priority);
}
