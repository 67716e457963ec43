/* A stand-in for pppd in the launcher's tests: it plays our plugin's side of the channel.
 *
 * It finds `l2tp-connect-fd N`, `logfd N` and `ipparam SCENARIO:DUMPFILE` in its argv, writes
 * what a test wants to check about its process (argv, environment, fds, stdin) to DUMPFILE,
 * then acts out SCENARIO:
 *   connect      password "correct horse" → auth success, IP up, wait for SIGTERM → exit 5;
 *                another password → auth failure, exit 19
 *   option-error an error on stderr, exit 2
 *   ignore-term  ignores SIGTERM, waits to be killed
 *   garbage      a malformed record on the channel, then exit 16
 *   echo-timeout what pppd 2.4.9 does when LCP echoes go unanswered: terminates with status
 *                15 set, then the session under it hangs up and it exits 16 */
#include "config.h"

#include "ppp/ppp_plugin_protocol.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define GOOD_PASSWORD "correct horse"

extern char **environ;

static int channel_fd = -1;
static int log_fd = -1;
static volatile sig_atomic_t got_term;

static void on_term(int sig)
{
	got_term = 1;
}

static void send_record(const struct ppp_plugin_record *rec)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	ssize_t n = ppp_plugin_record_encode(rec, buf, sizeof(buf));

	if (n < 0 || send(channel_fd, buf, n, MSG_NOSIGNAL) != n)
		exit(99);
}

static void send_phase(enum ppp_phase phase)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_PHASE, .u.phase = phase};

	send_record(&rec);
}

static void send_auth(int success)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_AUTH};

	rec.u.auth.success = success;
	rec.u.auth.method = PPP_AUTH_MSCHAP_V2;
	send_record(&rec);
}

static void send_exit(int status)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_EXIT, .u.exit_status = status};

	send_record(&rec);
}

static void log_line(const char *line)
{
	dprintf(log_fd, "%s\n", line);
}

static int read_password(char *out, size_t cap)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	struct ppp_plugin_record rec;
	size_t consumed;
	ssize_t n = recv(channel_fd, buf, sizeof(buf), 0);

	if (n <= 0 || ppp_plugin_record_decode(buf, n, &rec, &consumed) < 0 ||
	    rec.type != PPP_PLUGIN_RECORD_PASSWORD || rec.u.password.len >= cap)
		return -1;
	memcpy(out, rec.u.password.text, rec.u.password.len + 1);
	return 0;
}

static const char *describe_fd(int fd)
{
	struct stat st, null_st;

	if (fstat(fd, &st) < 0)
		return "closed";
	if (S_ISSOCK(st.st_mode))
		return "socket";
	if (S_ISFIFO(st.st_mode))
		return "pipe";
	if (S_ISCHR(st.st_mode) && stat("/dev/null", &null_st) == 0 &&
	    st.st_rdev == null_st.st_rdev)
		return "devnull";
	return "other";
}

static void dump(const char *path, int argc, char **argv)
{
	const char *fds[6];
	int leaked = 0;
	FILE *f;

	/* Look at the fds before fopen() takes the lowest free one. */
	for (int fd = 0; fd <= 5; fd++)
		fds[fd] = describe_fd(fd);
	for (int fd = 6; fd < 256; fd++)
		leaked += fcntl(fd, F_GETFD) >= 0;
	f = fopen(path, "w");
	if (!f)
		exit(98);
	for (int i = 0; i < argc; i++)
		fprintf(f, "arg=%s\n", argv[i]);
	for (char **e = environ; *e; e++)
		fprintf(f, "env=%s\n", *e);
	for (int fd = 0; fd <= 5; fd++)
		fprintf(f, "fd%d=%s\n", fd, fds[fd]);
	fprintf(f, "leaked=%d\n", leaked);
	fprintf(f, "pid=%d\n", (int)getpid());
	fclose(f);
}

static int scenario_connect(const sigset_t unblocked)
{
	struct ppp_plugin_record up = {.type = PPP_PLUGIN_RECORD_IP_UP};
	struct ppp_plugin_record down = {.type = PPP_PLUGIN_RECORD_IP_DOWN};
	char password[PPP_PLUGIN_SECRET_MAX + 1];

	send_phase(PPP_PHASE_ESTABLISH);
	send_phase(PPP_PHASE_AUTHENTICATE);
	if (read_password(password, sizeof(password)) < 0)
		return 98;
	if (strcmp(password, GOOD_PASSWORD) != 0) {
		log_line("MS-CHAP authentication failed: E=691 Authentication failure");
		send_auth(0);
		send_phase(PPP_PHASE_TERMINATE);
		send_exit(19);
		return 19;
	}
	send_auth(1);
	send_phase(PPP_PHASE_NETWORK);
	log_line("local  IP address 192.0.2.10");
	strcpy(up.u.ip_up.ifname, "ppp3");
	up.u.ip_up.local = inet_addr("192.0.2.10");
	up.u.ip_up.dns[0] = inet_addr("198.51.100.53");
	send_record(&up);
	send_phase(PPP_PHASE_RUNNING);
	while (!got_term)
		sigsuspend(&unblocked);
	send_record(&down);
	send_phase(PPP_PHASE_TERMINATE);
	send_exit(5);
	return 5;
}

int main(int argc, char **argv)
{
	const char *scenario = "";
	char *param = NULL, *dump_path;
	sigset_t term, unblocked;

	/* SIGTERM stays blocked except inside sigsuspend(), so it cannot slip in between the
	 * check and the wait. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &unblocked);
	sigdelset(&unblocked, SIGTERM);
	signal(SIGTERM, on_term);
	for (int i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], PPP_PLUGIN_FD_OPTION) == 0)
			channel_fd = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "logfd") == 0)
			log_fd = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "ipparam") == 0)
			param = strdup(argv[i + 1]);
	}
	if (channel_fd < 0 || log_fd < 0 || !param || !(dump_path = strchr(param, ':')))
		return 97;
	*dump_path++ = '\0';
	scenario = param;
	dump(dump_path, argc, argv);
	log_line("pppd 2.4.9 (fake) started");
	if (strcmp(scenario, "connect") == 0)
		return scenario_connect(unblocked);
	if (strcmp(scenario, "option-error") == 0) {
		fprintf(stderr, "pppd: In file /etc/ppp/options: unrecognized option 'bogus'\n");
		return 2;
	}
	if (strcmp(scenario, "ignore-term") == 0) {
		signal(SIGTERM, SIG_IGN);
		sigprocmask(SIG_SETMASK, &unblocked, NULL);
		send_phase(PPP_PHASE_ESTABLISH);
		for (;;)
			pause();
	}
	if (strcmp(scenario, "echo-timeout") == 0) {
		struct ppp_plugin_record terminating = {.type = PPP_PLUGIN_RECORD_TERMINATING,
							.u.exit_status = 15};

		send_phase(PPP_PHASE_RUNNING);
		log_line("No response to 4 echo-requests");
		send_phase(PPP_PHASE_TERMINATE);
		send_record(&terminating);
		log_line("Modem hangup");
		send_exit(16);
		return 16;
	}
	if (strcmp(scenario, "garbage") == 0) {
		static const uint8_t junk[] = {7, 7, 7, 7, 7, 7};

		send_phase(PPP_PHASE_ESTABLISH);
		if (send(channel_fd, junk, sizeof(junk), MSG_NOSIGNAL) < 0)
			return 99;
		return 16;
	}
	return 96;
}
