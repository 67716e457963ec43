/* pty-ceiling: how fast PPP frames can cross a pty in this kernel, to know what the best
 * possible userspace relay could do (tests/lab/bench-pty.sh runs it in the lab).
 *
 * It sets the pty up the way pppd does for the userspace data path: the ppp line discipline on
 * the slave, its channel connected to a new ppp unit, IP passed, an address pair on the
 * interface. Then, for a number of seconds, one direction:
 *
 *   up    a child floods UDP datagrams out of the ppp interface (the kernel's async HDLC
 *         encoder writes them into the slave); we read the master in large chunks and decode
 *         the frames with the relay's decoder — the pppd → relay half of the relay;
 *   down  we write HDLC-encoded IP/UDP frames into the master, many per write; the kernel's
 *         decoder delivers them to the interface — the relay → pppd half.
 *
 * Prints frames per second, Mbit/s of PPP frame bytes, and frames per system call.
 *
 *   pty-ceiling up|down SECONDS [--frame-len N] [--accm HEX] */
#include "config.h"

#include "datapath/hdlc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ppp-ioctl.h>
#include <linux/ppp_defs.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define LOCAL_ADDR "10.99.0.1"
#define PEER_ADDR  "10.99.0.2"
#define UDP_PORT   9999
#define CHUNK	   65536
#define MAX_FRAME  4096

struct options {
	size_t ip_len;
	unsigned accm;
	bool decode;	 /* run the relay's decoder over what is read */
	bool ppp_master; /* up: the ppp discipline on the master too, reading whole frames */
	unsigned batch;	 /* up: datagrams per sendmmsg of the flooding sender */
};

struct ppp_link {
	int master_fd;
	int slave_fd;
	int chan_fd;
	int unit_fd;
	int unit;
};

static void die(const char *what)
{
	fprintf(stderr, "pty-ceiling: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void open_pty(struct ppp_link *l)
{
	struct termios tio;
	int ldisc = N_PPP;

	l->master_fd = posix_openpt(O_RDWR | O_NOCTTY);
	if (l->master_fd < 0 || grantpt(l->master_fd) < 0 || unlockpt(l->master_fd) < 0)
		die("pty master");
	l->slave_fd = open(ptsname(l->master_fd), O_RDWR | O_NOCTTY);
	if (l->slave_fd < 0)
		die("pty slave");
	tcgetattr(l->slave_fd, &tio);
	cfmakeraw(&tio);
	tcsetattr(l->slave_fd, TCSANOW, &tio);
	tcgetattr(l->master_fd, &tio);
	cfmakeraw(&tio);
	tcsetattr(l->master_fd, TCSANOW, &tio);
	if (ioctl(l->slave_fd, TIOCSETD, &ldisc) < 0)
		die("TIOCSETD N_PPP");
}

/* What pppd does once LCP and IPCP are up: channel → unit, maps, MRU, IP passed. */
static void connect_unit(struct ppp_link *l, unsigned accm)
{
	int chan;
	unsigned all = 0xffffffff;
	int mru = MAX_FRAME;
	struct npioctl np = {.protocol = PPP_IP, .mode = NPMODE_PASS};

	if (ioctl(l->slave_fd, PPPIOCGCHAN, &chan) < 0)
		die("PPPIOCGCHAN");
	l->chan_fd = open("/dev/ppp", O_RDWR);
	l->unit_fd = open("/dev/ppp", O_RDWR);
	if (l->chan_fd < 0 || l->unit_fd < 0)
		die("/dev/ppp");
	if (ioctl(l->chan_fd, PPPIOCATTCHAN, &chan) < 0)
		die("PPPIOCATTCHAN");
	l->unit = -1;
	if (ioctl(l->unit_fd, PPPIOCNEWUNIT, &l->unit) < 0)
		die("PPPIOCNEWUNIT");
	if (ioctl(l->chan_fd, PPPIOCCONNECT, &l->unit) < 0)
		die("PPPIOCCONNECT");
	/* The async channel's settings go through the channel's fd. */
	if (ioctl(l->chan_fd, PPPIOCSASYNCMAP, &accm) < 0 ||
	    ioctl(l->chan_fd, PPPIOCSRASYNCMAP, &all) < 0)
		die("async maps");
	if (ioctl(l->unit_fd, PPPIOCSMRU, &mru) < 0 || ioctl(l->chan_fd, PPPIOCSMRU, &mru) < 0)
		die("PPPIOCSMRU");
	if (ioctl(l->unit_fd, PPPIOCSNPMODE, &np) < 0)
		die("PPPIOCSNPMODE");
}

static void configure_interface(const struct ppp_link *l)
{
	char cmd[256];

	/* A long queue, so a flooding sender blocks on its socket buffer instead of spinning
	 * on drops and stealing the CPU from the reader. */
	snprintf(cmd, sizeof(cmd),
		 "ip addr add %s peer %s dev ppp%d && ip link set ppp%d mtu 1500 txqueuelen 1000 up",
		 LOCAL_ADDR, PEER_ADDR, l->unit, l->unit);
	if (system(cmd) != 0) {
		fprintf(stderr, "pty-ceiling: %s failed\n", cmd);
		exit(1);
	}
}

#define MAX_BATCH 64

static pid_t start_flood(const struct options *o)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		static uint8_t payload[MAX_FRAME];
		struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(UDP_PORT)};
		struct mmsghdr msgs[MAX_BATCH] = {0};
		struct iovec iov = {.iov_base = payload, .iov_len = o->ip_len - 28};
		int fd = socket(AF_INET, SOCK_DGRAM, 0);

		for (size_t i = 0; i < iov.iov_len; i++)
			payload[i] = (uint8_t)(i * 7 + 3); /* control characters included */
		inet_pton(AF_INET, PEER_ADDR, &to.sin_addr);
		if (connect(fd, (struct sockaddr *)&to, sizeof(to)) < 0)
			die("connect");
		for (unsigned i = 0; i < MAX_BATCH; i++) {
			msgs[i].msg_hdr.msg_iov = &iov;
			msgs[i].msg_hdr.msg_iovlen = 1;
		}
		for (;;)
			sendmmsg(fd, msgs, o->batch, 0);
	}
	return pid;
}

/* Whole frames from a ppp channel on the master: the kernel decodes, one frame per read. */
static int open_master_channel(struct ppp_link *l)
{
	int ldisc = N_PPP, chan, fd;
	unsigned none = 0;

	if (ioctl(l->master_fd, TIOCSETD, &ldisc) < 0 || ioctl(l->master_fd, PPPIOCGCHAN, &chan) < 0)
		die("N_PPP on the master");
	fd = open("/dev/ppp", O_RDWR);
	if (fd < 0 || ioctl(fd, PPPIOCATTCHAN, &chan) < 0)
		die("master channel");
	if (ioctl(fd, PPPIOCSRASYNCMAP, &none) < 0)
		die("master receive map");
	return fd;
}

static void measure_up(struct ppp_link *l, const struct options *o, double seconds)
{
	static uint8_t chunk[CHUNK];
	static uint8_t frame_buf[MAX_FRAME + HDLC_FCS_LEN];
	struct hdlc_decoder dec;
	unsigned long long reads = 0, bytes = 0, frames = 0, frame_bytes = 0;
	int fd = o->ppp_master ? open_master_channel(l) : l->master_fd;
	pid_t flood = start_flood(o);
	double start = now_s(), end = start + seconds, t;

	hdlc_decoder_init(&dec, frame_buf, sizeof(frame_buf));
	while ((t = now_s()) < end) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		const uint8_t *in = chunk;

		if (n <= 0)
			die("read master");
		reads++;
		bytes += n;
		if (o->ppp_master) {
			frames++;
			frame_bytes += n;
			continue;
		}
		if (!o->decode) {
			for (const uint8_t *p = in; (p = memchr(p, HDLC_FLAG, chunk + n - p)); p++)
				frames++; /* flags: about one per frame when they are not shared */
			frame_bytes += n;
			continue;
		}
		while (n > 0) {
			const uint8_t *frame;
			size_t frame_len, used = hdlc_decoder_feed(&dec, in, n, &frame, &frame_len);

			in += used;
			n -= used;
			if (frame) {
				frames++;
				frame_bytes += frame_len;
			}
		}
	}
	kill(flood, SIGKILL);
	waitpid(flood, NULL, 0);
	t -= start;
	printf("up: %.0f frames/s, %.1f Mbit/s of PPP frames, %.2f frames per read, "
	       "%.0f bytes per read, %llu bad FCS\n",
	       frames / t, frame_bytes * 8 / t / 1e6, (double)frames / reads, (double)bytes / reads,
	       (unsigned long long)dec.stats.bad_fcs);
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (p[i] << 8) | p[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* FF 03 00 21, then an IPv4/UDP datagram PEER → LOCAL:UDP_PORT (UDP checksum 0: none). */
static size_t build_frame(uint8_t *f, size_t ip_len)
{
	uint8_t *ip = f + 4;
	uint8_t *udp = ip + 20;
	uint16_t csum;

	memset(f, 0, 4 + ip_len);
	f[0] = 0xff, f[1] = 0x03, f[2] = 0x00, f[3] = 0x21;
	ip[0] = 0x45;
	ip[2] = ip_len >> 8, ip[3] = ip_len & 0xff;
	ip[8] = 64, ip[9] = IPPROTO_UDP;
	inet_pton(AF_INET, PEER_ADDR, ip + 12);
	inet_pton(AF_INET, LOCAL_ADDR, ip + 16);
	csum = ip_checksum(ip, 20);
	ip[10] = csum >> 8, ip[11] = csum & 0xff;
	udp[0] = 0x30, udp[1] = 0x39;
	udp[2] = UDP_PORT >> 8, udp[3] = UDP_PORT & 0xff;
	udp[4] = (ip_len - 20) >> 8, udp[5] = (ip_len - 20) & 0xff;
	for (size_t i = 8; i < ip_len - 20; i++)
		udp[i] = (uint8_t)(i * 7 + 3);
	return 4 + ip_len;
}

static unsigned long long rx_packets(const struct ppp_link *l)
{
	char path[128];
	unsigned long long n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/ppp%d/statistics/rx_packets", l->unit);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%llu", &n) != 1)
		die(path);
	fclose(f);
	return n;
}

/* A bound socket that is never read: datagrams are delivered and dropped at its full buffer
 * instead of drawing ICMP errors back through the link. */
static int open_sink(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(UDP_PORT)};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	inet_pton(AF_INET, LOCAL_ADDR, &a.sin_addr);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind sink");
	return fd;
}

static void measure_down(struct ppp_link *l, const struct options *o, double seconds)
{
	size_t ip_len = o->ip_len;
	static uint8_t frame[MAX_FRAME + 4];
	static uint8_t chunk[CHUNK];
	size_t frame_len = build_frame(frame, ip_len), used = 0, per_chunk = 0;
	unsigned long long writes = 0, before;
	double start, end, t;
	int sink = open_sink();

	while (used + HDLC_ENCODED_MAX(frame_len) <= sizeof(chunk)) {
		used += hdlc_encode(frame, frame_len, chunk + used, sizeof(chunk) - used);
		per_chunk++;
	}
	before = rx_packets(l);
	start = now_s();
	end = start + seconds;
	while ((t = now_s()) < end) {
		size_t off = 0;

		while (off < used) {
			ssize_t n = write(l->master_fd, chunk + off, used - off);

			if (n < 0)
				die("write master");
			off += n;
			writes++;
		}
	}
	t -= start;
	{
		unsigned long long got = rx_packets(l) - before;

		printf("down: %.0f frames/s, %.1f Mbit/s of PPP frames, %.2f frames per write "
		       "(%zu frames, %zu bytes per chunk)\n",
		       got / t, got * frame_len * 8 / t / 1e6, (double)got / writes, per_chunk, used);
	}
	close(sink);
}

int main(int argc, char **argv)
{
	struct ppp_link link;
	struct options o = {.ip_len = 1400, .accm = 0xffffffff, .decode = true, .batch = 1};
	double seconds;

	if (argc < 3 || (strcmp(argv[1], "up") && strcmp(argv[1], "down"))) {
		fprintf(stderr, "usage: pty-ceiling up|down SECONDS [--frame-len N] [--accm HEX] "
				"[--no-decode] [--ppp-master] [--batch N]\n");
		return 2;
	}
	seconds = atof(argv[2]);
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--frame-len") && i + 1 < argc)
			o.ip_len = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--accm") && i + 1 < argc)
			o.accm = strtoul(argv[++i], NULL, 16);
		else if (!strcmp(argv[i], "--batch") && i + 1 < argc)
			o.batch = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--no-decode"))
			o.decode = false;
		else if (!strcmp(argv[i], "--ppp-master"))
			o.ppp_master = true;
	}
	if (o.ip_len < 64 || o.ip_len > 1500)
		o.ip_len = 1400;
	if (o.batch < 1 || o.batch > MAX_BATCH)
		o.batch = 1;
	open_pty(&link);
	connect_unit(&link, o.accm);
	configure_interface(&link);
	if (!strcmp(argv[1], "up"))
		measure_up(&link, &o, seconds);
	else
		measure_down(&link, &o, seconds);
	return 0;
}
