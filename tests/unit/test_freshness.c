/* SPDX-License-Identifier: MIT */
/* Tests of service/freshness: what is due when (freshness_due(), no I/O). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "service/directory/freshness.h"
#include "store/freshness_store.h"

#define DAY INT64_C(86400)
#define T0 INT64_C(1700000000)
#define RECONFIRM (180 * DAY)
#define STALE (60 * DAY)

static struct freshness_row
row(int64_t confirmed, int64_t asked, int64_t reminders, int64_t stale)
{
	struct freshness_row r;

	memset(&r, 0, sizeof(r));
	r.contact_id = 1;
	r.created = T0;
	r.confirmed = confirmed;
	r.asked = asked;
	r.reminders = reminders;
	r.stale = stale;
	return r;
}

static int
due(const struct freshness_row *r, int64_t now, int64_t *to)
{
	return freshness_due(r, now, RECONFIRM, STALE, to);
}

static void
creation_counts_as_confirmation(void **state)
{
	struct freshness_row r = row(0, 0, 0, 0);
	int64_t to;

	(void)state;
	assert_int_equal(freshness_last_confirmed(&r), T0);
	assert_int_equal(due(&r, T0 + RECONFIRM - 1, &to), 0);
	assert_int_equal(due(&r, T0 + RECONFIRM, &to), FRESHNESS_DUE_ASK);
	r.confirmed = T0 + 10 * DAY;
	assert_int_equal(freshness_last_confirmed(&r), T0 + 10 * DAY);
	assert_int_equal(due(&r, T0 + RECONFIRM, &to), 0);
}

static void
reminders_after_14_and_28_days(void **state)
{
	int64_t a = T0 + RECONFIRM, to;
	struct freshness_row r = row(0, a, 0, 0);

	(void)state;
	assert_int_equal(due(&r, a + 14 * DAY - 1, &to), 0);
	assert_int_equal(due(&r, a + 14 * DAY, &to), FRESHNESS_DUE_REMIND);
	assert_int_equal(to, 1);
	r.reminders = 1;
	assert_int_equal(due(&r, a + 27 * DAY, &to), 0);
	assert_int_equal(due(&r, a + 28 * DAY, &to), FRESHNESS_DUE_REMIND);
	assert_int_equal(to, 2);
	r.reminders = 2;
	assert_int_equal(due(&r, a + 59 * DAY, &to), 0);
	/* A late run: one reminder for both. */
	r.reminders = 0;
	assert_int_equal(due(&r, a + 30 * DAY, &to), FRESHNESS_DUE_REMIND);
	assert_int_equal(to, 2);
}

static void
stale_after_stale_days_once(void **state)
{
	int64_t a = T0 + RECONFIRM, to;
	struct freshness_row r = row(0, a, 2, 0);

	(void)state;
	assert_int_equal(due(&r, a + STALE - 1, &to), 0);
	assert_int_equal(due(&r, a + STALE, &to), FRESHNESS_DUE_STALE);
	r.stale = a + STALE;
	assert_int_equal(due(&r, a + STALE + DAY, &to), 0);
}

static void
an_open_correction_holds_reminders_and_stale_back(void **state)
{
	int64_t a = T0 + RECONFIRM, to;
	struct freshness_row r = row(0, a, 0, 0);

	(void)state;
	r.correcting = true;
	assert_int_equal(due(&r, a + STALE + DAY, &to), 0);
	r.correcting = false;
	assert_int_equal(due(&r, a + STALE + DAY, &to),
	    FRESHNESS_DUE_REMIND | FRESHNESS_DUE_STALE);
}

static void
an_unanswered_round_is_replaced_after_reconfirm_days(void **state)
{
	int64_t a = T0 + RECONFIRM, to;
	struct freshness_row r = row(0, a, 2, a + STALE);

	(void)state;
	assert_int_equal(due(&r, a + RECONFIRM - 1, &to), 0);
	/* A new ask; no reminder of the old round. */
	assert_int_equal(due(&r, a + RECONFIRM, &to), FRESHNESS_DUE_ASK);
	r.reminders = 0;
	r.stale = 0;
	assert_int_equal(due(&r, a + RECONFIRM, &to),
	    FRESHNESS_DUE_ASK | FRESHNESS_DUE_STALE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creation_counts_as_confirmation),
		cmocka_unit_test(reminders_after_14_and_28_days),
		cmocka_unit_test(stale_after_stale_days_once),
		cmocka_unit_test(an_open_correction_holds_reminders_and_stale_back),
		cmocka_unit_test(an_unanswered_round_is_replaced_after_reconfirm_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
