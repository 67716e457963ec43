/* Reading NSS's `certutil -L` listing: which nickname our imported certificate got. A PKCS#12
 * file names it by its friendly name, which may be anything (or missing), so the driver finds
 * it here and renames it to the nickname the rendered connection uses (leftcert). Pure. */
#pragma once

#include <stddef.h>

/* The nickname of the first certificate with a private key (trust attributes with 'u', as in
 * "u,u,u"): 0 and the nickname in `out`, -ENOENT when there is none, -ENAMETOOLONG when it
 * does not fit. */
int ipsec_certutil_user_nickname(const char *listing, char *out, size_t size);
