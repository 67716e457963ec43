/* One VPN connection, from profile to "connected" and back: the pipeline of
 * ARCHITECTURE.md driven on the thread-default main context.
 *
 *   resolve gateway → IPsec SA (libreswan) → L2TP tunnel + session → data path
 *   (kernel PPPoL2TP, or the userspace relay) → pppd + our plugin → routes + DNS
 *
 * Teardown walks back exactly as far as the connect got, whether it was asked for, a stage
 * failed, or the peer went away. The daemon owns one per active connection; the CLI's
 * --foreground mode owns one directly. */
#pragma once

#include <gio/gio.h>

#include "profile/profile.h"

G_BEGIN_DECLS

typedef enum {
	L2C_CONNECTION_DISCONNECTED = 0,
	L2C_CONNECTION_CONNECTING,
	L2C_CONNECTION_CONNECTED,
	L2C_CONNECTION_DISCONNECTING,
	L2C_CONNECTION_FAILED,
} L2cConnectionState;

typedef enum {
	L2C_STAGE_NONE = 0,
	L2C_STAGE_RESOLVE,
	L2C_STAGE_IPSEC,
	L2C_STAGE_L2TP,
	L2C_STAGE_PPP,
	L2C_STAGE_NETWORK,
	L2C_STAGE_CONNECTED,
	L2C_STAGE_COUNT,
} L2cStage;

/* Which data path carries PPP frames. */
typedef enum {
	L2C_DATAPATH_AUTO = 0, /* kernel when it has l2tp_ppp, else userspace */
	L2C_DATAPATH_KERNEL,
	L2C_DATAPATH_USERSPACE,
} L2cDatapath;

typedef struct {
	const char *runtime_dir;   /* private 0700 state dir; NULL: /run/l2tp-connect */
	const char *pppd_path;	   /* NULL: /usr/sbin/pppd */
	const char *plugin_path;   /* NULL: the installed plugin */
	L2cDatapath datapath;
	gboolean debug;		   /* pppd's packet log */
} L2cConnectionOptions;

/* What a connected connection looks like, for status lines and D-Bus. Strings owned by the
 * connection; valid until the next state change. */
typedef struct {
	const char *ifname;
	const char *local_address;
	const char *peer_address;
	const char *const *dns; /* NULL-terminated */
	const char *gateway_address;
	const char *datapath; /* "kernel" or "userspace" */
	const char *dns_note; /* why DNS was not configured, or NULL */
	gint64 connected_since; /* g_get_real_time() microseconds, 0 when not connected */
	/* Milliseconds each stage took in the last connect (0 when skipped). */
	guint stage_ms[L2C_STAGE_COUNT];
} L2cConnectionInfo;

#define L2C_TYPE_CONNECTION (l2c_connection_get_type())
G_DECLARE_FINAL_TYPE(L2cConnection, l2c_connection, L2C, CONNECTION, GObject)

/* Signals:
 *   "state-changed" (guint state, const gchar *reason): every state change; `reason` is a
 *   translated sentence for FAILED and for a disconnect the connection did not ask for.
 *   "stage-changed" (guint stage): progress while connecting. */

/* Takes ownership of `profile` (with its supplied secrets). `options` is copied. */
L2cConnection *l2c_connection_new(struct l2c_profile *profile, const L2cConnectionOptions *options);

/* Connects; finishes when connected or failed. On failure everything set up so far is
 * gone again before the callback runs, and the error message names the failing stage and
 * what to try. */
void l2c_connection_connect_async(L2cConnection *self, GCancellable *cancellable,
				  GAsyncReadyCallback callback, gpointer user_data);
gboolean l2c_connection_connect_finish(L2cConnection *self, GAsyncResult *result, GError **error);

/* Tears everything down (also aborts a connect in progress). Never fails: what could not be
 * undone is logged. */
void l2c_connection_disconnect_async(L2cConnection *self, GCancellable *cancellable,
				     GAsyncReadyCallback callback, gpointer user_data);
void l2c_connection_disconnect_finish(L2cConnection *self, GAsyncResult *result);

L2cConnectionState l2c_connection_get_state(L2cConnection *self);
L2cStage l2c_connection_get_stage(L2cConnection *self);
const L2cConnectionInfo *l2c_connection_get_info(L2cConnection *self);
const struct l2c_profile *l2c_connection_get_profile(L2cConnection *self);
/* Bytes through the PPP interface (0 when not connected). */
void l2c_connection_get_traffic(L2cConnection *self, guint64 *rx_bytes, guint64 *tx_bytes);

const char *l2c_connection_state_name(L2cConnectionState state); /* "connected", … */
const char *l2c_stage_name(L2cStage stage);			 /* "IPsec", "L2TP", … */

G_END_DECLS
