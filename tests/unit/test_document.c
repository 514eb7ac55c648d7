/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/document: slugs, ISO 639-1 language codes, version
 * labels, visibility names and who may read what.  Every refusal names its
 * field and leaves the output alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/document.h"

static void
check_slug_bad(const char *p, size_t len)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (document_slug_validate(p, len, &err) != TLD_EINVAL)
		fail_msg("slug \"%.*s\" accepted", (int)len, p);
	assert_string_equal(err.field, "slug");
}

static void
validates_slugs(void **state)
{
	char s[80];
	struct tld_error err;

	(void)state;
	assert_int_equal(document_slug_validate("ddos-mitigation", 15, &err), 0);
	assert_int_equal(document_slug_validate("dr-bcp-2019", 11, &err), 0);
	assert_int_equal(document_slug_validate("a", 1, &err), 0);
	memset(s, 'a', sizeof(s));
	assert_int_equal(document_slug_validate(s, 64, &err), 0);
	check_slug_bad(s, 65);
	check_slug_bad("", 0);
	check_slug_bad("DDoS", 4);
	check_slug_bad("ddos_mitigation", 15);
	check_slug_bad("ddos mitigation", 15);
	check_slug_bad("ddos/../etc", 11);
	check_slug_bad("-ddos", 5);
	check_slug_bad("ddos-", 5);
	check_slug_bad("d\xc3\xa9ni", 5);
	check_slug_bad("dd\0os", 5);
	/* Only len bytes are read. */
	assert_int_equal(document_slug_validate("ddos?x", 4, &err), 0);
	check_slug_bad("ddos?x", 5);
	document_slug_validate("Bad_Slug", 8, &err);
	assert_string_equal(err.message,
	    "\"Bad_Slug\" may hold only a-z, 0-9 and \"-\"");
}

static void
check_lang(const char *in, const char *want)
{
	char out[3] = "zz";
	struct tld_error err;

	tld_error_clear(&err);
	if (document_lang_normalize(in, strlen(in), out, sizeof(out), &err) != 0)
		fail_msg("lang \"%s\" refused: %s", in, err.message);
	assert_string_equal(out, want);
}

static void
check_lang_bad(const char *in)
{
	char out[3] = "zz";
	struct tld_error err;

	tld_error_clear(&err);
	if (document_lang_normalize(in, strlen(in), out, sizeof(out), &err) !=
	    TLD_EINVAL)
		fail_msg("lang \"%s\" accepted", in);
	assert_string_equal(err.field, "lang");
	assert_string_equal(out, "zz");
}

static void
normalises_languages(void **state)
{
	(void)state;
	check_lang("en", "en");
	check_lang("FR", "fr");
	check_lang("Es", "es");
	check_lang("zh", "zh");
	check_lang("aa", "aa");
	check_lang("zu", "zu");
	check_lang_bad("");
	check_lang_bad("e");
	check_lang_bad("eng");
	check_lang_bad("en-GB");
	check_lang_bad("xx");
	check_lang_bad("qq");
	check_lang_bad("bh"); /* withdrawn from ISO 639-1 */
	check_lang_bad("e1");
	check_lang_bad("\xc3\xa9");
	check_lang_bad(" en");
}

static void
check_version_bad(const char *p)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (document_version_validate(p, strlen(p), &err) != TLD_EINVAL)
		fail_msg("version \"%s\" accepted", p);
	assert_string_equal(err.field, "version");
}

static void
validates_versions(void **state)
{
	struct tld_error err;
	char v[40];

	(void)state;
	assert_int_equal(document_version_validate("1", 1, &err), 0);
	assert_int_equal(document_version_validate("2019-03", 7, &err), 0);
	assert_int_equal(document_version_validate("v1.2_rc1", 8, &err), 0);
	memset(v, '1', sizeof(v));
	assert_int_equal(document_version_validate(v, 32, &err), 0);
	check_version_bad("");
	check_version_bad("-1");
	check_version_bad(".1");
	check_version_bad("1 2");
	check_version_bad("1/2");
	check_version_bad("\"1\"");
	memset(v, '1', 33);
	v[33] = '\0';
	check_version_bad(v);
}

static void
parses_visibility(void **state)
{
	enum doc_visibility v = DOC_VISIBILITY_COMMITTEE;
	struct tld_error err;

	(void)state;
	assert_int_equal(document_visibility_parse("public", 6, &v, &err), 0);
	assert_int_equal(v, DOC_VISIBILITY_PUBLIC);
	assert_int_equal(document_visibility_parse("members", 7, &v, &err), 0);
	assert_int_equal(v, DOC_VISIBILITY_MEMBERS);
	assert_int_equal(document_visibility_parse("committee", 9, &v, &err), 0);
	assert_int_equal(v, DOC_VISIBILITY_COMMITTEE);
	assert_int_equal(document_visibility_parse("Public", 6, &v, &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "visibility");
	assert_int_equal(v, DOC_VISIBILITY_COMMITTEE);
	assert_int_equal(document_visibility_parse("member", 6, &v, &err),
	    TLD_EINVAL);
	assert_int_equal(document_visibility_parse("publicx", 6, &v, &err), 0);
	assert_int_equal(document_visibility_parse("", 0, &v, &err), TLD_EINVAL);
	for (int i = 0; i < 3; i++) {
		const char *n = document_visibility_name((enum doc_visibility)i);

		assert_int_equal(document_visibility_parse(n, strlen(n), &v,
		    &err), 0);
		assert_int_equal(v, i);
	}
}

static void
decides_who_reads_what(void **state)
{
	/* [visibility][role]: public, member, committee. */
	static const bool want[3][3] = {
		{ true, true, true },
		{ false, true, true },
		{ false, false, true },
	};

	(void)state;
	for (int v = 0; v < 3; v++)
		for (int r = 0; r < 3; r++)
			assert_int_equal(document_visible_to(
			    (enum doc_visibility)v, (enum doc_role)r), want[v][r]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validates_slugs),
		cmocka_unit_test(normalises_languages),
		cmocka_unit_test(validates_versions),
		cmocka_unit_test(parses_visibility),
		cmocka_unit_test(decides_who_reads_what),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
