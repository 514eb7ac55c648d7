/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for util/csv: reads every record of the input twice, with the
 * default limits and with tiny ones (so that every limit is reached), checks
 * what each record claims (fields NUL-terminated at their length, lines
 * increasing, progress on every call, errors naming a line) and writes each
 * record back with csv_write_field(): reading that back must give the same
 * fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_csv: %s\n", what);
	abort();
}

/* Write rec back as one line and read it again with the same limits. */
static void
check_round_trip(const struct csv_record *rec, const struct csv_limits *lim)
{
	struct buf out;
	struct csv_reader r;
	struct csv_record again;
	struct tld_error err;

	/* A lone empty field is written as a blank line, which is skipped. */
	if (rec->nfields == 1 && rec->lens[0] == 0)
		return;
	buf_init(&out);
	/* A leading BOM: the reader drops exactly this one. */
	buf_append(&out, "\xef\xbb\xbf", 3);
	for (size_t i = 0; i < rec->nfields; i++) {
		if (i > 0)
			buf_putc(&out, ',');
		csv_write_field(&out, rec->fields[i]);
	}
	buf_puts(&out, "\r\n");
	csv_reader_init(&r, out.data, out.len, lim);
	if (csv_next(&r, &again, &err) != 1)
		fail("a written record does not read back");
	if (again.nfields != rec->nfields)
		fail("a written record reads back with another field count");
	for (size_t i = 0; i < rec->nfields; i++)
		if (again.lens[i] != rec->lens[i] ||
		    memcmp(again.fields[i], rec->fields[i], rec->lens[i]) != 0)
			fail("a written field reads back different");
	if (csv_next(&r, &again, &err) != 0)
		fail("a written record reads back as more than one");
	csv_reader_fini(&r);
	buf_fini(&out);
}

static void
read_all(const char *p, size_t len, const struct csv_limits *lim)
{
	struct csv_reader r;
	struct csv_record rec;
	struct tld_error err;
	size_t last_line = 0, calls = 0;
	int rc;

	csv_reader_init(&r, p, len, lim);
	for (;;) {
		size_t before = r.pos;

		if (++calls > len + 2)
			fail("csv_next does not come to an end");
		tld_error_clear(&err);
		rc = csv_next(&r, &rec, &err);
		if (rc == 0)
			break;
		if (r.pos <= before)
			fail("csv_next made no progress");
		if (rc < 0) {
			if (rc != TLD_EINVAL && rc != TLD_ELIMIT)
				fail("unexpected error code");
			if (err.code != rc || strncmp(err.message, "line ", 5) != 0 ||
			    err.field[0] != '\0')
				fail("error does not name its line");
			if (rec.nfields != 0 || rec.fields != NULL)
				fail("record not cleared on error");
			continue;
		}
		if (rc != 1 || rec.nfields == 0 || rec.line < 1 ||
		    rec.line <= last_line)
			fail("bad record header");
		last_line = rec.line;
		for (size_t i = 0; i < rec.nfields; i++)
			if (rec.fields[i][rec.lens[i]] != '\0' ||
			    strlen(rec.fields[i]) != rec.lens[i])
				fail("field not NUL-terminated at its length");
		check_round_trip(&rec, lim);
	}
	csv_reader_fini(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct csv_limits tiny = { 3, 8, 5 };

	read_all((const char *)data, size, NULL);
	read_all((const char *)data, size, &tiny);
	return 0;
}
