/* SPDX-License-Identifier: MIT */
/* Meeting days: parsing, "past", and the idle count. */
#include "model/meeting.h"

#include "util/clock.h"

int
meeting_date_parse(const char *field, const char *p, size_t len, int64_t *out,
    struct tld_error *err)
{
	bool plain = len <= 40;
	int64_t t;

	/* Quote the input only when it is short printable ASCII. */
	for (size_t i = 0; plain && i < len; i++)
		if (p[i] < ' ' || p[i] > '~' || p[i] == '"' || p[i] == '\\')
			plain = false;
	if (len != 10 || p[4] != '-' || p[7] != '-' ||
	    !clock_parse_iso(p, len, &t))
		return tld_error_set(err, TLD_EINVAL, field,
		    "\"%.*s\" is not a date (YYYY-MM-DD)", plain ? (int)len : 1,
		    plain ? p : "?");
	*out = t;
	return 0;
}

bool
meeting_is_past(int64_t date, int64_t at)
{
	return date <= at - MEETING_DAY;
}

int64_t
meeting_idle_count(const int64_t *dates, size_t n, int64_t last_progress,
    int64_t at)
{
	int64_t idle = 0;

	for (size_t i = 1; i < n && dates[i] <= at; i++)
		if (dates[i - 1] > last_progress)
			idle++;
	return idle;
}
