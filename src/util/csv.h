/* SPDX-License-Identifier: MIT */
/*
 * An RFC 4180 CSV reader over a buffer in memory: quoted fields with embedded
 * commas, quotes ("") and line breaks; CRLF or LF line ends; a UTF-8 byte
 * order mark at the start is skipped.  Bounded: every limit below is
 * enforced with an error naming the line.  The input need not be
 * NUL-terminated and may contain any bytes.
 */
#ifndef TLD_UTIL_CSV_H
#define TLD_UTIL_CSV_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

struct csv_limits {
	size_t max_fields;      /* fields per record (default 64) */
	size_t max_field_bytes; /* bytes per field (default 4096) */
	size_t max_records;     /* records in the file (default 1,000,000) */
};

struct csv_reader {
	const char *p;  /* borrowed input */
	size_t len;
	size_t pos;
	size_t line;    /* 1-based line where the next record starts */
	size_t records;
	struct csv_limits limits;
	struct buf scratch; /* holds the current record's unquoted fields */
	const char **fields;
	size_t *lens;
	size_t fields_cap;
};

struct csv_record {
	size_t line;            /* 1-based line the record starts on */
	size_t nfields;
	const char *const *fields; /* each NUL-terminated; borrowed until the next call */
	const size_t *lens;
};

/* limits may be NULL for the defaults.  r borrows p until csv_reader_fini(). */
void csv_reader_init(struct csv_reader *r, const char *p, size_t len,
    const struct csv_limits *limits);
void csv_reader_fini(struct csv_reader *r);

/*
 * Read the next record.  Returns 1 and fills rec, 0 at the end of input, or
 * TLD_EINVAL / TLD_ELIMIT with err naming the line ("line 7: unterminated
 * quoted field").  After an error the reader is positioned at the next line
 * so that callers can report every bad line.  Blank lines are skipped.
 */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct tld_error *err);

/* Append one field to out, quoting it when it holds , " CR or LF. */
void csv_write_field(struct buf *out, const char *s);

/*
 * A cell for a spreadsheet (CSV formula injection, OWASP): text that a
 * spreadsheet would run as a formula — starting with = + - @, a tab or a
 * CR, after any number of apostrophes — gets one more ' in front, then is
 * written as csv_write_field() does.  csv_cell_unguard() undoes it, so that
 * importing an export gives back the original text (it strips one ' only
 * where csv_write_cell() would have added it).
 */
void csv_write_cell(struct buf *out, const char *s);
/* s without the ' that csv_write_cell() added, if any (a pointer into s). */
const char *csv_cell_unguard(const char *s);

#endif
