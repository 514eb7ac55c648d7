/* SPDX-License-Identifier: MIT */
/*
 * Action items (keyed by the community's own number) and their notes.
 * Closing keeps the row; notes are only ever appended.
 */
#include <string.h>

#include "store/action_store.h"
#include "store/store_internal.h"

#define ACTION_COLUMNS \
	"number, title, owner, state, opened, coalesce(closed, 0), created_by"

static void
read_action(struct store *s, struct db_stmt *st, void *out)
{
	struct action_item *a = out;

	memset(a, 0, sizeof(*a));
	a->number = col_int(s, st, 0);
	col_copy(s, st, 1, a->title, sizeof(a->title));
	col_copy(s, st, 2, a->owner, sizeof(a->owner));
	a->closed = strcmp(col_text(s, st, 3), "closed") == 0;
	a->opened = col_int(s, st, 4);
	a->closed_at = col_int(s, st, 5);
	col_copy(s, st, 6, a->created_by, sizeof(a->created_by));
}

static const char SQL_INSERT[] =
    "INSERT INTO action_item (number, title, owner, state, opened, closed, "
    "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)";

int
store_action_insert(struct store *s, const struct action_item *a,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, a->number);
	bind_text(s, st, 2, a->title);
	bind_text(s, st, 3, a->owner);
	bind_text(s, st, 4, a->closed ? "closed" : "open");
	bind_int(s, st, 5, a->opened);
	bind_opt_int(s, st, 6, a->closed ? a->closed_at : 0);
	bind_text(s, st, 7, a->created_by);
	rc = store_exec_stmt(s, st, err);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, TLD_EEXIST, "number",
		    "action item %lld exists already", (long long)a->number);
	return rc;
}

static const char SQL_MAX[] = "SELECT coalesce(max(number), 0) FROM action_item";

int
store_action_max_number(struct store *s, int64_t *max, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MAX, err);

	if (st == NULL)
		return TLD_ESTORE;
	return store_first_int(s, st, max, err);
}

static const char SQL_GET[] =
    "SELECT " ACTION_COLUMNS " FROM action_item WHERE number = $1";

int
store_action_get(struct store *s, int64_t number, struct action_item *out,
    struct tld_error *err)
{
	return store_get_one(s, SQL_GET, number, read_action, out, "number", "action item",
	    err);
}

static const char SQL_SET_STATE[] =
    "UPDATE action_item SET state = $2, closed = $3 WHERE number = $1";

int
store_action_set_state(struct store *s, int64_t number, bool closed,
    int64_t closed_at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SET_STATE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, number);
	bind_text(s, st, 2, closed ? "closed" : "open");
	bind_opt_int(s, st, 3, closed ? closed_at : 0);
	return store_exec_stmt(s, st, err);
}

static const char SQL_UPDATE[] =
    "UPDATE action_item SET title = $2, owner = $3 WHERE number = $1";

int
store_action_update(struct store *s, int64_t number, const char *title,
    const char *owner, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_UPDATE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, number);
	bind_text(s, st, 2, title);
	bind_text(s, st, 3, owner);
	return store_exec_stmt(s, st, err);
}

static const char SQL_EACH[] =
    "SELECT " ACTION_COLUMNS " FROM action_item "
    "WHERE $1 = 0 OR ($1 = 1 AND state = 'open') OR ($1 = -1 AND state = 'closed') "
    "ORDER BY number";

int
store_action_each(struct store *s, int state, store_action_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct action_item a;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, state > 0 ? 1 : state < 0 ? -1 : 0);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_action(s, st, &a);
		if ((rc = cb(ctx, &a)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_NOTE_INSERT[] =
    "INSERT INTO action_note (number, at, author, text) "
    "VALUES ($1, $2, $3, $4) RETURNING id";

int
store_action_note_insert(struct store *s, struct action_note *n,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_NOTE_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, n->number);
	bind_int(s, st, 2, n->at);
	bind_text(s, st, 3, n->author);
	bind_text(s, st, 4, n->text);
	return store_first_int(s, st, &n->id, err);
}

static const char SQL_NOTE_EACH[] =
    "SELECT id, number, at, author, text FROM action_note "
    "WHERE $1 = 0 OR number = $1 ORDER BY number, id";

int
store_action_note_each(struct store *s, int64_t number,
    store_action_note_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_NOTE_EACH, err);
	struct action_note n;
	int rc, count = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, number);
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&n, 0, sizeof(n));
		n.id = col_int(s, st, 0);
		n.number = col_int(s, st, 1);
		n.at = col_int(s, st, 2);
		col_copy(s, st, 3, n.author, sizeof(n.author));
		col_copy(s, st, 4, n.text, sizeof(n.text));
		if ((rc = cb(ctx, &n)) < 0)
			break;
		count++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : count;
}
