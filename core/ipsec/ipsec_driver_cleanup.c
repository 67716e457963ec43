/* Crash recovery: a restarted daemon undoes what a dead one recorded in
 * <runtime_base>/ipsec-NAME/state. */
#include "config.h"

#include <string.h>

#include "ipsec/ipsec_driver_private.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG "ipsec"

static void undo(IpsecDriver *d, const struct ipsec_saved_state *s)
{
	struct ipsec_exec_result res;
	g_autofree char *conn = g_strdup_printf("l2c-%s", s->name);

	if (s->conn_added && s->ctl_socket[0]) {
		ipsec_driver_run(d, 15000, &res, "whack", "--ctlsocket", s->ctl_socket, "--name",
				 conn, "--delete", NULL);
		ipsec_exec_result_clear(&res);
	}
	if (s->daemon == IPSEC_DAEMON_SYSTEM)
		ipsec_system_withdraw_secret(d, s->secrets_dropin);
	/* Our pluto goes when no other connection uses it; only a pluto whose command line
	 * carries our run directory is stopped. */
	if (s->daemon == IPSEC_DAEMON_PRIVATE && !ipsec_shared_has_other_users(d, s->dir))
		ipsec_shared_stop(d, NULL, s->pluto_pid, s->gateway);
	if (s->leak_family) {
		struct ipsec_leakguard g = {0};

		g.family = s->leak_family;
		g_strlcpy(g.chain_out, s->leak_chain_out, sizeof(g.chain_out));
		g_strlcpy(g.chain_in, s->leak_chain_in, sizeof(g.chain_in));
		g_strlcpy(g.gateway, s->gateway, sizeof(g.gateway));
		ipsec_leakguard_remove(&g);
	}
}

static gboolean clean_one(IpsecDriver *d, const char *dir)
{
	g_autofree char *path = g_build_filename(dir, "state", NULL);
	g_autofree char *text = NULL;
	struct ipsec_saved_state s;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return FALSE;
	if (ipsec_state_parse(text, &s) < 0 || strcmp(s.dir, dir) != 0) {
		l2c_warn(LOG_TAG, _("%s is malformed; leaving it for a person to inspect"), path);
		return FALSE;
	}
	l2c_info(LOG_TAG, "cleaning up IPsec state left by connection %s", s.name);
	ipsec_shared_lock(d, NULL);
	undo(d, &s);
	ipsec_files_remove_tree(dir);
	ipsec_shared_unlock(d);
	return TRUE;
}

int ipsec_driver_cleanup_saved(const struct ipsec_driver_config *config, const char *name)
{
	g_autoptr(IpsecDriver) d = ipsec_driver_new(config);
	GDir *base = g_dir_open(d->runtime_base, 0, NULL);
	const char *entry;
	int cleaned = 0;

	while (base && (entry = g_dir_read_name(base))) {
		g_autofree char *dir = NULL;

		if (!g_str_has_prefix(entry, "ipsec-"))
			continue;
		if (name && strcmp(entry + strlen("ipsec-"), name) != 0)
			continue;
		dir = g_build_filename(d->runtime_base, entry, NULL);
		cleaned += clean_one(d, dir);
	}
	if (base)
		g_dir_close(base);
	return cleaned;
}
