#include "config.h"

#include "supervisor/pppd_record.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/log.h"
#include "util/proc_stat.h"

#define LOG		"connection"
#define RECORD_PREFIX	"pppd-"
#define RECORD_SUFFIX	".pid"

int l2c_pppd_record_parse(const char *text, int *pid, uint64_t *starttime)
{
	char *end;
	long value;

	if (*text < '1' || *text > '9')
		return -EINVAL;
	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || value <= 1 || value > INT32_MAX || *end != ' ')
		return -EINVAL;
	text = end + 1;
	if (*text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	*starttime = strtoull(text, &end, 10);
	if (errno || (*end != '\n' && *end != '\0') || (*end == '\n' && end[1] != '\0'))
		return -EINVAL;
	*pid = (int)value;
	return 0;
}

static char *record_path(const char *runtime_dir, const char *name)
{
	g_autofree char *file = g_strconcat(RECORD_PREFIX, name, RECORD_SUFFIX, NULL);

	return g_build_filename(runtime_dir, file, NULL);
}

static bool is_pppd(int pid)
{
	g_autofree char *path = g_strdup_printf("/proc/%d/comm", pid);
	g_autofree char *comm = NULL;

	if (!g_file_get_contents(path, &comm, NULL, NULL))
		return false;
	return strcmp(g_strchomp(comm), "pppd") == 0;
}

int l2c_pppd_record_write(const char *runtime_dir, const char *name, int pid)
{
	g_autofree char *path = record_path(runtime_dir, name);
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	uint64_t starttime;
	int r = l2c_proc_starttime(pid, &starttime);

	if (r < 0)
		return r;
	text = g_strdup_printf("%d %" PRIu64 "\n", pid, starttime);
	if (!g_file_set_contents_full(path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
				      &error)) {
		l2c_warn(LOG, _("cannot record pppd's pid in %s: %s"), path, error->message);
		return -EIO;
	}
	return 0;
}

void l2c_pppd_record_remove(const char *runtime_dir, const char *name)
{
	g_autofree char *path = record_path(runtime_dir, name);

	if (g_unlink(path) < 0 && errno != ENOENT)
		l2c_warn(LOG, _("cannot remove %s: %s"), path, g_strerror(errno));
}

/* Whether `pid` is still the pppd that was recorded (not a recycled pid). */
static bool is_recorded_process(int pid, uint64_t recorded_start)
{
	uint64_t starttime;

	return l2c_proc_starttime(pid, &starttime) == 0 && starttime == recorded_start && is_pppd(pid);
}

static bool wait_gone(int pid, uint64_t starttime, unsigned timeout_ms)
{
	for (unsigned waited = 0; waited < timeout_ms; waited += 50) {
		if (!is_recorded_process(pid, starttime))
			return true;
		g_usleep(50 * 1000);
	}
	return !is_recorded_process(pid, starttime);
}

/* Returns 1 when it stopped a process, 0 when there was none. */
static int reap_one(const char *path, unsigned grace_ms)
{
	g_autofree char *text = NULL;
	uint64_t starttime;
	int pid;

	if (!g_file_get_contents(path, &text, NULL, NULL) ||
	    l2c_pppd_record_parse(text, &pid, &starttime) < 0) {
		l2c_warn(LOG, _("ignoring the unreadable record %s"), path);
		return 0;
	}
	if (!is_recorded_process(pid, starttime))
		return 0;
	l2c_info(LOG, "stopping pppd (pid %d) left by a previous instance", pid);
	kill(pid, SIGTERM);
	if (!wait_gone(pid, starttime, grace_ms)) {
		kill(pid, SIGKILL);
		wait_gone(pid, starttime, 1000);
	}
	return 1;
}

int l2c_pppd_records_reap(const char *runtime_dir, unsigned grace_ms)
{
	g_autoptr(GDir) dir = g_dir_open(runtime_dir, 0, NULL);
	const char *entry;
	int stopped = 0;

	if (!dir)
		return 0;
	while ((entry = g_dir_read_name(dir))) {
		g_autofree char *path = NULL;

		if (!g_str_has_prefix(entry, RECORD_PREFIX) ||
		    !g_str_has_suffix(entry, RECORD_SUFFIX))
			continue;
		path = g_build_filename(runtime_dir, entry, NULL);
		stopped += reap_one(path, grace_ms);
		g_unlink(path);
	}
	return stopped;
}
