/* Echo-free prompting. The terminal's echo flag is process-external state: if we died between
 * turning it off and on, the user's shell would stay blind, so every exit path restores it. */
#include "config.h"

#include "cli/prompt.h"

#include "profile/profile.h"
#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define LINE_MAX_BYTES 4096

static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};

/* Written by the handler, read after read() returns EINTR: the one async-safe channel. */
static volatile sig_atomic_t interrupting_signal;

static void note_signal(int sig)
{
	interrupting_signal = sig;
}

struct prompt_state {
	int tty;
	struct termios saved;
	struct sigaction old_actions[G_N_ELEMENTS(caught_signals)];
};

/* No SA_RESTART: the signal must interrupt read() so we can restore the terminal first. */
static void catch_signals(struct prompt_state *st)
{
	struct sigaction sa = {.sa_handler = note_signal};

	sigemptyset(&sa.sa_mask);
	interrupting_signal = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(caught_signals); i++)
		sigaction(caught_signals[i], &sa, &st->old_actions[i]);
}

static void release_signals(struct prompt_state *st)
{
	for (size_t i = 0; i < G_N_ELEMENTS(caught_signals); i++)
		sigaction(caught_signals[i], &st->old_actions[i], NULL);
	if (interrupting_signal)
		raise(interrupting_signal); /* now with the caller's disposition */
}

static int write_text(int fd, const char *text)
{
	size_t len = strlen(text);

	while (len > 0) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		text += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads up to '\n' into buf and returns the line's length; -ENODATA at the end of input
 * before any byte, -EINTR when a caught signal arrived. */
static ssize_t read_line(int fd, char *buf, size_t size)
{
	size_t len = 0;

	for (;;) {
		char c;
		ssize_t n = read(fd, &c, 1);

		if (n < 0 && errno == EINTR && !interrupting_signal)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return len ? (ssize_t)len : -ENODATA;
		if (c == '\n')
			return (ssize_t)len;
		if (len + 1 >= size)
			return -EMSGSIZE;
		buf[len++] = c;
		buf[len] = '\0';
	}
}

char *l2c_prompt_secret(const char *prompt, GError **error)
{
	struct prompt_state st = {.tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)};
	struct termios quiet;
	char buf[LINE_MAX_BYTES] = "";
	ssize_t n;
	char *line = NULL;

	if (st.tty < 0 || tcgetattr(st.tty, &st.saved) < 0) {
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NXIO,
			    _("cannot ask for a secret: there is no terminal"));
		if (st.tty >= 0)
			close(st.tty);
		return NULL;
	}
	quiet = st.saved;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL; /* the Enter still shows, so the next output starts a line */
	catch_signals(&st);
	write_text(st.tty, prompt);
	tcsetattr(st.tty, TCSAFLUSH, &quiet);
	n = read_line(st.tty, buf, sizeof(buf));
	tcsetattr(st.tty, TCSAFLUSH, &st.saved);
	close(st.tty);
	if (n >= 0)
		line = g_strdup(buf);
	else
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
			    n == -EMSGSIZE ? _("the secret is longer than 4 KiB")
					   : _("no secret was read"));
	explicit_bzero(buf, sizeof(buf));
	release_signals(&st);
	return line;
}

int l2c_read_secret_line(int fd, char **line)
{
	char buf[LINE_MAX_BYTES] = "";
	ssize_t n = read_line(fd, buf, sizeof(buf));
	int r = n >= 0 ? 1 : n == -ENODATA ? 0 : (int)n;

	if (r == 1)
		*line = g_strdup(buf);
	explicit_bzero(buf, sizeof(buf));
	return r;
}
