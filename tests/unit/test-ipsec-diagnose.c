/* Diagnosis of libreswan's initiator output.
 *
 * Samples marked [lab] were captured here from libreswan 4.10 (Debian 12) initiating
 * (`ipsec whack --initiate`, retransmit-timeout=15s) against a libreswan 4.10 responder in a
 * pair of network namespaces: no server, wrong PSK, disjoint IKE and ESP proposals, a rightid
 * the server does not have, IKEv1 refused by ikev1-policy, and a kernel without ESP. Samples
 * marked [doc] are built from lines quoted in docs/PROTOCOL.md or libreswan's test suite;
 * [derived] ones are [lab] output edited as the comment says. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ipsec/ipsec_diagnose.h"

/* [lab] */
static const char whack_no_server[] =
    "002 \"l2c-test\" #1: initiating IKEv1 Main Mode connection\n"
    "102 \"l2c-test\" #1: sent Main Mode request\n"
    "000 \"l2c-test\" #1: ERROR: asynchronous network error report on veth-ia (192.0.2.1:500), "
    "complainant 192.0.2.2: Connection refused [errno 111, origin ICMP type 3 code 3 (not "
    "authenticated)]\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 0.5 seconds for response\n"
    "000 \"l2c-test\" #1: ERROR: asynchronous network error report on veth-ia (192.0.2.1:500), "
    "complainant 192.0.2.2: Connection refused [errno 111, origin ICMP type 3 code 3 (not "
    "authenticated)]\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 1 seconds for response\n"
    "000 \"l2c-test\" #1: ERROR: asynchronous network error report on veth-ia (192.0.2.1:500), "
    "complainant 192.0.2.2: Connection refused [errno 111, origin ICMP type 3 code 3 (not "
    "authenticated)]\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 2 seconds for response\n"
    "000 \"l2c-test\" #1: ERROR: asynchronous network error report on veth-ia (192.0.2.1:500), "
    "complainant 192.0.2.2: Connection refused [errno 111, origin ICMP type 3 code 3 (not "
    "authenticated)]\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 4 seconds for response\n"
    "000 \"l2c-test\" #1: ERROR: asynchronous network error report on veth-ia (192.0.2.1:500), "
    "complainant 192.0.2.2: Connection refused [errno 111, origin ICMP type 3 code 3 (not "
    "authenticated)]\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 8 seconds for response\n"
    "000 \"l2c-test\" #1: ERROR: asynchronous network error report on veth-ia (192.0.2.1:500), "
    "complainant 192.0.2.2: Connection refused [errno 111, origin ICMP type 3 code 3 (not "
    "authenticated)]\n"
    "031 \"l2c-test\" #1: STATE_MAIN_I1: 15 second timeout exceeded after 5 retransmits.  No "
    "response (or no acceptable response) to our first IKEv1 message\n"
    "002 \"l2c-test\" #1: deleting state (STATE_MAIN_I1) aged 16.019286s and NOT sending "
    "notification\n"
    "002 \"l2c-test\" #1: deleting ISAKMP SA but connection is supposed to remain up; schedule "
    "EVENT_REVIVE_CONNS\n";
static const char whack_wrong_psk_timed_out[] =
    "002 \"l2c-test\" #1: initiating IKEv1 Main Mode connection\n"
    "102 \"l2c-test\" #1: sent Main Mode request\n"
    "104 \"l2c-test\" #1: sent Main Mode I2\n"
    "106 \"l2c-test\" #1: sent Main Mode I3\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 0.5 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 1 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 2 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 4 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 8 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 16 seconds for response\n";
static const char whack_ike_no_proposal[] =
    "002 \"l2c-test\" #1: initiating IKEv1 Main Mode connection\n"
    "102 \"l2c-test\" #1: sent Main Mode request\n"
    "003 \"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "003 \"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 0.5 seconds for response\n"
    "003 \"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "003 \"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 1 seconds for response\n"
    "003 \"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "003 \"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 2 seconds for response\n"
    "003 \"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "003 \"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 4 seconds for response\n"
    "003 \"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "003 \"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I1: retransmission; will wait 8 seconds for response\n"
    "003 \"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "003 \"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "031 \"l2c-test\" #1: STATE_MAIN_I1: 15 second timeout exceeded after 5 retransmits.  No "
    "response (or no acceptable response) to our first IKEv1 message\n"
    "002 \"l2c-test\" #1: deleting state (STATE_MAIN_I1) aged 16.016152s and NOT sending "
    "notification\n"
    "002 \"l2c-test\" #1: deleting ISAKMP SA but connection is supposed to remain up; schedule "
    "EVENT_REVIVE_CONNS\n";
static const char whack_esp_no_proposal[] =
    "002 \"l2c-test\" #1: initiating IKEv1 Main Mode connection\n"
    "102 \"l2c-test\" #1: sent Main Mode request\n"
    "104 \"l2c-test\" #1: sent Main Mode I2\n"
    "106 \"l2c-test\" #1: sent Main Mode I3\n"
    "002 \"l2c-test\" #1: Peer ID is ID_IPV4_ADDR: '192.0.2.2'\n"
    "004 \"l2c-test\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "002 \"l2c-test\" #2: initiating Quick Mode IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES "
    "{using isakmp#1 msgid:359e8d51 proposal=AES_CBC_256-HMAC_SHA1_96, 3DES_CBC-HMAC_SHA1_96 "
    "pfsgroup=no-pfs}\n"
    "115 \"l2c-test\" #2: sent Quick Mode request\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 0.5 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 1 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 2 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 4 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 8 seconds for response\n"
    "031 \"l2c-test\" #2: STATE_QUICK_I1: 15 second timeout exceeded after 5 retransmits.  No "
    "acceptable response to our first Quick Mode message: perhaps peer likes no proposal\n"
    "002 \"l2c-test\" #2: deleting state (STATE_QUICK_I1) aged 16.020793s and NOT sending "
    "notification\n";
static const char log_esp_no_proposal[] =
    "\"l2c-test\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "\"l2c-test\" #2: initiating Quick Mode IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES "
    "{using isakmp#1 msgid:359e8d51 proposal=AES_CBC_256-HMAC_SHA1_96, 3DES_CBC-HMAC_SHA1_96 "
    "pfsgroup=no-pfs}\n"
    "\"l2c-test\" #2: sent Quick Mode request\n"
    "\"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "\"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "\"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 0.5 seconds for response\n"
    "\"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "\"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n"
    "\"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 1 seconds for response\n"
    "\"l2c-test\" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, "
    "length=12\n"
    "\"l2c-test\" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN\n";
static const char whack_peer_id[] =
    "002 \"l2c-test\" #1: initiating IKEv1 Main Mode connection\n"
    "102 \"l2c-test\" #1: sent Main Mode request\n"
    "104 \"l2c-test\" #1: sent Main Mode I2\n"
    "106 \"l2c-test\" #1: sent Main Mode I3\n"
    "002 \"l2c-test\" #1: Peer ID is ID_IPV4_ADDR: '192.0.2.2'\n"
    "003 \"l2c-test\" #1: Peer ID '192.0.2.2' mismatched on first found connection and no better "
    "connection found\n"
    "218 \"l2c-test\" #1: sending encrypted notification INVALID_ID_INFORMATION to 192.0.2.2:500\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 0.5 seconds for response\n"
    "002 \"l2c-test\" #1: Peer ID is ID_IPV4_ADDR: '192.0.2.2'\n"
    "003 \"l2c-test\" #1: Peer ID '192.0.2.2' mismatched on first found connection and no better "
    "connection found\n"
    "218 \"l2c-test\" #1: sending encrypted notification INVALID_ID_INFORMATION to 192.0.2.2:500\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 1 seconds for response\n"
    "002 \"l2c-test\" #1: Peer ID is ID_IPV4_ADDR: '192.0.2.2'\n"
    "003 \"l2c-test\" #1: Peer ID '192.0.2.2' mismatched on first found connection and no better "
    "connection found\n"
    "218 \"l2c-test\" #1: sending encrypted notification INVALID_ID_INFORMATION to 192.0.2.2:500\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 2 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 4 seconds for response\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 8 seconds for response\n"
    "031 \"l2c-test\" #1: STATE_MAIN_I3: 15 second timeout exceeded after 5 retransmits.  Possible "
    "authentication failure: no acceptable response to our first encrypted message\n"
    "002 \"l2c-test\" #1: deleting state (STATE_MAIN_I3) aged 16.018345s and NOT sending "
    "notification\n"
    "002 \"l2c-test\" #1: deleting ISAKMP SA but connection is supposed to remain up; schedule "
    "EVENT_REVIVE_CONNS\n";
static const char whack_ikev1_disabled[] = "000 initiating all conns with alias='l2c-test'\n"
					   "021 no connection named \"l2c-test\"\n";
static const char log_ikev1_disabled[] = "\"l2c-test\": failed to add IKEv1 connection: global "
					 "ikev1-policy does not allow IKEv1 connections\n";
static const char whack_success_until_quick_mode[] =
    "002 \"l2c-test\" #1: initiating IKEv1 Main Mode connection\n"
    "102 \"l2c-test\" #1: sent Main Mode request\n"
    "104 \"l2c-test\" #1: sent Main Mode I2\n"
    "106 \"l2c-test\" #1: sent Main Mode I3\n"
    "002 \"l2c-test\" #1: Peer ID is ID_IPV4_ADDR: '192.0.2.2'\n"
    "004 \"l2c-test\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "002 \"l2c-test\" #2: initiating Quick Mode IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES "
    "{using isakmp#1 msgid:e1b66011 proposal=defaults pfsgroup=no-pfs}\n"
    "115 \"l2c-test\" #2: sent Quick Mode request\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 0.5 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 1 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 2 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 4 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 8 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 16 seconds for response\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 32 seconds for response\n";

/* [lab] the 17/%any server-port selector against a responder with leftprotoport=17/1701. */
static const char whack_selector_refused[] =
    "002 \"l2c-test\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "115 \"l2c-test\" #2: sent Quick Mode request\n"
    "010 \"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 0.5 seconds for response\n";
static const char log_selector_refused[] =
    "\"l2c-test\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "\"l2c-test\" #2: sent Quick Mode request\n"
    "\"l2c-test\" #1: ignoring informational payload INVALID_ID_INFORMATION, msgid=00000000, "
    "length=12\n"
    "\"l2c-test\" #1: received and ignored notification payload: INVALID_ID_INFORMATION\n"
    "\"l2c-test\" #2: STATE_QUICK_I1: retransmission; will wait 0.5 seconds for response\n";

/* [lab] the server's PSK differed; retransmit-timeout=15s ran out inside whack. */
static const char whack_wrong_psk[] =
    "106 \"l2c-test\" #1: sent Main Mode I3\n"
    "010 \"l2c-test\" #1: STATE_MAIN_I3: retransmission; will wait 8 seconds for response\n"
    "031 \"l2c-test\" #1: STATE_MAIN_I3: 15 second timeout exceeded after 5 retransmits.  Possible "
    "authentication failure: no acceptable response to our first encrypted message\n"
    "002 \"l2c-test\" #1: deleting state (STATE_MAIN_I3) aged 16.013049s and NOT sending "
    "notification\n";

/* [lab] responder side of a PSK mismatch: what our pluto logs when it cannot decrypt. */
static const char log_cannot_decrypt[] =
    "\"l2tp-server\"[1] 192.0.2.1 #1: probable authentication failure (mismatch of preshared "
    "secrets?): malformed payload in packet\n";

/* [lab] a kernel without ESP (the host kernel here), as pluto logs it. */
static const char log_kernel_no_esp[] =
    "ERROR: \"l2c-test\" #2: netlink response for Add SA esp.6814d81a@192.0.2.1: Protocol not "
    "supported (errno 93)\n"
    "\"l2c-test\" #2: setup_half_ipsec_sa() hit fail:\n";

/* [doc] PROTOCOL.md §5: a server with ID 0.0.0.0. */
static const char log_peer_id_zero[] =
    "\"l2c-test\" #1: Peer ID is ID_IPV4_ADDR: '0.0.0.0'\n"
    "\"l2c-test\" #1: Peer ID '%any' mismatched on first found connection and no better connection "
    "found\n"
    "\"l2c-test\" #1: sending encrypted notification INVALID_ID_INFORMATION to 192.0.2.2:500\n";

/* [doc] libreswan 5.x style (no numeric prefixes, ISAKMP wording) from its test suite. */
static const char whack_success_v5[] =
    "\"north-east-l2tp\" #1: initiating IKEv1 Main Mode connection\n"
    "\"north-east-l2tp\" #1: sent Main Mode request\n"
    "\"north-east-l2tp\" #1: ISAKMP SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "\"north-east-l2tp\" #2: IPsec SA established transport mode {ESP=>0x12345678 <0x9abcdef0 "
    "xfrm=AES_CBC_128-HMAC_SHA1_96 DPD=passive}\n";

/* [doc] libreswan 4.x ikev1-l2tp-01 test console. */
static const char whack_success_v4[] =
    "002 \"north-east-l2tp\" #1: initiating IKEv1 Main Mode connection\n"
    "004 \"north-east-l2tp\" #1: ISAKMP SA established {auth=RSA_SIG cipher=AES_CBC_256 "
    "integ=HMAC_SHA2_256 group=MODP2048}\n"
    "004 \"north-east-l2tp\" #2: IPsec SA established transport mode {ESP=>0xESPESP <0xESPESP "
    "xfrm=AES_CBC_128-HMAC_SHA1_96 DPD=passive}\n";

static enum ipsec_failure diagnose(int status, bool timed_out, const char *whack, const char *log,
				   struct ipsec_diagnosis *out)
{
	struct ipsec_diag_input in = {0};
	struct ipsec_diagnosis local;

	in.whack_status = status;
	in.timed_out = timed_out;
	in.whack_output = whack;
	in.pluto_log = log;
	in.auth = IPSEC_AUTH_PSK;
	ipsec_diagnose(&in, out ? out : &local);
	return out ? out->failure : local.failure;
}

static char *without_lines_containing(const char *text, const char *needle)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	GString *out = g_string_new(NULL);

	for (int i = 0; lines[i]; i++)
		if (*lines[i] && !strstr(lines[i], needle))
			g_string_append_printf(out, "%s\n", lines[i]);
	return g_string_free(out, FALSE);
}

static void test_success(void)
{
	g_assert_true(ipsec_whack_succeeded(0, whack_success_v4));
	g_assert_true(ipsec_whack_succeeded(0, whack_success_v5));
	g_assert_false(ipsec_whack_succeeded(1, whack_success_v5));
	g_assert_false(ipsec_whack_succeeded(0, whack_wrong_psk));
	g_assert_cmpint(diagnose(0, false, whack_success_v5, NULL, NULL), ==, IPSEC_FAILURE_NONE);
}

static void test_port_unreachable(void)
{
	g_assert_cmpint(diagnose(31, false, whack_no_server, NULL, NULL), ==,
			IPSEC_FAILURE_PORT_UNREACHABLE);
}

static void test_no_response(void)
{
	/* [derived] a firewall drops instead of answering: no ICMP lines. */
	g_autofree char *dropped = without_lines_containing(whack_no_server, "Connection refused");

	g_assert_cmpint(diagnose(31, false, dropped, NULL, NULL), ==, IPSEC_FAILURE_NO_RESPONSE);
	/* [derived] our own deadline hit while Main Mode I1 was still retransmitted. */
	g_autofree char *cut = without_lines_containing(dropped, "timeout exceeded");
	g_assert_cmpint(diagnose(-1, true, cut, NULL, NULL), ==, IPSEC_FAILURE_NO_RESPONSE);
}

static void test_psk_mismatch(void)
{
	g_assert_cmpint(diagnose(31, false, whack_wrong_psk, NULL, NULL), ==,
			IPSEC_FAILURE_PSK_MISMATCH);
	g_assert_cmpint(diagnose(-1, true, whack_wrong_psk_timed_out, NULL, NULL), ==,
			IPSEC_FAILURE_PSK_MISMATCH);
	g_assert_cmpint(diagnose(1, false, "", log_cannot_decrypt, NULL), ==,
			IPSEC_FAILURE_PSK_MISMATCH);
}

static void test_ike_proposal(void)
{
	/* The notification and the "No response" timeout both appear: the named cause wins. */
	g_assert_cmpint(diagnose(31, false, whack_ike_no_proposal, NULL, NULL), ==,
			IPSEC_FAILURE_IKE_PROPOSAL);
}

static void test_esp_proposal(void)
{
	g_assert_cmpint(diagnose(31, false, whack_esp_no_proposal, NULL, NULL), ==,
			IPSEC_FAILURE_ESP_PROPOSAL);
	/* The NO_PROPOSAL_CHOSEN after Phase 1 is only in pluto's log. */
	g_assert_cmpint(diagnose(31, false, whack_esp_no_proposal, log_esp_no_proposal, NULL), ==,
			IPSEC_FAILURE_ESP_PROPOSAL);
}

static void test_traffic_selector(void)
{
	g_assert_cmpint(diagnose(-1, true, whack_selector_refused, log_selector_refused, NULL), ==,
			IPSEC_FAILURE_TRAFFIC_SELECTOR);
}

static void test_peer_id(void)
{
	struct ipsec_diagnosis d;

	g_assert_cmpint(diagnose(31, false, whack_peer_id, NULL, &d), ==, IPSEC_FAILURE_PEER_ID);
	g_assert_cmpstr(d.detail, ==, "192.0.2.2");
	g_assert_cmpint(diagnose(31, false, whack_peer_id, log_peer_id_zero, NULL), ==,
			IPSEC_FAILURE_PEER_ID_ZERO);
}

static void test_ikev1_disabled(void)
{
	g_assert_cmpint(diagnose(21, false, whack_ikev1_disabled, log_ikev1_disabled, NULL), ==,
			IPSEC_FAILURE_IKEV1_DISABLED);
	/* Without the log only "no connection named" is visible. */
	g_assert_cmpint(diagnose(21, false, whack_ikev1_disabled, NULL, NULL), ==,
			IPSEC_FAILURE_CONN_NOT_LOADED);
	/* [doc] 5.x wording from libreswan's test suite. */
	g_assert_cmpint(diagnose(1, false,
				 "\"ikev1\": failed to add connection: global ikev1-policy=drop "
				 "does not allow IKEv1 connections\n",
				 NULL, NULL),
			==, IPSEC_FAILURE_IKEV1_DISABLED);
}

static void test_kernel(void)
{
	struct ipsec_diagnosis d;

	g_assert_cmpint(diagnose(-1, true, whack_success_until_quick_mode, log_kernel_no_esp, &d),
			==, IPSEC_FAILURE_KERNEL);
	g_assert_nonnull(strstr(d.detail, "Protocol not supported"));
}

static void test_certificate(void)
{
	struct ipsec_diag_input in = {0};
	struct ipsec_diagnosis d;

	/* [doc] line wording from libreswan's x509 tests. */
	in.whack_status = 1;
	in.whack_output = "\"l2c-x\" #1: RSA authentication failed: no certificate matched\n";
	in.auth = IPSEC_AUTH_CERT;
	ipsec_diagnose(&in, &d);
	g_assert_cmpint(d.failure, ==, IPSEC_FAILURE_CERTIFICATE);
	/* Main Mode I3 going unanswered with certificates is not a PSK problem. */
	in.whack_output = whack_wrong_psk;
	ipsec_diagnose(&in, &d);
	g_assert_cmpint(d.failure, ==, IPSEC_FAILURE_CERTIFICATE);
	/* From our pluto's log, as the lab saw it: the time stamp stays out of the message. */
	in.whack_output = "";
	in.pluto_log = "Nov 24 21:31:21.260384: \"l2c-x\" #1: NSS: ERROR: IPsec certificate "
		       "CN=lns.lab invalid: SEC_ERROR_UNKNOWN_ISSUER: Peer's Certificate issuer "
		       "is not recognized.\n";
	ipsec_diagnose(&in, &d);
	g_assert_cmpint(d.failure, ==, IPSEC_FAILURE_CERTIFICATE);
	g_assert_true(g_str_has_prefix(d.detail, "\"l2c-x\" #1: NSS: ERROR"));
}

static void test_unknown_keeps_last_line(void)
{
	struct ipsec_diagnosis d;

	g_assert_cmpint(diagnose(25, false, "025 \"l2c-x\": something new happened\n", NULL, &d),
			==, IPSEC_FAILURE_UNKNOWN);
	g_assert_nonnull(strstr(d.detail, "something new happened"));
	g_assert_cmpint(diagnose(-1, true, "", NULL, NULL), ==, IPSEC_FAILURE_TIMEOUT);
}

static void test_messages_are_actionable(void)
{
	struct ipsec_conn_params p = {0};
	struct ipsec_caps caps = {{4, 10, 0}, IPSEC_DIALECT_V4, false};
	struct ipsec_diagnosis d = {0};
	char buf[512];

	p.name = "x";
	p.gateway = "198.51.100.7";
	d.failure = IPSEC_FAILURE_NO_RESPONSE;
	ipsec_failure_describe(&d, &p, &caps, 55, buf, sizeof(buf));
	g_assert_cmpstr(buf, ==,
			"IPsec: no response from 198.51.100.7 on UDP 500 (blocked by a firewall, "
			"or not an IPsec server?)");
	d.failure = IPSEC_FAILURE_IKE_PROPOSAL;
	ipsec_failure_describe(&d, &p, &caps, 55, buf, sizeof(buf));
	g_assert_nonnull(strstr(buf, "aes256-sha2_256-modp2048"));
	g_assert_nonnull(strstr(buf, "modp1024"));
	d.failure = IPSEC_FAILURE_ESP_PROPOSAL;
	ipsec_failure_describe(&d, &p, &caps, 55, buf, sizeof(buf));
	g_assert_nonnull(strstr(buf, "aes256-sha1,aes128-sha1,3des-sha1"));
	d.failure = IPSEC_FAILURE_PSK_MISMATCH;
	ipsec_failure_describe(&d, &p, &caps, 55, buf, sizeof(buf));
	g_assert_nonnull(strstr(buf, "ipsec-psk"));
	d.failure = IPSEC_FAILURE_PEER_ID_ZERO;
	ipsec_failure_describe(&d, &p, &caps, 55, buf, sizeof(buf));
	g_assert_nonnull(strstr(buf, "0.0.0.0"));
	d.failure = IPSEC_FAILURE_IKEV1_DISABLED;
	ipsec_failure_describe(&d, &p, &caps, 55, buf, sizeof(buf));
	g_assert_nonnull(strstr(buf, "ikev1-policy=accept"));
}

static void test_trafficstatus(void)
{
	/* [doc] 4.x format from libreswan's whack_trafficstatus.c / test consoles. */
	const char *out = "006 #2: \"l2c-office\", type=ESP, add_time=1700000000, inBytes=1234, "
			  "outBytes=567, maxBytes=2^63B, id='192.0.2.2'\n";
	unsigned long long in = 0, sent = 0;

	g_assert_true(ipsec_trafficstatus_find(out, "l2c-office", &in, &sent));
	g_assert_cmpuint(in, ==, 1234);
	g_assert_cmpuint(sent, ==, 567);
	g_assert_false(ipsec_trafficstatus_find(out, "l2c-off", NULL, NULL));
	g_assert_false(ipsec_trafficstatus_find("", "l2c-office", NULL, NULL));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ipsec/diagnose/success", test_success);
	g_test_add_func("/ipsec/diagnose/port-unreachable", test_port_unreachable);
	g_test_add_func("/ipsec/diagnose/no-response", test_no_response);
	g_test_add_func("/ipsec/diagnose/psk-mismatch", test_psk_mismatch);
	g_test_add_func("/ipsec/diagnose/ike-proposal", test_ike_proposal);
	g_test_add_func("/ipsec/diagnose/esp-proposal", test_esp_proposal);
	g_test_add_func("/ipsec/diagnose/traffic-selector", test_traffic_selector);
	g_test_add_func("/ipsec/diagnose/peer-id", test_peer_id);
	g_test_add_func("/ipsec/diagnose/ikev1-disabled", test_ikev1_disabled);
	g_test_add_func("/ipsec/diagnose/kernel", test_kernel);
	g_test_add_func("/ipsec/diagnose/certificate", test_certificate);
	g_test_add_func("/ipsec/diagnose/unknown", test_unknown_keeps_last_line);
	g_test_add_func("/ipsec/diagnose/messages", test_messages_are_actionable);
	g_test_add_func("/ipsec/diagnose/trafficstatus", test_trafficstatus);
	return g_test_run();
}
