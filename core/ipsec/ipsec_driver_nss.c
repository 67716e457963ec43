/* Our pluto's certificate store (an NSS database in the private directory): the profile's CA
 * as the only issuer trusted for the server's certificate, and our certificate and key from
 * PKCS#12 under the nickname the rendered connection names (leftcert). Tools: certutil(1) and
 * pk12util(1) from NSS, which libreswan depends on. A certificate with a separate key file
 * reaches pk12util as a temporary PKCS#12 file (ipsec_pkcs12.c). */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "ipsec/ipsec_certutil.h"
#include "ipsec/ipsec_driver_private.h"
#include "ipsec/ipsec_pkcs12.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG	   "ipsec"
#define NSS_CMD_MS 15000

static char *tool_output(const struct ipsec_exec_result *res)
{
	return g_strstrip(g_strdup(res->output && *res->output ? res->output : _("no output")));
}

static gboolean run_nss_tool(const char *const *argv, char **failure)
{
	struct ipsec_exec_result res;
	gboolean ok = ipsec_exec_run(argv, NSS_CMD_MS, &res, NULL) && res.status == 0;

	if (!ok && failure)
		*failure = tool_output(&res);
	ipsec_exec_result_clear(&res);
	return ok;
}

/* certutil takes PEM with -a and DER without. */
static gboolean is_pem(const char *path, GError **error)
{
	g_autofree char *text = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &text, &len, error))
		return FALSE;
	return g_strstr_len(text, (gssize)len, "-----BEGIN CERTIFICATE-----") != NULL;
}

/* "CT,,": a CA trusted to issue server (C) and client (T) certificates. libreswan accepts a
 * peer certificate only when it chains to a CA trusted in its database. */
gboolean ipsec_nss_import_ca(const char *db, const char *ca_path, const char *nickname,
			     GError **error)
{
	g_autoptr(GError) local = NULL;
	g_autofree char *failure = NULL;
	gboolean pem = is_pem(ca_path, &local);
	const char *argv[] = {"certutil",	 "-A", "-d",   db,   "-n",
			      nickname,		 "-t", "CT,,", "-i", ca_path,
			      pem ? "-a" : NULL, NULL};

	if (local) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG,
			    _("machine-ca: cannot read %s: %s"), ca_path, local->message);
		return FALSE;
	}
	if (run_nss_tool(argv, &failure))
		return TRUE;
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG,
		    _("machine-ca: %s is not a certificate the IPsec certificate store accepts "
		      "(PEM or DER): %s"),
		    ca_path, failure);
	return FALSE;
}

/* pk12util names the certificate after the file's friendly name; the connection names it
 * `nickname`. */
static gboolean rename_user_cert(const char *db, const char *p12_path, const char *nickname,
				 GError **error)
{
	char imported[256];
	const char *list_argv[] = {"certutil", "-L", "-d", db, NULL};
	const char *rename_argv[] = {"certutil", "--rename", "-d",     db,  "-n",
				     imported,	 "--new-n",  nickname, NULL};
	struct ipsec_exec_result res;
	g_autofree char *failure = NULL;
	int r = -ENOENT;

	if (ipsec_exec_run(list_argv, NSS_CMD_MS, &res, NULL) && res.status == 0)
		r = ipsec_certutil_user_nickname(res.output, imported, sizeof(imported));
	ipsec_exec_result_clear(&res);
	if (r < 0) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG,
			    _("machine-cert: %s holds no certificate with its private key"),
			    p12_path);
		return FALSE;
	}
	if (strcmp(imported, nickname) == 0)
		return TRUE;
	if (run_nss_tool(rename_argv, &failure))
		return TRUE;
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
		    _("IPsec: cannot rename the imported certificate \"%s\": %s"), imported,
		    failure);
	return FALSE;
}

gboolean ipsec_nss_import_p12(const char *db, const char *scratch_dir, const char *p12_path,
			      const char *password, const char *nickname, GError **error)
{
	g_autofree char *pwfile = g_build_filename(scratch_dir, "p12.pw", NULL);
	const char *argv[] = {"pk12util", "-i", p12_path, "-d", db, "-w", pwfile, NULL};
	g_autofree char *failure = NULL;
	gboolean ok;

	/* The password goes to pk12util in a 0600 file, never in its argv. */
	if (!ipsec_files_write_private(pwfile, password ? password : "", error))
		return FALSE;
	ok = run_nss_tool(argv, &failure);
	ipsec_files_remove_tree(pwfile);
	if (!ok) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_CONFIG,
			    _("machine-cert: cannot import %s (a PKCS#12 file, or a PEM or DER "
			      "certificate with its key in machine-key, is expected; is "
			      "machine-certpass right?): %s"),
			    p12_path, failure);
		return FALSE;
	}
	return rename_user_cert(db, p12_path, nickname, error);
}

static void set_conversion_error(int r, const char *cert_path, const char *key_path, GError **error)
{
	int code = IPSEC_DRIVER_ERROR_CONFIG;
	g_autofree char *msg = NULL;

	switch (r) {
	case -ENOMSG:
		msg = g_strdup_printf(_("machine-cert: %s is neither a PKCS#12 file nor a PEM or "
					"DER certificate"),
				      cert_path);
		break;
	case -ENOKEY:
		msg = g_strdup_printf(_("machine-key: %s holds no private key (PEM or PKCS#8)"),
				      key_path);
		break;
	case -EKEYREJECTED:
		msg = g_strdup_printf(_("machine-key: %s is encrypted and machine-certpass is "
					"missing or wrong"),
				      key_path);
		break;
	case -EINVAL:
		msg = g_strdup_printf(_("machine-key: %s is not the private key of the "
					"certificate in %s"),
				      key_path, cert_path);
		break;
	case -EIO:
	case -EEXIST:
		code = IPSEC_DRIVER_ERROR_SETUP;
		msg = g_strdup_printf(_("IPsec: cannot prepare the certificate for import: %s"),
				      g_strerror(-r));
		break;
	default:
		msg = g_strdup_printf(_("machine-cert: cannot read %s or %s: %s"), cert_path,
				      key_path, g_strerror(-r));
		break;
	}
	g_set_error_literal(error, IPSEC_DRIVER_ERROR, code, msg);
}

/* pk12util reads only PKCS#12, so a certificate with a separate key becomes one first, in
 * our 0700 directory, under a random password that only pk12util's password file carries. */
static gboolean import_converted(const char *db, const char *scratch_dir, const char *cert_path,
				 const char *key_path, const char *key_password,
				 const char *nickname, GError **error)
{
	g_autofree char *p12 = g_build_filename(scratch_dir, "machine.p12", NULL);
	char password[33];
	gboolean ok;
	int r = ipsec_pkcs12_random_password(password, sizeof(password));

	if (r == 0) {
		/* A leftover of a crash would make the exclusive create fail. */
		ipsec_files_remove_tree(p12);
		r = ipsec_pkcs12_from_pem(cert_path, key_path, key_password, password, nickname,
					  p12);
	}
	if (r < 0) {
		explicit_bzero(password, sizeof(password));
		set_conversion_error(r, cert_path, key_path, error);
		return FALSE;
	}
	ok = ipsec_nss_import_p12(db, scratch_dir, p12, password, nickname, error);
	explicit_bzero(password, sizeof(password));
	ipsec_files_remove_tree(p12);
	return ok;
}

gboolean ipsec_nss_import_machine_cert(const char *db, const char *scratch_dir,
				       const char *cert_path, const char *key_path,
				       const char *password, const char *nickname, GError **error)
{
	if (ipsec_pkcs12_is_pkcs12(cert_path))
		return ipsec_nss_import_p12(db, scratch_dir, cert_path, password, nickname, error);
	if (!key_path || !*key_path)
		key_path = cert_path; /* a PEM file with both */
	return import_converted(db, scratch_dir, cert_path, key_path, password, nickname, error);
}
