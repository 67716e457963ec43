/* The rtnetlink socket; see netlink_route.h. */
#include "config.h"

#include "net/netlink_route.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "util/i18n.h"

/* The kernel answers route requests before sendmsg returns; waiting longer than this means
 * something is badly wrong, and the daemon must not hang on it. */
#define NL_ROUTE_TIMEOUT_SECONDS 5
#define NL_ROUTE_RECEIVE_MAX	 16384

static void set_socket_options(int fd)
{
	struct timeval timeout = {.tv_sec = NL_ROUTE_TIMEOUT_SECONDS};
	int one = 1;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	/* Best effort (Linux >= 4.12): the kernel then says why a request failed, and does not
	 * echo our request back in its error replies. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

int nl_route_socket_open(struct nl_route_socket *sock, struct net_error *error)
{
	struct sockaddr_nl addr = {.nl_family = AF_NETLINK};
	socklen_t addr_len = sizeof(addr);
	int r;

	sock->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (sock->fd < 0) {
		r = -errno;
		net_error_set(error, _("Cannot open a routing socket: %s"), strerror(-r));
		return r;
	}
	set_socket_options(sock->fd);
	if (bind(sock->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    getsockname(sock->fd, (struct sockaddr *)&addr, &addr_len) < 0) {
		r = -errno;
		net_error_set(error, _("Cannot bind the routing socket: %s"), strerror(-r));
		nl_route_socket_close(sock);
		return r;
	}
	sock->portid = addr.nl_pid;
	sock->seq = 0;
	return 0;
}

void nl_route_socket_close(struct nl_route_socket *sock)
{
	if (sock->fd >= 0)
		close(sock->fd);
	sock->fd = -1;
}

static int send_request(struct nl_route_socket *sock, const void *msg, size_t len)
{
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	ssize_t n;

	do
		n = sendto(sock->fd, msg, len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

/* Reads datagrams until the one answering `seq` is complete. Datagrams from anyone but the
 * kernel (nl_pid 0) are dropped: another process could otherwise forge our ACKs. */
static int receive_reply(struct nl_route_socket *sock, uint32_t seq, struct nl_reply *reply)
{
	uint8_t buf[NL_ROUTE_RECEIVE_MAX];

	memset(reply, 0, sizeof(*reply));
	while (!reply->complete) {
		struct sockaddr_nl from;
		struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
		struct msghdr mh = {.msg_name = &from,
				    .msg_namelen = sizeof(from),
				    .msg_iov = &iov,
				    .msg_iovlen = 1};
		ssize_t n = recvmsg(sock->fd, &mh, 0);
		int r;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		if (mh.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		if (mh.msg_namelen != sizeof(from) || from.nl_pid != 0)
			continue;
		r = nl_reply_parse(buf, (size_t)n, seq, sock->portid, reply);
		if (r < 0)
			return r;
	}
	return 0;
}

static int transact(struct nl_route_socket *sock, const void *msg, int len, uint32_t seq,
		    struct nl_reply *reply)
{
	int r;

	if (len < 0)
		return len;
	r = send_request(sock, msg, (size_t)len);
	if (r < 0)
		return r;
	return receive_reply(sock, seq, reply);
}

static void set_kernel_error(struct net_error *error, const char *what, const char *route_text,
			     const struct nl_reply *reply, int r)
{
	if (reply->error_text[0])
		net_error_set(error, "%s %s: %s (%s)", what, route_text, strerror(-r),
			      reply->error_text);
	else
		net_error_set(error, "%s %s: %s", what, route_text, strerror(-r));
}

int nl_route_lookup(struct nl_route_socket *sock, struct in_addr dst, struct nl_route *out,
		    struct net_error *error)
{
	uint8_t msg[NL_ROUTE_REQUEST_MAX];
	uint32_t seq = ++sock->seq;
	struct nl_reply reply = {0};
	struct nl_route target = {.dst = dst, .dst_len = 32};
	char text[64];
	int r;

	r = transact(sock, msg, nl_route_build_lookup(msg, sizeof(msg), seq, dst), seq, &reply);
	if (r == 0 && reply.error < 0)
		r = reply.error;
	else if (r == 0 && !reply.has_route)
		r = -ENOENT;
	if (r < 0) {
		nl_route_describe(&target, NULL, text, sizeof(text));
		set_kernel_error(error, _("Cannot find the route to"), text, &reply, r);
		return r;
	}
	*out = reply.route;
	return 0;
}

static int change_route(struct nl_route_socket *sock, const struct nl_route *route, bool add,
			struct net_error *error)
{
	uint8_t msg[NL_ROUTE_REQUEST_MAX];
	uint32_t seq = ++sock->seq;
	struct nl_reply reply = {0};
	char text[128];
	int len, r;

	len = add ? nl_route_build_add(msg, sizeof(msg), seq, route)
		  : nl_route_build_delete(msg, sizeof(msg), seq, route);
	r = transact(sock, msg, len, seq, &reply);
	if (r == 0)
		r = reply.error;
	if (r < 0) {
		nl_route_describe(route, NULL, text, sizeof(text));
		set_kernel_error(error, add ? _("Cannot add route") : _("Cannot delete route"),
				 text, &reply, r);
	}
	return r;
}

int nl_route_add(struct nl_route_socket *sock, const struct nl_route *route,
		 struct net_error *error)
{
	return change_route(sock, route, true, error);
}

int nl_route_delete(struct nl_route_socket *sock, const struct nl_route *route,
		    struct net_error *error)
{
	return change_route(sock, route, false, error);
}
