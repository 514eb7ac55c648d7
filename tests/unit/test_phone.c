/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/phone: the forms people type normalised to E.164, and
 * refusal (field "phone", out untouched) of letters, missing country codes
 * and digit counts outside 8..15.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/phone.h"

#define UNTOUCHED "untouched"

static void
check_good(const char *in, const char *want)
{
	char out[PHONE_MAX + 1];
	struct tld_error err;

	tld_error_clear(&err);
	if (phone_normalize(in, strlen(in), out, sizeof(out), &err) != 0)
		fail_msg("\"%s\" refused: %s", in, err.message);
	assert_string_equal(out, want);
}

static const char *
check_bad_len(const char *in, size_t len)
{
	static struct tld_error err;
	char out[PHONE_MAX + 1] = UNTOUCHED;
	int rc;

	tld_error_clear(&err);
	rc = phone_normalize(in, len, out, sizeof(out), &err);
	if (rc != TLD_EINVAL)
		fail_msg("\"%.*s\" not refused (rc %d, out \"%s\")", (int)len,
		    in, rc, out);
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, "phone");
	assert_true(err.message[0] != '\0');
	assert_string_equal(out, UNTOUCHED);
	return err.message;
}

static const char *
check_bad(const char *in)
{
	return check_bad_len(in, strlen(in));
}

static void
normalises_good_numbers(void **state)
{
	(void)state;
	check_good("+31 (0)70 345 6789", "+31703456789");
	check_good("0031 70 3456789", "+31703456789");
	check_good("+31703456789", "+31703456789");
	check_good("  +31-70-345.67.89 ", "+31703456789");
	check_good("+44 (0)20 7946 0958", "+442079460958");
	check_good("+1 (555) 123-4567", "+15551234567");
	check_good("+7 495 123 45 67", "+74951234567");
	check_good("+290 12345", "+29012345");           /* 8 digits */
	check_good("+123 456 789 012 345", "+123456789012345"); /* 15 */
}

static void
reads_only_len_bytes(void **state)
{
	char out[PHONE_MAX + 1];
	struct tld_error err;

	(void)state;
	assert_int_equal(phone_normalize("+31703456789999", 12, out,
	    sizeof(out), &err), 0);
	assert_string_equal(out, "+31703456789");
}

static void
refuses_bad_numbers(void **state)
{
	char big[100];

	(void)state;
	assert_string_equal(check_bad(""), "is empty");
	check_bad("   ");
	assert_string_equal(check_bad("+31 70 345"),
	    "\"+31 70 345\" has 7 digits: international numbers have 8 to 15");
	check_bad("+1234567");
	assert_string_equal(check_bad("+1234567890123456"),
	    "\"+1234567890123456\" has 16 digits: international numbers have "
	    "8 to 15");
	check_bad("+31 70 CALL NOW");
	check_bad("+31 70 345 6789 ext. 12");
	check_bad("+31 70 345 6789 x12");
	check_bad("+31 70 345 6789;ext=12");
	check_bad("+31 70 345 6789 #12");
	assert_string_equal(check_bad("070 345 6789"),
	    "\"070 345 6789\" has no country code: start with + or 00");
	check_bad("31703456789");
	assert_string_equal(check_bad("+0 70 345 6789"),
	    "\"+0 70 345 6789\" has no country code: country codes do not "
	    "start with 0");
	check_bad("000 70 345 6789");
	check_bad("+(0)70 345 6789");
	check_bad("+31 70 +345 6789");
	check_bad("++31 70 345 6789");
	check_bad("+31 (70 345 6789");
	check_bad("+31 70) 345 6789");
	check_bad("+31 () 70 345 6789");
	check_bad("+31 ((0)) 70 345 6789");
	check_bad("+31 (0 70) 345 6789");
	check_bad("+");
	check_bad("00");
	check_bad("+ - .");
	check_bad("+31 70 345 6789\r\n");
	check_bad("+31\n703456789");
	check_bad("+31\t703456789");
	check_bad("\xff");
	check_bad("+31 70 345 6789\xc2\xa0");
	check_bad("+３１ 70 345 6789");
	check_bad_len("+31\0" "703456789", 13);
	memset(big, '1', sizeof(big));
	big[0] = '+';
	check_bad_len(big, sizeof(big));
}

static void
trims_before_limiting_length(void **state)
{
	char big[100], out[PHONE_MAX + 1];
	struct tld_error err;

	(void)state;
	memset(big, ' ', sizeof(big));
	memcpy(big + 40, "+31703456789", 12);
	assert_int_equal(phone_normalize(big, sizeof(big), out, sizeof(out),
	    &err), 0);
	assert_string_equal(out, "+31703456789");
}

static void
refuses_small_output(void **state)
{
	char out[8] = "7bytes";
	struct tld_error err;

	(void)state;
	assert_int_equal(phone_normalize("+31703456789", 12, out, sizeof(out),
	    &err), TLD_ELIMIT);
	assert_string_equal(out, "7bytes");
}

static void
check_grouping(const char *in, const char *want)
{
	char out[PHONE_GROUPED_MAX + 1];

	phone_grouping(in, strlen(in), out, sizeof(out));
	assert_string_equal(out, want);
}

/* The grouping as typed, one space between groups; "" when in one piece. */
static void
keeps_the_grouping_as_typed(void **state)
{
	char out[PHONE_GROUPED_MAX + 1];

	(void)state;
	check_grouping("+31 26 352 5500", "+31 26 352 5500");
	check_grouping("  0031 (0)26 352-5500 ", "+31 26 352 5500");
	check_grouping("+1 (202) 555.0100", "+1 202 555 0100");
	check_grouping("+49  69 27235-0", "+49 69 27235 0");
	check_grouping("+31263525500", "");
	check_grouping("00 31263525500", "");
	check_grouping("+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5",
	    "+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5");
	assert_int_equal(strlen("+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5"),
	    PHONE_GROUPED_MAX);
	phone_grouping("+31 26", 6, out, 4);
	assert_string_equal(out, "");
	assert_string_equal(phone_display("+31263525500", ""), "+31263525500");
	assert_string_equal(phone_display("+31263525500", "+31 26 352 5500"),
	    "+31 26 352 5500");
}

static void
says_digit_in_the_singular(void **state)
{
	(void)state;
	assert_string_equal(check_bad("+3"),
	    "\"+3\" has 1 digit: international numbers have 8 to 15");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises_good_numbers),
		cmocka_unit_test(reads_only_len_bytes),
		cmocka_unit_test(refuses_bad_numbers),
		cmocka_unit_test(trims_before_limiting_length),
		cmocka_unit_test(refuses_small_output),
		cmocka_unit_test(keeps_the_grouping_as_typed),
		cmocka_unit_test(says_digit_in_the_singular),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
