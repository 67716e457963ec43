/* pppd's command line for an L2TP client, built from a plain struct.
 *
 * Everything comes from the struct and is validated before it reaches argv: no line breaks,
 * quotes or control characters, nothing that pppd could read as another option. The password
 * is not part of the struct: our plugin fetches it over its channel, so it never appears in
 * argv, where every user could read it in /proc.
 *
 * pppd reads /etc/ppp/options and ~/.ppprc before its command line, and Debian's file says
 * `auth` (make the peer authenticate), which a client cannot satisfy. The command line comes
 * last and wins, so it states explicitly every setting those files might have changed. */
#pragma once

#include <glib.h>
#include <stdbool.h>

#define PPP_OPTIONS_PPPOL2TP_PLUGIN "pppol2tp.so" /* found in pppd's own plugin directory */
#define PPP_OPTIONS_OUR_PLUGIN	    "l2tp-connect-pppd.so"

enum ppp_datapath {
	PPP_DATAPATH_KERNEL = 0, /* pppd drives a PPPoL2TP session socket (plugin pppol2tp.so) */
	PPP_DATAPATH_PTY,	 /* pppd runs on a pty; our userspace relay speaks L2TP */
};

struct ppp_options {
	/* PPP user name, verbatim (DOMAIN\user is fine). NULL or "" leaves pppd's default. */
	const char *user;

	/* Methods this client refuses when the server asks for them. A client never uses
	 * require-*: those make the *server* authenticate [pppd(8)]. */
	bool refuse_pap;
	bool refuse_chap;
	bool refuse_mschap;
	bool refuse_mschap_v2;
	bool refuse_eap;

	/* MPPE; any require_* turns CCP on, otherwise CCP is off (`noccp`). */
	bool require_mppe;
	bool require_mppe_40;
	bool require_mppe_128;
	bool mppe_stateful;

	/* Compression the client allows (true) or refuses (false). BSD and Deflate live in CCP
	 * and so only matter together with MPPE. */
	bool bsdcomp;
	bool deflate;
	bool vj;
	bool pcomp;
	bool accomp;

	unsigned mtu;  /* 0: pppd's default */
	unsigned mru;  /* 0: pppd's default */
	unsigned mrru; /* 0: no multilink; otherwise multilink with this MRRU */

	unsigned lcp_echo_interval; /* seconds; 0 with lcp_echo_failure 0 turns echoes off */
	unsigned lcp_echo_failure;

	bool usepeerdns;   /* ask the server for DNS servers (reported as DNS1/DNS2) */
	bool defaultroute; /* let pppd add a default route; normally routes are ours to set */
	bool ipv6;	   /* negotiate IPv6CP too */
	bool debug;	   /* pppd's `debug`: packet logs (they contain no secrets) */

	const char *ipparam; /* tag for pppd's scripts; NULL: none */
	int unit;	     /* pppN number; -1: the first free one */
	const char *ifname;  /* interface name; NULL: pppN */

	/* Plumbing, filled in by the launcher. fd numbers are as pppd sees them. */
	enum ppp_datapath datapath;
	int pppol2tp_fd;	 /* kernel path: the PPPoL2TP session socket */
	const char *tty_path;	 /* pty path: the pty slave pppd opens */
	const char *plugin_path; /* our plugin (absolute); NULL: no plugin */
	int plugin_fd;		 /* our plugin's channel */
	/* How long LCP waits for the peer's first packet before sending its own (our plugin;
	 * 0: it does not wait). */
	unsigned wait_peer_ms;
	int log_fd;		 /* pppd's `logfd`; -1: none */
};

/* Defaults as NetworkManager-l2tp has them: every method and compression allowed, MTU and
 * MRU 1400, LCP echoes off, the kernel data path, our installed plugin, no fds yet. */
void ppp_options_init(struct ppp_options *opts);

/* Checks every field. Returns 0, or -EINVAL with a translated sentence naming the field and
 * the problem in *detail (g_free it). */
int ppp_options_validate(const struct ppp_options *opts, char **detail);

/* Validates, then builds pppd's argv, starting with `pppd_path`. Returns 0 and a
 * NULL-terminated vector in *argv (g_strfreev it), or -EINVAL and *detail. */
int ppp_options_build_argv(const struct ppp_options *opts, const char *pppd_path, GStrv *argv,
			   char **detail);
