#include "config.h"

#include "datapath/kernel_pppol2tp.h"

/* glibc's socket headers first: they keep the linux/ ones from redefining in.h. */
#include <netinet/in.h>
#include <sys/socket.h>

#include <linux/if_pppol2tp.h>
#include <linux/if_pppox.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

_Static_assert(sizeof(struct sockaddr_pppol2tpin6) <= sizeof(union kernel_pppol2tp_sockaddr),
	       "PPPoL2TP address does not fit");

static bool ids_valid(const struct kernel_pppol2tp_ids *ids)
{
	/* Zero ids are reserved [RFC 2661 §4.4.3-4.4.4]; the kernel reads zero session ids
	 * as "tunnel socket". */
	return ids->local_tunnel_id && ids->local_session_id && ids->peer_tunnel_id &&
	       ids->peer_session_id;
}

static int udp_socket_family(int udp_fd, struct sockaddr_storage *peer)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof(local);
	int type;
	socklen_t type_len = sizeof(type);

	if (getsockopt(udp_fd, SOL_SOCKET, SO_TYPE, &type, &type_len) < 0)
		return -errno;
	if (type != SOCK_DGRAM)
		return -EINVAL;
	if (getsockname(udp_fd, (struct sockaddr *)&local, &len) < 0)
		return -errno;
	if (local.ss_family != AF_INET && local.ss_family != AF_INET6)
		return -EAFNOSUPPORT;
	/* The kernel sends on the socket's connected destination: it must be connected. */
	len = sizeof(*peer);
	if (getpeername(udp_fd, (struct sockaddr *)peer, &len) < 0)
		return errno == ENOTCONN ? -EDESTADDRREQ : -errno;
	return local.ss_family;
}

int kernel_pppol2tp_sockaddr(int udp_fd, const struct kernel_pppol2tp_ids *ids, bool session,
			     union kernel_pppol2tp_sockaddr *addr, socklen_t *addr_len)
{
	struct sockaddr_storage peer;
	int family;

	if (!ids_valid(ids))
		return -EINVAL;
	family = udp_socket_family(udp_fd, &peer);
	if (family < 0)
		return family;
	memset(addr, 0, sizeof(*addr));
	if (family == AF_INET) {
		struct sockaddr_pppol2tp *sa = (struct sockaddr_pppol2tp *)addr;

		sa->sa_family = AF_PPPOX;
		sa->sa_protocol = PX_PROTO_OL2TP;
		sa->pppol2tp.fd = udp_fd;
		memcpy(&sa->pppol2tp.addr, &peer, sizeof(sa->pppol2tp.addr));
		sa->pppol2tp.s_tunnel = ids->local_tunnel_id;
		sa->pppol2tp.d_tunnel = ids->peer_tunnel_id;
		sa->pppol2tp.s_session = session ? ids->local_session_id : 0;
		sa->pppol2tp.d_session = session ? ids->peer_session_id : 0;
		*addr_len = sizeof(*sa);
	} else {
		struct sockaddr_pppol2tpin6 *sa = (struct sockaddr_pppol2tpin6 *)addr;

		sa->sa_family = AF_PPPOX;
		sa->sa_protocol = PX_PROTO_OL2TP;
		sa->pppol2tp.fd = udp_fd;
		memcpy(&sa->pppol2tp.addr, &peer, sizeof(sa->pppol2tp.addr));
		sa->pppol2tp.s_tunnel = ids->local_tunnel_id;
		sa->pppol2tp.d_tunnel = ids->peer_tunnel_id;
		sa->pppol2tp.s_session = session ? ids->local_session_id : 0;
		sa->pppol2tp.d_session = session ? ids->peer_session_id : 0;
		*addr_len = sizeof(*sa);
	}
	return 0;
}

static int open_connected(int udp_fd, const struct kernel_pppol2tp_ids *ids, bool session,
			  int *out_fd)
{
	union kernel_pppol2tp_sockaddr addr;
	socklen_t addr_len;
	int fd, r;

	*out_fd = -1;
	r = kernel_pppol2tp_sockaddr(udp_fd, ids, session, &addr, &addr_len);
	if (r < 0)
		return r;
	/* EAFNOSUPPORT: no PPPoX; EPROTONOSUPPORT: PPPoX without l2tp_ppp. */
	fd = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC, PX_PROTO_OL2TP);
	if (fd < 0)
		return -errno;
	if (connect(fd, &addr.sa, addr_len) < 0) {
		r = -errno;
		close(fd);
		return r;
	}
	*out_fd = fd;
	return 0;
}

int kernel_pppol2tp_open_tunnel(int udp_fd, const struct kernel_pppol2tp_ids *ids, int *tunnel_fd)
{
	return open_connected(udp_fd, ids, false, tunnel_fd);
}

int kernel_pppol2tp_open_session(int udp_fd, const struct kernel_pppol2tp_ids *ids, int *session_fd)
{
	return open_connected(udp_fd, ids, true, session_fd);
}

int kernel_pppol2tp_open(int udp_fd, const struct kernel_pppol2tp_ids *ids,
			 struct kernel_pppol2tp *k)
{
	int r;

	k->tunnel_fd = k->session_fd = -1;
	r = kernel_pppol2tp_open_tunnel(udp_fd, ids, &k->tunnel_fd);
	if (r < 0)
		return r;
	r = kernel_pppol2tp_open_session(udp_fd, ids, &k->session_fd);
	if (r < 0)
		kernel_pppol2tp_close(k);
	return r;
}

void kernel_pppol2tp_close(struct kernel_pppol2tp *k)
{
	/* The reverse of creation: the session, then the tunnel. */
	if (k->session_fd >= 0)
		close(k->session_fd);
	if (k->tunnel_fd >= 0)
		close(k->tunnel_fd);
	k->session_fd = k->tunnel_fd = -1;
}

bool kernel_pppol2tp_is_unsupported(int err)
{
	return err == -EAFNOSUPPORT || err == -EPROTONOSUPPORT;
}
