/* Which nickname our imported certificate got, from `certutil -L` listings. */
#include "config.h"

#include <errno.h>
#include <glib.h>

#include "ipsec/ipsec_certutil.h"

/* NSS 3.87 (Debian 12) after importing a CA with -t CT,, and a PKCS#12 file whose friendly
 * name is "lab client" (captured here). */
static const char listing[] =
    "\n"
    "Certificate Nickname                                         Trust Attributes\n"
    "                                                             SSL,S/MIME,JAR/XPI\n"
    "\n"
    "l2tp-connect machine-ca                                      CT,, \n"
    "lab client                                                   u,u,u\n";

static void test_finds_the_certificate_with_a_key(void)
{
	char nickname[64];

	g_assert_cmpint(ipsec_certutil_user_nickname(listing, nickname, sizeof(nickname)), ==, 0);
	g_assert_cmpstr(nickname, ==, "lab client");
}

/* pk12util names a certificate without friendly name after its subject; other trust flags
 * (P, w) may accompany u. */
static void test_subject_nickname_and_other_flags(void)
{
	const char *text = "CN=Lab CA,O=l2tp-connect lab                         C,,  \n"
			   "CN=client.lab,O=l2tp-connect lab                     Pu,Pu,Pu\r\n";
	char nickname[64];

	g_assert_cmpint(ipsec_certutil_user_nickname(text, nickname, sizeof(nickname)), ==, 0);
	g_assert_cmpstr(nickname, ==, "CN=client.lab,O=l2tp-connect lab");
}

static void test_none_without_a_key(void)
{
	const char *only_ca = "\nCertificate Nickname      Trust Attributes\n"
			      "                          SSL,S/MIME,JAR/XPI\n\n"
			      "machine-ca                CT,,\n";
	char nickname[64];

	g_assert_cmpint(ipsec_certutil_user_nickname(only_ca, nickname, sizeof(nickname)), ==,
			-ENOENT);
	g_assert_cmpint(ipsec_certutil_user_nickname("", nickname, sizeof(nickname)), ==, -ENOENT);
	/* A nickname that merely ends in "u,u,u"-like text is not a trust column. */
	g_assert_cmpint(ipsec_certutil_user_nickname("u,u,u\n", nickname, sizeof(nickname)), ==,
			-ENOENT);
}

static void test_too_long(void)
{
	char small[5];

	g_assert_cmpint(ipsec_certutil_user_nickname(listing, small, sizeof(small)), ==,
			-ENAMETOOLONG);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ipsec/certutil/user-nickname", test_finds_the_certificate_with_a_key);
	g_test_add_func("/ipsec/certutil/subject-nickname", test_subject_nickname_and_other_flags);
	g_test_add_func("/ipsec/certutil/no-key", test_none_without_a_key);
	g_test_add_func("/ipsec/certutil/too-long", test_too_long);
	return g_test_run();
}
