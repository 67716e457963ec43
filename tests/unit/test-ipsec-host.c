/* Host-check parsers, the crash-recovery record and the leak-guard commands. */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "ipsec/ipsec_leakguard.h"
#include "ipsec/ipsec_preflight.h"
#include "ipsec/ipsec_state.h"

/* /proc/net/udp with pluto on 192.0.2.1:500 and 4500 (0x1F4, 0x1194). */
static const char udp_table[] =
    "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode ref pointer drops\n"
    "  101: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0    "
    "    0 11111 2 0000000000000000 0\n"
    "  230: 010200C0:01F4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0    "
    "    0 22222 2 0000000000000000 0\n"
    "  231: 010200C0:1194 00000000:0000 07 00000000:00000000 00:00000000 00000000     0    "
    "    0 33333 2 0000000000000000 0\n";

static void test_udp_ports(void)
{
	unsigned long inode = 0;

	g_assert_cmpint(ipsec_proc_udp_find_port(udp_table, 500, &inode), ==, 1);
	g_assert_cmpuint(inode, ==, 22222);
	g_assert_cmpint(ipsec_proc_udp_find_port(udp_table, 4500, &inode), ==, 1);
	g_assert_cmpuint(inode, ==, 33333);
	g_assert_cmpint(ipsec_proc_udp_find_port(udp_table, 1701, NULL), ==, 0);
	g_assert_cmpint(ipsec_proc_udp_find_port("garbage", 500, NULL), ==, -EINVAL);
}

static void test_xfrm_count(void)
{
	const char *state = "src 192.0.2.2 dst 192.0.2.1\n"
			    "\tproto esp spi 0x6814d81a reqid 16389 mode transport\n"
			    "src 192.0.2.1 dst 192.0.2.2\n"
			    "\tproto esp spi 0xd243be1f reqid 16389 mode transport\n";
	char first[64];

	g_assert_cmpuint(ipsec_xfrm_count(state, first, sizeof(first)), ==, 2);
	g_assert_cmpstr(first, ==, "src 192.0.2.2 dst 192.0.2.1");
	g_assert_cmpuint(ipsec_xfrm_count("", first, sizeof(first)), ==, 0);
	g_assert_cmpstr(first, ==, "");
}

/* Left behind by libreswan 4.10's pluto after --shutdown, and shown while one runs (captured
 * here): neither is someone else's IPsec. */
static void test_xfrm_ignores_pluto_leftovers(void)
{
	const char *policy = "src ::/0 dst ::/0 proto ipv6-icmp type 135 \n"
			     "\tdir out priority 1 ptype main \n"
			     "src ::/0 dst ::/0 proto ipv6-icmp type 136 \n"
			     "\tdir in priority 1 ptype main \n"
			     "src ::/0 dst ::/0 \n"
			     "\tsocket out priority 0 ptype main \n";
	const char *foreign = "src 192.0.2.1/32 dst 192.0.2.2/32 proto udp sport 1701 dport 1701\n"
			      "\tdir out priority 2080 ptype main\n"
			      "\ttmpl src 0.0.0.0 dst 0.0.0.0\n"
			      "\t\tproto esp reqid 1 mode transport\n";
	char first[80];

	g_assert_cmpuint(ipsec_xfrm_count(policy, first, sizeof(first)), ==, 0);
	g_assert_true(ipsec_xfrm_has_nd_bypass(policy));
	g_assert_cmpuint(ipsec_xfrm_count(foreign, first, sizeof(first)), ==, 1);
	g_assert_false(ipsec_xfrm_has_nd_bypass(foreign));
}

static void test_configsetup(void)
{
	/* `ipsec addconn --configsetup` on Debian 12, captured here. */
	const char *out = "export configfile='/etc/ipsec.conf'\n"
			  "export ctlsocket='/run/pluto/pluto.ctl'\n"
			  "export ikev1_policy='2'\n"
			  "export secretsfile='/etc/ipsec.secrets'\n"
			  "export ikev1_secctx_attr_type='32001'\n";
	char value[64];

	g_assert_cmpint(ipsec_configsetup_value(out, "ikev1_policy", value, sizeof(value)), ==, 0);
	g_assert_cmpstr(value, ==, "2");
	g_assert_cmpint(ipsec_configsetup_value(out, "secretsfile", value, sizeof(value)), ==, 0);
	g_assert_cmpstr(value, ==, "/etc/ipsec.secrets");
	g_assert_cmpint(ipsec_configsetup_value(out, "nssdir", value, sizeof(value)), ==, -ENOENT);
}

static void test_secrets_includes(void)
{
	/* Debian 12's /etc/ipsec.secrets (comments shortened). */
	const char *debian = "# This file holds shared secrets\n"
			     "\n"
			     "include /etc/ipsec.d/*.secrets\n";
	const char *drop = "/etc/ipsec.d/l2tp-connect-l2c-office.secrets";

	g_assert_true(ipsec_secrets_includes(debian, "/etc", drop));
	g_assert_true(ipsec_secrets_includes("include ipsec.d/*.secrets\n", "/etc", drop));
	g_assert_false(ipsec_secrets_includes("# include /etc/ipsec.d/*.secrets\n", "/etc", drop));
	g_assert_false(ipsec_secrets_includes(": PSK \"x\"\n", "/etc", drop));
	g_assert_false(ipsec_secrets_includes("include /etc/ipsec.d/*.conf\n", "/etc", drop));
	g_assert_false(ipsec_secrets_includes("include /etc/ipsec.d/*.secrets\n", "/etc",
					      "/etc/ipsec.d/sub/x.secrets"));
}

static void test_state_round_trip(void)
{
	struct ipsec_saved_state in = {0}, out;
	char *text;

	g_strlcpy(in.name, "office", sizeof(in.name));
	in.daemon = IPSEC_DAEMON_PRIVATE;
	in.dialect = 4;
	g_strlcpy(in.dir, "/run/l2tp-connect/ipsec-office", sizeof(in.dir));
	g_strlcpy(in.ctl_socket, "/run/l2tp-connect/ipsec-office/run/pluto.ctl",
		  sizeof(in.ctl_socket));
	in.pluto_pid = 4242;
	in.conn_added = true;
	in.leak_family = 4;
	g_strlcpy(in.leak_chain_out, "l2c-o-0badf00d-office", sizeof(in.leak_chain_out));
	g_strlcpy(in.leak_chain_in, "l2c-i-0badf00d-office", sizeof(in.leak_chain_in));
	g_strlcpy(in.gateway, "192.0.2.2", sizeof(in.gateway));
	text = ipsec_state_format(&in);
	g_assert_cmpint(ipsec_state_parse(text, &out), ==, 0);
	g_assert_cmpmem(&in, sizeof(in), &out, sizeof(out));
	free(text);
}

/* The CLI names a connection after its file: the leak guard's chains then carry a '.', and
 * the record must still read back (crash cleanup, other connections sharing our pluto). */
static void test_state_dotted_name(void)
{
	struct ipsec_saved_state s;

	g_assert_cmpint(ipsec_state_parse("name=office.nmconnection\ndaemon=private\n"
					  "leak_family=4\nleak_out=l2c-o-0badf00d-l2c-office.nm\n"
					  "leak_in=l2c-i-0badf00d-l2c-office.nm\n",
					  &s),
			==, 0);
	g_assert_cmpint(s.daemon, ==, IPSEC_DAEMON_PRIVATE);
	g_assert_cmpstr(s.leak_chain_out, ==, "l2c-o-0badf00d-l2c-office.nm");
}

static void test_state_hostile(void)
{
	struct ipsec_saved_state s;

	g_assert_cmpint(ipsec_state_parse("dir=/run/x/../../etc\n", &s), ==, -EINVAL);
	g_assert_cmpint(ipsec_state_parse("dir=relative\n", &s), ==, -EINVAL);
	g_assert_cmpint(ipsec_state_parse("leak_out=x;rm -rf\n", &s), ==, -EINVAL);
	g_assert_cmpint(ipsec_state_parse("pluto_pid=-1\n", &s), ==, -EINVAL);
	g_assert_cmpint(ipsec_state_parse("daemon=maybe\n", &s), ==, -EINVAL);
	g_assert_cmpint(ipsec_state_parse("no equals sign\n", &s), ==, -EINVAL);
	g_assert_cmpint(ipsec_state_parse("future_key=1\nname=a\n", &s), ==, 0);
	g_assert_cmpstr(s.name, ==, "a");
}

static void test_leakguard_commands(void)
{
	struct ipsec_leakguard g;
	g_autoptr(GPtrArray) install = NULL;
	g_autoptr(GPtrArray) removal = NULL;
	g_autofree char *first_rule = NULL;
	g_autofree char *expected = NULL;

	g_assert_cmpint(ipsec_leakguard_init(&g, "l2c-a-very-long-profile-name", "192.0.2.2"), ==,
			0);
	g_assert_cmpuint(strlen(g.chain_out), <=, 28);
	g_assert_cmpuint(strlen(g.chain_in), <=, 28);
	g_assert_cmpstr(g.chain_out, !=, g.chain_in);
	install = ipsec_leakguard_install_commands(&g);
	first_rule = g_strjoinv(" ", g_ptr_array_index(install, 1));
	expected = g_strdup_printf("iptables -w -A %s -d 192.0.2.2 -p udp --dport 1701 -m policy "
				   "--dir out --pol none -j DROP",
				   g.chain_out);
	g_assert_cmpstr(first_rule, ==, expected);
	removal = ipsec_leakguard_remove_commands(&g);
	g_assert_cmpuint(removal->len, ==, 6);
	g_assert_cmpint(ipsec_leakguard_init(&g, "x", "2001:db8::1"), ==, 0);
	g_assert_cmpint(g.family, ==, 6);
	g_assert_cmpint(ipsec_leakguard_init(&g, "x", "vpn.example.com"), ==, -EINVAL);
}

/* One iptables-restore transaction: chains declared first, then the rules and jumps in the
 * commands' order; removal as -D/-F/-X lines. */
static void test_leakguard_restore_script(void)
{
	struct ipsec_leakguard g;
	g_autoptr(GPtrArray) install = NULL;
	g_autoptr(GPtrArray) removal = NULL;
	g_autofree char *script = NULL;
	g_autofree char *expected = NULL;
	g_autofree char *removal_script = NULL;
	g_autofree char *expected_removal = NULL;

	g_assert_cmpint(ipsec_leakguard_init(&g, "l2c-office", "192.0.2.1"), ==, 0);
	install = ipsec_leakguard_install_commands(&g);
	script = ipsec_leakguard_restore_script(install);
	expected = g_strdup_printf(
	    "*filter\n:%1$s - [0:0]\n:%2$s - [0:0]\n"
	    "-A %1$s -d 192.0.2.1 -p udp --dport 1701 -m policy --dir out --pol none -j DROP\n"
	    "-A %1$s -d 192.0.2.1 -p udp --sport 1701 -m policy --dir out --pol none -j DROP\n"
	    "-I OUTPUT 1 -j %1$s\n"
	    "-A %2$s -s 192.0.2.1 -p udp --dport 1701 -m policy --dir in --pol none -j DROP\n"
	    "-A %2$s -s 192.0.2.1 -p udp --sport 1701 -m policy --dir in --pol none -j DROP\n"
	    "-I INPUT 1 -j %2$s\nCOMMIT\n",
	    g.chain_out, g.chain_in);
	g_assert_cmpstr(script, ==, expected);
	removal = ipsec_leakguard_remove_commands(&g);
	removal_script = ipsec_leakguard_restore_script(removal);
	expected_removal = g_strdup_printf("*filter\n-D OUTPUT -j %1$s\n-F %1$s\n-X %1$s\n"
					   "-D INPUT -j %2$s\n-F %2$s\n-X %2$s\nCOMMIT\n",
					   g.chain_out, g.chain_in);
	g_assert_cmpstr(removal_script, ==, expected_removal);
}

static void test_leakguard_names_differ_for_shared_prefix(void)
{
	struct ipsec_leakguard a, b;

	ipsec_leakguard_init(&a, "l2c-branch-office-north", "192.0.2.2");
	ipsec_leakguard_init(&b, "l2c-branch-office-south", "192.0.2.2");
	g_assert_cmpstr(a.chain_out, !=, b.chain_out);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ipsec/host/udp-ports", test_udp_ports);
	g_test_add_func("/ipsec/host/xfrm-count", test_xfrm_count);
	g_test_add_func("/ipsec/host/xfrm-pluto-leftovers", test_xfrm_ignores_pluto_leftovers);
	g_test_add_func("/ipsec/host/configsetup", test_configsetup);
	g_test_add_func("/ipsec/host/secrets-includes", test_secrets_includes);
	g_test_add_func("/ipsec/host/state-round-trip", test_state_round_trip);
	g_test_add_func("/ipsec/state/dotted-name", test_state_dotted_name);
	g_test_add_func("/ipsec/host/state-hostile", test_state_hostile);
	g_test_add_func("/ipsec/host/leakguard-commands", test_leakguard_commands);
	g_test_add_func("/ipsec/host/leakguard-restore-script", test_leakguard_restore_script);
	g_test_add_func("/ipsec/host/leakguard-distinct",
			test_leakguard_names_differ_for_shared_prefix);
	return g_test_run();
}
