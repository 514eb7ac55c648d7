/* SPDX-License-Identifier: MIT */
/*
 * Tests of model/roster: the Mailman, website and spreadsheet parsers, the
 * forms each accepts, every bad line reported with its number and field,
 * and the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/roster.h"

static int
parse(int (*fn)(const char *, size_t, struct roster *, struct tld_error *),
    const char *text, struct roster *r, struct tld_error *err)
{
	roster_init(r);
	tld_error_clear(err);
	return fn(text, strlen(text), r, err);
}

static void
mailman_forms(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf" "Jan Jansen <jan@sidn.nl>\r\n"
	    "\"Peeters, Piet\" <Piet@DNSBelgium.BE>\n"
	    "  bare@example.org  \n"
	    "\n"
	    "# a comment\n"
	    "<angle@example.org>\n"
	    "old@example.org (Old Style)\n"
	    "\"Jan \\\"JJ\\\" Jansen\" <jj@sidn.nl>\n"
	    "Ivan Иванов\t<ivan@cctld.ru>";
	struct roster r;
	struct tld_error err;

	(void)state;
	assert_int_equal(parse(roster_parse_mailman, text, &r, &err), 0);
	assert_int_equal(r.n, 7);
	assert_int_equal(r.nproblems, 0);
	assert_string_equal(r.entries[0].name, "Jan Jansen");
	assert_string_equal(r.entries[0].email, "jan@sidn.nl");
	assert_int_equal(r.entries[0].line, 1);
	assert_string_equal(r.entries[1].name, "Peeters, Piet");
	assert_string_equal(r.entries[1].email, "Piet@dnsbelgium.be");
	assert_string_equal(r.entries[2].name, "");
	assert_string_equal(r.entries[2].email, "bare@example.org");
	assert_int_equal(r.entries[2].line, 3);
	assert_string_equal(r.entries[3].name, "");
	assert_string_equal(r.entries[3].email, "angle@example.org");
	assert_int_equal(r.entries[3].line, 6);
	assert_string_equal(r.entries[4].name, "Old Style");
	assert_string_equal(r.entries[4].email, "old@example.org");
	assert_string_equal(r.entries[5].name, "Jan \"JJ\" Jansen");
	assert_string_equal(r.entries[6].name, "Ivan Иванов");
	assert_int_equal(r.entries[6].line, 9);
	assert_null(r.entries[0].cctld);
	roster_fini(&r);
}

static void
expect_problem(const struct roster *r, size_t i, size_t line,
    const char *field, const char *message_part)
{
	assert_true(i < r->nkept);
	assert_int_equal(r->problems[i].line, line);
	assert_string_equal(r->problems[i].field, field);
	if (strstr(r->problems[i].message, message_part) == NULL)
		fail_msg("problem %zu: <<%s>> lacks <<%s>>", i,
		    r->problems[i].message, message_part);
}

static void
mailman_reports_every_bad_line(void **state)
{
	static const char text[] =
	    "Good One <good@example.org>\n"
	    "no address here\n"
	    "\"Unterminated <x@example.org>\n"
	    "Jan <jan@sidn.nl> <other@sidn.nl>\n"
	    "Bad \xff Name <bad@example.org>\n"
	    "Ctl\x01 <ctl@example.org>\n"
	    "Name > x@example.org>\n"
	    "x@example.org (unclosed\n"
	    "Good Two <good2@example.org>\n";
	struct roster r;
	struct tld_error err;

	(void)state;
	assert_int_equal(parse(roster_parse_mailman, text, &r, &err), TLD_EINVAL);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.entries[1].line, 9);
	assert_int_equal(r.nproblems, 7);
	expect_problem(&r, 0, 2, "email", "has no @");
	expect_problem(&r, 1, 3, "name", "does not end");
	expect_problem(&r, 2, 4, "name", "quote it");
	expect_problem(&r, 3, 5, "line", "not valid UTF-8");
	expect_problem(&r, 4, 6, "line", "control character");
	expect_problem(&r, 5, 7, "email", "'>' without '<'");
	expect_problem(&r, 6, 8, "email", "");
	/* err holds the first problem with its line. */
	assert_int_equal(err.code, TLD_EINVAL);
	assert_string_equal(err.field, "email");
	assert_non_null(strstr(err.message, "line 2:"));
	roster_fini(&r);
}

static void
mailman_bounds_lines_and_problems(void **state)
{
	size_t len = ROSTER_MAX_LINE + 100;
	char *text = malloc(len + 1), *many;
	struct roster r;
	struct tld_error err;

	(void)state;
	memset(text, 'a', len);
	memcpy(text + len - 14, "@example.org\n", 13);
	text[len] = '\0';
	assert_int_equal(parse(roster_parse_mailman, text, &r, &err), TLD_EINVAL);
	expect_problem(&r, 0, 1, "line", "longer than 4096 bytes");
	roster_fini(&r);
	free(text);

	/* 150 bad lines: all counted, the first 100 kept. */
	many = malloc(150 * 4 + 1);
	for (size_t i = 0; i < 150; i++)
		memcpy(many + i * 4, "bad\n", 4);
	many[600] = '\0';
	assert_int_equal(parse(roster_parse_mailman, many, &r, &err), TLD_EINVAL);
	assert_int_equal(r.nproblems, 150);
	assert_int_equal(r.nkept, ROSTER_MAX_PROBLEMS);
	assert_int_equal(r.problems[99].line, 100);
	roster_fini(&r);
	free(many);

	/* Not NUL-terminated: the parser reads exactly len bytes. */
	roster_init(&r);
	assert_int_equal(roster_parse_mailman("a@b.org\nc@d.orgXXXX", 15, &r,
	    &err), 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.entries[1].email, "c@d.org");
	roster_fini(&r);

	/* Too large a file is refused before anything is read. */
	roster_init(&r);
	assert_int_equal(roster_parse_mailman("", ROSTER_MAX_INPUT + 1u, &r, &err),
	    TLD_ELIMIT);
	roster_fini(&r);
}

static void
website_forms(void **state)
{
	static const char text[] =
	    ".NL\n"
	    "  nl  \r\n"
	    "рф\n"
	    "xn--p1ai\n"
	    "# comment\n"
	    "\n"
	    "Brazil\n"
	    "Korea, Republic of\n";
	struct roster r;
	struct tld_error err;

	(void)state;
	assert_int_equal(parse(roster_parse_website, text, &r, &err), 0);
	assert_int_equal(r.n, 6);
	assert_string_equal(r.entries[0].cctld, ".NL");
	assert_string_equal(r.entries[1].cctld, "nl");
	assert_string_equal(r.entries[2].cctld, "рф");
	assert_string_equal(r.entries[4].cctld, "Brazil");
	assert_int_equal(r.entries[4].line, 7);
	assert_string_equal(r.entries[5].cctld, "Korea, Republic of");
	assert_null(r.entries[0].email);
	roster_fini(&r);
}

static void
website_reports_bad_lines(void **state)
{
	char text[400];
	struct roster r;
	struct tld_error err;
	size_t n;

	(void)state;
	memset(text, 0, sizeof(text));
	n = (size_t)snprintf(text, sizeof(text), "nl\nbe\tfr\n\x80\n");
	memset(text + n, 'x', ROSTER_MAX_CCTLD + 1);
	snprintf(text + n + ROSTER_MAX_CCTLD + 1, 8, "\nde\n");
	assert_int_equal(parse(roster_parse_website, text, &r, &err), TLD_EINVAL);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.entries[1].cctld, "de");
	assert_int_equal(r.entries[1].line, 5);
	expect_problem(&r, 0, 2, "cctld", "one ccTLD per line");
	expect_problem(&r, 1, 3, "line", "UTF-8");
	expect_problem(&r, 2, 4, "cctld", "longer than 128 bytes");
	roster_fini(&r);
}

static void
spreadsheet_finds_columns_by_header(void **state)
{
	static const char text[] =
	    "Country,ccTLD,Member?,Contacts\r\n"
	    "Netherlands,.nl,yes,2\r\n"
	    "Belgium,be,No,0\r\n"
	    ",,,\r\n"
	    "\"Korea, Republic of\",kr,TRUE,1\r\n"
	    "Russia,рф,0,0\r\n"
	    "France,fr,y,3\r\n";
	static const char plain[] = "tld\nnl\nbe\n";
	struct roster r;
	struct tld_error err;

	(void)state;
	assert_int_equal(parse(roster_parse_spreadsheet, text, &r, &err), 0);
	assert_int_equal(r.n, 5);
	assert_string_equal(r.entries[0].cctld, ".nl");
	assert_int_equal(r.entries[0].member, 1);
	assert_int_equal(r.entries[0].contacts, 2);
	assert_int_equal(r.entries[1].member, 0);
	assert_int_equal(r.entries[2].line, 5);
	assert_int_equal(r.entries[2].member, 1);
	assert_int_equal(r.entries[3].member, 0);
	assert_string_equal(r.entries[3].cctld, "рф");
	assert_int_equal(r.entries[4].member, 1);
	roster_fini(&r);

	/* Without member and contacts columns. */
	assert_int_equal(parse(roster_parse_spreadsheet, plain, &r, &err), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.entries[0].member, -1);
	assert_int_equal(r.entries[0].contacts, -1);
	roster_fini(&r);
}

static void
spreadsheet_reports_bad_rows(void **state)
{
	static const char text[] =
	    "cctld,member,contacts\n"
	    "nl,maybe,1\n"
	    ",yes,1\n"
	    "be,yes,many\n"
	    "fr,yes,1,extra\"quote\n"
	    "de,yes,2\n";
	struct roster r;
	struct tld_error err;

	(void)state;
	assert_int_equal(parse(roster_parse_spreadsheet, text, &r, &err),
	    TLD_EINVAL);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.entries[0].cctld, "de");
	assert_int_equal(r.entries[0].line, 6);
	expect_problem(&r, 0, 2, "member", "\"maybe\" is not yes");
	expect_problem(&r, 1, 3, "cctld", "is empty");
	expect_problem(&r, 2, 4, "contacts", "not a count");
	expect_problem(&r, 3, 5, "csv", "quote");
	roster_fini(&r);
}

static void
spreadsheet_needs_a_cctld_column(void **state)
{
	struct roster r;
	struct tld_error err;

	(void)state;
	assert_int_equal(parse(roster_parse_spreadsheet, "name,email\nx,y\n", &r,
	    &err), TLD_EINVAL);
	expect_problem(&r, 0, 1, "header", "no ccTLD column");
	assert_string_equal(err.field, "header");
	roster_fini(&r);
	assert_int_equal(parse(roster_parse_spreadsheet, "cctld,CCTLD\nnl,be\n",
	    &r, &err), TLD_EINVAL);
	expect_problem(&r, 0, 1, "header", "two \"cctld\" columns");
	roster_fini(&r);
	assert_int_equal(parse(roster_parse_spreadsheet, "", &r, &err),
	    TLD_EINVAL);
	expect_problem(&r, 0, 1, "header", "empty");
	roster_fini(&r);
	/* "cctld" wins over "domain" whatever the order. */
	assert_int_equal(parse(roster_parse_spreadsheet, "domain,cctld\nx,nl\n",
	    &r, &err), 0);
	assert_string_equal(r.entries[0].cctld, "nl");
	roster_fini(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mailman_forms),
		cmocka_unit_test(mailman_reports_every_bad_line),
		cmocka_unit_test(mailman_bounds_lines_and_problems),
		cmocka_unit_test(website_forms),
		cmocka_unit_test(website_reports_bad_lines),
		cmocka_unit_test(spreadsheet_finds_columns_by_header),
		cmocka_unit_test(spreadsheet_reports_bad_rows),
		cmocka_unit_test(spreadsheet_needs_a_cctld_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
