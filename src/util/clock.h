/* SPDX-License-Identifier: MIT */
/*
 * The one place the program reads the time, so token expiry, backoff and
 * schedules can be tested in virtual time (faketime moves it for the whole
 * binary; unit tests call clock_set_fixed()).
 */
#ifndef TLD_UTIL_CLOCK_H
#define TLD_UTIL_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Seconds since the epoch, UTC. */
int64_t clock_now(void);

/*
 * Milliseconds since the epoch, UTC: the same wall clock (faketime moves
 * it), for the rate of long work (util/progress.h).
 */
int64_t clock_now_ms(void);

/* Tests only: make clock_now() return t (0 returns to the real clock). */
void clock_set_fixed(int64_t t);
/* Tests only: the same in milliseconds (clock_now() is ms / 1000). */
void clock_set_fixed_ms(int64_t ms);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void clock_format_iso(int64_t t, char *out, size_t outlen);

/*
 * Parse "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ" from p[0..len);
 * returns false when it is not such a date (including 2025-02-30).
 */
bool clock_parse_iso(const char *p, size_t len, int64_t *out);

#endif
