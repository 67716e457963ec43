/* One logging function for the whole tree: a level, a component tag, a message.
 * GLib-free so the pure layers can log; the daemon and CLI install a sink. Secrets are
 * never passed to it: callers format only non-secret values. */
#pragma once

#include <stdarg.h>

enum l2c_log_level {
	L2C_LOG_ERROR = 0,
	L2C_LOG_WARNING,
	L2C_LOG_INFO,
	L2C_LOG_DEBUG,
};

typedef void (*l2c_log_sink)(enum l2c_log_level level, const char *component, const char *message,
			     void *user_data);

/* Messages above `max_level` are dropped before formatting. */
void l2c_log_set_max_level(enum l2c_log_level max_level);
enum l2c_log_level l2c_log_get_max_level(void);

/* NULL restores the default sink (stderr, "component: message"). */
void l2c_log_set_sink(l2c_log_sink sink, void *user_data);

void l2c_log(enum l2c_log_level level, const char *component, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void l2c_logv(enum l2c_log_level level, const char *component, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#define l2c_error(comp, ...) l2c_log(L2C_LOG_ERROR, comp, __VA_ARGS__)
#define l2c_warn(comp, ...)  l2c_log(L2C_LOG_WARNING, comp, __VA_ARGS__)
#define l2c_info(comp, ...)  l2c_log(L2C_LOG_INFO, comp, __VA_ARGS__)
#define l2c_debug(comp, ...) l2c_log(L2C_LOG_DEBUG, comp, __VA_ARGS__)
