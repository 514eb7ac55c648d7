/* SPDX-License-Identifier: MIT */
/*
 * Meetings as the committee counts time: a meeting is a day (its date is
 * 00:00 UTC of that day), "past" once that day is over, and the meetings
 * held between an initiative's last progress and a moment say how long it
 * has been idle.  Parsing of the plain dates meetings and events are given.
 * No I/O, no clock: the caller passes the moment.
 */
#ifndef TLD_MODEL_MEETING_H
#define TLD_MODEL_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define MEETING_DAY 86400

/*
 * A day "YYYY-MM-DD" (exactly ten characters, a real calendar day) from
 * p[0..len) as 00:00 UTC in *out.  Errors name `field`; *out is written
 * only on success.
 */
int meeting_date_parse(const char *field, const char *p, size_t len,
    int64_t *out, struct tld_error *err);

/* Whether the day that starts at `date` is over at `at`. */
bool meeting_is_past(int64_t date, int64_t at);

/*
 * How many meetings went by without progress: among the meeting dates
 * dates[0..n) (ascending), those held by `at` (date <= at) whose previous
 * meeting was after `last_progress`, i.e. whose whole period since the
 * meeting before had no progress.  A meeting right after some progress
 * reports it, so it is not counted.
 */
int64_t meeting_idle_count(const int64_t *dates, size_t n, int64_t last_progress,
    int64_t at);

#endif
