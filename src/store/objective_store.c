/* SPDX-License-Identifier: MIT */
/* Meeting objectives ("+3 ccTLDs by the next meeting") and their state. */
#include <string.h>

#include "store/objective_store.h"
#include "store/store_internal.h"

#define OBJECTIVE_COLUMNS "id, meeting, text, state, created, updated, target"

static void
read_objective(struct store *s, struct db_stmt *st, void *out)
{
	struct objective *o = out;

	memset(o, 0, sizeof(*o));
	o->id = col_int(s, st, 0);
	col_copy(s, st, 1, o->meeting, sizeof(o->meeting));
	col_copy(s, st, 2, o->text, sizeof(o->text));
	col_copy(s, st, 3, o->state, sizeof(o->state));
	o->created = col_int(s, st, 4);
	o->updated = col_int(s, st, 5);
	col_copy(s, st, 6, o->target, sizeof(o->target));
}

static const char SQL_INSERT[] =
    "INSERT INTO objective (meeting, text, state, created, updated, target) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

int
store_objective_insert(struct store *s, struct objective *o,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, o->meeting);
	bind_text(s, st, 2, o->text);
	bind_text(s, st, 3, o->state);
	bind_int(s, st, 4, o->created);
	bind_int(s, st, 5, o->updated);
	bind_text(s, st, 6, o->target);
	return store_first_int(s, st, &o->id, err);
}

static const char SQL_GET[] =
    "SELECT " OBJECTIVE_COLUMNS " FROM objective WHERE id = $1";

int
store_objective_get(struct store *s, int64_t id, struct objective *out,
    struct tld_error *err)
{
	return store_get_one(s, SQL_GET, id, read_objective, out, "id", "objective",
	    err);
}

static const char SQL_SET_STATE[] =
    "UPDATE objective SET state = $2, updated = $3 WHERE id = $1";

int
store_objective_set_state(struct store *s, int64_t id, const char *state,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SET_STATE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, state);
	bind_int(s, st, 3, at);
	return store_exec_stmt(s, st, err);
}

static const char SQL_SET_TEXT[] =
    "UPDATE objective SET text = $2, updated = $3 WHERE id = $1";

int
store_objective_set_text(struct store *s, int64_t id, const char *text,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SET_TEXT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, text);
	bind_int(s, st, 3, at);
	return store_exec_stmt(s, st, err);
}

static const char SQL_EACH_ALL[] =
    "SELECT " OBJECTIVE_COLUMNS " FROM objective ORDER BY id";
static const char SQL_EACH_MEETING[] =
    "SELECT " OBJECTIVE_COLUMNS " FROM objective WHERE meeting = $1 ORDER BY id";

int
store_objective_each(struct store *s, const char *meeting,
    store_objective_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, meeting ? SQL_EACH_MEETING :
	    SQL_EACH_ALL, err);
	struct objective o;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	if (meeting != NULL)
		bind_text(s, st, 1, meeting);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_objective(s, st, &o);
		if ((rc = cb(ctx, &o)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
