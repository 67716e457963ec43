/* A pty pair for pppd on the userspace data path: pppd opens the slave by path, the relay
 * reads and writes the master. */
#pragma once

#include <stddef.h>

struct pty_pair {
	int master_fd; /* non-blocking, close-on-exec: the relay's end */
	int slave_fd;  /* close-on-exec; kept open by the owner while pppd runs, so the master
			* never reads EIO in the gaps before pppd opens it or after it closes it */
	char slave_path[64];
};

/* Opens the pair with the slave in raw mode (no echo, no line editing, no CR/NL mapping),
 * so bytes written before pppd sets up the line pass through unchanged. Returns 0 or a
 * negative errno. */
int pty_pair_open(struct pty_pair *pty);

void pty_pair_close(struct pty_pair *pty);
