#include "config.h"

#include "ppp/ppp_options.h"

#include "ppp/ppp_plugin_protocol.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

#define NAME_MAX_LEN  255 /* pppd's MAXNAMELEN less the NUL */
#define PATH_MAX_LEN  1024
#define MTU_MIN	      128   /* pppd's MINMRU */
#define MTU_MAX	      16384 /* pppd's MAXMRU */
#define ECHO_MAX      86400
#define UNIT_MAX      65535
#define FIRST_FREE_FD 3

void ppp_options_init(struct ppp_options *opts)
{
	*opts = (struct ppp_options){
	    .bsdcomp = true,
	    .deflate = true,
	    .vj = true,
	    .pcomp = true,
	    .accomp = true,
	    .mtu = 1400,
	    .mru = 1400,
	    .unit = -1,
	    .datapath = PPP_DATAPATH_KERNEL,
	    .pppol2tp_fd = -1,
	    .plugin_path = PPPD_PLUGIN_DIR "/" PPP_OPTIONS_OUR_PLUGIN,
	    .plugin_fd = -1,
	    .log_fd = -1,
	};
}

/* --- Validation ------------------------------------------------------------------------ */

static int reject(char **detail, const char *field, const char *problem)
{
	/* TRANSLATORS: "<field>: <problem>", e.g. "PPP user name: must not contain quotes". */
	*detail = g_strdup_printf(_("%s: %s"), field, problem);
	return -EINVAL;
}

/* A free-text value that becomes one argv element. Quotes, control characters and a leading
 * '-' are refused even though argv is not re-parsed: pppd copies these values into option
 * files, script arguments and logs, where they could be misread. */
static const char *text_problem(const char *value, size_t max_len, bool allow_space)
{
	size_t len = strlen(value);

	if (len == 0)
		return _("must not be empty");
	if (len > max_len)
		return _("is too long");
	if (!g_utf8_validate(value, len, NULL))
		return _("is not valid UTF-8");
	if (value[0] == '-')
		return _("must not start with “-”");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];

		if (c < 0x20 || c == 0x7f)
			return _("must not contain line breaks or other control characters");
		if (c == '"' || c == '\'')
			return _("must not contain quotes");
		if (c == ' ' && !allow_space)
			return _("must not contain spaces");
	}
	if (value[0] == ' ' || value[len - 1] == ' ')
		return _("must not start or end with a space");
	return NULL;
}

static const char *ifname_problem(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > PPP_PLUGIN_IFNAME_MAX)
		return _("must be 1 to 15 characters long");
	if (name[0] == '-' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return _("is not a usable interface name");
	for (size_t i = 0; i < len; i++) {
		if (!g_ascii_isalnum(name[i]) && !strchr("_-.", name[i]))
			return _("may contain only letters, digits, “_”, “-” and “.”");
	}
	return NULL;
}

static const char *path_problem(const char *path, const char *required_prefix)
{
	const char *problem;

	if (!path || !g_str_has_prefix(path, required_prefix))
		return _("must be an absolute path");
	problem = text_problem(path, PATH_MAX_LEN, true);
	if (problem)
		return problem;
	if (strstr(path, "/../") || g_str_has_suffix(path, "/.."))
		return _("must not contain “..”");
	return NULL;
}

static int validate_identity(const struct ppp_options *o, char **detail)
{
	const char *problem;

	if (o->user && o->user[0] && (problem = text_problem(o->user, NAME_MAX_LEN, true)))
		return reject(detail, _("PPP user name"), problem);
	if (o->ipparam && (problem = text_problem(o->ipparam, NAME_MAX_LEN, false)))
		return reject(detail, _("PPP script parameter (ipparam)"), problem);
	if (o->ifname && (problem = ifname_problem(o->ifname)))
		return reject(detail, _("PPP interface name"), problem);
	if (o->unit < -1 || o->unit > UNIT_MAX)
		return reject(detail, _("PPP unit number"), _("is out of range (0–65535)"));
	return 0;
}

static int validate_link(const struct ppp_options *o, char **detail)
{
	if (o->mtu && (o->mtu < MTU_MIN || o->mtu > MTU_MAX))
		return reject(detail, _("MTU"), _("must be between 128 and 16384"));
	if (o->mru && (o->mru < MTU_MIN || o->mru > MTU_MAX))
		return reject(detail, _("MRU"), _("must be between 128 and 16384"));
	if (o->mrru && (o->mrru < MTU_MIN || o->mrru > MTU_MAX))
		return reject(detail, _("MRRU"), _("must be between 128 and 16384"));
	if (o->lcp_echo_interval > ECHO_MAX)
		return reject(detail, _("LCP echo interval"), _("must be at most 86400 seconds"));
	if (o->lcp_echo_failure > ECHO_MAX)
		return reject(detail, _("LCP echo failure count"), _("is out of range"));
	return 0;
}

static bool requires_mppe(const struct ppp_options *o)
{
	return o->require_mppe || o->require_mppe_40 || o->require_mppe_128;
}

static int validate_auth(const struct ppp_options *o, char **detail)
{
	/* MPPE keys come from MS-CHAP [RFC 3079 §2]: without it pppd fails after connecting. */
	if (requires_mppe(o) && o->refuse_mschap && o->refuse_mschap_v2)
		return reject(detail, _("MPPE encryption"),
			      _("needs MS-CHAP or MS-CHAPv2, but both are refused"));
	return 0;
}

static int validate_plumbing(const struct ppp_options *o, char **detail)
{
	const char *problem;

	switch (o->datapath) {
	case PPP_DATAPATH_KERNEL:
		if (o->pppol2tp_fd < FIRST_FREE_FD)
			return reject(detail, _("PPPoL2TP session socket"),
				      _("is missing (no file descriptor)"));
		break;
	case PPP_DATAPATH_PTY:
		if ((problem = path_problem(o->tty_path, "/dev/")))
			return reject(detail, _("PPP terminal device"), problem);
		break;
	default:
		return reject(detail, _("PPP data path"), _("is unknown"));
	}
	if (o->plugin_path) {
		if ((problem = path_problem(o->plugin_path, "/")))
			return reject(detail, _("pppd plugin path"), problem);
		if (o->plugin_fd < FIRST_FREE_FD)
			return reject(detail, _("pppd plugin channel"),
				      _("is missing (no file descriptor)"));
	}
	if (o->wait_peer_ms > PPP_PLUGIN_WAIT_PEER_MAX_MS)
		return reject(detail, _("wait for the server's first LCP packet"),
			      _("must be at most 10000 ms"));
	if (o->log_fd != -1 && o->log_fd < FIRST_FREE_FD)
		return reject(detail, _("pppd log channel"), _("is not a usable file descriptor"));
	return 0;
}

int ppp_options_validate(const struct ppp_options *opts, char **detail)
{
	int r;

	*detail = NULL;
	if ((r = validate_identity(opts, detail)) < 0)
		return r;
	if ((r = validate_link(opts, detail)) < 0)
		return r;
	if ((r = validate_auth(opts, detail)) < 0)
		return r;
	return validate_plumbing(opts, detail);
}

/* --- argv ----------------------------------------------------------------------------- */

static void add(GPtrArray *args, const char *word)
{
	g_ptr_array_add(args, g_strdup(word));
}

static void add_pair(GPtrArray *args, const char *option, const char *value)
{
	add(args, option);
	add(args, value);
}

static void add_uint(GPtrArray *args, const char *option, unsigned value)
{
	add(args, option);
	g_ptr_array_add(args, g_strdup_printf("%u", value));
}

static void add_datapath(GPtrArray *args, const struct ppp_options *o)
{
	if (o->datapath == PPP_DATAPATH_KERNEL) {
		add_pair(args, "plugin", PPP_OPTIONS_PPPOL2TP_PLUGIN);
		add_uint(args, "pppol2tp", (unsigned)o->pppol2tp_fd);
		return;
	}
	/* Plain async HDLC on the pty (not `sync`): PROTOCOL.md §3 Path C. The pty has no modem
	 * lines, no flow control and needs no UUCP lock, whatever /etc/ppp/options says.
	 * The ACCM is negotiated as on any async link (asking for none, `asyncmap 0`): the relay
	 * decodes whatever pppd escapes and always escapes every control character towards it,
	 * so the outcome is only an optimisation. When the LNS asks for ACCM 0, as pppd does,
	 * pppd stops escaping the 13% of random bytes below 0x20 and the pty, the userspace
	 * path's bottleneck, carries more frames per read. An LNS that only knows sync framing
	 * may reject the option; pppd then escapes everything, as before. */
	add(args, o->tty_path);
	add(args, "local");
	add(args, "nocrtscts");
	add(args, "nolock");
	add_uint(args, "asyncmap", 0);
}

static void add_plumbing(GPtrArray *args, const struct ppp_options *o)
{
	add_datapath(args, o);
	if (o->plugin_path) {
		add_pair(args, "plugin", o->plugin_path);
		add_uint(args, PPP_PLUGIN_FD_OPTION, (unsigned)o->plugin_fd);
		if (o->wait_peer_ms)
			add_uint(args, PPP_PLUGIN_WAIT_PEER_OPTION, o->wait_peer_ms);
	}
	if (o->log_fd >= 0)
		add_uint(args, "logfd", (unsigned)o->log_fd);
}

/* Settings /etc/ppp/options or ~/.ppprc may have changed, stated for a client. */
static void add_client_overrides(GPtrArray *args, const struct ppp_options *o)
{
	add(args, "nodetach");
	add(args, "noauth"); /* the LNS does not authenticate to us */
	add(args, "nopersist");
	add(args, "noproxyarp");
	add(args, "noipdefault");
	add(args, o->defaultroute ? "defaultroute" : "nodefaultroute");
	add_uint(args, "idle", 0);
	/* Our first LCP Configure-Request usually reaches the LNS before its pppd is attached
	 * to the session and is lost; pppd's default 3 s restart timer then adds 3 s to every
	 * connect. The L2TP link is not a slow modem line: retry after 1 s. */
	add_uint(args, "lcp-restart", 1);
	add_uint(args, "lcp-echo-interval", o->lcp_echo_interval);
	add_uint(args, "lcp-echo-failure", o->lcp_echo_failure);
	add(args, o->ipv6 ? "+ipv6" : "noipv6");
	if (o->usepeerdns)
		add(args, "usepeerdns");
}

static void add_auth(GPtrArray *args, const struct ppp_options *o)
{
	if (o->user && o->user[0])
		add_pair(args, "user", o->user);
	if (o->refuse_pap)
		add(args, "refuse-pap");
	if (o->refuse_chap)
		add(args, "refuse-chap");
	if (o->refuse_mschap)
		add(args, "refuse-mschap");
	if (o->refuse_mschap_v2)
		add(args, "refuse-mschap-v2");
	if (o->refuse_eap)
		add(args, "refuse-eap");
}

static void add_ccp(GPtrArray *args, const struct ppp_options *o)
{
	if (!requires_mppe(o)) {
		/* Without MPPE, CCP only brings interop trouble (Android/iOS servers want
		 * noccp too). */
		add(args, "noccp");
		return;
	}
	add(args, "require-mppe");
	if (o->require_mppe_40)
		add(args, "require-mppe-40");
	if (o->require_mppe_128)
		add(args, "require-mppe-128");
	add(args, o->mppe_stateful ? "mppe-stateful" : "nomppe-stateful");
	if (!o->bsdcomp)
		add(args, "nobsdcomp");
	if (!o->deflate)
		add(args, "nodeflate");
}

static void add_link(GPtrArray *args, const struct ppp_options *o)
{
	if (!o->vj) {
		add(args, "novj");
		add(args, "novjccomp");
	}
	if (!o->pcomp)
		add(args, "nopcomp");
	if (!o->accomp)
		add(args, "noaccomp");
	if (o->mtu)
		add_uint(args, "mtu", o->mtu);
	if (o->mru)
		add_uint(args, "mru", o->mru);
	/* MRRU only takes effect with multilink [pppd(8)]. */
	if (o->mrru) {
		add(args, "multilink");
		add_uint(args, "mrru", o->mrru);
	}
}

static void add_naming(GPtrArray *args, const struct ppp_options *o)
{
	if (o->ipparam)
		add_pair(args, "ipparam", o->ipparam);
	if (o->unit >= 0)
		add_uint(args, "unit", (unsigned)o->unit);
	if (o->ifname)
		add_pair(args, "ifname", o->ifname);
	if (o->debug)
		add(args, "debug");
}

int ppp_options_build_argv(const struct ppp_options *opts, const char *pppd_path, GStrv *argv,
			   char **detail)
{
	GPtrArray *args;
	const char *problem;
	int r;

	*argv = NULL;
	r = ppp_options_validate(opts, detail);
	if (r < 0)
		return r;
	if ((problem = path_problem(pppd_path, "/")))
		return reject(detail, _("pppd program"), problem);
	args = g_ptr_array_new();
	add(args, pppd_path);
	add_plumbing(args, opts);
	add_client_overrides(args, opts);
	add_auth(args, opts);
	add_ccp(args, opts);
	add_link(args, opts);
	add_naming(args, opts);
	g_ptr_array_add(args, NULL);
	*argv = (GStrv)g_ptr_array_free(args, FALSE);
	return 0;
}
