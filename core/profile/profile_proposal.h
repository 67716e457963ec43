/* The grammar of ipsec-ike and ipsec-esp: comma-separated proposals ENC[-HASH[-HASH]][-DH],
 * each part one algorithm or several joined with '+' (libreswan's ike=/esp= syntax, which
 * NM-l2tp passes through). Returns NULL or a translated problem naming the bad part. */
#pragma once

char *l2c_check_ike_proposals(const char *value);
char *l2c_check_esp_proposals(const char *value);
