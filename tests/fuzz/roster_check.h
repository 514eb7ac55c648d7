/* SPDX-License-Identifier: MIT */
/*
 * What the three roster fuzz targets (fuzz_roster_mailman.c,
 * fuzz_roster_website.c, fuzz_roster_spreadsheet.c) check after a parse:
 * the return code agrees with the problems; problems name a line inside
 * the input, a field and a reason, at most ROSTER_MAX_PROBLEMS kept;
 * entries come in increasing line order and hold what the header promises
 * for their format (a Mailman address that normalises to itself and a
 * valid name; a ccTLD text that is trimmed, bounded, UTF-8 without
 * controls; spreadsheet member and contacts in range).  A broken promise
 * is an abort().
 */
#ifndef TLD_FUZZ_ROSTER_CHECK_H
#define TLD_FUZZ_ROSTER_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/email.h"
#include "model/field.h"
#include "model/roster.h"
#include "util/utf8.h"

enum roster_check_kind {
	ROSTER_CHECK_MAILMAN, ROSTER_CHECK_WEBSITE, ROSTER_CHECK_SPREADSHEET,
};

static void
roster_fail(const char *what)
{
	fprintf(stderr, "fuzz_roster: %s\n", what);
	abort();
}

static void
roster_check_text(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		roster_fail("NULL text");
	n = strlen(s);
	if (n > max || !utf8_valid(s, n) || utf8_has_control(s, n))
		roster_fail("text too long, not UTF-8 or with a control character");
}

static void
roster_check(const struct roster *r, int rc, const struct tld_error *err,
    enum roster_check_kind kind, const char *data, size_t size)
{
	size_t lines = 1, last = 0;
	int with_member = -2;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (rc != 0 && rc != TLD_EINVAL && rc != TLD_ELIMIT)
		roster_fail("unexpected return code");
	if ((rc == 0) != (r->nproblems == 0))
		roster_fail("return code disagrees with the problems");
	if (rc != 0 && (err->code != rc || err->message[0] == '\0'))
		roster_fail("failure without a message");
	if (r->nkept > ROSTER_MAX_PROBLEMS || r->nkept > r->nproblems ||
	    (r->nproblems > 0 && r->nkept == 0))
		roster_fail("bad problem counts");
	for (size_t i = 0; i < r->nkept; i++) {
		const struct roster_problem *p = &r->problems[i];

		if (p->line < 1 || p->line > lines || p->field[0] == '\0' ||
		    p->message[0] == '\0')
			roster_fail("problem without line, field or message");
	}
	if (r->n > ROSTER_MAX_ENTRIES)
		roster_fail("too many entries");
	for (size_t i = 0; i < r->n; i++) {
		const struct roster_entry *e = &r->entries[i];

		if (e->line <= last || e->line > lines)
			roster_fail("entry lines not increasing or past the end");
		last = e->line;
		if (kind == ROSTER_CHECK_MAILMAN) {
			char again[EMAIL_MAX + 1];
			struct tld_error e2;

			if (e->cctld != NULL || e->email == NULL)
				roster_fail("mailman entry without address");
			roster_check_text(e->name, NAME_MAX_BYTES);
			if (email_normalize(e->email, strlen(e->email), again,
			    sizeof(again), &e2) != 0 || strcmp(again, e->email) != 0)
				roster_fail("address does not normalise to itself");
			if (e->name[0] != '\0' &&
			    person_name_validate(e->name, strlen(e->name), &e2) != 0)
				roster_fail("name is not a valid person name");
			continue;
		}
		if (e->email != NULL || e->name != NULL)
			roster_fail("ccTLD entry with an address");
		roster_check_text(e->cctld, ROSTER_MAX_CCTLD);
		if (e->cctld[0] == '\0' || e->cctld[0] == ' ' ||
		    e->cctld[strlen(e->cctld) - 1] == ' ')
			roster_fail("ccTLD empty or not trimmed");
		if (kind == ROSTER_CHECK_WEBSITE &&
		    (e->member != -1 || e->contacts != -1))
			roster_fail("website entry with member or contacts");
		if (e->member < -1 || e->member > 1 || e->contacts < -1)
			roster_fail("member or contacts out of range");
		if (with_member != -2 && with_member != (e->member >= 0))
			roster_fail("member column present for some rows only");
		with_member = e->member >= 0;
	}
}

#endif
