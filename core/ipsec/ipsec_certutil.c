/* Parser for `certutil -L -d DB` output:
 *
 *	Certificate Nickname                                 Trust Attributes
 *	                                                     SSL,S/MIME,JAR/XPI
 *
 *	machine-ca                                           CT,,
 *	lab client                                           u,u,u
 *
 * The nickname is padded with spaces and may hold spaces itself; the trust attributes are the
 * last word of the line. */
#include "config.h"

#include "ipsec/ipsec_certutil.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* NSS trust flags (certutil(1) -t): "p P c C T u w g k" in three comma-separated fields. */
static bool is_trust_word(const char *word, size_t len)
{
	size_t commas = 0;

	for (size_t i = 0; i < len; i++) {
		if (word[i] == ',')
			commas++;
		else if (!strchr("pPcCTuwgk", word[i]))
			return false;
	}
	return commas == 2;
}

static size_t trim_right(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return len;
}

/* One line: the nickname's length when it is a certificate with a private key, else 0. */
static size_t user_cert_line(const char *line, size_t len)
{
	size_t end = trim_right(line, len), word;

	word = end;
	while (word > 0 && line[word - 1] != ' ' && line[word - 1] != '\t')
		word--;
	if (word == 0 || !is_trust_word(line + word, end - word) ||
	    !memchr(line + word, 'u', end - word))
		return 0;
	return trim_right(line, word);
}

int ipsec_certutil_user_nickname(const char *listing, char *out, size_t size)
{
	const char *p = listing;

	while (p && *p) {
		size_t len = strcspn(p, "\n");
		size_t name_len = user_cert_line(p, len);

		if (name_len > 0) {
			if (name_len >= size)
				return -ENAMETOOLONG;
			memcpy(out, p, name_len);
			out[name_len] = '\0';
			return 0;
		}
		p += len + (p[len] == '\n');
	}
	return -ENOENT;
}
