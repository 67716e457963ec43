/* The subject DN of the profile's CA certificate as libreswan's ipsec.conf writes a DN
 * (rightca): the RDNs in the certificate's order, most significant first, "C=.., O=.., CN=..".
 * libcrypto only, no GLib. */
#pragma once

#include <stddef.h>

/* Reads the first certificate in `path` (PEM or DER) and writes its subject DN to *out
 * (malloc'd; free() it). Returns 0 or:
 *   -errno    the file cannot be opened
 *   -ENOMSG   the file holds no certificate
 *   -EILSEQ   the DN needs escaping to be written (one of , + " \ < > ; = # in a value, a
 *             control or non-ASCII character, a leading or trailing space, a multi-valued
 *             RDN), has an attribute type libreswan may not know, or is longer than
 *             IPSEC_CA_DN_MAX: the caller pins no CA
 *   -ENOMEM */
int ipsec_ca_subject_dn(const char *path, char **out);
