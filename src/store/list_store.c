/* SPDX-License-Identifier: MIT */
/* The list's inbound posts and allowed senders (store/list_store.h). */
#include "store/list_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "util/xalloc.h"

#define POST_COLUMNS \
    "id, address, message_id, received, envelope_from, from_addr, " \
    "from_name, subject, tlp, state, reason, size, " \
    "COALESCE(mail_message, 0), decided_by, decided_at, note"

static const char SQL_POST_INSERT[] =
    "INSERT INTO list_post (address, message_id, received, envelope_from, "
    "from_addr, from_name, subject, tlp, state, reason, size, raw, "
    "mail_message, decided_by, decided_at, note) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15, $16) RETURNING id";

int
store_list_post_insert(struct store *s, struct list_post *p, const char *raw,
    size_t len, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_POST_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, p->address);
	bind_text(s, st, 2, p->message_id);
	bind_int(s, st, 3, p->received);
	bind_text(s, st, 4, p->envelope_from);
	bind_text(s, st, 5, p->from_addr);
	bind_text(s, st, 6, p->from_name);
	bind_text(s, st, 7, p->subject);
	bind_text(s, st, 8, p->tlp);
	bind_text(s, st, 9, p->state);
	bind_text(s, st, 10, p->reason);
	bind_int(s, st, 11, (int64_t)len);
	s->drv->bind_blob(st, 12, raw, len);
	bind_opt_int(s, st, 13, p->mail_message);
	bind_text(s, st, 14, p->decided_by);
	bind_int(s, st, 15, p->decided_at);
	bind_text(s, st, 16, p->note);
	rc = store_first_int(s, st, &p->id, err);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, rc, "message_id",
		    "<%s> came to the %s address before", p->message_id,
		    p->address);
	if (rc == 0)
		p->size = (int64_t)len;
	return rc;
}

static void
read_post(struct store *s, struct db_stmt *st, void *out)
{
	struct list_post *p = out;

	memset(p, 0, sizeof(*p));
	p->id = col_int(s, st, 0);
	col_copy(s, st, 1, p->address, sizeof(p->address));
	col_copy(s, st, 2, p->message_id, sizeof(p->message_id));
	p->received = col_int(s, st, 3);
	col_copy(s, st, 4, p->envelope_from, sizeof(p->envelope_from));
	col_copy(s, st, 5, p->from_addr, sizeof(p->from_addr));
	col_copy(s, st, 6, p->from_name, sizeof(p->from_name));
	col_copy(s, st, 7, p->subject, sizeof(p->subject));
	col_copy(s, st, 8, p->tlp, sizeof(p->tlp));
	col_copy(s, st, 9, p->state, sizeof(p->state));
	col_copy(s, st, 10, p->reason, sizeof(p->reason));
	p->size = col_int(s, st, 11);
	p->mail_message = col_int(s, st, 12);
	col_copy(s, st, 13, p->decided_by, sizeof(p->decided_by));
	p->decided_at = col_int(s, st, 14);
	col_copy(s, st, 15, p->note, sizeof(p->note));
}

static const char SQL_POST_GET[] =
    "SELECT " POST_COLUMNS " FROM list_post WHERE id = $1";
static const char SQL_POST_RAW[] =
    "SELECT raw FROM list_post WHERE id = $1";

int
store_list_post_get(struct store *s, int64_t id, struct list_post *out,
    char **raw, size_t *len, struct tld_error *err)
{
	struct db_stmt *st;
	int rc;

	rc = store_get_one(s, SQL_POST_GET, id, read_post, out, "id", "post",
	    err);
	if (rc < 0 || raw == NULL)
		return rc;
	if ((st = store_stmt(s, SQL_POST_RAW, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		size_t n = 0;
		const void *p = s->drv->column_blob(st, 0, &n);
		char *copy = xmalloc(n + 1);

		if (n > 0)
			memcpy(copy, p, n);
		copy[n] = '\0';
		*raw = copy;
		*len = n;
	} else if (rc == 0) {
		rc = tld_error_set(err, TLD_ENOTFOUND, "id", "there is no post %lld",
		    (long long)id);
	}
	s->drv->reset(st);
	return rc < 0 ? rc : 0;
}

static const char SQL_POST_EACH[] =
    "SELECT " POST_COLUMNS " FROM list_post "
    "ORDER BY received DESC, id DESC";
static const char SQL_POST_EACH_STATE[] =
    "SELECT " POST_COLUMNS " FROM list_post WHERE state = $1 "
    "ORDER BY received DESC, id DESC";

int
store_list_post_each(struct store *s, const char *state, size_t limit,
    store_list_post_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, state ? SQL_POST_EACH_STATE :
	    SQL_POST_EACH, err);
	struct list_post p;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	if (state != NULL)
		bind_text(s, st, 1, state);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_post(s, st, &p);
		if ((rc = cb(ctx, &p)) < 0)
			break;
		if (limit != 0 && (size_t)++n >= limit)
			break;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_POST_DECIDE[] =
    "UPDATE list_post SET state = $3, decided_by = $4, decided_at = $5, "
    "note = $6, mail_message = $7 WHERE id = $1 AND state = $2 RETURNING id";

int
store_list_post_decide(struct store *s, int64_t id, const char *from,
    const char *to, const char *by, int64_t at, const char *note,
    int64_t mail_message, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_POST_DECIDE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, from);
	bind_text(s, st, 3, to);
	bind_text(s, st, 4, by);
	bind_int(s, st, 5, at);
	bind_text(s, st, 6, note);
	bind_opt_int(s, st, 7, mail_message);
	return store_step_row(s, st, err);
}

static const char SQL_POST_EXPIRE[] =
    "UPDATE list_post SET state = 'expired', raw = $3, decided_by = 'expiry', "
    "decided_at = $2 WHERE state = 'held' AND received < $1";
static const char SQL_POST_COUNT_HELD_BEFORE[] =
    "SELECT count(*) FROM list_post WHERE state = 'held' AND received < $1";

int
store_list_post_expire(struct store *s, int64_t before, int64_t now,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_POST_COUNT_HELD_BEFORE, err);
	int64_t n = 0;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, before);
	rc = s->drv->step(st, err);
	if (rc > 0)
		n = col_int(s, st, 0);
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	if (n == 0)
		return 0;
	if ((st = store_stmt(s, SQL_POST_EXPIRE, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, before);
	bind_int(s, st, 2, now);
	s->drv->bind_blob(st, 3, "", 0);
	rc = store_exec_stmt(s, st, err);
	return rc < 0 ? rc : (int)n;
}

static const char SQL_MAIL_SENDER[] =
    "UPDATE mail_message SET sender = $2 WHERE id = $1";

int
store_list_mail_sender(struct store *s, int64_t message, const char *sender,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MAIL_SENDER, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, message);
	bind_text(s, st, 2, sender);
	return store_exec_stmt(s, st, err);
}

static const char SQL_ALLOW_INSERT[] =
    "INSERT INTO list_allow (email, reason, added, added_by) "
    "VALUES (lower($1), $2, $3, $4)";

int
store_list_allow_insert(struct store *s, const struct list_allow *a,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ALLOW_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, a->email);
	bind_text(s, st, 2, a->reason);
	bind_int(s, st, 3, a->added);
	bind_text(s, st, 4, a->added_by);
	rc = store_exec_stmt(s, st, err);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, rc, "address", "%s may post already",
		    a->email);
	return rc;
}

static const char SQL_ALLOW_DELETE[] =
    "DELETE FROM list_allow WHERE email = lower($1) RETURNING email";

int
store_list_allow_delete(struct store *s, const char *email,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ALLOW_DELETE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	return store_step_row(s, st, err);
}

static const char SQL_ALLOW_COVERS[] =
    "SELECT count(*) FROM list_allow WHERE email = lower($1)";

int
store_list_allow_covers(struct store *s, const char *email, bool *covered,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ALLOW_COVERS, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	rc = s->drv->step(st, err);
	if (rc > 0)
		*covered = col_int(s, st, 0) > 0;
	s->drv->reset(st);
	return rc < 0 ? rc : 0;
}

static const char SQL_ALLOW_EACH[] =
    "SELECT email, reason, added, added_by FROM list_allow ORDER BY email";

int
store_list_allow_each(struct store *s, store_list_allow_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ALLOW_EACH, err);
	struct list_allow a;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&a, 0, sizeof(a));
		col_copy(s, st, 0, a.email, sizeof(a.email));
		col_copy(s, st, 1, a.reason, sizeof(a.reason));
		a.added = col_int(s, st, 2);
		col_copy(s, st, 3, a.added_by, sizeof(a.added_by));
		if ((rc = cb(ctx, &a)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
