/* Certificate + separate key -> PKCS#12 for pk12util. The temporary PKCS#12 file holds the key
 * encrypted under a random password only, and the caller removes it right after the import. */
#include "config.h"

#include "ipsec/ipsec_pkcs12.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#define RANDOM_BYTES 16

struct key_password {
	const char *password;
	bool asked; /* the key turned out to be encrypted */
};

static FILE *open_read(const char *path, int *err)
{
	FILE *f = fopen(path, "rbe");

	*err = f ? 0 : -errno;
	return f;
}

bool ipsec_pkcs12_is_pkcs12(const char *path)
{
	int err;
	FILE *f = open_read(path, &err);
	PKCS12 *p12;

	if (!f)
		return false;
	p12 = d2i_PKCS12_fp(f, NULL);
	fclose(f);
	ERR_clear_error();
	PKCS12_free(p12);
	return p12 != NULL;
}

int ipsec_pkcs12_random_password(char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char bytes[RANDOM_BYTES];

	if (size < 2 * RANDOM_BYTES + 1)
		return -EINVAL;
	if (RAND_bytes(bytes, sizeof(bytes)) != 1)
		return -EIO;
	for (size_t i = 0; i < sizeof(bytes); i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 0xf];
	}
	out[2 * RANDOM_BYTES] = '\0';
	OPENSSL_cleanse(bytes, sizeof(bytes));
	return 0;
}

/* The first certificate is ours; any after it in a PEM file are its chain. */
static int read_certs(const char *path, X509 **cert, STACK_OF(X509) * *chain)
{
	int err;
	FILE *f = open_read(path, &err);
	X509 *extra;

	if (!f)
		return err;
	*cert = PEM_read_X509(f, NULL, NULL, NULL);
	if (*cert) {
		*chain = sk_X509_new_null();
		while (*chain && (extra = PEM_read_X509(f, NULL, NULL, NULL)))
			if (!sk_X509_push(*chain, extra))
				X509_free(extra);
	} else {
		rewind(f);
		*cert = d2i_X509_fp(f, NULL);
	}
	fclose(f);
	ERR_clear_error();
	return *cert ? 0 : -ENOMSG;
}

static int give_password(char *buf, int size, int rwflag, void *u)
{
	struct key_password *kp = u;
	size_t len;

	(void)rwflag;
	kp->asked = true;
	if (!kp->password)
		return -1;
	len = strlen(kp->password);
	if (len > (size_t)size)
		return -1;
	memcpy(buf, kp->password, len);
	return (int)len;
}

static EVP_PKEY *read_key_file(FILE *f, struct key_password *kp)
{
	EVP_PKEY *key = PEM_read_PrivateKey(f, NULL, give_password, kp);

	if (key || kp->asked)
		return key;
	rewind(f);
	key = d2i_PKCS8PrivateKey_fp(f, NULL, give_password, kp);
	if (key || kp->asked)
		return key;
	rewind(f);
	return d2i_PrivateKey_fp(f, NULL);
}

static int read_key(const char *path, const char *password, EVP_PKEY **key)
{
	struct key_password kp = {.password = password, .asked = false};
	int err;
	FILE *f = open_read(path, &err);

	if (!f)
		return err;
	*key = read_key_file(f, &kp);
	fclose(f);
	ERR_clear_error();
	if (*key)
		return 0;
	return kp.asked ? -EKEYREJECTED : -ENOKEY;
}

static int write_p12(PKCS12 *p12, const char *out_path)
{
	int fd = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f;
	bool ok;

	if (fd < 0)
		return -errno;
	f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		unlink(out_path);
		return -EIO;
	}
	ok = i2d_PKCS12_fp(f, p12) == 1;
	ok = (fclose(f) == 0) && ok;
	if (!ok)
		unlink(out_path);
	return ok ? 0 : -EIO;
}

int ipsec_pkcs12_from_pem(const char *cert_path, const char *key_path, const char *key_password,
			  const char *p12_password, const char *friendly_name, const char *out_path)
{
	X509 *cert = NULL;
	STACK_OF(X509) *chain = NULL;
	EVP_PKEY *key = NULL;
	PKCS12 *p12 = NULL;
	int r = read_certs(cert_path, &cert, &chain);

	if (r == 0)
		r = read_key(key_path, key_password, &key);
	if (r == 0 && X509_check_private_key(cert, key) != 1)
		r = -EINVAL;
	if (r == 0) {
		/* 0 for the algorithms and iterations: libcrypto's defaults, which pk12util reads.
		 */
		p12 = PKCS12_create(p12_password, friendly_name, key, cert, chain, 0, 0, 0, 0, 0);
		r = p12 ? write_p12(p12, out_path) : -EIO;
	}
	ERR_clear_error();
	PKCS12_free(p12);
	EVP_PKEY_free(key);
	sk_X509_pop_free(chain, X509_free);
	X509_free(cert);
	return r;
}
