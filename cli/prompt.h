/* Asking a person for a secret on the terminal without echoing it. */
#pragma once

#include <glib.h>

/* Writes `prompt` to the controlling terminal and reads one line with echo off. The terminal
 * is restored even when a signal interrupts the read. Returns the line without its newline
 * (free with l2c_secret_free), or NULL with `error` set when there is no terminal or the
 * input ended. */
char *l2c_prompt_secret(const char *prompt, GError **error);

/* Reads one "KEY=VALUE" line from `fd` into a fixed buffer (no reallocations to leave copies
 * behind). Returns 1 with *line set (free with l2c_secret_free), 0 at the end of input, or a
 * negative errno (-EMSGSIZE for a line over 4 KiB). */
int l2c_read_secret_line(int fd, char **line);
