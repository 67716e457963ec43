/* The connect direction of the pipeline: one function starts each stage, one handles its
 * result and starts the next. Any failure hands over to l2c_connection_teardown(). */
#include "config.h"

#include "supervisor/connection_private.h"
#include "supervisor/profile_adapters.h"
#include "supervisor/pppd_record.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ppp/ppp_exit_status.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG "connection"

static void start_ipsec(L2cConnection *self);
static void start_l2tp(L2cConnection *self);
static void start_ppp(L2cConnection *self);
static void apply_network(L2cConnection *self);

/* Stops the connect: tears down, then fails the task with `message` prefixed by the stage. */
static void fail_stage(L2cConnection *self, const char *message)
{
	g_autofree char *text = l2c_connection_stage_message(self->stage, message);

	l2c_connection_teardown(self, text);
}

static void fail_stage_error(L2cConnection *self, GError *error)
{
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		/* Cancelled because a disconnect was asked for: that path completes things. */
		return;
	}
	fail_stage(self, error->message);
}

static int ensure_runtime_dir(L2cConnection *self, GError **error)
{
	if (g_mkdir_with_parents(self->runtime_dir, 0700) < 0 || g_chmod(self->runtime_dir, 0700) < 0) {
		int err = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(err),
			    _("cannot create the private state directory %s: %s"),
			    self->runtime_dir, g_strerror(err));
		return -err;
	}
	return 0;
}

/* --- DNS name of the gateway ------------------------------------------------------------ */

static void on_gateway_resolved(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(L2cConnection) self = user_data;
	g_autoptr(GError) error = NULL;
	GList *addresses = g_resolver_lookup_by_name_finish(G_RESOLVER(source), result, &error);

	if (!addresses) {
		if (!g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
			g_autofree char *text = g_strdup_printf(
				_("cannot resolve the gateway %s: %s (check the gateway name and "
				  "your network)"),
				self->profile->vpn.gateway, error->message);
			fail_stage(self, text);
		}
		return;
	}
	/* The IPsec policy, the L2TP socket and the host route all want one numeric address;
	 * the first IPv4 one, as the rest of the pipeline is IPv4 for now. */
	for (GList *l = addresses; l; l = l->next) {
		if (g_inet_address_get_family(l->data) == G_SOCKET_FAMILY_IPV4) {
			self->gateway_address = g_inet_address_to_string(l->data);
			break;
		}
	}
	g_resolver_free_addresses(addresses);
	if (!self->gateway_address) {
		g_autofree char *text = g_strdup_printf(
			_("the gateway %s has no IPv4 address (IPv6 gateways are not supported yet)"),
			self->profile->vpn.gateway);
		fail_stage(self, text);
		return;
	}
	start_ipsec(self);
}

static void resolve_gateway(L2cConnection *self)
{
	const char *gateway = self->profile->vpn.gateway;
	g_autoptr(GResolver) resolver = NULL;

	l2c_connection_set_stage(self, L2C_STAGE_RESOLVE);
	if (g_hostname_is_ip_address(gateway)) {
		if (strchr(gateway, ':')) {
			fail_stage(self, _("IPv6 gateways are not supported yet; use the server's "
					   "IPv4 address or name"));
			return;
		}
		self->gateway_address = g_strdup(gateway);
		start_ipsec(self);
		return;
	}
	resolver = g_resolver_get_default();
	g_resolver_lookup_by_name_async(resolver, gateway, self->cancellable, on_gateway_resolved,
					g_object_ref(self));
}

/* --- IPsec ---------------------------------------------------------------------------------- */

static void on_ipsec_up(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(L2cConnection) self = user_data;
	g_autoptr(GError) error = NULL;
	gboolean up = ipsec_driver_up_finish(self->ipsec, result, &error);

	self->ipsec_pending = FALSE;
	if (self->tearing_down) {
		/* A disconnect came while IKE ran; now the driver can be taken down. */
		l2c_connection_teardown(self, NULL);
		return;
	}
	if (!up) {
		fail_stage_error(self, error);
		return;
	}
	self->ipsec_up = TRUE;
	start_l2tp(self);
}

static GSocket *hold_udp_port(guint16 port, GError **error)
{
	g_autoptr(GInetAddress) any = g_inet_address_new_any(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) local = g_inet_socket_address_new(any, port);
	g_autoptr(GSocket) hold =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);

	if (!hold || !g_socket_bind(hold, local, FALSE, error))
		return NULL;
	return g_steal_pointer(&hold);
}

static guint16 held_port(GSocket *hold)
{
	g_autoptr(GSocketAddress) local = g_socket_get_local_address(hold, NULL);

	return local ? g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(local)) : 0;
}

/* The IPsec policy names L2TP's source port (leftprotoport), so the port is settled before
 * IPsec starts: 1701 as Windows sends from, unless the profile says ephemeral-port or some
 * other socket (xl2tpd, another connection of ours) is bound to it already. */
static void choose_l2tp_port(L2cConnection *self)
{
	g_autoptr(GError) error = NULL;

	self->l2tp_ephemeral = self->profile->vpn.ephemeral_port;
	if (!self->l2tp_ephemeral) {
		self->l2tp_port_hold = hold_udp_port(L2TP_GLIB_DEFAULT_PORT, &error);
		if (!self->l2tp_port_hold) {
			l2c_info(LOG, "%s: local UDP port %u unavailable (%s); L2TP uses an "
				      "ephemeral port",
				 self->name, L2TP_GLIB_DEFAULT_PORT, error ? error->message : "?");
			self->l2tp_ephemeral = TRUE;
		}
	}
	if (self->l2tp_ephemeral)
		self->l2tp_port_hold = hold_udp_port(0, NULL);
	self->l2tp_port = self->l2tp_port_hold ? held_port(self->l2tp_port_hold) : 0;
	if (self->l2tp_ephemeral && self->l2tp_port)
		l2c_info(LOG, "%s: L2TP goes out from local UDP port %u", self->name,
			 self->l2tp_port);
}

static void start_ipsec(L2cConnection *self)
{
	struct ipsec_driver_config config = {.runtime_base = self->runtime_dir};
	struct ipsec_credentials credentials = {0};
	struct ipsec_conn_params params;
	g_autofree char *conn_name = NULL;
	const char *psk;

	if (!self->profile->vpn.ipsec_enabled) {
		start_l2tp(self);
		return;
	}
	l2c_connection_set_stage(self, L2C_STAGE_IPSEC);
	choose_l2tp_port(self);
	conn_name = g_strdup(self->name);
	l2c_profile_to_ipsec_params(self->profile, conn_name, self->gateway_address, &params);
	params.local_port_ephemeral = self->l2tp_ephemeral;
	if (self->l2tp_ephemeral)
		params.local_port = self->l2tp_port;
	if (params.auth == IPSEC_AUTH_PSK) {
		psk = l2c_profile_get_secret(self->profile, L2C_SECRET_IPSEC_PSK);
		if (!psk) {
			fail_stage(self, _("no pre-shared key: set ipsec-psk in the profile or "
					   "supply it when connecting"));
			return;
		}
		credentials.psk = psk;
		credentials.psk_len = strlen(psk);
	} else {
		credentials.p12_path = self->profile->vpn.machine_cert;
		credentials.key_path = self->profile->vpn.machine_key;
		credentials.p12_password =
			l2c_profile_get_secret(self->profile, L2C_SECRET_MACHINE_CERTPASS);
		credentials.ca_path = self->profile->vpn.machine_ca;
		params.cert_nickname = conn_name;
	}
	self->ipsec = ipsec_driver_new(&config);
	/* up_async deep-copies params and credentials before returning. */
	self->ipsec_pending = TRUE;
	ipsec_driver_up_async(self->ipsec, &params, &credentials, self->cancellable, on_ipsec_up,
			      g_object_ref(self));
}

/* --- L2TP tunnel and session ---------------------------------------------------------------- */

#define PPP_EXPLAIN_GRACE_MS 3000
/* pppd's LCP waits this long for the LNS's first Configure-Request (sent as the LNS gets
 * our ICCN) before sending its own; an LNS that waits for us costs no more than this. */
#define PPP_WAIT_PEER_MS 1500

static gboolean on_l2tp_close_grace_over(gpointer user_data)
{
	L2cConnection *self = user_data;
	g_autofree char *reason = g_steal_pointer(&self->l2tp_close_reason);

	self->l2tp_close_grace_id = 0;
	l2c_connection_teardown(self, reason);
	return G_SOURCE_REMOVE;
}

static void on_tunnel_closed(L2tpGlibTunnel *tunnel, gboolean clean, gint cause,
			     const gchar *reason, gpointer user_data)
{
	L2cConnection *self = user_data;
	g_autofree char *text = g_strdup_printf("L2TP: %s", reason);

	/* The tunnel is gone: its close needs no goodbye any more. */
	self->tunnel_closing = TRUE;
	if (self->ppp && ppp_launcher_is_running(self->ppp) && !self->ppp_ip_up &&
	    !self->tearing_down) {
		/* An LNS hangs up the call when PPP authentication fails, often before our
		 * pppd has exited with the reason. */
		self->l2tp_close_reason = g_steal_pointer(&text);
		self->l2tp_close_grace_id =
			g_timeout_add(PPP_EXPLAIN_GRACE_MS, on_l2tp_close_grace_over, self);
		return;
	}
	l2c_connection_teardown(self, text);
}

static void on_tunnel_open(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(L2cConnection) self = user_data;
	g_autoptr(GError) error = NULL;

	if (!l2tp_glib_tunnel_open_finish(self->tunnel, result, &error)) {
		fail_stage_error(self, error);
		return;
	}
	self->tunnel_closed_handler = g_signal_connect(self->tunnel, "closed",
						       G_CALLBACK(on_tunnel_closed), self);
	start_ppp(self);
}

static void start_l2tp(L2cConnection *self)
{
	const char *tunnel_secret = l2c_profile_get_secret(self->profile, L2C_SECRET_TUNNEL);
	g_autoptr(GBytes) secret = NULL;
	L2tpGlibTunnelOptions options = {0};

	l2c_connection_set_stage(self, L2C_STAGE_L2TP);
	if (tunnel_secret && *tunnel_secret)
		secret = g_bytes_new(tunnel_secret, strlen(tunnel_secret));
	options.server = self->gateway_address;
	options.secret = secret;
	options.ephemeral_port = self->profile->vpn.ephemeral_port || self->l2tp_ephemeral;
	options.local_port = self->l2tp_port;
	/* Handed over: the tunnel binds the same port right away. */
	g_clear_object(&self->l2tp_port_hold);
	/* The LNS starts PPP on our ICCN: it is sent once pppd listens (on_ppp_phase_changed). */
	options.confirm_later = TRUE;
	self->tunnel = l2tp_glib_tunnel_new(&options);
	l2tp_glib_tunnel_open_async(self->tunnel, self->cancellable, on_tunnel_open,
				    g_object_ref(self));
}

/* --- data path and pppd -------------------------------------------------------------------- */

static void relay_control_to_tunnel(uint8_t *packet, size_t len, void *user_data)
{
	L2cConnection *self = user_data;

	if (self->tunnel)
		l2tp_glib_tunnel_receive(self->tunnel, packet, len);
}

static int open_userspace_datapath(L2cConnection *self, GError **error)
{
	struct userspace_relay_config config = {0};
	int err = pty_pair_open(&self->pty);

	if (err < 0) {
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(-err),
			    _("cannot open a pty for pppd: %s"), g_strerror(-err));
		return err;
	}
	config.udp_fd = l2tp_glib_tunnel_get_fd(self->tunnel);
	config.pty_fd = self->pty.master_fd;
	config.local_tunnel_id = l2tp_glib_tunnel_get_local_tunnel_id(self->tunnel);
	config.local_session_id = l2tp_glib_tunnel_get_local_session_id(self->tunnel);
	config.peer_tunnel_id = l2tp_glib_tunnel_get_peer_tunnel_id(self->tunnel);
	config.peer_session_id = l2tp_glib_tunnel_get_peer_session_id(self->tunnel);
	config.on_control = relay_control_to_tunnel;
	config.user_data = self;
	err = userspace_relay_new(&config, &self->relay);
	if (err == 0)
		err = userspace_relay_attach(self->relay, NULL);
	if (err < 0) {
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(-err),
			    _("cannot start the userspace data path: %s"), g_strerror(-err));
		return err;
	}
	/* One reader per socket: from now on the relay reads it and passes control messages
	 * on, so the tunnel stops watching it. */
	l2tp_glib_tunnel_set_external_reader(self->tunnel, TRUE);
	self->info.datapath = "userspace";
	return 0;
}

static int open_kernel_datapath(L2cConnection *self)
{
	struct kernel_pppol2tp_ids ids = {
		.local_tunnel_id = l2tp_glib_tunnel_get_local_tunnel_id(self->tunnel),
		.local_session_id = l2tp_glib_tunnel_get_local_session_id(self->tunnel),
		.peer_tunnel_id = l2tp_glib_tunnel_get_peer_tunnel_id(self->tunnel),
		.peer_session_id = l2tp_glib_tunnel_get_peer_session_id(self->tunnel),
	};
	int err = kernel_pppol2tp_open(l2tp_glib_tunnel_get_fd(self->tunnel), &ids, &self->kernel);

	if (err == 0)
		self->info.datapath = "kernel";
	return err;
}

/* Kernel when it can (the fast path), userspace when the kernel lacks l2tp_ppp. */
static int open_datapath(L2cConnection *self, GError **error)
{
	int err;

	if (self->options.datapath == L2C_DATAPATH_USERSPACE)
		return open_userspace_datapath(self, error);
	err = open_kernel_datapath(self);
	if (err == 0)
		return 0;
	if (self->options.datapath == L2C_DATAPATH_AUTO && kernel_pppol2tp_is_unsupported(err)) {
		l2c_info(LOG, "%s: the kernel has no L2TP PPP support (l2tp_ppp); using the "
			      "userspace data path",
			 self->name);
		return open_userspace_datapath(self, error);
	}
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(-err),
		    _("cannot hand the session to the kernel: %s (is the l2tp_ppp module "
		      "loaded?)"),
		    g_strerror(-err));
	return err;
}

/* pppd is attached to the session and about to start LCP: now the LNS may start PPP too,
 * and its first LCP packet finds us listening. */
static void on_ppp_phase_changed(enum ppp_phase phase, void *user_data)
{
	L2cConnection *self = user_data;

	if (phase != PPP_PHASE_ESTABLISH || self->call_confirmed || !self->tunnel)
		return;
	self->call_confirmed = TRUE;
	l2tp_glib_tunnel_confirm_call(self->tunnel);
}

static void on_ppp_auth_result(bool success, enum ppp_auth_method method, void *user_data)
{
	L2cConnection *self = user_data;

	self->ppp_auth_method = method;
	self->ppp_auth_failed = !success;
}

static void on_ppp_ip_up(const struct ppp_plugin_ip_config *config, void *user_data)
{
	L2cConnection *self = user_data;
	g_autoptr(GPtrArray) dns = g_ptr_array_new();
	char text[INET_ADDRSTRLEN];

	self->ppp_ip_up = TRUE;
	l2c_connection_clear_info(self);
	self->info.datapath = self->relay ? "userspace" : "kernel";
	self->info.ifname = g_strdup(config->ifname);
	self->info.local_address = g_strdup(inet_ntop(AF_INET, &config->local, text, sizeof(text)));
	if (config->remote)
		self->info.peer_address =
			g_strdup(inet_ntop(AF_INET, &config->remote, text, sizeof(text)));
	for (size_t i = 0; i < G_N_ELEMENTS(config->dns); i++) {
		if (config->dns[i])
			g_ptr_array_add(dns, g_strdup(inet_ntop(AF_INET, &config->dns[i], text,
								sizeof(text))));
	}
	g_ptr_array_add(dns, NULL);
	self->info.dns = (const char *const *)g_ptr_array_free(g_steal_pointer(&dns), FALSE);
	self->info.gateway_address = g_strdup(self->gateway_address);
	if (self->state == L2C_CONNECTION_CONNECTING)
		apply_network(self);
}

/* Which explanation the user gets when both L2TP and pppd went down. */
static char *ppp_exit_reason(L2cConnection *self, int status, const char *message)
{
	g_autofree char *l2tp_reason = g_steal_pointer(&self->l2tp_close_reason);

	g_clear_handle_id(&self->l2tp_close_grace_id, g_source_remove);
	if (l2tp_reason && status != PPP_EXIT_AUTH_TOPEER_FAILED && !self->ppp_auth_failed)
		return g_steal_pointer(&l2tp_reason);
	return g_strdup_printf("PPP: %s", message);
}

static void on_ppp_exited(int status, const char *message, void *user_data)
{
	L2cConnection *self = user_data;
	g_autofree char *text = NULL;

	self->ppp_stopping = FALSE;
	g_clear_pointer(&self->ppp, ppp_launcher_free);
	l2c_pppd_record_remove(self->runtime_dir, self->name);
	if (self->tearing_down) {
		l2c_connection_teardown(self, NULL);
		return;
	}
	/* pppd went away on its own: the server hung up, LCP echoes failed, or it never came
	 * up. Its exit status (with the method our plugin reported) says which. */
	text = ppp_exit_reason(self, status, message);
	if (self->state == L2C_CONNECTION_CONNECTED)
		l2c_connection_set_stage(self, L2C_STAGE_PPP);
	l2c_connection_teardown(self, text);
}

static const struct ppp_launcher_events ppp_events = {
    .phase_changed = on_ppp_phase_changed,
	.auth_result = on_ppp_auth_result,
	.ip_up = on_ppp_ip_up,
	.exited = on_ppp_exited,
};

static void start_ppp(L2cConnection *self)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *user = l2c_profile_ppp_user(self->profile);
	struct ppp_options options;
	struct ppp_launch launch = {0};

	l2c_connection_set_stage(self, L2C_STAGE_PPP);
	if (open_datapath(self, &error) < 0) {
		fail_stage(self, error->message);
		return;
	}
	l2c_profile_to_ppp_options(self->profile, user, &options);
	options.debug = self->options.debug;
	options.wait_peer_ms = PPP_WAIT_PEER_MS;
	if (self->options.plugin_path)
		options.plugin_path = self->options.plugin_path;
	launch.options = &options;
	launch.pppd_path = self->options.pppd_path;
	if (self->relay) {
		launch.datapath = PPP_DATAPATH_PTY;
		launch.tty_path = self->pty.slave_path;
	} else {
		launch.datapath = PPP_DATAPATH_KERNEL;
		launch.session_fd = self->kernel.session_fd;
	}
	launch.password = l2c_profile_get_secret(self->profile, L2C_SECRET_PASSWORD);
	self->ppp = ppp_launcher_new(&ppp_events, self);
	if (!ppp_launcher_start(self->ppp, &launch, &error)) {
		g_clear_pointer(&self->ppp, ppp_launcher_free);
		fail_stage(self, error->message);
		return;
	}
	l2c_pppd_record_write(self->runtime_dir, self->name, ppp_launcher_get_pid(self->ppp));
}

/* --- routes and DNS ------------------------------------------------------------------------ */

/* One line for users and for `make bench`: where the connect time went. */
static void log_stage_times(L2cConnection *self)
{
	const guint *ms = self->info.stage_ms;
	guint total = 0;

	for (int i = L2C_STAGE_RESOLVE; i < L2C_STAGE_CONNECTED; i++)
		total += ms[i];
	l2c_info(LOG, "%s: connected in %u ms (IPsec %u ms, L2TP %u ms, PPP %u ms, network %u ms)",
		 self->name, total, ms[L2C_STAGE_IPSEC], ms[L2C_STAGE_L2TP], ms[L2C_STAGE_PPP],
		 ms[L2C_STAGE_NETWORK]);
}

static void finish_connected(L2cConnection *self)
{
	GTask *task = g_steal_pointer(&self->connect_task);

	l2c_connection_set_stage(self, L2C_STAGE_CONNECTED);
	self->info.connected_since = g_get_real_time();
	log_stage_times(self);
	l2c_connection_set_state(self, L2C_CONNECTION_CONNECTED, NULL);
	if (task) {
		g_task_return_boolean(task, TRUE);
		g_object_unref(task);
	}
}

static void apply_network(L2cConnection *self)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) routes = NULL;
	g_autofree char *state_path = NULL;
	g_autofree char *detail = NULL;
	struct net_config_request request = {0};
	struct net_config_report report = {0};
	const struct l2c_profile_ipv4 *ipv4 = &self->profile->ipv4;

	l2c_connection_set_stage(self, L2C_STAGE_NETWORK);
	if (l2c_profile_split_routes(self->profile, &routes, &detail) < 0) {
		fail_stage(self, detail);
		return;
	}
	state_path = g_strdup_printf("%s/net-%s.state", self->runtime_dir, self->name);
	self->net = net_config_new(state_path, NULL);
	request.vpn_gateway = self->gateway_address;
	request.ppp_ifname = self->info.ifname;
	request.never_default = ipv4->never_default;
	request.split_routes = (const struct net_split_route *)routes->data;
	request.n_split_routes = routes->len;
	/* Servers from the profile first, then the ones the VPN sent (unless ignored). */
	g_autoptr(GPtrArray) dns = g_ptr_array_new();
	for (char **s = ipv4->dns; s && *s; s++)
		g_ptr_array_add(dns, *s);
	for (const char *const *s = self->info.dns; !ipv4->ignore_auto_dns && s && *s; s++)
		g_ptr_array_add(dns, (char *)*s);
	g_ptr_array_add(dns, NULL);
	request.dns_servers = (const char *const *)dns->pdata;
	request.dns_search = (const char *const *)ipv4->dns_search;
	if (net_config_apply(self->net, &request, &report, &error) < 0) {
		fail_stage(self, error->message);
		return;
	}
	if (report.dns_note) {
		self->info.dns_note = g_strdup(report.dns_note);
		l2c_warn(LOG, "%s", report.dns_note);
	}
	net_config_report_clear(&report);
	finish_connected(self);
}

/* --- entry point ------------------------------------------------------------------------------ */

void l2c_connection_start_stages(L2cConnection *self)
{
	g_autoptr(GError) error = NULL;

	if (ensure_runtime_dir(self, &error) < 0) {
		fail_stage(self, error->message);
		return;
	}
	resolve_gateway(self);
}

void l2c_connection_connect_async(L2cConnection *self, GCancellable *cancellable,
				  GAsyncReadyCallback callback, gpointer user_data)
{
	GTask *task = g_task_new(self, cancellable, callback, user_data);

	g_task_set_source_tag(task, l2c_connection_connect_async);
	if (self->state == L2C_CONNECTION_CONNECTING || self->state == L2C_CONNECTION_CONNECTED ||
	    self->state == L2C_CONNECTION_DISCONNECTING) {
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_BUSY,
					_("%s is already %s"), self->name,
					l2c_connection_state_name(self->state));
		g_object_unref(task);
		return;
	}
	self->connect_task = task;
	self->cancellable = g_cancellable_new();
	self->user_disconnect = FALSE;
	self->tearing_down = FALSE;
	/* A reconnect runs the same object again: what the last attempt saw is history. */
	self->call_confirmed = FALSE;
	self->ppp_ip_up = FALSE;
	self->ppp_auth_failed = FALSE;
	g_clear_pointer(&self->failure, g_free);
	memset(self->info.stage_ms, 0, sizeof(self->info.stage_ms));
	l2c_connection_set_state(self, L2C_CONNECTION_CONNECTING, NULL);
	l2c_connection_start_stages(self);
}

gboolean l2c_connection_connect_finish(L2cConnection *self, GAsyncResult *result, GError **error)
{
	return g_task_propagate_boolean(G_TASK(result), error);
}
