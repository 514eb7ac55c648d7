/* SPDX-License-Identifier: MIT */
/* The append-only audit log. */
#include "store/audit_store.h"
#include "store/store_internal.h"

static const char SQL_INSERT[] =
    "INSERT INTO audit (at, actor, action, object_type, object_id, "
    "before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7)";

int
store_audit_insert(struct store *s, const struct audit_entry *e,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, e->at);
	bind_text(s, st, 2, e->actor);
	bind_text(s, st, 3, e->action);
	bind_text(s, st, 4, e->object_type);
	bind_text(s, st, 5, e->object_id);
	bind_text(s, st, 6, e->before_json);
	bind_text(s, st, 7, e->after_json);
	return store_exec_stmt(s, st, err);
}

static const char SQL_EACH[] =
    "SELECT id, at, actor, action, object_type, object_id, before_json, "
    "after_json FROM audit WHERE at >= $1 AND (CAST($2 AS BIGINT) = 0 OR at < $2) "
    "ORDER BY id";

int
store_audit_each(struct store *s, int64_t since, int64_t until,
    store_audit_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct audit_entry e;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, since);
	bind_int(s, st, 2, until);
	while ((rc = s->drv->step(st, err)) > 0) {
		e.id = col_int(s, st, 0);
		e.at = col_int(s, st, 1);
		e.actor = col_text(s, st, 2);
		e.action = col_text(s, st, 3);
		e.object_type = col_text(s, st, 4);
		e.object_id = col_text(s, st, 5);
		e.before_json = s->drv->column_is_null(st, 6) ? NULL : col_text(s, st, 6);
		e.after_json = s->drv->column_is_null(st, 7) ? NULL : col_text(s, st, 7);
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

/*
 * The ccTLD filter ($4, a normalised code) takes the rows about the ccTLD
 * itself (its join and leave, its IANA record, its outreach), every row
 * whose JSON names it ("cctld":"nl": contacts and requests keep it), and
 * every other row of a contact or request that such a row names: a bounce,
 * a freshness reminder or a key renewal ask keeps only the contact's id,
 * and a removed contact's history stays whole.
 */
#define SQL_AQ_NAMES(col) \
    "(" col "after_json LIKE '%\"cctld\":\"' || $4 || '\"%'" \
    " OR " col "before_json LIKE '%\"cctld\":\"' || $4 || '\"%')"
#define SQL_AQ_FROM \
    " FROM audit WHERE (CAST($1 AS TEXT) = '' OR actor = $1)" \
    " AND (CAST($2 AS TEXT) = '' OR object_type = $2)" \
    " AND (CAST($3 AS TEXT) = '' OR object_id = $3)" \
    " AND (CAST($4 AS TEXT) = ''" \
    "  OR (object_type IN ('cctld', 'iana', 'outreach') AND object_id = $4)" \
    "  OR " SQL_AQ_NAMES("") \
    "  OR (object_type IN ('contact', 'request') AND EXISTS (SELECT 1" \
    "   FROM audit n WHERE n.object_type = audit.object_type" \
    "   AND n.object_id = audit.object_id AND " SQL_AQ_NAMES("n.") ")))" \
    " AND at >= $5 AND (CAST($6 AS BIGINT) = 0 OR at < $6)"
static const char SQL_AQ_COUNT[] = "SELECT count(*)" SQL_AQ_FROM;
static const char SQL_AQ[] =
    "SELECT id, at, actor, action, object_type, object_id, before_json, "
    "after_json" SQL_AQ_FROM " ORDER BY id DESC LIMIT $7 OFFSET $8";
static const char SQL_AQ_ASC[] =
    "SELECT id, at, actor, action, object_type, object_id, before_json, "
    "after_json" SQL_AQ_FROM " ORDER BY id LIMIT $7 OFFSET $8";

static void
bind_aq(struct store *s, struct db_stmt *st, const struct audit_query *q)
{
	bind_text(s, st, 1, q->actor != NULL ? q->actor : "");
	bind_text(s, st, 2, q->object_type != NULL ? q->object_type : "");
	bind_text(s, st, 3, q->object_id != NULL ? q->object_id : "");
	bind_text(s, st, 4, q->cctld != NULL ? q->cctld : "");
	bind_int(s, st, 5, q->since);
	bind_int(s, st, 6, q->until);
}

int
store_audit_query(struct store *s, const struct audit_query *q,
    store_audit_cb cb, void *ctx, int64_t *total, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_AQ_COUNT, err);
	struct audit_entry e;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_aq(s, st, q);
	rc = s->drv->step(st, err);
	*total = rc > 0 ? col_int(s, st, 0) : 0;
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	if ((st = store_stmt(s, q->oldest_first ? SQL_AQ_ASC : SQL_AQ,
	    err)) == NULL)
		return TLD_ESTORE;
	bind_aq(s, st, q);
	bind_int(s, st, 7, q->limit > 0 ? q->limit : INT64_MAX);
	bind_int(s, st, 8, q->offset);
	while ((rc = s->drv->step(st, err)) > 0) {
		e.id = col_int(s, st, 0);
		e.at = col_int(s, st, 1);
		e.actor = col_text(s, st, 2);
		e.action = col_text(s, st, 3);
		e.object_type = col_text(s, st, 4);
		e.object_id = col_text(s, st, 5);
		e.before_json = s->drv->column_is_null(st, 6) ? NULL : col_text(s, st, 6);
		e.after_json = s->drv->column_is_null(st, 7) ? NULL : col_text(s, st, 7);
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
