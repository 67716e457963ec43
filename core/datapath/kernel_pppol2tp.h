/* The kernel data path: hands the tunnel's UDP socket and a session to the kernel's L2TP
 * (PROTOCOL.md §3 Path A; l2tp_ppp module). pppd then drives the session socket with
 * `plugin pppol2tp.so pppol2tp FD`.
 *
 * Two PPPoL2TP sockets per session: the tunnel-management one (session ids 0), which makes
 * the kernel take over data packets on the UDP socket while control packets still reach
 * userspace through it, and the session one, which carries PPP. Both stay open for the
 * session's life. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

struct kernel_pppol2tp_ids {
	uint16_t local_tunnel_id;
	uint16_t local_session_id;
	uint16_t peer_tunnel_id;
	uint16_t peer_session_id;
};

struct kernel_pppol2tp {
	int tunnel_fd;	/* tunnel management socket; -1 when closed */
	int session_fd; /* the session socket pppd gets; -1 when closed */
};

/* The connect() address for a PPPoL2TP socket on `udp_fd` (IPv4 or IPv6, L2TPv2). With
 * `session` false the session ids are 0: the tunnel-management socket. The kernel reads
 * only fd and the ids; the peer address is filled in for older kernels. */
union kernel_pppol2tp_sockaddr {
	struct sockaddr sa;
	uint8_t storage[64];
};
int kernel_pppol2tp_sockaddr(int udp_fd, const struct kernel_pppol2tp_ids *ids, bool session,
			     union kernel_pppol2tp_sockaddr *addr, socklen_t *addr_len);

/* Creates the tunnel-management socket (after SCCRP: the tunnel's ids are known).
 * -EAFNOSUPPORT or -EPROTONOSUPPORT: this kernel has no PPPoX or no l2tp_ppp; use the
 * userspace relay instead. Other errors are real failures. */
int kernel_pppol2tp_open_tunnel(int udp_fd, const struct kernel_pppol2tp_ids *ids, int *tunnel_fd);

/* Creates the session socket (after ICRP). Needs the tunnel socket to exist. */
int kernel_pppol2tp_open_session(int udp_fd, const struct kernel_pppol2tp_ids *ids,
				 int *session_fd);

/* Both at once; on failure nothing stays open. */
int kernel_pppol2tp_open(int udp_fd, const struct kernel_pppol2tp_ids *ids,
			 struct kernel_pppol2tp *k);

void kernel_pppol2tp_close(struct kernel_pppol2tp *k);

/* True for the errors that mean "no kernel L2TP here: fall back to the userspace relay". */
bool kernel_pppol2tp_is_unsupported(int err);
