/* SPDX-License-Identifier: MIT */
/* Leveled logging to stderr. */
#include "util/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum log_level log_threshold = LOG_LEVEL_WARN;

static const char *const level_names[] = { "error", "warning", "info", "debug" };

void
log_set_level(enum log_level level)
{
	log_threshold = level;
}

void
log_emit(enum log_level level, int with_errno, const char *source,
    const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	fprintf(stderr, "tldops[%s] %s: ", source, level_names[level]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(saved));
	fputc('\n', stderr);
	errno = saved;
}
