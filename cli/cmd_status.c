/* l2tp-connect status [NAME] [--json]: the connections l2tp-connectd holds, from the
 * properties of its Connection objects. */
#include "config.h"

#include "cli/cli.h"
#include "cli/daemon_client.h"
#include "cli/json_out.h"

#include "daemon/dbus_api.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define CONNECTION_INTERFACE "org.l2tpconnect.Connection"

static const char *help_text(void)
{
	return _("Usage: l2tp-connect status [NAME] [--json]\n"
		 "\n"
		 "Show the connections of the l2tp-connectd service (or only NAME): state, the\n"
		 "stage a connect is in, addresses, DNS, traffic, reconnects and the last\n"
		 "error. A profile the service does not hold shows as disconnected.\n"
		 "\n"
		 "Options:\n"
		 "      --json   one JSON array of objects with the keys name, state, stage,\n"
		 "               interface, local_address, peer_address, gateway, dns,\n"
		 "               datapath, bytes_in, bytes_out, connected_since (Unix time,\n"
		 "               0 when not connected), reconnects, last_error\n"
		 "  -h, --help   show this help\n"
		 "\n"
		 "Examples:\n"
		 "  l2tp-connect status\n"
		 "  l2tp-connect status office --json\n");
}

static const char *prop_string(GVariant *props, const char *key)
{
	const char *value = NULL;

	return g_variant_lookup(props, key, "&s", &value) ? value : "";
}

static guint64 prop_uint64(GVariant *props, const char *key)
{
	guint64 value = 0;

	return g_variant_lookup(props, key, "t", &value) ? value : 0;
}

static guint32 prop_uint32(GVariant *props, const char *key)
{
	guint32 value = 0;

	return g_variant_lookup(props, key, "u", &value) ? value : 0;
}

/* NULL-terminated, never NULL; g_strfreev it. */
static char **prop_strv(GVariant *props, const char *key)
{
	g_autoptr(GVariant) value = g_variant_lookup_value(props, key, G_VARIANT_TYPE_STRING_ARRAY);

	return value ? g_variant_dup_strv(value, NULL) : g_new0(char *, 1);
}

/* --- text --------------------------------------------------------------------------------------
 */

static void print_text(GVariant *props)
{
	const char *state = prop_string(props, "State");
	const char *error = prop_string(props, "LastError");
	g_auto(GStrv) dns = prop_strv(props, "Dns");
	g_autofree char *dns_text = dns[0] ? g_strjoinv(",", dns) : g_strdup(_("none"));
	guint64 since = prop_uint64(props, "ConnectedSince");
	guint32 reconnects = prop_uint32(props, "Reconnects");

	printf("%s: %s", prop_string(props, "Name"), state);
	if (strcmp(state, "connected") != 0 && strcmp(state, "disconnected") != 0 &&
	    strcmp(prop_string(props, "Stage"), "none") != 0)
		printf(_(" (stage %s)"), prop_string(props, "Stage"));
	printf("\n");
	if (since) {
		g_autoptr(GDateTime) when = g_date_time_new_from_unix_local((gint64)since);
		g_autofree char *text = g_date_time_format(when, "%Y-%m-%d %H:%M:%S");

		printf(_("  interface %s, local %s, peer %s, DNS %s\n"),
		       prop_string(props, "Interface"), prop_string(props, "LocalAddress"),
		       *prop_string(props, "PeerAddress") ? prop_string(props, "PeerAddress") : "-",
		       dns_text);
		printf(_("  gateway %s, data path %s, connected since %s\n"),
		       prop_string(props, "Gateway"), prop_string(props, "Datapath"), text);
		printf(_("  received %llu bytes, sent %llu bytes\n"),
		       (unsigned long long)prop_uint64(props, "BytesIn"),
		       (unsigned long long)prop_uint64(props, "BytesOut"));
	}
	if (reconnects)
		printf(dngettext(GETTEXT_PACKAGE, "  reconnected %u time\n",
				 "  reconnected %u times\n", reconnects),
		       reconnects);
	if (*error)
		printf(_("  last error: %s\n"), error);
}

/* --- JSON --------------------------------------------------------------------------------------
 */

static void json_member_string(GString *out, const char *key, const char *value)
{
	g_string_append_printf(out, "\"%s\":", key);
	l2c_json_append_string(out, value);
	g_string_append_c(out, ',');
}

static void json_member_uint(GString *out, const char *key, guint64 value)
{
	g_string_append_printf(out, "\"%s\":%" G_GUINT64_FORMAT ",", key, value);
}

static void append_json(GString *out, GVariant *props)
{
	static const struct {
		const char *json, *property;
	} strings[] = {
	    {"name", "Name"},
	    {"state", "State"},
	    {"stage", "Stage"},
	    {"interface", "Interface"},
	    {"local_address", "LocalAddress"},
	    {"peer_address", "PeerAddress"},
	    {"gateway", "Gateway"},
	    {"datapath", "Datapath"},
	    {"last_error", "LastError"},
	};
	g_auto(GStrv) dns = prop_strv(props, "Dns");

	g_string_append_c(out, '{');
	for (gsize i = 0; i < G_N_ELEMENTS(strings); i++)
		json_member_string(out, strings[i].json, prop_string(props, strings[i].property));
	g_string_append(out, "\"dns\":[");
	for (gsize i = 0; dns[i]; i++) {
		if (i)
			g_string_append_c(out, ',');
		l2c_json_append_string(out, dns[i]);
	}
	g_string_append(out, "],");
	json_member_uint(out, "bytes_in", prop_uint64(props, "BytesIn"));
	json_member_uint(out, "bytes_out", prop_uint64(props, "BytesOut"));
	json_member_uint(out, "connected_since", prop_uint64(props, "ConnectedSince"));
	json_member_uint(out, "reconnects", prop_uint32(props, "Reconnects"));
	g_string_truncate(out, out->len - 1); /* the last ',' */
	g_string_append_c(out, '}');
}

/* --- gathering ----------------------------------------------------------------------------- */

/* Properties (a{sv}) of each connection, in the service's order; NULL with *exit_code set. */
static GPtrArray *fetch_connections(GDBusConnection *bus, int *exit_code)
{
	g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func((GDestroyNotify)g_variant_unref);
	g_autoptr(GVariant) reply = NULL;
	g_autofree const char **paths = NULL;
	GError *error = NULL;

	reply = l2c_cli_call(bus, L2C_DBUS_MANAGER_PATH, "org.l2tpconnect.Manager",
			     "ListConnections", NULL, "(ao)", -1, &error);
	if (!reply) {
		*exit_code = l2c_cli_fail_remote(error);
		return NULL;
	}
	g_variant_get(reply, "(^a&o)", &paths);
	for (gsize i = 0; paths[i]; i++) {
		g_autoptr(GVariant) props =
		    l2c_cli_call(bus, paths[i], "org.freedesktop.DBus.Properties", "GetAll",
				 g_variant_new("(s)", CONNECTION_INTERFACE), "(a{sv})", -1, &error);

		if (!props) {
			/* Gone between the two calls: it was just disconnected. */
			g_clear_error(&error);
			continue;
		}
		g_ptr_array_add(all, g_variant_get_child_value(props, 0));
	}
	return g_steal_pointer(&all);
}

/* What a profile the service does not hold looks like. */
static GVariant *disconnected_props(const char *name)
{
	GVariantDict dict;

	g_variant_dict_init(&dict, NULL);
	g_variant_dict_insert(&dict, "Name", "s", name);
	g_variant_dict_insert(&dict, "State", "s", "disconnected");
	g_variant_dict_insert(&dict, "Stage", "s", "none");
	return g_variant_ref_sink(g_variant_dict_end(&dict));
}

static void keep_only(GPtrArray *connections, const char *name)
{
	for (guint i = connections->len; i-- > 0;)
		if (strcmp(prop_string(connections->pdata[i], "Name"), name) != 0)
			g_ptr_array_remove_index(connections, i);
	if (connections->len == 0)
		g_ptr_array_add(connections, disconnected_props(name));
}

static void print_all(GPtrArray *connections, bool json)
{
	g_autoptr(GString) out = g_string_new(NULL);

	if (!json) {
		if (connections->len == 0)
			printf(_("no connections\n"));
		for (guint i = 0; i < connections->len; i++)
			print_text(connections->pdata[i]);
		return;
	}
	g_string_append_c(out, '[');
	for (guint i = 0; i < connections->len; i++) {
		if (i)
			g_string_append_c(out, ',');
		append_json(out, connections->pdata[i]);
	}
	g_string_append(out, "]\n");
	fputs(out->str, stdout);
}

int l2c_cmd_status(int argc, char **argv)
{
	enum { OPT_JSON = 256 };
	static const struct option options[] = {
	    {"json", no_argument, NULL, OPT_JSON},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	g_autoptr(GDBusConnection) bus = NULL;
	g_autoptr(GPtrArray) connections = NULL;
	bool json = false;
	int c, code = L2C_EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h')
			return l2c_cli_print_help(help_text());
		if (c == OPT_JSON) {
			json = true;
			continue;
		}
		return l2c_cli_usage_error("status", _("unknown option '%s'"), argv[optind - 1]);
	}
	if (argc - optind > 1)
		return l2c_cli_usage_error("status", _("expected at most one profile name"));
	bus = l2c_cli_bus();
	if (!bus)
		return L2C_EXIT_FAILURE;
	connections = fetch_connections(bus, &code);
	if (!connections)
		return code;
	if (optind < argc)
		keep_only(connections, argv[optind]);
	print_all(connections, json);
	return L2C_EXIT_OK;
}
