/* The service's runtime directory (/run/l2tp-connect by default): one instance at a time,
 * and what a crashed instance left behind there.
 *
 * Every connection records what it changed in this directory as it goes: routes and DNS
 * (net-NAME.state, core/net/net_config.h), the IPsec driver's state (ipsec-NAME/,
 * core/ipsec/ipsec_driver.h) and pppd's pid (pppd-NAME.pid, core/supervisor/pppd_record.h).
 * A clean teardown removes each record; whatever is still recorded at start-up belongs to an
 * instance that died. */
#pragma once

#include <glib.h>

/* Creates the directory (0700) and takes its lock, held until the process exits; fails when
 * another instance holds it. Returns the lock's fd, or -1 with `error` set. */
int l2c_runtime_dir_claim(const char *dir, GError **error);

/* Undoes what the records in `dir` describe, newest stage first: stops a leftover pppd,
 * removes routes and restores DNS, deletes the IPsec connection (and our pluto). Logs what it
 * did and what it could not do; returns how many things it cleaned. */
int l2c_runtime_dir_clean_leftovers(const char *dir);
