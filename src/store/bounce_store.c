/* SPDX-License-Identifier: MIT */
/* Bounces and undeliverable contacts (store/bounce_store.h). */
#include <string.h>

#include "store/bounce_store.h"
#include "store/store_internal.h"

static int
read_delivery(struct store *s, struct db_stmt *st, struct bounce_delivery *out,
    struct tld_error *err)
{
	int rc = s->drv->step(st, err);

	if (rc > 0) {
		out->id = col_int(s, st, 0);
		out->message_id = col_int(s, st, 1);
		col_copy(s, st, 2, out->recipient, sizeof(out->recipient));
	}
	s->drv->reset(st);
	if (rc == 0)
		return TLD_ENOTFOUND;
	return rc < 0 ? rc : 0;
}

static const char SQL_DELIVERY[] =
    "SELECT id, message_id, recipient FROM mail_delivery WHERE id = $1";

int
store_bounce_delivery(struct store *s, int64_t id, struct bounce_delivery *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_DELIVERY, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	return read_delivery(s, st, out, err);
}

static const char SQL_DELIVERY_OF[] =
    "SELECT id, message_id, recipient FROM mail_delivery "
    "WHERE message_id = $1 AND lower(recipient) = lower($2) "
    "ORDER BY id LIMIT 1";

int
store_bounce_delivery_of(struct store *s, int64_t message_id,
    const char *recipient, struct bounce_delivery *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_DELIVERY_OF, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message_id);
	bind_text(s, st, 2, recipient);
	return read_delivery(s, st, out, err);
}

static const char SQL_DELIVERY_TO[] =
    "SELECT id, message_id, recipient FROM mail_delivery "
    "WHERE lower(recipient) = lower($1) AND updated >= $2 "
    "ORDER BY id DESC LIMIT 1";

int
store_bounce_delivery_to(struct store *s, const char *recipient, int64_t since,
    struct bounce_delivery *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_DELIVERY_TO, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, recipient);
	bind_int(s, st, 2, since);
	return read_delivery(s, st, out, err);
}

static const char SQL_INSERT[] =
    "INSERT INTO bounce (received, kind, contact_id, delivery_id, recipient, "
    "status, action, diagnostic, reporting_mta, extension, raw) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";

int
store_bounce_insert(struct store *s, const struct bounce_row *b, int64_t *id,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, b->received);
	bind_text(s, st, 2, b->kind);
	bind_opt_int(s, st, 3, b->contact_id);
	bind_opt_int(s, st, 4, b->delivery_id);
	bind_text(s, st, 5, b->recipient);
	bind_text(s, st, 6, b->status);
	bind_text(s, st, 7, b->action);
	bind_text(s, st, 8, b->diagnostic);
	bind_text(s, st, 9, b->reporting_mta);
	bind_text(s, st, 10, b->extension);
	if (b->raw != NULL)
		s->drv->bind_blob(st, 11, b->raw, b->raw_len);
	else
		s->drv->bind_null(st, 11);
	return store_first_int(s, st, id, err);
}

static const char SQL_COUNT_HARD[] =
    "SELECT count(*) FROM bounce WHERE contact_id = $1 AND kind = 'hard' "
    "AND received >= $2";

int
store_bounce_count_hard(struct store *s, int64_t contact_id, int64_t since,
    int64_t *count, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_COUNT_HARD, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_int(s, st, 2, since);
	return store_first_int(s, st, count, err);
}

static const char SQL_MARK[] =
    "INSERT INTO contact_undeliverable (contact_id, since, reason) "
    "VALUES ($1, $2, $3) ON CONFLICT (contact_id) DO NOTHING";

int
store_bounce_mark(struct store *s, int64_t contact_id, int64_t since,
    const char *reason, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MARK, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_int(s, st, 2, since);
	bind_text(s, st, 3, reason);
	return store_exec_stmt(s, st, err);
}

static const char SQL_UNDELIVERABLE[] =
    "SELECT since FROM contact_undeliverable WHERE contact_id = $1";

int
store_bounce_undeliverable(struct store *s, int64_t contact_id, int64_t *since,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_UNDELIVERABLE, err);

	if (st == NULL)
		return TLD_ESTORE;
	*since = 0;
	bind_int(s, st, 1, contact_id);
	return store_first_int(s, st, since, err);
}

static const char SQL_SUMMARY[] =
    "SELECT c.id, c.cctld, c.name, c.email, "
    "(SELECT count(*) FROM bounce b WHERE b.contact_id = c.id AND b.kind = 'hard'), "
    "(SELECT count(*) FROM bounce b WHERE b.contact_id = c.id AND b.kind = 'soft'), "
    "coalesce((SELECT max(b.received) FROM bounce b WHERE b.contact_id = c.id), 0), "
    "coalesce((SELECT b.status || ' ' || b.diagnostic FROM bounce b "
    "  WHERE b.contact_id = c.id ORDER BY b.received DESC, b.id DESC LIMIT 1), ''), "
    "coalesce(u.since, 0), coalesce(u.reason, '') "
    "FROM contact c LEFT JOIN contact_undeliverable u ON u.contact_id = c.id "
    "WHERE c.removed IS NULL AND (u.contact_id IS NOT NULL OR "
    "  c.id IN (SELECT b.contact_id FROM bounce b WHERE b.contact_id IS NOT NULL)) "
    "ORDER BY c.cctld, c.id";

int
store_bounce_summary_each(struct store *s, store_bounce_summary_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SUMMARY, err);
	struct bounce_summary b;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		b.contact_id = col_int(s, st, 0);
		b.cctld = col_text(s, st, 1);
		b.name = col_text(s, st, 2);
		b.email = col_text(s, st, 3);
		b.hard = col_int(s, st, 4);
		b.soft = col_int(s, st, 5);
		b.last = col_int(s, st, 6);
		b.last_status = col_text(s, st, 7);
		b.undeliverable = col_int(s, st, 8);
		b.reason = col_text(s, st, 9);
		if ((rc = cb(ctx, &b)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_KEPT[] =
    "SELECT id, received, kind, recipient, status, diagnostic, extension "
    "FROM bounce WHERE kind IN ('unmatched', 'unparsed') "
    "ORDER BY received DESC, id DESC";

int
store_bounce_kept_each(struct store *s, store_bounce_kept_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_KEPT, err);
	struct bounce_kept b;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		b.id = col_int(s, st, 0);
		b.received = col_int(s, st, 1);
		b.kind = col_text(s, st, 2);
		b.recipient = col_text(s, st, 3);
		b.status = col_text(s, st, 4);
		b.diagnostic = col_text(s, st, 5);
		b.extension = col_text(s, st, 6);
		if ((rc = cb(ctx, &b)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
