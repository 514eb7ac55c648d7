/* SPDX-License-Identifier: MIT */
/* Initiatives: the row, its team, its milestones and its deliverables. */
#include <string.h>

#include "store/initiative_store.h"
#include "store/store_internal.h"

#define INITIATIVE_COLUMNS \
	"id, title, kind, state, state_note, lead, created, created_by, updated"

static void
read_initiative(struct store *s, struct db_stmt *st, void *out)
{
	struct initiative *i = out;

	memset(i, 0, sizeof(*i));
	i->id = col_int(s, st, 0);
	col_copy(s, st, 1, i->title, sizeof(i->title));
	col_copy(s, st, 2, i->kind, sizeof(i->kind));
	col_copy(s, st, 3, i->state, sizeof(i->state));
	col_copy(s, st, 4, i->state_note, sizeof(i->state_note));
	col_copy(s, st, 5, i->lead, sizeof(i->lead));
	i->created = col_int(s, st, 6);
	col_copy(s, st, 7, i->created_by, sizeof(i->created_by));
	i->updated = col_int(s, st, 8);
}

static const char SQL_INSERT[] =
    "INSERT INTO initiative (title, kind, state, state_note, lead, created, "
    "created_by, updated) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

int
store_initiative_insert(struct store *s, struct initiative *i,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, i->title);
	bind_text(s, st, 2, i->kind);
	bind_text(s, st, 3, i->state);
	bind_text(s, st, 4, i->state_note);
	bind_text(s, st, 5, i->lead);
	bind_int(s, st, 6, i->created);
	bind_text(s, st, 7, i->created_by);
	bind_int(s, st, 8, i->updated);
	return store_first_int(s, st, &i->id, err);
}

static const char SQL_GET[] =
    "SELECT " INITIATIVE_COLUMNS " FROM initiative WHERE id = $1";

int
store_initiative_get(struct store *s, int64_t id, struct initiative *out,
    struct tld_error *err)
{
	return store_get_one(s, SQL_GET, id, read_initiative, out, "initiative", "initiative",
	    err);
}

static const char SQL_UPDATE[] =
    "UPDATE initiative SET state = $2, state_note = $3, lead = $4, "
    "updated = $5 WHERE id = $1";

int
store_initiative_update(struct store *s, const struct initiative *i,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_UPDATE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, i->id);
	bind_text(s, st, 2, i->state);
	bind_text(s, st, 3, i->state_note);
	bind_text(s, st, 4, i->lead);
	bind_int(s, st, 5, i->updated);
	return store_exec_stmt(s, st, err);
}

static const char SQL_EACH[] =
    "SELECT " INITIATIVE_COLUMNS " FROM initiative ORDER BY id";

int
store_initiative_each(struct store *s, store_initiative_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct initiative i;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		read_initiative(s, st, &i);
		if ((rc = cb(ctx, &i)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

/* Steps st (bound), giving each row's first column to cb; then resets. */
static int
each_text(struct store *s, struct db_stmt *st, store_text_cb cb, void *ctx,
    struct tld_error *err)
{
	int rc, n = 0;

	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_MEMBER_INSERT[] =
    "INSERT INTO initiative_member (initiative, name, added) VALUES ($1, $2, $3) "
    "ON CONFLICT (initiative, name) DO NOTHING RETURNING name";

int
store_initiative_member_insert(struct store *s, int64_t id, const char *name,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MEMBER_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, name);
	bind_int(s, st, 3, at);
	if ((rc = store_step_row(s, st, err)) < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "name",
		    "%s is on the team already", name);
	return 0;
}

static const char SQL_MEMBER_DELETE[] =
    "DELETE FROM initiative_member WHERE initiative = $1 AND name = $2 "
    "RETURNING name";

int
store_initiative_member_delete(struct store *s, int64_t id, const char *name,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MEMBER_DELETE, err);
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, name);
	while ((rc = s->drv->step(st, err)) > 0)
		n++;
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_MEMBER_EACH[] =
    "SELECT name FROM initiative_member WHERE initiative = $1 ORDER BY name";

int
store_initiative_member_each(struct store *s, int64_t id, store_text_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MEMBER_EACH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	return each_text(s, st, cb, ctx, err);
}

static const char SQL_MILESTONE_INSERT[] =
    "INSERT INTO initiative_milestone (initiative, number, text, due, done, "
    "created) VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM "
    "initiative_milestone WHERE initiative = $1), $2, $3, NULL, $4) "
    "RETURNING number";

int
store_initiative_milestone_insert(struct store *s,
    struct initiative_milestone *m, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MILESTONE_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, m->initiative);
	bind_text(s, st, 2, m->text);
	bind_text(s, st, 3, m->due);
	bind_int(s, st, 4, m->created);
	return store_first_int(s, st, &m->number, err);
}

static const char SQL_MILESTONE_DONE[] =
    "UPDATE initiative_milestone SET done = $3 WHERE initiative = $1 "
    "AND number = $2 AND done IS NULL RETURNING number";

int
store_initiative_milestone_done(struct store *s, int64_t id, int64_t number,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MILESTONE_DONE, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, number);
	bind_int(s, st, 3, at);
	if ((rc = store_step_row(s, st, err)) < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "milestone",
		    "initiative %lld has no open milestone %lld", (long long)id,
		    (long long)number);
	return 0;
}

static const char SQL_MILESTONE_EACH[] =
    "SELECT m.number, m.text, m.due, x.date, coalesce(m.done, 0), m.created "
    "FROM initiative_milestone m JOIN meeting x ON x.name = m.due "
    "WHERE m.initiative = $1 ORDER BY m.number";

int
store_initiative_milestone_each(struct store *s, int64_t id,
    store_milestone_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MILESTONE_EACH, err);
	struct initiative_milestone m;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&m, 0, sizeof(m));
		m.initiative = id;
		m.number = col_int(s, st, 0);
		col_copy(s, st, 1, m.text, sizeof(m.text));
		col_copy(s, st, 2, m.due, sizeof(m.due));
		m.due_date = col_int(s, st, 3);
		m.done = col_int(s, st, 4);
		m.created = col_int(s, st, 5);
		if ((rc = cb(ctx, &m)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_DELIVERABLE_INSERT[] =
    "INSERT INTO initiative_deliverable (initiative, slug, added) "
    "VALUES ($1, $2, $3) ON CONFLICT (initiative, slug) DO NOTHING "
    "RETURNING slug";

int
store_initiative_deliverable_insert(struct store *s, int64_t id,
    const char *slug, int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_DELIVERABLE_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, slug);
	bind_int(s, st, 3, at);
	if ((rc = store_step_row(s, st, err)) < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "doc",
		    "%s is a deliverable of initiative %lld already", slug,
		    (long long)id);
	return 0;
}

static const char SQL_DELIVERABLE_EACH[] =
    "SELECT slug FROM initiative_deliverable WHERE initiative = $1 "
    "ORDER BY slug";

int
store_initiative_deliverable_each(struct store *s, int64_t id,
    store_text_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_DELIVERABLE_EACH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	return each_text(s, st, cb, ctx, err);
}
