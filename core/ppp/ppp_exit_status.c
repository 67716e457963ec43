#include "config.h"

#include "ppp/ppp_exit_status.h"

#include "util/i18n.h"

#include <stdio.h>

static const char *exit_status_text(int status)
{
	switch (status) {
	case PPP_EXIT_OK:
		return _("PPP finished normally.");
	case PPP_EXIT_FATAL_ERROR:
		return _("pppd stopped on a fatal error (a failed system call, or no memory): "
			 "pppd's last message says which; connect with -v for its whole log.");
	case PPP_EXIT_OPTION_ERROR:
		return _("pppd rejected its options: an option in /etc/ppp/options or ~/.ppprc may "
			 "conflict with the connection's settings; pppd's log names the option.");
	case PPP_EXIT_NOT_ROOT:
		return _(
		    "pppd must run as root: connect through the l2tp-connect service instead of "
		    "starting it as a user.");
	case PPP_EXIT_NO_KERNEL_SUPPORT:
		return _("The kernel has no PPP support: load the ppp_generic module (and l2tp_ppp "
			 "or ppp_async), or install a kernel that has it.");
	case PPP_EXIT_USER_REQUEST:
		return _("pppd was stopped by a signal (SIGINT, SIGTERM or SIGHUP): something "
			 "other than this connection stopped it, such as a system shutdown or "
			 "another program; connect again.");
	case PPP_EXIT_LOCK_FAILED:
		return _("pppd could not lock its device: another pppd may be using it. Look for "
			 "a leftover pppd (pgrep -a pppd) and stop it, then connect again.");
	case PPP_EXIT_OPEN_FAILED:
		return _("pppd could not open its device: the L2TP session went away before PPP "
			 "started; try connecting again.");
	case PPP_EXIT_CONNECT_FAILED:
		return _("pppd's connect step failed: remove any `connect` option from "
			 "/etc/ppp/options.");
	case PPP_EXIT_PTYCMD_FAILED:
		return _(
		    "pppd's pty command failed: remove any `pty` option from /etc/ppp/options.");
	case PPP_EXIT_NEGOTIATION_FAILED:
		return _(
		    "PPP negotiation failed: the server and this client agreed on no link "
		    "settings. Allow more authentication methods, or match the server's MPPE and "
		    "compression settings.");
	case PPP_EXIT_PEER_AUTH_FAILED:
		return _("The server did not authenticate itself to this client: remove `auth` or "
			 "`require-…` options from /etc/ppp/options.");
	case PPP_EXIT_IDLE_TIMEOUT:
		return _("PPP was idle too long and disconnected (the `idle` option): remove "
			 "`idle` from /etc/ppp/options to stay connected.");
	case PPP_EXIT_CONNECT_TIME:
		return _("The maximum connect time was reached (the `maxconnect` option): remove "
			 "`maxconnect` from /etc/ppp/options, or connect again.");
	case PPP_EXIT_CALLBACK:
		return _(
		    "The server asked for a callback, which an L2TP client cannot take: disable "
		    "callback on the server for this account.");
	case PPP_EXIT_PEER_DEAD:
		return _("The server stopped answering LCP echo requests: the link is dead. "
			 "Check the network path to the server; on a lossy network raise "
			 "lcp-echo-failure.");
	case PPP_EXIT_HANGUP:
		return _("The link under PPP went away: the L2TP session carrying it ended (the "
			 "server hung up the call, or the tunnel failed). The server's log says "
			 "why; connect again.");
	case PPP_EXIT_LOOPBACK:
		return _("PPP saw its own requests come back: the link is looped back instead of "
			 "reaching the server.");
	case PPP_EXIT_INIT_FAILED:
		return _(
		    "pppd's init script failed: remove any `init` option from /etc/ppp/options.");
	case PPP_EXIT_TRAFFIC_LIMIT:
		return _("The traffic limit for this session was reached (the `maxoctets` "
			 "option): remove `maxoctets` from /etc/ppp/options, or connect again.");
	case PPP_EXIT_CNID_AUTH_FAILED:
		return _("The server's calling number was not authorized (CNID authentication): "
			 "remove `allow-number` from /etc/ppp/options.");
	}
	return NULL;
}

static const char *auth_failure_text(enum ppp_auth_method method, char *buf, size_t cap)
{
	if (method == PPP_AUTH_NONE || method >= PPP_AUTH_METHOD_COUNT) {
		snprintf(
		    buf, cap, "%s",
		    _("PPP authentication failed: the server rejected the user name or password. "
		      "Check both; if they are right, ask which authentication method the server "
		      "expects."));
		return buf;
	}
	/* TRANSLATORS: %s is an authentication method such as MS-CHAPv2 or PAP. */
	snprintf(buf, cap,
		 _("PPP authentication failed (%s): the server rejected the user name or password. "
		   "Check both; if they are right, ask which authentication method the server "
		   "expects."),
		 ppp_auth_method_name(method));
	return buf;
}

/* The sentence for a silent peer, with the figures that decided it. */
static const char *peer_dead_text(const struct ppp_exit_context *context, char *buf, size_t cap)
{
	if (!context || context->lcp_echo_interval == 0 || context->lcp_echo_failure == 0) {
		snprintf(buf, cap, "%s", exit_status_text(PPP_EXIT_PEER_DEAD));
		return buf;
	}
	snprintf(buf, cap,
		 /* TRANSLATORS: lcp-echo-failure and lcp-echo-interval are profile keys. */
		 _("The server stopped answering LCP echo requests (%u unanswered, one every "
		   "%u s: lcp-echo-failure × lcp-echo-interval): the link is dead. Check the "
		   "network path to the server; on a lossy network raise lcp-echo-failure."),
		 context->lcp_echo_failure, context->lcp_echo_interval);
	return buf;
}

int ppp_exit_status_cause(int terminating, int exit_status)
{
	return terminating > 0 ? terminating : exit_status;
}

const char *ppp_exit_status_describe(int status, const struct ppp_exit_context *context,
				     char *buf, size_t cap)
{
	const char *text;

	if (cap == 0)
		return buf;
	if (status == PPP_EXIT_AUTH_TOPEER_FAILED)
		return auth_failure_text(context ? context->auth_method : PPP_AUTH_NONE, buf, cap);
	if (status == PPP_EXIT_PEER_DEAD)
		return peer_dead_text(context, buf, cap);
	text = exit_status_text(status);
	if (text)
		snprintf(buf, cap, "%s", text);
	else
		snprintf(buf, cap, _("pppd exited with unknown status %d."), status);
	return buf;
}
