#include "config.h"

#include "datapath/pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

static int make_raw(int fd)
{
	struct termios tio;

	if (tcgetattr(fd, &tio) < 0)
		return -errno;
	cfmakeraw(&tio);
	if (tcsetattr(fd, TCSANOW, &tio) < 0)
		return -errno;
	return 0;
}

int pty_pair_open(struct pty_pair *pty)
{
	int r;

	pty->slave_fd = -1;
	pty->master_fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (pty->master_fd < 0)
		return -errno;
	if (grantpt(pty->master_fd) < 0 || unlockpt(pty->master_fd) < 0 ||
	    ptsname_r(pty->master_fd, pty->slave_path, sizeof(pty->slave_path)) != 0) {
		r = -errno;
		goto fail;
	}
	pty->slave_fd = open(pty->slave_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (pty->slave_fd < 0) {
		r = -errno;
		goto fail;
	}
	r = make_raw(pty->slave_fd);
	if (r < 0)
		goto fail;
	return 0;
fail:
	pty_pair_close(pty);
	return r;
}

void pty_pair_close(struct pty_pair *pty)
{
	if (pty->slave_fd >= 0)
		close(pty->slave_fd);
	if (pty->master_fd >= 0)
		close(pty->master_fd);
	pty->slave_fd = pty->master_fd = -1;
}
