/* SPDX-License-Identifier: MIT */
/* Outreach rows (owner, state) and their notes, kept in order. */
#include <stdio.h>
#include <string.h>

#include "store/outreach_store.h"
#include "store/store_internal.h"

/* The newest note of each ccTLD is found through the (cctld, id) index. */
#define OUTREACH_COLUMNS \
	"coalesce(o.owner, ''), coalesce(o.state, 'none'), " \
	"coalesce(o.updated, 0), coalesce(o.updated_by, ''), " \
	"coalesce(n.text, ''), coalesce(n.at, 0), coalesce(n.author, ''), " \
	"(SELECT count(*) FROM outreach_note k WHERE k.cctld = c.code)"
#define OUTREACH_FROM \
	"FROM cctld c LEFT JOIN outreach o ON o.cctld = c.code " \
	"LEFT JOIN outreach_note n ON n.id = " \
	"(SELECT max(m.id) FROM outreach_note m WHERE m.cctld = c.code) "

/* Columns from `first` on, as OUTREACH_COLUMNS lists them. */
static void
read_outreach(struct store *s, struct db_stmt *st, int first,
    const char *code, struct outreach_row *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->cctld, sizeof(o->cctld), "%s", code);
	col_copy(s, st, first, o->owner, sizeof(o->owner));
	col_copy(s, st, first + 1, o->state, sizeof(o->state));
	o->updated = col_int(s, st, first + 2);
	col_copy(s, st, first + 3, o->updated_by, sizeof(o->updated_by));
	col_copy(s, st, first + 4, o->note, sizeof(o->note));
	o->note_at = col_int(s, st, first + 5);
	col_copy(s, st, first + 6, o->note_by, sizeof(o->note_by));
	o->notes = col_int(s, st, first + 7);
}

static const char SQL_GET[] =
    "SELECT CASE WHEN o.cctld IS NULL THEN 0 ELSE 1 END, " OUTREACH_COLUMNS " " OUTREACH_FROM
    "WHERE c.code = $1";

int
store_outreach_get(struct store *s, const char *code, struct outreach_row *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc, found = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	rc = s->drv->step(st, err);
	if (rc > 0 && (found = col_int(s, st, 0) != 0))
		read_outreach(s, st, 1, code, out);
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	return found ? 0 : TLD_ENOTFOUND;
}

static const char SQL_PUT[] =
    "INSERT INTO outreach (cctld, owner, state, updated, updated_by) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cctld) DO UPDATE SET "
    "owner = excluded.owner, state = excluded.state, "
    "updated = excluded.updated, updated_by = excluded.updated_by";

int
store_outreach_put(struct store *s, const struct outreach_row *r,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PUT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, r->cctld);
	bind_text(s, st, 2, r->owner);
	bind_text(s, st, 3, r->state);
	bind_int(s, st, 4, r->updated);
	bind_text(s, st, 5, r->updated_by);
	return store_exec_stmt(s, st, err);
}

static const char SQL_NOTE_INSERT[] =
    "INSERT INTO outreach_note (cctld, at, author, text) "
    "VALUES ($1, $2, $3, $4)";

int
store_outreach_note_insert(struct store *s, const char *code, int64_t at,
    const char *author, const char *text, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_NOTE_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	bind_int(s, st, 2, at);
	bind_text(s, st, 3, author);
	bind_text(s, st, 4, text);
	return store_exec_stmt(s, st, err);
}

static const char SQL_EACH[] =
    "SELECT c.code, c.unicode, c.country, c.iso3166, c.region, c.kind, "
    "coalesce(c.member_since, 0), coalesce(c.left_at, 0), "
    OUTREACH_COLUMNS " " OUTREACH_FROM
    "WHERE (c.member_since IS NULL OR o.cctld IS NOT NULL) "
    "AND ($1 = '' OR c.region = $1) ORDER BY c.code";

int
store_outreach_each(struct store *s, const char *region,
    store_outreach_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct outreach_row o;
	struct cctld c;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, region ? region : "");
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&c, 0, sizeof(c));
		col_copy(s, st, 0, c.code, sizeof(c.code));
		col_copy(s, st, 1, c.unicode, sizeof(c.unicode));
		col_copy(s, st, 2, c.country, sizeof(c.country));
		col_copy(s, st, 3, c.iso3166, sizeof(c.iso3166));
		col_copy(s, st, 4, c.region, sizeof(c.region));
		col_copy(s, st, 5, c.kind, sizeof(c.kind));
		c.member_since = col_int(s, st, 6);
		c.left_at = col_int(s, st, 7);
		read_outreach(s, st, 8, c.code, &o);
		if ((rc = cb(ctx, &c, &o)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_NOTES[] =
    "SELECT id, at, author, text FROM outreach_note WHERE cctld = $1 "
    "ORDER BY id";

int
store_outreach_notes_each(struct store *s, const char *code,
    store_outreach_note_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_NOTES, err);
	struct outreach_note n;
	int rc, count = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	while ((rc = s->drv->step(st, err)) > 0) {
		n.id = col_int(s, st, 0);
		n.at = col_int(s, st, 1);
		n.author = col_text(s, st, 2);
		n.text = col_text(s, st, 3);
		if ((rc = cb(ctx, &n)) < 0)
			break;
		count++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : count;
}
