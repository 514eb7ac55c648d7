/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/email: normalisation of good addresses (domain lower-cased,
 * IDN to A-label, local part as typed), refusal of bad ones with the field
 * "email" and out untouched, and recognition of role addresses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/email.h"

#define UNTOUCHED "untouched"

static void
check_good(const char *in, const char *want)
{
	char out[EMAIL_MAX + 1];
	struct tld_error err;

	tld_error_clear(&err);
	if (email_normalize(in, strlen(in), out, sizeof(out), &err) != 0)
		fail_msg("\"%s\" refused: %s", in, err.message);
	assert_string_equal(out, want);
}

/* Refused with field "email", out untouched; returns the message. */
static const char *
check_bad_len(const char *in, size_t len)
{
	static struct tld_error err;
	char out[EMAIL_MAX + 1] = UNTOUCHED;
	int rc;

	tld_error_clear(&err);
	rc = email_normalize(in, len, out, sizeof(out), &err);
	if (rc != TLD_EINVAL)
		fail_msg("\"%.*s\" not refused (rc %d, out \"%s\")", (int)len,
		    in, rc, out);
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, "email");
	assert_true(err.message[0] != '\0');
	assert_string_equal(out, UNTOUCHED);
	return err.message;
}

static const char *
check_bad(const char *in)
{
	return check_bad_len(in, strlen(in));
}

static void
normalises_good_addresses(void **state)
{
	(void)state;
	check_good("Jan.Jansen@SIDN.NL", "Jan.Jansen@sidn.nl");
	check_good("  jan@sidn.nl\t", "jan@sidn.nl");
	check_good("user@bücher.de", "user@xn--bcher-kva.de");
	check_good("user@BÜCHER.DE", "user@xn--bcher-kva.de");
	check_good("user@XN--BCHER-KVA.de", "user@xn--bcher-kva.de");
	check_good("noc@cctld.рф", "noc@cctld.xn--p1ai");
	check_good("a+tag@example.co.uk", "a+tag@example.co.uk");
	check_good("o'brien@example.ie", "o'brien@example.ie");
	check_good("x!#$%&'*+-/=?^_`{|}~@a-b.c0.example",
	    "x!#$%&'*+-/=?^_`{|}~@a-b.c0.example");
	check_good("\"john doe\"@example.org", "\"john doe\"@example.org");
	check_good("\"a@b\"@Example.org", "\"a@b\"@example.org");
	check_good("\"a\\\"b\"@example.org", "\"a\\\"b\"@example.org");
	check_good("a@1.example", "a@1.example");
	check_good("a@x.y", "a@x.y");
}

static void
reads_only_len_bytes(void **state)
{
	char out[EMAIL_MAX + 1];
	struct tld_error err;
	const char buf[] = { 'a', '@', 'S', 'I', 'D', 'N', '.', 'n', 'l',
	    'X', '@', '@' };

	(void)state;
	assert_int_equal(email_normalize(buf, 9, out, sizeof(out), &err), 0);
	assert_string_equal(out, "a@sidn.nl");
}

static void
accepts_exact_limits(void **state)
{
	char addr[EMAIL_MAX + 2];
	char out[EMAIL_MAX + 1];
	struct tld_error err;
	size_t i;

	(void)state;
	/* 64-byte local part. */
	memset(addr, 'l', 64);
	memcpy(addr + 64, "@sidn.nl", 9);
	assert_int_equal(email_normalize(addr, strlen(addr), out, sizeof(out),
	    &err), 0);
	/* 65 bytes: refused. */
	memset(addr, 'l', 65);
	memcpy(addr + 65, "@sidn.nl", 9);
	assert_string_equal(check_bad(addr),
	    "local part is longer than 64 bytes");

	/* 254 bytes in all: "ab@", four labels of 62 and three dots. */
	memcpy(addr, "ab@", 3);
	for (i = 0; i < 4; i++) {
		memset(addr + 3 + i * 63, 'd', 62);
		addr[3 + i * 63 + 62] = '.';
	}
	addr[3 + 4 * 63 - 1] = '\0';
	assert_int_equal(strlen(addr), EMAIL_MAX);
	assert_int_equal(email_normalize(addr, EMAIL_MAX, out, sizeof(out),
	    &err), 0);
	assert_string_equal(out, addr);
	/* 63-byte labels are fine, 64 are not. */
	memset(addr, 0, sizeof(addr));
	memcpy(addr, "a@", 2);
	memset(addr + 2, 'd', 63);
	memcpy(addr + 65, ".nl", 4);
	assert_int_equal(email_normalize(addr, strlen(addr), out, sizeof(out),
	    &err), 0);
	memset(addr + 2, 'd', 64);
	memcpy(addr + 66, ".nl", 4);
	check_bad(addr);
}

static void
refuses_bad_addresses(void **state)
{
	char longaddr[300];

	(void)state;
	assert_string_equal(check_bad(""), "is empty");
	assert_string_equal(check_bad("   "), "is empty");
	assert_string_equal(check_bad("foo"), "\"foo\" has no @");
	assert_string_equal(check_bad("a@b@sidn.nl"),
	    "\"a@b@sidn.nl\" has more than one @");
	assert_string_equal(check_bad("@sidn.nl"),
	    "\"@sidn.nl\" has nothing before the @");
	assert_string_equal(check_bad("jan@"),
	    "\"jan@\" has nothing after the @");
	assert_string_equal(check_bad("jan jansen@sidn.nl"),
	    "\"jan jansen@sidn.nl\" contains a space");
	check_bad("jan@sidn .nl");
	check_bad(".jan@sidn.nl");
	check_bad("jan.@sidn.nl");
	check_bad("jan..jansen@sidn.nl");
	check_bad("jan(x)@sidn.nl");
	check_bad("jan,x@sidn.nl");
	check_bad("\"unterminated@sidn.nl");
	check_bad("\"\"@sidn.nl");
	check_bad("\"a\"b@sidn.nl");
	check_bad("jan@[192.0.2.1]");
	/* Header injection: CR, LF and other controls anywhere. */
	assert_string_equal(check_bad("jan@sidn.nl\r\nBcc: x@evil.example"),
	    "contains a control character (such as a line break)");
	check_bad("jan@sidn.nl\n");
	check_bad("jan\r@sidn.nl");
	check_bad("\"a\rb\"@sidn.nl");
	check_bad("jan@sidn.nl\x7f");
	check_bad("jan\x1b[31m@sidn.nl");
	check_bad("jan@sidn\xc2\x85.nl");
	check_bad_len("jan\0x@sidn.nl", 13);
	/* Invalid UTF-8. */
	assert_string_equal(check_bad("\xff"), "is not valid UTF-8");
	check_bad("jan@b\xc3.nl");
	check_bad("jan@\xc0\xae.nl");
	/* Non-ASCII local parts (SMTPUTF8) are not supported. */
	check_bad("jöran@sidn.nl");
	/* Length. */
	memset(longaddr, 'a', sizeof(longaddr));
	memcpy(longaddr + 245, "@sidn.nl", 8);
	assert_string_equal(check_bad_len(longaddr, 253 + 2),
	    "is longer than 254 bytes");
	check_bad_len(longaddr, sizeof(longaddr));
}

static void
refuses_bad_domains(void **state)
{
	(void)state;
	assert_string_equal(check_bad("jan@localhost"),
	    "domain \"localhost\" is not a valid domain name: it needs at "
	    "least two labels");
	assert_string_equal(check_bad("jan@sidn.123"),
	    "domain \"sidn.123\" is not a valid domain name: the top-level "
	    "label is all digits");
	check_bad("jan@192.0.2.1");
	check_bad("jan@sidn..nl");
	check_bad("jan@.sidn.nl");
	check_bad("jan@sidn.nl.");
	check_bad("jan@-sidn.nl");
	check_bad("jan@sidn-.nl");
	check_bad("jan@si_dn.nl");
	check_bad("jan@si_dn.dé");
	check_bad("jan@xn--zz.nl");
	check_bad("jan@xn--ls8h.nl");
	check_bad("jan@😀.nl");
	check_bad("jan@-bü.de");
}

static void
tolerates_null_err(void **state)
{
	char out[EMAIL_MAX + 1] = UNTOUCHED;

	(void)state;
	assert_int_equal(email_normalize("x", 1, out, sizeof(out), NULL),
	    TLD_EINVAL);
	assert_string_equal(out, UNTOUCHED);
}

static void
refuses_small_output(void **state)
{
	char out[8] = "7bytes";
	struct tld_error err;

	(void)state;
	assert_int_equal(email_normalize("jan@sidn.nl", 11, out, sizeof(out),
	    &err), TLD_ELIMIT);
	assert_string_equal(out, "7bytes");
}

static void
recognises_role_addresses(void **state)
{
	(void)state;
	assert_true(email_is_role_address("security@sidn.nl"));
	assert_true(email_is_role_address("SECURITY@sidn.nl"));
	assert_true(email_is_role_address("abuse@sidn.nl"));
	assert_true(email_is_role_address("noc@sidn.nl"));
	assert_true(email_is_role_address("hostmaster@sidn.nl"));
	assert_true(email_is_role_address("administrator@sidn.nl"));
	assert_true(email_is_role_address("no-reply@sidn.nl"));
	assert_true(email_is_role_address("noreply@sidn.nl"));
	assert_true(email_is_role_address("security-team@sidn.nl"));
	assert_true(email_is_role_address("noc.24x7@sidn.nl"));
	assert_true(email_is_role_address("cert_nl@sidn.nl"));
	assert_true(email_is_role_address("abuse+reports@sidn.nl"));
	assert_true(email_is_role_address("tech.lead@sidn.nl"));
	assert_true(email_is_role_address("\"security\"@sidn.nl"));
}

static void
recognises_personal_addresses(void **state)
{
	(void)state;
	assert_false(email_is_role_address("jan.jansen@sidn.nl"));
	assert_false(email_is_role_address("jan.security@sidn.nl"));
	assert_false(email_is_role_address("technology@sidn.nl"));
	assert_false(email_is_role_address("information@sidn.nl"));
	assert_false(email_is_role_address("nocturne@sidn.nl"));
	assert_false(email_is_role_address("adminx@sidn.nl"));
	assert_false(email_is_role_address("securityteam@sidn.nl"));
	assert_false(email_is_role_address("sophie@sidn.nl"));
	assert_false(email_is_role_address("jan@security.nl"));
	assert_false(email_is_role_address("security"));
	assert_false(email_is_role_address(""));
	assert_false(email_is_role_address(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalises_good_addresses),
		cmocka_unit_test(reads_only_len_bytes),
		cmocka_unit_test(accepts_exact_limits),
		cmocka_unit_test(refuses_bad_addresses),
		cmocka_unit_test(refuses_bad_domains),
		cmocka_unit_test(tolerates_null_err),
		cmocka_unit_test(refuses_small_output),
		cmocka_unit_test(recognises_role_addresses),
		cmocka_unit_test(recognises_personal_addresses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
