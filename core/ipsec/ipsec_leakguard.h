/* Leak protection: with auto=add there is no IPsec policy before the SA exists or after it
 * dies, so L2TP would go out (and be accepted) in clear. Two chains of our own drop UDP/1701
 * to and from the gateway unless it passed through IPsec (`-m policy --pol none`), the way
 * libreswan's ikev1-l2tp test guards its client. IKE (500/4500) is not touched. */
#pragma once

#include <glib.h>
#include <stdbool.h>

struct ipsec_leakguard {
	char chain_out[32];
	char chain_in[32];
	char gateway[64];
	int family; /* 4 or 6 */
	/* iptables-legacy: kernels without nf_tables (the UML lab) */
	bool legacy;
};

/* Chain names derive from the connection name; gateway must be an IP literal. Returns 0 or
 * -EINVAL. */
int ipsec_leakguard_init(struct ipsec_leakguard *guard, const char *conn_name, const char *gateway);

/* The commands, each a NULL-terminated argv (iptables or ip6tables, with -w). Exposed for
 * tests; GPtrArray of GStrv, freeing its elements. */
GPtrArray *ipsec_leakguard_install_commands(const struct ipsec_leakguard *guard);
GPtrArray *ipsec_leakguard_remove_commands(const struct ipsec_leakguard *guard);

/* The same commands as one iptables-restore --noflush input ("*filter" ... "COMMIT"), so that
 * one process applies all of them or none. g_free it. */
char *ipsec_leakguard_restore_script(const GPtrArray *commands);

/* Installs in one iptables-restore transaction (after removing a complete set of leftovers of
 * the same names), with iptables and, where nf_tables is missing, iptables-legacy. All or
 * nothing: a failure leaves no rule behind. */
gboolean ipsec_leakguard_install(struct ipsec_leakguard *guard, GError **error);

/* Best effort and idempotent: one transaction with the flavour that installed them, then the
 * other; step by step with both when neither finds a complete set. */
void ipsec_leakguard_remove(const struct ipsec_leakguard *guard);
