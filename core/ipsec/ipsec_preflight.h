/* Reading the host before we touch it: is another IKE daemon on UDP 500/4500, is there XFRM
 * state someone else owns, what does the system pluto's configuration say. Pure parsers; the
 * driver reads the files and runs the commands. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* /proc/net/udp or /proc/net/udp6 text: 1 and the socket inode when some socket is bound to
 * local `port`, 0 when none is, -EINVAL on text that is not such a table. */
int ipsec_proc_udp_find_port(const char *table, unsigned port, unsigned long *inode);

/* Entries in `ip xfrm state` / `ip xfrm policy` output (each starts with "src " in column 0)
 * that belong to someone else; `first` receives the first such entry's header line. Not
 * counted: per-socket policies ("dir" line starting "socket"), and the IPv6 neighbour
 * discovery bypass policies (ipv6-icmp type 135/136, no template) that libreswan 4.x's pluto
 * installs and leaves behind at exit (seen here with 4.10). */
unsigned ipsec_xfrm_count(const char *output, char *first, size_t first_size);

/* Whether `ip xfrm policy` output holds pluto's IPv6 neighbour discovery bypass policies. */
bool ipsec_xfrm_has_nd_bypass(const char *policy_output);

/* A value from `ipsec addconn --configsetup` ("export secretsfile='/etc/ipsec.secrets'").
 * Returns 0, or -ENOENT. */
int ipsec_configsetup_value(const char *output, const char *key, char *value, size_t size);

/* Whether an ipsec.secrets text pulls in `path` through an "include PATTERN" line. Relative
 * patterns are relative to `secrets_dir`, the directory of the secrets file. */
bool ipsec_secrets_includes(const char *secrets_text, const char *secrets_dir, const char *path);
