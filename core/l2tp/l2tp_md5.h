/* MD5 over a list of byte ranges, the one digest RFC 2661 uses (§4.3 hiding, §4.4.3
 * Challenge Response). Internal to the codec. */
#pragma once

#include "l2tp/l2tp_codec.h"

#define L2TP_MD5_LEN 16

/* 0, or -EIO when OpenSSL cannot provide MD5 (e.g. a FIPS-only provider). */
int l2tp_md5(uint8_t digest[L2TP_MD5_LEN], const struct l2tp_bytes *parts, size_t n_parts);
