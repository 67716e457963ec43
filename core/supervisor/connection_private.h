/* What the connection's files share: the object's fields and the internal steps. */
#pragma once

#include "supervisor/connection.h"

#include "datapath/kernel_pppol2tp.h"
#include "datapath/pty.h"
#include "datapath/userspace_relay.h"
#include "ipsec/ipsec_driver.h"
#include "l2tp/l2tp_glib_tunnel.h"
#include "net/net_config.h"
#include "ppp/ppp_launcher.h"

#define L2C_DEFAULT_RUNTIME_DIR "/run/l2tp-connect"

struct _L2cConnection {
	GObject parent;

	struct l2c_profile *profile; /* owned */
	char *name;
	L2cConnectionOptions options; /* strings owned */
	char *runtime_dir;	      /* base of our private state */

	L2cConnectionState state;
	L2cStage stage;
	gint64 stage_started_us;
	L2cConnectionInfo info; /* strings owned */

	GTask *connect_task;	   /* while connecting */
	GCancellable *cancellable; /* cancels the stage in progress */
	GPtrArray *disconnect_tasks;
	char *failure; /* why we are tearing down, when it was not asked for */
	gboolean user_disconnect;

	/* What is up, in pipeline order; teardown undoes it backwards. */
	char *gateway_address;
	/* L2TP's local UDP port, chosen before IPsec (whose policy names it) and held from
	 * then until the L2TP socket binds it, so that nothing else takes it meanwhile: 1701,
	 * or an ephemeral one (l2tp_ephemeral) when asked for or when 1701 is taken. */
	GSocket *l2tp_port_hold;
	guint16 l2tp_port; /* 0: none could be held */
	gboolean l2tp_ephemeral;
	IpsecDriver *ipsec;
	gboolean ipsec_pending; /* up_async runs in a worker thread */
	gboolean ipsec_up;
	L2tpGlibTunnel *tunnel;
	gulong tunnel_closed_handler;
	gboolean tunnel_closing;
	/* The L2TP session went down while pppd was still negotiating: pppd's own exit (an
	 * authentication failure, say) usually explains it better, so it gets a moment. */
	char *l2tp_close_reason;
	guint l2tp_close_grace_id;
	struct kernel_pppol2tp kernel;
	struct pty_pair pty;
	struct userspace_relay *relay;
	struct ppp_launcher *ppp;
	gboolean ppp_stopping;
	gboolean ppp_ip_up;
	gboolean call_confirmed; /* ICCN sent once pppd listens on the session */
	gboolean ppp_auth_failed;
	enum ppp_auth_method ppp_auth_method;
	struct net_config *net;
	gboolean tearing_down;
};

void l2c_connection_set_state(L2cConnection *self, L2cConnectionState state, const char *reason);
void l2c_connection_set_stage(L2cConnection *self, L2cStage stage);
void l2c_connection_clear_info(L2cConnection *self);
char *l2c_connection_stage_message(L2cStage stage, const char *message);

/* connection_up.c */
void l2c_connection_start_stages(L2cConnection *self);

/* connection_down.c: starts (or continues) the walk back. `reason` NULL for a disconnect
 * that was asked for. Completes the pending tasks when everything is down. */
void l2c_connection_teardown(L2cConnection *self, const char *reason);
/* Synchronous best effort for dispose: kills what is left without the protocol's goodbyes. */
void l2c_connection_release_all(L2cConnection *self);
