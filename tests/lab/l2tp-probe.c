/* l2tp-probe: opens an L2TP tunnel and one incoming call to a server, holds them, then
 * tears them down gracefully (CDN, StopCCN). The lab tests run it against a real LNS and
 * read its stdout:
 *
 *   tunnel up local-tid=N peer-tid=N peer=ADDR:PORT
 *   session up local-sid=N peer-sid=N
 *   closed clean
 *
 * Failures go to stderr as one "L2TP: …" line and exit 1. The secret comes from a file,
 * never from argv. */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp/l2tp_glib_tunnel.h"
#include "util/i18n.h"
#include "util/log.h"

struct probe {
	GMainLoop *loop;
	L2tpGlibTunnel *tunnel;
	GCancellable *opening;
	guint hold_source;
	guint hold_seconds;
	gboolean up;
	gboolean closing;
	int exit_code;
};

struct probe_options {
	char *server;
	int port;
	char *secret_file;
	gboolean hide_avps;
	gboolean ephemeral_port;
	int hold;
	char *host_name;
	gboolean verbose;
};

static void fail(struct probe *p, const char *message)
{
	fprintf(stderr, "L2TP: %s\n", message);
	p->exit_code = 1;
	g_main_loop_quit(p->loop);
}

static void on_close_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct probe *p = user_data;
	g_autoptr(GError) error = NULL;

	if (!l2tp_glib_tunnel_close_finish(L2TP_GLIB_TUNNEL(source), result, &error)) {
		fail(p, error->message);
		return;
	}
	printf("closed clean\n");
	fflush(stdout);
	p->exit_code = 0;
	g_main_loop_quit(p->loop);
}

static void start_close(struct probe *p)
{
	if (p->closing)
		return;
	p->closing = TRUE;
	if (p->hold_source)
		g_source_remove(p->hold_source);
	p->hold_source = 0;
	l2tp_glib_tunnel_close_async(p->tunnel, NULL, on_close_done, p);
}

static gboolean on_hold_over(gpointer user_data)
{
	struct probe *p = user_data;

	p->hold_source = 0;
	start_close(p);
	return G_SOURCE_REMOVE;
}

static void print_up(struct probe *p)
{
	g_autofree char *peer = l2tp_glib_tunnel_describe_peer(p->tunnel);

	printf("tunnel up local-tid=%u peer-tid=%u peer=%s\n",
	       l2tp_glib_tunnel_get_local_tunnel_id(p->tunnel),
	       l2tp_glib_tunnel_get_peer_tunnel_id(p->tunnel), peer ? peer : "?");
	printf("session up local-sid=%u peer-sid=%u\n",
	       l2tp_glib_tunnel_get_local_session_id(p->tunnel),
	       l2tp_glib_tunnel_get_peer_session_id(p->tunnel));
	fflush(stdout);
}

static void on_opened(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct probe *p = user_data;
	g_autoptr(GError) error = NULL;

	if (!l2tp_glib_tunnel_open_finish(L2TP_GLIB_TUNNEL(source), result, &error)) {
		fail(p, error->message);
		return;
	}
	p->up = TRUE;
	print_up(p);
	p->hold_source = g_timeout_add_seconds(p->hold_seconds, on_hold_over, p);
}

static void on_tunnel_closed(L2tpGlibTunnel *tunnel, gboolean clean, gint cause, const char *reason,
			     gpointer user_data)
{
	struct probe *p = user_data;

	if (p->hold_source)
		g_source_remove(p->hold_source);
	p->hold_source = 0;
	fail(p, reason);
}

static gboolean on_signal(gpointer user_data)
{
	struct probe *p = user_data;

	if (p->up)
		start_close(p);
	else
		g_cancellable_cancel(p->opening);
	return G_SOURCE_CONTINUE;
}

/* The secret is the file's content without its trailing newline. */
static GBytes *read_secret(const char *path, GError **error)
{
	char *contents = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &contents, &len, error))
		return NULL;
	if (len > 0 && contents[len - 1] == '\n')
		len--;
	if (len > 0 && contents[len - 1] == '\r')
		len--;
	if (len == 0) {
		g_free(contents);
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			    _("the secret file %s is empty"), path);
		return NULL;
	}
	return g_bytes_new_take(contents, len);
}

static gboolean parse_options(int *argc, char ***argv, struct probe_options *o, GError **error)
{
	const GOptionEntry entries[] = {
	    {"server", 0, 0, G_OPTION_ARG_STRING, &o->server, "L2TP server (LNS)", "ADDR"},
	    {"port", 0, 0, G_OPTION_ARG_INT, &o->port, "server UDP port (1701)", "PORT"},
	    {"secret-file", 0, 0, G_OPTION_ARG_FILENAME, &o->secret_file,
	     "file holding the tunnel secret", "FILE"},
	    {"hide-avps", 0, 0, G_OPTION_ARG_NONE, &o->hide_avps,
	     "hide session AVPs with the secret", NULL},
	    {"ephemeral-port", 0, 0, G_OPTION_ARG_NONE, &o->ephemeral_port,
	     "use an ephemeral local port instead of 1701", NULL},
	    {"hold", 0, 0, G_OPTION_ARG_INT, &o->hold, "seconds to hold the call (2)", "SECONDS"},
	    {"hostname", 0, 0, G_OPTION_ARG_STRING, &o->host_name, "our Host Name AVP", "NAME"},
	    {"verbose", 0, 0, G_OPTION_ARG_NONE, &o->verbose, "log the protocol exchange", NULL},
	    {NULL},
	};
	g_autoptr(GOptionContext) context = g_option_context_new("- open and close an L2TP call");

	o->port = L2TP_GLIB_DEFAULT_PORT;
	o->hold = 2;
	g_option_context_add_main_entries(context, entries, NULL);
	if (!g_option_context_parse(context, argc, argv, error))
		return FALSE;
	if (!o->server || o->port < 1 || o->port > 65535 || o->hold < 0) {
		g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "--server ADDR is required; --port 1-65535; --hold >= 0");
		return FALSE;
	}
	return TRUE;
}

static void free_options(struct probe_options *o)
{
	g_free(o->server);
	g_free(o->secret_file);
	g_free(o->host_name);
}

static int run(const struct probe_options *o, GBytes *secret)
{
	struct probe p = {.exit_code = 1, .hold_seconds = (guint)o->hold};
	L2tpGlibTunnelOptions options = {
	    .server = o->server,
	    .port = (guint16)o->port,
	    .secret = secret,
	    .hide_avps = o->hide_avps,
	    .ephemeral_port = o->ephemeral_port,
	    .host_name = o->host_name,
	};

	p.loop = g_main_loop_new(NULL, FALSE);
	p.opening = g_cancellable_new();
	p.tunnel = l2tp_glib_tunnel_new(&options);
	g_signal_connect(p.tunnel, "closed", G_CALLBACK(on_tunnel_closed), &p);
	g_unix_signal_add(SIGINT, on_signal, &p);
	g_unix_signal_add(SIGTERM, on_signal, &p);
	l2tp_glib_tunnel_open_async(p.tunnel, p.opening, on_opened, &p);
	g_main_loop_run(p.loop);
	g_object_unref(p.tunnel);
	g_object_unref(p.opening);
	g_main_loop_unref(p.loop);
	return p.exit_code;
}

int main(int argc, char **argv)
{
	struct probe_options o = {0};
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) secret = NULL;
	int code;

	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
	if (!parse_options(&argc, &argv, &o, &error)) {
		fprintf(stderr, "l2tp-probe: %s\n", error->message);
		free_options(&o);
		return 2;
	}
	l2c_log_set_max_level(o.verbose ? L2C_LOG_DEBUG : L2C_LOG_ERROR);
	if (o.secret_file && !(secret = read_secret(o.secret_file, &error))) {
		fprintf(stderr, "L2TP: %s\n", error->message);
		free_options(&o);
		return 1;
	}
	code = run(&o, secret);
	free_options(&o);
	return code;
}
