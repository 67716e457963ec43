/* Which pppd a connection runs, recorded in its runtime directory, so that a service
 * restarted after a crash can stop a pppd its predecessor left behind.
 *
 * pppd normally dies with us (ppp_launcher sets PR_SET_PDEATHSIG), but after a kill -9 it
 * may still be hanging up LCP, or survive in a setup where the death signal was lost. The
 * record is "<pid> <starttime>\n" in <runtime_dir>/pppd-<name>.pid; the start time (field 22
 * of /proc/PID/stat, clock ticks since boot) makes sure a recycled pid is never killed. */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/proc_stat.h" /* l2c_proc_stat_parse, tested with the record */

/* Records `pid` for connection `name`. Returns 0 or a negative errno. */
int l2c_pppd_record_write(const char *runtime_dir, const char *name, int pid);

/* Forgets the record (once pppd is gone). */
void l2c_pppd_record_remove(const char *runtime_dir, const char *name);

/* At service start: for every record in `runtime_dir`, stops the pppd it names if that very
 * process still runs (SIGTERM, SIGKILL after `grace_ms`), then deletes the record. Returns
 * how many were stopped. */
int l2c_pppd_records_reap(const char *runtime_dir, unsigned grace_ms);

/* Pure helpers, exposed for tests. */
/* "<pid> <starttime>\n" → 0, or -EINVAL for anything else. */
int l2c_pppd_record_parse(const char *text, int *pid, uint64_t *starttime);
