/* SPDX-License-Identifier: MIT */
/* The durable outbox: messages, per-recipient deliveries, and schedules. */
#include <stdlib.h>
#include <string.h>

#include "store/outbox_store.h"
#include "store/store_internal.h"
#include "util/xalloc.h"

static const char SQL_MAIL_INSERT[] =
    "INSERT INTO mail_message (kind, subject, sender, data, created, created_by, "
    "per_recipient) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

int
store_mail_insert(struct store *s, const char *kind, const char *subject,
    const char *sender, const char *data, bool per_recipient, int64_t created,
    const char *created_by, int64_t *id, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MAIL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, kind);
	bind_text(s, st, 2, subject);
	bind_text(s, st, 3, sender);
	bind_text(s, st, 4, data);
	bind_int(s, st, 5, created);
	bind_text(s, st, 6, created_by);
	bind_int(s, st, 7, per_recipient ? 1 : 0);
	return store_first_int(s, st, id, err);
}

/*
 * A duplicate recipient inserts nothing and returns no row (TLD_EEXIST to
 * the caller) instead of failing: on PostgreSQL a failed statement would
 * abort the caller's whole transaction.
 */
static const char SQL_DELIVERY_INSERT[] =
    "INSERT INTO mail_delivery (message_id, recipient, state, next_attempt, updated) "
    "VALUES ($1, $2, 'queued', $3, $3) "
    "ON CONFLICT (message_id, recipient) DO NOTHING RETURNING id";

int
store_delivery_insert(struct store *s, int64_t message, const char *recipient,
    int64_t due, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_DELIVERY_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message);
	bind_text(s, st, 2, recipient);
	bind_int(s, st, 3, due);
	rc = s->drv->step(st, err);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "recipient",
		    "%s is queued for this message already", recipient);
	return rc < 0 ? rc : 0;
}

static const char SQL_FAN_OUT_LATER[] =
    "INSERT INTO mail_fan_out (message_id, due) VALUES ($1, $2)";

int
store_fan_out_later(struct store *s, int64_t message, int64_t due,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_FAN_OUT_LATER, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message);
	bind_int(s, st, 2, due);
	return store_exec_stmt(s, st, err);
}

static const char SQL_FAN_OUT_WAITING[] =
    "SELECT message_id, due FROM mail_fan_out ORDER BY message_id LIMIT $1";

int
store_fan_out_waiting(struct store *s, struct fan_out *out, size_t max,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_FAN_OUT_WAITING, err);
	size_t n = 0;
	int rc = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, (int64_t)max);
	while (n < max && (rc = s->drv->step(st, err)) > 0) {
		out[n].message = col_int(s, st, 0);
		out[n].due = col_int(s, st, 1);
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : (int)n;
}

/*
 * In address order, read from contact_active_address (migration 021, a
 * covering index): the addresses without the contacts' rows, and the rows
 * arrive in mail_delivery_once's order, so each is appended to that index
 * rather than put somewhere inside it (10k members, the whole deliver:
 * 115.8M -> 86.1M instructions).  The outbox sends them in that order (by
 * id) too.
 */
static const char SQL_QUEUE_MEMBERS[] =
    "INSERT INTO mail_delivery (message_id, recipient, state, next_attempt, "
    "updated) SELECT CAST($1 AS BIGINT), email, 'queued', CAST($2 AS BIGINT), "
    "CAST($2 AS BIGINT) FROM contact "
    "WHERE removed IS NULL ORDER BY email "
    "ON CONFLICT (message_id, recipient) DO NOTHING";
static const char SQL_COUNT_DELIVERIES[] =
    "SELECT count(*) FROM mail_delivery WHERE message_id = $1";

static int
queue_members(struct store *s, int64_t message, int64_t due,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_QUEUE_MEMBERS, err);
	int64_t n = 0;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message);
	bind_int(s, st, 2, due);
	if ((rc = store_exec_stmt(s, st, err)) < 0)
		return rc;
	/*
	 * SQLite says how many rows this statement inserted (counting them
	 * again walked 10k index entries); PostgreSQL's driver does not keep
	 * the count, so the message's deliveries are counted there, whichever
	 * node made them.
	 */
	if (s->drv->changes != NULL)
		return (int)s->drv->changes(s->db);
	if ((st = store_stmt(s, SQL_COUNT_DELIVERIES, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message);
	rc = s->drv->step(st, err);
	if (rc > 0)
		n = col_int(s, st, 0);
	s->drv->reset(st);
	return rc < 0 ? rc : (int)n;
}

static const char SQL_FAN_OUT_DONE[] =
    "DELETE FROM mail_fan_out WHERE message_id = $1";

int
store_fan_out(struct store *s, const struct fan_out *f, struct tld_error *err)
{
	struct db_stmt *st;
	int n, rc;

	if ((n = queue_members(s, f->message, f->due, err)) < 0)
		return n;
	if ((st = store_stmt(s, SQL_FAN_OUT_DONE, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, f->message);
	if ((rc = store_exec_stmt(s, st, err)) < 0)
		return rc;
	return n;
}

/*
 * Due: queued and next_attempt <= now (any queued one with $2 = 1), or
 * sending with an expired lease (its worker died).  Oldest first.  The
 * claim is one UPDATE of the rows the sub-select picks; RETURNING gives
 * them back (in no promised order: sorted below).
 */
/* The first condition is the partial index mail_delivery_pending's (009). */
#define SQL_DUE_TEXT \
    "SELECT id FROM mail_delivery " \
    "WHERE state IN ('queued', 'sending') AND id > $4 " \
    "AND ((state = 'queued' AND " \
    "       (CAST($2 AS BIGINT) = 1 OR next_attempt <= $1)) " \
    "   OR (state = 'sending' AND lease_until <= $1)) " \
    "ORDER BY id LIMIT $3"
#define SQL_CLAIM_TEXT(due) \
    "UPDATE mail_delivery SET state = 'sending', attempts = attempts + 1, " \
    "lease_until = $5, updated = $1 WHERE id IN (" due ") " \
    "RETURNING id, message_id, recipient, attempts"
static const char SQL_CLAIM[] = SQL_CLAIM_TEXT(SQL_DUE_TEXT);
/*
 * Several nodes on one PostgreSQL: each worker locks the rows it claims
 * and skips those another worker holds, so no delivery is claimed twice
 * and nobody waits.  (SQLite has no row locks; BEGIN IMMEDIATE makes the
 * claim exclusive there.)
 */
static const char SQL_CLAIM_LOCKED[] =
    SQL_CLAIM_TEXT(SQL_DUE_TEXT " FOR UPDATE SKIP LOCKED");
static const char SQL_MESSAGE[] =
    "SELECT sender, kind, per_recipient, data FROM mail_message WHERE id = $1";

static int
delivery_cmp(const void *a, const void *b)
{
	const struct delivery *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The message's text and envelope, loaded once per distinct message. */
static int
attach_message(struct store *s, struct delivery_batch *b, struct delivery *d,
    const struct delivery *same, struct tld_error *err)
{
	struct db_stmt *st;
	int rc;

	if (same != NULL) {
		memcpy(d->sender, same->sender, sizeof(d->sender));
		d->kind = same->kind;
		d->data = same->data;
		d->len = same->len;
		d->per_recipient = same->per_recipient;
		return 0;
	}
	if ((st = store_stmt(s, SQL_MESSAGE, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, d->message);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		char *copy = xstrdup(col_text(s, st, 3));
		char *kind = xstrdup(col_text(s, st, 1));

		col_copy(s, st, 0, d->sender, sizeof(d->sender));
		d->per_recipient = col_int(s, st, 2) != 0;
		b->datas = xreallocarray(b->datas, b->ndatas + 2, sizeof(*b->datas));
		b->datas[b->ndatas++] = copy;
		b->datas[b->ndatas++] = kind;
		d->data = copy;
		d->len = strlen(copy);
		d->kind = kind;
	} else if (rc == 0) {
		rc = tld_error_set(err, TLD_ESTORE, "", "message %lld is missing",
		    (long long)d->message);
	}
	s->drv->reset(st);
	return rc < 0 ? rc : 0;
}

int
store_delivery_claim(struct store *s, int64_t now, bool all, int64_t after_id,
    size_t max, int64_t lease_until, struct delivery_batch *out,
    struct tld_error *err)
{
	struct delivery_batch b = { 0, NULL, NULL, 0 };
	struct db_stmt *st;
	int rc;

	if ((rc = store_begin(s, err)) < 0)
		return rc;
	if ((st = store_stmt(s, s->drv->skip_locked ? SQL_CLAIM_LOCKED :
	    SQL_CLAIM, err)) == NULL) {
		rc = TLD_ESTORE;
		goto out;
	}
	bind_int(s, st, 1, now);
	bind_int(s, st, 2, all ? 1 : 0);
	bind_int(s, st, 3, (int64_t)max);
	bind_int(s, st, 4, after_id);
	bind_int(s, st, 5, lease_until);
	b.items = xcalloc(max ? max : 1, sizeof(*b.items));
	while (b.n < max && (rc = s->drv->step(st, err)) > 0) {
		struct delivery *d = &b.items[b.n++];

		d->id = col_int(s, st, 0);
		d->message = col_int(s, st, 1);
		col_copy(s, st, 2, d->recipient, sizeof(d->recipient));
		d->attempts = col_int(s, st, 3);
	}
	if (rc > 0) /* max rows seen: let the statement finish */
		while ((rc = s->drv->step(st, err)) > 0)
			;
	s->drv->reset(st);
	if (rc < 0)
		goto out;
	rc = 0;
	qsort(b.items, b.n, sizeof(*b.items), delivery_cmp);
	for (size_t i = 0; i < b.n && rc == 0; i++) {
		const struct delivery *same = NULL;

		/* Deliveries of one message mostly come together. */
		for (size_t j = i; j-- > 0 && same == NULL;)
			if (b.items[j].message == b.items[i].message)
				same = &b.items[j];
		rc = attach_message(s, &b, &b.items[i], same, err);
	}
out:
	if (rc < 0) {
		store_rollback(s);
		store_delivery_batch_fini(&b);
		return rc;
	}
	if ((rc = store_commit(s, err)) < 0) {
		store_delivery_batch_fini(&b);
		return rc;
	}
	*out = b;
	return (int)b.n;
}

void
store_delivery_batch_fini(struct delivery_batch *b)
{
	for (size_t i = 0; i < b->ndatas; i++)
		free(b->datas[i]);
	free(b->datas);
	free(b->items);
	memset(b, 0, sizeof(*b));
}

/*
 * Up to 56 ids per statement (the drivers take 64 parameters), the unused
 * places bound to 0 (no row has id 0): one statement text for both
 * backends and every count, and on PostgreSQL one round trip per 56
 * deliveries instead of one each.
 */
#define IDS_PER_STMT 56
#define ID8(a, b, c, d, e, f, g, h) \
    "$" #a ", $" #b ", $" #c ", $" #d ", $" #e ", $" #f ", $" #g ", $" #h
#define SQL_IDS_FROM_2 \
    ID8(2, 3, 4, 5, 6, 7, 8, 9) ", " ID8(10, 11, 12, 13, 14, 15, 16, 17) ", " \
    ID8(18, 19, 20, 21, 22, 23, 24, 25) ", " ID8(26, 27, 28, 29, 30, 31, 32, 33) ", " \
    ID8(34, 35, 36, 37, 38, 39, 40, 41) ", " ID8(42, 43, 44, 45, 46, 47, 48, 49) ", " \
    ID8(50, 51, 52, 53, 54, 55, 56, 57)

/* $1: the time of the outcome. */
static const char SQL_SENT[] =
    "UPDATE mail_delivery SET state = 'sent', last_error = '', updated = $1, "
    "lease_until = 0 WHERE id IN (" SQL_IDS_FROM_2 ")";
/* $1: 0, the lease given up. */
static const char SQL_RELEASE[] =
    "UPDATE mail_delivery SET state = 'queued', attempts = attempts - 1, "
    "lease_until = $1 WHERE state = 'sending' AND id IN (" SQL_IDS_FROM_2 ")";
/* $1: the new end of the lease. */
static const char SQL_RENEW[] =
    "UPDATE mail_delivery SET lease_until = $1 WHERE state = 'sending' "
    "AND id IN (" SQL_IDS_FROM_2 ")";
static const char SQL_RETRY[] =
    "UPDATE mail_delivery SET state = 'queued', updated = $2, "
    "next_attempt = $3, last_error = $4, lease_until = 0 WHERE id = $1";
static const char SQL_FAILED[] =
    "UPDATE mail_delivery SET state = 'failed', updated = $2, "
    "last_error = $3, lease_until = 0 WHERE id = $1";

static int
update_ids(struct store *s, const char *sql, int64_t first, const int64_t *ids,
    size_t n, struct tld_error *err)
{
	for (size_t i = 0; i < n; i += IDS_PER_STMT) {
		struct db_stmt *st = store_stmt(s, sql, err);
		int rc;

		if (st == NULL)
			return TLD_ESTORE;
		bind_int(s, st, 1, first);
		for (size_t k = 0; k < IDS_PER_STMT; k++)
			bind_int(s, st, (int)k + 2, i + k < n ? ids[i + k] : 0);
		if ((rc = store_exec_stmt(s, st, err)) < 0)
			return rc;
	}
	return 0;
}

int
store_delivery_sent(struct store *s, const int64_t *ids, size_t n,
    int64_t now, struct tld_error *err)
{
	return update_ids(s, SQL_SENT, now, ids, n, err);
}

int
store_delivery_retry(struct store *s, int64_t id, int64_t now,
    int64_t next_attempt, const char *error, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_RETRY, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, now);
	bind_int(s, st, 3, next_attempt);
	bind_text(s, st, 4, error);
	return store_exec_stmt(s, st, err);
}

int
store_delivery_failed(struct store *s, int64_t id, int64_t now,
    const char *error, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_FAILED, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, now);
	bind_text(s, st, 3, error);
	return store_exec_stmt(s, st, err);
}

int
store_delivery_release(struct store *s, const int64_t *ids, size_t n,
    struct tld_error *err)
{
	int rc;

	if (n == 0)
		return 0;
	if ((rc = store_begin(s, err)) < 0)
		return rc;
	return store_end(s, update_ids(s, SQL_RELEASE, 0, ids, n, err), err);
}

int
store_delivery_renew(struct store *s, const int64_t *ids, size_t n,
    int64_t lease_until, struct tld_error *err)
{
	int rc;

	if (n == 0)
		return 0;
	if ((rc = store_begin(s, err)) < 0)
		return rc;
	return store_end(s, update_ids(s, SQL_RENEW, lease_until, ids, n, err), err);
}

static const char SQL_SCRUB[] =
    "UPDATE mail_message SET data = '' WHERE id = $1 AND data <> '' "
    "AND NOT EXISTS (SELECT 1 FROM mail_delivery WHERE message_id = $1 "
    "AND state IN ('queued', 'sending'))";

int
store_mail_scrub_secret(struct store *s, int64_t message, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SCRUB, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message);
	return store_exec_stmt(s, st, err);
}

static const char SQL_COUNTS[] =
    "SELECT state, count(*) FROM mail_delivery GROUP BY state";
/* A post waiting for its deliveries (023) counts as queued to every member. */
static const char SQL_MESSAGES[] =
    "SELECT count(*), (SELECT coalesce(min(next_attempt), 0) FROM mail_delivery "
    "WHERE state = 'queued'), (SELECT count(*) FROM mail_fan_out) * "
    "(SELECT count(*) FROM contact WHERE removed IS NULL), "
    "(SELECT coalesce(min(due), 0) FROM mail_fan_out) FROM mail_message";

int
store_outbox_counts(struct store *s, struct outbox_counts *out,
    struct tld_error *err)
{
	struct outbox_counts c;
	struct db_stmt *st = store_stmt(s, SQL_COUNTS, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	memset(&c, 0, sizeof(c));
	while ((rc = s->drv->step(st, err)) > 0) {
		int i = delivery_state_from(col_text(s, st, 0));

		if (i >= 0)
			c.by_state[i] = col_int(s, st, 1);
	}
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	if ((st = store_stmt(s, SQL_MESSAGES, err)) == NULL)
		return TLD_ESTORE;
	if ((rc = s->drv->step(st, err)) > 0) {
		int64_t waiting_due = col_int(s, st, 3);

		c.messages = col_int(s, st, 0);
		c.next_due = col_int(s, st, 1);
		c.by_state[DELIVERY_QUEUED] += col_int(s, st, 2);
		if (waiting_due != 0 && (c.next_due == 0 || waiting_due < c.next_due))
			c.next_due = waiting_due;
	}
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	*out = c;
	return 0;
}

static const char SQL_PROBLEMS[] =
    "SELECT d.id, d.message_id, m.kind, m.subject, d.recipient, d.state, "
    "d.attempts, d.next_attempt, d.last_error FROM mail_delivery d "
    "JOIN mail_message m ON m.id = d.message_id "
    "WHERE d.state = 'failed' OR (d.state = 'queued' AND d.last_error <> '') "
    "ORDER BY d.id";

int
store_delivery_problems_each(struct store *s, store_delivery_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PROBLEMS, err);
	struct failed_delivery d;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		d.id = col_int(s, st, 0);
		d.message = col_int(s, st, 1);
		d.kind = col_text(s, st, 2);
		d.subject = col_text(s, st, 3);
		d.recipient = col_text(s, st, 4);
		d.state = col_text(s, st, 5);
		d.attempts = col_int(s, st, 6);
		d.next_attempt = col_int(s, st, 7);
		d.last_error = col_text(s, st, 8);
		if ((rc = cb(ctx, &d)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_SUMMARIES[] =
    "SELECT m.id, m.subject, m.created, m.created_by, count(d.id), "
    "coalesce(sum(CASE WHEN d.state = 'queued' THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN d.state = 'sending' THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN d.state = 'sent' THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN d.state = 'failed' THEN 1 ELSE 0 END), 0) "
    "FROM mail_message m LEFT JOIN mail_delivery d ON d.message_id = m.id "
    "WHERE m.kind = $1 GROUP BY m.id, m.subject, m.created, m.created_by "
    "ORDER BY m.id DESC LIMIT $2";

int
store_mail_summaries_each(struct store *s, const char *kind, int64_t limit,
    store_mail_summary_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SUMMARIES, err);
	struct mail_summary m;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, kind);
	bind_int(s, st, 2, limit);
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&m, 0, sizeof(m));
		m.id = col_int(s, st, 0);
		m.subject = col_text(s, st, 1);
		m.created = col_int(s, st, 2);
		m.created_by = col_text(s, st, 3);
		m.recipients = col_int(s, st, 4);
		for (int i = 0; i < DELIVERY_STATES; i++)
			m.by_state[i] = col_int(s, st, 5 + i);
		if ((rc = cb(ctx, &m)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_SCHEDULE_GET[] =
    "SELECT last_run FROM schedule WHERE name = $1";
static const char SQL_SCHEDULE_INIT[] =
    "INSERT INTO schedule (name, last_run) VALUES ($1, 0) "
    "ON CONFLICT (name) DO NOTHING";
/*
 * A row back means this caller moved it.  (Reading last_run afterwards
 * cannot tell: a concurrent winner in the same second leaves the same value.
 * On PostgreSQL the loser's UPDATE waits for the winner's commit and then
 * finds last_run changed: no row.)
 */
static const char SQL_SCHEDULE_ADVANCE[] =
    "UPDATE schedule SET last_run = $3 WHERE name = $1 AND last_run = $2 "
    "RETURNING last_run";

int
store_job_try_lock(struct store *s, const char *job, struct tld_error *err)
{
	struct db_stmt *st;

	if (s->drv->job_lock_sql == NULL)
		return 1; /* the write transaction is the lock */
	if ((st = store_stmt(s, s->drv->job_lock_sql, err)) == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, job);
	return store_step_row(s, st, err);
}

int
store_schedule_get(struct store *s, const char *job, int64_t *last_run,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SCHEDULE_GET, err);

	if (st == NULL)
		return TLD_ESTORE;
	*last_run = 0;
	bind_text(s, st, 1, job);
	return store_first_int(s, st, last_run, err);
}

int
store_schedule_advance(struct store *s, const char *job, int64_t expected,
    int64_t now, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SCHEDULE_INIT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	if (expected == now)
		return 0; /* nothing to move: it ran at this very time */
	bind_text(s, st, 1, job);
	if ((rc = store_exec_stmt(s, st, err)) < 0)
		return rc;
	if ((st = store_stmt(s, SQL_SCHEDULE_ADVANCE, err)) == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, job);
	bind_int(s, st, 2, expected);
	bind_int(s, st, 3, now);
	rc = s->drv->step(st, err);
	s->drv->reset(st);
	return rc < 0 ? rc : rc > 0 ? 1 : 0;
}
