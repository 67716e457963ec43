/* The kernel handoff's address layout and argument checks. Creating real PPPoL2TP sockets
 * needs l2tp_ppp, which only the lab has; here an unsupported kernel must be reported as
 * such, so that the caller falls back to the userspace relay. */
#include "config.h"

#include "datapath/kernel_pppol2tp.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/if_pppol2tp.h>
#include <linux/if_pppox.h>

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

static const struct kernel_pppol2tp_ids ids = {
    .local_tunnel_id = 101,
    .local_session_id = 202,
    .peer_tunnel_id = 303,
    .peer_session_id = 404,
};

static int connected_udp(int family)
{
	int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(1701)};
	struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6, .sin6_port = htons(1701)};

	if (fd < 0)
		return -1;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin6.sin6_addr = in6addr_loopback;
	if ((family == AF_INET && connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) ||
	    (family == AF_INET6 && connect(fd, (struct sockaddr *)&sin6, sizeof(sin6)) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void test_ipv4_tunnel_and_session_addresses(void)
{
	union kernel_pppol2tp_sockaddr addr;
	const struct sockaddr_pppol2tp *sa = (const struct sockaddr_pppol2tp *)&addr;
	socklen_t len = 0;
	int fd = connected_udp(AF_INET);

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(kernel_pppol2tp_sockaddr(fd, &ids, false, &addr, &len), ==, 0);
	/* The length tells the kernel: L2TPv2 over IPv4. */
	g_assert_cmpuint(len, ==, sizeof(struct sockaddr_pppol2tp));
	g_assert_cmpint(sa->sa_family, ==, AF_PPPOX);
	g_assert_cmpuint(sa->sa_protocol, ==, PX_PROTO_OL2TP);
	g_assert_cmpint(sa->pppol2tp.fd, ==, fd);
	g_assert_cmpuint(sa->pppol2tp.s_tunnel, ==, 101);
	g_assert_cmpuint(sa->pppol2tp.d_tunnel, ==, 303);
	/* Zero session ids make it the tunnel-management socket. */
	g_assert_cmpuint(sa->pppol2tp.s_session, ==, 0);
	g_assert_cmpuint(sa->pppol2tp.d_session, ==, 0);
	g_assert_cmpuint(ntohs(sa->pppol2tp.addr.sin_port), ==, 1701);

	g_assert_cmpint(kernel_pppol2tp_sockaddr(fd, &ids, true, &addr, &len), ==, 0);
	g_assert_cmpuint(sa->pppol2tp.s_session, ==, 202);
	g_assert_cmpuint(sa->pppol2tp.d_session, ==, 404);
	close(fd);
}

static void test_ipv6_address(void)
{
	union kernel_pppol2tp_sockaddr addr;
	const struct sockaddr_pppol2tpin6 *sa = (const struct sockaddr_pppol2tpin6 *)&addr;
	struct in6_addr peer;
	socklen_t len = 0;
	int fd = connected_udp(AF_INET6);

	if (fd < 0) {
		g_test_skip("no IPv6 loopback here");
		return;
	}
	g_assert_cmpint(kernel_pppol2tp_sockaddr(fd, &ids, true, &addr, &len), ==, 0);
	g_assert_cmpuint(len, ==, sizeof(struct sockaddr_pppol2tpin6));
	g_assert_cmpint(sa->pppol2tp.fd, ==, fd);
	g_assert_cmpuint(sa->pppol2tp.s_session, ==, 202);
	g_assert_cmpuint(sa->pppol2tp.d_tunnel, ==, 303);
	/* The struct is packed: copy before looking. */
	memcpy(&peer, &sa->pppol2tp.addr.sin6_addr, sizeof(peer));
	g_assert_true(IN6_IS_ADDR_LOOPBACK(&peer));
	close(fd);
}

static void test_bad_arguments_refused(void)
{
	union kernel_pppol2tp_sockaddr addr;
	struct kernel_pppol2tp_ids zero = ids;
	socklen_t len;
	int unconnected = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int stream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int fd = connected_udp(AF_INET);

	zero.peer_session_id = 0;
	g_assert_cmpint(kernel_pppol2tp_sockaddr(fd, &zero, true, &addr, &len), ==, -EINVAL);
	g_assert_cmpint(kernel_pppol2tp_sockaddr(unconnected, &ids, true, &addr, &len), ==,
			-EDESTADDRREQ);
	g_assert_cmpint(kernel_pppol2tp_sockaddr(stream, &ids, true, &addr, &len), ==, -EINVAL);
	g_assert_cmpint(kernel_pppol2tp_sockaddr(-1, &ids, true, &addr, &len), ==, -EBADF);
	close(fd);
	close(stream);
	close(unconnected);
}

static void test_open_works_or_says_unsupported(void)
{
	struct kernel_pppol2tp k;
	int fd = connected_udp(AF_INET);
	int r = kernel_pppol2tp_open(fd, &ids, &k);

	if (r == 0) {
		g_assert_cmpint(k.tunnel_fd, >=, 0);
		g_assert_cmpint(k.session_fd, >=, 0);
		kernel_pppol2tp_close(&k);
	} else if (!kernel_pppol2tp_is_unsupported(r)) {
		/* Without privileges the kernel may refuse for other reasons; nothing leaks. */
		g_test_message("kernel_pppol2tp_open: %s", g_strerror(-r));
	}
	g_assert_cmpint(k.tunnel_fd, ==, -1);
	g_assert_cmpint(k.session_fd, ==, -1);
	g_assert_true(kernel_pppol2tp_is_unsupported(-EAFNOSUPPORT));
	g_assert_true(kernel_pppol2tp_is_unsupported(-EPROTONOSUPPORT));
	g_assert_false(kernel_pppol2tp_is_unsupported(-EPERM));
	close(fd);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/kernel-pppol2tp/ipv4-addresses", test_ipv4_tunnel_and_session_addresses);
	g_test_add_func("/kernel-pppol2tp/ipv6-address", test_ipv6_address);
	g_test_add_func("/kernel-pppol2tp/bad-arguments", test_bad_arguments_refused);
	g_test_add_func("/kernel-pppol2tp/open-or-unsupported",
			test_open_works_or_says_unsupported);
	return g_test_run();
}
