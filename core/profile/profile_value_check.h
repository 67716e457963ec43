/* Checks one value against its key's type. Every function returns NULL when the value is fine,
 * else a translated problem without the "[section] key: " prefix ("contains a newline"), which
 * the caller adds and frees. Values are hostile: they may come from a downloaded file. */
#pragma once

#include "profile/profile_keys.h"

#include <stdbool.h>

/* The whole check for `key`: the type's rules, its range or choices, then key->check. */
char *l2c_profile_check_value(const struct l2c_profile_key *key, const char *value);

/* The safety rules for text that reaches config files and command lines: no control
 * characters or newlines, no quotes, no backslash or space unless `flags` allows them, no
 * leading '-', valid UTF-8, at most `max_len` bytes. */
char *l2c_check_config_text(const char *value, unsigned flags, size_t max_len);

/* Text only shown to people: valid UTF-8, no control or bidi-formatting characters. */
char *l2c_check_display_text(const char *value, size_t max_len);

/* Secrets: no control characters. The problem never contains the value. */
char *l2c_check_secret(const char *value);

/* Decimal without sign or spaces; -EINVAL for anything else, -ERANGE above UINT_MAX. */
int l2c_parse_uint(const char *value, unsigned *out);
/* yes|no (L2C_KEY_BOOL, L2C_KEY_TRISTATE) or true|false|1|0 (L2C_KEY_KEYFILE_BOOL). */
int l2c_parse_bool(enum l2c_key_type type, const char *value, bool *out);
/* Index of `value` in `choices`, or -EINVAL. */
int l2c_parse_enum(const char *const *choices, const char *value);

char *l2c_check_uuid(const char *value);
char *l2c_check_permissions(const char *value);
char *l2c_check_service_type(const char *value);

/* "'value'" when it is short and printable, else a neutral word, so a message never echoes
 * control characters to a terminal. */
char *l2c_quote_for_message(const char *value);
