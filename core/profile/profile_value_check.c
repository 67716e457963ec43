/* Value checks by key type. The config-text rules exist because these strings end up in
 * libreswan's ipsec.conf, pppd's options and argv: a newline starts a new directive, a quote
 * ends a quoted one, a leading '-' turns a value into an option. */
#include "config.h"

#include "profile/profile_value_check.h"

#include "profile/profile.h"
#include "profile/profile_ip.h"
#include "util/i18n.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_TEXT_MAX	 1024
#define DISPLAY_TEXT_MAX 1024
#define QUOTE_MAX	 64

static bool is_invisible_or_control(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return g_unichar_iscntrl(c) || t == G_UNICODE_FORMAT || t == G_UNICODE_LINE_SEPARATOR ||
	       t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

char *l2c_quote_for_message(const char *value)
{
	if (!g_utf8_validate(value, -1, NULL) || g_utf8_strlen(value, -1) > QUOTE_MAX)
		return g_strdup(_("the value"));
	for (const char *p = value; *p; p = g_utf8_next_char(p))
		if (is_invisible_or_control(g_utf8_get_char(p)))
			return g_strdup(_("the value"));
	return g_strdup_printf("'%s'", value);
}

static char *check_utf8_and_length(const char *value, size_t max_len)
{
	size_t len = strlen(value);

	if (!g_utf8_validate(value, -1, NULL))
		return g_strdup(_("is not valid UTF-8"));
	if (len > max_len)
		return g_strdup_printf(_("is too long (%zu bytes, at most %zu)"), len, max_len);
	return NULL;
}

static char *check_config_char(gunichar c, unsigned flags)
{
	if (c == '\n')
		return g_strdup(_("contains a newline"));
	if (c == '\r')
		return g_strdup(_("contains a carriage return"));
	if (is_invisible_or_control(c))
		return g_strdup(_("contains a control character"));
	if (c == '"' || c == '\'' || c == '`')
		return g_strdup(_("contains a quote"));
	if (c == '\\' && !(flags & L2C_KEY_ALLOW_BACKSLASH))
		return g_strdup(_("contains a backslash"));
	if (g_unichar_isspace(c) && !(flags & L2C_KEY_ALLOW_SPACE))
		return g_strdup(_("contains a space"));
	return NULL;
}

char *l2c_check_config_text(const char *value, unsigned flags, size_t max_len)
{
	char *problem = check_utf8_and_length(value, max_len);

	for (const char *p = value; !problem && *p; p = g_utf8_next_char(p))
		problem = check_config_char(g_utf8_get_char(p), flags);
	if (!problem && value[0] == '-')
		problem = g_strdup(_("starts with '-' (it would be taken for an option)"));
	return problem;
}

char *l2c_check_display_text(const char *value, size_t max_len)
{
	char *problem = check_utf8_and_length(value, max_len);

	for (const char *p = value; !problem && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\n')
			problem = g_strdup(_("contains a newline"));
		else if (is_invisible_or_control(c))
			problem = g_strdup(_("contains a control character"));
	}
	return problem;
}

char *l2c_check_secret(const char *value)
{
	/* A secret may hold quotes and spaces: the renderers encode it (base64 for libreswan,
	 * the plugin channel for pppd). Control characters cannot be typed and break both. */
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return g_strdup(_("contains a control character"));
	if (strlen(value) > CONFIG_TEXT_MAX)
		return g_strdup_printf(_("is too long (at most %d bytes)"), CONFIG_TEXT_MAX);
	return NULL;
}

int l2c_parse_uint(const char *value, unsigned *out)
{
	unsigned long long n = 0;

	if (!value[0])
		return -EINVAL;
	for (const char *p = value; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		n = n * 10 + (unsigned)(*p - '0');
		if (n > UINT_MAX)
			return -ERANGE;
	}
	*out = (unsigned)n;
	return 0;
}

int l2c_parse_bool(enum l2c_key_type type, const char *value, bool *out)
{
	static const char *const yes_no[] = {"no", "yes", NULL};
	static const char *const keyfile[] = {"false", "true", "0", "1", NULL};
	int i = l2c_parse_enum(type == L2C_KEY_KEYFILE_BOOL ? keyfile : yes_no, value);

	if (i < 0)
		return i;
	*out = i % 2 == 1;
	return 0;
}

int l2c_parse_enum(const char *const *choices, const char *value)
{
	for (int i = 0; choices[i]; i++)
		if (strcmp(choices[i], value) == 0)
			return i;
	return -EINVAL;
}

static char *check_uint(const struct l2c_profile_key *key, const char *value)
{
	g_autofree char *quoted = l2c_quote_for_message(value);
	unsigned n;
	int r = l2c_parse_uint(value, &n);

	if (r == -EINVAL)
		return g_strdup_printf(_("%s is not a number"), quoted);
	if (r == -ERANGE || n < key->min || n > key->max)
		return g_strdup_printf(_("%s is out of range (%u–%u)"), value, key->min, key->max);
	return NULL;
}

static char *check_secret_flags(const char *value)
{
	g_autofree char *quoted = l2c_quote_for_message(value);
	unsigned n;

	if (l2c_parse_uint(value, &n) < 0 ||
	    (n != L2C_SECRET_FLAG_SAVED && n != L2C_SECRET_FLAG_AGENT_OWNED &&
	     n != L2C_SECRET_FLAG_NOT_SAVED && n != L2C_SECRET_FLAG_NOT_REQUIRED))
		return g_strdup_printf(_("%s is not a secret flag (use 0, 1, 2 or 4)"), quoted);
	return NULL;
}

static char *check_bool(enum l2c_key_type type, const char *value)
{
	g_autofree char *quoted = l2c_quote_for_message(value);
	bool ignored;

	if (l2c_parse_bool(type, value, &ignored) == 0)
		return NULL;
	if (type == L2C_KEY_KEYFILE_BOOL)
		return g_strdup_printf(_("%s is not true or false"), quoted);
	return g_strdup_printf(_("%s is not yes or no"), quoted);
}

static char *check_enum(const struct l2c_profile_key *key, const char *value)
{
	g_autofree char *quoted = NULL;
	g_autofree char *list = NULL;

	if (l2c_parse_enum(key->choices, value) >= 0)
		return NULL;
	quoted = l2c_quote_for_message(value);
	list = g_strjoinv(", ", (char **)key->choices);
	return g_strdup_printf(_("%s is not one of: %s"), quoted, list);
}

static char *check_path(const char *value, unsigned flags)
{
	char *problem = l2c_check_config_text(value, flags, PATH_MAX - 1);
	struct stat st;

	if (problem)
		return problem;
	if (value[0] != '/')
		return g_strdup(_("is not an absolute path"));
	if (stat(value, &st) < 0) {
		int err = errno;

		if (err == ENOENT || err == ENOTDIR)
			return g_strdup_printf(_("%s does not exist"), value);
		return g_strdup_printf(_("cannot check %s: %s"), value, g_strerror(err));
	}
	if (!S_ISREG(st.st_mode))
		return g_strdup_printf(_("%s is not a regular file"), value);
	if (access(value, R_OK) < 0)
		return g_strdup_printf(_("%s is not readable"), value);
	return NULL;
}

static char *check_by_type(const struct l2c_profile_key *key, const char *value)
{
	bool v4 = key->flags & L2C_KEY_IPV4_ONLY;

	switch (key->type) {
	case L2C_KEY_STRING:
		return l2c_check_config_text(value, key->flags, CONFIG_TEXT_MAX);
	case L2C_KEY_TEXT:
		return l2c_check_display_text(value, DISPLAY_TEXT_MAX);
	case L2C_KEY_BOOL:
	case L2C_KEY_TRISTATE:
	case L2C_KEY_KEYFILE_BOOL:
		return check_bool(key->type, value);
	case L2C_KEY_UINT:
		return check_uint(key, value);
	case L2C_KEY_ENUM:
		return check_enum(key, value);
	case L2C_KEY_SECRET:
		return l2c_check_secret(value);
	case L2C_KEY_SECRET_FLAGS:
		return check_secret_flags(value);
	case L2C_KEY_PATH:
		return check_path(value, key->flags);
	case L2C_KEY_ADDRESS:
		return l2c_check_address(value, v4);
	case L2C_KEY_HOST:
		return l2c_check_host(value);
	case L2C_KEY_ADDRESS_LIST:
		return l2c_check_address_list(value, v4);
	case L2C_KEY_DOMAIN_LIST:
		return l2c_check_domain_list(value);
	case L2C_KEY_ROUTE:
		return l2c_parse_route(value, NULL);
	case L2C_KEY_IP_PREFIX:
		return l2c_parse_ip_prefix(value, NULL);
	}
	return g_strdup(_("has a type this program does not know"));
}

char *l2c_profile_check_value(const struct l2c_profile_key *key, const char *value)
{
	char *problem = check_by_type(key, value);

	if (!problem && key->check)
		problem = key->check(value);
	return problem;
}

static bool is_hex_run(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isxdigit(p[i]))
			return false;
	return true;
}

char *l2c_check_uuid(const char *value)
{
	g_autofree char *quoted = NULL;

	if (strlen(value) == 36 && value[8] == '-' && value[13] == '-' && value[18] == '-' &&
	    value[23] == '-' && is_hex_run(value, 8) && is_hex_run(value + 9, 4) &&
	    is_hex_run(value + 14, 4) && is_hex_run(value + 19, 4) && is_hex_run(value + 24, 12))
		return NULL;
	quoted = l2c_quote_for_message(value);
	return g_strdup_printf(_("%s is not a UUID (like 6ba7b810-9dad-11d1-80b4-00c04fd430c8)"),
			       quoted);
}

/* NetworkManager's form: "user:NAME:" items separated by ';' (the third field is reserved). */
static bool is_permission_item(const char *item)
{
	const char *name = item + strlen("user:");
	size_t len;

	if (!g_str_has_prefix(item, "user:"))
		return false;
	len = strcspn(name, ":");
	if (len == 0 || (name[len] == ':' && name[len + 1] != '\0'))
		return false;
	return true;
}

char *l2c_check_permissions(const char *value)
{
	g_auto(GStrv) items = g_strsplit(value, ";", -1);

	for (size_t i = 0; items[i]; i++) {
		g_autofree char *quoted = NULL;

		if (!items[i][0] || is_permission_item(items[i]))
			continue;
		quoted = l2c_quote_for_message(items[i]);
		return g_strdup_printf(_("%s is not a permission (use user:NAME:)"), quoted);
	}
	return NULL;
}

char *l2c_check_service_type(const char *value)
{
	g_autofree char *quoted = NULL;

	if (strcmp(value, L2C_PROFILE_SERVICE_TYPE) == 0)
		return NULL;
	quoted = l2c_quote_for_message(value);
	return g_strdup_printf(_("%s is not an L2TP profile (expected %s)"), quoted,
			       L2C_PROFILE_SERVICE_TYPE);
}
