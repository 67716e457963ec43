/* Why not X509_NAME_print_ex(): its RFC 2253 mode writes the RDNs in reverse order and
 * escapes with backslashes, neither of which libreswan's DN parser reads the way the
 * certificate means it. We write only DNs that need no escaping at all. */
#include "config.h"

#include "ipsec/ipsec_cadn.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "ipsec/ipsec_conn.h"

/* OpenSSL's short names that libreswan's DN parser knows under the same or another name. */
static const struct {
	int nid;
	const char *key;
} known_types[] = {
    {NID_countryName, "C"},
    {NID_stateOrProvinceName, "ST"},
    {NID_localityName, "L"},
    {NID_organizationName, "O"},
    {NID_organizationalUnitName, "OU"},
    {NID_commonName, "CN"},
    {NID_domainComponent, "DC"},
    {NID_userId, "UID"},
    {NID_serialNumber, "serialNumber"},
    {NID_pkcs9_emailAddress, "E"},
};

static const char *type_key(int nid)
{
	for (size_t i = 0; i < sizeof(known_types) / sizeof(known_types[0]); i++) {
		if (known_types[i].nid == nid)
			return known_types[i].key;
	}
	return NULL;
}

static X509 *read_cert(const char *path, int *err)
{
	FILE *f = fopen(path, "rbe");
	X509 *cert;

	if (!f) {
		*err = -errno;
		return NULL;
	}
	cert = PEM_read_X509(f, NULL, NULL, NULL);
	if (!cert) {
		rewind(f);
		cert = d2i_X509_fp(f, NULL);
	}
	fclose(f);
	ERR_clear_error();
	*err = cert ? 0 : -ENOMSG;
	return cert;
}

static bool value_needs_no_escape(const unsigned char *v, int len)
{
	if (len <= 0 || v[0] == ' ' || v[len - 1] == ' ')
		return false;
	for (int i = 0; i < len; i++) {
		if (v[i] < 0x20 || v[i] > 0x7e || strchr(",+\"\\<>;=#", v[i]))
			return false;
	}
	return true;
}

/* "KEY=value" for one RDN, or -EILSEQ. */
static int append_entry(FILE *f, const X509_NAME_ENTRY *entry, bool first)
{
	const char *key = type_key(OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry)));
	unsigned char *value = NULL;
	int len = ASN1_STRING_to_UTF8(&value, X509_NAME_ENTRY_get_data(entry));
	int r = -EILSEQ;

	if (len < 0)
		return -ENOMEM;
	if (key && value_needs_no_escape(value, len)) {
		fprintf(f, "%s%s=%.*s", first ? "" : ", ", key, len, (const char *)value);
		r = 0;
	}
	OPENSSL_free(value);
	return r;
}

static int write_dn(const X509_NAME *name, char **out)
{
	size_t size = 0;
	FILE *f = open_memstream(out, &size);
	int count = X509_NAME_entry_count(name), r = count > 0 ? 0 : -EILSEQ;

	if (!f)
		return -ENOMEM;
	for (int i = 0; i < count && r == 0; i++) {
		const X509_NAME_ENTRY *entry = X509_NAME_get_entry(name, i);

		/* Entries of one multi-valued RDN share its set number. */
		if (X509_NAME_ENTRY_set(entry) != i)
			r = -EILSEQ;
		else
			r = append_entry(f, entry, i == 0);
	}
	if (fclose(f) != 0 && r == 0)
		r = -ENOMEM;
	if (r == 0 && size > IPSEC_CA_DN_MAX)
		r = -EILSEQ;
	if (r < 0) {
		free(*out);
		*out = NULL;
	}
	return r;
}

int ipsec_ca_subject_dn(const char *path, char **out)
{
	int r;
	X509 *cert = read_cert(path, &r);

	*out = NULL;
	if (!cert)
		return r;
	r = write_dn(X509_get_subject_name(cert), out);
	X509_free(cert);
	return r;
}
