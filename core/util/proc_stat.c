#include "config.h"

#include "util/proc_stat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STARTTIME_FIELD 22

int l2c_proc_stat_parse(const char *stat_line, char *state, uint64_t *starttime)
{
	const char *p = strrchr(stat_line, ')');
	char *end;

	if (!p)
		return -EINVAL;
	p++;
	/* After "(comm)" comes field 3. */
	for (int field = 3;; field++) {
		while (*p == ' ')
			p++;
		if (!*p)
			return -EINVAL;
		if (field == 3)
			*state = *p;
		if (field == STARTTIME_FIELD)
			break;
		while (*p && *p != ' ')
			p++;
	}
	if (*p < '0' || *p > '9')
		return -EINVAL;
	errno = 0;
	*starttime = strtoull(p, &end, 10);
	if (errno || (*end != ' ' && *end != '\n' && *end != '\0'))
		return -EINVAL;
	return 0;
}

int l2c_proc_starttime(int pid, uint64_t *starttime)
{
	char path[64], line[1024];
	char state;
	FILE *f;
	int r;

	if (pid <= 0)
		return -ESRCH;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return -ESRCH;
	r = fgets(line, sizeof(line), f) ? l2c_proc_stat_parse(line, &state, starttime) : -EINVAL;
	fclose(f);
	if (r < 0 || state == 'Z' || state == 'X')
		return -ESRCH;
	return 0;
}

bool l2c_proc_is_alive(int pid, uint64_t starttime)
{
	uint64_t now;

	return l2c_proc_starttime(pid, &now) == 0 && now == starttime;
}
