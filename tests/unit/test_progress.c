/* SPDX-License-Identifier: MIT */
/*
 * Tests of util/progress: the line's words (rows, rate, time left), the
 * few-thousand threshold, at most one redraw per PROGRESS_INTERVAL_MS of
 * util/clock's time, the erase at the end, and nothing while off.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/clock.h"
#include "util/progress.h"

static void
check_line(const char *what, int64_t done, int64_t total, int64_t ms,
    const char *want)
{
	char out[160];

	progress_format(out, sizeof(out), what, done, total, ms);
	assert_string_equal(out, want);
}

static void
the_line_says_rows_rate_and_time_left(void **state)
{
	(void)state;
	check_line("import", 12000, 100000, 1500,
	    "import: 12,000/100,000 rows  8,000 rows/s  0:11 left");
	check_line("export", 999, 1000000, 1000,
	    "export: 999/1,000,000 rows  999 rows/s  16:40 left");
	check_line("migrate", 1, 7201, 1000,
	    "migrate: 1/7,201 rows  1 rows/s  2:00:00 left");
	/* No time yet: no rate, no time left. */
	check_line("import", 10, 20000, 0, "import: 10/20,000 rows");
	/* An unknown total: no time left. */
	check_line("import", 6000, 0, 2000, "import: 6,000 rows  3,000 rows/s");
	/* More done than the estimate (a cell held a line break). */
	check_line("import", 20001, 20000, 1000,
	    "import: 20,001/20,000 rows  20,001 rows/s");
}

/* The drawing, into memory, at times of our choosing. */
static char *buf;
static size_t len;
static FILE *mem;

static int
setup(void **state)
{
	(void)state;
	mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	clock_set_fixed(0);
	fclose(mem);
	free(buf);
	buf = NULL;
	return 0;
}

static size_t
draws(void)
{
	size_t n = 0;

	fflush(mem);
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\r';
	return n;
}

static void
redrawn_at_most_five_times_a_second_and_erased(void **state)
{
	int64_t t0 = 1764849600000; /* 2025-12-04T12:00:00Z */
	struct progress_line pl;
	struct progress p;

	(void)state;
	clock_set_fixed_ms(t0);
	progress_line_force(&pl, mem, "import", &p);
	assert_true(progress_wanted(&p));
	/* Within the first interval: nothing. */
	for (int i = 1; i <= 1000; i++)
		progress_report(&p, i, 20000);
	assert_int_equal(draws(), 0);
	/* 20,000 rows over 2 s, one row a tenth of a millisecond. */
	for (int i = 1; i <= 20000; i++) {
		clock_set_fixed_ms(t0 + i / 10);
		progress_report(&p, i, 20000);
	}
	assert_int_equal(draws(), 10);
	assert_non_null(strstr(buf, "\rimport: 2,000/20,000 rows  10,000 rows/s  0:02 left\033[K"));
	assert_non_null(strstr(buf, "\rimport: 20,000/20,000 rows  10,000 rows/s  0:00 left\033[K"));
	progress_line_close(&pl);
	assert_int_equal(draws(), 11);
	assert_memory_equal(buf + len - 4, "\r\033[K", 4);
}

static void
a_few_thousand_rows_show_nothing(void **state)
{
	int64_t t0 = 1764849600000;
	struct progress_line pl;
	struct progress p;

	(void)state;
	clock_set_fixed_ms(t0);
	progress_line_force(&pl, mem, "export", &p);
	for (int i = 1; i <= PROGRESS_MIN_ROWS; i++) {
		clock_set_fixed_ms(t0 + i);
		progress_report(&p, i, PROGRESS_MIN_ROWS);
	}
	progress_line_close(&pl);
	assert_int_equal(draws(), 0);
	/* An unknown total: only past the threshold. */
	clock_set_fixed_ms(t0);
	progress_line_force(&pl, mem, "import", &p);
	for (int i = 1; i <= PROGRESS_MIN_ROWS + 1; i++) {
		clock_set_fixed_ms(t0 + i);
		progress_report(&p, i, 0);
	}
	assert_int_equal(draws(), 1);
	assert_non_null(strstr(buf, "\rimport: 2,001 rows  1,001 rows/s\033[K"));
	progress_line_close(&pl);
	assert_int_equal(draws(), 2);
}

static void
nothing_for_nobody_or_a_file(void **state)
{
	int64_t t0 = 1764849600000;
	struct progress_line pl;
	struct progress p = { NULL, NULL };

	(void)state;
	/* Nobody listening: reporting is harmless. */
	assert_false(progress_wanted(&p));
	assert_false(progress_wanted(NULL));
	progress_report(NULL, 1, 1);
	progress_report(&p, 1, 1);
	/* A file that is not a terminal is not drawn on. */
	assert_false(progress_line_open(&pl, mem, "import", &p));
	assert_false(progress_wanted(&p));
	clock_set_fixed_ms(t0);
	for (int i = 1; i <= 100000; i++) {
		clock_set_fixed_ms(t0 + i);
		progress_report(&p, i, 100000);
	}
	progress_line_close(&pl);
	assert_int_equal(draws(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_line_says_rows_rate_and_time_left),
		cmocka_unit_test_setup_teardown(
		    redrawn_at_most_five_times_a_second_and_erased, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(a_few_thousand_rows_show_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_for_nobody_or_a_file,
		    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
