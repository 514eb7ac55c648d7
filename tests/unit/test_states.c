/* SPDX-License-Identifier: MIT */
/* Tests of model/states: each state's name table and its enum agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/initiative.h"
#include "model/states.h"

static void
names_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < REQUEST_STATES; i++)
		assert_int_equal(request_state_from(request_state_names[i]), i);
	for (int i = 0; i < DELIVERY_STATES; i++)
		assert_int_equal(delivery_state_from(delivery_state_names[i]), i);
	for (int i = 0; i < OBJECTIVE_STATES; i++)
		assert_int_equal(objective_state_from(objective_state_names[i]), i);
	for (int i = 0; i < OUTREACH_STATES; i++)
		assert_int_equal(outreach_state_from(outreach_state_names[i]), i);
	for (int i = 0; i < FRESHNESS_STATES; i++)
		assert_int_equal(freshness_state_from(freshness_state_names[i]), i);
	for (int i = 0; i < LIST_POST_STATES; i++)
		assert_int_equal(list_post_state_from(list_post_state_names[i]), i);
	assert_int_equal(initiative_nstates, INITIATIVE_STATES);
	for (int i = 0; i < INITIATIVE_STATES; i++)
		assert_int_equal(initiative_state_from(initiative_states[i]), i);
}

static void
stored_names_are_fixed(void **state)
{
	(void)state;
	/* What the databases hold: renaming one needs a migration. */
	assert_int_equal(request_state_from("pending-authorisation"), REQUEST_STATE_PENDING);
	assert_int_equal(request_state_from("authorised"), REQUEST_STATE_AUTHORISED);
	assert_int_equal(delivery_state_from("queued"), DELIVERY_QUEUED);
	assert_int_equal(delivery_state_from("failed"), DELIVERY_FAILED);
	assert_int_equal(objective_state_from("met"), OBJECTIVE_MET);
	assert_int_equal(objective_state_from("missed"), OBJECTIVE_MISSED);
	assert_int_equal(outreach_state_from("joined"), OUTREACH_JOINED);
	assert_int_equal(initiative_state_from("paused"), INITIATIVE_PAUSED);
	assert_int_equal(list_post_state_from("held"), LIST_POST_HELD);
	assert_int_equal(freshness_state_from("stale"), FRESHNESS_STALE);
	assert_int_equal(list_post_state_from("answered"), LIST_POST_ANSWERED);
}

static void
unknown_names(void **state)
{
	(void)state;
	assert_int_equal(request_state_from("Authorised"), -1);
	assert_int_equal(objective_state_from(""), -1);
	assert_int_equal(outreach_state_from(NULL), -1);
	assert_int_equal(delivery_state_from("sent "), -1);
	assert_int_equal(list_post_state_from("bounce"), -1);
	assert_true(initiative_is_open("active"));
	assert_false(initiative_is_open("done"));
	assert_false(initiative_is_open("bogus"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(stored_names_are_fixed),
		cmocka_unit_test(unknown_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
