/* l2tp-connect's pppd plugin: the password in, pppd's progress out.
 *
 * pppd loads it with `plugin .../l2tp-connect-pppd.so l2tp-connect-fd N`, where N is one end of
 * a socketpair inherited from the launcher. Over it (ppp_plugin_protocol.h) the launcher sends
 * the password, which we hand to pppd from the PAP/CHAP password hooks (CHAP's hook also
 * serves MS-CHAP, MS-CHAPv2 and EAP-MD5), and we report phase changes, the authentication
 * result, IP up/down and the exit status.
 *
 * pppd runs plugins in its single thread for its whole life, so the state below is the
 * process's own, as for every pppd plugin. */
#include "ppp/plugin/pppd_compat.h" /* first: pppd 2.4.9 defines its own bool */

#include "ppp/ppp_plugin_protocol.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PLUGIN_EXPORT		  __attribute__((visibility("default")))
#define PASSWORD_WAIT_MS	  10000	     /* the launcher sends it right after spawning pppd */
#define PPPD_INVENTED_REMOTE_BASE 0x0a404040 /* ipcp.c: 10.64.64.64 + unit */

PLUGIN_EXPORT char pppd_version[] = L2C_PPPD_VERSION_STRING;
PLUGIN_EXPORT int plugin_init(void);

static int channel_fd = -1; /* set by the l2tp-connect-fd option */
static int wait_peer_ms;    /* set by the l2tp-connect-wait-peer-ms option */

static struct {
	int channel_ready;
	int channel_broken;
	int have_password;
	char password[PPP_PLUGIN_SECRET_MAX + 1];
	enum ppp_auth_method method;
	int auth_reported;
} state;

static option_t plugin_options[] = {
    {
	.name = PPP_PLUGIN_FD_OPTION,
	.type = o_int,
	.addr = &channel_fd,
	.description = "File descriptor of the l2tp-connect control channel",
	.flags = OPT_PRIO | OPT_LLIMIT,
	.lower_limit = 3,
    },
    {
	.name = PPP_PLUGIN_WAIT_PEER_OPTION,
	.type = o_int,
	.addr = &wait_peer_ms,
	.description = "Wait up to this many ms for the peer's first LCP packet",
	.flags = OPT_PRIO | OPT_LIMITS,
	.lower_limit = 0,
	.upper_limit = PPP_PLUGIN_WAIT_PEER_MAX_MS,
    },
    {.name = NULL},
};

static void wipe(void *p, size_t len)
{
	volatile unsigned char *b = p;

	while (len--)
		*b++ = 0;
}

/* Scripts pppd runs (ip-up, …) must not inherit the channel. The option only sets a number,
 * so this happens on first use, which is a phase change long before any script runs. */
static int channel_usable(void)
{
	if (channel_fd < 0 || state.channel_broken)
		return 0;
	if (!state.channel_ready) {
		if (fcntl(channel_fd, F_SETFD, FD_CLOEXEC) < 0) {
			error("l2tp-connect: channel fd %d is not open: %m", channel_fd);
			state.channel_broken = 1;
			return 0;
		}
		state.channel_ready = 1;
	}
	return 1;
}

static void send_record(const struct ppp_plugin_record *rec)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	ssize_t len, sent;

	if (!channel_usable())
		return;
	len = ppp_plugin_record_encode(rec, buf, sizeof(buf));
	if (len < 0) {
		warn("l2tp-connect: cannot encode record type %d", rec->type);
		return;
	}
	do
		sent = send(channel_fd, buf, len, MSG_NOSIGNAL);
	while (sent < 0 && errno == EINTR);
	if (sent != len) {
		/* The launcher is gone; pppd goes on and is stopped by other means. */
		warn("l2tp-connect: lost the control channel: %m");
		state.channel_broken = 1;
	}
}

/* --- The password ------------------------------------------------------------------- */

static int wait_readable(int fd, int timeout_ms)
{
	struct pollfd pfd = {.fd = fd, .events = POLLIN};
	int r;

	do
		r = poll(&pfd, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		return -ETIMEDOUT;
	return r < 0 ? -errno : 0;
}

static int receive_password_record(struct ppp_plugin_record *rec)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	size_t len = 0, consumed;
	int r;

	for (;;) {
		ssize_t n;

		if ((r = wait_readable(channel_fd, PASSWORD_WAIT_MS)) < 0)
			break;
		n = recv(channel_fd, buf + len, sizeof(buf) - len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r = n == 0 ? -ECONNRESET : -errno;
			break;
		}
		len += n;
		r = ppp_plugin_record_decode(buf, len, rec, &consumed);
		if (r != -EAGAIN)
			break;
	}
	wipe(buf, sizeof(buf));
	if (r == 0 && rec->type != PPP_PLUGIN_RECORD_PASSWORD) {
		ppp_plugin_record_wipe(rec);
		r = -EBADMSG;
	}
	return r;
}

static int fetch_password(void)
{
	struct ppp_plugin_record rec;
	int r;

	if (state.have_password)
		return 0;
	if (!channel_usable())
		return -EBADF;
	r = receive_password_record(&rec);
	if (r < 0) {
		error("l2tp-connect: no password from the controlling process (%s)", strerror(-r));
		state.channel_broken = 1;
		return r;
	}
	memcpy(state.password, rec.u.password.text, rec.u.password.len + 1);
	ppp_plugin_record_wipe(&rec);
	state.have_password = 1;
	return 0;
}

/* pppd passes a buffer of MAXSECRETLEN (256) bytes. */
static void copy_password(char *secret)
{
	memcpy(secret, state.password, strlen(state.password) + 1);
}

/* pppd asks whether it can authenticate as a client before offering a method; we can as
 * soon as the launcher gave us a channel. -1 lets pppd look at its secrets files instead. */
static int l2c_check_hook(void)
{
	return channel_fd >= 0 ? 1 : -1;
}

/* The user name stays what the `user` option said. */
static int l2c_pap_passwd_hook(char *user_name, char *secret)
{
	if (channel_fd < 0)
		return -1;
	if (!secret)
		return 1; /* only asking whether PAP is possible */
	if (fetch_password() < 0)
		return 0;
	copy_password(secret);
	return 1;
}

static int l2c_chap_passwd_hook(char *user_name, char *secret)
{
	if (channel_fd < 0 || fetch_password() < 0)
		return -1;
	copy_password(secret);
	return 1;
}

/* --- Events ------------------------------------------------------------------------ */

/* The method the peer asked us to use, in pppd's own order of preference (EAP, CHAP, PAP
 * in auth.c). */
static enum ppp_auth_method method_requested_by_peer(void)
{
	const lcp_options *his = &lcp_hisoptions[0];

	if (his->neg_eap)
		return PPP_AUTH_EAP;
	if (his->neg_chap) {
		if (his->chap_mdtype & MDTYPE_MICROSOFT_V2)
			return PPP_AUTH_MSCHAP_V2;
		if (his->chap_mdtype & MDTYPE_MICROSOFT)
			return PPP_AUTH_MSCHAP;
		return PPP_AUTH_CHAP_MD5;
	}
	if (his->neg_upap)
		return PPP_AUTH_PAP;
	return PPP_AUTH_NONE;
}

static void report_auth(int success)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_AUTH};

	if (state.auth_reported)
		return;
	state.auth_reported = 1;
	rec.u.auth.success = success ? 1 : 0;
	rec.u.auth.method = state.method;
	send_record(&rec);
}

/* The establish phase starts right before pppd sends its first Configure-Request. When the
 * peer's request is already on its way (the LNS starts LCP as it gets our ICCN, which the
 * controlling process sends once it sees this phase), answering it first lets both sides
 * open LCP in one round trip; otherwise the peer's first request, sent while our side was
 * not yet listening or crossing ours, costs a restart timer of up to 3 s. Waiting is
 * bounded, so a peer that waits for us is only delayed. */
static void wait_for_peer_to_speak(void)
{
	int fd = l2c_pppd_channel_fd();

	if (wait_peer_ms <= 0 || fd < 0)
		return;
	if (wait_readable(fd, wait_peer_ms) == -ETIMEDOUT)
		info("l2tp-connect: no LCP packet from the peer within %d ms; starting LCP",
		     wait_peer_ms);
}

/* Why the link is ending, as pppd knows it now: what comes after (the hang-up of a link it
 * closed itself) may overwrite its exit status. */
static void report_terminating(void)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_TERMINATING};
	int status = l2c_pppd_exit_status();

	rec.u.exit_status = status >= 0 && status <= 255 ? status : 1;
	send_record(&rec);
}

static void on_phase_change(void *ctx, int entered)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_PHASE};

	if (entered < 0 || entered >= PPP_PHASE_COUNT)
		return;
	if (entered == PHASE_AUTHENTICATE)
		state.method = method_requested_by_peer();
	rec.u.phase = (enum ppp_phase)entered;
	send_record(&rec);
	if (entered == PHASE_ESTABLISH)
		wait_for_peer_to_speak();
	if (entered == PHASE_TERMINATE)
		report_terminating();
	/* pppd 2.4.9 has no notifier for "we failed to authenticate": auth_withpeer_fail()
	 * sets status 19 and closes LCP, which enters the terminate phase. */
	if (entered == PHASE_TERMINATE && l2c_pppd_exit_status() == EXIT_AUTH_TOPEER_FAILED)
		report_auth(0);
}

/* Fired when the network phase starts: after we authenticated, or with no authentication. */
static void on_auth_up(void *ctx, int arg)
{
	report_auth(1);
}

/* ipcp_up() invents 10.64.64.64 + unit when the peer names no address of its own. */
static int remote_was_invented(const ipcp_options *his)
{
	uint32_t invented = htonl(PPPD_INVENTED_REMOTE_BASE + (uint32_t)l2c_pppd_ifunit());

	return !his->neg_addr && !his->old_addrs && his->hisaddr == invented;
}

static void on_ip_up(void *ctx, int arg)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_IP_UP};
	const ipcp_options *got = &ipcp_gotoptions[0];
	const ipcp_options *his = &ipcp_hisoptions[0];
	const char *name = l2c_pppd_ifname();

	strncpy(rec.u.ip_up.ifname, name ? name : "", PPP_PLUGIN_IFNAME_MAX);
	rec.u.ip_up.local = got->ouraddr;
	rec.u.ip_up.remote = remote_was_invented(his) ? 0 : his->hisaddr;
	rec.u.ip_up.dns[0] = got->dnsaddr[0];
	rec.u.ip_up.dns[1] = got->dnsaddr[1];
	send_record(&rec);
}

static void on_ip_down(void *ctx, int arg)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_IP_DOWN};

	send_record(&rec);
}

static void on_exit_notify(void *ctx, int exit_status)
{
	struct ppp_plugin_record rec = {.type = PPP_PLUGIN_RECORD_EXIT};

	if (exit_status == EXIT_AUTH_TOPEER_FAILED)
		report_auth(0);
	rec.u.exit_status = exit_status >= 0 && exit_status <= 255 ? exit_status : 1;
	send_record(&rec);
	wipe(state.password, sizeof(state.password));
	state.have_password = 0;
}

int plugin_init(void)
{
	l2c_pppd_add_options(plugin_options);
	pap_check_hook = l2c_check_hook;
	chap_check_hook = l2c_check_hook;
	pap_passwd_hook = l2c_pap_passwd_hook;
	chap_passwd_hook = l2c_chap_passwd_hook;
	l2c_pppd_on_phase_change(on_phase_change);
	l2c_pppd_on_auth_up(on_auth_up);
	l2c_pppd_on_ip_up(on_ip_up);
	l2c_pppd_on_ip_down(on_ip_down);
	l2c_pppd_on_exit(on_exit_notify);
	info("l2tp-connect plugin loaded (protocol %d)", PPP_PLUGIN_PROTOCOL_VERSION);
	return 0;
}
