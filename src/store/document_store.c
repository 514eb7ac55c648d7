/* SPDX-License-Identifier: MIT */
/*
 * Document versions and their bytes.  Rows are never deleted: removal sets
 * `removed` and `removed_reason` on every version it covers.  Listing reads
 * metadata only; the bytes are read one version at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "store/document_store.h"
#include "store/store_internal.h"
#include "util/xalloc.h"

/* A driver that has no byte strings yet (see db.h) cannot hold documents. */
static int
need_blobs(struct store *s, struct tld_error *err)
{
	if (s->drv->bind_blob != NULL && s->drv->column_blob != NULL)
		return 0;
	return tld_error_set(err, TLD_ESTORE, "db",
	    "the %s driver cannot store documents yet (no bind_blob/column_blob)",
	    s->drv->name);
}

#define DOCUMENT_COLUMNS \
	"id, slug, lang, version, seq, title, visibility, format, filename, " \
	"size, sha256, created, created_by, coalesce(removed, 0), " \
	"coalesce(removed_reason, '')"

static void
read_document(struct store *s, struct db_stmt *st, struct document *d)
{
	memset(d, 0, sizeof(*d));
	d->id = col_int(s, st, 0);
	col_copy(s, st, 1, d->slug, sizeof(d->slug));
	col_copy(s, st, 2, d->lang, sizeof(d->lang));
	col_copy(s, st, 3, d->version, sizeof(d->version));
	d->seq = col_int(s, st, 4);
	col_copy(s, st, 5, d->title, sizeof(d->title));
	/* The schema's CHECKs admit only known names; fall back to the strictest. */
	if (document_visibility_parse(col_text(s, st, 6),
	    strlen(col_text(s, st, 6)), &d->visibility, NULL) < 0)
		d->visibility = DOC_VISIBILITY_COMMITTEE;
	if (doc_format_parse(col_text(s, st, 7), &d->format) < 0)
		d->format = DOC_FORMAT_TEXT;
	col_copy(s, st, 8, d->filename, sizeof(d->filename));
	d->size = col_int(s, st, 9);
	col_copy(s, st, 10, d->sha256, sizeof(d->sha256));
	d->created = col_int(s, st, 11);
	col_copy(s, st, 12, d->created_by, sizeof(d->created_by));
	d->removed = col_int(s, st, 13);
	col_copy(s, st, 14, d->removed_reason, sizeof(d->removed_reason));
}

static const char SQL_INSERT[] =
    "INSERT INTO document (slug, lang, version, seq, title, visibility, "
    "format, filename, size, sha256, data, created, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
    "RETURNING id";

int
store_document_insert(struct store *s, struct document *d, const void *data,
    size_t len, struct tld_error *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = need_blobs(s, err)) < 0)
		return rc;
	if ((st = store_stmt(s, SQL_INSERT, err)) == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, d->slug);
	bind_text(s, st, 2, d->lang);
	bind_text(s, st, 3, d->version);
	bind_int(s, st, 4, d->seq);
	bind_text(s, st, 5, d->title);
	bind_text(s, st, 6, document_visibility_name(d->visibility));
	bind_text(s, st, 7, doc_format_name(d->format));
	bind_text(s, st, 8, d->filename);
	bind_int(s, st, 9, d->size);
	bind_text(s, st, 10, d->sha256);
	s->drv->bind_blob(st, 11, data, len);
	bind_int(s, st, 12, d->created);
	bind_text(s, st, 13, d->created_by);
	rc = s->drv->step(st, err);
	if (rc > 0)
		d->id = col_int(s, st, 0);
	s->drv->reset(st);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, TLD_EEXIST, "version",
		    "%s (%s) has a version \"%s\" already (removed versions "
		    "count too): give another --version", d->slug, d->lang,
		    d->version);
	return rc < 0 ? rc : 0;
}

static const char SQL_NEXT_SEQ[] =
    "SELECT coalesce(max(seq), 0) + 1 FROM document WHERE slug = $1 AND lang = $2";

int
store_document_next_seq(struct store *s, const char *slug, const char *lang,
    int64_t *seq, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_NEXT_SEQ, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, slug);
	bind_text(s, st, 2, lang);
	return store_first_int(s, st, seq, err);
}

static const char SQL_EACH_ALL[] =
    "SELECT " DOCUMENT_COLUMNS " FROM document "
    "WHERE ($1 = 1 OR removed IS NULL) ORDER BY slug, lang, seq DESC";
static const char SQL_EACH_SLUG[] =
    "SELECT " DOCUMENT_COLUMNS " FROM document "
    "WHERE slug = $2 AND ($1 = 1 OR removed IS NULL) ORDER BY lang, seq DESC";

int
store_document_each(struct store *s, const char *slug, bool with_removed,
    store_document_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, slug ? SQL_EACH_SLUG : SQL_EACH_ALL,
	    err);
	struct document d;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, with_removed ? 1 : 0);
	if (slug != NULL)
		bind_text(s, st, 2, slug);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_document(s, st, &d);
		if ((rc = cb(ctx, &d)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_DATA[] = "SELECT data FROM document WHERE id = $1";

int
store_document_data(struct store *s, int64_t id, void **data, size_t *len,
    struct tld_error *err)
{
	struct db_stmt *st;
	const void *p;
	size_t n = 0;
	int rc;

	if ((rc = need_blobs(s, err)) < 0)
		return rc;
	if ((st = store_stmt(s, SQL_DATA, err)) == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		p = s->drv->column_blob(st, 0, &n);
		*data = xmalloc(n + 1);
		if (n > 0)
			memcpy(*data, p, n);
		*len = n;
	}
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "id",
		    "no document version %lld", (long long)id);
	return rc < 0 ? rc : 0;
}

static const char SQL_REMOVE_ALL[] =
    "UPDATE document SET removed = $2, removed_reason = $3 "
    "WHERE slug = $1 AND removed IS NULL RETURNING id";
static const char SQL_REMOVE_LANG[] =
    "UPDATE document SET removed = $2, removed_reason = $3 "
    "WHERE slug = $1 AND lang = $4 AND removed IS NULL RETURNING id";

int
store_document_remove(struct store *s, const char *slug, const char *lang,
    int64_t at, const char *reason, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, lang ? SQL_REMOVE_LANG :
	    SQL_REMOVE_ALL, err);
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, slug);
	bind_int(s, st, 2, at);
	bind_text(s, st, 3, reason);
	if (lang != NULL)
		bind_text(s, st, 4, lang);
	while ((rc = s->drv->step(st, err)) > 0)
		n++;
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
