/* The way back: routes and DNS, pppd, the data path, the L2TP session and tunnel (CDN,
 * StopCCN), the IPsec SA — newest first, each only if it got that far. Each step either
 * finishes at once or waits for its callback, which calls l2c_connection_teardown() again;
 * the walk ends when nothing is left. */
#include "config.h"

#include "supervisor/connection_private.h"
#include "supervisor/pppd_record.h"

#include "util/i18n.h"
#include "util/log.h"

#define LOG "connection"

static void undo_network(L2cConnection *self)
{
	g_autoptr(GError) error = NULL;

	if (!self->net)
		return;
	if (net_config_undo(self->net, &error) < 0)
		l2c_warn(LOG, _("%s: could not restore routes or DNS: %s"), self->name,
			 error->message);
	g_clear_pointer(&self->net, net_config_free);
}

/* How the relay batched: frames per system call on each side, for tuning (l2tp-connect -v). */
static void log_relay_stats(L2cConnection *self)
{
	struct userspace_relay_stats s;

	userspace_relay_get_stats(self->relay, &s);
	l2c_info(LOG,
		 "%s: relay: to the LNS %" G_GUINT64_FORMAT " frames, %" G_GUINT64_FORMAT
		 " pty reads, %" G_GUINT64_FORMAT " sendmmsg, %" G_GUINT64_FORMAT
		 " dropped; from the LNS %" G_GUINT64_FORMAT " frames, %" G_GUINT64_FORMAT
		 " recvmmsg, %" G_GUINT64_FORMAT " pty writes, %" G_GUINT64_FORMAT
		 " dropped; %" G_GUINT64_FORMAT " bad frames from pppd",
		 self->name, s.tx_packets, s.pty_reads, s.udp_sends, s.tx_dropped, s.rx_packets,
		 s.udp_receives, s.pty_writes, s.rx_dropped,
		 s.hdlc.bad_fcs + s.hdlc.too_long + s.hdlc.too_short + s.hdlc.aborted);
}

static void close_datapath(L2cConnection *self)
{
	if (self->relay) {
		log_relay_stats(self);
		userspace_relay_free(self->relay);
		self->relay = NULL;
		if (self->tunnel)
			l2tp_glib_tunnel_set_external_reader(self->tunnel, FALSE);
	}
	if (self->pty.master_fd >= 0 || self->pty.slave_fd >= 0)
		pty_pair_close(&self->pty);
	if (self->kernel.tunnel_fd >= 0 || self->kernel.session_fd >= 0)
		kernel_pppol2tp_close(&self->kernel);
}

static void on_tunnel_closed_for_teardown(GObject *source, GAsyncResult *result,
					  gpointer user_data)
{
	g_autoptr(L2cConnection) self = user_data;
	g_autoptr(GError) error = NULL;

	if (!l2tp_glib_tunnel_close_finish(L2TP_GLIB_TUNNEL(source), result, &error))
		l2c_info(LOG, "%s: L2TP close: %s", self->name, error->message);
	g_clear_object(&self->tunnel);
	l2c_connection_teardown(self, NULL);
}

static void drop_tunnel_signal(L2cConnection *self)
{
	if (self->tunnel && self->tunnel_closed_handler) {
		g_signal_handler_disconnect(self->tunnel, self->tunnel_closed_handler);
		self->tunnel_closed_handler = 0;
	}
}

/* Returns TRUE when it had to wait for the tunnel's goodbye. */
static gboolean close_tunnel(L2cConnection *self)
{
	if (!self->tunnel)
		return FALSE;
	drop_tunnel_signal(self);
	if (self->tunnel_closing) {
		/* The peer already closed it (StopCCN or dead): nothing to say goodbye to. */
		g_clear_object(&self->tunnel);
		self->tunnel_closing = FALSE;
		return FALSE;
	}
	self->tunnel_closing = TRUE;
	l2tp_glib_tunnel_close_async(self->tunnel, NULL, on_tunnel_closed_for_teardown,
				     g_object_ref(self));
	return TRUE;
}

static void bring_ipsec_down(L2cConnection *self)
{
	g_clear_object(&self->l2tp_port_hold);
	if (!self->ipsec)
		return;
	/* Also after a failed up: the driver removes whatever it had created. */
	ipsec_driver_down(self->ipsec);
	g_clear_pointer(&self->ipsec, ipsec_driver_free);
	self->ipsec_up = FALSE;
}

static void complete_tasks(L2cConnection *self)
{
	GTask *connect = g_steal_pointer(&self->connect_task);
	g_autoptr(GPtrArray) waiting = g_steal_pointer(&self->disconnect_tasks);

	if (connect) {
		if (self->failure)
			g_task_return_new_error(connect, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
						self->failure);
		else
			g_task_return_new_error(connect, G_IO_ERROR, G_IO_ERROR_CANCELLED,
						_("the connection was cancelled"));
		g_object_unref(connect);
	}
	for (guint i = 0; waiting && i < waiting->len; i++)
		g_task_return_boolean(waiting->pdata[i], TRUE);
}

static void finish_teardown(L2cConnection *self)
{
	gboolean failed = self->failure && !self->user_disconnect;

	self->tearing_down = FALSE;
	g_clear_object(&self->cancellable);
	g_clear_pointer(&self->gateway_address, g_free);
	l2c_connection_clear_info(self);
	l2c_connection_set_stage(self, L2C_STAGE_NONE);
	l2c_connection_set_state(self, failed ? L2C_CONNECTION_FAILED : L2C_CONNECTION_DISCONNECTED,
				 failed ? self->failure : NULL);
	complete_tasks(self);
}

void l2c_connection_teardown(L2cConnection *self, const char *reason)
{
	g_object_ref(self);
	if (reason && !self->failure) {
		self->failure = g_strdup(reason);
		l2c_error(LOG, "%s", reason);
	}
	g_clear_handle_id(&self->l2tp_close_grace_id, g_source_remove);
	g_clear_pointer(&self->l2tp_close_reason, g_free);
	if (!self->tearing_down) {
		self->tearing_down = TRUE;
		l2c_connection_set_state(self, L2C_CONNECTION_DISCONNECTING, reason);
		if (self->cancellable)
			g_cancellable_cancel(self->cancellable);
	}
	undo_network(self);
	if (self->ppp && ppp_launcher_is_running(self->ppp)) {
		/* pppd hangs up LCP cleanly on SIGTERM; on_ppp_exited continues the walk. */
		if (!self->ppp_stopping) {
			self->ppp_stopping = TRUE;
			ppp_launcher_stop(self->ppp);
		}
		goto out;
	}
	g_clear_pointer(&self->ppp, ppp_launcher_free);
	close_datapath(self);
	if (close_tunnel(self))
		goto out;
	if (self->ipsec_pending)
		goto out; /* on_ipsec_up continues once the worker is done */
	bring_ipsec_down(self);
	finish_teardown(self);
out:
	g_object_unref(self);
}

void l2c_connection_disconnect_async(L2cConnection *self, GCancellable *cancellable,
				     GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = g_task_new(self, cancellable, callback, user_data);

	g_task_set_source_tag(task, l2c_connection_disconnect_async);
	if (self->state == L2C_CONNECTION_DISCONNECTED || self->state == L2C_CONNECTION_FAILED) {
		g_task_return_boolean(task, TRUE);
		g_object_unref(task);
		return;
	}
	if (!self->disconnect_tasks)
		self->disconnect_tasks = g_ptr_array_new_with_free_func(g_object_unref);
	g_ptr_array_add(self->disconnect_tasks, task);
	if (!self->tearing_down)
		self->user_disconnect = TRUE;
	l2c_connection_teardown(self, NULL);
}

void l2c_connection_disconnect_finish(L2cConnection *self, GAsyncResult *result)
{
	g_task_propagate_boolean(G_TASK(result), NULL);
}

void l2c_connection_release_all(L2cConnection *self)
{
	g_clear_handle_id(&self->l2tp_close_grace_id, g_source_remove);
	g_clear_pointer(&self->l2tp_close_reason, g_free);
	if (self->net)
		undo_network(self);
	if (self->ppp) {
		g_clear_pointer(&self->ppp, ppp_launcher_free); /* kills and reaps pppd */
		l2c_pppd_record_remove(self->runtime_dir, self->name);
	}
	close_datapath(self);
	drop_tunnel_signal(self);
	g_clear_object(&self->tunnel);
	bring_ipsec_down(self);
	g_clear_object(&self->cancellable);
	g_clear_pointer(&self->disconnect_tasks, g_ptr_array_unref);
}
