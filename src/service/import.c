/* SPDX-License-Identifier: MIT */
/*
 * CSV import.  Every line is validated and inserted inside one transaction
 * with the same rules as `contact add` (so duplicates within the file and
 * the per-ccTLD cap are caught by the database itself); at the end, any
 * problem rolls everything back.
 */
#include "service/import.h"

#include <stdlib.h>
#include <string.h>

#include "service/contacts.h"
#include "util/csv.h"
#include "util/xalloc.h"

enum column {
	COL_CCTLD, COL_NAME, COL_EMAIL, COL_PHONE, COL_ORGANISATION, COL_ROLE,
	COL_LANGUAGES, COL_PGP, NCOLUMNS
};

static const char *const column_names[NCOLUMNS] = {
	"cctld", "name", "email", "phone", "organisation", "role", "languages",
	"pgp_fingerprint",
};

static void
add_problem(struct import_report *rep, size_t line, const char *field,
    const char *message)
{
	struct import_problem *p;

	rep->nproblems++;
	if (rep->nkept == IMPORT_MAX_PROBLEMS)
		return;
	if (rep->problems == NULL)
		rep->problems = xcalloc(IMPORT_MAX_PROBLEMS, sizeof(*rep->problems));
	p = &rep->problems[rep->nkept++];
	p->line = line;
	snprintf(p->field, sizeof(p->field), "%s", field);
	snprintf(p->message, sizeof(p->message), "%s", message);
}

/* Map header names to column positions; -1 for an absent optional column. */
static int
read_header(const struct csv_record *rec, int pos[NCOLUMNS],
    struct import_report *rep)
{
	char msg[256];
	int bad = 0;

	for (int c = 0; c < NCOLUMNS; c++)
		pos[c] = -1;
	for (size_t i = 0; i < rec->nfields; i++) {
		int found = -1;

		for (int c = 0; c < NCOLUMNS; c++)
			if (strcmp(rec->fields[i], column_names[c]) == 0)
				found = c;
		if (found < 0 || pos[found] >= 0) {
			snprintf(msg, sizeof(msg), "%s column \"%.100s\"",
			    found < 0 ? "unknown" : "repeated", rec->fields[i]);
			add_problem(rep, rec->line, "header", msg);
			bad = 1;
			continue;
		}
		pos[found] = (int)i;
	}
	for (int c = COL_CCTLD; c <= COL_PHONE; c++) {
		if (pos[c] < 0) {
			snprintf(msg, sizeof(msg), "required column \"%s\" is missing",
			    column_names[c]);
			add_problem(rep, rec->line, "header", msg);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static const char *
field_at(const struct csv_record *rec, int pos)
{
	return pos >= 0 && (size_t)pos < rec->nfields ? rec->fields[pos] : NULL;
}

static int
import_record(struct tld_ctx *ctx, const struct csv_record *rec,
    const int pos[NCOLUMNS], size_t ncolumns, struct tld_error *err)
{
	struct contact_fields f = {
		.cctld = field_at(rec, pos[COL_CCTLD]),
		.name = field_at(rec, pos[COL_NAME]),
		.email = field_at(rec, pos[COL_EMAIL]),
		.phone = field_at(rec, pos[COL_PHONE]),
		.organisation = field_at(rec, pos[COL_ORGANISATION]),
		.role = field_at(rec, pos[COL_ROLE]),
		.languages = field_at(rec, pos[COL_LANGUAGES]),
		.pgp_fingerprint = field_at(rec, pos[COL_PGP]),
	};
	struct contact c;
	int rc;

	if (rec->nfields != ncolumns)
		return tld_error_set(err, TLD_EINVAL, "line",
		    "has %zu fields; the header has %zu", rec->nfields, ncolumns);
	memset(&c, 0, sizeof(c));
	if ((rc = contact_apply_fields(&c, &f, err)) < 0)
		return rc;
	return contacts_insert_in_txn(ctx, &c, "import", err);
}

int
import_contacts_csv(struct tld_ctx *ctx, const char *data, size_t len,
    struct import_report *rep, struct tld_error *err)
{
	struct csv_reader r;
	struct csv_record rec;
	struct tld_error e;
	int pos[NCOLUMNS];
	size_t ncolumns = 0;
	int rc, have_header = 0, failed = 0;

	memset(rep, 0, sizeof(*rep));
	store_prepare_bulk(ctx->store);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	csv_reader_init(&r, data, len, NULL);
	for (;;) {
		size_t line = r.line; /* before the reader moves past a bad line */

		tld_error_clear(&e);
		rc = csv_next(&r, &rec, &e);
		if (rc == 0)
			break;
		if (rc < 0) {
			add_problem(rep, line, "csv", e.message);
			failed = 1;
			if (rc == TLD_ELIMIT)
				break;
			continue;
		}
		if (!have_header) {
			have_header = 1;
			ncolumns = rec.nfields;
			if (read_header(&rec, pos, rep) < 0) {
				failed = 1;
				break;
			}
			continue;
		}
		rc = import_record(ctx, &rec, pos, ncolumns, &e);
		if (rc == TLD_ESTORE || rc == TLD_ECONFLICT) {
			*err = e;
			failed = 2;
			break;
		}
		if (rc < 0) {
			add_problem(rep, rec.line, e.field, e.message);
			failed = 1;
		} else {
			rep->imported++;
		}
	}
	csv_reader_fini(&r);
	if (!have_header && !failed) {
		add_problem(rep, 1, "header", "the file is empty");
		failed = 1;
	}
	if (failed) {
		store_rollback(ctx->store);
		rep->imported = 0;
		return failed == 2 ? err->code : TLD_EINVAL;
	}
	if ((rc = store_commit(ctx->store, err)) < 0) {
		rep->imported = 0;
		return rc;
	}
	return (int)rep->imported;
}

void
import_report_fini(struct import_report *rep)
{
	free(rep->problems);
	memset(rep, 0, sizeof(*rep));
}
