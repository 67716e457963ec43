/* Format and parse of the driver's crash-recovery record. */
#include "config.h"

#include "ipsec/ipsec_state.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *daemon_word(enum ipsec_daemon_kind kind)
{
	switch (kind) {
	case IPSEC_DAEMON_PRIVATE:
		return "private";
	case IPSEC_DAEMON_SYSTEM:
		return "system";
	default:
		return "none";
	}
}

char *ipsec_state_format(const struct ipsec_saved_state *s)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	fprintf(f, "version=1\nname=%s\ndaemon=%s\ndialect=%d\ndir=%s\n", s->name,
		daemon_word(s->daemon), s->dialect, s->dir);
	fprintf(f, "ctl=%s\npluto_pid=%d\nconn_added=%d\n", s->ctl_socket, s->pluto_pid,
		s->conn_added ? 1 : 0);
	fprintf(f, "secrets_dropin=%s\nleak_family=%d\nleak_out=%s\nleak_in=%s\ngateway=%s\n",
		s->secrets_dropin, s->leak_family, s->leak_chain_out, s->leak_chain_in, s->gateway);
	fprintf(f, "nd_bypass_cleanup=%d\n", s->nd_bypass_cleanup ? 1 : 0);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static bool printable(const char *v)
{
	for (; *v; v++) {
		if (!isprint((unsigned char)*v))
			return false;
	}
	return true;
}

bool ipsec_state_path_ok(const char *path)
{
	if (!*path)
		return true;
	return path[0] == '/' && printable(path) && !strstr(path, "/../") &&
	       !(strlen(path) >= 3 && strcmp(path + strlen(path) - 3, "/..") == 0);
}

/* The chain names ipsec_leakguard makes: "l2c-o-HASH-" and the connection name's start,
 * which may hold '.' ("office.nmconnection"). No space or shell character. */
bool ipsec_state_chain_ok(const char *chain)
{
	for (const char *p = chain; *p; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
			return false;
	}
	return strlen(chain) < 29;
}

static int copy_value(char *dst, size_t size, const char *value)
{
	if (strlen(value) >= size || !printable(value))
		return -EINVAL;
	memcpy(dst, value, strlen(value) + 1);
	return 0;
}

static int parse_int(const char *value, int min, int max, int *out)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (*value == '\0' || *end || v < min || v > max)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

static int parse_daemon(const char *value, enum ipsec_daemon_kind *out)
{
	if (strcmp(value, "private") == 0)
		*out = IPSEC_DAEMON_PRIVATE;
	else if (strcmp(value, "system") == 0)
		*out = IPSEC_DAEMON_SYSTEM;
	else if (strcmp(value, "none") == 0)
		*out = IPSEC_DAEMON_NONE;
	else
		return -EINVAL;
	return 0;
}

static int apply(struct ipsec_saved_state *s, const char *key, const char *value)
{
	int flag = 0;

	if (strcmp(key, "name") == 0)
		return copy_value(s->name, sizeof(s->name), value);
	if (strcmp(key, "daemon") == 0)
		return parse_daemon(value, &s->daemon);
	if (strcmp(key, "dialect") == 0)
		return parse_int(value, 4, 5, &s->dialect);
	if (strcmp(key, "dir") == 0)
		return copy_value(s->dir, sizeof(s->dir), value);
	if (strcmp(key, "ctl") == 0)
		return copy_value(s->ctl_socket, sizeof(s->ctl_socket), value);
	if (strcmp(key, "pluto_pid") == 0)
		return parse_int(value, 0, 1 << 30, &s->pluto_pid);
	if (strcmp(key, "conn_added") == 0) {
		int r = parse_int(value, 0, 1, &flag);

		s->conn_added = flag == 1;
		return r;
	}
	if (strcmp(key, "nd_bypass_cleanup") == 0) {
		int r = parse_int(value, 0, 1, &flag);

		s->nd_bypass_cleanup = flag == 1;
		return r;
	}
	if (strcmp(key, "secrets_dropin") == 0)
		return copy_value(s->secrets_dropin, sizeof(s->secrets_dropin), value);
	if (strcmp(key, "leak_family") == 0)
		return strcmp(value, "0") == 0 ? (s->leak_family = 0)
					       : parse_int(value, 4, 6, &s->leak_family);
	if (strcmp(key, "leak_out") == 0)
		return copy_value(s->leak_chain_out, sizeof(s->leak_chain_out), value);
	if (strcmp(key, "leak_in") == 0)
		return copy_value(s->leak_chain_in, sizeof(s->leak_chain_in), value);
	if (strcmp(key, "gateway") == 0)
		return copy_value(s->gateway, sizeof(s->gateway), value);
	return 0;
}

static int check(const struct ipsec_saved_state *s)
{
	if (!ipsec_state_path_ok(s->dir) || !ipsec_state_path_ok(s->ctl_socket) ||
	    !ipsec_state_path_ok(s->secrets_dropin) || !ipsec_state_chain_ok(s->leak_chain_out) ||
	    !ipsec_state_chain_ok(s->leak_chain_in) || s->leak_family == 5)
		return -EINVAL;
	return 0;
}

int ipsec_state_parse(const char *text, struct ipsec_saved_state *s)
{
	const char *p = text;

	memset(s, 0, sizeof(*s));
	while (p && *p) {
		size_t len = strcspn(p, "\n");
		char line[512];
		char *eq;

		if (len >= sizeof(line))
			return -EINVAL;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		if (line[0] == '\0' || line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq)
			return -EINVAL;
		*eq = '\0';
		if (apply(s, line, eq + 1) < 0)
			return -EINVAL;
	}
	return check(s);
}
