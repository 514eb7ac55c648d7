/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/whois: records in the whois.iana.org format, alone and
 * concatenated, IDN domains, absent and empty keys, and every error with the
 * line it names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/whois.h"
#include "util/buf.h"

static const char nl_answer[] =
    "% IANA WHOIS server\n"
    "% for more information on IANA, visit http://www.iana.org\n"
    "% This query returned 1 object\n"
    "\n"
    "refer:        whois.domain-registry.nl\n"
    "\n"
    "domain:       NL\n"
    "\n"
    "organisation: SIDN (Stichting Internet Domeinregistratie Nederland)\n"
    "address:      P.O. Box 5022\n"
    "address:      Arnhem 6802 EA\n"
    "address:      Netherlands\n"
    "\n"
    "contact:      administrative\n"
    "name:         Some Person\n"
    "organisation: SIDN\n"
    "address:      P.O. Box 5022\n"
    "address:      Arnhem\n"
    "phone:        +31 26 352 5500\n"
    "fax-no:       +31 26 352 5505\n"
    "e-mail:       someone@sidn.nl\n"
    "\n"
    "contact:      technical\n"
    "name:         Other Person\n"
    "organisation: SIDN B.V.\n"
    "address:      Meander 501\n"
    "phone:        +31 26 352 5555\n"
    "fax-no:\n"
    "e-mail:       tech@sidn.nl\n"
    "\n"
    "nserver:      NS1.DNS.NL 194.0.28.53 2001:678:2c:0:194:0:28:53\n"
    "ds-rdata:     34112 8 2 3c5b5fd0e6c2e2ad8d2b6c2a5e3a1bcd\n"
    "whois:        whois.domain-registry.nl\n"
    "status:       ACTIVE\n"
    "remarks:      Registration information: http://www.sidn.nl\n"
    "\n"
    "created:      1986-04-25\n"
    "changed:      2023-01-12\n"
    "source:       IANA\n"
    "\n";

static const char rf_answer[] =
    "% IANA WHOIS server\r\n"
    "\r\n"
    "domain:       \xd0\xa0\xd0\xa4\r\n"
    "\r\n"
    "organisation: Coordination Center for TLD RU\r\n"
    "\r\n"
    "contact:      administrative\r\n"
    "name:         \xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0\r\n"
    "e-mail:       admin@cctld.ru\r\n"
    "\r\n"
    "created:      2010-05-12\r\n"
    "source:       IANA\r\n";

static void
check_contact(const struct whois_contact *c, const char *name,
    const char *org, const char *address, const char *phone, const char *fax,
    const char *email)
{
	assert_string_equal(c->name, name);
	assert_string_equal(c->organisation, org);
	assert_string_equal(c->address, address);
	assert_string_equal(c->phone, phone);
	assert_string_equal(c->fax, fax);
	assert_string_equal(c->email, email);
}

static void
expect_error(const char *in, size_t len, int code, const char *message)
{
	static struct whois_record dummy;
	struct whois_record *recs = &dummy;
	size_t count = 42;
	struct tld_error err;

	tld_error_clear(&err);
	assert_int_equal(whois_parse(in, len, &recs, &count, &err), code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.field, "");
	assert_string_equal(err.message, message);
	assert_null(recs);
	assert_int_equal(count, 0);
}

static void
parses_one_record(void **state)
{
	struct whois_record *recs;
	size_t count;
	struct tld_error err;

	(void)state;
	assert_int_equal(whois_parse(nl_answer, sizeof(nl_answer) - 1, &recs,
	    &count, &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(recs[0].line, 7);
	assert_string_equal(recs[0].domain, "NL");
	assert_string_equal(recs[0].organisation,
	    "SIDN (Stichting Internet Domeinregistratie Nederland)");
	check_contact(&recs[0].admin, "Some Person", "SIDN",
	    "P.O. Box 5022\nArnhem", "+31 26 352 5500", "+31 26 352 5505",
	    "someone@sidn.nl");
	check_contact(&recs[0].tech, "Other Person", "SIDN B.V.",
	    "Meander 501", "+31 26 352 5555", "", "tech@sidn.nl");
	assert_string_equal(recs[0].created, "1986-04-25");
	assert_string_equal(recs[0].changed, "2023-01-12");
	whois_records_free(recs, count);
}

static void
parses_idn_and_crlf(void **state)
{
	struct whois_record *recs;
	size_t count;
	struct tld_error err;
	static const char alabel[] = "domain: XN--P1AI\norganisation: CC\n";

	(void)state;
	assert_int_equal(whois_parse(rf_answer, sizeof(rf_answer) - 1, &recs,
	    &count, &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(recs[0].line, 3);
	assert_string_equal(recs[0].domain, "\xd0\xa0\xd0\xa4");
	assert_string_equal(recs[0].organisation,
	    "Coordination Center for TLD RU");
	check_contact(&recs[0].admin, "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0", "",
	    "", "", "", "admin@cctld.ru");
	check_contact(&recs[0].tech, "", "", "", "", "", "");
	assert_string_equal(recs[0].created, "2010-05-12");
	assert_string_equal(recs[0].changed, "");
	whois_records_free(recs, count);

	assert_int_equal(whois_parse(alabel, sizeof(alabel) - 1, &recs,
	    &count, &err), 0);
	assert_int_equal(count, 1);
	assert_string_equal(recs[0].domain, "XN--P1AI");
	whois_records_free(recs, count);
}

static void
parses_concatenated_answers(void **state)
{
	struct whois_record *recs;
	size_t count;
	struct tld_error err;
	struct buf b;

	(void)state;
	buf_init(&b);
	buf_append(&b, nl_answer, sizeof(nl_answer) - 1);
	buf_append(&b, rf_answer, sizeof(rf_answer) - 1);
	buf_puts(&b, "% IANA WHOIS server\n\nrefer: whois.dns.be\n\n"
	    "Domain: BE\nContact: Technical\nE-Mail: tech@dns.be");
	assert_int_equal(whois_parse(b.data, b.len, &recs, &count, &err), 0);
	assert_int_equal(count, 3);
	assert_string_equal(recs[0].domain, "NL");
	assert_int_equal(recs[0].line, 7);
	assert_string_equal(recs[0].tech.email, "tech@sidn.nl");
	assert_string_equal(recs[1].domain, "\xd0\xa0\xd0\xa4");
	assert_int_equal(recs[1].line, 43);
	assert_string_equal(recs[1].admin.email, "admin@cctld.ru");
	assert_string_equal(recs[2].domain, "BE");
	assert_int_equal(recs[2].line, 57);
	assert_string_equal(recs[2].tech.email, "tech@dns.be");
	assert_string_equal(recs[2].organisation, "");
	whois_records_free(recs, count);
	buf_fini(&b);
}

static void
handles_absent_and_empty_keys(void **state)
{
	struct whois_record *recs;
	size_t count;
	struct tld_error err;
	static const char bare[] = "domain: AQ";
	static const char empty[] =
	    "domain: XX\n"
	    "organisation:\n"
	    "contact: administrative\n"
	    "name:\n"
	    "address:\n"
	    "address: line 1\n"
	    "address:    \n"
	    "address: line 2\n"
	    "name: \t Late Name \t\n"
	    "name: Ignored Second Name\n"
	    "contact: billing\n"
	    "name: Billing Person\n"
	    "nserver: A.NS.XX\n"
	    "organisation: Manager After Contacts\n"
	    "e-mail: record-level@example.org\n"
	    "changed:\n";

	(void)state;
	assert_int_equal(whois_parse(bare, sizeof(bare) - 1, &recs, &count,
	    &err), 0);
	assert_int_equal(count, 1);
	assert_int_equal(recs[0].line, 1);
	assert_string_equal(recs[0].domain, "AQ");
	assert_string_equal(recs[0].organisation, "");
	check_contact(&recs[0].admin, "", "", "", "", "", "");
	check_contact(&recs[0].tech, "", "", "", "", "", "");
	assert_string_equal(recs[0].created, "");
	assert_string_equal(recs[0].changed, "");
	whois_records_free(recs, count);

	assert_int_equal(whois_parse(empty, sizeof(empty) - 1, &recs, &count,
	    &err), 0);
	assert_int_equal(count, 1);
	assert_string_equal(recs[0].organisation, "Manager After Contacts");
	check_contact(&recs[0].admin, "Late Name", "", "line 1\nline 2", "",
	    "", "");
	check_contact(&recs[0].tech, "", "", "", "", "", "");
	assert_string_equal(recs[0].changed, "");
	whois_records_free(recs, count);

	whois_records_free(NULL, 0);
}

static void
refuses_junk_lines(void **state)
{
	(void)state;
#define E(s, code, msg) expect_error(s, sizeof(s) - 1, code, msg)
	E("domain: NL\nthis is not a key value line\n", TLD_EINVAL,
	    "line 2: not a \"key: value\" line");
	E("% c\ndomain: NL\n  continued: x\n", TLD_EINVAL,
	    "line 3: not a \"key: value\" line");
	E("domain: NL\n: no key\n", TLD_EINVAL,
	    "line 2: not a \"key: value\" line");
	E("domain: NL\nkey with space: x\n", TLD_EINVAL,
	    "line 2: not a \"key: value\" line");
	E("domain: NL\nan-extremely-long-key-name-that-is-silly: x\n",
	    TLD_EINVAL, "line 2: not a \"key: value\" line");
	E("junk before any record\ndomain: NL\n", TLD_EINVAL,
	    "line 1: not a \"key: value\" line");
	E("domain:\n", TLD_EINVAL, "line 1: empty domain");
	E("domain: NL\nname: a\x01z\n", TLD_EINVAL,
	    "line 2: control character in value");
	E("domain: NL\nname: a\rz\n", TLD_EINVAL,
	    "line 2: control character in value");
	E("domain: NL\nname: a\xc2\x85z\n", TLD_EINVAL,
	    "line 2: control character in value");
	E("domain: NL\nname: a\0z\n", TLD_EINVAL,
	    "line 2: control character in value");
#undef E
}

static void
refuses_invalid_utf8(void **state)
{
	(void)state;
#define E(s, msg) expect_error(s, sizeof(s) - 1, TLD_EINVAL, msg)
	E("domain: NL\n\nname: \xff\n", "line 3: invalid UTF-8");
	E("domain: \xc0\xae\n", "line 1: invalid UTF-8");
	E("domain: NL\nremarks: \xed\xa0\x80\n", "line 2: invalid UTF-8");
	E("domain: NL\nunknown-key: caf\xc3\n", "line 2: invalid UTF-8");
#undef E
}

static void
refuses_oversize_values(void **state)
{
	struct whois_record *recs;
	size_t count;
	struct tld_error err;
	struct buf b;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "domain: NL\nremarks: ");
	for (int i = 0; i < WHOIS_MAX_VALUE; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "   \n");
	assert_int_equal(whois_parse(b.data, b.len, &recs, &count, &err), 0);
	whois_records_free(recs, count);
	buf_reset(&b);

	buf_puts(&b, "domain: NL\n\nname: ");
	for (int i = 0; i <= WHOIS_MAX_VALUE; i++)
		buf_putc(&b, 'x');
	expect_error(b.data, b.len, TLD_ELIMIT,
	    "line 3: value longer than 1024 bytes");
	buf_reset(&b);

	/* The joined address is bounded too. */
	buf_puts(&b, "domain: NL\ncontact: technical\n");
	for (int i = 0; i < 40; i++)
		buf_puts(&b, "address: 0123456789012345678901234567890123\n");
	expect_error(b.data, b.len, TLD_ELIMIT,
	    "line 32: address longer than 1024 bytes");
	buf_fini(&b);
}

static void
refuses_no_record(void **state)
{
	static const char comments[] =
	    "% IANA WHOIS server\n\n% This query returned 0 objects.\n";
	static const char no_domain[] = "refer: x\norganisation: y\n";

	(void)state;
	expect_error(comments, sizeof(comments) - 1, TLD_EINVAL,
	    "no record: no \"domain:\" line in 3 lines");
	expect_error(no_domain, sizeof(no_domain) - 1, TLD_EINVAL,
	    "no record: no \"domain:\" line in 2 lines");
	expect_error("", 0, TLD_EINVAL,
	    "no record: no \"domain:\" line in 0 lines");
	expect_error(NULL, 0, TLD_EINVAL,
	    "no record: no \"domain:\" line in 0 lines");
}

static void
enforces_record_and_input_limits(void **state)
{
	struct whois_record *recs;
	size_t count;
	struct tld_error err;
	struct buf b;
	char *big;

	(void)state;
	buf_init(&b);
	for (int i = 0; i < WHOIS_MAX_RECORDS; i++)
		buf_puts(&b, "domain: XX\n");
	assert_int_equal(whois_parse(b.data, b.len, &recs, &count, &err), 0);
	assert_int_equal(count, WHOIS_MAX_RECORDS);
	assert_int_equal(recs[WHOIS_MAX_RECORDS - 1].line, WHOIS_MAX_RECORDS);
	whois_records_free(recs, count);
	buf_puts(&b, "% one too many\ndomain: YY\n");
	expect_error(b.data, b.len, TLD_ELIMIT,
	    "line 10002: more than 10000 records");
	buf_fini(&b);

	big = malloc(WHOIS_MAX_INPUT + 1);
	assert_non_null(big);
	memset(big, '\n', WHOIS_MAX_INPUT + 1);
	memcpy(big, "domain: NL\n", 11);
	assert_int_equal(whois_parse(big, WHOIS_MAX_INPUT, &recs, &count,
	    &err), 0);
	assert_int_equal(count, 1);
	whois_records_free(recs, count);
	expect_error(big, WHOIS_MAX_INPUT + 1, TLD_ELIMIT,
	    "input longer than 16777216 bytes");
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_one_record),
		cmocka_unit_test(parses_idn_and_crlf),
		cmocka_unit_test(parses_concatenated_answers),
		cmocka_unit_test(handles_absent_and_empty_keys),
		cmocka_unit_test(refuses_junk_lines),
		cmocka_unit_test(refuses_invalid_utf8),
		cmocka_unit_test(refuses_oversize_values),
		cmocka_unit_test(refuses_no_record),
		cmocka_unit_test(enforces_record_and_input_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
