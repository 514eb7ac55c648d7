/* SPDX-License-Identifier: MIT */
/*
 * Web accounts, the hashed secrets that stand for a person (sessions,
 * login links, API tokens) and the login rate counters.
 */
#include <string.h>

#include "store/account_store.h"
#include "store/store_internal.h"

static void
read_account(struct store *s, struct db_stmt *st, struct account *a)
{
	memset(a, 0, sizeof(*a));
	a->id = col_int(s, st, 0);
	col_copy(s, st, 1, a->email, sizeof(a->email));
	col_copy(s, st, 2, a->role, sizeof(a->role));
	a->created = col_int(s, st, 3);
	col_copy(s, st, 4, a->created_by, sizeof(a->created_by));
	a->disabled = col_int(s, st, 5);
}

static const char SQL_ACCOUNT_INSERT[] =
    "INSERT INTO account (email, role, created, created_by) "
    "VALUES ($1, $2, $3, $4) RETURNING id";

int
store_account_insert(struct store *s, struct account *a, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ACCOUNT_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, a->email);
	bind_text(s, st, 2, a->role);
	bind_int(s, st, 3, a->created);
	bind_text(s, st, 4, a->created_by);
	rc = s->drv->step(st, err);
	if (rc > 0)
		a->id = col_int(s, st, 0);
	s->drv->reset(st);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, rc, "email",
		    "\"%s\" already has an account", a->email);
	return rc < 0 ? rc : 0;
}

static const char SQL_ACCOUNT_FIND[] =
    "SELECT id, email, role, created, created_by, 0 FROM account "
    "WHERE lower(email) = lower($1) AND disabled IS NULL";

int
store_account_find(struct store *s, const char *email, struct account *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ACCOUNT_FIND, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read_account(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "email",
		    "no account for \"%s\"", email);
	return rc < 0 ? rc : 0;
}

/* The active ones first; a disabled one is listed until it is removed. */
static const char SQL_ACCOUNT_EACH[] =
    "SELECT id, email, role, created, created_by, coalesce(disabled, 0) "
    "FROM account ORDER BY disabled IS NOT NULL, id";

int
store_account_each(struct store *s, store_account_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ACCOUNT_EACH, err);
	struct account a;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		read_account(s, st, &a);
		if ((rc = cb(ctx, &a)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_SECRET_INSERT[] =
    "INSERT INTO web_secret (hash, kind, email, created, expires) "
    "VALUES ($1, $2, $3, $4, $5)";

int
store_secret_insert(struct store *s, const struct web_secret_row *r,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, r->hash);
	bind_text(s, st, 2, r->kind);
	bind_text(s, st, 3, r->email);
	bind_int(s, st, 4, r->created);
	bind_int(s, st, 5, r->expires);
	return store_exec_stmt(s, st, err);
}

static const char SQL_SECRET_GET[] =
    "SELECT hash, kind, email, created, expires, coalesce(used, 0) "
    "FROM web_secret WHERE hash = $1";

int
store_secret_get(struct store *s, const char *hash, struct web_secret_row *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_GET, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, hash);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		col_copy(s, st, 0, out->hash, sizeof(out->hash));
		col_copy(s, st, 1, out->kind, sizeof(out->kind));
		col_copy(s, st, 2, out->email, sizeof(out->email));
		out->created = col_int(s, st, 3);
		out->expires = col_int(s, st, 4);
		out->used = col_int(s, st, 5);
	}
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "token", "unknown");
	return rc < 0 ? rc : 0;
}

/* Guarded: of two concurrent uses, exactly one changes the row. */
static const char SQL_SECRET_USE[] =
    "UPDATE web_secret SET used = $3 WHERE hash = $1 AND kind = $2 "
    "AND used IS NULL AND expires > $3 RETURNING hash";

int
store_secret_use(struct store *s, const char *hash, const char *kind,
    int64_t now, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_USE, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, hash);
	bind_text(s, st, 2, kind);
	bind_int(s, st, 3, now);
	rc = s->drv->step(st, err);
	s->drv->reset(st);
	return rc < 0 ? rc : (rc > 0 ? 1 : 0);
}

static const char SQL_SECRET_PURGE[] =
    "DELETE FROM web_secret WHERE expires < $1";

int
store_secret_purge(struct store *s, int64_t before, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_PURGE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, before);
	return store_exec_stmt(s, st, err);
}

/*
 * Who an address is: its account role and its active contact.  The joins
 * use the partial unique indexes on lower(email).
 */
#define IDENTITY_JOINS \
	"LEFT JOIN account a ON lower(a.email) = lower(w.email) " \
	"  AND a.disabled IS NULL " \
	"LEFT JOIN contact c ON lower(c.email) = lower(w.email) " \
	"  AND c.removed IS NULL "

static const char SQL_SECRET_IDENTITY[] =
    "SELECT w.email, w.expires, coalesce(a.role, ''), coalesce(c.id, 0), "
    "coalesce(c.cctld, ''), w.created, coalesce(w.last_used, 0) "
    "FROM web_secret w " IDENTITY_JOINS
    "WHERE w.hash = $1 AND w.kind = $2 AND w.used IS NULL AND w.expires > $3";
static const char SQL_EMAIL_IDENTITY[] =
    "SELECT w.email, 0, coalesce(a.role, ''), coalesce(c.id, 0), "
    "coalesce(c.cctld, ''), 0, 0 FROM (SELECT CAST($1 AS TEXT) AS email) w " IDENTITY_JOINS;

static int
read_identity(struct store *s, struct db_stmt *st, struct web_identity *out,
    struct tld_error *err)
{
	int rc = s->drv->step(st, err);

	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		col_copy(s, st, 0, out->email, sizeof(out->email));
		out->expires = col_int(s, st, 1);
		col_copy(s, st, 2, out->account_role, sizeof(out->account_role));
		out->contact_id = col_int(s, st, 3);
		col_copy(s, st, 4, out->cctld, sizeof(out->cctld));
		out->created = col_int(s, st, 5);
		out->last_used = col_int(s, st, 6);
	}
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "token",
		    "unknown, used or expired");
	return rc < 0 ? rc : 0;
}

int
store_secret_identity(struct store *s, const char *hash, const char *kind,
    int64_t now, struct web_identity *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_IDENTITY, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, hash);
	bind_text(s, st, 2, kind);
	bind_int(s, st, 3, now);
	return read_identity(s, st, out, err);
}

int
store_email_identity(struct store *s, const char *email,
    struct web_identity *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EMAIL_IDENTITY, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	return read_identity(s, st, out, err);
}

static const char SQL_RATE_HIT[] =
    "INSERT INTO web_rate (key, bucket, hits) VALUES ($1, $2, 1) "
    "ON CONFLICT (key, bucket) DO UPDATE SET hits = web_rate.hits + 1 "
    "RETURNING hits";

int
store_rate_hit(struct store *s, const char *key, int64_t bucket, int64_t *hits,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_RATE_HIT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, key);
	bind_int(s, st, 2, bucket);
	return store_first_int(s, st, hits, err);
}

static const char SQL_RATE_PURGE[] = "DELETE FROM web_rate WHERE bucket < $1";

int
store_rate_purge(struct store *s, int64_t before, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_RATE_PURGE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, before);
	return store_exec_stmt(s, st, err);
}

/* ---- revocation ---------------------------------------------------------- */

#define TOKEN_COLS \
	"substr(hash, 1, 12), email, created, expires, coalesce(last_used, 0) "
#define TOKEN_LIVE "kind = 'api' AND used IS NULL AND expires > $1 "

static void
read_token(struct store *s, struct db_stmt *st, struct api_token_row *t)
{
	memset(t, 0, sizeof(*t));
	col_copy(s, st, 0, t->id, sizeof(t->id));
	col_copy(s, st, 1, t->email, sizeof(t->email));
	t->created = col_int(s, st, 2);
	t->expires = col_int(s, st, 3);
	t->last_used = col_int(s, st, 4);
}

static const char SQL_TOKEN_EACH[] =
    "SELECT " TOKEN_COLS "FROM web_secret WHERE " TOKEN_LIVE
    "AND (CAST($2 AS TEXT) = '' OR lower(email) = lower($2)) "
    "ORDER BY created, hash";

int
store_token_each(struct store *s, const char *email, int64_t now,
    store_token_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_TOKEN_EACH, err);
	struct api_token_row t;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, now);
	bind_text(s, st, 2, email != NULL ? email : "");
	while ((rc = s->drv->step(st, err)) > 0) {
		read_token(s, st, &t);
		if ((rc = cb(ctx, &t)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_TOKEN_FIND[] =
    "SELECT " TOKEN_COLS "FROM web_secret WHERE " TOKEN_LIVE
    "AND substr(hash, 1, 12) = $2 ORDER BY created LIMIT 1";

int
store_token_find(struct store *s, const char *id, int64_t now,
    struct api_token_row *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_TOKEN_FIND, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, now);
	bind_text(s, st, 2, id);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read_token(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "id",
		    "no live API token has the id \"%s\" (see `tldops token list`)",
		    id);
	return rc < 0 ? rc : 0;
}

/* Rows changed by an UPDATE ... RETURNING: one step per row. */
static int
count_rows(struct store *s, struct db_stmt *st, struct tld_error *err)
{
	int rc, n = 0;

	while ((rc = s->drv->step(st, err)) > 0)
		n++;
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_TOKEN_REVOKE[] =
    "UPDATE web_secret SET used = $1 WHERE " TOKEN_LIVE
    "AND substr(hash, 1, 12) = $2 RETURNING hash";

int
store_token_revoke(struct store *s, const char *id, int64_t now,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_TOKEN_REVOKE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, now);
	bind_text(s, st, 2, id);
	return count_rows(s, st, err);
}

static const char SQL_SECRET_TOUCH[] =
    "UPDATE web_secret SET last_used = $2 WHERE hash = $1";

int
store_secret_touch(struct store *s, const char *hash, int64_t now,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_TOUCH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, hash);
	bind_int(s, st, 2, now);
	return store_exec_stmt(s, st, err);
}

static const char SQL_SECRET_END_ALL[] =
    "UPDATE web_secret SET used = $2 WHERE lower(email) = lower($1) "
    "AND used IS NULL AND expires > $2 RETURNING hash";

int
store_secret_end_all(struct store *s, const char *email, int64_t now,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_END_ALL, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	bind_int(s, st, 2, now);
	return count_rows(s, st, err);
}

static const char SQL_SECRET_DELETE_EMAIL[] =
    "DELETE FROM web_secret WHERE lower(email) = lower($1)";

int
store_secret_delete_email(struct store *s, const char *email,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_SECRET_DELETE_EMAIL, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	return store_exec_stmt(s, st, err);
}

static const char SQL_ACCOUNT_DISABLE[] =
    "UPDATE account SET disabled = $2 WHERE lower(email) = lower($1) "
    "AND disabled IS NULL RETURNING id";

int
store_account_disable(struct store *s, const char *email, int64_t at,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ACCOUNT_DISABLE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	bind_int(s, st, 2, at);
	return count_rows(s, st, err);
}

static const char SQL_ACCOUNT_DELETE[] =
    "DELETE FROM account WHERE lower(email) = lower($1) RETURNING id";

int
store_account_delete(struct store *s, const char *email,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ACCOUNT_DELETE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	return count_rows(s, st, err);
}
