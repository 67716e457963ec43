/* A machine certificate given as a certificate file plus a separate private key file (as
 * NetworkManager-l2tp allows: PEM or DER certificate, PEM or PKCS#8 key, the key optionally
 * encrypted) turned into a PKCS#12 file, the one form pk12util imports into pluto's NSS
 * database. libcrypto only, no GLib. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Whether `path` is a PKCS#12 file (DER, as pk12util reads it). */
bool ipsec_pkcs12_is_pkcs12(const char *path);

/* A random password of `size - 1` printable characters (hex) for the temporary file: 0, or
 * -EINVAL when `size` is too small for a strong one (< 33), -EIO when no randomness. */
int ipsec_pkcs12_random_password(char *out, size_t size);

/* Reads the certificate at `cert_path` (PEM, possibly followed by its chain, or DER) and the
 * private key at `key_path` (PEM traditional or PKCS#8, or DER PKCS#8; decrypted with
 * `key_password` when encrypted, which may be NULL) and writes both as a new PKCS#12 file
 * `out_path` (mode 0600, must not exist) protected by `p12_password`, the certificate named
 * `friendly_name`. Returns 0 or:
 *   -errno     a file cannot be opened (or out_path exists: -EEXIST)
 *   -ENOMSG    cert_path holds no certificate
 *   -ENOKEY    key_path holds no private key
 *   -EKEYREJECTED  the key is encrypted and key_password is missing or wrong
 *   -EINVAL    the key does not belong to the certificate
 *   -EIO       the PKCS#12 file cannot be built or written (nothing is left at out_path) */
int ipsec_pkcs12_from_pem(const char *cert_path, const char *key_path, const char *key_password,
			  const char *p12_password, const char *friendly_name,
			  const char *out_path);
