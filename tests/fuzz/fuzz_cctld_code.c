/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/cctld_code: cctld_code_normalize() on arbitrary
 * bytes.  On success the A-label must be lower-case LDH, two letters or
 * "xn--...", normalise to itself, convert to a U-label, and that U-label
 * must normalise back to the same A-label.  On failure the field is "cctld"
 * and out is untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cctld_code.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_cctld_code: %s\n", what);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[CCTLD_CODE_MAX + 1], again[CCTLD_CODE_MAX + 1];
	char ulabel[4 * CCTLD_CODE_MAX + 1];
	struct tld_error err;
	size_t len;
	int rc;

	memset(out, 0x5a, sizeof(out));
	tld_error_clear(&err);
	rc = cctld_code_normalize((const char *)data, size, out, sizeof(out),
	    &err);
	if (rc != 0) {
		if (rc >= 0 || err.code != rc || strcmp(err.field, "cctld") != 0)
			fail("bad failure");
		for (size_t i = 0; i < sizeof(out); i++)
			if (out[i] != 0x5a)
				fail("out written on failure");
		return 0;
	}
	len = strnlen(out, sizeof(out));
	if (len < 2 || len > CCTLD_CODE_MAX)
		fail("bad A-label length");
	for (size_t i = 0; i < len; i++)
		if (!((out[i] >= 'a' && out[i] <= 'z') ||
		    (out[i] >= '0' && out[i] <= '9') || out[i] == '-'))
			fail("A-label not lower-case LDH");
	if (len == 2 ? (out[0] < 'a' || out[1] < 'a') :
	    strncmp(out, "xn--", 4) != 0)
		fail("neither two letters nor xn--");
	if (cctld_code_normalize(out, len, again, sizeof(again), &err) != 0 ||
	    strcmp(out, again) != 0)
		fail("normalising is not idempotent");
	if (cctld_code_to_unicode(out, ulabel, sizeof(ulabel), &err) != 0)
		fail("a normalised A-label has no U-label");
	if (cctld_code_normalize(ulabel, strnlen(ulabel, sizeof(ulabel)),
	    again, sizeof(again), &err) != 0 || strcmp(out, again) != 0)
		fail("the U-label does not normalise back to the A-label");
	return 0;
}
