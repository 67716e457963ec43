/* The libreswan driver's sequence: probe, choose the daemon, write the files, add the
 * connection and its secret, guard against leaks, initiate, confirm; and the way back. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "ipsec/ipsec_cadn.h"
#include "ipsec/ipsec_driver_private.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG		 "ipsec"
#define PLUTO_READY_MS	 20000
#define SHORT_COMMAND_MS 15000

G_DEFINE_QUARK(ipsec - driver - error - quark, ipsec_driver_error)

static char *dup_or(const char *value, const char *fallback)
{
	return g_strdup(value && *value ? value : fallback);
}

IpsecDriver *ipsec_driver_new(const struct ipsec_driver_config *cfg)
{
	static const struct ipsec_driver_config defaults = {0};
	IpsecDriver *d = g_new0(IpsecDriver, 1);

	if (!cfg)
		cfg = &defaults;
	d->runtime_base = dup_or(cfg->runtime_base, "/run/l2tp-connect");
	d->ipsec = dup_or(cfg->ipsec, "ipsec");
	d->system_ctl = dup_or(cfg->system_ctl_socket, "/run/pluto/pluto.ctl");
	d->dropin_dir = dup_or(cfg->secrets_dropin_dir, "/etc/ipsec.d");
	d->daemon = cfg->daemon;
	d->no_leak_protection = cfg->no_leak_protection;
	d->whack_timeout = cfg->whack_timeout;
	d->lock_fd = -1;
	return d;
}

void ipsec_driver_free(IpsecDriver *d)
{
	if (!d)
		return;
	g_free(d->runtime_base);
	g_free(d->ipsec);
	g_free(d->system_ctl);
	g_free(d->dropin_dir);
	g_free(d->last_log);
	g_free(d->cert_nickname);
	ipsec_shared_unlock(d);
	g_free(d);
}

gboolean ipsec_driver_run(IpsecDriver *d, unsigned timeout_ms, struct ipsec_exec_result *res, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	const char *arg;
	va_list ap;

	g_ptr_array_add(argv, d->ipsec);
	va_start(ap, res);
	while ((arg = va_arg(ap, const char *)))
		g_ptr_array_add(argv, (gpointer)arg);
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	return ipsec_exec_run((const char *const *)argv->pdata, timeout_ms, res, NULL);
}

/* ---- probe ---- */

static gboolean read_version(IpsecDriver *d, struct ipsec_version *v, GError **error)
{
	struct ipsec_exec_result res;
	int r = -EINVAL;

	if (ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "--version", NULL))
		r = ipsec_version_parse(res.output, v);
	ipsec_exec_result_clear(&res);
	if (r == 0)
		return TRUE;
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_NOT_INSTALLED,
		    r == -ENOTSUP ? _("IPsec: the installed 'ipsec' is not libreswan; l2tp-connect "
				      "needs libreswan (apt install libreswan)")
				  : _("IPsec: libreswan is not installed (apt install libreswan)"));
	return FALSE;
}

gboolean ipsec_driver_probe(IpsecDriver *d, struct ipsec_caps *caps, GError **error)
{
	struct ipsec_version v;
	struct ipsec_exec_result res;
	char text[16];
	int dh2;

	if (d->probed)
		goto done;
	if (!read_version(d, &v, error))
		return FALSE;
	ipsec_caps_from_version(&v, &d->caps);
	/* Ask the library itself: distributions differ in whether DH2 is built in. */
	if (ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "algparse", "-v1",
			     "ike=aes128-sha1-modp1024", NULL)) {
		dh2 = ipsec_caps_modp1024_from_algparse(res.status, res.output);
		if (dh2 >= 0)
			d->caps.has_modp1024 = dh2 == 1;
	}
	ipsec_exec_result_clear(&res);
	d->probed = TRUE;
	l2c_info(LOG_TAG, "libreswan %s, %s dialect, modp1024 %s",
		 ipsec_version_format(&v, text, sizeof(text)),
		 d->caps.dialect == IPSEC_DIALECT_V5 ? "5.x" : "4.x",
		 d->caps.has_modp1024 ? "available" : "not built in");
done:
	if (caps)
		*caps = d->caps;
	return TRUE;
}

/* ---- the way down ---- */

static void delete_conn(IpsecDriver *d)
{
	struct ipsec_exec_result res;

	if (!d->state.conn_added || !d->state.ctl_socket[0])
		return;
	ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "whack", "--ctlsocket", d->state.ctl_socket,
			 "--name", d->conn, "--delete", NULL);
	ipsec_exec_result_clear(&res);
	d->state.conn_added = false;
}

/* Only lines about this connection or its gateway: the log of a pluto we share also tells
 * of the other connections, whose failures are not ours to diagnose. */
static char *lines_about(const char *log, const char *conn, const char *gateway)
{
	g_autofree char *quoted = g_strdup_printf("\"%s\"", conn);
	g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
	GString *out = g_string_new(NULL);

	for (char **l = lines; *l; l++)
		if (strstr(*l, quoted) || (*gateway && strstr(*l, gateway)))
			g_string_append_printf(out, "%s\n", *l);
	return g_string_free(out, FALSE);
}

static void keep_log(IpsecDriver *d)
{
	g_autofree char *path = NULL;
	g_autofree char *log = NULL;

	g_clear_pointer(&d->last_log, g_free);
	if (d->state.daemon != IPSEC_DAEMON_PRIVATE)
		return;
	path = ipsec_shared_path(d, "pluto.log");
	if (!g_file_get_contents(path, &log, NULL, NULL))
		return;
	d->last_log =
	    d->pluto.process ? g_steal_pointer(&log) : lines_about(log, d->conn, d->state.gateway);
}

/* Another connection still uses our pluto: it runs on; only our certificate leaves its
 * store. Otherwise it stops. */
static void leave_private(IpsecDriver *d)
{
	if (ipsec_shared_has_other_users(d, d->state.dir)) {
		ipsec_shared_forget_cert(d, d->cert_nickname);
		ipsec_pluto_release(&d->pluto);
		return;
	}
	ipsec_shared_stop(d, &d->pluto, d->state.pluto_pid, d->state.gateway);
}

void ipsec_driver_down(IpsecDriver *d)
{
	if (!d->state.dir[0])
		return;
	/* Best effort without it: leaving must not fail. */
	ipsec_shared_lock(d, NULL);
	delete_conn(d);
	if (d->state.daemon == IPSEC_DAEMON_SYSTEM)
		ipsec_system_withdraw_secret(d, d->state.secrets_dropin);
	if (d->state.daemon == IPSEC_DAEMON_PRIVATE)
		leave_private(d);
	ipsec_leakguard_remove(&d->guard);
	ipsec_files_remove_tree(d->state.dir);
	ipsec_shared_unlock(d);
	l2c_info(LOG_TAG, "%s: IPsec connection removed", d->conn);
	memset(&d->state, 0, sizeof(d->state));
	memset(&d->guard, 0, sizeof(d->guard));
	g_clear_pointer(&d->cert_nickname, g_free);
}

/* ---- the way up ---- */

static char *resolve_gateway(const char *gateway, GError **error)
{
	g_autoptr(GResolver) resolver = NULL;
	GList *addrs, *l;
	char *chosen = NULL;

	if (g_hostname_is_ip_address(gateway))
		return g_strdup(gateway);
	resolver = g_resolver_get_default();
	addrs = g_resolver_lookup_by_name(resolver, gateway, NULL, error);
	/* IPv4 first: most L2TP servers are reached over IPv4. */
	for (l = addrs; l && !chosen; l = l->next)
		if (g_inet_address_get_family(l->data) == G_SOCKET_FAMILY_IPV4)
			chosen = g_inet_address_to_string(l->data);
	if (!chosen && addrs)
		chosen = g_inet_address_to_string(addrs->data);
	g_resolver_free_addresses(addrs);
	if (!chosen && error && !*error)
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG,
			    _("gateway: %s has no address"), gateway);
	return chosen;
}

static gboolean choose_daemon(IpsecDriver *d, GError **error)
{
	gboolean system = ipsec_host_system_pluto_answers(d);

	if (d->daemon == IPSEC_USE_SYSTEM && !system) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SYSTEM_DAEMON,
			    _("IPsec: the libreswan service is not running (%s does not answer)"),
			    d->system_ctl);
		return FALSE;
	}
	if (system && d->daemon != IPSEC_USE_PRIVATE) {
		d->state.daemon = IPSEC_DAEMON_SYSTEM;
		g_strlcpy(d->state.ctl_socket, d->system_ctl, sizeof(d->state.ctl_socket));
		return TRUE;
	}
	if (system) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_BLOCKED,
			    _("IPsec: the libreswan service is running; l2tp-connect cannot run "
			      "its own IKE daemon beside it"));
		return FALSE;
	}
	d->state.daemon = IPSEC_DAEMON_PRIVATE;
	d->state.pluto_pid = ipsec_shared_pluto_pid(d);
	if (d->state.pluto_pid > 0) {
		g_autofree char *ctl = ipsec_shared_path(d, "run/pluto.ctl");

		/* Another connection of ours started it: ours joins. */
		g_strlcpy(d->state.ctl_socket, ctl, sizeof(d->state.ctl_socket));
		return TRUE;
	}
	return ipsec_host_private_pluto_possible(d, error);
}

static gboolean write_conf(IpsecDriver *d, const struct ipsec_conn_params *params, GError **error)
{
	struct ipsec_conn_params p = *params;
	g_autofree char *path = g_build_filename(d->state.dir, "ipsec.conf", NULL);
	struct ipsec_error err = {{0}};
	char *text = NULL;
	gboolean ok;

	p.name = d->conn;
	if (ipsec_conn_render(&p, &d->caps, &text, &err) < 0) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG, "%s", err.text);
		return FALSE;
	}
	ok = ipsec_files_write_private(path, text, error);
	free(text);
	return ok;
}

static char *render_secret(const struct ipsec_conn_params *params,
			   const struct ipsec_credentials *cred, GError **error)
{
	struct ipsec_error err = {{0}};
	char *line = NULL;

	if (ipsec_secrets_render(params, cred ? cred->psk : NULL, cred ? cred->psk_len : 0, &line,
				 &err) < 0) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG, "%s", err.text);
		return NULL;
	}
	return line;
}

/* The CA first: pk12util keeps a certificate that is already there, so a CA that the PKCS#12
 * file carries too keeps the trust given here. */
static gboolean import_certificates(IpsecDriver *d, const char *nss,
				    const struct ipsec_conn_params *params,
				    const struct ipsec_credentials *cred, GError **error)
{
	g_autofree char *db = g_strdup_printf("sql:%s", nss);
	g_autofree char *ca_nickname = g_strdup_printf("%s CA", params->cert_nickname);

	if (!cred || !cred->p12_path || !*cred->p12_path) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG,
			    _("machine-cert: certificate authentication needs a certificate file"));
		return FALSE;
	}
	if (cred->ca_path && *cred->ca_path &&
	    !ipsec_nss_import_ca(db, cred->ca_path, ca_nickname, error))
		return FALSE;
	d->cert_nickname = g_strdup(params->cert_nickname);
	return ipsec_nss_import_machine_cert(db, d->state.dir, cred->p12_path, cred->key_path,
					     cred->p12_password, params->cert_nickname, error);
}

/* This connection's secret in its own directory (our pluto's ipsec.secrets includes it), a
 * fresh directory for our pluto unless it runs already, our certificate in its store. */
static gboolean prepare_private(IpsecDriver *d, const struct ipsec_conn_params *params,
				const struct ipsec_credentials *cred, GError **error)
{
	g_autofree char *nss = ipsec_shared_path(d, "nss");
	g_autofree char *secrets = g_build_filename(d->state.dir, "ipsec.secrets", NULL);
	gboolean ok;
	char *line = NULL;

	if (params->auth == IPSEC_AUTH_PSK && !(line = render_secret(params, cred, error)))
		return FALSE;
	ok = ipsec_files_write_private(secrets, line ? line : "", error);
	ipsec_secret_free(line);
	if (!ok)
		return FALSE;
	if (d->state.pluto_pid <= 0 && !ipsec_shared_prepare(d, !ipsec_host_has_nd_bypass(), error))
		return FALSE;
	if (params->auth == IPSEC_AUTH_CERT)
		return import_certificates(d, nss, params, cred, error);
	return TRUE;
}

static gboolean install_guard(IpsecDriver *d, const char *gateway, GError **error)
{
	if (d->no_leak_protection)
		return TRUE;
	if (ipsec_leakguard_init(&d->guard, d->conn, gateway) < 0) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
			    _("IPsec: no address to guard for %s"), gateway);
		return FALSE;
	}
	/* Recorded first: a crash halfway must still find the chains to remove. */
	d->state.leak_family = d->guard.family;
	g_strlcpy(d->state.leak_chain_out, d->guard.chain_out, sizeof(d->state.leak_chain_out));
	g_strlcpy(d->state.leak_chain_in, d->guard.chain_in, sizeof(d->state.leak_chain_in));
	ipsec_files_save_state(d);
	if (ipsec_leakguard_install(&d->guard, error))
		return TRUE;
	(*error)->domain = IPSEC_DRIVER_ERROR;
	(*error)->code = IPSEC_DRIVER_ERROR_SETUP;
	return FALSE;
}

/* pluto takes a second or more to set up NSS and test its algorithms; the leak guard goes in
 * meanwhile. */
static gboolean start_private(IpsecDriver *d, const char *gateway, GError **error)
{
	g_autoptr(GError) local = NULL;
	g_autofree char *dir = ipsec_shared_dir(d);
	g_autofree char *conf = g_build_filename(d->state.dir, "ipsec.conf", NULL);

	if (!ipsec_pluto_start(d->ipsec, dir, conf, &d->pluto, error))
		return FALSE;
	d->state.pluto_pid = d->pluto.pid;
	g_strlcpy(d->state.ctl_socket, d->pluto.ctl_socket, sizeof(d->state.ctl_socket));
	d->state.conn_added = true; /* pluto loads auto=add connections itself */
	ipsec_files_save_state(d);
	if (!install_guard(d, gateway, error))
		return FALSE;
	if (ipsec_pluto_wait_ready(&d->pluto, d->ipsec, d->conn, PLUTO_READY_MS, &local))
		return TRUE;
	g_propagate_error(error, g_steal_pointer(&local));
	return FALSE;
}

/* The running pluto's own policy may differ from what /etc/ipsec.conf says now. */
static void explain_refused_conn(IpsecDriver *d, const char *output, GError **error)
{
	const char *why = *output ? output : _("no reason given; the IPsec service's log has it");

	if (strstr(output, "ikev1-policy") && strstr(output, "does not allow")) {
		d->last_failure = IPSEC_FAILURE_IKEV1_DISABLED;
		ipsec_system_set_ikev1_error(error);
	} else if (d->state.daemon == IPSEC_DAEMON_SYSTEM) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SYSTEM_DAEMON,
			    _("IPsec: the libreswan service did not accept our connection: %s"),
			    why);
	} else {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
			    _("IPsec: our pluto did not accept the connection: %s"), why);
	}
}

/* A pluto that runs already (the system's, or ours started by another connection) learns
 * our connection from our own file. */
gboolean ipsec_driver_add_conn(IpsecDriver *d, GError **error)
{
	g_autofree char *conf = g_build_filename(d->state.dir, "ipsec.conf", NULL);
	const char *ctl = d->state.ctl_socket;
	struct ipsec_exec_result res;
	gboolean ok;

	if (d->caps.dialect == IPSEC_DIALECT_V5)
		ok = ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "add", "--config", conf,
				      "--ctlsocket", ctl, d->conn, NULL);
	else
		ok = ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "addconn", "--ctlsocket", ctl,
				      "--config", conf, d->conn, NULL);
	ok = ok && res.status == 0 && !strstr(res.output, "failed to add");
	if (ok) {
		d->state.conn_added = true;
		ipsec_files_save_state(d);
	} else {
		explain_refused_conn(d, g_strstrip(res.output), error);
	}
	ipsec_exec_result_clear(&res);
	return ok;
}

static gboolean add_to_system(IpsecDriver *d, const struct ipsec_conn_params *params,
			      const struct ipsec_credentials *cred, GError **error)
{
	gboolean ok;

	if (params->auth == IPSEC_AUTH_CERT) {
		/* Its NSS database is the system's: we do not import into it behind the
		 * administrator's back. */
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SYSTEM_DAEMON,
			    _("IPsec: the libreswan service is running, and l2tp-connect uses "
			      "certificates only with its own IKE daemon. Stop the service "
			      "(systemctl stop ipsec) or use a pre-shared key."));
		return FALSE;
	}
	if (params->ike_version == IPSEC_IKE_V1 && !ipsec_system_check_ikev1(d, error))
		return FALSE;
	if (params->auth == IPSEC_AUTH_PSK) {
		char *line = render_secret(params, cred, error);

		ok = line && ipsec_system_install_secret(d, line, error);
		ipsec_secret_free(line);
		if (!ok)
			return FALSE;
	}
	return ipsec_driver_add_conn(d, error);
}

static gboolean reread_secrets(IpsecDriver *d)
{
	struct ipsec_exec_result res;
	gboolean ok = ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "whack", "--ctlsocket",
				       d->state.ctl_socket, "--rereadsecrets", NULL) &&
		      res.status == 0;

	ipsec_exec_result_clear(&res);
	return ok;
}

static unsigned whack_deadline(IpsecDriver *d, const struct ipsec_conn_params *p)
{
	unsigned rt =
	    p->retransmit_timeout ? p->retransmit_timeout : IPSEC_DEFAULT_RETRANSMIT_TIMEOUT;

	/* Main Mode and Quick Mode each get the retransmit timeout, plus slack. */
	return d->whack_timeout ? d->whack_timeout : 2 * rt + 15;
}

static gboolean initiate(IpsecDriver *d, const struct ipsec_conn_params *p, GError **error)
{
	const char *argv[] = {d->ipsec, "whack", "--ctlsocket", d->state.ctl_socket,
			      "--name", d->conn, "--initiate",	NULL};
	unsigned deadline = whack_deadline(d, p);
	struct ipsec_exec_result res, status;
	struct ipsec_diag_input in = {0};
	struct ipsec_diagnosis diag;
	char message[512];
	gboolean listed = FALSE;

	ipsec_exec_run_full(argv, NULL, d->cancellable, deadline * 1000, &res, NULL);
	if (res.cancelled) {
		ipsec_exec_result_clear(&res);
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
			    _("IPsec: the negotiation was cancelled"));
		return FALSE;
	}
	if (ipsec_whack_succeeded(res.status, res.output) && !res.timed_out) {
		ipsec_driver_run(d, SHORT_COMMAND_MS, &status, "whack", "--ctlsocket",
				 d->state.ctl_socket, "--trafficstatus", NULL);
		listed = ipsec_trafficstatus_find(status.output, d->conn, NULL, NULL);
		ipsec_exec_result_clear(&status);
	}
	if (listed) {
		ipsec_exec_result_clear(&res);
		d->last_failure = IPSEC_FAILURE_NONE;
		return TRUE;
	}
	keep_log(d);
	in.whack_status = res.status;
	in.timed_out = res.timed_out;
	in.whack_output = res.output;
	in.pluto_log = d->last_log;
	in.auth = p->auth;
	ipsec_diagnose(&in, &diag);
	if (diag.failure == IPSEC_FAILURE_NONE)
		diag.failure = IPSEC_FAILURE_UNKNOWN; /* established, then gone at once */
	d->last_failure = diag.failure;
	ipsec_failure_describe(&diag, p, &d->caps, deadline, message, sizeof(message));
	l2c_debug(LOG_TAG, "whack --initiate (exit %d%s):\n%s", res.status,
		  res.timed_out ? ", timed out" : "", res.output);
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_NEGOTIATION, "%s", message);
	ipsec_exec_result_clear(&res);
	return FALSE;
}

static gboolean begin(IpsecDriver *d, const struct ipsec_conn_params *params, GError **error)
{
	g_autofree char *dirname = NULL;
	struct ipsec_error err = {{0}};

	if (!ipsec_driver_probe(d, NULL, error))
		return FALSE;
	if (ipsec_conn_validate(params, &d->caps, &err) < 0) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG, "%s", err.text);
		return FALSE;
	}
	ipsec_driver_down(d);
	d->last_failure = IPSEC_FAILURE_NONE;
	g_clear_pointer(&d->last_log, g_free);
	g_snprintf(d->conn, sizeof(d->conn), "l2c-%s", params->name);
	dirname = g_strdup_printf("ipsec-%s", params->name);
	g_strlcpy(d->state.name, params->name, sizeof(d->state.name));
	d->state.dialect = d->caps.dialect;
	if (!ipsec_files_make_dir(d->runtime_base, error))
		return FALSE;
	g_snprintf(d->state.dir, sizeof(d->state.dir), "%s/%s", d->runtime_base, dirname);
	if (!ipsec_files_make_dir(d->state.dir, error)) {
		d->state.dir[0] = '\0';
		return FALSE;
	}
	return TRUE;
}

/* Our one pluto trusts the CA of every profile that is up, so the server's certificate is
 * pinned to this profile's CA by its name (rightca). A CA whose name would need escaping
 * keeps the old behaviour rather than failing the connection; a CA file that cannot be read
 * is reported by its import. malloc'd or NULL. */
static char *server_ca_dn(const struct ipsec_conn_params *params,
			  const struct ipsec_credentials *cred)
{
	char *dn = NULL;
	int r;

	if (params->auth != IPSEC_AUTH_CERT || !cred || !cred->ca_path || !*cred->ca_path)
		return NULL;
	r = ipsec_ca_subject_dn(cred->ca_path, &dn);
	if (r == -EILSEQ)
		l2c_warn(LOG_TAG,
			 _("machine-ca: the name of the CA in %s cannot be written in libreswan's "
			   "configuration; the server's certificate is checked against every CA "
			   "of the active connections"),
			 cred->ca_path);
	else if (r < 0)
		l2c_debug(LOG_TAG, "machine-ca: no subject name from %s: %s", cred->ca_path,
			  g_strerror(-r));
	return dn;
}

static gboolean bring_up_pinned(IpsecDriver *d, const struct ipsec_conn_params *p,
				const struct ipsec_credentials *cred, GError **error)
{
	g_strlcpy(d->state.gateway, p->gateway, sizeof(d->state.gateway));
	/* Held until our connection is in a pluto; on failure ipsec_driver_down() releases it. */
	if (!ipsec_shared_lock(d, error) || !choose_daemon(d, error))
		return FALSE;
	ipsec_files_save_state(d);
	if (!write_conf(d, p, error))
		return FALSE;
	if (d->state.daemon == IPSEC_DAEMON_PRIVATE && d->state.pluto_pid <= 0) {
		if (!prepare_private(d, p, cred, error) || !start_private(d, p->gateway, error))
			return FALSE;
		reread_secrets(d);
	} else if (d->state.daemon == IPSEC_DAEMON_PRIVATE) {
		if (!prepare_private(d, p, cred, error) || !ipsec_driver_add_conn(d, error) ||
		    !install_guard(d, p->gateway, error))
			return FALSE;
		reread_secrets(d);
	} else if (!add_to_system(d, p, cred, error) || !install_guard(d, p->gateway, error)) {
		return FALSE;
	}
	ipsec_shared_unlock(d);
	l2c_info(LOG_TAG, "%s: negotiating with %s (%s pluto)", d->conn, p->gateway,
		 d->state.daemon == IPSEC_DAEMON_PRIVATE ? "own" : "system");
	return initiate(d, p, error);
}

static gboolean bring_up(IpsecDriver *d, const struct ipsec_conn_params *params,
			 const struct ipsec_credentials *cred, GError **error)
{
	struct ipsec_conn_params p = *params;
	g_autofree char *gateway = resolve_gateway(params->gateway, error);
	char *ca_dn;
	gboolean ok;

	if (!gateway)
		return FALSE;
	p.gateway = gateway;
	ca_dn = server_ca_dn(params, cred);
	p.remote_ca = ca_dn;
	ok = bring_up_pinned(d, &p, cred, error);
	free(ca_dn);
	return ok;
}

gboolean ipsec_driver_up(IpsecDriver *d, const struct ipsec_conn_params *params,
			 const struct ipsec_credentials *cred, GError **error)
{
	if (!begin(d, params, error))
		return FALSE;
	if (bring_up(d, params, cred, error)) {
		l2c_info(LOG_TAG, "%s: IPsec SA established", d->conn);
		return TRUE;
	}
	if (!d->last_log)
		keep_log(d);
	ipsec_driver_down(d);
	return FALSE;
}

gboolean ipsec_driver_is_up(IpsecDriver *d, guint64 *in_bytes, guint64 *out_bytes)
{
	struct ipsec_exec_result res;
	unsigned long long in = 0, out = 0;
	gboolean up = FALSE;

	if (!d->state.conn_added)
		return FALSE;
	if (ipsec_driver_run(d, SHORT_COMMAND_MS, &res, "whack", "--ctlsocket", d->state.ctl_socket,
			     "--trafficstatus", NULL))
		up = ipsec_trafficstatus_find(res.output, d->conn, &in, &out);
	ipsec_exec_result_clear(&res);
	if (in_bytes)
		*in_bytes = in;
	if (out_bytes)
		*out_bytes = out;
	return up;
}

enum ipsec_failure ipsec_driver_last_failure(IpsecDriver *d)
{
	return d->last_failure;
}

const char *ipsec_driver_last_log(IpsecDriver *d)
{
	return d->last_log;
}

const struct ipsec_saved_state *ipsec_driver_state(IpsecDriver *d)
{
	return &d->state;
}
