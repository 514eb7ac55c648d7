/* SPDX-License-Identifier: MIT */
/* Tests of util/clock: ISO 8601 parsing and formatting, the virtual clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/clock.h"

static void
parses_dates_and_times(void **state)
{
	int64_t t;

	(void)state;
	assert_true(clock_parse_iso("1970-01-01", 10, &t));
	assert_int_equal(t, 0);
	assert_true(clock_parse_iso("2019-03-10T15:15:00Z", 20, &t));
	assert_int_equal(t, 1552230900);
	assert_true(clock_parse_iso("2024-02-29", 10, &t));
}

static void
refuses_non_dates(void **state)
{
	int64_t t = 42;

	(void)state;
	assert_false(clock_parse_iso("2025-02-29", 10, &t));
	assert_false(clock_parse_iso("2025-13-01", 10, &t));
	assert_false(clock_parse_iso("2025-1-01", 9, &t));
	assert_false(clock_parse_iso("yesterday!", 10, &t));
	assert_false(clock_parse_iso("2025-01-01T25:00:00Z", 20, &t));
	assert_int_equal(t, 42);
}

static void
formats_and_fixes_time(void **state)
{
	char out[32];

	(void)state;
	clock_set_fixed(1552230900);
	assert_int_equal(clock_now(), 1552230900);
	clock_format_iso(clock_now(), out, sizeof(out));
	assert_string_equal(out, "2019-03-10T15:15:00Z");
	clock_set_fixed(0);
	assert_true(clock_now() > 1552230900);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_dates_and_times),
		cmocka_unit_test(refuses_non_dates),
		cmocka_unit_test(formats_and_fixes_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
