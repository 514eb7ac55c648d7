/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for JSON request bodies: json_body_parse() on arbitrary
 * bytes and, when it gives an object, json_contact_fields() and
 * json_string_member() as the API handlers call them.  A parse failure
 * names "body"; strings handed out hold no NUL.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_web_json: %s\n", what);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct contact_fields f;
	struct tld_error err;
	const char *s;
	json_t *o;
	int rc;

	tld_error_clear(&err);
	rc = json_body_parse((const char *)data, size, &o, &err);
	if (rc != 0) {
		if (rc != TLD_EINVAL || strcmp(err.field, "body") != 0)
			fail("bad failure");
		return 0;
	}
	if (!json_is_object(o))
		fail("not an object");
	if (json_contact_fields(o, &f, &err) == 0 && f.name != NULL &&
	    strlen(f.name) != json_string_length(json_object_get(o, "name")))
		fail("a NUL in a field");
	if (json_string_member(o, "kind", false, &s, &err) == 0 && s != NULL &&
	    strlen(s) != json_string_length(json_object_get(o, "kind")))
		fail("a NUL in kind");
	json_decref(o);
	return 0;
}
