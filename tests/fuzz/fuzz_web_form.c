/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for web/parse's form and query-string parser (and with it
 * url_decode): form_parse() on arbitrary bytes, then what its header
 * promises: on success at most FORM_MAX_PAIRS pairs of non-empty, unique,
 * NUL-free UTF-8 keys of at most FORM_MAX_KEY bytes, each found again by
 * form_get(); on failure TLD_EINVAL, a field named and no pairs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "web/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_web_form: %s\n", what);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tld_error err;
	struct form f;
	char out[256];
	size_t n;
	int rc;

	tld_error_clear(&err);
	rc = form_parse((const char *)data, size, &f, &err);
	if (rc != 0) {
		if (rc != TLD_EINVAL || err.code != rc || err.field[0] == '\0' ||
		    f.n != 0)
			fail("bad failure");
	} else {
		if (f.n > FORM_MAX_PAIRS)
			fail("too many pairs");
		for (size_t i = 0; i < f.n; i++) {
			size_t klen = strlen(f.pairs[i].key);

			if (klen == 0 || klen > FORM_MAX_KEY ||
			    !utf8_valid(f.pairs[i].key, klen) ||
			    !utf8_valid(f.pairs[i].value, strlen(f.pairs[i].value)))
				fail("bad pair");
			if (form_get(&f, f.pairs[i].key) != f.pairs[i].value)
				fail("duplicate key or lookup failed");
		}
	}
	form_fini(&f);
	if (url_decode((const char *)data, size, true, out, sizeof(out), &n) &&
	    (n >= sizeof(out) || strlen(out) != n))
		fail("url_decode length");
	return 0;
}
