/* What runs on this host: a system pluto we can use, or a free field for our own. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ipsec/ipsec_driver_private.h"
#include "ipsec/ipsec_preflight.h"
#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG "ipsec"

gboolean ipsec_host_system_pluto_answers(IpsecDriver *d)
{
	struct ipsec_exec_result res;
	gboolean answers;

	if (!g_file_test(d->system_ctl, G_FILE_TEST_EXISTS))
		return FALSE;
	if (!ipsec_driver_run(d, 10000, &res, "whack", "--ctlsocket", d->system_ctl, "--status",
			      NULL))
		return FALSE;
	answers = res.status == 0 && !res.timed_out;
	ipsec_exec_result_clear(&res);
	return answers;
}

/* Name of the process holding socket `inode`, by walking /proc/PID/fd. */
static char *socket_owner(unsigned long inode)
{
	g_autofree char *target = g_strdup_printf("socket:[%lu]", inode);
	GDir *proc = g_dir_open("/proc", 0, NULL);
	const char *pid;
	char *found = NULL;

	while (proc && !found && (pid = g_dir_read_name(proc))) {
		g_autofree char *fddir = g_build_filename("/proc", pid, "fd", NULL);
		GDir *fds;
		const char *fd;

		if (!g_ascii_isdigit(pid[0]) || !(fds = g_dir_open(fddir, 0, NULL)))
			continue;
		while (!found && (fd = g_dir_read_name(fds))) {
			g_autofree char *link = g_build_filename(fddir, fd, NULL);
			g_autofree char *dest = g_file_read_link(link, NULL);

			if (dest && strcmp(dest, target) == 0) {
				g_autofree char *comm_path =
				    g_build_filename("/proc", pid, "comm", NULL);
				g_autofree char *comm = NULL;

				g_file_get_contents(comm_path, &comm, NULL, NULL);
				found = g_strdup_printf("%s (pid %s)",
							comm ? g_strstrip(comm) : "?", pid);
			}
		}
		g_dir_close(fds);
	}
	if (proc)
		g_dir_close(proc);
	return found;
}

static gboolean udp_port_free(unsigned port, GError **error)
{
	static const char *const tables[] = {"/proc/net/udp", "/proc/net/udp6"};

	for (size_t i = 0; i < G_N_ELEMENTS(tables); i++) {
		g_autofree char *text = NULL;
		g_autofree char *owner = NULL;
		unsigned long inode = 0;

		if (!g_file_get_contents(tables[i], &text, NULL, NULL) ||
		    ipsec_proc_udp_find_port(text, port, &inode) != 1)
			continue;
		owner = socket_owner(inode);
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_BLOCKED,
			    _("IPsec: UDP port %u is in use by %s, another IKE daemon that "
			      "l2tp-connect cannot use. Stop it, or start the libreswan service "
			      "(systemctl start ipsec) so that l2tp-connect adds its connection "
			      "there."),
			    port, owner ? owner : _("another program"));
		return FALSE;
	}
	return TRUE;
}

static gboolean xfrm_empty(IpsecDriver *d, const char *what, GError **error)
{
	const char *argv[] = {"ip", "xfrm", what, NULL};
	struct ipsec_exec_result res;
	char first[160];
	unsigned n;

	if (!ipsec_exec_run(argv, 10000, &res, NULL) || res.status != 0) {
		g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_SETUP,
			    _("IPsec: cannot list XFRM %s (ip xfrm %s): %s"), what, what,
			    res.output && *res.output ? res.output : _("is iproute2 installed?"));
		ipsec_exec_result_clear(&res);
		return FALSE;
	}
	n = ipsec_xfrm_count(res.output, first, sizeof(first));
	ipsec_exec_result_clear(&res);
	if (n == 0)
		return TRUE;
	/* Our pluto would flush it at start and at exit. */
	g_set_error(error, IPSEC_DRIVER_ERROR, IPSEC_DRIVER_ERROR_BLOCKED,
		    _("IPsec: the kernel already holds %u IPsec %s entries made by other software "
		      "(first: %s). l2tp-connect's own IKE daemon would erase them. Stop the "
		      "software that made them, or start the libreswan service (systemctl start "
		      "ipsec) so that l2tp-connect adds its connection there."),
		    n, what, first);
	return FALSE;
}

gboolean ipsec_host_private_pluto_possible(IpsecDriver *d, GError **error)
{
	return udp_port_free(500, error) && udp_port_free(4500, error) &&
	       xfrm_empty(d, "state", error) && xfrm_empty(d, "policy", error);
}

gboolean ipsec_host_has_nd_bypass(void)
{
	const char *argv[] = {"ip", "xfrm", "policy", NULL};
	struct ipsec_exec_result res;
	gboolean present = FALSE;

	if (ipsec_exec_run(argv, 10000, &res, NULL) && res.status == 0)
		present = ipsec_xfrm_has_nd_bypass(res.output);
	ipsec_exec_result_clear(&res);
	return present;
}

/* One `ip` process for a list of commands: -force keeps going past the ones with nothing to
 * delete. Starting processes is what costs. */
static void run_ip_batch(const char *batch)
{
	const char *argv[] = {"ip", "-force", "-batch", "-", NULL};
	struct ipsec_exec_result res;

	ipsec_exec_run_full(argv, batch, NULL, 10000, &res, NULL);
	ipsec_exec_result_clear(&res);
}

/* libreswan 4.x's pluto leaves these at exit; we remove them when it was our pluto that put
 * them there. */
void ipsec_host_remove_nd_bypass(void)
{
	static const char *const types[] = {"135", "136"};
	static const char *const dirs[] = {"out", "fwd", "in"};
	g_autoptr(GString) batch = g_string_new(NULL);

	for (size_t t = 0; t < G_N_ELEMENTS(types); t++)
		for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++)
			g_string_append_printf(batch,
					       "xfrm policy delete src ::/0 dst ::/0 proto "
					       "ipv6-icmp type %s dir %s\n",
					       types[t], dirs[i]);
	run_ip_batch(batch->str);
}

/* pluto 4.10 leaves the SPIs it reserved (larval ESP states towards and from the gateway)
 * when it exits; they would expire on their own after net.core.xfrm_acq_expires. Our pluto
 * ran alone (no foreign XFRM state at start), so whatever involves the gateway is ours.
 * Anything but an IP literal (a damaged state file) would put other commands in the batch. */
void ipsec_host_remove_gateway_xfrm(const char *gateway)
{
	g_autofree char *batch = NULL;

	if (!gateway || !g_hostname_is_ip_address(gateway))
		return;
	batch = g_strdup_printf("xfrm state deleteall src %s\nxfrm state deleteall dst %s\n"
				"xfrm policy deleteall src %s\nxfrm policy deleteall dst %s\n",
				gateway, gateway, gateway, gateway);
	run_ip_batch(batch);
}
