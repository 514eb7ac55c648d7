/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/field: free text (names, organisations), language lists
 * and OpenPGP fingerprints, good and bad, each error naming its field and
 * leaving out untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/field.h"

#define UNTOUCHED "untouched"

static void
check_text_bad(const char *p, size_t len, const char *msg)
{
	struct tld_error err;

	tld_error_clear(&err);
	assert_int_equal(text_field_validate("organisation", p, len,
	    TEXT_MAX_BYTES, false, &err), TLD_EINVAL);
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, "organisation");
	if (msg != NULL)
		assert_string_equal(err.message, msg);
}

static void
validates_text(void **state)
{
	struct tld_error err;
	char big[TEXT_MAX_BYTES + 10];

	(void)state;
	assert_int_equal(text_field_validate("organisation", "SIDN", 4,
	    TEXT_MAX_BYTES, true, &err), 0);
	assert_int_equal(text_field_validate("organisation", "", 0,
	    TEXT_MAX_BYTES, false, &err), 0);
	assert_int_equal(text_field_validate("organisation", "  ", 2,
	    TEXT_MAX_BYTES, false, &err), 0);
	assert_int_equal(text_field_validate("role", "  ", 2,
	    TEXT_MAX_BYTES, true, &err), TLD_EINVAL);
	assert_string_equal(err.field, "role");
	assert_string_equal(err.message, "is required");
	assert_int_equal(text_field_validate("organisation",
	    "Координационный центр", strlen("Координационный центр"),
	    TEXT_MAX_BYTES, true, &err), 0);
	assert_int_equal(text_field_validate("organisation",
	    "مركز الشبكات", strlen("مركز الشبكات"), TEXT_MAX_BYTES, true,
	    &err), 0);
	/* Only len bytes are read. */
	assert_int_equal(text_field_validate("organisation", "ok\n", 2,
	    TEXT_MAX_BYTES, true, &err), 0);

	/* Exactly maxbytes after trimming is fine, one more is not. */
	memset(big, 'x', sizeof(big));
	big[0] = ' ';
	assert_int_equal(text_field_validate("organisation", big,
	    TEXT_MAX_BYTES + 1, TEXT_MAX_BYTES, true, &err), 0);
	check_text_bad(big, TEXT_MAX_BYTES + 2, "is longer than 200 bytes");

	check_text_bad("\xff", 1, "is not valid UTF-8");
	check_text_bad("SIDN\xe2\x82", 6, "is not valid UTF-8");
	check_text_bad("SIDN\r\nBcc: x", 12,
	    "contains a control character (such as a line break)");
	check_text_bad("SI\0DN", 5, NULL);
	check_text_bad("SIDN\x1b[2J", 8, NULL);
	check_text_bad("SIDN\xc2\x9b", 6, NULL);           /* C1 CSI */
	check_text_bad("SIDN\xe2\x80\xae" "lmth.exe", 15, NULL); /* RLO */
	check_text_bad("SIDN\xe2\x81\xa6x", 8, NULL);      /* LRI */
	check_text_bad("SIDN\xe2\x80\xa8x", 8, NULL);      /* LINE SEP */
}

static void
validates_person_names(void **state)
{
	struct tld_error err;
	char big[NAME_MAX_BYTES + 1];

	(void)state;
	assert_int_equal(person_name_validate("Jan Jansen", 10, &err), 0);
	assert_int_equal(person_name_validate("Zoë O'Brien-Núñez", strlen(
	    "Zoë O'Brien-Núñez"), &err), 0);
	assert_int_equal(person_name_validate("李小龍", strlen("李小龍"), &err),
	    0);
	assert_int_equal(person_name_validate("", 0, &err), TLD_EINVAL);
	assert_string_equal(err.field, "name");
	assert_string_equal(err.message, "is required");
	assert_int_equal(person_name_validate("Jan\nJansen", 10, &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "name");
	memset(big, 'n', sizeof(big));
	assert_int_equal(person_name_validate(big, NAME_MAX_BYTES, &err), 0);
	assert_int_equal(person_name_validate(big, sizeof(big), &err),
	    TLD_EINVAL);
	assert_string_equal(err.field, "name");
}

static void
check_lang(const char *in, const char *want)
{
	char out[LANGUAGES_MAX + 1] = UNTOUCHED;
	struct tld_error err;

	tld_error_clear(&err);
	if (languages_normalize(in, strlen(in), out, sizeof(out), &err) != 0)
		fail_msg("\"%s\" refused: %s", in, err.message);
	assert_string_equal(out, want);
}

static const char *
check_lang_bad_len(const char *in, size_t len)
{
	static struct tld_error err;
	char out[LANGUAGES_MAX + 1] = UNTOUCHED;

	tld_error_clear(&err);
	if (languages_normalize(in, len, out, sizeof(out), &err) != TLD_EINVAL)
		fail_msg("\"%.*s\" not refused", (int)len, in);
	assert_string_equal(err.field, "languages");
	assert_string_equal(out, UNTOUCHED);
	return err.message;
}

static const char *
check_lang_bad(const char *in)
{
	return check_lang_bad_len(in, strlen(in));
}

static void
normalises_languages(void **state)
{
	char many[200];
	size_t i;

	(void)state;
	check_lang("EN, fr", "en,fr");
	check_lang("", "");
	check_lang("   ", "");
	check_lang("nl", "nl");
	check_lang(" nl ,  en,NL,eng , EN ", "nl,en,eng");
	check_lang("en,eng", "en,eng");

	assert_string_equal(check_lang_bad("english"),
	    "\"english\" is not a language code: use two or three letters "
	    "(ISO 639)");
	check_lang_bad("e");
	check_lang_bad("en,");
	check_lang_bad(",en");
	check_lang_bad("en,,fr");
	check_lang_bad("en;fr");
	check_lang_bad("en fr");
	check_lang_bad("e1");
	check_lang_bad("en-GB");
	check_lang_bad("fr\n");
	check_lang_bad("\xff");
	check_lang_bad("ру");
	/* 21 distinct codes of 2 letters: 62 bytes; 22: 65 bytes. */
	for (i = 0; i < 22; i++) {
		many[i * 3] = (char)('a' + i);
		many[i * 3 + 1] = 'a';
		many[i * 3 + 2] = ',';
	}
	many[21 * 3 - 1] = '\0';
	check_lang(many, many);
	many[21 * 3 - 1] = ',';
	many[22 * 3 - 1] = '\0';
	check_lang_bad(many);
	/* Duplicates do not count against the limit. */
	for (i = 0; i < 60; i++)
		memcpy(many + i * 3, "en,", 3);
	many[179] = '\0';
	check_lang(many, "en");
}

static void
check_fpr(const char *in, const char *want)
{
	char out[PGP_FPR_MAX + 1] = UNTOUCHED;
	struct tld_error err;

	tld_error_clear(&err);
	if (pgp_fingerprint_normalize(in, strlen(in), out, sizeof(out), &err)
	    != 0)
		fail_msg("\"%s\" refused: %s", in, err.message);
	assert_string_equal(out, want);
}

static const char *
check_fpr_bad_len(const char *in, size_t len)
{
	static struct tld_error err;
	char out[PGP_FPR_MAX + 1] = UNTOUCHED;

	tld_error_clear(&err);
	if (pgp_fingerprint_normalize(in, len, out, sizeof(out), &err) !=
	    TLD_EINVAL)
		fail_msg("\"%.*s\" not refused", (int)len, in);
	assert_string_equal(err.field, "pgp_fingerprint");
	assert_string_equal(out, UNTOUCHED);
	return err.message;
}

static const char *
check_fpr_bad(const char *in)
{
	return check_fpr_bad_len(in, strlen(in));
}

static void
normalises_fingerprints(void **state)
{
	(void)state;
	check_fpr("", "");
	check_fpr("  ", "");
	check_fpr("5E0F 5B30 9F3B 2C91 4D6C  2E81 6B4E 2C90 A1B2 C3D4",
	    "5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D4");
	check_fpr("5e0f5b309f3b2c914d6c2e816b4e2c90a1b2c3d4",
	    "5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D4");
	check_fpr("0x5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D4",
	    "5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D4");
	check_fpr("0Xabcdef0123456789abcdef0123456789"
	    " abcdef0123456789abcdef0123456789",
	    "ABCDEF0123456789ABCDEF0123456789"
	    "ABCDEF0123456789ABCDEF0123456789");
}

static void
refuses_bad_fingerprints(void **state)
{
	char big[400];

	(void)state;
	assert_string_equal(check_fpr_bad("5E0F5B309F3B2C91"),
	    "has 16 hex digits: a fingerprint has 40 (v4) or 64 (v5, v6)");
	check_fpr_bad("0x");
	check_fpr_bad("0x5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D");
	check_fpr_bad("5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D4A");
	assert_string_equal(check_fpr_bad(
	    "5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3DG"),
	    "contains 'G', which is not a hex digit");
	check_fpr_bad("5E0F:5B30:9F3B:2C91:4D6C:2E81:6B4E:2C90:A1B2:C3D4");
	check_fpr_bad("5E0F5B309F3B2C914D6C2E816B4E2C90A1B2C3D4\n");
	check_fpr_bad_len("5E0F5B309F3B2C914D6C\0" "2E816B4E2C90A1B2C3D4", 41);
	check_fpr_bad("\xff");
	memset(big, 'A', sizeof(big));
	check_fpr_bad_len(big, 128);
	check_fpr_bad_len(big, sizeof(big));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validates_text),
		cmocka_unit_test(validates_person_names),
		cmocka_unit_test(normalises_languages),
		cmocka_unit_test(normalises_fingerprints),
		cmocka_unit_test(refuses_bad_fingerprints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
