/* Telling a live process from a recycled pid: a record that names a process keeps its start
 * time too (field 22 of /proc/PID/stat, clock ticks since boot), and a pid whose start time
 * differs is someone else. Libc only, so every layer may use it. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Field 3 (state: 'R', 'S', 'Z', ...) and field 22 (starttime) of a /proc/PID/stat line;
 * the command name in field 2 may hold spaces and parentheses, so fields are counted from its
 * last ')'. 0 or -EINVAL. */
int l2c_proc_stat_parse(const char *stat_line, char *state, uint64_t *starttime);

/* The start time of a live process; -ESRCH when it is gone or only a zombie is left. */
int l2c_proc_starttime(int pid, uint64_t *starttime);

/* Whether `pid` runs and is the very process that started at `starttime`. */
bool l2c_proc_is_alive(int pid, uint64_t starttime);
