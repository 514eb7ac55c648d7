/* SPDX-License-Identifier: MIT */
/*
 * The list's archive (store/archive_store.h).  Search is the one place
 * the two backends' SQL differs: FTS5's MATCH on SQLite, to_tsvector @@
 * plainto_tsquery on PostgreSQL (the 'simple' configuration: no stemming,
 * no stop words), both over the same lower-case words, both ANDing the
 * query's words, so both give the same posts.
 */
#include <stdlib.h>
#include <string.h>

#include "store/archive_store.h"
#include "store/store_internal.h"
#include "util/xalloc.h"

static const char SQL_INSERT[] =
    "INSERT INTO archive_post (message_id, posted, month, received, "
    "from_name, from_addr, subject, in_reply_to, refs, thread_id, body, "
    "body_is_html, search_text, raw) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
    "ON CONFLICT (message_id) DO NOTHING RETURNING id";

int
store_archive_insert(struct store *s, const struct archive_post_row *r,
    int64_t thread_id, int64_t *id, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, r->message_id);
	bind_int(s, st, 2, r->posted);
	bind_text(s, st, 3, r->month);
	bind_int(s, st, 4, r->received);
	bind_text(s, st, 5, r->from_name);
	bind_text(s, st, 6, r->from_addr);
	bind_text(s, st, 7, r->subject);
	bind_text(s, st, 8, r->in_reply_to);
	bind_text(s, st, 9, r->refs);
	bind_int(s, st, 10, thread_id);
	bind_text(s, st, 11, r->body);
	bind_int(s, st, 12, r->body_is_html ? 1 : 0);
	bind_text(s, st, 13, r->search_text);
	s->drv->bind_blob(st, 14, r->raw, r->raw_len);
	rc = s->drv->step(st, err);
	if (rc > 0)
		*id = col_int(s, st, 0);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "message_id",
		    "<%s> is archived already", r->message_id);
	return rc < 0 ? rc : 0;
}

static const char SQL_FIND[] =
    "SELECT id, thread_id FROM archive_post WHERE message_id = $1";

int
store_archive_find(struct store *s, const char *message_id, int64_t *id,
    int64_t *thread_id, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_FIND, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, message_id);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		*id = col_int(s, st, 0);
		*thread_id = col_int(s, st, 1);
	}
	s->drv->reset(st);
	if (rc == 0)
		return TLD_ENOTFOUND;
	return rc < 0 ? rc : 0;
}

static const char SQL_SET_THREAD[] =
    "UPDATE archive_post SET thread_id = $2 WHERE id = $1";

int
store_archive_set_thread(struct store *s, int64_t id, int64_t thread_id,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SET_THREAD, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, thread_id);
	return store_exec_stmt(s, st, err);
}

static const char SQL_ADOPT[] =
    "UPDATE archive_post SET thread_id = $2 WHERE thread_id IN "
    "(SELECT id FROM archive_post WHERE in_reply_to = $1 AND thread_id = id)";

int
store_archive_adopt(struct store *s, const char *message_id,
    int64_t thread_id, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ADOPT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, message_id);
	bind_int(s, st, 2, thread_id);
	return store_exec_stmt(s, st, err);
}

static const char SQL_ATTACH[] =
    "INSERT INTO archive_attachment (post_id, n, filename, content_type, "
    "size, data) VALUES ($1, $2, $3, $4, $5, $6)";

int
store_archive_attachment_insert(struct store *s, int64_t post_id, int n,
    const char *filename, const char *content_type, const void *data,
    size_t len, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ATTACH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, post_id);
	bind_int(s, st, 2, n);
	bind_text(s, st, 3, filename);
	bind_text(s, st, 4, content_type);
	bind_int(s, st, 5, (int64_t)len);
	s->drv->bind_blob(st, 6, data, len);
	return store_exec_stmt(s, st, err);
}

/* ---- listing and search ------------------------------------------------- */

#define ENTRY_COLUMNS \
    "SELECT p.id, p.posted, p.month, p.thread_id, p.message_id, " \
    "p.from_name, p.from_addr, p.subject, p.in_reply_to, " \
    "(SELECT count(*) FROM archive_attachment a WHERE a.post_id = p.id) " \
    "FROM archive_post p "
/* $1 before_id, $2 month, $3 thread, $4 limit. */
#define ENTRY_FILTERS \
    "($1 = 0 OR (p.posted, p.id) < " \
    "(SELECT b.posted, b.id FROM archive_post b WHERE b.id = $1)) " \
    "AND ($2 = '' OR p.month = $2) AND ($3 = 0 OR p.thread_id = $3) "

static const char SQL_LIST_NEWEST[] = ENTRY_COLUMNS "WHERE " ENTRY_FILTERS
    "ORDER BY p.posted DESC, p.id DESC LIMIT $4";
static const char SQL_LIST_THREAD[] = ENTRY_COLUMNS "WHERE " ENTRY_FILTERS
    "ORDER BY p.thread_id DESC, p.posted, p.id LIMIT $4";
static const char SQL_LIST_OLDEST[] = ENTRY_COLUMNS "WHERE " ENTRY_FILTERS
    "ORDER BY p.posted, p.id LIMIT $4";
/* $5: the words. */
static const char SQL_SEARCH_FTS5[] = ENTRY_COLUMNS "WHERE " ENTRY_FILTERS
    "AND p.id IN (SELECT rowid FROM archive_fts WHERE archive_fts MATCH $5) "
    "ORDER BY p.posted DESC, p.id DESC LIMIT $4";
/*
 * The matches first, through the GIN index, then the order: left to
 * itself, the generic plan of a prepared statement (a server runs the
 * same one again and again) walks the posted index newest first and
 * computes every post's tsvector until it has enough -- 3 s for a rare
 * word at 100k posts.  MATERIALIZED keeps the two steps apart.
 */
static const char SQL_SEARCH_PG[] =
    "WITH m AS MATERIALIZED (SELECT id FROM archive_post "
    "WHERE to_tsvector('simple', search_text) @@ plainto_tsquery('simple', $5)) "
    ENTRY_COLUMNS "WHERE " ENTRY_FILTERS "AND p.id IN (SELECT id FROM m) "
    "ORDER BY p.posted DESC, p.id DESC LIMIT $4";

int
store_archive_each(struct store *s, const struct archive_query *q,
    store_archive_cb cb, void *ctx, struct tld_error *err)
{
	bool search = q->words != NULL && q->words[0] != '\0';
	const char *sql;
	struct db_stmt *st;
	struct archive_entry e;
	int rc, n = 0;

	if (search)
		sql = s->drv->fts5 ? SQL_SEARCH_FTS5 : SQL_SEARCH_PG;
	else if (q->order == ARCHIVE_BY_THREAD)
		sql = SQL_LIST_THREAD;
	else if (q->order == ARCHIVE_OLDEST)
		sql = SQL_LIST_OLDEST;
	else
		sql = SQL_LIST_NEWEST;
	if ((st = store_stmt(s, sql, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, q->before_id);
	bind_text(s, st, 2, q->month != NULL ? q->month : "");
	bind_int(s, st, 3, q->thread_id);
	bind_int(s, st, 4, q->limit > 0 ? (int64_t)q->limit : INT64_MAX);
	if (search)
		bind_text(s, st, 5, q->words);
	while ((rc = s->drv->step(st, err)) > 0) {
		e.id = col_int(s, st, 0);
		e.posted = col_int(s, st, 1);
		e.month = col_text(s, st, 2);
		e.thread_id = col_int(s, st, 3);
		e.message_id = col_text(s, st, 4);
		e.from_name = col_text(s, st, 5);
		e.from_addr = col_text(s, st, 6);
		e.subject = col_text(s, st, 7);
		e.in_reply_to = col_text(s, st, 8);
		e.attachments = col_int(s, st, 9);
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_MONTHS[] =
    "SELECT month, count(*) FROM archive_post GROUP BY month "
    "ORDER BY month DESC";

int
store_archive_months(struct store *s, store_archive_month_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MONTHS, err);
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0), col_int(s, st, 1))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_GET[] =
    "SELECT id, posted, received, thread_id, message_id, from_name, "
    "from_addr, subject, in_reply_to, refs, body, body_is_html "
    "FROM archive_post WHERE id = $1";

int
store_archive_get(struct store *s, int64_t id, struct archive_post *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		out->id = col_int(s, st, 0);
		out->posted = col_int(s, st, 1);
		out->received = col_int(s, st, 2);
		out->thread_id = col_int(s, st, 3);
		out->message_id = xstrdup(col_text(s, st, 4));
		out->from_name = xstrdup(col_text(s, st, 5));
		out->from_addr = xstrdup(col_text(s, st, 6));
		out->subject = xstrdup(col_text(s, st, 7));
		out->in_reply_to = xstrdup(col_text(s, st, 8));
		out->refs = xstrdup(col_text(s, st, 9));
		out->body = xstrdup(col_text(s, st, 10));
		out->body_is_html = col_int(s, st, 11) != 0;
	}
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "id",
		    "there is no archived post %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

void
store_archive_post_fini(struct archive_post *p)
{
	if (p == NULL)
		return;
	free(p->message_id);
	free(p->from_name);
	free(p->from_addr);
	free(p->subject);
	free(p->in_reply_to);
	free(p->refs);
	free(p->body);
	memset(p, 0, sizeof(*p));
}

static const char SQL_RAW[] = "SELECT raw FROM archive_post WHERE id = $1";

int
store_archive_raw(struct store *s, int64_t id, struct buf *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_RAW, err);
	const void *p;
	size_t n = 0;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	rc = s->drv->step(st, err);
	if (rc > 0 && (p = s->drv->column_blob(st, 0, &n)) != NULL)
		buf_append(out, p, n);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "id",
		    "there is no archived post %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

static const char SQL_ATTACH_EACH[] =
    "SELECT n, filename, content_type, size FROM archive_attachment "
    "WHERE post_id = $1 ORDER BY n";

int
store_archive_attachment_each(struct store *s, int64_t post_id,
    store_archive_attachment_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ATTACH_EACH, err);
	struct archive_attachment a;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, post_id);
	while ((rc = s->drv->step(st, err)) > 0) {
		a.post_id = post_id;
		a.n = (int)col_int(s, st, 0);
		a.filename = col_text(s, st, 1);
		a.content_type = col_text(s, st, 2);
		a.size = col_int(s, st, 3);
		if ((rc = cb(ctx, &a)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_ATTACH_GET[] =
    "SELECT filename, content_type, data FROM archive_attachment "
    "WHERE post_id = $1 AND n = $2";

int
store_archive_attachment_get(struct store *s, int64_t post_id, int n,
    char *filename, size_t filenamelen, char *content_type,
    size_t content_typelen, struct buf *data, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ATTACH_GET, err);
	const void *p;
	size_t len = 0;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, post_id);
	bind_int(s, st, 2, n);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		col_copy(s, st, 0, filename, filenamelen);
		col_copy(s, st, 1, content_type, content_typelen);
		if ((p = s->drv->column_blob(st, 2, &len)) != NULL)
			buf_append(data, p, len);
	}
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "attachment",
		    "post %lld has no attachment %d", (long long)post_id, n);
	return rc < 0 ? rc : 0;
}

static const char SQL_RAW_EACH[] =
    "SELECT id, posted, month, thread_id, message_id, from_name, from_addr, "
    "subject, in_reply_to, raw FROM archive_post ORDER BY posted, id";

int
store_archive_raw_each(struct store *s, store_archive_raw_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_RAW_EACH, err);
	struct archive_entry e;
	const void *p;
	size_t len;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		e.id = col_int(s, st, 0);
		e.posted = col_int(s, st, 1);
		e.month = col_text(s, st, 2);
		e.thread_id = col_int(s, st, 3);
		e.message_id = col_text(s, st, 4);
		e.from_name = col_text(s, st, 5);
		e.from_addr = col_text(s, st, 6);
		e.subject = col_text(s, st, 7);
		e.in_reply_to = col_text(s, st, 8);
		e.attachments = 0;
		len = 0;
		p = s->drv->column_blob(st, 9, &len);
		if ((rc = cb(ctx, &e, p != NULL ? p : "", len)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
