/* SPDX-License-Identifier: MIT */
/*
 * CSV import.  Every line is validated and inserted inside one transaction
 * with the same rules as `contact add` (so duplicates within the file and
 * the per-ccTLD cap are caught by the database itself); at the end, any
 * problem rolls everything back.
 */
#include "service/directory/import.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/role.h"
#include "service/directory/contacts.h"
#include "store/contact_store.h"
#include "store/import_store.h"
#include "util/csv.h"
#include "util/xalloc.h"

enum column {
	COL_CCTLD, COL_NAME, COL_EMAIL, COL_PHONE, COL_ORGANISATION, COL_ROLE,
	COL_LANGUAGES, COL_PGP, COL_AFFILIATION, COL_KIND, NCOLUMNS
};

static const char *const column_names[NCOLUMNS] = {
	"cctld", "name", "email", "phone", "organisation", "role", "languages",
	"pgp_fingerprint", "affiliation", "kind",
};

/*
 * The ccTLD column as written -> its A-label, for the codes seen so far:
 * a file names each of about 300 ccTLDs over and over, and checking an
 * IDN one (an IDNA round trip through libidn2) cost 5 % of an import.
 * Only codes that normalised without error are remembered, and only while
 * there is room; the rest are normalised as usual.
 */
#define CODE_SLOTS 1024
#define CODE_RAW_MAX 64

struct code_memo {
	size_t nused;
	struct {
		char raw[CODE_RAW_MAX + 1]; /* "" for a free slot */
		char code[CCTLD_CODE_MAX + 1];
	} slot[CODE_SLOTS];
};

/* The slot of raw, or the free one where it would go (*found false). */
static size_t
code_slot(const struct code_memo *m, const char *raw, size_t len, bool *found)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)raw[k]) * 16777619u;
	for (i = h % CODE_SLOTS; m->slot[i].raw[0] != '\0';
	    i = (i + 1) % CODE_SLOTS) {
		if (strncmp(m->slot[i].raw, raw, len) == 0 &&
		    m->slot[i].raw[len] == '\0') {
			*found = true;
			return i;
		}
	}
	*found = false;
	return i;
}

/* Normalise the ccTLD column raw into out as cctld_code_normalize() does. */
static int
code_normalize(struct code_memo *m, const char *raw, char *out, size_t outlen,
    struct tld_error *err)
{
	size_t len = strlen(raw), i;
	bool found = false;
	int rc;

	if (len == 0 || len > CODE_RAW_MAX)
		return cctld_code_normalize(raw, len, out, outlen, err);
	i = code_slot(m, raw, len, &found);
	if (found) {
		size_t n = strlen(m->slot[i].code);

		if (n >= outlen)
			return cctld_code_normalize(raw, len, out, outlen, err);
		memcpy(out, m->slot[i].code, n + 1);
		return 0;
	}
	if ((rc = cctld_code_normalize(raw, len, out, outlen, err)) < 0)
		return rc;
	if (m->nused < CODE_SLOTS / 4 * 3) {
		memcpy(m->slot[i].raw, raw, len + 1);
		snprintf(m->slot[i].code, sizeof(m->slot[i].code), "%s", out);
		m->nused++;
	}
	return 0;
}

/*
 * The role column -> role_check()'s flag, for the roles seen so far: a
 * file has a few hundred titles over and over, and matching each against
 * the table of non-security roles was 8 % of an import.
 */
#define ROLE_SLOTS 1024
#define ROLE_RAW_MAX 64

struct role_memo {
	size_t nused;
	struct {
		char raw[ROLE_RAW_MAX + 1]; /* "" for a free slot */
		enum role_flag flag;
	} slot[ROLE_SLOTS];
};

static enum role_flag
role_check_memo(struct role_memo *m, const char *role)
{
	size_t len = strlen(role), i;
	uint32_t h = 2166136261u; /* FNV-1a */
	enum role_flag f;

	if (len == 0 || len > ROLE_RAW_MAX)
		return role_check(role);
	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)role[k]) * 16777619u;
	for (i = h % ROLE_SLOTS; m->slot[i].raw[0] != '\0';
	    i = (i + 1) % ROLE_SLOTS)
		if (strcmp(m->slot[i].raw, role) == 0)
			return m->slot[i].flag;
	f = role_check(role);
	if (m->nused < ROLE_SLOTS / 4 * 3) {
		memcpy(m->slot[i].raw, role, len + 1);
		m->slot[i].flag = f;
		m->nused++;
	}
	return f;
}

static void
keep_problem(struct import_problem **list, size_t *n, size_t *nkept,
    size_t line, const char *field, const char *message)
{
	struct import_problem *p;

	(*n)++;
	if (*nkept == IMPORT_MAX_PROBLEMS)
		return;
	if (*list == NULL)
		*list = xcalloc(IMPORT_MAX_PROBLEMS, sizeof(**list));
	p = &(*list)[(*nkept)++];
	p->line = line;
	snprintf(p->field, sizeof(p->field), "%s", field);
	snprintf(p->message, sizeof(p->message), "%s", message);
}

static void
add_problem(struct import_report *rep, size_t line, const char *field,
    const char *message)
{
	keep_problem(&rep->problems, &rep->nproblems, &rep->nkept, line, field,
	    message);
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
	if (rec->nfields == 1 && strchr(rec->fields[0], ';') != NULL) {
		add_problem(rep, rec->line, "header", "the columns are separated "
		    "by semicolons (a spreadsheet in a European language does "
		    "that): save the file as CSV with commas, e.g. \"CSV UTF-8 "
		    "(comma delimited)\"");
		return -1;
	}
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

enum import_outcome { IMPORT_ADDED, IMPORT_CHANGED, IMPORT_UNCHANGED };

static bool
same_fields(const struct contact *a, const struct contact *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->email, b->email) == 0 &&
	    strcmp(a->phone, b->phone) == 0 &&
	    strcmp(a->organisation, b->organisation) == 0 &&
	    strcmp(a->role, b->role) == 0 &&
	    strcmp(a->languages, b->languages) == 0 &&
	    strcmp(a->pgp_fingerprint, b->pgp_fingerprint) == 0 &&
	    a->kind == b->kind && strcmp(a->affiliation, b->affiliation) == 0;
}

static int
import_record(struct tld_ctx *ctx, struct contacts_batch *batch,
    struct store_import *bulk, struct code_memo *codes,
    struct role_memo *roles, const struct csv_record *rec,
    const int pos[NCOLUMNS], size_t ncolumns, bool update,
    enum import_outcome *what, enum role_flag *flag, struct tld_error *err)
{
	struct contact_fields f = {
		.cctld = field_at(rec, pos[COL_CCTLD]),
		/* What export's csv_write_cell() guarded comes back as it was. */
		.name = csv_cell_unguard(field_at(rec, pos[COL_NAME])),
		.email = csv_cell_unguard(field_at(rec, pos[COL_EMAIL])),
		.phone = field_at(rec, pos[COL_PHONE]),
		.organisation = csv_cell_unguard(field_at(rec,
		    pos[COL_ORGANISATION])),
		.role = csv_cell_unguard(field_at(rec, pos[COL_ROLE])),
		.languages = field_at(rec, pos[COL_LANGUAGES]),
		.pgp_fingerprint = field_at(rec, pos[COL_PGP]),
		.affiliation = csv_cell_unguard(field_at(rec,
		    pos[COL_AFFILIATION])),
		.kind = field_at(rec, pos[COL_KIND]),
	};
	struct contact c;
	int rc;

	if (rec->nfields != ncolumns)
		return tld_error_set(err, TLD_EINVAL, "line",
		    "has %zu fields; the header has %zu", rec->nfields, ncolumns);
	memset(&c, 0, sizeof(c));
	/*
	 * A community contact (the IANA root contact, a liaison): an empty
	 * cctld and an affiliation with its kind; export writes kind "" for
	 * a ccTLD's contact.
	 */
	if (f.affiliation != NULL && f.affiliation[0] == '\0')
		f.affiliation = NULL;
	if (f.kind != NULL && f.kind[0] == '\0')
		f.kind = NULL;
	if (f.cctld != NULL && f.cctld[0] == '\0' && f.affiliation != NULL) {
		f.cctld = NULL;
		/* The IANA root address may have none (its exception says why). */
		if (f.phone != NULL && f.phone[0] == '\0')
			f.phone = NULL;
	}
	if (f.cctld != NULL && f.affiliation != NULL)
		return tld_error_set(err, TLD_EINVAL, "affiliation",
		    "a contact belongs to a ccTLD or to the community, not both: "
		    "leave cctld empty for a community contact");
	if (f.cctld != NULL && f.kind != NULL)
		return tld_error_set(err, TLD_EINVAL, "kind",
		    "is for community contacts (with an affiliation and an "
		    "empty cctld), not a ccTLD's");
	/* The ccTLD first, as contact_apply_fields() would check it. */
	if (f.cctld != NULL) {
		if ((rc = code_normalize(codes, f.cctld, c.cctld,
		    sizeof(c.cctld), err)) < 0)
			return rc;
		f.cctld = NULL;
	}
	if (update) {
		struct contact cur, next;
		struct tld_error miss;

		tld_error_clear(&miss);
		rc = f.email != NULL ? store_contact_find_email(ctx->store, f.email,
		    &cur, &miss) : TLD_ENOTFOUND;
		if (rc < 0 && rc != TLD_ENOTFOUND) {
			*err = miss;
			return rc;
		}
		if (rc == 0) {
			char was[TEXT_MAX_BYTES + 32];

			if (strcmp(cur.cctld, c.cctld) != 0)
				return tld_error_set(err, TLD_EINVAL, "cctld",
				    "%s is a contact of %s, not %s%s; a contact does "
				    "not move between ccTLDs or to the community by "
				    "import", cur.email, contact_owner_label(&cur, was,
				    sizeof(was)), c.cctld[0] ? "." : "the community",
				    c.cctld);
			next = cur;
			if ((rc = contact_apply_fields(&next, &f, err)) < 0)
				return rc;
			if (same_fields(&cur, &next)) {
				*what = IMPORT_UNCHANGED;
				return 0;
			}
			*what = IMPORT_CHANGED;
			if (strcmp(cur.role, next.role) != 0)
				*flag = role_check_memo(roles, next.role);
			return contacts_update_in_txn(ctx, cur.id, &f, &next, err);
		}
	}
	if ((rc = contact_apply_fields(&c, &f, err)) < 0)
		return rc;
	*what = IMPORT_ADDED;
	*flag = role_check_memo(roles, c.role);
	if (bulk != NULL)
		return contacts_stage_batch(ctx, batch, bulk, rec->line, &c,
		    "import", err);
	return contacts_insert_batch(ctx, batch, &c, "import", err);
}

static int
problem_line_cmp(const void *a, const void *b)
{
	const struct import_problem *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

static int
problem_cmp(const void *a, const void *b)
{
	const struct import_problem *x = a, *y = b;
	int d = problem_line_cmp(a, b);

	return d != 0 ? d : strcmp(x->field, y->field);
}

/* store_import_stage(): each taken address is a problem of its line. */
static int
bulk_conflict(void *p, const struct store_import_conflict *c)
{
	struct import_report *rep = p;
	struct import_problem key, *was;
	struct contact holder;
	char msg[256], owner[TEXT_MAX_BYTES + 32];

	/* The words of contacts.c's check_email_free(). */
	memset(&holder, 0, sizeof(holder));
	holder.kind = contact_kind_from_name(c->other_kind ? c->other_kind : "");
	snprintf(holder.cctld, sizeof(holder.cctld), "%s",
	    c->other_cctld ? c->other_cctld : "");
	snprintf(holder.affiliation, sizeof(holder.affiliation), "%s",
	    c->other_affiliation ? c->other_affiliation : "");
	snprintf(msg, sizeof(msg), "%s is already contact %" PRId64 " of %.100s",
	    c->email, c->other_id,
	    contact_owner_label(&holder, owner, sizeof(owner)));
	if (c->ok) {
		add_problem(rep, c->line, "email", msg);
		rep->added--;
		rep->imported--;
		return 0;
	}
	/* The line broke another rule: the taken address is its problem. */
	key.line = c->line;
	was = rep->problems == NULL ? NULL : bsearch(&key, rep->problems,
	    rep->nkept, sizeof(*rep->problems), problem_line_cmp);
	if (was != NULL) {
		snprintf(was->field, sizeof(was->field), "email");
		snprintf(was->message, sizeof(was->message), "%s", msg);
	}
	return 0;
}


/*
 * The end of a bulk import: the taken addresses (problems, by line with
 * the others), then, when there is no problem and this is no dry run, the
 * rows and the memberships.  Returns 1 when lines were refused.
 */
static int
bulk_finish(struct tld_ctx *ctx, struct store_import *bulk,
    struct contacts_batch *batch, bool write, struct import_report *rep,
    struct tld_error *err)
{
	size_t before = rep->nkept;
	int rc;

	if ((rc = store_import_stage(bulk, bulk_conflict, rep, err)) < 0)
		return rc;
	if (rep->nkept > before && before > 0)
		qsort(rep->problems, rep->nkept, sizeof(*rep->problems),
		    problem_cmp);
	if (rep->nproblems > 0)
		return 1;
	if (!write)
		return 0;
	if ((rc = store_import_write(bulk, err)) < 0)
		return rc;
	return contacts_batch_sync(ctx, batch, err);
}

int
import_contacts_csv(struct tld_ctx *ctx, const char *data, size_t len,
    struct import_report *rep, struct tld_error *err)
{
	const struct import_options none = { .dry_run = false };

	return import_contacts(ctx, data, len, &none, rep, err);
}

/*
 * Many rows into a repository holding fewer (the first load of a
 * community): some indexes are built once at the commit instead of row by
 * row (store_bulk_indexes_drop(); 100k contacts: 1.65 -> 1.4 s on SQLite).
 */
#define BULK_LOAD_ROWS 5000

static int
bulk_load_indexes(struct tld_ctx *ctx, int64_t rows, struct tld_error *err)
{
	int64_t active = 0;
	int rc;

	if (rows < BULK_LOAD_ROWS)
		return 0;
	if ((rc = store_contact_count_active(ctx->store, &active, err)) < 0)
		return rc;
	return rows >= active ? store_bulk_indexes_drop(ctx->store, err) : 0;
}

int
import_contacts(struct tld_ctx *ctx, const char *data, size_t len,
    const struct import_options *opt, struct import_report *rep,
    struct tld_error *err)
{
	enum import_outcome what = IMPORT_ADDED;
	struct store_import *bulk = NULL;
	enum role_flag flag;
	struct contacts_batch *batch;
	struct code_memo *codes;
	struct role_memo *roles;
	struct csv_reader r;
	struct csv_record rec;
	struct tld_error e;
	int pos[NCOLUMNS];
	size_t ncolumns = 0;
	int rc, have_header = 0, failed = 0;
	int64_t total = 0, done = 0;

	memset(rep, 0, sizeof(*rep));
	/* The lines after the header: the rows, unless cells hold some. */
	for (const char *q = data; q < data + len &&
	    (q = memchr(q, '\n', len - (size_t)(q - data))) != NULL; q++)
		total++;
	if (len > 0 && data[len - 1] != '\n')
		total++;
	total = total > 1 ? total - 1 : 0;
	store_prepare_bulk(ctx->store);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	/* Adding only, on PostgreSQL: COPY (store/import_store.h). */
	if (!opt->update && store_import_bulk(ctx->store))
		bulk = store_import_new(ctx->store);
	else if (!opt->update && (rc = bulk_load_indexes(ctx, total, err)) < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	/* Every change of this transaction goes through the batch. */
	batch = contacts_batch_new();
	codes = xcalloc(1, sizeof(*codes));
	roles = xcalloc(1, sizeof(*roles));
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
		flag = ROLE_FLAG_NONE;
		progress_report(&opt->progress, ++done, total);
		rc = import_record(ctx, batch, bulk, codes, roles, &rec, pos, ncolumns,
		    opt->update, &what, &flag, &e);
		if (rc == TLD_ESTORE || rc == TLD_ECONFLICT) {
			*err = e;
			failed = 2;
			break;
		}
		if (rc < 0) {
			add_problem(rep, rec.line, e.field, e.message);
			failed = 1;
		} else {
			rep->imported += what != IMPORT_UNCHANGED;
			rep->added += what == IMPORT_ADDED;
			rep->changed += what == IMPORT_CHANGED;
			rep->unchanged += what == IMPORT_UNCHANGED;
			if (flag != ROLE_FLAG_NONE)
				keep_problem(&rep->warnings, &rep->nwarnings,
				    &rep->nwarnkept, rec.line, "role",
				    role_flag_text(flag));
		}
	}
	csv_reader_fini(&r);
	free(codes);
	free(roles);
	if (bulk != NULL && failed != 2 && have_header) {
		tld_error_clear(&e);
		rc = bulk_finish(ctx, bulk, batch, !failed && !opt->dry_run, rep, &e);
		if (rc < 0) {
			*err = e;
			failed = 2;
		} else if (rc > 0) {
			failed = 1;
		}
	}
	store_import_free(bulk);
	contacts_batch_free(batch);
	if (!have_header && !failed) {
		add_problem(rep, 1, "header", "the file is empty");
		failed = 1;
	}
	if (failed || opt->dry_run) {
		store_rollback(ctx->store);
		rep->imported = 0;
		if (failed)
			return failed == 2 ? err->code : TLD_EINVAL;
		return 0;
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
	free(rep->warnings);
	memset(rep, 0, sizeof(*rep));
}
