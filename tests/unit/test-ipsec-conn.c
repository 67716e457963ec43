/* The libreswan connection rendering: exact texts for both dialects, every profile key, and
 * hostile values refused with the field named. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ipsec/ipsec_conn.h"

static const struct ipsec_caps caps_410 = {{4, 10, 0}, IPSEC_DIALECT_V4, false};
static const struct ipsec_caps caps_52 = {{5, 2, 0}, IPSEC_DIALECT_V5, false};
static const struct ipsec_caps caps_dh2 = {{4, 12, 0}, IPSEC_DIALECT_V4, true};
static const struct ipsec_caps caps_43 = {{4, 3, 0}, IPSEC_DIALECT_V4, false};

static struct ipsec_conn_params base_params(void)
{
	struct ipsec_conn_params p = {0};

	p.name = "l2c-office";
	p.gateway = "203.0.113.5";
	return p;
}

static char *render_ok(const struct ipsec_conn_params *p, const struct ipsec_caps *caps)
{
	struct ipsec_error err = {{0}};
	char *text = NULL;
	int r = ipsec_conn_render(p, caps, &text, &err);

	if (r != 0)
		g_test_message("unexpected error in %s: %s", err.field, err.text);
	g_assert_cmpint(r, ==, 0);
	g_assert_nonnull(text);
	return text;
}

static void test_defaults_v4(void)
{
	struct ipsec_conn_params p = base_params();
	char *text = render_ok(&p, &caps_410);

	g_assert_cmpstr(
	    text, ==,
	    "# Written by l2tp-connect for one connection; removed when it ends.\n"
	    "config setup\n"
	    "\tikev1-policy=accept\n"
	    "\n"
	    "conn l2c-office\n"
	    "\ttype=transport\n"
	    "\tauthby=secret\n"
	    "\tleft=%defaultroute\n"
	    "\tleftprotoport=17/1701\n"
	    "\tleftupdown=%disabled\n"
	    "\tright=203.0.113.5\n"
	    "\trightid=%any\n"
	    "\trightprotoport=17/1701\n"
	    "\tikev2=no\n"
	    "\tike=aes256-sha2_256-modp2048,aes256-sha2_256-modp1536,aes256-sha1-modp2048,"
	    "aes256-sha1-modp1536,aes256-sha1-ecp_384,aes128-sha1-ecp_256,"
	    "3des-sha1-modp2048\n"
	    "\tesp=aes256-sha1,aes128-sha1,3des-sha1\n"
	    "\tretransmit-timeout=15s\n"
	    "\tauto=add\n");
	free(text);
}

static void test_defaults_v5(void)
{
	struct ipsec_conn_params p = base_params();
	char *text = render_ok(&p, &caps_52);

	g_assert_cmpstr(
	    text, ==,
	    "# Written by l2tp-connect for one connection; removed when it ends.\n"
	    "config setup\n"
	    "\tikev1-policy=accept\n"
	    "\n"
	    "conn l2c-office\n"
	    "\ttype=transport\n"
	    "\tauthby=secret\n"
	    "\tleft=%defaultroute\n"
	    "\tleftprotoport=17/1701\n"
	    "\tleftupdown=%disabled\n"
	    "\tright=203.0.113.5\n"
	    "\trightid=%any\n"
	    "\trightprotoport=17/1701\n"
	    "\tkeyexchange=ikev1\n"
	    "\tike=aes256-sha2_256-modp2048,aes256-sha2_256-modp1536,aes256-sha1-modp2048,"
	    "aes256-sha1-modp1536,aes256-sha1-ecp_384,aes128-sha1-ecp_256,"
	    "3des-sha1-modp2048\n"
	    "\tesp=aes256-sha1,aes128-sha1,3des-sha1\n"
	    "\tretransmit-timeout=15s\n"
	    "\tauto=add\n");
	free(text);
}

static void test_default_ike_keeps_modp1024_when_built_in(void)
{
	g_assert_nonnull(strstr(ipsec_default_ike(&caps_dh2), "3des-sha1-modp1024"));
	g_assert_nonnull(strstr(ipsec_default_ike(&caps_dh2), "aes128-sha1-modp1024"));
	g_assert_null(strstr(ipsec_default_ike(&caps_410), "modp1024"));
}

static void test_old_libreswan_has_no_ikev1_policy_line(void)
{
	struct ipsec_conn_params p = base_params();
	char *text = render_ok(&p, &caps_43);

	g_assert_null(strstr(text, "ikev1-policy"));
	free(text);
}

static void test_every_key_v4(void)
{
	struct ipsec_conn_params p = base_params();
	char *text;

	p.local_port_ephemeral = true;
	p.remote_port_any = true;
	p.local_id = "vpngroup";
	p.remote_id = "@vpn.example.com";
	p.ike = "aes128-sha1-modp2048,3des-sha1-modp1024!";
	p.esp = "aes128-sha1";
	p.pfs = IPSEC_OPT_NO;
	p.ikelifetime = 3600;
	p.salifetime = 28800;
	p.dpd_delay = 30;
	p.dpd_timeout = 120;
	p.forceencaps = IPSEC_OPT_YES;
	p.ipcomp = IPSEC_OPT_NO;
	p.retransmit_timeout = 10;
	text = render_ok(&p, &caps_410);
	g_assert_cmpstr(strstr(text, "conn "), ==,
			"conn l2c-office\n"
			"\ttype=transport\n"
			"\tauthby=secret\n"
			"\tleft=%defaultroute\n"
			"\tleftprotoport=17/%any\n"
			"\tleftupdown=%disabled\n"
			"\tleftid=@vpngroup\n"
			"\tright=203.0.113.5\n"
			"\trightid=@vpn.example.com\n"
			"\trightprotoport=17/%any\n"
			"\tikev2=no\n"
			"\tike=aes128-sha1-modp2048\n"
			"\tesp=aes128-sha1\n"
			"\tpfs=no\n"
			"\tikelifetime=3600s\n"
			"\tsalifetime=28800s\n"
			"\tdpddelay=30s\n"
			"\tdpdtimeout=120s\n"
			"\tdpdaction=clear\n"
			"\tretransmit-timeout=10s\n"
			"\tencapsulation=yes\n"
			"\tcompress=no\n"
			"\tauto=add\n");
	free(text);
}

/* pluto cannot initiate with "any" port on its own side: the chosen port is named. */
static void test_chosen_local_port(void)
{
	struct ipsec_conn_params p = base_params();
	struct ipsec_error err = {{0}};
	char *text;

	p.local_port_ephemeral = true;
	p.local_port = 40123;
	text = render_ok(&p, &caps_410);
	g_assert_nonnull(strstr(text, "\tleftprotoport=17/40123\n"));
	g_assert_nonnull(strstr(text, "\trightprotoport=17/1701\n"));
	free(text);
	p.local_port = 70000;
	text = NULL;
	g_assert_cmpint(ipsec_conn_render(&p, &caps_410, &text, &err), ==, -EINVAL);
	g_assert_null(text);
	g_assert_cmpstr(err.field, ==, "ephemeral-port");
}

static void test_certificate_and_ikev2_v5(void)
{
	struct ipsec_conn_params p = base_params();
	char *text;

	p.auth = IPSEC_AUTH_CERT;
	p.cert_nickname = "laptop cert";
	p.ike_version = IPSEC_IKE_V2;
	p.remote_id = "CN=vpn.example.com, O=Example";
	p.dpd_delay = 10;
	text = render_ok(&p, &caps_52);
	g_assert_cmpstr(strstr(text, "conn "), ==,
			"conn l2c-office\n"
			"\ttype=transport\n"
			"\tauthby=rsasig\n"
			"\tleft=%defaultroute\n"
			"\tleftprotoport=17/1701\n"
			"\tleftupdown=%disabled\n"
			"\tleftcert=\"laptop cert\"\n"
			"\tright=203.0.113.5\n"
			"\trightid=\"CN=vpn.example.com, O=Example\"\n"
			"\trightprotoport=17/1701\n"
			"\tkeyexchange=ikev2\n"
			"\tdpddelay=10s\n"
			"\tretransmit-timeout=15s\n"
			"\tauto=add\n");
	/* IKEv2 only: no IKEv1 policy needed. */
	g_assert_null(strstr(text, "ikev1-policy"));
	free(text);
}

static void test_certificate_v4_names_keys(void)
{
	struct ipsec_conn_params p = base_params();
	char *text;

	p.auth = IPSEC_AUTH_CERT;
	p.cert_nickname = "laptop";
	p.ike_version = IPSEC_IKE_V2;
	text = render_ok(&p, &caps_410);
	g_assert_nonnull(strstr(text, "\tleftcert=\"laptop\"\n\tleftrsasigkey=%cert\n"));
	g_assert_nonnull(strstr(text, "\trightrsasigkey=%cert\n"));
	g_assert_nonnull(strstr(text, "\tikev2=insist\n"));
	free(text);
}

/* The server's certificate pinned to the profile's CA; not for a PSK, where no certificate
 * is checked. */
static void test_certificate_pinned_to_ca(void)
{
	struct ipsec_conn_params p = base_params();
	char *text;

	p.auth = IPSEC_AUTH_CERT;
	p.cert_nickname = "laptop";
	p.remote_ca = "C=DE, O=Example Org, CN=Example CA";
	text = render_ok(&p, &caps_410);
	g_assert_nonnull(strstr(text, "\trightrsasigkey=%cert\n"
				      "\trightca=\"C=DE, O=Example Org, CN=Example CA\"\n"));
	free(text);
	text = render_ok(&p, &caps_52);
	g_assert_nonnull(strstr(text, "\trightprotoport=17/1701\n"
				      "\trightca=\"C=DE, O=Example Org, CN=Example CA\"\n"));
	free(text);
	p.auth = IPSEC_AUTH_PSK;
	text = render_ok(&p, &caps_410);
	g_assert_null(strstr(text, "rightca"));
	free(text);
}

/* Each hostile value must be refused before anything is written, naming its key. */
static void expect_refused(struct ipsec_conn_params p, const char *field)
{
	struct ipsec_error err = {{0}};
	char *text = (char *)"untouched";

	g_assert_cmpint(ipsec_conn_render(&p, &caps_410, &text, &err), ==, -EINVAL);
	g_assert_null(text);
	g_assert_cmpstr(err.field, ==, field);
	g_assert_cmpuint(strlen(err.text), >, 0);
}

static void test_injection_refused(void)
{
	struct ipsec_conn_params p;

	p = base_params(), p.gateway = "203.0.113.5\n\tleftupdown=/tmp/x";
	expect_refused(p, "gateway");
	p = base_params(), p.gateway = "vpn.example.com #x";
	expect_refused(p, "gateway");
	p = base_params(), p.gateway = "";
	expect_refused(p, "gateway");
	p = base_params(), p.name = "a\nconn evil";
	expect_refused(p, "name");
	p = base_params(), p.name = "../../etc";
	expect_refused(p, "name");
	p = base_params(), p.remote_id = "@vpn\"\n\tleftupdown=x";
	expect_refused(p, "ipsec-remote-id");
	p = base_params(), p.remote_id = "CN=x # comment";
	expect_refused(p, "ipsec-remote-id");
	p = base_params(), p.remote_id = "@";
	expect_refused(p, "ipsec-remote-id");
	p = base_params(), p.local_id = "%any";
	expect_refused(p, "ipsec-group-name");
	p = base_params(), p.local_id = "group name";
	expect_refused(p, "ipsec-group-name");
	p = base_params(), p.ike = "aes256-sha1\n\tauto=start";
	expect_refused(p, "ipsec-ike");
	p = base_params(), p.ike = "aes256--sha1";
	expect_refused(p, "ipsec-ike");
	p = base_params(), p.ike = "aes256-sha1,";
	expect_refused(p, "ipsec-ike");
	p = base_params(), p.esp = "aes 256";
	expect_refused(p, "ipsec-esp");
	p = base_params(), p.esp = "aes\"";
	expect_refused(p, "ipsec-esp");
	p = base_params(), p.auth = IPSEC_AUTH_CERT, p.cert_nickname = "x\"\n";
	expect_refused(p, "machine-cert");
	p = base_params(), p.auth = IPSEC_AUTH_CERT, p.cert_nickname = NULL;
	expect_refused(p, "machine-cert");
	p = base_params(), p.auth = IPSEC_AUTH_CERT, p.cert_nickname = "c";
	p.remote_ca = "CN=CA\"\n\tleftid=%any";
	expect_refused(p, "machine-ca");
	p.remote_ca = "CN=CA\\\"";
	expect_refused(p, "machine-ca");
	p.remote_ca = "CN=Zertifizierungsstelle M\xc3\xbcnchen";
	expect_refused(p, "machine-ca");
	p.remote_ca = "no equals sign";
	expect_refused(p, "machine-ca");
	p = base_params(), p.ikelifetime = 100000;
	expect_refused(p, "ipsec-ikelifetime");
	p = base_params(), p.salifetime = 90000;
	expect_refused(p, "ipsec-salifetime");
	p = base_params(), p.dpd_delay = 30;
	expect_refused(p, "dpd-timeout");
}

static void test_only_modp1024_proposals_refused_without_dh2(void)
{
	struct ipsec_conn_params p = base_params();
	struct ipsec_error err = {{0}};
	char *text = NULL;

	p.ike = "3des-sha1-modp1024,aes128-sha1-dh2";
	expect_refused(p, "ipsec-ike");
	/* The same list is fine where DH2 is built in. */
	g_assert_cmpint(ipsec_conn_render(&p, &caps_dh2, &text, &err), ==, 0);
	g_assert_nonnull(strstr(text, "\tike=3des-sha1-modp1024,aes128-sha1-dh2\n"));
	free(text);
}

static void test_usable_proposals_filter(void)
{
	int err = 1;
	char *out = ipsec_proposals_usable("aes-sha1-modp1024,aes-sha1-MODP2048,3des-md5-modp768!",
					   &caps_410, &err);

	g_assert_cmpint(err, ==, 0);
	g_assert_cmpstr(out, ==, "aes-sha1-MODP2048");
	free(out);
	/* "modp10240" is not modp1024. */
	out = ipsec_proposals_usable("aes-sha2;modp10240", &caps_410, &err);
	g_assert_cmpstr(out, ==, "aes-sha2;modp10240");
	free(out);
}

static void test_secrets_psk_base64(void)
{
	struct ipsec_conn_params p = base_params();
	struct ipsec_error err = {{0}};
	const char psk[] = "p\"s k#\n\\";
	char *line = NULL;

	g_assert_cmpint(ipsec_secrets_render(&p, psk, strlen(psk), &line, &err), ==, 0);
	g_assert_cmpstr(line, ==, "%any 203.0.113.5 : PSK 0scCJzIGsjClw=\n");
	ipsec_secret_free(line);
}

static void test_secrets_indices(void)
{
	struct ipsec_conn_params p = base_params();
	struct ipsec_error err = {{0}};
	char *line = NULL;

	p.remote_id = "@vpn.example.com";
	g_assert_cmpint(ipsec_secrets_render(&p, "abc", 3, &line, &err), ==, 0);
	g_assert_cmpstr(line, ==, "%any 203.0.113.5 @vpn.example.com : PSK 0sYWJj\n");
	ipsec_secret_free(line);

	p.remote_id = "203.0.113.5";
	g_assert_cmpint(ipsec_secrets_render(&p, "ab", 2, &line, &err), ==, 0);
	g_assert_cmpstr(line, ==, "%any 203.0.113.5 : PSK 0sYWI=\n");
	ipsec_secret_free(line);

	/* A DNS gateway and no usable ID: the catch-all form. */
	p.gateway = "vpn.example.com";
	p.remote_id = NULL;
	g_assert_cmpint(ipsec_secrets_render(&p, "a", 1, &line, &err), ==, 0);
	g_assert_cmpstr(line, ==, ": PSK 0sYQ==\n");
	ipsec_secret_free(line);
}

static void test_secrets_refuse_empty_key(void)
{
	struct ipsec_conn_params p = base_params();
	struct ipsec_error err = {{0}};
	char *line = NULL;

	g_assert_cmpint(ipsec_secrets_render(&p, "", 0, &line, &err), ==, -EINVAL);
	g_assert_null(line);
	g_assert_cmpstr(err.field, ==, "ipsec-psk");
}

static void test_ipv6_gateway(void)
{
	struct ipsec_conn_params p = base_params();
	char *text;

	p.gateway = "2001:db8::5";
	text = render_ok(&p, &caps_410);
	g_assert_nonnull(strstr(text, "\tright=2001:db8::5\n"));
	free(text);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ipsec/conn/defaults-libreswan4", test_defaults_v4);
	g_test_add_func("/ipsec/conn/defaults-libreswan5", test_defaults_v5);
	g_test_add_func("/ipsec/conn/default-ike-with-dh2",
			test_default_ike_keeps_modp1024_when_built_in);
	g_test_add_func("/ipsec/conn/no-ikev1-policy-before-4.6",
			test_old_libreswan_has_no_ikev1_policy_line);
	g_test_add_func("/ipsec/conn/every-key-libreswan4", test_every_key_v4);
	g_test_add_func("/ipsec/conn/chosen-local-port", test_chosen_local_port);
	g_test_add_func("/ipsec/conn/certificate-ikev2-libreswan5", test_certificate_and_ikev2_v5);
	g_test_add_func("/ipsec/conn/certificate-libreswan4", test_certificate_v4_names_keys);
	g_test_add_func("/ipsec/conn/certificate-pinned-to-ca", test_certificate_pinned_to_ca);
	g_test_add_func("/ipsec/conn/injection-refused", test_injection_refused);
	g_test_add_func("/ipsec/conn/modp1024-only-refused",
			test_only_modp1024_proposals_refused_without_dh2);
	g_test_add_func("/ipsec/conn/usable-proposals", test_usable_proposals_filter);
	g_test_add_func("/ipsec/conn/secrets-base64", test_secrets_psk_base64);
	g_test_add_func("/ipsec/conn/secrets-indices", test_secrets_indices);
	g_test_add_func("/ipsec/conn/secrets-empty-key", test_secrets_refuse_empty_key);
	g_test_add_func("/ipsec/conn/ipv6-gateway", test_ipv6_gateway);
	return g_test_run();
}
