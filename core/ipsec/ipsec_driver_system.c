/* Using the system's pluto: its IKEv1 policy, and handing it our PSK through a file of our
 * own that its ipsec.secrets already includes. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "ipsec/ipsec_driver_private.h"
#include "ipsec/ipsec_preflight.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG "ipsec"

static char *configsetup(IpsecDriver *d)
{
	struct ipsec_exec_result res;
	char *out = NULL;

	/* The system service reads /etc/ipsec.conf, addconn's default. */
	if (ipsec_driver_run(d, 10000, &res, "addconn", "--configsetup", NULL) && res.status == 0)
		out = g_strdup(res.output);
	ipsec_exec_result_clear(&res);
	return out;
}

gboolean ipsec_system_check_ikev1(IpsecDriver *d, GError **error)
{
	g_autofree char *setup = configsetup(d);
	char policy[16];

	/* 0 = accept (4.x prints the enum). Unknown output: let the add itself tell. */
	if (!setup || ipsec_configsetup_value(setup, "ikev1_policy", policy, sizeof(policy)) < 0 ||
	    strcmp(policy, "0") == 0 || strcmp(policy, "accept") == 0)
		return TRUE;
	ipsec_system_set_ikev1_error(error);
	return FALSE;
}

void ipsec_system_set_ikev1_error(GError **error)
{
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SYSTEM_DAEMON,
		    _("IPsec: the running IPsec service refuses IKEv1, which L2TP/IPsec servers "
		      "use. Add 'ikev1-policy=accept' to the 'config setup' section of "
		      "/etc/ipsec.conf and restart the service (systemctl restart ipsec), or stop "
		      "it (systemctl stop ipsec) so that l2tp-connect runs its own."));
}

static char *system_secrets_file(IpsecDriver *d)
{
	g_autofree char *setup = configsetup(d);
	char path[512];

	if (setup && ipsec_configsetup_value(setup, "secretsfile", path, sizeof(path)) == 0 &&
	    path[0] == '/')
		return g_strdup(path);
	return g_strdup("/etc/ipsec.secrets");
}

gboolean ipsec_system_install_secret(IpsecDriver *d, const char *line, GError **error)
{
	g_autofree char *secrets = system_secrets_file(d);
	g_autofree char *secrets_dir = g_path_get_dirname(secrets);
	g_autofree char *text = NULL;
	g_autofree char *name = g_strdup_printf("l2tp-connect-%s.secrets", d->conn);
	g_autofree char *dropin = g_build_filename(d->dropin_dir, name, NULL);
	struct ipsec_exec_result res;

	g_file_get_contents(secrets, &text, NULL, NULL);
	if (!text || !ipsec_secrets_includes(text, secrets_dir, dropin)) {
		g_set_error(
		    error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SYSTEM_DAEMON,
		    _("IPsec: the running IPsec service reads pre-shared keys only from "
		      "%s, which does not include %s/*.secrets. Add the line 'include "
		      "%s/*.secrets' to %s (then: ipsec rereadsecrets), or stop the service "
		      "(systemctl stop ipsec) so that l2tp-connect runs its own."),
		    secrets, d->dropin_dir, d->dropin_dir, secrets);
		return FALSE;
	}
	if (!ipsec_files_write_private(dropin, line, error))
		return FALSE;
	g_strlcpy(d->state.secrets_dropin, dropin, sizeof(d->state.secrets_dropin));
	ipsec_files_save_state(d);
	l2c_info(LOG_TAG, "pre-shared key for %s placed in %s (removed on disconnect)", d->conn,
		 dropin);
	ipsec_driver_run(d, 15000, &res, "whack", "--ctlsocket", d->system_ctl, "--rereadsecrets",
			 NULL);
	ipsec_exec_result_clear(&res);
	return TRUE;
}

void ipsec_system_withdraw_secret(IpsecDriver *d, const char *dropin)
{
	g_autofree char *dir = NULL;
	struct ipsec_exec_result res;

	if (!dropin || !*dropin)
		return;
	/* Only ever a file we named, in the drop-in directory. */
	dir = g_path_get_dirname(dropin);
	if (strcmp(dir, d->dropin_dir) != 0 || !strstr(dropin, "/l2tp-connect-")) {
		l2c_warn(LOG_TAG, _("not removing %s: not one of ours"), dropin);
		return;
	}
	ipsec_files_remove_tree(dropin);
	ipsec_driver_run(d, 15000, &res, "whack", "--ctlsocket", d->system_ctl, "--rereadsecrets",
			 NULL);
	ipsec_exec_result_clear(&res);
}
