/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/contact's JSON: contact_json_append() writes the very
 * bytes json_dumps(contact_to_json(c) + "via", JSON_COMPACT) writes — the
 * audit row of every imported contact is made with it, and `tldops stats`
 * and `tldops audit` read those rows back — for awkward values (quotes,
 * backslashes, every control character, '/', DEL, 2- to 4-byte UTF-8,
 * empty fields and languages, no or negative times, removed contacts) and
 * for many random ones.  The text also parses back to the same values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/contact.h"

/* What the audit row was made from before contact_json_append(). */
static char *
jansson_text(const struct contact *c, const char *via)
{
	json_t *o = contact_to_json(c);
	char *text;

	if (via != NULL)
		json_object_set_new(o, "via", json_string(via));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	assert_non_null(text);
	return text;
}

static void
check_same(const struct contact *c, const char *via)
{
	char *want = jansson_text(c, via);
	json_t *parsed, *again;
	struct buf got;

	buf_init(&got);
	contact_json_append(&got, c, via);
	if (strcmp(buf_str(&got), want) != 0)
		fail_msg("differs:\n  jansson %s\n  written %s", want, buf_str(&got));
	/* Valid JSON with the same keys and values as the tree. */
	parsed = json_loads(buf_str(&got), 0, NULL);
	assert_non_null(parsed);
	again = contact_to_json(c);
	if (via != NULL)
		json_object_set_new(again, "via", json_string(via));
	assert_true(json_equal(parsed, again));
	json_decref(parsed);
	json_decref(again);
	buf_fini(&got);
	free(want);
}

static void
base(struct contact *c)
{
	memset(c, 0, sizeof(*c));
	c->id = 42;
	snprintf(c->cctld, sizeof(c->cctld), "nl");
	snprintf(c->name, sizeof(c->name), "Jan de Vries");
	snprintf(c->email, sizeof(c->email), "jan@sidn.nl");
	snprintf(c->phone, sizeof(c->phone), "+31703456789");
	snprintf(c->languages, sizeof(c->languages), "nl,en");
	c->created = c->updated = 1764230400; /* 2025-11-27T08:00:00Z */
}

static void
test_plain(void **state)
{
	struct contact c;

	(void)state;
	base(&c);
	check_same(&c, NULL);
	check_same(&c, "import");
	check_same(&c, "cli");
	snprintf(c.pgp_fingerprint, sizeof(c.pgp_fingerprint), "%s",
	    "0123456789ABCDEF0123456789ABCDEF01234567");
	snprintf(c.organisation, sizeof(c.organisation), "SIDN, the .nl registry");
	snprintf(c.role, sizeof(c.role), "CSIRT \"lead\"");
	c.updated = c.created + 86400;
	c.removed = c.created + 2 * 86400;
	check_same(&c, NULL);
	check_same(&c, "request 7");
}

static void
test_edges(void **state)
{
	static const char *const langs[] = {
		"", "en", ",", ",,", "en,", ",en", "en,,fr", "ar,en,fr",
	};
	struct contact c;

	(void)state;
	base(&c);
	/* Every control character, and what must not be escaped. */
	for (int ch = 1; ch < 0x20; ch++) {
		snprintf(c.name, sizeof(c.name), "a%cb", ch);
		snprintf(c.role, sizeof(c.role), "%c", ch);
		check_same(&c, NULL);
	}
	snprintf(c.name, sizeof(c.name), "\"\\/\x7f\"\"\\\\ end\\");
	snprintf(c.organisation, sizeof(c.organisation), "%s", "");
	snprintf(c.role, sizeof(c.role), "%s", "");
	check_same(&c, "via \"quoted\" \\ /");
	/* 2-, 3- and 4-byte UTF-8, U+2028/2029, a BOM. */
	snprintf(c.name, sizeof(c.name), "%s",
	    "Łukasz Żółć — 山田 太郎 Ελένη Андрей 😀 \u2028\u2029\ufeff");
	snprintf(c.cctld, sizeof(c.cctld), "xn--p1ai");
	snprintf(c.email, sizeof(c.email), "андрей@xn--d1acufc.xn--p1ai");
	check_same(&c, NULL);
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		snprintf(c.languages, sizeof(c.languages), "%s", langs[i]);
		check_same(&c, "import");
	}
	c.id = 0;
	c.created = c.updated = 0;
	check_same(&c, NULL);
	c.id = -1;
	c.created = -86400;
	c.updated = INT64_C(253402300799); /* 9999-12-31T23:59:59Z */
	check_same(&c, NULL);
	c.id = INT64_MAX;
	check_same(&c, NULL);
}

/* Append one random code point as UTF-8 (no NUL, no surrogates). */
static size_t
random_utf8(char *out, unsigned *seed)
{
	unsigned r = (unsigned)rand_r(seed);
	uint32_t cp;

	switch (r % 6) {
	case 0: cp = 1 + (unsigned)rand_r(seed) % 0x1f; break;
	case 1: cp = (unsigned)("\"\\/ ,"[rand_r(seed) % 5]); break;
	case 2: cp = 0x20 + (unsigned)rand_r(seed) % 0x60; break;
	case 3: cp = 0x80 + (unsigned)rand_r(seed) % 0x780; break;
	case 4:
		cp = 0x800 + (unsigned)rand_r(seed) % 0xf800;
		if (cp >= 0xd800 && cp <= 0xdfff)
			cp = 0xe000;
		break;
	default: cp = 0x10000 + (unsigned)rand_r(seed) % 0x100000; break;
	}
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static void
random_text(char *out, size_t outlen, unsigned *seed)
{
	size_t n = 0, want = (size_t)rand_r(seed) % (outlen < 40 ? outlen : 40);

	while (n + 4 < outlen && n < want)
		n += random_utf8(out + n, seed);
	out[n] = '\0';
}

static void
test_random(void **state)
{
	unsigned seed = 20261127;
	struct contact c;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		base(&c);
		c.id = (int64_t)rand_r(&seed) * (i % 2 ? 1 : -1);
		random_text(c.cctld, sizeof(c.cctld), &seed);
		random_text(c.name, sizeof(c.name), &seed);
		random_text(c.email, sizeof(c.email), &seed);
		random_text(c.phone, sizeof(c.phone), &seed);
		random_text(c.organisation, sizeof(c.organisation), &seed);
		random_text(c.role, sizeof(c.role), &seed);
		random_text(c.languages, sizeof(c.languages), &seed);
		random_text(c.pgp_fingerprint, sizeof(c.pgp_fingerprint), &seed);
		c.created = (int64_t)rand_r(&seed) * 3;
		c.updated = i % 3 ? c.created : 0;
		c.removed = i % 5 ? 0 : c.created + 1;
		check_same(&c, i % 2 ? "import" : NULL);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
