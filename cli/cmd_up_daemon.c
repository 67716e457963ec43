/* l2tp-connect up NAME (without --foreground): asks l2tp-connectd to connect, then follows the
 * connection's State until it is connected or has failed. The connection stays with the
 * service when this command exits. */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/prompt.h"

#include "daemon/dbus_api.h"
#include "daemon/l2c-dbus-generated.h"
#include "util/i18n.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Polkit may ask the user for a password before Connect returns. */
#define CONNECT_TIMEOUT_MS    120000
#define DISCONNECT_TIMEOUT_MS 90000

struct up_wait {
	GMainLoop *loop;
	GDBusConnection *bus;
	L2cDbusConnection *connection;
	const char *name;
	int exit_code;
	bool verbose;
	bool interrupted;
};

/* --- secrets ----------------------------------------------------------------------------- */

/* SECRET=VALUE lines from stdin into `secrets` (name → value). */
static int read_secrets_stdin(GHashTable *secrets)
{
	for (unsigned line_no = 1;; line_no++) {
		char *line = NULL;
		char *eq;
		int secret, r = l2c_read_secret_line(STDIN_FILENO, &line);

		if (r <= 0)
			return r == 0 ? L2C_EXIT_OK : L2C_EXIT_FAILURE;
		eq = strchr(line, '=');
		if (eq)
			*eq = '\0';
		secret = eq ? l2c_cli_secret_from_spec(line) : -1;
		if (secret < 0) {
			l2c_secret_free(line);
			return l2c_cli_usage_error("up", _("stdin line %u: expected SECRET=VALUE"),
						   line_no);
		}
		g_hash_table_replace(secrets, g_strdup(l2c_secret_name(secret)), g_strdup(eq + 1));
		l2c_secret_free(line);
	}
}

/* Asks on the terminal for what the profile needs and stdin did not give. */
static int prompt_missing_secrets(GDBusConnection *bus, const char *name, GHashTable *secrets)
{
	g_autoptr(GVariant) reply = NULL;
	g_autofree const char **missing = NULL;
	GError *error = NULL;

	reply = l2c_cli_call(bus, L2C_DBUS_MANAGER_PATH, "org.l2tpconnect.Manager",
			     "GetMissingSecrets", g_variant_new("(s)", name), "(as)", -1, &error);
	if (!reply)
		return l2c_cli_fail_remote(error);
	g_variant_get(reply, "(^a&s)", &missing);
	for (gsize i = 0; missing[i]; i++) {
		g_autofree char *prompt = NULL;
		char *value;

		if (g_hash_table_contains(secrets, missing[i]))
			continue;
		prompt = g_strdup_printf(_("%s for '%s': "), missing[i], name);
		value = l2c_prompt_secret(prompt, &error);
		if (!value)
			return l2c_cli_fail(error);
		g_hash_table_replace(secrets, g_strdup(missing[i]), value);
	}
	return L2C_EXIT_OK;
}

static GVariant *secrets_dict(GHashTable *secrets)
{
	GVariantBuilder builder;
	GHashTableIter iter;
	gpointer key, value;

	g_variant_builder_init(&builder, G_VARIANT_TYPE("a{ss}"));
	g_hash_table_iter_init(&iter, secrets);
	while (g_hash_table_iter_next(&iter, &key, &value))
		g_variant_builder_add(&builder, "{ss}", key, value);
	return g_variant_builder_end(&builder);
}

/* --- following the connection -------------------------------------------------------------- */

static void finish(struct up_wait *wait, int exit_code)
{
	wait->exit_code = exit_code;
	g_main_loop_quit(wait->loop);
}

static void print_failure(struct up_wait *wait, const char *fallback)
{
	const char *reason = l2c_dbus_connection_get_last_error(wait->connection);

	fprintf(stderr, "%s: %s\n", L2C_CLI_NAME, reason && *reason ? reason : fallback);
}

static void follow_state(struct up_wait *wait, const char *state)
{
	L2cDbusConnection *c = wait->connection;

	if (!state)
		return;
	if (strcmp(state, "connected") == 0) {
		l2c_cli_print_connected(wait->name, l2c_dbus_connection_get_interface(c),
					l2c_dbus_connection_get_local_address(c),
					l2c_dbus_connection_get_peer_address(c),
					l2c_dbus_connection_get_dns(c),
					l2c_dbus_connection_get_datapath(c));
		finish(wait, L2C_EXIT_OK);
	} else if (strcmp(state, "failed") == 0) {
		print_failure(wait, _("the connection failed"));
		finish(wait, L2C_EXIT_FAILURE);
	} else if (strcmp(state, "disconnected") == 0) {
		if (!wait->interrupted)
			print_failure(wait, _("the connection was closed"));
		finish(wait, L2C_EXIT_FAILURE);
	}
}

static void on_state_changed(L2cDbusConnection *connection, const char *state, const char *reason,
			     gpointer user_data)
{
	follow_state(user_data, state);
}

static void on_stage_changed(GObject *object, GParamSpec *pspec, gpointer user_data)
{
	struct up_wait *wait = user_data;
	const char *stage = l2c_dbus_connection_get_stage(wait->connection);

	if (wait->verbose && stage && strcmp(stage, "none") != 0)
		fprintf(stderr, _("%s: %s: %s\n"), L2C_CLI_NAME, wait->name, stage);
}

static void on_owner_changed(GObject *object, GParamSpec *pspec, gpointer user_data)
{
	struct up_wait *wait = user_data;
	g_autofree char *owner = g_dbus_proxy_get_name_owner(G_DBUS_PROXY(object));

	if (owner)
		return;
	fprintf(stderr, _("%s: the l2tp-connectd service stopped\n"), L2C_CLI_NAME);
	finish(wait, L2C_EXIT_FAILURE);
}

static void on_disconnect_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	struct up_wait *wait = user_data;
	g_autoptr(GVariant) reply = NULL;
	GError *error = NULL;

	reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
	if (!reply) {
		finish(wait, l2c_cli_fail_remote(error));
		return;
	}
	fprintf(stderr, _("%s: cancelled; %s is disconnected\n"), L2C_CLI_NAME, wait->name);
	finish(wait, L2C_EXIT_FAILURE);
}

/* Ctrl-C while connecting cancels the connect: the service tears down what is up. */
static gboolean on_interrupt(gpointer user_data)
{
	struct up_wait *wait = user_data;

	if (wait->interrupted)
		return G_SOURCE_CONTINUE;
	wait->interrupted = true;
	g_dbus_connection_call(wait->bus, L2C_DBUS_NAME, L2C_DBUS_MANAGER_PATH,
			       "org.l2tpconnect.Manager", "Disconnect",
			       g_variant_new("(s)", wait->name), NULL,
			       G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION,
			       DISCONNECT_TIMEOUT_MS, NULL, on_disconnect_done, wait);
	return G_SOURCE_CONTINUE;
}

static int follow_connection(struct up_wait *wait, const char *path)
{
	GError *error = NULL;
	guint sigint, sigterm;

	wait->connection = l2c_dbus_connection_proxy_new_sync(wait->bus, G_DBUS_PROXY_FLAGS_NONE,
							      L2C_DBUS_NAME, path, NULL, &error);
	if (!wait->connection)
		return l2c_cli_fail_remote(error);
	g_signal_connect(wait->connection, "state-changed", G_CALLBACK(on_state_changed), wait);
	g_signal_connect(wait->connection, "notify::stage", G_CALLBACK(on_stage_changed), wait);
	g_signal_connect(wait->connection, "notify::g-name-owner", G_CALLBACK(on_owner_changed),
			 wait);
	wait->loop = g_main_loop_new(NULL, FALSE);
	sigint = g_unix_signal_add(SIGINT, on_interrupt, wait);
	sigterm = g_unix_signal_add(SIGTERM, on_interrupt, wait);
	/* The proxy subscribed to the signals before it read the properties: whatever
	 * happened before is in State, whatever happens after arrives as a signal. */
	follow_state(wait, l2c_dbus_connection_get_state(wait->connection));
	if (wait->exit_code < 0)
		g_main_loop_run(wait->loop);
	g_source_remove(sigint);
	g_source_remove(sigterm);
	g_main_loop_unref(wait->loop);
	g_object_unref(wait->connection);
	return wait->exit_code;
}

static GVariant *call_connect(GDBusConnection *bus, const char *name, GHashTable *secrets,
			      GError **error)
{
	return l2c_cli_call(bus, L2C_DBUS_MANAGER_PATH, "org.l2tpconnect.Manager", "Connect",
			    g_variant_new("(s@a{ss})", name, secrets_dict(secrets)), "(o)",
			    CONNECT_TIMEOUT_MS, error);
}

int l2c_cli_up_via_daemon(const char *name, bool secrets_from_stdin, bool verbose)
{
	g_autoptr(GDBusConnection) bus = l2c_cli_bus();
	g_autoptr(GHashTable) secrets = NULL;
	g_autoptr(GVariant) reply = NULL;
	struct up_wait wait = {.name = name, .exit_code = -1, .verbose = verbose};
	const char *path;
	GError *error = NULL;
	int code;

	if (!bus)
		return L2C_EXIT_FAILURE;
	secrets =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)l2c_secret_free);
	code = secrets_from_stdin ? read_secrets_stdin(secrets) : L2C_EXIT_OK;
	if (code != L2C_EXIT_OK)
		return code;
	/* Asking first would prompt for a password of a profile that is already connected,
	 * or that the caller may not connect at all. */
	reply = call_connect(bus, name, secrets, &error);
	if (!reply && g_error_matches(error, L2C_DAEMON_ERROR, L2C_DAEMON_ERROR_SECRETS_REQUIRED)) {
		g_clear_error(&error);
		code = prompt_missing_secrets(bus, name, secrets);
		if (code != L2C_EXIT_OK)
			return code;
		reply = call_connect(bus, name, secrets, &error);
	}
	if (!reply)
		return l2c_cli_fail_remote(error);
	g_variant_get(reply, "(&o)", &path);
	wait.bus = bus;
	return follow_connection(&wait, path);
}
