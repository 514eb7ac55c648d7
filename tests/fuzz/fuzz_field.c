/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for model/field.  The first byte picks the text field's limit
 * and whether it is required; the rest goes to text_field_validate(),
 * person_name_validate(), languages_normalize() and
 * pgp_fingerprint_normalize().  Normalised values must have the documented
 * shape and normalise to themselves; failures name their field.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_field: %s\n", what);
	abort();
}

static void
check_failure(int rc, const struct tld_error *err, const char *field)
{
	if (rc >= 0 || err->code != rc || strcmp(err->field, field) != 0)
		fail("bad failure");
}

static void
check_languages(const char *p, size_t len)
{
	char out[LANGUAGES_MAX + 1], again[LANGUAGES_MAX + 1];
	struct tld_error err;
	size_t n, word = 0;
	int rc;

	rc = languages_normalize(p, len, out, sizeof(out), &err);
	if (rc != 0) {
		check_failure(rc, &err, "languages");
		return;
	}
	n = strnlen(out, sizeof(out));
	if (n > LANGUAGES_MAX)
		fail("languages too long");
	/* "" or 2-3 lower-case letters joined by ",". */
	for (size_t i = 0; i <= n; i++) {
		if (i == n || out[i] == ',') {
			if ((n > 0 && word < 2) || word > 3)
				fail("bad language code");
			word = 0;
		} else if (out[i] >= 'a' && out[i] <= 'z') {
			word++;
		} else {
			fail("bad character in languages");
		}
	}
	if (languages_normalize(out, n, again, sizeof(again), &err) != 0 ||
	    strcmp(out, again) != 0)
		fail("languages: normalising is not idempotent");
}

static void
check_pgp(const char *p, size_t len)
{
	char out[PGP_FPR_MAX + 1], again[PGP_FPR_MAX + 1];
	struct tld_error err;
	size_t n;
	int rc;

	rc = pgp_fingerprint_normalize(p, len, out, sizeof(out), &err);
	if (rc != 0) {
		check_failure(rc, &err, "pgp_fingerprint");
		return;
	}
	n = strnlen(out, sizeof(out));
	if (n != 0 && n != 40 && n != 64)
		fail("bad fingerprint length");
	for (size_t i = 0; i < n; i++)
		if (!((out[i] >= '0' && out[i] <= '9') ||
		    (out[i] >= 'A' && out[i] <= 'F')))
			fail("fingerprint not upper-case hex");
	if (pgp_fingerprint_normalize(out, n, again, sizeof(again), &err) != 0 ||
	    strcmp(out, again) != 0)
		fail("fingerprint: normalising is not idempotent");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data + (size > 0 ? 1 : 0);
	size_t len = size > 0 ? size - 1 : 0;
	size_t maxbytes = size > 0 ? data[0] >> 1 : 0;
	bool required = size > 0 && (data[0] & 1) != 0;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = text_field_validate("role", p, len, maxbytes, required, &err);
	if (rc != 0)
		check_failure(rc, &err, "role");
	rc = person_name_validate(p, len, &err);
	if (rc != 0)
		check_failure(rc, &err, "name");
	check_languages(p, len);
	check_pgp(p, len);
	return 0;
}
