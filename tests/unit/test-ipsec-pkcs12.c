/* Certificate + key files -> PKCS#12: the result opens with the password and holds the same
 * certificate, key and chain; wrong inputs fail with their own codes and leave no file. */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "ipsec/ipsec_cadn.h"
#include "ipsec/ipsec_pkcs12.h"

#define KEY_PASS "key-pass-123"
#define P12_PASS "0123456789abcdef0123456789abcdef"

static char *dir;

static char *path(const char *name)
{
	return g_build_filename(dir, name, NULL);
}

static EVP_PKEY *make_key(void)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
	EVP_PKEY *key = NULL;

	g_assert_nonnull(ctx);
	g_assert_cmpint(EVP_PKEY_keygen_init(ctx), ==, 1);
	g_assert_cmpint(EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx, NID_X9_62_prime256v1), ==, 1);
	g_assert_cmpint(EVP_PKEY_keygen(ctx, &key), ==, 1);
	EVP_PKEY_CTX_free(ctx);
	return key;
}

/* Self-signed when issuer_key is NULL. */
static X509 *make_cert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key)
{
	X509 *cert = X509_new();
	X509_NAME *name = X509_NAME_new();

	X509_set_version(cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
	X509_gmtime_adj(X509_getm_notBefore(cert), 0);
	X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(cert, name);
	X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
	X509_set_pubkey(cert, key);
	g_assert_cmpint(X509_sign(cert, issuer_key ? issuer_key : key, EVP_sha256()), >, 0);
	X509_NAME_free(name);
	return cert;
}

static FILE *create(const char *name)
{
	g_autofree char *p = path(name);
	FILE *f = fopen(p, "wb");

	g_assert_nonnull(f);
	return f;
}

struct fixture {
	EVP_PKEY *ca_key, *key, *other_key;
	X509 *ca, *cert;
};

static struct fixture fx;

static void write_fixtures(void)
{
	FILE *f;

	fx.ca_key = make_key();
	fx.key = make_key();
	fx.other_key = make_key();
	fx.ca = make_cert("Test CA", fx.ca_key, NULL, NULL);
	fx.cert = make_cert("client.test", fx.key, fx.ca, fx.ca_key);

	f = create("cert.pem");
	PEM_write_X509(f, fx.cert);
	fclose(f);
	f = create("cert.der");
	i2d_X509_fp(f, fx.cert);
	fclose(f);
	f = create("key.pem"); /* PKCS#8, clear */
	PEM_write_PKCS8PrivateKey(f, fx.key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	f = create("key-enc.pem");
	PEM_write_PKCS8PrivateKey(f, fx.key, EVP_aes_256_cbc(), NULL, 0, NULL, KEY_PASS);
	fclose(f);
	f = create("key-enc.der");
	i2d_PKCS8PrivateKey_fp(f, fx.key, EVP_aes_256_cbc(), NULL, 0, NULL, KEY_PASS);
	fclose(f);
	f = create("key-trad.pem"); /* "BEGIN EC PRIVATE KEY" */
	{
		BIO *bio = BIO_new_fp(f, BIO_NOCLOSE);

		PEM_write_bio_PrivateKey_traditional(bio, fx.key, NULL, NULL, 0, NULL, NULL);
		BIO_free(bio);
	}
	fclose(f);
	f = create("other-key.pem");
	PEM_write_PKCS8PrivateKey(f, fx.other_key, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	/* One file: key, certificate, then its CA. */
	f = create("combined.pem");
	PEM_write_PKCS8PrivateKey(f, fx.key, NULL, NULL, 0, NULL, NULL);
	PEM_write_X509(f, fx.cert);
	PEM_write_X509(f, fx.ca);
	fclose(f);
}

static int convert(const char *cert, const char *key, const char *key_pass, const char *out)
{
	g_autofree char *c = path(cert), *k = path(key), *o = path(out);

	return ipsec_pkcs12_from_pem(c, k, key_pass, P12_PASS, "l2c-test", o);
}

static bool exists(const char *name)
{
	g_autofree char *p = path(name);

	return g_file_test(p, G_FILE_TEST_EXISTS);
}

/* Opens `name` with P12_PASS and checks it holds our certificate and key, and `chain_len`
 * further certificates. */
static void assert_p12_holds_ours(const char *name, int chain_len)
{
	g_autofree char *p = path(name);
	FILE *f = fopen(p, "rb");
	PKCS12 *p12;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	int alias_len = 0;
	unsigned char *alias;
	struct stat st;

	g_assert_nonnull(f);
	p12 = d2i_PKCS12_fp(f, NULL);
	fclose(f);
	g_assert_nonnull(p12);
	g_assert_cmpint(PKCS12_parse(p12, P12_PASS, &key, &cert, &ca), ==, 1);
	g_assert_cmpint(X509_cmp(cert, fx.cert), ==, 0);
	g_assert_cmpint(EVP_PKEY_cmp(key, fx.key), ==, 1);
	g_assert_cmpint(ca ? sk_X509_num(ca) : 0, ==, chain_len);
	alias = X509_alias_get0(cert, &alias_len);
	g_assert_cmpmem(alias, alias_len, "l2c-test", 8);
	g_assert_cmpint(stat(p, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);
	g_assert_true(ipsec_pkcs12_is_pkcs12(p));
	sk_X509_pop_free(ca, X509_free);
	X509_free(cert);
	EVP_PKEY_free(key);
	PKCS12_free(p12);
	g_unlink(p);
}

static void test_pem_cert_clear_pkcs8_key(void)
{
	g_assert_cmpint(convert("cert.pem", "key.pem", NULL, "out.p12"), ==, 0);
	assert_p12_holds_ours("out.p12", 0);
}

static void test_traditional_key(void)
{
	g_assert_cmpint(convert("cert.pem", "key-trad.pem", NULL, "out.p12"), ==, 0);
	assert_p12_holds_ours("out.p12", 0);
}

static void test_encrypted_pem_key(void)
{
	g_assert_cmpint(convert("cert.pem", "key-enc.pem", KEY_PASS, "out.p12"), ==, 0);
	assert_p12_holds_ours("out.p12", 0);
}

static void test_der_cert_encrypted_der_key(void)
{
	g_assert_cmpint(convert("cert.der", "key-enc.der", KEY_PASS, "out.p12"), ==, 0);
	assert_p12_holds_ours("out.p12", 0);
}

static void test_combined_file_with_chain(void)
{
	g_assert_cmpint(convert("combined.pem", "combined.pem", NULL, "out.p12"), ==, 0);
	assert_p12_holds_ours("out.p12", 1);
}

static void test_wrong_or_missing_key_password(void)
{
	g_assert_cmpint(convert("cert.pem", "key-enc.pem", "wrong", "out.p12"), ==, -EKEYREJECTED);
	g_assert_cmpint(convert("cert.pem", "key-enc.pem", NULL, "out.p12"), ==, -EKEYREJECTED);
	g_assert_cmpint(convert("cert.der", "key-enc.der", "wrong", "out.p12"), ==, -EKEYREJECTED);
	g_assert_false(exists("out.p12"));
}

static void test_key_of_another_certificate(void)
{
	g_assert_cmpint(convert("cert.pem", "other-key.pem", NULL, "out.p12"), ==, -EINVAL);
	g_assert_false(exists("out.p12"));
}

static void test_files_of_the_wrong_kind(void)
{
	g_assert_cmpint(convert("key.pem", "key.pem", NULL, "out.p12"), ==, -ENOMSG);
	g_assert_cmpint(convert("cert.pem", "cert.pem", NULL, "out.p12"), ==, -ENOKEY);
	g_assert_cmpint(convert("cert.pem", "cert.der", NULL, "out.p12"), ==, -ENOKEY);
	g_assert_cmpint(convert("missing.pem", "key.pem", NULL, "out.p12"), ==, -ENOENT);
	g_assert_cmpint(convert("cert.pem", "missing.pem", NULL, "out.p12"), ==, -ENOENT);
	g_assert_false(exists("out.p12"));
}

static void test_never_overwrites(void)
{
	g_autofree char *p = path("taken.p12");
	g_autofree char *text = NULL;

	g_assert_true(g_file_set_contents(p, "keep", -1, NULL));
	g_assert_cmpint(convert("cert.pem", "key.pem", NULL, "taken.p12"), ==, -EEXIST);
	g_assert_true(g_file_get_contents(p, &text, NULL, NULL));
	g_assert_cmpstr(text, ==, "keep");
	g_unlink(p);
}

static void test_is_pkcs12(void)
{
	g_autofree char *pem = path("cert.pem"), *der = path("cert.der"),
			*missing = path("missing");

	g_assert_false(ipsec_pkcs12_is_pkcs12(pem));
	g_assert_false(ipsec_pkcs12_is_pkcs12(der));
	g_assert_false(ipsec_pkcs12_is_pkcs12(missing));
}

static void test_random_password(void)
{
	char a[33], b[40], small[32];

	g_assert_cmpint(ipsec_pkcs12_random_password(a, sizeof(a)), ==, 0);
	g_assert_cmpint(ipsec_pkcs12_random_password(b, sizeof(b)), ==, 0);
	g_assert_cmpuint(strlen(a), ==, 32);
	g_assert_cmpuint(strspn(a, "0123456789abcdef"), ==, 32);
	g_assert_cmpstr(a, !=, b);
	g_assert_cmpint(ipsec_pkcs12_random_password(small, sizeof(small)), ==, -EINVAL);
}

/* --- The CA's subject DN for rightca (ipsec_cadn.c) ----------------------------------- */

/* A self-signed CA named by `entries` ("C", "DE", "O", "Example Org", ... NULL); an entry
 * "+" joins the next attribute to the previous RDN (a multi-valued RDN). */
static void write_ca_named(const char *file, bool der, const char *const *entries)
{
	X509 *cert = X509_new();
	X509_NAME *name = X509_NAME_new();
	FILE *f;
	int set = 0; /* 0: a new RDN; -1: joins the previous one */

	for (int i = 0; entries[i]; i += 2) {
		if (strcmp(entries[i], "+") == 0) {
			set = -1;
			i--;
			continue;
		}
		X509_NAME_add_entry_by_txt(name, entries[i], MBSTRING_ASC,
					   (const unsigned char *)entries[i + 1], -1, -1, set);
		set = 0;
	}
	X509_set_version(cert, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
	X509_gmtime_adj(X509_getm_notBefore(cert), 0);
	X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
	X509_set_subject_name(cert, name);
	X509_set_issuer_name(cert, name);
	X509_set_pubkey(cert, fx.ca_key);
	g_assert_cmpint(X509_sign(cert, fx.ca_key, EVP_sha256()), >, 0);
	f = create(file);
	if (der)
		i2d_X509_fp(f, cert);
	else
		PEM_write_X509(f, cert);
	fclose(f);
	X509_NAME_free(name);
	X509_free(cert);
}

static int ca_dn(const char *file, char **dn)
{
	g_autofree char *p = path(file);

	*dn = NULL;
	return ipsec_ca_subject_dn(p, dn);
}

static void test_ca_dn_in_certificate_order(void)
{
	static const char *const entries[] = {"C", "DE", "O", "Example Org", "CN", "Example CA",
					      NULL};
	char *dn;

	write_ca_named("ca-dn.pem", false, entries);
	write_ca_named("ca-dn.der", true, entries);
	g_assert_cmpint(ca_dn("ca-dn.pem", &dn), ==, 0);
	g_assert_cmpstr(dn, ==, "C=DE, O=Example Org, CN=Example CA");
	free(dn);
	g_assert_cmpint(ca_dn("ca-dn.der", &dn), ==, 0);
	g_assert_cmpstr(dn, ==, "C=DE, O=Example Org, CN=Example CA");
	free(dn);
}

/* What libreswan would need escaped is not pinned rather than written wrongly. */
static void test_ca_dn_refuses_what_needs_escaping(void)
{
	static const char *const comma[] = {"O", "Acme, Inc.", "CN", "Acme CA", NULL};
	static const char *const quote[] = {"CN", "The \"CA\"", NULL};
	static const char *const multi[] = {"O", "Acme", "+", "OU", "VPN", "CN", "Acme CA", NULL};
	char *dn;

	write_ca_named("ca-comma.pem", false, comma);
	write_ca_named("ca-quote.pem", false, quote);
	write_ca_named("ca-multi.pem", false, multi);
	g_assert_cmpint(ca_dn("ca-comma.pem", &dn), ==, -EILSEQ);
	g_assert_null(dn);
	g_assert_cmpint(ca_dn("ca-quote.pem", &dn), ==, -EILSEQ);
	g_assert_cmpint(ca_dn("ca-multi.pem", &dn), ==, -EILSEQ);
	g_assert_cmpint(ca_dn("key.pem", &dn), ==, -ENOMSG);
	g_assert_cmpint(ca_dn("no-such-file.pem", &dn), ==, -ENOENT);
}

int main(int argc, char **argv)
{
	int r;

	g_test_init(&argc, &argv, NULL);
	dir = g_dir_make_tmp("test-ipsec-pkcs12-XXXXXX", NULL);
	g_assert_nonnull(dir);
	write_fixtures();
	g_test_add_func("/ipsec/pkcs12/pem-cert-clear-pkcs8-key", test_pem_cert_clear_pkcs8_key);
	g_test_add_func("/ipsec/pkcs12/traditional-key", test_traditional_key);
	g_test_add_func("/ipsec/pkcs12/encrypted-pem-key", test_encrypted_pem_key);
	g_test_add_func("/ipsec/pkcs12/der-cert-encrypted-der-key",
			test_der_cert_encrypted_der_key);
	g_test_add_func("/ipsec/pkcs12/combined-file-with-chain", test_combined_file_with_chain);
	g_test_add_func("/ipsec/pkcs12/wrong-or-missing-key-password",
			test_wrong_or_missing_key_password);
	g_test_add_func("/ipsec/pkcs12/key-of-another-certificate",
			test_key_of_another_certificate);
	g_test_add_func("/ipsec/pkcs12/files-of-the-wrong-kind", test_files_of_the_wrong_kind);
	g_test_add_func("/ipsec/pkcs12/never-overwrites", test_never_overwrites);
	g_test_add_func("/ipsec/cadn/certificate-order", test_ca_dn_in_certificate_order);
	g_test_add_func("/ipsec/cadn/refuses-what-needs-escaping",
			test_ca_dn_refuses_what_needs_escaping);
	g_test_add_func("/ipsec/pkcs12/is-pkcs12", test_is_pkcs12);
	g_test_add_func("/ipsec/pkcs12/random-password", test_random_password);
	r = g_test_run();
	{
		const char *names[] = {"cert.pem",	"cert.der",	"key.pem",
				       "key-enc.pem",	"key-enc.der",	"key-trad.pem",
				       "other-key.pem", "combined.pem", NULL};
		for (const char **n = names; *n; n++) {
			g_autofree char *p = path(*n);
			g_unlink(p);
		}
	}
	g_rmdir(dir);
	g_free(dir);
	EVP_PKEY_free(fx.ca_key);
	EVP_PKEY_free(fx.key);
	EVP_PKEY_free(fx.other_key);
	X509_free(fx.ca);
	X509_free(fx.cert);
	return r;
}
