/* SPDX-License-Identifier: MIT */
/*
 * Tests of the offline copy's pieces that need no repository: the SHA-256
 * that pins a web download (util/digest) and the checks of a pin
 * (offline_json_pinned() refuses a bad one before reading anything).  The
 * rest runs end to end: tests/cli/test_offline.sh, tests/web/test_api.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "service/directory/offline.h"
#include "util/clock.h"
#include "util/digest.h"

#define T0 INT64_C(1700000000)
#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static void
sha256_known_answers(void **state)
{
	char hex[DIGEST_SHA256_HEX + 1];

	(void)state;
	digest_sha256_hex("", 0, hex);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, ABC);
	/* The length counts, not a NUL. */
	digest_sha256_hex("abc\0def", 3, hex);
	assert_string_equal(hex, ABC);
}

/* A pin refused before the repository is read: ctx has none. */
static void
refused(int64_t at, const char *sha256, int code, const char *field)
{
	struct tld_ctx ctx;
	struct tld_error err;
	struct buf out;

	memset(&ctx, 0, sizeof(ctx));
	tld_error_clear(&err);
	buf_init(&out);
	assert_int_equal(offline_json_pinned(&ctx, at, sha256, &out, &err), code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.field, field);
	assert_int_equal(out.len, 0);
	buf_fini(&out);
}

static void
pins_are_checked_first(void **state)
{
	(void)state;
	clock_set_fixed(T0);
	/* A signed copy never claims a time the client chose freely. */
	refused(T0 + 1, ABC, TLD_EINVAL, "at");
	refused(T0 - OFFLINE_PIN_SECONDS - 1, ABC, TLD_EEXPIRED, "at");
	refused(0, ABC, TLD_EEXPIRED, "at");
	/* The digest is 64 lower-case hex digits. */
	refused(T0, NULL, TLD_EINVAL, "sha256");
	refused(T0, "", TLD_EINVAL, "sha256");
	refused(T0, "abc", TLD_EINVAL, "sha256");
	refused(T0, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
	    TLD_EINVAL, "sha256");
	refused(T0, ABC "0", TLD_EINVAL, "sha256");
	refused(T0, "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    TLD_EINVAL, "sha256");
	clock_set_fixed(0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_known_answers),
		cmocka_unit_test(pins_are_checked_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
