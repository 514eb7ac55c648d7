/* SPDX-License-Identifier: MIT */
/*
 * Tests of util/csv: RFC 4180 quoting, line ends, the byte order mark, blank
 * lines, every error with its line number and the resynchronisation after
 * it, the limits, and csv_write_field() round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/buf.h"
#include "util/csv.h"

/* Read the next record and check its line and fields (NULL-terminated list). */
static void
expect_record(struct csv_reader *r, size_t line, ...)
{
	struct csv_record rec;
	struct tld_error err;
	const char *want;
	size_t i = 0;
	va_list ap;

	tld_error_clear(&err);
	assert_int_equal(csv_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		assert_true(i < rec.nfields);
		assert_int_equal(rec.lens[i], strlen(want));
		assert_memory_equal(rec.fields[i], want, strlen(want) + 1);
		i++;
	}
	va_end(ap);
	assert_int_equal(rec.nfields, i);
}

static void
expect_error(struct csv_reader *r, int code, const char *message)
{
	struct csv_record rec;
	struct tld_error err;

	tld_error_clear(&err);
	assert_int_equal(csv_next(r, &rec, &err), code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.field, "");
	assert_string_equal(err.message, message);
	assert_int_equal(rec.nfields, 0);
	assert_null(rec.fields);
}

static void
expect_end(struct csv_reader *r)
{
	struct csv_record rec;
	struct tld_error err;

	assert_int_equal(csv_next(r, &rec, &err), 0);
	assert_int_equal(csv_next(r, &rec, &err), 0);
}

/* Open a reader on s, without its terminating NUL. */
static void
open_str(struct csv_reader *r, const char *s, const struct csv_limits *lim)
{
	csv_reader_init(r, s, strlen(s), lim);
}

static void
reads_plain_records(void **state)
{
	struct csv_reader r;
	/* Exactly three bytes, no NUL after them. */
	static const char raw[3] = { 'x', ',', 'y' };

	(void)state;
	open_str(&r, "cctld,name,email\nnl,Jan,jan@example.nl\n", NULL);
	expect_record(&r, 1, "cctld", "name", "email", NULL);
	expect_record(&r, 2, "nl", "Jan", "jan@example.nl", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	csv_reader_init(&r, raw, sizeof(raw), NULL);
	expect_record(&r, 1, "x", "y", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	csv_reader_init(&r, NULL, 0, NULL);
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
reads_quoted_fields(void **state)
{
	struct csv_reader r;

	(void)state;
	open_str(&r,
	    "\"a,b\",\"line 1\nline 2\",\"say \"\"hi\"\"\"\n"
	    "\"\",\"\"\"\",plain\n"
	    "\"multi\n\nline\",\"crlf\r\ninside\"\n"
	    "last,\"lone \r cr\"\n", NULL);
	expect_record(&r, 1, "a,b", "line 1\nline 2", "say \"hi\"", NULL);
	expect_record(&r, 3, "", "\"", "plain", NULL);
	expect_record(&r, 4, "multi\n\nline", "crlf\r\ninside", NULL);
	expect_record(&r, 8, "last", "lone \r cr", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
handles_line_ends_and_blank_lines(void **state)
{
	struct csv_reader r;

	(void)state;
	open_str(&r, "a,b\r\nc,d\r\n", NULL);
	expect_record(&r, 1, "a", "b", NULL);
	expect_record(&r, 2, "c", "d", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	/* No final line end. */
	open_str(&r, "a,b\nc,d", NULL);
	expect_record(&r, 1, "a", "b", NULL);
	expect_record(&r, 2, "c", "d", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	/* Blank lines are skipped but counted. */
	open_str(&r, "\n\r\na\n\n\r\n\nb\n\n", NULL);
	expect_record(&r, 3, "a", NULL);
	expect_record(&r, 7, "b", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "\n\n\r\n", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
reads_empty_fields(void **state)
{
	struct csv_reader r;

	(void)state;
	open_str(&r, ",,\na,\n,b\n\"\"\n \na,", NULL);
	expect_record(&r, 1, "", "", "", NULL);
	expect_record(&r, 2, "a", "", NULL);
	expect_record(&r, 3, "", "b", NULL);
	expect_record(&r, 4, "", NULL);
	expect_record(&r, 5, " ", NULL);
	expect_record(&r, 6, "a", "", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
skips_byte_order_mark(void **state)
{
	struct csv_reader r;

	(void)state;
	open_str(&r, "\xef\xbb\xbf" "cctld,name\r\nnl,\xef\xbb\xbfx\r\n", NULL);
	expect_record(&r, 1, "cctld", "name", NULL);
	/* Only at the start of the input. */
	expect_record(&r, 2, "nl", "\xef\xbb\xbfx", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "\xef\xbb\xbf", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "\xef\xbb\xbf\"q\"", NULL);
	expect_record(&r, 1, "q", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
reports_quote_errors_and_resyncs(void **state)
{
	struct csv_reader r;

	(void)state;
	open_str(&r, "a,b\nc,\"d\ne,f\n", NULL);
	expect_record(&r, 1, "a", "b", NULL);
	expect_error(&r, TLD_EINVAL, "line 2: unterminated quoted field");
	expect_record(&r, 3, "e", "f", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "a\"b,c\nd,e\nJane \"JJ\" Doe,x\r\ng\n", NULL);
	expect_error(&r, TLD_EINVAL, "line 1: quote inside an unquoted field");
	expect_record(&r, 2, "d", "e", NULL);
	expect_error(&r, TLD_EINVAL, "line 3: quote inside an unquoted field");
	expect_record(&r, 4, "g", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "\"a\"b,c\nok\n\"x\" \n", NULL);
	expect_error(&r, TLD_EINVAL,
	    "line 1: text after the closing quote of a quoted field");
	expect_record(&r, 2, "ok", NULL);
	expect_error(&r, TLD_EINVAL,
	    "line 3: text after the closing quote of a quoted field");
	expect_end(&r);
	csv_reader_fini(&r);

	/*
	 * A stray opening quote swallows the next line up to its first
	 * quote: the error names the line of the stray quote and the
	 * swallowed line is read again.
	 */
	open_str(&r, "nl,\"Jan,jan@example.nl\nbe,\"Piet\",piet@example.be\n",
	    NULL);
	expect_error(&r, TLD_EINVAL,
	    "line 1: text after the closing quote of a quoted field");
	expect_record(&r, 2, "be", "Piet", "piet@example.be", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	/* Unterminated on the last line, without a line end. */
	open_str(&r, "a\n\"b", NULL);
	expect_record(&r, 1, "a", NULL);
	expect_error(&r, TLD_EINVAL, "line 2: unterminated quoted field");
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
reports_nul_and_lone_cr(void **state)
{
	struct csv_reader r;
	static const char nul[] = "a\0b,c\nd\n\"x\0\"\ne";
	static const char trailing_nul[] = { 'a', '\n', '\0' };

	(void)state;
	csv_reader_init(&r, nul, sizeof(nul) - 1, NULL);
	expect_error(&r, TLD_EINVAL, "line 1: NUL byte");
	expect_record(&r, 2, "d", NULL);
	expect_error(&r, TLD_EINVAL, "line 3: NUL byte");
	expect_record(&r, 4, "e", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	csv_reader_init(&r, trailing_nul, sizeof(trailing_nul), NULL);
	expect_record(&r, 1, "a", NULL);
	expect_error(&r, TLD_EINVAL, "line 2: NUL byte");
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "a\rb\nc,\"d\"\re\nf\r", NULL);
	expect_error(&r, TLD_EINVAL,
	    "line 1: carriage return without line feed");
	expect_error(&r, TLD_EINVAL,
	    "line 2: carriage return without line feed");
	expect_error(&r, TLD_EINVAL,
	    "line 3: carriage return without line feed");
	expect_end(&r);
	csv_reader_fini(&r);
}

static void
error_in_multiline_record_names_its_field(void **state)
{
	struct csv_reader r;

	(void)state;
	/*
	 * The quoted field began on line 1, so the error names line 1 and
	 * reading resumes on line 2 (inside the former quoted field).
	 */
	open_str(&r, "\"a\nb\"x\nc\n", NULL);
	expect_error(&r, TLD_EINVAL,
	    "line 1: text after the closing quote of a quoted field");
	expect_error(&r, TLD_EINVAL, "line 2: quote inside an unquoted field");
	expect_record(&r, 3, "c", NULL);
	expect_end(&r);
	csv_reader_fini(&r);

	/* A field beginning on a later line of a record is named by its line. */
	open_str(&r, "\"a\nb\",c\"d\ne\n", NULL);
	expect_error(&r, TLD_EINVAL, "line 2: quote inside an unquoted field");
	expect_record(&r, 3, "e", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
}

static char *
repeat(const char *head, char c, size_t n, const char *tail)
{
	size_t hl = strlen(head), tl = strlen(tail);
	char *s = malloc(hl + n + tl + 1);

	assert_non_null(s);
	memcpy(s, head, hl);
	memset(s + hl, c, n);
	memcpy(s + hl + n, tail, tl + 1);
	return s;
}

static void
enforces_default_limits(void **state)
{
	struct csv_reader r;
	struct csv_record rec;
	struct tld_error err;
	char *s;
	struct buf b;

	(void)state;
	/* 64 fields pass, 65 do not. */
	s = repeat("", ',', 63, "\n");
	open_str(&r, s, NULL);
	assert_int_equal(csv_next(&r, &rec, &err), 1);
	assert_int_equal(rec.nfields, 64);
	expect_end(&r);
	csv_reader_fini(&r);
	free(s);
	s = repeat("ok\n", ',', 64, "\nnext\n");
	open_str(&r, s, NULL);
	expect_record(&r, 1, "ok", NULL);
	expect_error(&r, TLD_ELIMIT, "line 2: more than 64 fields");
	expect_record(&r, 3, "next", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
	free(s);

	/* 4096 bytes pass, 4097 do not; quoted or not. */
	s = repeat("", 'x', 4096, "\n");
	open_str(&r, s, NULL);
	assert_int_equal(csv_next(&r, &rec, &err), 1);
	assert_int_equal(rec.lens[0], 4096);
	csv_reader_fini(&r);
	free(s);
	s = repeat("a\n", 'x', 4097, "\nb\n");
	open_str(&r, s, NULL);
	expect_record(&r, 1, "a", NULL);
	expect_error(&r, TLD_ELIMIT, "line 2: field longer than 4096 bytes");
	expect_record(&r, 3, "b", NULL);
	expect_end(&r);
	csv_reader_fini(&r);
	free(s);

	/* "" counts as one byte. */
	s = repeat("\"", 'x', 4095, "\"\"\"\n");
	open_str(&r, s, NULL);
	assert_int_equal(csv_next(&r, &rec, &err), 1);
	assert_int_equal(rec.lens[0], 4096);
	assert_int_equal(rec.fields[0][4095], '"');
	csv_reader_fini(&r);
	free(s);
	s = repeat("\"", 'x', 4096, "\"\"\"\nb\n");
	open_str(&r, s, NULL);
	expect_error(&r, TLD_ELIMIT, "line 1: field longer than 4096 bytes");
	expect_record(&r, 2, "b", NULL);
	csv_reader_fini(&r);
	free(s);

	/* A stray quote before a long tail costs one error, not the tail. */
	buf_init(&b);
	buf_puts(&b, "a,\"stray\n");
	for (int i = 0; i < 500; i++)
		buf_printf(&b, "row%d,some text here\n", i);
	csv_reader_init(&r, b.data, b.len, NULL);
	expect_error(&r, TLD_ELIMIT, "line 1: field longer than 4096 bytes");
	for (int i = 0; i < 500; i++) {
		assert_int_equal(csv_next(&r, &rec, &err), 1);
		assert_int_equal(rec.line, (size_t)i + 2);
	}
	expect_end(&r);
	csv_reader_fini(&r);
	buf_fini(&b);
}

static void
enforces_given_limits(void **state)
{
	struct csv_reader r;
	struct csv_limits lim = { 2, 3, 2 };
	struct csv_limits zero = { 0, 0, 0 };
	struct csv_record rec;
	struct tld_error err;
	char *s;

	(void)state;
	open_str(&r, "a,b,c\nabcd\n\"ab\"\"\"\n", &lim);
	expect_error(&r, TLD_ELIMIT, "line 1: more than 2 fields");
	expect_error(&r, TLD_ELIMIT, "line 2: field longer than 3 bytes");
	/* Errors count as records: this one is the third. */
	expect_error(&r, TLD_ELIMIT, "line 3: more than 2 records");
	expect_end(&r);
	csv_reader_fini(&r);

	open_str(&r, "a\n\nb,c\nd\ne\n", &lim);
	expect_record(&r, 1, "a", NULL);
	expect_record(&r, 3, "b", "c", NULL);
	expect_error(&r, TLD_ELIMIT, "line 4: more than 2 records");
	expect_end(&r);
	csv_reader_fini(&r);

	/* Zero members mean the defaults. */
	s = repeat("", ',', 63, "\n");
	open_str(&r, s, &zero);
	assert_int_equal(csv_next(&r, &rec, &err), 1);
	assert_int_equal(rec.nfields, 64);
	csv_reader_fini(&r);
	free(s);
}

static void
writes_fields(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	csv_write_field(&b, "plain text");
	assert_string_equal(buf_str(&b), "plain text");
	buf_reset(&b);
	csv_write_field(&b, "");
	assert_string_equal(buf_str(&b), "");
	csv_write_field(&b, "a,b");
	assert_string_equal(buf_str(&b), "\"a,b\"");
	buf_reset(&b);
	csv_write_field(&b, "say \"hi\"");
	assert_string_equal(buf_str(&b), "\"say \"\"hi\"\"\"");
	buf_reset(&b);
	csv_write_field(&b, "x\ny");
	assert_string_equal(buf_str(&b), "\"x\ny\"");
	buf_reset(&b);
	csv_write_field(&b, "x\ry");
	assert_string_equal(buf_str(&b), "\"x\ry\"");
	buf_fini(&b);
}

static void
round_trips_written_fields(void **state)
{
	static const char *const fields[] = {
		"plain", "", "a,b", "\"", "\"\"", "two\r\nlines", "lone\rcr",
		"lf\n", " spaced ", "\xd1\x80\xd1\x84", ",", "\"quoted\"",
	};
	const size_t n = sizeof(fields) / sizeof(fields[0]);
	struct csv_reader r;
	struct buf b;

	(void)state;
	buf_init(&b);
	for (int row = 0; row < 3; row++) {
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				buf_putc(&b, ',');
			csv_write_field(&b, fields[(i + (size_t)row) % n]);
		}
		buf_puts(&b, row == 1 ? "\n" : "\r\n");
	}
	csv_reader_init(&r, b.data, b.len, NULL);
	for (int row = 0; row < 3; row++) {
		struct csv_record rec;
		struct tld_error err;

		assert_int_equal(csv_next(&r, &rec, &err), 1);
		assert_int_equal(rec.nfields, n);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(rec.fields[i],
			    fields[(i + (size_t)row) % n]);
	}
	expect_end(&r);
	csv_reader_fini(&r);
	buf_fini(&b);
}

/* CSV formula injection: a spreadsheet must not run what a member typed. */
static void
neutralises_formulas_for_spreadsheets(void **state)
{
	static const char *const in[] = {
		"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)",
		"\tx", "\rx", "'=1", "''+1", "Jan", "'Ohana", "''", "'", "", "a=b",
		"x,=y",
	};
	static const char *const want[] = {
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "'+1+1", "'-2",
		"'@SUM(A1)", "'\tx", "\"'\rx\"", "''=1", "'''+1", "Jan", "'Ohana",
		"''", "'", "", "a=b", "\"x,=y\"",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct buf b;
		struct csv_reader r;
		struct csv_record rec;
		struct tld_error err;

		buf_init(&b);
		csv_write_cell(&b, in[i]);
		assert_string_equal(buf_str(&b), want[i]);
		/* Read back and unguarded: the original text. */
		buf_puts(&b, ",end\n");
		csv_reader_init(&r, b.data, b.len, NULL);
		assert_int_equal(csv_next(&r, &rec, &err), 1);
		assert_string_equal(csv_cell_unguard(rec.fields[0]), in[i]);
		csv_reader_fini(&r);
		buf_fini(&b);
	}
	assert_null(csv_cell_unguard(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_plain_records),
		cmocka_unit_test(reads_quoted_fields),
		cmocka_unit_test(handles_line_ends_and_blank_lines),
		cmocka_unit_test(reads_empty_fields),
		cmocka_unit_test(skips_byte_order_mark),
		cmocka_unit_test(reports_quote_errors_and_resyncs),
		cmocka_unit_test(reports_nul_and_lone_cr),
		cmocka_unit_test(error_in_multiline_record_names_its_field),
		cmocka_unit_test(enforces_default_limits),
		cmocka_unit_test(enforces_given_limits),
		cmocka_unit_test(writes_fields),
		cmocka_unit_test(round_trips_written_fields),
		cmocka_unit_test(neutralises_formulas_for_spreadsheets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
