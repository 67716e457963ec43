/* Parsers for the host checks that decide between the system pluto and our own. */
#include "config.h"

#include "ipsec/ipsec_preflight.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies the line starting at *p into buf (truncating) and advances *p past it. */
static bool next_line(const char **p, char *buf, size_t size)
{
	size_t len, copy;

	if (!**p)
		return false;
	len = strcspn(*p, "\n");
	copy = len < size - 1 ? len : size - 1;
	memcpy(buf, *p, copy);
	buf[copy] = '\0';
	*p += len + ((*p)[len] == '\n');
	return true;
}

/* "  12: 0100007F:01F4 00000000:0000 07 ... 0 12345 2 ..." → port 0x1F4, inode 12345. The
 * local address is the second field; the inode the tenth. */
static bool parse_udp_row(const char *line, unsigned *port, unsigned long *inode)
{
	char local[64];
	unsigned long fields_inode;
	int n;

	n = sscanf(line, " %*[0-9]: %63s %*s %*x %*s %*s %*s %*s %*s %lu", local, &fields_inode);
	if (n != 2)
		return false;
	{
		const char *colon = strrchr(local, ':');
		char *end;
		unsigned long v;

		if (!colon)
			return false;
		v = strtoul(colon + 1, &end, 16);
		if (*end || v > 65535)
			return false;
		*port = (unsigned)v;
	}
	*inode = fields_inode;
	return true;
}

int ipsec_proc_udp_find_port(const char *table, unsigned port, unsigned long *inode)
{
	const char *p = table;
	char line[512];

	if (!table || !next_line(&p, line, sizeof(line)) || !strstr(line, "local_address"))
		return -EINVAL;
	while (next_line(&p, line, sizeof(line))) {
		unsigned row_port;
		unsigned long row_inode;

		if (parse_udp_row(line, &row_port, &row_inode) && row_port == port) {
			if (inode)
				*inode = row_inode;
			return 1;
		}
	}
	return 0;
}

static bool is_nd_bypass(const char *header)
{
	return strstr(header, "proto ipv6-icmp type 135") ||
	       strstr(header, "proto ipv6-icmp type 136");
}

static bool entry_is_foreign(const char *header, bool socket_policy, bool has_template)
{
	if (socket_policy)
		return false;
	return !(is_nd_bypass(header) && !has_template);
}

unsigned ipsec_xfrm_count(const char *output, char *first, size_t first_size)
{
	const char *p = output;
	char line[256], header[256] = "";
	bool in_entry = false, socket_policy = false, has_template = false;
	unsigned count = 0;

	if (first && first_size)
		first[0] = '\0';
	for (bool more = true; more;) {
		more = p && next_line(&p, line, sizeof(line));
		if (more && strncmp(line, "src ", 4) != 0) {
			socket_policy |= strstr(line, "\tsocket ") == line ||
					 strstr(line, "socket in") || strstr(line, "socket out");
			has_template |= strstr(line, "tmpl ") != NULL;
			continue;
		}
		if (in_entry && entry_is_foreign(header, socket_policy, has_template) &&
		    count++ == 0 && first && first_size)
			snprintf(first, first_size, "%s", header);
		if (more) {
			snprintf(header, sizeof(header), "%s", line);
			in_entry = true;
			socket_policy = has_template = false;
		}
	}
	return count;
}

bool ipsec_xfrm_has_nd_bypass(const char *policy_output)
{
	return policy_output && is_nd_bypass(policy_output);
}

int ipsec_configsetup_value(const char *output, const char *key, char *value, size_t size)
{
	const char *p = output;
	char line[1024];
	size_t klen = strlen(key);

	while (p && next_line(&p, line, sizeof(line))) {
		const char *s = line;
		size_t vlen;

		if (strncmp(s, "export ", 7) == 0)
			s += 7;
		if (strncmp(s, key, klen) != 0 || s[klen] != '=')
			continue;
		s += klen + 1;
		if (*s == '\'')
			s++;
		vlen = strcspn(s, "'");
		snprintf(value, size, "%.*s", (int)vlen, s);
		return 0;
	}
	return -ENOENT;
}

bool ipsec_secrets_includes(const char *secrets_text, const char *secrets_dir, const char *path)
{
	const char *p = secrets_text;
	char line[1024];

	while (p && next_line(&p, line, sizeof(line))) {
		char pattern[1100];
		const char *s = line;
		size_t len;

		while (isspace((unsigned char)*s))
			s++;
		if (strncmp(s, "include", 7) != 0 || !isspace((unsigned char)s[7]))
			continue;
		s += 7;
		while (isspace((unsigned char)*s))
			s++;
		len = strcspn(s, " \t#");
		if (len == 0)
			continue;
		if (s[0] == '/')
			snprintf(pattern, sizeof(pattern), "%.*s", (int)len, s);
		else
			snprintf(pattern, sizeof(pattern), "%s/%.*s", secrets_dir, (int)len, s);
		if (fnmatch(pattern, path, FNM_PATHNAME) == 0)
			return true;
	}
	return false;
}
