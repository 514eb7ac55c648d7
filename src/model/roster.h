/* SPDX-License-Identifier: MIT */
/*
 * Parsers for the external rosters that drift from the repository and are
 * reconciled with it (`tldops reconcile`, docs/books.md): a Mailman roster,
 * the website's member list and the stats spreadsheet (CSV).  Syntax only:
 * whether an address is a contact, or a line names a delegated ccTLD, is the
 * service's business.  Each parser takes (p, len), never needs a NUL, is
 * bounded by the limits below, and reports every bad line with its number
 * and the field.  No I/O.
 */
#ifndef TLD_MODEL_ROSTER_H
#define TLD_MODEL_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define ROSTER_MAX_INPUT (64u * 1024 * 1024) /* bytes of one file */
#define ROSTER_MAX_LINE 4096         /* bytes of a line (Mailman, website) */
#define ROSTER_MAX_ENTRIES 1000000   /* lines or rows */
#define ROSTER_MAX_PROBLEMS 100      /* kept in struct roster; all counted */
#define ROSTER_MAX_CCTLD 128         /* bytes of a ccTLD as written (a country) */

struct roster_entry {
	size_t line;      /* 1-based line (a CSV record's first line) */
	char *name;       /* Mailman: display name, "" when none; else NULL */
	char *email;      /* Mailman: the normalised address; else NULL */
	char *cctld;      /* website, spreadsheet: as written, trimmed; else NULL */
	int member;       /* spreadsheet: 1 yes, 0 no, -1 without a member column */
	int64_t contacts; /* spreadsheet: the contacts column, -1 without one */
};

struct roster_problem {
	size_t line;
	char field[32];
	char message[256];
};

struct roster {
	struct roster_entry *entries;    /* owned, r->n of them */
	size_t n;
	size_t cap;
	struct roster_problem *problems; /* owned, the first nkept problems */
	size_t nproblems;                /* every problem found */
	size_t nkept;                    /* <= ROSTER_MAX_PROBLEMS */
};

/* roster_init()/roster_fini() on the caller's storage. */
void roster_init(struct roster *r);
void roster_fini(struct roster *r);

/*
 * Mailman roster (Mailman 2 `list_members -f`, Mailman 3 `mailman
 * members`): one subscriber per line as `Full Name <address>`,
 * `"Quoted, Name" <address>` (backslash escapes), `<address>`, a bare
 * `address` or `address (Full Name)`.  Blank lines and lines starting with
 * '#' are skipped; LF or CRLF; a UTF-8 BOM is skipped.  Addresses are
 * validated and normalised as contacts' are (email_normalize()); names must
 * be valid person names or empty.
 *
 * All three parsers append the good lines to r (initialised by the caller)
 * and return 0 when every line was good; TLD_EINVAL when some were bad
 * (r->problems name line and field; err holds the first); TLD_ELIMIT when
 * the input is over a limit (parsing stopped; err and a problem say which).
 */
int roster_parse_mailman(const char *p, size_t len, struct roster *r,
    struct tld_error *err);

/*
 * Website member list: one ccTLD per line in any form users write (".NL",
 * "nl", "рф", "xn--p1ai", "Brazil"), kept as written without surrounding
 * blanks in entry->cctld.  Blank lines and '#' comments are skipped.  A
 * line must be UTF-8 without control characters, at most ROSTER_MAX_CCTLD
 * bytes.
 */
int roster_parse_website(const char *p, size_t len, struct roster *r,
    struct tld_error *err);

/*
 * Stats spreadsheet: CSV (RFC 4180) whose first record is a header.  The
 * ccTLD column is found by its name (case, blanks, '_', '-', '.' and a
 * trailing '?' ignored): cctld, tld, cctldcode, domain, code, zone; an
 * optional member column (member, members, membership, ismember) holds
 * yes/no/y/n/true/false/1/0; an optional contacts column (contacts,
 * people) a count.  Rows whose every cell is empty are skipped.
 */
int roster_parse_spreadsheet(const char *p, size_t len, struct roster *r,
    struct tld_error *err);

#endif
