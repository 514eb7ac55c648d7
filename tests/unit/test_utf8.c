/* SPDX-License-Identifier: MIT */
/*
 * Tests of util/utf8's utf8_show(): an input quoted in a message as it was
 * typed (issue 23: "Été" was shown as "??t??"), escaped so that nothing
 * ends the quotes or reaches the terminal, cut at a character boundary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/document.h"
#include "util/error.h"
#include "util/utf8.h"

static const char *
shown(const char *p, size_t len, size_t dstlen)
{
	static char dst[128];

	memset(dst, 'Z', sizeof(dst));
	utf8_show(dst, dstlen, p, len);
	assert_true(strlen(dst) < dstlen);
	return dst;
}

static void
utf8_is_kept_as_typed(void **state)
{
	(void)state;
	assert_string_equal(shown("\xc3\x89t\xc3\xa9", 5, 40), "\xc3\x89t\xc3\xa9");
	assert_string_equal(shown("ddos mitigation", 15, 40), "ddos mitigation");
	assert_string_equal(shown("\xd1\x80\xd1\x84", 4, 40), "\xd1\x80\xd1\x84");
}

static void
controls_quotes_and_bad_bytes_are_escaped(void **state)
{
	(void)state;
	assert_string_equal(shown("a\tb\nc\rd", 7, 40), "a\\tb\\nc\\rd");
	assert_string_equal(shown("\x1b[2J", 4, 40), "\\x1B[2J");
	assert_string_equal(shown("a\x7f", 2, 40), "a\\x7F");
	assert_string_equal(shown("say \"hi\" \\", 10, 40), "say \\\"hi\\\" \\\\");
	assert_string_equal(shown("\xc2\x85x", 3, 40), "\\u0085x"); /* C1 NEL */
	assert_string_equal(shown("\xe9t\xe9", 3, 40), "\\xE9t\\xE9"); /* Latin-1 */
	assert_string_equal(shown("a\0b", 3, 40), "a\\x00b");
}

static void
long_input_is_cut_at_a_character_boundary(void **state)
{
	(void)state;
	/* 8 bytes of room: 4 of input, then "...". */
	assert_string_equal(shown("abcdefgh", 8, 8), "abcd...");
	assert_string_equal(shown("abc\xc3\xa9", 5, 8), "abc...");
	assert_string_equal(shown("abcd", 4, 8), "abcd");
	assert_string_equal(shown("\t\t\t", 3, 8), "\\t\\t...");
	assert_string_equal(shown("", 0, 8), "");
}

static void
a_slug_error_quotes_it_as_typed(void **state)
{
	struct tld_error err;

	(void)state;
	tld_error_clear(&err);
	assert_int_equal(document_slug_validate("\xc3\x89t\xc3\xa9", 5, &err), TLD_EINVAL);
	assert_string_equal(err.field, "slug");
	assert_string_equal(err.message,
	    "\"\xc3\x89t\xc3\xa9\" may hold only a-z, 0-9 and \"-\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_is_kept_as_typed),
		cmocka_unit_test(controls_quotes_and_bad_bytes_are_escaped),
		cmocka_unit_test(long_input_is_cut_at_a_character_boundary),
		cmocka_unit_test(a_slug_error_quotes_it_as_typed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
