/* SPDX-License-Identifier: MIT */
/*
 * The questions behind the meeting statistics, answered from the audit log
 * and the contact rows (never deleted), so that any past date is exact.
 * Counting is done in SQL; the few membership changes are replayed by the
 * service.
 */
#include <string.h>

#include "store/stats_store.h"
#include "store/store_internal.h"

static const char SQL_MEMBERSHIP[] =
    "SELECT object_id, at, action FROM audit "
    "WHERE action IN ('cctld.join', 'cctld.leave') AND object_type = 'cctld' "
    "AND (CAST($1 AS BIGINT) = 0 OR at < $1) ORDER BY at, id";

int
store_stats_membership_each(struct store *s, int64_t until,
    store_membership_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MEMBERSHIP, err);
	struct stats_membership_event e;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, until);
	while ((rc = s->drv->step(st, err)) > 0) {
		e.cctld = col_text(s, st, 0);
		e.at = col_int(s, st, 1);
		e.join = strcmp(col_text(s, st, 2), "cctld.join") == 0;
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

/* Shared by the counting queries: rows of (key, count). */
static int
each_count(struct store *s, struct db_stmt *st, store_count_cb cb, void *ctx,
    struct tld_error *err)
{
	int rc, n = 0;

	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0), col_int(s, st, 1))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_ACTIONS[] =
    "SELECT action, count(*) FROM audit "
    "WHERE at >= $1 AND (CAST($2 AS BIGINT) = 0 OR at < $2) GROUP BY action";

int
store_stats_action_counts(struct store *s, int64_t since, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ACTIONS, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, since);
	bind_int(s, st, 2, until);
	return each_count(s, st, cb, ctx, err);
}

static const char SQL_MAIL[] =
    "SELECT kind, count(*) FROM mail_message "
    "WHERE created >= $1 AND (CAST($2 AS BIGINT) = 0 OR created < $2) "
    "GROUP BY kind";

int
store_stats_mail_counts(struct store *s, int64_t since, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MAIL, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, since);
	bind_int(s, st, 2, until);
	return each_count(s, st, cb, ctx, err);
}

static const char SQL_CONTACTS_AT[] =
    "SELECT cctld, count(*) FROM contact WHERE cctld IS NOT NULL AND "
    "((CAST($1 AS BIGINT) = 0 AND removed IS NULL) OR "
    "($1 <> 0 AND created < $1 AND (removed IS NULL OR removed >= $1))) "
    "GROUP BY cctld";

int
store_stats_contacts_at(struct store *s, int64_t at, store_count_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_CONTACTS_AT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, at);
	return each_count(s, st, cb, ctx, err);
}

/*
 * No join with contact: an update at or after `at` proves the contact was
 * not removed before `at`, and its "created" is in the JSON.
 */
static const char SQL_UPDATES_SINCE[] =
    "SELECT before_json, after_json FROM audit "
    "WHERE action = 'contact.update' AND object_type = 'contact' "
    "AND at >= $1 ORDER BY at DESC, id DESC";

int
store_stats_updates_since(struct store *s, int64_t at, store_json_pair_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_UPDATES_SINCE, err);
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, at);
	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0), col_text(s, st, 1))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
