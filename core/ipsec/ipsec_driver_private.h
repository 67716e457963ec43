/* Shared between the driver's files; not for other modules. */
#pragma once

#include "ipsec/ipsec_driver.h"
#include "ipsec/ipsec_exec.h"
#include "ipsec/ipsec_leakguard.h"
#include "ipsec/ipsec_pluto.h"

struct _IpsecDriver {
	char *runtime_base;
	char *ipsec;
	char *system_ctl;
	char *dropin_dir;
	enum ipsec_daemon_choice daemon;
	gboolean no_leak_protection;
	unsigned whack_timeout;

	struct ipsec_caps caps;
	gboolean probed;

	/* the connection being brought up or up */
	char conn[IPSEC_CONN_NAME_MAX + 8]; /* "l2c-" + profile name */
	struct ipsec_saved_state state;
	struct ipsec_leakguard guard;
	struct ipsec_pluto pluto; /* our pluto, when this connection started it */
	int lock_fd;		  /* ipsec_shared_lock() held; -1 = not */
	char *cert_nickname;	  /* imported into our pluto's store; removed at the end */
	enum ipsec_failure last_failure;
	char *last_log;
	/* Borrowed while ipsec_driver_up_async's worker runs: a disconnect then stops the wait for
	 * the server at once instead of after the whack deadline. */
	GCancellable *cancellable;
};

/* `ipsec ARGS...` with the driver's ipsec binary; NULL-terminated varargs. */
gboolean ipsec_driver_run(IpsecDriver *d, unsigned timeout_ms, struct ipsec_exec_result *res,
			  ...) G_GNUC_NULL_TERMINATED;

/* Host checks (ipsec_driver_host.c). */
gboolean ipsec_host_system_pluto_answers(IpsecDriver *d);
gboolean ipsec_host_private_pluto_possible(IpsecDriver *d, GError **error);
gboolean ipsec_host_has_nd_bypass(void);
void ipsec_host_remove_nd_bypass(void);
void ipsec_host_remove_gateway_xfrm(const char *gateway);

/* Our pluto shared by our connections (ipsec_driver_shared.c). */
char *ipsec_shared_dir(IpsecDriver *d);
char *ipsec_shared_path(IpsecDriver *d, const char *name);
gboolean ipsec_shared_lock(IpsecDriver *d, GError **error);
void ipsec_shared_unlock(IpsecDriver *d);
int ipsec_shared_pluto_pid(IpsecDriver *d);
/* Fresh directory, secrets file and NSS store for a pluto about to start. */
gboolean ipsec_shared_prepare(IpsecDriver *d, gboolean nd_bypass_ours, GError **error);
gboolean ipsec_shared_nd_bypass_ours(IpsecDriver *d);
gboolean ipsec_shared_has_other_users(IpsecDriver *d, const char *own_dir);
/* Stops `started` (our child) or else the pluto `pid`; removes the directory. */
void ipsec_shared_stop(IpsecDriver *d, struct ipsec_pluto *started, int pid, const char *gateway);
void ipsec_shared_forget_cert(IpsecDriver *d, const char *nickname);

/* Adds the connection in the state directory's ipsec.conf to the pluto at ctl_socket. */
gboolean ipsec_driver_add_conn(IpsecDriver *d, GError **error);

/* The system pluto (ipsec_driver_system.c). */
gboolean ipsec_system_check_ikev1(IpsecDriver *d, GError **error);
void ipsec_system_set_ikev1_error(GError **error);
gboolean ipsec_system_install_secret(IpsecDriver *d, const char *secrets_line, GError **error);
void ipsec_system_withdraw_secret(IpsecDriver *d, const char *dropin);

/* The private pluto's NSS database `db` ("sql:DIR"), in ipsec_driver_nss.c. The PKCS#12
 * password passes through a file in `scratch_dir` that is removed at once. */
/* `nickname` only has to be unique in the store: nothing refers to it. */
gboolean ipsec_nss_import_ca(const char *db, const char *ca_path, const char *nickname,
			     GError **error);
gboolean ipsec_nss_import_p12(const char *db, const char *scratch_dir, const char *p12_path,
			      const char *password, const char *nickname, GError **error);
/* `cert_path` as PKCS#12 (key_path ignored), or a PEM/DER certificate with its key in
 * `key_path` (NULL: the same file), the key decrypted with `password` when encrypted. */
gboolean ipsec_nss_import_machine_cert(const char *db, const char *scratch_dir,
				       const char *cert_path, const char *key_path,
				       const char *password, const char *nickname, GError **error);

/* Files (ipsec_driver_files.c). */
gboolean ipsec_files_make_dir(const char *path, GError **error);
gboolean ipsec_files_write_private(const char *path, const char *contents, GError **error);
void ipsec_files_remove_tree(const char *dir);
void ipsec_files_save_state(IpsecDriver *d);
