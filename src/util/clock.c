/* SPDX-License-Identifier: MIT */
/* Wall clock, ISO 8601 formatting and parsing (UTC only). */
#include "util/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t fixed_ms; /* 0: the real clock */

int64_t
clock_now_ms(void)
{
	struct timespec ts;

	if (fixed_ms != 0)
		return fixed_ms;
	/* CLOCK_REALTIME, as time() reads it: faketime moves both. */
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (int64_t)time(NULL) * 1000;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_now(void)
{
	return clock_now_ms() / 1000;
}

void
clock_set_fixed(int64_t t)
{
	clock_set_fixed_ms(t * 1000);
}

void
clock_set_fixed_ms(int64_t ms)
{
	fixed_ms = ms;
}

void
clock_format_iso(int64_t t, char *out, size_t outlen)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, outlen, "%s", "");
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool
digits(const char *p, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return true;
}

bool
clock_parse_iso(const char *p, size_t len, int64_t *out)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, hh = 0, mm = 0, ss = 0;

	if (len != 10 && len != 20)
		return false;
	if (!digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &m) ||
	    p[7] != '-' || !digits(p + 8, 2, &d))
		return false;
	if (len == 20 && (p[10] != 'T' || !digits(p + 11, 2, &hh) ||
	    p[13] != ':' || !digits(p + 14, 2, &mm) || p[16] != ':' ||
	    !digits(p + 17, 2, &ss) || p[19] != 'Z'))
		return false;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 || ss > 60)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return false;
	*out = days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 +
	    hh * 3600 + mm * 60 + ss;
	return true;
}
