/* iptables rules that keep L2TP from leaving or arriving outside IPsec. */
#include "config.h"

#include "ipsec/ipsec_leakguard.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipsec/ipsec_exec.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG		    "ipsec"
#define IPTABLES_TIMEOUT_MS 15000

/* FNV-1a: distinct chains for names that share the readable prefix. */
static guint32 name_hash(const char *s)
{
	guint32 h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (guchar)*s) * 16777619u;
	return h;
}

int ipsec_leakguard_init(struct ipsec_leakguard *g, const char *conn_name, const char *gateway)
{
	unsigned char addr[16];
	guint32 h = name_hash(conn_name);

	memset(g, 0, sizeof(*g));
	if (inet_pton(AF_INET, gateway, addr) == 1)
		g->family = 4;
	else if (inet_pton(AF_INET6, gateway, addr) == 1)
		g->family = 6;
	else
		return -EINVAL;
	g_strlcpy(g->gateway, gateway, sizeof(g->gateway));
	/* iptables chain names stop at 28 characters. */
	snprintf(g->chain_out, sizeof(g->chain_out), "l2c-o-%08x-%.12s", h, conn_name);
	snprintf(g->chain_in, sizeof(g->chain_in), "l2c-i-%08x-%.12s", h, conn_name);
	return 0;
}

static const char *tool(const struct ipsec_leakguard *g)
{
	if (g->legacy)
		return g->family == 6 ? "ip6tables-legacy" : "iptables-legacy";
	return g->family == 6 ? "ip6tables" : "iptables";
}

static void add(GPtrArray *cmds, const struct ipsec_leakguard *g, ...)
{
	GPtrArray *argv = g_ptr_array_new();
	va_list ap;
	const char *arg;

	g_ptr_array_add(argv, g_strdup(tool(g)));
	g_ptr_array_add(argv, g_strdup("-w"));
	va_start(ap, g);
	while ((arg = va_arg(ap, const char *)))
		g_ptr_array_add(argv, g_strdup(arg));
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	g_ptr_array_add(cmds, g_ptr_array_free(argv, FALSE));
}

/* addr_opt: "-d" for the outbound chain, "-s" inbound. Both L2TP ports are covered so a
 * server answering from another port, or our ephemeral source port, is still guarded. */
static void add_drop_rules(GPtrArray *cmds, const struct ipsec_leakguard *g, const char *chain,
			   const char *addr_opt, const char *dir)
{
	add(cmds, g, "-A", chain, addr_opt, g->gateway, "-p", "udp", "--dport", "1701", "-m",
	    "policy", "--dir", dir, "--pol", "none", "-j", "DROP", NULL);
	add(cmds, g, "-A", chain, addr_opt, g->gateway, "-p", "udp", "--sport", "1701", "-m",
	    "policy", "--dir", dir, "--pol", "none", "-j", "DROP", NULL);
}

GPtrArray *ipsec_leakguard_install_commands(const struct ipsec_leakguard *g)
{
	GPtrArray *cmds = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);

	add(cmds, g, "-N", g->chain_out, NULL);
	add_drop_rules(cmds, g, g->chain_out, "-d", "out");
	add(cmds, g, "-I", "OUTPUT", "1", "-j", g->chain_out, NULL);
	add(cmds, g, "-N", g->chain_in, NULL);
	add_drop_rules(cmds, g, g->chain_in, "-s", "in");
	add(cmds, g, "-I", "INPUT", "1", "-j", g->chain_in, NULL);
	return cmds;
}

GPtrArray *ipsec_leakguard_remove_commands(const struct ipsec_leakguard *g)
{
	GPtrArray *cmds = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);

	add(cmds, g, "-D", "OUTPUT", "-j", g->chain_out, NULL);
	add(cmds, g, "-F", g->chain_out, NULL);
	add(cmds, g, "-X", g->chain_out, NULL);
	add(cmds, g, "-D", "INPUT", "-j", g->chain_in, NULL);
	add(cmds, g, "-F", g->chain_in, NULL);
	add(cmds, g, "-X", g->chain_in, NULL);
	return cmds;
}

static gboolean is_new_chain(char **argv)
{
	return g_strcmp0(argv[2], "-N") == 0;
}

/* "iptables -w -N C" → ":C - [0:0]", declared before every rule; "iptables -w -A C ..." →
 * "-A C ...". Our arguments hold no spaces or quotes (chain names from validated connection
 * names, IP literals). */
char *ipsec_leakguard_restore_script(const GPtrArray *commands)
{
	GString *script = g_string_new("*filter\n");

	for (guint i = 0; i < commands->len; i++) {
		char **argv = g_ptr_array_index(commands, i);

		if (is_new_chain(argv))
			g_string_append_printf(script, ":%s - [0:0]\n", argv[3]);
	}
	for (guint i = 0; i < commands->len; i++) {
		char **argv = g_ptr_array_index(commands, i);

		if (is_new_chain(argv))
			continue;
		for (char **arg = argv + 2; *arg; arg++)
			g_string_append_printf(script, "%s%s", arg == argv + 2 ? "" : " ", *arg);
		g_string_append_c(script, '\n');
	}
	g_string_append(script, "COMMIT\n");
	return g_string_free(script, FALSE);
}

static const char *restore_tool(const struct ipsec_leakguard *g)
{
	if (g->legacy)
		return g->family == 6 ? "ip6tables-legacy-restore" : "iptables-legacy-restore";
	return g->family == 6 ? "ip6tables-restore" : "iptables-restore";
}

static gboolean run_tool(const char *const *argv, const char *input, char **output)
{
	struct ipsec_exec_result res;
	gboolean ok;

	if (!ipsec_exec_run_full(argv, input, NULL, IPTABLES_TIMEOUT_MS, &res, NULL)) {
		if (output)
			*output =
			    g_strdup_printf(_("could not run %s (is it installed?)"), argv[0]);
		ipsec_exec_result_clear(&res);
		return FALSE;
	}
	ok = res.status == 0 && !res.timed_out;
	if (output)
		*output = g_strstrip(g_strdup(res.output));
	ipsec_exec_result_clear(&res);
	return ok;
}

/* One process for the whole change, and atomic: iptables-restore applies all of it or none.
 * Starting a process is what costs (a quarter second each in the lab). */
static gboolean run_transaction(const struct ipsec_leakguard *g, GPtrArray *commands, char **output)
{
	g_autofree char *script = ipsec_leakguard_restore_script(commands);
	const char *argv[] = {restore_tool(g), "-w", "--noflush", NULL};

	return run_tool(argv, script, output);
}

/* Succeeds only when exactly our chains and one jump to each are there, and removes them. */
static gboolean remove_transaction(const struct ipsec_leakguard *g)
{
	g_autoptr(GPtrArray) cmds = ipsec_leakguard_remove_commands(g);

	return run_transaction(g, cmds, NULL);
}

static gboolean run_one(char **argv, char **output)
{
	return run_tool((const char *const *)argv, NULL, output);
}

static void remove_with(const struct ipsec_leakguard *g)
{
	g_autoptr(GPtrArray) cmds = ipsec_leakguard_remove_commands(g);

	for (guint i = 0; i < cmds->len; i++) {
		char **argv = g_ptr_array_index(cmds, i);

		/* A jump may have been inserted twice by a crashed run: delete until gone. */
		if (g_strcmp0(argv[2], "-D") == 0) {
			for (int n = 0; n < 8 && run_one(argv, NULL); n++)
				;
			continue;
		}
		run_one(argv, NULL);
	}
}

void ipsec_leakguard_remove(const struct ipsec_leakguard *guard)
{
	struct ipsec_leakguard g = *guard;

	if (!g.family)
		return;
	/* The flavour that installed them first; the other one after a crash, perhaps. */
	if (remove_transaction(&g))
		return;
	g.legacy = !g.legacy;
	if (remove_transaction(&g))
		return;
	/* Partial, doubled or no leftovers: step by step with both flavours. */
	g.legacy = false;
	remove_with(&g);
	g.legacy = true;
	remove_with(&g);
}

static gboolean install_with(const struct ipsec_leakguard *g, GError **error)
{
	g_autoptr(GPtrArray) cmds = ipsec_leakguard_install_commands(g);
	g_autofree char *output = NULL;

	if (run_transaction(g, cmds, &output)) {
		l2c_debug(LOG_TAG, "leak protection installed with %s: chains %s, %s",
			  restore_tool(g), g->chain_out, g->chain_in);
		return TRUE;
	}
	g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED,
		    _("IPsec: could not install the rules that keep L2TP from leaving "
		      "unencrypted (%s -m policy): %s"),
		    tool(g), output && *output ? output : _("unknown error"));
	return FALSE;
}

/* Leftovers of a crashed run with the same names go first; a complete set is removed in one
 * transaction per flavour, anything else is overwritten by the install (a chain declared
 * again is flushed). */
static void remove_complete_leftovers(struct ipsec_leakguard *g)
{
	g->legacy = false;
	remove_transaction(g);
	g->legacy = true;
	remove_transaction(g);
}

gboolean ipsec_leakguard_install(struct ipsec_leakguard *g, GError **error)
{
	g_autoptr(GError) nft_error = NULL;

	remove_complete_leftovers(g);
	g->legacy = false;
	if (install_with(g, &nft_error))
		return TRUE;
	g->legacy = true;
	if (install_with(g, NULL))
		return TRUE;
	g->legacy = false;
	g_propagate_error(error, g_steal_pointer(&nft_error));
	return FALSE;
}
