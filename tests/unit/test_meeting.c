/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/meeting: the plain dates meetings and events are given
 * (a refusal names its field and leaves the output alone), when a
 * meeting's day is over, and how many meetings went by without progress.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/meeting.h"

#define DAY MEETING_DAY

static void
check_bad(const char *p, size_t len)
{
	struct tld_error err;
	int64_t t = 42;

	tld_error_clear(&err);
	if (meeting_date_parse("due", p, len, &t, &err) != TLD_EINVAL)
		fail_msg("date \"%.*s\" accepted", (int)len, p);
	assert_string_equal(err.field, "due");
	assert_int_equal(t, 42);
}

static void
parses_plain_dates(void **state)
{
	struct tld_error err;
	int64_t t = 0;

	(void)state;
	assert_int_equal(meeting_date_parse("date", "2019-03-10", 10, &t, &err), 0);
	assert_int_equal(t, 1552176000);
	assert_int_equal(meeting_date_parse("date", "2020-02-29", 10, &t, &err), 0);
	assert_int_equal(meeting_date_parse("date", "1970-01-01", 10, &t, &err), 0);
	assert_int_equal(t, 0);
	/* Only len bytes are read. */
	assert_int_equal(meeting_date_parse("date", "2019-03-10junk", 10, &t,
	    &err), 0);
	check_bad("2019-03-10junk", 14);
	check_bad("2019-02-29", 10);
	check_bad("2019-02-30", 10);
	check_bad("2019-13-01", 10);
	check_bad("2019-00-10", 10);
	check_bad("2019-3-10", 9);
	check_bad("2019/03/10", 10);
	check_bad("10-03-2019", 10);
	check_bad("2019-03-10T00:00:00Z", 20);
	check_bad("1969-12-31", 10);
	check_bad("", 0);
	check_bad("tomorrow", 8);
	check_bad("2019-03-1\0", 10);
	check_bad(" 2019-03-1", 10);
	meeting_date_parse("date", "2019-02-30", 10, &t, &err);
	assert_string_equal(err.message, "\"2019-02-30\" is not a date (YYYY-MM-DD)");
	/* Input that could not be quoted safely is not. */
	meeting_date_parse("date", "a\"b\x1b", 4, &t, &err);
	assert_string_equal(err.message, "\"?\" is not a date (YYYY-MM-DD)");
}

static void
a_meeting_is_past_once_its_day_is_over(void **state)
{
	int64_t d = 1552176000;

	(void)state;
	assert_false(meeting_is_past(d, d - 1));
	assert_false(meeting_is_past(d, d));
	assert_false(meeting_is_past(d, d + DAY - 1));
	assert_true(meeting_is_past(d, d + DAY));
	assert_true(meeting_is_past(d, d + 100 * DAY));
}

static void
counts_meetings_without_progress(void **state)
{
	/* ICANN64, 65, 66 */
	const int64_t m[] = { 100 * DAY, 200 * DAY, 300 * DAY };

	(void)state;
	/* No meetings, one meeting: nothing to count. */
	assert_int_equal(meeting_idle_count(m, 0, 0, 1000 * DAY), 0);
	assert_int_equal(meeting_idle_count(m, 1, 0, 1000 * DAY), 0);
	/* Progress before ICANN64: it reports it; 65 and 66 had none. */
	assert_int_equal(meeting_idle_count(m, 3, 50 * DAY, 150 * DAY), 0);
	assert_int_equal(meeting_idle_count(m, 3, 50 * DAY, 200 * DAY - 1), 0);
	assert_int_equal(meeting_idle_count(m, 3, 50 * DAY, 200 * DAY), 1);
	assert_int_equal(meeting_idle_count(m, 3, 50 * DAY, 300 * DAY), 2);
	assert_int_equal(meeting_idle_count(m, 3, 50 * DAY, 1000 * DAY), 2);
	/* Progress between 64 and 65: only 66 had none. */
	assert_int_equal(meeting_idle_count(m, 3, 150 * DAY, 1000 * DAY), 1);
	/* Progress at 64's very start belongs to 65's period. */
	assert_int_equal(meeting_idle_count(m, 3, 100 * DAY, 1000 * DAY), 1);
	assert_int_equal(meeting_idle_count(m, 3, 100 * DAY - 1, 1000 * DAY), 2);
	/* Progress after the last meeting. */
	assert_int_equal(meeting_idle_count(m, 3, 301 * DAY, 1000 * DAY), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_plain_dates),
		cmocka_unit_test(a_meeting_is_past_once_its_day_is_over),
		cmocka_unit_test(counts_meetings_without_progress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
