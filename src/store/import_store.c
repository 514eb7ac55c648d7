/* SPDX-License-Identifier: MIT */
/*
 * Bulk import over COPY (store/import_store.h).  The rows are written in
 * COPY's text format: columns separated by a tab, rows ended by a newline,
 * a backslash, tab, newline or carriage return inside a value escaped with
 * a backslash, \N for SQL NULL.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/import_store.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define ID_CHUNK 4096

struct store_import {
	struct store *s;
	struct buf contacts;    /* rows of import_stage */
	struct buf audit;       /* rows of audit */
	int64_t ids[ID_CHUNK];  /* taken from the sequence, not yet used */
	size_t nids, next;
};

bool
store_import_bulk(const struct store *s)
{
	return s->drv->copy_in != NULL;
}

struct store_import *
store_import_new(struct store *s)
{
	struct store_import *imp = xcalloc(1, sizeof(*imp));

	imp->s = s;
	buf_init(&imp->contacts);
	buf_init(&imp->audit);
	return imp;
}

void
store_import_free(struct store_import *imp)
{
	if (imp == NULL)
		return;
	buf_fini(&imp->contacts);
	buf_fini(&imp->audit);
	free(imp);
}

static const char SQL_IDS[] =
    "SELECT nextval(pg_get_serial_sequence('contact', 'id')) "
    "FROM generate_series(1, CAST($1 AS BIGINT)) ORDER BY 1";

int
store_import_next_id(struct store_import *imp, int64_t *id,
    struct tld_error *err)
{
	struct store *s = imp->s;
	struct db_stmt *st;
	int rc;

	if (imp->next == imp->nids) {
		if ((st = store_stmt(s, SQL_IDS, err)) == NULL)
			return TLD_ESTORE;
		bind_int(s, st, 1, ID_CHUNK);
		imp->nids = imp->next = 0;
		while ((rc = s->drv->step(st, err)) > 0 && imp->nids < ID_CHUNK)
			imp->ids[imp->nids++] = col_int(s, st, 0);
		s->drv->reset(st);
		if (rc < 0)
			return rc;
		if (imp->nids == 0)
			return tld_error_set(err, TLD_ESTORE, "db",
			    "the contact sequence gave no ids");
	}
	*id = imp->ids[imp->next++];
	return 0;
}

/* v as a COPY text value followed by sep ('\t' or '\n'); NULL is \N. */
static void
put_value(struct buf *b, const char *v, char sep)
{
	if (v == NULL) {
		buf_puts(b, "\\N");
	} else {
		for (const char *p = v; *p != '\0'; ) {
			size_t run = strcspn(p, "\\\t\n\r");

			buf_append(b, p, run);
			p += run;
			if (*p == '\0')
				break;
			buf_putc(b, '\\');
			buf_putc(b, *p == '\t' ? 't' : *p == '\n' ? 'n' :
			    *p == '\r' ? 'r' : '\\');
			p++;
		}
	}
	buf_putc(b, sep);
}

static void
put_int(struct buf *b, int64_t v, char sep)
{
	buf_printf(b, "%" PRId64 "%c", v, sep);
}

void
store_import_add_contact(struct store_import *imp, size_t line,
    const struct contact *c, bool ok)
{
	struct buf *b = &imp->contacts;

	put_int(b, (int64_t)line, '\t');
	put_value(b, ok ? "t" : "f", '\t');
	put_int(b, c->id, '\t');
	put_value(b, c->cctld[0] != '\0' ? c->cctld : NULL, '\t');
	put_value(b, c->name, '\t');
	put_value(b, c->email, '\t');
	put_value(b, c->phone, '\t');
	put_value(b, c->organisation, '\t');
	put_value(b, c->role, '\t');
	put_value(b, c->languages, '\t');
	put_value(b, c->pgp_fingerprint, '\t');
	put_int(b, c->created, '\t');
	put_int(b, c->updated, '\t');
	put_value(b, contact_kind_name(c->kind), '\t');
	put_value(b, c->affiliation, '\t');
	put_value(b, c->phone_grouped, '\n');
}

void
store_import_add_audit(struct store_import *imp, const struct audit_entry *e)
{
	struct buf *b = &imp->audit;

	put_int(b, e->at, '\t');
	put_value(b, e->actor, '\t');
	put_value(b, e->action, '\t');
	put_value(b, e->object_type, '\t');
	put_value(b, e->object_id, '\t');
	put_value(b, e->before_json, '\t');
	put_value(b, e->after_json, '\n');
}

/*
 * One per connection, emptied at the end of each transaction (so the
 * statements prepared on it stay valid from one import to the next).
 */
static const char SQL_STAGE_TABLE[] =
    "CREATE TEMPORARY TABLE IF NOT EXISTS import_stage (line BIGINT NOT NULL, "
    "ok BOOLEAN NOT NULL, id BIGINT NOT NULL, cctld TEXT, name TEXT NOT NULL, "
    "email TEXT NOT NULL, phone TEXT NOT NULL, organisation TEXT NOT NULL, "
    "role TEXT NOT NULL, languages TEXT NOT NULL, "
    "pgp_fingerprint TEXT NOT NULL, created BIGINT NOT NULL, "
    "updated BIGINT NOT NULL, kind TEXT NOT NULL, affiliation TEXT NOT NULL, "
    "phone_grouped TEXT NOT NULL) "
    "ON COMMIT DELETE ROWS";
static const char SQL_STAGE_COPY[] = "COPY import_stage FROM STDIN";
/*
 * A staged address is taken by the active contact that has it, else by the
 * first line to be written that has it when that line is before this one: what inserting
 * the lines one by one in order would have refused, and naming the same
 * holder.
 */
static const char SQL_CONFLICTS[] =
    "WITH firsts AS (SELECT DISTINCT ON (lower(email)) lower(email) AS k, "
    "line, id, cctld, affiliation, kind FROM import_stage WHERE ok "
    "ORDER BY lower(email), line) "
    "SELECT s.line, s.email, coalesce(c.id, f.id), "
    "CASE WHEN c.id IS NOT NULL THEN c.cctld ELSE f.cctld END, "
    "CASE WHEN s.ok THEN 1 ELSE 0 END, "
    "CASE WHEN c.id IS NOT NULL THEN c.affiliation ELSE f.affiliation END, "
    "CASE WHEN c.id IS NOT NULL THEN c.kind ELSE f.kind END "
    "FROM import_stage s "
    "LEFT JOIN contact c ON lower(c.email) = lower(s.email) "
    "AND c.removed IS NULL "
    "LEFT JOIN firsts f ON f.k = lower(s.email) AND f.line < s.line "
    "WHERE c.id IS NOT NULL OR f.id IS NOT NULL ORDER BY s.line";

int
store_import_stage(struct store_import *imp, store_import_conflict_cb cb,
    void *ctx, struct tld_error *err)
{
	struct store *s = imp->s;
	struct store_import_conflict c;
	struct db_stmt *st;
	int rc, n = 0;

	if ((rc = s->drv->exec(s->db, SQL_STAGE_TABLE, err)) < 0 ||
	    (rc = s->drv->copy_in(s->db, SQL_STAGE_COPY, imp->contacts.data,
	    imp->contacts.len, err)) < 0)
		return rc;
	if ((st = store_stmt(s, SQL_CONFLICTS, err)) == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		c.line = (size_t)col_int(s, st, 0);
		c.email = s->drv->column_text(st, 1);
		c.other_id = col_int(s, st, 2);
		c.other_cctld = s->drv->column_text(st, 3);
		c.ok = col_int(s, st, 4) != 0;
		c.other_affiliation = s->drv->column_text(st, 5);
		c.other_kind = s->drv->column_text(st, 6);
		n++;
		if ((rc = cb(ctx, &c)) < 0)
			break;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_STAGE_INSERT[] =
    "INSERT INTO contact (id, cctld, name, email, phone, organisation, role, "
    "languages, pgp_fingerprint, created, updated, kind, affiliation, "
    "phone_grouped) "
    "SELECT id, cctld, name, email, phone, organisation, role, languages, "
    "pgp_fingerprint, created, updated, kind, affiliation, phone_grouped "
    "FROM import_stage "
    "WHERE ok ORDER BY line";
static const char SQL_AUDIT_COPY[] =
    "COPY audit (at, actor, action, object_type, object_id, before_json, "
    "after_json) FROM STDIN";

int
store_import_write(struct store_import *imp, struct tld_error *err)
{
	struct store *s = imp->s;
	struct db_stmt *st;
	int rc;

	if ((st = store_stmt(s, SQL_STAGE_INSERT, err)) == NULL)
		return TLD_ESTORE;
	if ((rc = store_exec_stmt(s, st, err)) < 0)
		return rc;
	if (imp->audit.len == 0)
		return 0;
	return s->drv->copy_in(s->db, SQL_AUDIT_COPY, imp->audit.data,
	    imp->audit.len, err);
}
