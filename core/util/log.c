#include "config.h"

#include "util/log.h"

#include <stdio.h>

/* Process-wide by nature (one stderr, one journal); set once at start-up, before threads. */
static enum l2c_log_level log_max_level = L2C_LOG_INFO;
static l2c_log_sink log_sink;
static void *log_sink_data;

void l2c_log_set_max_level(enum l2c_log_level max_level)
{
	log_max_level = max_level;
}

enum l2c_log_level l2c_log_get_max_level(void)
{
	return log_max_level;
}

void l2c_log_set_sink(l2c_log_sink sink, void *user_data)
{
	log_sink = sink;
	log_sink_data = user_data;
}

static const char *level_prefix(enum l2c_log_level level)
{
	switch (level) {
	case L2C_LOG_ERROR:
		return "error: ";
	case L2C_LOG_WARNING:
		return "warning: ";
	default:
		return "";
	}
}

void l2c_logv(enum l2c_log_level level, const char *component, const char *fmt, va_list ap)
{
	char message[1024];

	if (level > log_max_level)
		return;
	vsnprintf(message, sizeof(message), fmt, ap);
	if (log_sink) {
		log_sink(level, component, message, log_sink_data);
		return;
	}
	fprintf(stderr, "%s: %s%s\n", component, level_prefix(level), message);
}

void l2c_log(enum l2c_log_level level, const char *component, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	l2c_logv(level, component, fmt, ap);
	va_end(ap);
}
