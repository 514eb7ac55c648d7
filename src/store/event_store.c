/* SPDX-License-Identifier: MIT */
/* Outreach events: the row, the ccTLDs invited, presenters and materials. */
#include <string.h>

#include "store/event_store.h"
#include "store/store_internal.h"

#define EVENT_COLUMNS "id, title, date, place, organiser, created, created_by"

static void
read_event(struct store *s, struct db_stmt *st, void *out)
{
	struct event *e = out;

	memset(e, 0, sizeof(*e));
	e->id = col_int(s, st, 0);
	col_copy(s, st, 1, e->title, sizeof(e->title));
	e->date = col_int(s, st, 2);
	col_copy(s, st, 3, e->place, sizeof(e->place));
	col_copy(s, st, 4, e->organiser, sizeof(e->organiser));
	e->created = col_int(s, st, 5);
	col_copy(s, st, 6, e->created_by, sizeof(e->created_by));
}

static const char SQL_INSERT[] =
    "INSERT INTO event (title, date, place, organiser, created, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

int
store_event_insert(struct store *s, struct event *e, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, e->title);
	bind_int(s, st, 2, e->date);
	bind_text(s, st, 3, e->place);
	bind_text(s, st, 4, e->organiser);
	bind_int(s, st, 5, e->created);
	bind_text(s, st, 6, e->created_by);
	return store_first_int(s, st, &e->id, err);
}

static const char SQL_GET[] =
    "SELECT " EVENT_COLUMNS " FROM event WHERE id = $1";

int
store_event_get(struct store *s, int64_t id, struct event *out,
    struct tld_error *err)
{
	return store_get_one(s, SQL_GET, id, read_event, out, "event", "event",
	    err);
}

static const char SQL_EACH[] =
    "SELECT " EVENT_COLUMNS " FROM event ORDER BY date, id";

int
store_event_each(struct store *s, store_event_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct event e;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		read_event(s, st, &e);
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_INVITE_INSERT[] =
    "INSERT INTO event_invite (event, cctld, invited, outcome, outcome_at) "
    "VALUES ($1, $2, $3, '', NULL) ON CONFLICT (event, cctld) DO NOTHING "
    "RETURNING cctld";

int
store_event_invite_insert(struct store *s, int64_t event, const char *code,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INVITE_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	bind_text(s, st, 2, code);
	bind_int(s, st, 3, at);
	if ((rc = store_step_row(s, st, err)) < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "cctld",
		    "%s is invited to event %lld already", code, (long long)event);
	return 0;
}

static const char SQL_INVITE_OUTCOME[] =
    "UPDATE event_invite SET outcome = $3, outcome_at = $4 "
    "WHERE event = $1 AND cctld = $2 RETURNING cctld";

int
store_event_invite_outcome(struct store *s, int64_t event, const char *code,
    const char *outcome, int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INVITE_OUTCOME, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	bind_text(s, st, 2, code);
	bind_text(s, st, 3, outcome);
	bind_int(s, st, 4, at);
	if ((rc = store_step_row(s, st, err)) < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "cctld",
		    "%s is not invited to event %lld (tldops event invite)", code,
		    (long long)event);
	return 0;
}

static const char SQL_INVITE_EACH[] =
    "SELECT cctld, invited, outcome, coalesce(outcome_at, 0) "
    "FROM event_invite WHERE event = $1 ORDER BY cctld";

int
store_event_invite_each(struct store *s, int64_t event, store_invite_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INVITE_EACH, err);
	struct event_invite i;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&i, 0, sizeof(i));
		i.event = event;
		col_copy(s, st, 0, i.cctld, sizeof(i.cctld));
		i.invited = col_int(s, st, 1);
		col_copy(s, st, 2, i.outcome, sizeof(i.outcome));
		i.outcome_at = col_int(s, st, 3);
		if ((rc = cb(ctx, &i)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_PRESENTER_PUT[] =
    "INSERT INTO event_presenter (event, name, mode, added) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (event, name) DO UPDATE SET "
    "mode = excluded.mode";

int
store_event_presenter_put(struct store *s, int64_t event, const char *name,
    const char *mode, int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PRESENTER_PUT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	bind_text(s, st, 2, name);
	bind_text(s, st, 3, mode);
	bind_int(s, st, 4, at);
	return store_exec_stmt(s, st, err);
}

/* Steps st (bound), giving each row's two first columns to cb; then resets. */
static int
each_pair(struct store *s, struct db_stmt *st, store_pair_cb cb, void *ctx,
    struct tld_error *err)
{
	int rc, n = 0;

	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0), col_text(s, st, 1))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_PRESENTER_EACH[] =
    "SELECT name, mode FROM event_presenter WHERE event = $1 ORDER BY name";

int
store_event_presenter_each(struct store *s, int64_t event, store_pair_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PRESENTER_EACH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	return each_pair(s, st, cb, ctx, err);
}

static const char SQL_MATERIAL_INSERT[] =
    "INSERT INTO event_material (event, slug, lang, added) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (event, slug, lang) DO NOTHING "
    "RETURNING slug";

int
store_event_material_insert(struct store *s, int64_t event, const char *slug,
    const char *lang, int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MATERIAL_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	bind_text(s, st, 2, slug);
	bind_text(s, st, 3, lang);
	bind_int(s, st, 4, at);
	if ((rc = store_step_row(s, st, err)) < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "lang",
		    "%s (%s) is a material of event %lld already", slug, lang,
		    (long long)event);
	return 0;
}

static const char SQL_MATERIAL_EACH[] =
    "SELECT slug, lang FROM event_material WHERE event = $1 "
    "ORDER BY slug, lang";

int
store_event_material_each(struct store *s, int64_t event, store_pair_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MATERIAL_EACH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, event);
	return each_pair(s, st, cb, ctx, err);
}
