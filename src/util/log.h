/* SPDX-License-Identifier: MIT */
/*
 * Logging to stderr with a level and a source ("cli", "web", "store", "mail",
 * "service").  The level is checked before the arguments are formatted.
 * log_error/log_warn append strerror(errno); the x forms do not.
 * Never log tokens, session ids or message bodies; contact addresses only at
 * debug level.
 */
#ifndef TLD_UTIL_LOG_H
#define TLD_UTIL_LOG_H

/* A line, newline included, is shorter than this (longer is cut); one write(2). */
#define LOG_LINE_MAX 2048

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

extern enum log_level log_threshold;

void log_set_level(enum log_level level);
void log_emit(enum log_level level, int with_errno, const char *source,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#define LOG_AT(lvl, errno_, src, ...) do { \
	if ((lvl) <= log_threshold) \
		log_emit((lvl), (errno_), (src), __VA_ARGS__); \
} while (0)

#define log_error(src, ...)  LOG_AT(LOG_LEVEL_ERROR, 1, src, __VA_ARGS__)
#define log_errorx(src, ...) LOG_AT(LOG_LEVEL_ERROR, 0, src, __VA_ARGS__)
#define log_warn(src, ...)   LOG_AT(LOG_LEVEL_WARN, 1, src, __VA_ARGS__)
#define log_warnx(src, ...)  LOG_AT(LOG_LEVEL_WARN, 0, src, __VA_ARGS__)
#define log_info(src, ...)   LOG_AT(LOG_LEVEL_INFO, 0, src, __VA_ARGS__)
#define log_debug(src, ...)  LOG_AT(LOG_LEVEL_DEBUG, 0, src, __VA_ARGS__)

#endif
