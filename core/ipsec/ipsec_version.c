/* Version and capability parsing for the installed libreswan. */
#include "config.h"

#include "ipsec/ipsec_version.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *find_word_ci(const char *text, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, word, len) == 0)
			return p;
	}
	return NULL;
}

/* Reads "N[.N[.N]]" at p; returns the number of components read (0 on none). */
static int read_dotted(const char *p, struct ipsec_version *out)
{
	int parts[3] = {0, 0, 0};
	int count = 0;

	while (count < 3 && isdigit((unsigned char)*p)) {
		char *end;
		long v = strtol(p, &end, 10);

		if (v < 0 || v > 999)
			return 0;
		parts[count++] = (int)v;
		p = end;
		if (*p != '.' || !isdigit((unsigned char)p[1]))
			break;
		p++;
	}
	out->major = parts[0];
	out->minor = parts[1];
	out->patch = parts[2];
	return count;
}

int ipsec_version_parse(const char *text, struct ipsec_version *out)
{
	const char *p;

	if (!text || !out)
		return -EINVAL;
	p = find_word_ci(text, "libreswan");
	if (!p)
		return find_word_ci(text, "strongswan") || find_word_ci(text, "openswan") ? -ENOTSUP
											  : -EINVAL;
	p += strlen("libreswan");
	while (*p == ' ' || *p == '\t')
		p++;
	/* "U4.10/K6.1" (userland/kernel, 3.x-era and some distributions), "v5.2", "4.10". */
	if (*p == 'U' || *p == 'u' || *p == 'v' || *p == 'V')
		p++;
	if (read_dotted(p, out) < 2 || out->major < 2)
		return -EINVAL;
	return 0;
}

enum ipsec_dialect ipsec_dialect_for(const struct ipsec_version *version)
{
	return version->major >= 5 ? IPSEC_DIALECT_V5 : IPSEC_DIALECT_V4;
}

static bool version_at_least(const struct ipsec_version *v, int major, int minor)
{
	return v->major > major || (v->major == major && v->minor >= minor);
}

void ipsec_caps_from_version(const struct ipsec_version *version, struct ipsec_caps *out)
{
	out->version = *version;
	out->dialect = ipsec_dialect_for(version);
	out->has_modp1024 = !version_at_least(version, 3, 30);
}

int ipsec_caps_modp1024_from_algparse(int exit_status, const char *output)
{
	if (!output)
		return -EINVAL;
	/* The parsed proposal is printed in upper case ("AES_CBC_128-HMAC_SHA1-MODP1024"); the
	 * echoed command line repeats our lower-case input, so match case-sensitively. */
	if (exit_status == 0 && strstr(output, "-MODP1024"))
		return 1;
	if (exit_status != 0 && find_word_ci(output, "modp1024") &&
	    find_word_ci(output, "not supported"))
		return 0;
	return -EINVAL;
}

const char *ipsec_version_format(const struct ipsec_version *version, char *buf, unsigned size)
{
	if (version->patch)
		snprintf(buf, size, "%d.%d.%d", version->major, version->minor, version->patch);
	else
		snprintf(buf, size, "%d.%d", version->major, version->minor);
	return buf;
}
