/* SPDX-License-Identifier: MIT */
/*
 * Leveled logging to stderr.  Each line is formatted into one bounded
 * buffer and handed to the kernel in one write(2), so the lines of the web
 * threads, the outbox worker and the housekeeping never interleave (stdio's
 * unbuffered stderr writes a line in several pieces).  A control character
 * in a logged value (a path, an address, a header) becomes '?', so no value
 * can start a line of its own or drive the terminal.
 */
#include "util/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum log_level log_threshold = LOG_LEVEL_WARN;

static const char *const level_names[] = { "error", "warning", "info", "debug" };

void
log_set_level(enum log_level level)
{
	log_threshold = level;
}

/* Appends to line[*n..LOG_LINE_MAX - 1), keeping room for the newline. */
static void __attribute__((format(printf, 3, 0)))
append(char *line, size_t *n, const char *fmt, va_list ap)
{
	size_t room = LOG_LINE_MAX - 1 - *n;
	int w;

	if (room <= 1)
		return;
	w = vsnprintf(line + *n, room, fmt, ap);
	if (w < 0)
		return;
	*n += (size_t)w < room ? (size_t)w : room - 1;
}

static void __attribute__((format(printf, 3, 4)))
appendf(char *line, size_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(line, n, fmt, ap);
	va_end(ap);
}

void
log_emit(enum log_level level, int with_errno, const char *source,
    const char *fmt, ...)
{
	int saved = errno;
	char line[LOG_LINE_MAX];
	size_t n = 0, head;
	va_list ap;

	appendf(line, &n, "tldops[%s] %s: ", source, level_names[level]);
	head = n;
	va_start(ap, fmt);
	append(line, &n, fmt, ap);
	va_end(ap);
	if (with_errno)
		appendf(line, &n, ": %s", strerror(saved));
	for (size_t i = head; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	line[n++] = '\n';
	/* A short write (a full pipe) is not retried: logging never blocks twice. */
	if (write(STDERR_FILENO, line, n) < 0) {
		/* Nowhere left to report it. */
	}
	errno = saved;
}
