/* The libreswan driver: brings one L2TP/IPsec transport SA up and takes it down again, leaving
 * nothing behind.
 *
 * Which IKE daemon:
 *  - a system pluto answers on /run/pluto/pluto.ctl → our connection is added to it through
 *    that socket, and the PSK goes into a file of our own in /etc/ipsec.d/ that the system's
 *    ipsec.secrets already includes (Debian's default includes every
 *    /etc/ipsec.d/NAME.secrets). If it
 *    includes no such path we stop with a message saying what to add; /etc/ipsec.secrets is
 *    never edited. The system service is never restarted.
 *  - no IKE daemon, nothing on UDP 500/4500 and no XFRM state or policy → our own pluto with
 *    every file in a private 0700 directory. pluto flushes all XFRM state when it starts and
 *    stops, which is only acceptable because we checked that none was there.
 *  - anything else (strongSwan, foreign XFRM state) → refused, naming what is in the way.
 *
 * Threading: every call blocks (it runs libreswan's tools) except ipsec_driver_up_async();
 * use one driver from one thread at a time. The supervisor calls up_async from the main loop. */
#pragma once

#include <gio/gio.h>

#include "ipsec/ipsec_conn.h"
#include "ipsec/ipsec_diagnose.h"
#include "ipsec/ipsec_state.h"

#define IPSEC_DRIVER_ERROR ipsec_driver_error_quark()
GQuark ipsec_driver_error_quark(void);

enum ipsec_driver_error {
	IPSEC_DRIVER_ERROR_NOT_INSTALLED, /* no libreswan (or strongSwan's `ipsec`) */
	IPSEC_DRIVER_ERROR_CONFIG,	  /* a profile value is invalid; see the field */
	IPSEC_DRIVER_ERROR_BLOCKED,	  /* another IKE daemon or foreign XFRM state */
	IPSEC_DRIVER_ERROR_SYSTEM_DAEMON, /* the system pluto cannot take our connection */
	IPSEC_DRIVER_ERROR_SETUP,	  /* files, processes, iptables */
	IPSEC_DRIVER_ERROR_NEGOTIATION,	  /* IKE/ESP failed; ipsec_driver_last_failure() says how */
};

enum ipsec_daemon_choice {
	IPSEC_USE_AUTO = 0,
	IPSEC_USE_PRIVATE,
	IPSEC_USE_SYSTEM,
};

/* NULL/0 fields take the defaults shown. */
struct ipsec_driver_config {
	const char *runtime_base;	/* "/run/l2tp-connect" */
	const char *ipsec;		/* "ipsec" (looked up in PATH) */
	const char *system_ctl_socket;	/* "/run/pluto/pluto.ctl" */
	const char *secrets_dropin_dir; /* "/etc/ipsec.d" */
	enum ipsec_daemon_choice daemon;
	gboolean no_leak_protection; /* tests only: skip the iptables guard */
	unsigned whack_timeout;	     /* seconds; 0 = 2 × retransmit timeout + 15 */
};

/* Secrets for this connection only; copied as needed, never logged. */
struct ipsec_credentials {
	const void *psk; /* auth = PSK */
	size_t psk_len;
	/* auth = CERT, private pluto: imported into our NSS db. A PKCS#12 file, or a PEM or DER
	 * certificate whose private key (PEM or PKCS#8) is in key_path (NULL: in the same file).
	 * p12_password opens the PKCS#12 file or an encrypted key; it may be NULL. */
	const char *p12_path;
	const char *key_path;
	const char *p12_password;
	/* auth = CERT: the CA (PEM or DER) that must have issued the server's certificate; it is
	 * the only issuer our pluto trusts. Not a secret. */
	const char *ca_path;
};

typedef struct _IpsecDriver IpsecDriver;

/* Copies the config. Free with ipsec_driver_free(), which does not tear down: call
 * ipsec_driver_down() first. */
IpsecDriver *ipsec_driver_new(const struct ipsec_driver_config *config);
void ipsec_driver_free(IpsecDriver *driver);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpsecDriver, ipsec_driver_free)

/* `ipsec --version` and `ipsec algparse`: the version, command dialect and whether modp1024
 * exists. Cached after the first success. */
gboolean ipsec_driver_probe(IpsecDriver *driver, struct ipsec_caps *caps, GError **error);

/* Everything up to an established ESP transport SA, confirmed by --trafficstatus. The
 * profile's params->name is used as "l2c-NAME" inside libreswan. On failure everything
 * created so far is removed again and `error` carries the user-facing sentence. */
gboolean ipsec_driver_up(IpsecDriver *driver, const struct ipsec_conn_params *params,
			 const struct ipsec_credentials *credentials, GError **error);

/* The same in a worker thread. params/credentials are deep-copied before returning. */
void ipsec_driver_up_async(IpsecDriver *driver, const struct ipsec_conn_params *params,
			   const struct ipsec_credentials *credentials, GCancellable *cancellable,
			   GAsyncReadyCallback callback, gpointer user_data);
gboolean ipsec_driver_up_finish(IpsecDriver *driver, GAsyncResult *result, GError **error);

/* Deletes the connection, stops our pluto or withdraws our secret from the system one,
 * removes the leak rules and every file. Idempotent. */
void ipsec_driver_down(IpsecDriver *driver);

/* Whether the SA is still listed by whack --trafficstatus; byte counters when it is. */
gboolean ipsec_driver_is_up(IpsecDriver *driver, guint64 *in_bytes, guint64 *out_bytes);

/* After a failed up(): the kind, and pluto's log (own pluto only; NULL otherwise). */
enum ipsec_failure ipsec_driver_last_failure(IpsecDriver *driver);
const char *ipsec_driver_last_log(IpsecDriver *driver);

/* What is recorded for the connection now (daemon kind, chains, pid, ...). */
const struct ipsec_saved_state *ipsec_driver_state(IpsecDriver *driver);

/* Crash recovery: undoes what <runtime_base>/ipsec-NAME/state records (all connections when
 * `name` is NULL). Returns how many were cleaned. */
int ipsec_driver_cleanup_saved(const struct ipsec_driver_config *config, const char *name);
