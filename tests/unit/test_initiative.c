/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/initiative and model/event: the words their fields may
 * hold, and the flags of an initiative (needs a lead, overdue milestone,
 * idle for [policy] initiative_idle_meetings meetings) at a moment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/event.h"
#include "model/initiative.h"
#include "model/meeting.h"

#define DAY MEETING_DAY

static void
knows_the_words(void **state)
{
	(void)state;
	assert_true(initiative_kind_valid("workshop"));
	assert_true(initiative_kind_valid("playbook"));
	assert_true(initiative_kind_valid("outreach"));
	assert_true(initiative_kind_valid("other"));
	assert_false(initiative_kind_valid("Workshop"));
	assert_false(initiative_kind_valid("workshop "));
	assert_false(initiative_kind_valid(""));
	assert_true(initiative_state_valid("active"));
	assert_true(initiative_state_valid("paused"));
	assert_true(initiative_state_valid("stopped"));
	assert_true(initiative_state_valid("done"));
	assert_false(initiative_state_valid("open"));
	assert_true(initiative_is_open("active"));
	assert_true(initiative_is_open("paused"));
	assert_false(initiative_is_open("stopped"));
	assert_false(initiative_is_open("done"));
	assert_true(event_mode_valid("in-person"));
	assert_true(event_mode_valid("remote"));
	assert_false(event_mode_valid("in person"));
	assert_false(event_mode_valid(""));
	/* The form offers exactly the words the rule accepts. */
	assert_int_equal(event_nmodes, 2);
	for (size_t i = 0; i < event_nmodes; i++)
		assert_true(event_mode_valid(event_modes[i]));
	assert_true(event_outcome_valid("joined"));
	assert_true(event_outcome_valid("interested"));
	assert_true(event_outcome_valid("declined"));
	assert_false(event_outcome_valid("none"));
	assert_false(event_outcome_valid(""));
}

static const int64_t meetings[] = { 100 * DAY, 200 * DAY, 300 * DAY };

static struct initiative_facts
facts(const char *state, bool lead, int64_t progress,
    const struct initiative_due *due, size_t ndue, int64_t at)
{
	struct initiative_facts f;

	memset(&f, 0, sizeof(f));
	f.state = state;
	f.has_lead = lead;
	f.last_progress = progress;
	f.due = due;
	f.ndue = ndue;
	f.meetings = meetings;
	f.nmeetings = 3;
	f.at = at;
	f.idle_limit = 2;
	return f;
}

static void
raises_each_flag(void **state)
{
	const struct initiative_due due[] = {
		{ 100 * DAY, true }, { 200 * DAY, false }, { 300 * DAY, false },
	};
	struct initiative_facts f;
	struct initiative_flags fl;

	(void)state;
	/* On track before ICANN65. */
	f = facts("active", true, 50 * DAY, due, 3, 150 * DAY);
	initiative_flags_compute(&f, &fl);
	assert_false(fl.needs_lead);
	assert_int_equal(fl.overdue, 0);
	assert_false(fl.idle);
	assert_int_equal(fl.nflags, 0);
	/* During ICANN65's day its milestone is due, not overdue. */
	f.at = 200 * DAY + DAY - 1;
	initiative_flags_compute(&f, &fl);
	assert_int_equal(fl.overdue, 0);
	assert_int_equal(fl.idle_meetings, 1);
	f.at = 200 * DAY + DAY;
	initiative_flags_compute(&f, &fl);
	assert_int_equal(fl.overdue, 1);
	assert_int_equal(fl.nflags, 1);
	/* After ICANN66: both overdue, idle for two meetings. */
	f.at = 400 * DAY;
	initiative_flags_compute(&f, &fl);
	assert_int_equal(fl.overdue, 2);
	assert_int_equal(fl.idle_meetings, 2);
	assert_true(fl.idle);
	assert_int_equal(fl.nflags, 2);
	/* No lead. */
	f.has_lead = false;
	initiative_flags_compute(&f, &fl);
	assert_true(fl.needs_lead);
	assert_int_equal(fl.nflags, 3);
	/* The committee's threshold; 0 never flags. */
	f.idle_limit = 3;
	initiative_flags_compute(&f, &fl);
	assert_false(fl.idle);
	f.idle_limit = 1;
	f.at = 250 * DAY;
	initiative_flags_compute(&f, &fl);
	assert_true(fl.idle);
	f.idle_limit = 0;
	initiative_flags_compute(&f, &fl);
	assert_false(fl.idle);
	assert_int_equal(fl.idle_meetings, 1);
}

static void
finished_business_raises_none(void **state)
{
	const struct initiative_due due[] = { { 100 * DAY, false } };
	struct initiative_facts f;
	struct initiative_flags fl;

	(void)state;
	f = facts("paused", false, 0, due, 1, 400 * DAY);
	initiative_flags_compute(&f, &fl);
	assert_int_equal(fl.nflags, 3);
	f.state = "stopped";
	initiative_flags_compute(&f, &fl);
	assert_int_equal(fl.nflags, 0);
	assert_false(fl.needs_lead);
	assert_int_equal(fl.overdue, 0);
	assert_false(fl.idle);
	/* The count is kept: it says how long it has been quiet. */
	assert_int_equal(fl.idle_meetings, 2);
	f.state = "done";
	initiative_flags_compute(&f, &fl);
	assert_int_equal(fl.nflags, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(knows_the_words),
		cmocka_unit_test(raises_each_flag),
		cmocka_unit_test(finished_business_raises_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
