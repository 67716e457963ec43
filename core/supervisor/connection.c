#include "config.h"

#include "supervisor/connection.h"
#include "supervisor/connection_private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/log.h"

#define LOG "connection"

G_DEFINE_TYPE(L2cConnection, l2c_connection, G_TYPE_OBJECT)

enum { SIGNAL_STATE_CHANGED, SIGNAL_STAGE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

const char *l2c_connection_state_name(L2cConnectionState state)
{
	static const char *const names[] = {
		[L2C_CONNECTION_DISCONNECTED] = "disconnected",
		[L2C_CONNECTION_CONNECTING] = "connecting",
		[L2C_CONNECTION_CONNECTED] = "connected",
		[L2C_CONNECTION_DISCONNECTING] = "disconnecting",
		[L2C_CONNECTION_FAILED] = "failed",
	};
	return (unsigned)state < G_N_ELEMENTS(names) ? names[state] : "unknown";
}

const char *l2c_stage_name(L2cStage stage)
{
	static const char *const names[] = {
		[L2C_STAGE_NONE] = "none",	 [L2C_STAGE_RESOLVE] = "DNS",
		[L2C_STAGE_IPSEC] = "IPsec",	 [L2C_STAGE_L2TP] = "L2TP",
		[L2C_STAGE_PPP] = "PPP",	 [L2C_STAGE_NETWORK] = "network",
		[L2C_STAGE_CONNECTED] = "connected",
	};
	return (unsigned)stage < G_N_ELEMENTS(names) ? names[stage] : "unknown";
}

void l2c_connection_set_state(L2cConnection *self, L2cConnectionState state, const char *reason)
{
	if (self->state == state)
		return;
	self->state = state;
	l2c_info(LOG, "%s: %s%s%s", self->name, l2c_connection_state_name(state),
		 reason ? ": " : "", reason ? reason : "");
	g_signal_emit(self, signals[SIGNAL_STATE_CHANGED], 0, (guint)state, reason);
}

/* Closes the timing of the stage that ends and starts the next one. */
void l2c_connection_set_stage(L2cConnection *self, L2cStage stage)
{
	gint64 now = g_get_monotonic_time();

	if (self->stage == stage)
		return;
	if (self->stage != L2C_STAGE_NONE && self->stage < L2C_STAGE_COUNT)
		self->info.stage_ms[self->stage] = (guint)((now - self->stage_started_us) / 1000);
	self->stage = stage;
	self->stage_started_us = now;
	if (stage != L2C_STAGE_NONE && stage != L2C_STAGE_CONNECTED)
		l2c_debug(LOG, "%s: stage %s", self->name, l2c_stage_name(stage));
	g_signal_emit(self, signals[SIGNAL_STAGE_CHANGED], 0, (guint)stage);
}

static void l2c_connection_dispose(GObject *object)
{
	L2cConnection *self = L2C_CONNECTION(object);

	/* Whoever drops the last reference without disconnecting still gets nothing left
	 * behind: the synchronous parts of teardown run here. */
	l2c_connection_release_all(self);
	G_OBJECT_CLASS(l2c_connection_parent_class)->dispose(object);
}

static void l2c_connection_finalize(GObject *object)
{
	L2cConnection *self = L2C_CONNECTION(object);

	l2c_connection_clear_info(self);
	g_free(self->name);
	g_free(self->runtime_dir);
	g_free((char *)self->options.runtime_dir);
	g_free((char *)self->options.pppd_path);
	g_free((char *)self->options.plugin_path);
	g_free(self->gateway_address);
	g_free(self->failure);
	l2c_profile_free(self->profile);
	G_OBJECT_CLASS(l2c_connection_parent_class)->finalize(object);
}

static void l2c_connection_class_init(L2cConnectionClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = l2c_connection_dispose;
	object_class->finalize = l2c_connection_finalize;
	signals[SIGNAL_STATE_CHANGED] =
		g_signal_new("state-changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			     NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
	signals[SIGNAL_STAGE_CHANGED] =
		g_signal_new("stage-changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			     NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void l2c_connection_init(L2cConnection *self)
{
	self->kernel.tunnel_fd = -1;
	self->kernel.session_fd = -1;
	self->pty.master_fd = -1;
	self->pty.slave_fd = -1;
}

L2cConnection *l2c_connection_new(struct l2c_profile *profile, const L2cConnectionOptions *options)
{
	L2cConnection *self = g_object_new(L2C_TYPE_CONNECTION, NULL);
	static const L2cConnectionOptions defaults;

	if (!options)
		options = &defaults;
	self->profile = profile;
	self->name = g_strdup(profile->name ? profile->name
			      : profile->connection.id ? profile->connection.id
						       : "vpn");
	self->options = *options;
	self->options.runtime_dir = g_strdup(options->runtime_dir);
	self->options.pppd_path = g_strdup(options->pppd_path);
	self->options.plugin_path = g_strdup(options->plugin_path);
	self->runtime_dir = g_build_filename(
		options->runtime_dir ? options->runtime_dir : L2C_DEFAULT_RUNTIME_DIR, NULL);
	return self;
}

L2cConnectionState l2c_connection_get_state(L2cConnection *self)
{
	return self->state;
}

L2cStage l2c_connection_get_stage(L2cConnection *self)
{
	return self->stage;
}

const L2cConnectionInfo *l2c_connection_get_info(L2cConnection *self)
{
	return &self->info;
}

const struct l2c_profile *l2c_connection_get_profile(L2cConnection *self)
{
	return self->profile;
}

static guint64 read_counter(const char *ifname, const char *counter)
{
	g_autofree char *path = NULL;
	g_autofree char *text = NULL;

	path = g_strdup_printf("/sys/class/net/%s/statistics/%s", ifname, counter);
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return 0;
	return g_ascii_strtoull(text, NULL, 10);
}

void l2c_connection_get_traffic(L2cConnection *self, guint64 *rx_bytes, guint64 *tx_bytes)
{
	*rx_bytes = 0;
	*tx_bytes = 0;
	if (self->state != L2C_CONNECTION_CONNECTED || !self->info.ifname)
		return;
	*rx_bytes = read_counter(self->info.ifname, "rx_bytes");
	*tx_bytes = read_counter(self->info.ifname, "tx_bytes");
}

void l2c_connection_clear_info(L2cConnection *self)
{
	g_clear_pointer((char **)&self->info.ifname, g_free);
	g_clear_pointer((char **)&self->info.local_address, g_free);
	g_clear_pointer((char **)&self->info.peer_address, g_free);
	g_clear_pointer((char ***)&self->info.dns, g_strfreev);
	g_clear_pointer((char **)&self->info.gateway_address, g_free);
	g_clear_pointer((char **)&self->info.dns_note, g_free);
	self->info.datapath = NULL;
	self->info.connected_since = 0;
}

/* Makes "<Stage>: message" unless the layer already named itself. */
char *l2c_connection_stage_message(L2cStage stage, const char *message)
{
	const char *name = l2c_stage_name(stage);
	size_t n = strlen(name);

	if (g_ascii_strncasecmp(message, name, n) == 0 && message[n] == ':')
		return g_strdup(message);
	return g_strdup_printf("%s: %s", name, message);
}
