/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for web/parse's header parsers: cookie_find() for the
 * session and CSRF cookies and bearer_parse() on arbitrary bytes.  Found
 * values lie inside the input; a bearer token is non-empty token68 text.
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
	fprintf(stderr, "fuzz_web_headers: %s\n", what);
	abort();
}

static void
inside(const char *p, size_t len, const char *v, size_t vlen)
{
	if (v < p || v + vlen > p + len)
		fail("value outside the input");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *v;
	size_t vlen;

	if (cookie_find(p, size, "tldops_session", &v, &vlen))
		inside(p, size, v, vlen);
	if (cookie_find(p, size, "tldops_csrf", &v, &vlen))
		inside(p, size, v, vlen);
	if (bearer_parse(p, size, &v, &vlen)) {
		inside(p, size, v, vlen);
		if (vlen == 0)
			fail("empty token");
		for (size_t i = 0; i < vlen; i++)
			if (v[i] == ' ' || v[i] == '"' || v[i] == '\0' || v[i] == '=')
				fail("not token68");
	}
	return 0;
}
