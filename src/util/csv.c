/* SPDX-License-Identifier: MIT */
/*
 * RFC 4180 CSV reader and field writer.  The reader walks a borrowed buffer
 * one record at a time, copying the unquoted fields into a scratch buffer
 * whose size is bounded by the limits (fields x bytes per field), so a
 * hostile file costs at most that much memory.  Lines are counted by LF; a
 * CR is only accepted as part of CRLF or inside quotes.  An error names the
 * line on which the offending field began and the reader resumes at the
 * start of the following line: a stray opening quote thus costs one error
 * for its own line and the lines it would have swallowed are read again.
 */
#include "util/csv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define CSV_DEFAULT_MAX_FIELDS 64
#define CSV_DEFAULT_MAX_FIELD_BYTES 4096
#define CSV_DEFAULT_MAX_RECORDS 1000000

void
csv_reader_init(struct csv_reader *r, const char *p, size_t len,
    const struct csv_limits *limits)
{
	memset(r, 0, sizeof(*r));
	r->p = p;
	r->len = p != NULL ? len : 0;
	r->line = 1;
	r->limits.max_fields = CSV_DEFAULT_MAX_FIELDS;
	r->limits.max_field_bytes = CSV_DEFAULT_MAX_FIELD_BYTES;
	r->limits.max_records = CSV_DEFAULT_MAX_RECORDS;
	if (limits != NULL) {
		if (limits->max_fields != 0)
			r->limits.max_fields = limits->max_fields;
		if (limits->max_field_bytes != 0)
			r->limits.max_field_bytes = limits->max_field_bytes;
		if (limits->max_records != 0)
			r->limits.max_records = limits->max_records;
	}
	buf_init(&r->scratch);
	if (r->len >= 3 && memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
}

void
csv_reader_fini(struct csv_reader *r)
{
	buf_fini(&r->scratch);
	free(r->fields);
	free(r->lens);
	memset(r, 0, sizeof(*r));
}

/*
 * Give up on the field that began at byte start on line start_line: resume
 * at the start of the next line, return code with err filled.
 */
static int
csv_fail(struct csv_reader *r, size_t start, size_t start_line,
    struct tld_error *err, int code, const char *reason)
{
	const char *nl = memchr(r->p + start, '\n', r->len - start);

	if (nl != NULL) {
		r->pos = (size_t)(nl - r->p) + 1;
		r->line = start_line + 1;
	} else {
		r->pos = r->len;
		r->line = start_line;
	}
	return tld_error_set(err, code, "", "line %zu: %s", start_line, reason);
}

/*
 * Consume the end of a record at r->pos: LF, CRLF or the end of input.
 * Returns 1 at a record end, 0 at a comma (consumed), -1 at a lone CR.
 */
static int
csv_field_end(struct csv_reader *r)
{
	if (r->pos >= r->len)
		return 1;
	switch (r->p[r->pos]) {
	case ',':
		r->pos++;
		return 0;
	case '\n':
		r->pos++;
		r->line++;
		return 1;
	case '\r':
		if (r->pos + 1 < r->len && r->p[r->pos + 1] == '\n') {
			r->pos += 2;
			r->line++;
			return 1;
		}
		return -1;
	}
	abort(); /* callers stop only at , CR LF or the end */
}

/*
 * Scan a quoted field whose opening quote is at r->pos into the scratch
 * buffer.  Returns 0, or an error code with reason set (r->pos is then
 * meaningless: the caller resynchronises).
 */
static int
csv_quoted(struct csv_reader *r, size_t field_len0, const char **reason)
{
	size_t max = r->limits.max_field_bytes;

	r->pos++;
	for (;;) {
		/* Look no further than one byte past the limit. */
		size_t room = max - (r->scratch.len - field_len0);
		size_t stop = r->len - r->pos > room ? r->pos + room + 1 : r->len;
		size_t run = r->pos;

		while (run < stop && r->p[run] != '"' && r->p[run] != '\0')
			run++;
		if (run - r->pos > room) {
			*reason = "field too long";
			return TLD_ELIMIT;
		}
		for (size_t i = r->pos; i < run; i++)
			if (r->p[i] == '\n')
				r->line++;
		buf_append(&r->scratch, r->p + r->pos, run - r->pos);
		r->pos = run;
		if (run >= r->len) {
			*reason = "unterminated quoted field";
			return TLD_EINVAL;
		}
		if (r->p[run] == '\0') {
			*reason = "NUL byte";
			return TLD_EINVAL;
		}
		/* A quote: either "" (one literal quote) or the closing one. */
		if (run + 1 < r->len && r->p[run + 1] == '"') {
			if (r->scratch.len - field_len0 >= max) {
				*reason = "field too long";
				return TLD_ELIMIT;
			}
			buf_putc(&r->scratch, '"');
			r->pos = run + 2;
			continue;
		}
		r->pos = run + 1;
		if (r->pos < r->len && r->p[r->pos] != ',' &&
		    r->p[r->pos] != '\n' && r->p[r->pos] != '\r') {
			*reason = "text after the closing quote of a quoted field";
			return TLD_EINVAL;
		}
		return 0;
	}
}

/* Scan an unquoted field at r->pos into the scratch buffer, as csv_quoted(). */
static int
csv_unquoted(struct csv_reader *r, const char **reason)
{
	size_t run = r->pos;

	while (run < r->len) {
		char c = r->p[run];

		if (c == ',' || c == '\n' || c == '\r')
			break;
		if (c == '"') {
			*reason = "quote inside an unquoted field";
			return TLD_EINVAL;
		}
		if (c == '\0') {
			*reason = "NUL byte";
			return TLD_EINVAL;
		}
		run++;
	}
	if (run - r->pos > r->limits.max_field_bytes) {
		*reason = "field too long";
		return TLD_ELIMIT;
	}
	buf_append(&r->scratch, r->p + r->pos, run - r->pos);
	r->pos = run;
	return 0;
}

static void
csv_grow_fields(struct csv_reader *r)
{
	size_t cap = r->fields_cap ? r->fields_cap * 2 : 8;

	if (cap > r->limits.max_fields)
		cap = r->limits.max_fields;
	r->fields = xreallocarray(r->fields, cap, sizeof(*r->fields));
	r->lens = xreallocarray(r->lens, cap, sizeof(*r->lens));
	r->fields_cap = cap;
}

int
csv_next(struct csv_reader *r, struct csv_record *rec, struct tld_error *err)
{
	size_t nfields = 0, rec_line, off;
	char msg[96];

	memset(rec, 0, sizeof(*rec));
	/* Blank lines are not records. */
	while (r->pos < r->len) {
		if (r->p[r->pos] == '\n') {
			r->pos++;
		} else if (r->p[r->pos] == '\r' && r->pos + 1 < r->len &&
		    r->p[r->pos + 1] == '\n') {
			r->pos += 2;
		} else {
			break;
		}
		r->line++;
	}
	if (r->pos >= r->len)
		return 0;
	if (r->records >= r->limits.max_records) {
		size_t line = r->line;

		r->pos = r->len; /* one error, then the end */
		return tld_error_set(err, TLD_ELIMIT, "",
		    "line %zu: more than %zu records", line,
		    r->limits.max_records);
	}
	r->records++;
	rec_line = r->line;
	buf_reset(&r->scratch);

	for (;;) {
		size_t start = r->pos, start_line = r->line;
		size_t field_len0 = r->scratch.len;
		const char *reason = NULL;
		int rc, end = 0;

		if (nfields == r->limits.max_fields) {
			snprintf(msg, sizeof(msg), "more than %zu fields",
			    r->limits.max_fields);
			return csv_fail(r, start, start_line, err, TLD_ELIMIT,
			    msg);
		}
		if (r->pos < r->len && r->p[r->pos] == '"')
			rc = csv_quoted(r, field_len0, &reason);
		else
			rc = csv_unquoted(r, &reason);
		if (rc == TLD_ELIMIT) {
			snprintf(msg, sizeof(msg), "field longer than %zu bytes",
			    r->limits.max_field_bytes);
			reason = msg;
		}
		if (rc == 0) {
			end = csv_field_end(r);
			if (end < 0) {
				rc = TLD_EINVAL;
				reason = "carriage return without line feed";
			}
		}
		if (rc != 0)
			return csv_fail(r, start, start_line, err, rc, reason);
		if (nfields == r->fields_cap)
			csv_grow_fields(r);
		r->lens[nfields++] = r->scratch.len - field_len0;
		buf_putc(&r->scratch, '\0');
		if (end == 1)
			break;
	}

	/* The scratch buffer no longer moves: point into it. */
	off = 0;
	for (size_t i = 0; i < nfields; i++) {
		r->fields[i] = r->scratch.data + off;
		off += r->lens[i] + 1;
	}
	rec->line = rec_line;
	rec->nfields = nfields;
	rec->fields = r->fields;
	rec->lens = r->lens;
	return 1;
}

void
csv_write_field(struct buf *out, const char *s)
{
	size_t len = strlen(s);

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_append(out, s, len);
		return;
	}
	buf_putc(out, '"');
	for (const char *q = s; *q != '\0'; q++) {
		if (*q == '"')
			buf_putc(out, '"');
		buf_putc(out, *q);
	}
	buf_putc(out, '"');
}

/* Would a spreadsheet take s as a formula (behind any apostrophes)? */
static bool
formula_like(const char *s)
{
	while (*s == '\'')
		s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	    *s == '\r';
}

void
csv_write_cell(struct buf *out, const char *s)
{
	if (!formula_like(s)) {
		csv_write_field(out, s);
		return;
	}
	/* The quote goes inside the CSV quoting, if any: part of the value. */
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_putc(out, '\'');
		buf_puts(out, s);
		return;
	}
	buf_puts(out, "\"'");
	for (const char *q = s; *q != '\0'; q++) {
		if (*q == '"')
			buf_putc(out, '"');
		buf_putc(out, *q);
	}
	buf_putc(out, '"');
}

const char *
csv_cell_unguard(const char *s)
{
	return s != NULL && s[0] == '\'' && formula_like(s + 1) ? s + 1 : s;
}
