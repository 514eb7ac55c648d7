/* SPDX-License-Identifier: MIT */
/* Usage counts (store/usage_store.h, schema/016_usage.sql). */
#include "store/store_internal.h"
#include "store/usage_store.h"

static const char SQL_HIT[] =
    "INSERT INTO usage_count (day, channel, kind, subject, n, found) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (day, channel, kind, subject) DO UPDATE SET "
    "n = usage_count.n + $5, found = usage_count.found + $6";

int
store_usage_add(struct store *s, int64_t day, const char *channel,
    const char *kind, const char *subject, int64_t n, int64_t found,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_HIT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, day);
	bind_text(s, st, 2, channel);
	bind_text(s, st, 3, kind);
	bind_text(s, st, 4, subject);
	bind_int(s, st, 5, n);
	bind_int(s, st, 6, found);
	return store_exec_stmt(s, st, err);
}

static const char SQL_EACH[] =
    "SELECT day, channel, kind, subject, n, found FROM usage_count "
    "WHERE day >= $1 AND ($2 = 0 OR day < $2) "
    "ORDER BY day, channel, kind, subject";

int
store_usage_each(struct store *s, int64_t since, int64_t until,
    store_usage_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct usage_row r;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, since);
	bind_int(s, st, 2, until);
	while ((rc = s->drv->step(st, err)) > 0) {
		r.day = col_int(s, st, 0);
		r.channel = col_text(s, st, 1);
		r.kind = col_text(s, st, 2);
		r.subject = col_text(s, st, 3);
		r.n = col_int(s, st, 4);
		r.found = col_int(s, st, 5);
		if ((rc = cb(ctx, &r)) < 0)
			break;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : 0;
}
