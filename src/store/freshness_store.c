/* SPDX-License-Identifier: MIT */
/*
 * Contact freshness: when each active contact last confirmed their entry,
 * the open round of asking (ask, reminders, stale mark) and the one-time
 * confirmation tokens.  Every change of a round is a guarded UPDATE with
 * RETURNING, so of two workers that see the same item due exactly one
 * acts on it (docs/freshness.md).
 */
#include <string.h>

#include "store/freshness_store.h"
#include "store/store_internal.h"

/*
 * A contact marked undeliverable by bounces (service/list/bounces.h)
 * counts as stale from then on: its stale time is the earlier mark.
 * An active contact with its freshness row (absent: never asked) and
 * whether one of its update requests is still open (a correction on its
 * way to the committee).
 */
#define FRESHNESS_SELECT \
    "SELECT c.id, c.cctld, c.name, c.email, c.created, " \
    "coalesce(f.confirmed, 0), coalesce(f.confirmed_via, ''), " \
    "coalesce(f.asked, 0), coalesce(f.reminders, 0), " \
    "coalesce(f.stale, u.since, 0), " \
    "CASE WHEN EXISTS (SELECT 1 FROM request r WHERE r.contact_id = c.id " \
    "AND r.kind = 'update' AND r.state IN ('pending-authorisation', " \
    "'authorised')) THEN 1 ELSE 0 END, coalesce(u.since, 0) " \
    "FROM contact c LEFT JOIN contact_freshness f ON f.contact_id = c.id " \
    "LEFT JOIN contact_undeliverable u ON u.contact_id = c.id " \
    "WHERE c.removed IS NULL "

static void
read_row(struct store *s, struct db_stmt *st, struct freshness_row *r)
{
	memset(r, 0, sizeof(*r));
	r->contact_id = col_int(s, st, 0);
	col_copy(s, st, 1, r->cctld, sizeof(r->cctld));
	col_copy(s, st, 2, r->name, sizeof(r->name));
	col_copy(s, st, 3, r->email, sizeof(r->email));
	r->created = col_int(s, st, 4);
	r->confirmed = col_int(s, st, 5);
	col_copy(s, st, 6, r->confirmed_via, sizeof(r->confirmed_via));
	r->asked = col_int(s, st, 7);
	r->reminders = col_int(s, st, 8);
	r->stale = col_int(s, st, 9);
	r->correcting = col_int(s, st, 10) != 0;
	r->undeliverable = col_int(s, st, 11);
}

static const char SQL_EACH[] = FRESHNESS_SELECT
    "AND (CAST($2 AS BIGINT) = 0 OR f.stale IS NOT NULL OR u.since IS NOT NULL) "
    "AND $1 = '' ORDER BY c.cctld, c.id";
/* One ccTLD: a plain equality, so the emergency lookup uses the cctld index. */
static const char SQL_EACH_CCTLD[] = FRESHNESS_SELECT
    "AND (CAST($2 AS BIGINT) = 0 OR f.stale IS NOT NULL OR u.since IS NOT NULL) "
    "AND c.cctld = $1 ORDER BY c.id";

int
store_freshness_each(struct store *s, const char *code, bool stale_only,
    store_freshness_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, code != NULL && code[0] != '\0' ?
	    SQL_EACH_CCTLD : SQL_EACH, err);
	struct freshness_row r;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code ? code : "");
	bind_int(s, st, 2, stale_only ? 1 : 0);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_row(s, st, &r);
		if ((rc = cb(ctx, &r)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_GET[] = FRESHNESS_SELECT "AND c.id = $1";

int
store_freshness_get(struct store *s, int64_t contact_id,
    struct freshness_row *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read_row(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "contact",
		    "no active contact %lld", (long long)contact_id);
	return rc < 0 ? rc : 0;
}

/* Step a guarded UPDATE ... RETURNING: 1 when it changed the row, 0 when not. */
static int
step_guarded(struct store *s, struct db_stmt *st, struct tld_error *err)
{
	int rc = s->drv->step(st, err);

	s->drv->reset(st);
	return rc < 0 ? rc : rc > 0;
}

static const char SQL_ENSURE[] =
    "INSERT INTO contact_freshness (contact_id) VALUES ($1) "
    "ON CONFLICT (contact_id) DO NOTHING";
static const char SQL_ASK[] =
    "UPDATE contact_freshness SET asked = $2, reminders = 0 "
    "WHERE contact_id = $1 AND coalesce(asked, 0) = $3 "
    "AND coalesce(confirmed, 0) = $4 RETURNING contact_id";

int
store_freshness_ask(struct store *s, int64_t contact_id, int64_t asked_was,
    int64_t confirmed_was, int64_t now, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ENSURE, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	if ((rc = store_exec_stmt(s, st, err)) < 0)
		return rc;
	if ((st = store_stmt(s, SQL_ASK, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_int(s, st, 2, now);
	bind_int(s, st, 3, asked_was);
	bind_int(s, st, 4, confirmed_was);
	return step_guarded(s, st, err);
}

static const char SQL_REMIND[] =
    "UPDATE contact_freshness SET reminders = $4 "
    "WHERE contact_id = $1 AND asked = $2 AND reminders = $3 "
    "RETURNING contact_id";

int
store_freshness_remind(struct store *s, int64_t contact_id, int64_t asked,
    int64_t was, int64_t to, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_REMIND, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_int(s, st, 2, asked);
	bind_int(s, st, 3, was);
	bind_int(s, st, 4, to);
	return step_guarded(s, st, err);
}

static const char SQL_STALE[] =
    "UPDATE contact_freshness SET stale = $3 "
    "WHERE contact_id = $1 AND asked = $2 AND stale IS NULL "
    "RETURNING contact_id";

int
store_freshness_mark_stale(struct store *s, int64_t contact_id, int64_t asked,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_STALE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_int(s, st, 2, asked);
	bind_int(s, st, 3, at);
	return step_guarded(s, st, err);
}

static const char SQL_CONFIRM[] =
    "INSERT INTO contact_freshness (contact_id, confirmed, confirmed_via, "
    "asked, reminders, stale) VALUES ($1, $2, $3, NULL, 0, NULL) "
    "ON CONFLICT (contact_id) DO UPDATE SET confirmed = excluded.confirmed, "
    "confirmed_via = excluded.confirmed_via, asked = NULL, reminders = 0, "
    "stale = NULL";

int
store_freshness_confirm(struct store *s, int64_t contact_id, int64_t at,
    const char *via, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_CONFIRM, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_int(s, st, 2, at);
	bind_text(s, st, 3, via);
	return store_exec_stmt(s, st, err);
}

static const char SQL_STALE_COUNTS[] =
    "SELECT c.cctld, count(*) FROM contact c "
    "JOIN contact_freshness f ON f.contact_id = c.id "
    "WHERE c.removed IS NULL AND f.stale IS NOT NULL AND f.stale < $1 "
    "GROUP BY c.cctld";

int
store_freshness_stale_counts(struct store *s, int64_t before,
    store_count_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_STALE_COUNTS, err);
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, before);
	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0), col_int(s, st, 1))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
