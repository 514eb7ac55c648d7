/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/phone: phone_normalize() on arbitrary bytes; on
 * success the result must be E.164 ("+", 8 to 15 digits, the first not 0)
 * and normalise to itself; on failure the field is "phone" and out is
 * untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_phone: %s\n", what);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[PHONE_MAX + 1], again[PHONE_MAX + 1];
	struct tld_error err;
	size_t len;
	int rc;

	memset(out, 0x5a, sizeof(out));
	tld_error_clear(&err);
	rc = phone_normalize((const char *)data, size, out, sizeof(out), &err);
	if (rc != 0) {
		if (rc >= 0 || err.code != rc || strcmp(err.field, "phone") != 0)
			fail("bad failure");
		for (size_t i = 0; i < sizeof(out); i++)
			if (out[i] != 0x5a)
				fail("out written on failure");
		return 0;
	}
	len = strnlen(out, sizeof(out));
	if (len < 9 || len > PHONE_MAX || out[0] != '+' || out[1] == '0')
		fail("not E.164");
	for (size_t i = 1; i < len; i++)
		if (out[i] < '0' || out[i] > '9')
			fail("not E.164");
	if (phone_normalize(out, len, again, sizeof(again), &err) != 0 ||
	    strcmp(out, again) != 0)
		fail("normalising is not idempotent");
	return 0;
}
