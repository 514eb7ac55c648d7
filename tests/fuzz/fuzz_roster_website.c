/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/roster: roster_parse_website() over the input, then
 * the promises of model/roster.h that every caller relies on are checked
 * by tests/fuzz/roster_check.h.
 */
#include <stdint.h>
#include <string.h>

#include "roster_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster r;
	struct tld_error err;
	int rc;

	roster_init(&r);
	tld_error_clear(&err);
	rc = roster_parse_website((const char *)data, size, &r, &err);
	roster_check(&r, rc, &err, ROSTER_CHECK_WEBSITE, (const char *)data,
	    size);
	roster_fini(&r);
	return 0;
}
