/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/cctld_code: the forms users type ("NL", ".nl.", "РФ",
 * "XN--P1AI") normalised to the lower-case A-label and back to the U-label,
 * and refusal (field "cctld", out untouched) of gTLD-like codes, bad
 * Punycode and anything that is not one label.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/cctld_code.h"

#define UNTOUCHED "untouched"

static void
check_good(const char *in, const char *want)
{
	char out[CCTLD_CODE_MAX + 1];
	struct tld_error err;

	tld_error_clear(&err);
	if (cctld_code_normalize(in, strlen(in), out, sizeof(out), &err) != 0)
		fail_msg("\"%s\" refused: %s", in, err.message);
	assert_string_equal(out, want);
}

static const char *
check_bad_len(const char *in, size_t len)
{
	static struct tld_error err;
	char out[CCTLD_CODE_MAX + 1] = UNTOUCHED;
	int rc;

	tld_error_clear(&err);
	rc = cctld_code_normalize(in, len, out, sizeof(out), &err);
	if (rc != TLD_EINVAL)
		fail_msg("\"%.*s\" not refused (rc %d, out \"%s\")", (int)len,
		    in, rc, out);
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, "cctld");
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
normalises_codes(void **state)
{
	(void)state;
	check_good("nl", "nl");
	check_good("NL", "nl");
	check_good(".nl", "nl");
	check_good(".nl.", "nl");
	check_good(" .Nl. ", "nl");
	check_good("рф", "xn--p1ai");
	check_good("РФ", "xn--p1ai");
	check_good(".рф", "xn--p1ai");
	check_good("xn--p1ai", "xn--p1ai");
	check_good("XN--P1AI", "xn--p1ai");
	check_good(".XN--P1AI.", "xn--p1ai");
	check_good("中国", "xn--fiqs8s");
	check_good("ελ", "xn--qxam");
	check_good("ＮＬ", "nl"); /* fullwidth letters map to ASCII */
}

static void
reads_only_len_bytes(void **state)
{
	char out[CCTLD_CODE_MAX + 1];
	struct tld_error err;

	(void)state;
	assert_int_equal(cctld_code_normalize("nlx", 2, out, sizeof(out),
	    &err), 0);
	assert_string_equal(out, "nl");
}

static void
refuses_bad_codes(void **state)
{
	char big[300];

	(void)state;
	assert_string_equal(check_bad("com"),
	    "\"com\" is not a country-code TLD: ASCII ccTLDs have two letters");
	assert_string_equal(check_bad(".COM"),
	    "\"COM\" is not a country-code TLD: ASCII ccTLDs have two letters");
	check_bad("n");
	check_bad("-nl");
	check_bad("nl-");
	check_bad("n1");
	check_bad("42");
	check_bad("n_");
	check_bad("xn--zz");
	check_bad("xn--");
	check_bad("xn--nl-");
	check_bad("xn--a");
	check_bad("xn--ls8h");  /* decodes to an emoji: not IDNA2008 */
	check_bad("xn--p1ai-");
	check_bad("xn--p1_ai");
	check_bad("xn--P1AI\xc3\xa9");
	check_bad("ＣＯＭ");
	check_bad("😀");
	assert_string_equal(check_bad(""), "is empty");
	check_bad(".");
	check_bad("..");
	check_bad("  ");
	check_bad("..nl");
	check_bad("nl..");
	check_bad("co.uk");
	check_bad("nl\n");
	check_bad("n\rl");
	check_bad("\xff");
	check_bad("р\xd1");
	check_bad_len("n\0l", 3);
	check_bad("n l");
	check_bad("рф．ru");
	memset(big, 'a', sizeof(big));
	memcpy(big, "xn--", 4);
	check_bad_len(big, 64);
	check_bad_len(big, sizeof(big));
}

static void
converts_to_unicode(void **state)
{
	char out[4 * CCTLD_CODE_MAX + 1];
	char back[CCTLD_CODE_MAX + 1];
	struct tld_error err;

	(void)state;
	assert_int_equal(cctld_code_to_unicode("xn--p1ai", out, sizeof(out),
	    &err), 0);
	assert_string_equal(out, "рф");
	assert_int_equal(cctld_code_normalize(out, strlen(out), back,
	    sizeof(back), &err), 0);
	assert_string_equal(back, "xn--p1ai");

	assert_int_equal(cctld_code_to_unicode("xn--fiqs8s", out, sizeof(out),
	    &err), 0);
	assert_string_equal(out, "中国");
	assert_int_equal(cctld_code_to_unicode("nl", out, sizeof(out), &err),
	    0);
	assert_string_equal(out, "nl");

	memcpy(out, UNTOUCHED, sizeof(UNTOUCHED));
	assert_int_equal(cctld_code_to_unicode("xn--zz", out, sizeof(out),
	    &err), TLD_EINVAL);
	assert_string_equal(err.field, "cctld");
	assert_string_equal(out, UNTOUCHED);
	assert_int_equal(cctld_code_to_unicode("com", out, sizeof(out), &err),
	    TLD_EINVAL);
	assert_int_equal(cctld_code_to_unicode(NULL, out, sizeof(out), &err),
	    TLD_EINVAL);
	assert_string_equal(out, UNTOUCHED);
	/* Too small for "рф" (four bytes and the NUL). */
	assert_int_equal(cctld_code_to_unicode("xn--p1ai", out, 4, &err),
	    TLD_ELIMIT);
	assert_string_equal(out, UNTOUCHED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises_codes),
		cmocka_unit_test(reads_only_len_bytes),
		cmocka_unit_test(refuses_bad_codes),
		cmocka_unit_test(converts_to_unicode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
