/* Lab driver for core/ipsec: brings the L2TP/IPsec SA up to a gateway with the real driver,
 * shows the kernel's XFRM state while it is up, then tears everything down.
 *
 *   ipsec-probe --gateway ADDR --psk KEY [--name N] [--ike LIST] [--esp LIST]
 *               [--runtime-dir DIR] [--retransmit-timeout S] [--cleanup-only]
 *
 * Prints "ipsec-probe: up", the output of `ip xfrm state` between "xfrm-begin"/"xfrm-end",
 * then "ipsec-probe: down"; or "ipsec-probe: failed FAILURE-NAME: MESSAGE". Exit status 0 when
 * the SA came up, 1 when it failed, 2 on usage errors. */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipsec/ipsec_driver.h"
#include "ipsec/ipsec_exec.h"

static char *opt_gateway, *opt_psk, *opt_name = "probe", *opt_ike, *opt_esp, *opt_dir;
static int opt_retransmit = 8;
static gboolean opt_cleanup_only;

static const GOptionEntry entries[] = {
    {"gateway", 0, 0, G_OPTION_ARG_STRING, &opt_gateway, "server address", "ADDR"},
    {"psk", 0, 0, G_OPTION_ARG_STRING, &opt_psk, "pre-shared key", "KEY"},
    {"name", 0, 0, G_OPTION_ARG_STRING, &opt_name, "profile name", "NAME"},
    {"ike", 0, 0, G_OPTION_ARG_STRING, &opt_ike, "IKE proposals", "LIST"},
    {"esp", 0, 0, G_OPTION_ARG_STRING, &opt_esp, "ESP proposals", "LIST"},
    {"runtime-dir", 0, 0, G_OPTION_ARG_STRING, &opt_dir, "runtime base directory", "DIR"},
    {"retransmit-timeout", 0, 0, G_OPTION_ARG_INT, &opt_retransmit, "seconds", "S"},
    {"cleanup-only", 0, 0, G_OPTION_ARG_NONE, &opt_cleanup_only, "undo saved state", NULL},
    {NULL}};

static void show_xfrm(void)
{
	const char *argv[] = {"ip", "xfrm", "state", NULL};
	struct ipsec_exec_result res;

	if (ipsec_exec_run(argv, 10000, &res, NULL))
		printf("xfrm-begin\n%sxfrm-end\n", res.output);
	ipsec_exec_result_clear(&res);
}

int main(int argc, char **argv)
{
	g_autoptr(GOptionContext) ctx =
	    g_option_context_new("- bring an L2TP/IPsec SA up and down");
	g_autoptr(GError) error = NULL;
	struct ipsec_driver_config cfg = {0};
	struct ipsec_conn_params params = {0};
	struct ipsec_credentials cred = {0};
	g_autoptr(IpsecDriver) driver = NULL;

	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		fprintf(stderr, "ipsec-probe: %s\n", error->message);
		return 2;
	}
	cfg.runtime_base = opt_dir;
	if (opt_cleanup_only) {
		printf("ipsec-probe: cleaned %d\n", ipsec_driver_cleanup_saved(&cfg, NULL));
		return 0;
	}
	if (!opt_gateway || !opt_psk) {
		fprintf(stderr, "ipsec-probe: --gateway and --psk are required\n");
		return 2;
	}
	params.name = opt_name;
	params.gateway = opt_gateway;
	params.ike = opt_ike;
	params.esp = opt_esp;
	params.pfs = IPSEC_OPT_NO;
	params.retransmit_timeout = (unsigned)opt_retransmit;
	cred.psk = opt_psk;
	cred.psk_len = strlen(opt_psk);
	driver = ipsec_driver_new(&cfg);
	if (!ipsec_driver_up(driver, &params, &cred, &error)) {
		printf("ipsec-probe: failed %s: %s\n",
		       ipsec_failure_name(ipsec_driver_last_failure(driver)), error->message);
		if (ipsec_driver_last_log(driver))
			fprintf(stderr, "--- pluto log ---\n%s", ipsec_driver_last_log(driver));
		return 1;
	}
	printf("ipsec-probe: up (%s pluto)\n",
	       ipsec_driver_state(driver)->daemon == IPSEC_DAEMON_PRIVATE ? "own" : "system");
	printf("ipsec-probe: trafficstatus %s\n",
	       ipsec_driver_is_up(driver, NULL, NULL) ? "listed" : "missing");
	show_xfrm();
	fflush(stdout);
	ipsec_driver_down(driver);
	printf("ipsec-probe: down\n");
	return 0;
}
