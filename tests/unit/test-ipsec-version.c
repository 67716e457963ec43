/* libreswan version strings as the tools print them, and what follows from them. */
#include "config.h"

#include <errno.h>
#include <glib.h>

#include "ipsec/ipsec_version.h"

static void check(const char *text, int major, int minor, int patch, enum ipsec_dialect dialect)
{
	struct ipsec_version v = {0};

	g_assert_cmpint(ipsec_version_parse(text, &v), ==, 0);
	g_assert_cmpint(v.major, ==, major);
	g_assert_cmpint(v.minor, ==, minor);
	g_assert_cmpint(v.patch, ==, patch);
	g_assert_cmpint(ipsec_dialect_for(&v), ==, dialect);
}

static void test_real_strings(void)
{
	/* Debian 12's `ipsec --version`, captured here. */
	check("Libreswan 4.10\n", 4, 10, 0, IPSEC_DIALECT_V4);
	check("Libreswan 4.12", 4, 12, 0, IPSEC_DIALECT_V4);
	check("Libreswan 5.0", 5, 0, 0, IPSEC_DIALECT_V5);
	check("Libreswan v5.2\n", 5, 2, 0, IPSEC_DIALECT_V5);
	check("Linux Libreswan U4.10/K6.1.0-13-amd64 (XFRM)\n", 4, 10, 0, IPSEC_DIALECT_V4);
	check("Linux Libreswan 3.32 (netkey) on 5.4.0", 3, 32, 0, IPSEC_DIALECT_V4);
	check("Libreswan 4.6.1", 4, 6, 1, IPSEC_DIALECT_V4);
}

static void test_not_libreswan(void)
{
	struct ipsec_version v;

	g_assert_cmpint(ipsec_version_parse("Linux strongSwan U5.9.8/K6.1.0-13-amd64", &v), ==,
			-ENOTSUP);
	g_assert_cmpint(ipsec_version_parse("", &v), ==, -EINVAL);
	g_assert_cmpint(ipsec_version_parse("ipsec: command not found", &v), ==, -EINVAL);
	g_assert_cmpint(ipsec_version_parse("Libreswan (unknown)", &v), ==, -EINVAL);
	g_assert_cmpint(ipsec_version_parse(NULL, &v), ==, -EINVAL);
}

static void test_caps_from_version(void)
{
	struct ipsec_version old = {3, 29, 0}, cur = {4, 10, 0};
	struct ipsec_caps caps;

	ipsec_caps_from_version(&old, &caps);
	g_assert_true(caps.has_modp1024);
	ipsec_caps_from_version(&cur, &caps);
	g_assert_false(caps.has_modp1024);
	g_assert_cmpint(caps.dialect, ==, IPSEC_DIALECT_V4);
}

static void test_algparse_answers(void)
{
	/* libreswan 4.10 on Debian 12 (exit 1), captured here. */
	g_assert_cmpint(ipsec_caps_modp1024_from_algparse(
			    1, "algparse -v1 'ike=aes128-sha1-modp1024'\n"
			       "\tERROR: IKE DH algorithm 'modp1024' is not supported\n"),
			==, 0);
	/* With USE_DH2=true the parsed proposal is echoed in upper case. */
	g_assert_cmpint(
	    ipsec_caps_modp1024_from_algparse(0, "algparse -v1 'ike=aes128-sha1-modp1024'\n"
						 "\tAES_CBC_128-HMAC_SHA1-MODP1024\n"),
	    ==, 1);
	/* The echoed command alone proves nothing. */
	g_assert_cmpint(
	    ipsec_caps_modp1024_from_algparse(0, "algparse -v1 'ike=aes128-sha1-modp1024'\n"), ==,
	    -EINVAL);
	g_assert_cmpint(
	    ipsec_caps_modp1024_from_algparse(127, "ipsec: unknown IPsec command \"algparse\"\n"),
	    ==, -EINVAL);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ipsec/version/real-strings", test_real_strings);
	g_test_add_func("/ipsec/version/not-libreswan", test_not_libreswan);
	g_test_add_func("/ipsec/version/caps-from-version", test_caps_from_version);
	g_test_add_func("/ipsec/version/algparse", test_algparse_answers);
	return g_test_run();
}
