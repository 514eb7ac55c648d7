/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for web/parse's header parsers: cookie_find() for the
 * session and CSRF cookies, bearer_parse(), forwarded_for_last() and
 * proxies_parse() on arbitrary bytes.  Found values lie inside the input;
 * a bearer token is non-empty token68 text; an address parses again to
 * itself.
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
	char a[WEB_ADDR_MAX], b[WEB_ADDR_MAX];
	if (forwarded_for_last(p, size, a)) {
		if (!addr_normalise(a, strlen(a), b) || strcmp(a, b) != 0)
			fail("address not normalised");
	}
	if (size < 1024 && memchr(p, '\0', size) == NULL) {
		char text[1024], list[WEB_MAX_PROXIES][WEB_ADDR_MAX];
		struct tld_error err;
		size_t n;

		memcpy(text, p, size);
		text[size] = '\0';
		tld_error_clear(&err);
		if (proxies_parse(text, list, &n, &err) == 0 && n > WEB_MAX_PROXIES)
			fail("too many proxies");
	}
	return 0;
}
