/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/email: email_normalize() on arbitrary bytes, then
 * what its header promises: on success a NUL-terminated address of at most
 * EMAIL_MAX bytes that normalises to itself, and email_is_role_address()
 * on it; on failure TLD_EINVAL naming the field "email" and out untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/email.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_email: %s\n", what);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[EMAIL_MAX + 1], again[EMAIL_MAX + 1];
	struct tld_error err;
	size_t len;
	int rc;

	memset(out, 0x5a, sizeof(out));
	tld_error_clear(&err);
	rc = email_normalize((const char *)data, size, out, sizeof(out), &err);
	if (rc != 0) {
		if (rc != TLD_EINVAL || err.code != rc ||
		    strcmp(err.field, "email") != 0)
			fail("bad failure");
		for (size_t i = 0; i < sizeof(out); i++)
			if (out[i] != 0x5a)
				fail("out written on failure");
		return 0;
	}
	len = strnlen(out, sizeof(out));
	if (len == 0 || len > EMAIL_MAX || memchr(out, '@', len) == NULL)
		fail("bad normalised address");
	(void)email_is_role_address(out);
	if (email_normalize(out, len, again, sizeof(again), &err) != 0)
		fail("a normalised address is refused");
	if (strcmp(out, again) != 0)
		fail("normalising is not idempotent");
	return 0;
}
