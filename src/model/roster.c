/* SPDX-License-Identifier: MIT */
/*
 * Roster parsers.  The two line formats (Mailman, website) share one line
 * walker that bounds each line before anything looks inside it; the
 * spreadsheet goes through the project's CSV reader.  A bad line is
 * recorded and parsing goes on, so a user sees every bad line at once;
 * only the limits on the whole input stop it.
 */
#include "model/roster.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/email.h"
#include "model/field.h"
#include "util/csv.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void
roster_init(struct roster *r)
{
	memset(r, 0, sizeof(*r));
}

void
roster_fini(struct roster *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->entries[i].name);
		free(r->entries[i].email);
		free(r->entries[i].cctld);
	}
	free(r->entries);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}

static void
add_problem(struct roster *r, size_t line, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add_problem(struct roster *r, size_t line, const char *field,
    const char *fmt, ...)
{
	struct roster_problem *p;
	va_list ap;

	r->nproblems++;
	if (r->nkept == ROSTER_MAX_PROBLEMS)
		return;
	if (r->problems == NULL)
		r->problems = xcalloc(ROSTER_MAX_PROBLEMS, sizeof(*r->problems));
	p = &r->problems[r->nkept++];
	p->line = line;
	snprintf(p->field, sizeof(p->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(p->message, sizeof(p->message), fmt, ap);
	va_end(ap);
}

static struct roster_entry *
add_entry(struct roster *r, size_t line)
{
	struct roster_entry *e;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->entries = xreallocarray(r->entries, r->cap, sizeof(*r->entries));
	}
	e = &r->entries[r->n++];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->member = -1;
	e->contacts = -1;
	return e;
}

/* The result of a parse: 0, or the first problem as err. */
static int
finish(const struct roster *r, int limit_rc, struct tld_error *err)
{
	const struct roster_problem *p;

	if (r->nproblems == 0)
		return 0;
	p = &r->problems[0];
	return tld_error_set(err, limit_rc ? limit_rc : TLD_EINVAL, p->field,
	    "line %zu: %s", p->line, p->message);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_blank((*s)[*n - 1]))
		(*n)--;
}

/*
 * Walks p[0..len) line by line: LF or CRLF ends, a BOM at the start
 * skipped.  Yields each line with its number; a line over ROSTER_MAX_LINE
 * bytes, not UTF-8 or with a control character other than a tab is
 * reported here and not yielded.
 */
struct line_walker {
	const char *p;
	size_t len;
	size_t pos;
	size_t line;
};

static void
walker_init(struct line_walker *w, const char *p, size_t len)
{
	w->p = p;
	w->len = p != NULL ? len : 0;
	w->pos = 0;
	w->line = 0;
	if (w->len >= 3 && memcmp(w->p, "\xef\xbb\xbf", 3) == 0)
		w->pos = 3;
}

static bool
has_control_but_tab(const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '\t') {
			if (utf8_has_control(s + start, i - start))
				return true;
			start = i + 1;
		}
	}
	return false;
}

/* 1 with the next good line (blank or '#' lines skipped), 0 at the end, or TLD_ELIMIT. */
static int
walker_next(struct line_walker *w, struct roster *r, const char **line,
    size_t *n)
{
	while (w->pos < w->len) {
		const char *s = w->p + w->pos;
		const char *nl = memchr(s, '\n', w->len - w->pos);
		size_t m = nl ? (size_t)(nl - s) : w->len - w->pos;

		w->pos += m + (nl != NULL);
		if (++w->line > ROSTER_MAX_ENTRIES) {
			add_problem(r, w->line, "file", "has more than %u lines",
			    ROSTER_MAX_ENTRIES);
			return TLD_ELIMIT;
		}
		if (m > 0 && s[m - 1] == '\r')
			m--;
		if (m > ROSTER_MAX_LINE) {
			add_problem(r, w->line, "line", "is longer than %u bytes",
			    ROSTER_MAX_LINE);
			continue;
		}
		if (!utf8_valid(s, m)) {
			add_problem(r, w->line, "line", "is not valid UTF-8");
			continue;
		}
		if (has_control_but_tab(s, m)) {
			add_problem(r, w->line, "line", "contains a control character");
			continue;
		}
		trim(&s, &m);
		if (m == 0 || s[0] == '#')
			continue;
		*line = s;
		*n = m;
		return 1;
	}
	return 0;
}

/*
 * An RFC 5322 quoted-string at s[0..n) (s[0] is '"'): unescape it into
 * out[outcap] and return the bytes it took, or 0 when it does not end.
 */
static size_t
unquote(const char *s, size_t n, char *out, size_t outcap)
{
	size_t o = 0;

	for (size_t i = 1; i < n; i++) {
		if (s[i] == '"') {
			out[o] = '\0';
			return i + 1;
		}
		if (s[i] == '\\' && i + 1 < n)
			i++;
		if (o + 1 < outcap)
			out[o++] = s[i];
	}
	return 0;
}

/* Display name and address of a Mailman line s[0..n) (trimmed, non-empty). */
static void
mailman_line(struct roster *r, size_t line, const char *s, size_t n)
{
	char name[ROSTER_MAX_LINE + 1], email[EMAIL_MAX + 1];
	const char *addr = s, *nm = NULL;
	size_t alen = n, nlen = 0;
	struct tld_error e;
	struct roster_entry *ent;

	name[0] = '\0';
	if (s[n - 1] == '>') {
		size_t lt;

		if (s[0] == '"') {
			size_t used = unquote(s, n, name, sizeof(name));

			if (used == 0) {
				add_problem(r, line, "name", "the quoted name does not end");
				return;
			}
			lt = used;
			while (lt < n && is_blank(s[lt]))
				lt++;
			if (lt >= n || s[lt] != '<') {
				add_problem(r, line, "email",
				    "expected <address> after the quoted name");
				return;
			}
		} else {
			lt = n - 1;
			while (lt > 0 && s[lt] != '<')
				lt--;
			if (s[lt] != '<') {
				add_problem(r, line, "email", "'>' without '<'");
				return;
			}
			nm = s;
			nlen = lt;
			trim(&nm, &nlen);
		}
		addr = s + lt + 1;
		alen = n - lt - 2;
	} else if (s[n - 1] == ')') {
		const char *lp = memchr(s, '(', n);

		if (lp == NULL) {
			add_problem(r, line, "name", "')' without '('");
			return;
		}
		addr = s;
		alen = (size_t)(lp - s);
		nm = lp + 1;
		nlen = n - alen - 2;
		trim(&nm, &nlen);
	}
	if (nm != NULL) {
		if (memchr(nm, '<', nlen) || memchr(nm, '>', nlen) ||
		    memchr(nm, '"', nlen) || memchr(nm, '(', nlen) ||
		    memchr(nm, ')', nlen)) {
			add_problem(r, line, "name",
			    "has <, >, \" or parentheses: quote it as \"Full Name\"");
			return;
		}
		memcpy(name, nm, nlen);
		name[nlen] = '\0';
	}
	if (memchr(addr, '<', alen) != NULL || memchr(addr, '>', alen) != NULL) {
		add_problem(r, line, "email", "has more than one <address>");
		return;
	}
	tld_error_clear(&e);
	if (email_normalize(addr, alen, email, sizeof(email), &e) < 0) {
		add_problem(r, line, e.field, "%s", e.message);
		return;
	}
	nlen = strlen(name);
	nm = name;
	trim(&nm, &nlen);
	if (nlen > 0 && person_name_validate(nm, nlen, &e) < 0) {
		add_problem(r, line, e.field, "%s", e.message);
		return;
	}
	ent = add_entry(r, line);
	ent->name = xstrndup(nm, nlen);
	ent->email = xstrdup(email);
}

int
roster_parse_mailman(const char *p, size_t len, struct roster *r,
    struct tld_error *err)
{
	struct line_walker w;
	const char *s;
	size_t n;
	int rc;

	if (len > ROSTER_MAX_INPUT) {
		add_problem(r, 1, "file", "is larger than %u bytes", ROSTER_MAX_INPUT);
		return finish(r, TLD_ELIMIT, err);
	}
	walker_init(&w, p, len);
	while ((rc = walker_next(&w, r, &s, &n)) > 0)
		mailman_line(r, w.line, s, n);
	return finish(r, rc, err);
}

int
roster_parse_website(const char *p, size_t len, struct roster *r,
    struct tld_error *err)
{
	struct line_walker w;
	const char *s;
	size_t n;
	int rc;

	if (len > ROSTER_MAX_INPUT) {
		add_problem(r, 1, "file", "is larger than %u bytes", ROSTER_MAX_INPUT);
		return finish(r, TLD_ELIMIT, err);
	}
	walker_init(&w, p, len);
	while ((rc = walker_next(&w, r, &s, &n)) > 0) {
		if (n > ROSTER_MAX_CCTLD || memchr(s, '\t', n) != NULL) {
			add_problem(r, w.line, "cctld", n > ROSTER_MAX_CCTLD ?
			    "is longer than %u bytes" : "has a tab: one ccTLD per line",
			    ROSTER_MAX_CCTLD);
			continue;
		}
		add_entry(r, w.line)->cctld = xstrndup(s, n);
	}
	return finish(r, rc, err);
}

/* ---- spreadsheet ---------------------------------------------------------- */

enum sheet_col { SHEET_CCTLD, SHEET_MEMBER, SHEET_CONTACTS, SHEET_NCOLS };

/* Header names per column, by preference. */
static const char *const sheet_names[SHEET_NCOLS][7] = {
	{ "cctld", "tld", "cctldcode", "domain", "code", "zone", NULL },
	{ "member", "members", "membership", "ismember", NULL },
	{ "contacts", "people", NULL },
};

/* Header cell s -> lower-case letters and digits only, without a final '?'. */
static void
header_key(const char *s, size_t n, char *out, size_t outcap)
{
	size_t o = 0;

	trim(&s, &n);
	if (n > 0 && s[n - 1] == '?')
		n--;
	for (size_t i = 0; i < n && o + 1 < outcap; i++) {
		char c = s[i];

		if (c == ' ' || c == '_' || c == '-' || c == '.')
			continue;
		out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
}

/* Column positions from the header; -1 when absent.  0 or -1 on a problem. */
static int
sheet_header(struct roster *r, const struct csv_record *rec,
    int pos[SHEET_NCOLS])
{
	int rank[SHEET_NCOLS];

	for (int c = 0; c < SHEET_NCOLS; c++) {
		pos[c] = -1;
		rank[c] = 100;
	}
	for (size_t i = 0; i < rec->nfields; i++) {
		char key[64];

		header_key(rec->fields[i], rec->lens[i], key, sizeof(key));
		for (int c = 0; c < SHEET_NCOLS; c++) {
			for (int k = 0; sheet_names[c][k] != NULL; k++) {
				if (strcmp(key, sheet_names[c][k]) != 0)
					continue;
				if (k == rank[c]) {
					add_problem(r, rec->line, "header",
					    "two \"%s\" columns", sheet_names[c][k]);
					return -1;
				}
				if (k < rank[c]) {
					rank[c] = k;
					pos[c] = (int)i;
				}
			}
		}
	}
	if (pos[SHEET_CCTLD] < 0) {
		add_problem(r, rec->line, "header", "no ccTLD column (named "
		    "cctld, tld, domain, code or zone)");
		return -1;
	}
	return 0;
}

static const char *
cell(const struct csv_record *rec, int pos, size_t *n)
{
	const char *s;

	if (pos < 0 || (size_t)pos >= rec->nfields) {
		*n = 0;
		return "";
	}
	s = rec->fields[pos];
	*n = rec->lens[pos];
	trim(&s, n);
	return s;
}

static bool
word_is(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n && word[i] != '\0'; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];

		if (c != word[i])
			return false;
	}
	return i == n && word[i] == '\0';
}

/* yes/no/y/n/true/false/1/0 -> 1 or 0; -1 when it is none of them. */
static int
parse_yes_no(const char *s, size_t n)
{
	static const char *const yes[] = { "yes", "y", "true", "1" };
	static const char *const no[] = { "no", "n", "false", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (word_is(s, n, yes[i]))
			return 1;
		if (word_is(s, n, no[i]))
			return 0;
	}
	return -1;
}

static bool
record_is_empty(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->nfields; i++) {
		size_t n = rec->lens[i];
		const char *s = rec->fields[i];

		trim(&s, &n);
		if (n > 0)
			return false;
	}
	return true;
}

static void
sheet_row(struct roster *r, const struct csv_record *rec,
    const int pos[SHEET_NCOLS])
{
	const char *cc, *m, *k;
	size_t ccn, mn, kn;
	int member = -1;
	int64_t contacts = -1;
	struct roster_entry *e;

	if (record_is_empty(rec))
		return;
	cc = cell(rec, pos[SHEET_CCTLD], &ccn);
	m = cell(rec, pos[SHEET_MEMBER], &mn);
	k = cell(rec, pos[SHEET_CONTACTS], &kn);
	if (ccn == 0) {
		add_problem(r, rec->line, "cctld", "is empty");
		return;
	}
	if (ccn > ROSTER_MAX_CCTLD || !utf8_valid(cc, ccn) ||
	    utf8_has_control(cc, ccn)) {
		add_problem(r, rec->line, "cctld", ccn > ROSTER_MAX_CCTLD ?
		    "is longer than %u bytes" : "is not UTF-8 text on one line",
		    ROSTER_MAX_CCTLD);
		return;
	}
	if (pos[SHEET_MEMBER] >= 0 && (member = parse_yes_no(m, mn)) < 0) {
		add_problem(r, rec->line, "member", "\"%.*s\" is not yes, no, "
		    "true, false, 1 or 0", (int)(mn > 32 ? 32 : mn), m);
		return;
	}
	if (pos[SHEET_CONTACTS] >= 0) {
		contacts = 0;
		for (size_t i = 0; i < kn && contacts >= 0; i++)
			contacts = k[i] >= '0' && k[i] <= '9' && i < 9 ?
			    contacts * 10 + (k[i] - '0') : -1;
		if (kn == 0 || contacts < 0) {
			add_problem(r, rec->line, "contacts",
			    "\"%.*s\" is not a count", (int)(kn > 32 ? 32 : kn), k);
			return;
		}
	}
	e = add_entry(r, rec->line);
	e->cctld = xstrndup(cc, ccn);
	e->member = member;
	e->contacts = contacts;
}

int
roster_parse_spreadsheet(const char *p, size_t len, struct roster *r,
    struct tld_error *err)
{
	static const struct csv_limits limits = {
		.max_fields = 256,
		.max_field_bytes = ROSTER_MAX_LINE,
		.max_records = ROSTER_MAX_ENTRIES + 1,
	};
	struct csv_reader rd;
	struct csv_record rec;
	struct tld_error e;
	int pos[SHEET_NCOLS];
	int rc, have_header = 0, limit = 0;

	if (len > ROSTER_MAX_INPUT) {
		add_problem(r, 1, "file", "is larger than %u bytes", ROSTER_MAX_INPUT);
		return finish(r, TLD_ELIMIT, err);
	}
	csv_reader_init(&rd, p, len, &limits);
	for (;;) {
		tld_error_clear(&e);
		rc = csv_next(&rd, &rec, &e);
		if (rc == 0)
			break;
		if (rc < 0) {
			const char *msg = e.message;
			size_t line = 0;

			/* The reader says "line N: why"; the line is ours to show. */
			if (strncmp(msg, "line ", 5) == 0) {
				for (msg += 5; *msg >= '0' && *msg <= '9' &&
				    line < ((size_t)1 << 40); msg++)
					line = line * 10 + (size_t)(*msg - '0');
				if (strncmp(msg, ": ", 2) == 0)
					msg += 2;
			}
			add_problem(r, line ? line : rd.line, "csv", "%s", msg);
			if (rc == TLD_ELIMIT && rd.records >= limits.max_records) {
				limit = TLD_ELIMIT;
				break;
			}
			if (!have_header)
				break;
			continue;
		}
		if (!have_header) {
			have_header = 1;
			if (sheet_header(r, &rec, pos) < 0)
				break;
			continue;
		}
		sheet_row(r, &rec, pos);
	}
	csv_reader_fini(&rd);
	if (!have_header && r->nproblems == 0)
		add_problem(r, 1, "header", "the file is empty");
	return finish(r, limit, err);
}
