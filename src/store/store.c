/* SPDX-License-Identifier: MIT */
/*
 * Opening the repository, choosing the backend, transactions, the statement
 * cache, and applying the embedded migrations.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/copy_store.h"
#include "store/migrations.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/xalloc.h"

struct db_stmt *
store_stmt(struct store *s, const char *sql, struct tld_error *err)
{
	struct db_stmt *st;

	for (size_t i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			s->drv->reset(s->cache[i].st);
			return s->cache[i].st;
		}
	}
	if (s->drv->prepare(s->db, sql, &st, err) < 0) {
		log_errorx("store", "%s", err ? err->message : "prepare failed");
		return NULL;
	}
	/*
	 * Grow, never evict: a statement evicted here could be one an outer
	 * *_each loop is still stepping.  The number of literals is bounded by
	 * the program text, so the cache is too.
	 */
	if (s->ncache == s->cache_cap) {
		s->cache_cap = s->cache_cap ? 2 * s->cache_cap : STORE_CACHE_INITIAL;
		s->cache = xreallocarray(s->cache, s->cache_cap, sizeof(s->cache[0]));
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

int
store_exec_stmt(struct store *s, struct db_stmt *st, struct tld_error *err)
{
	int rc;

	while ((rc = s->drv->step(st, err)) > 0)
		;
	s->drv->reset(st);
	return rc;
}

int
store_step_row(struct store *s, struct db_stmt *st, struct tld_error *err)
{
	int rc = s->drv->step(st, err);

	s->drv->reset(st);
	return rc < 0 ? rc : rc > 0;
}

int
store_first_int(struct store *s, struct db_stmt *st, int64_t *out,
    struct tld_error *err)
{
	int rc = s->drv->step(st, err);

	if (rc > 0)
		*out = col_int(s, st, 0);
	s->drv->reset(st);
	return rc < 0 ? rc : 0;
}

int
store_get_one(struct store *s, const char *sql, int64_t key,
    store_row_read read, void *out, const char *field, const char *what,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, key);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, field,
		    "there is no %s %lld", what, (long long)key);
	return rc < 0 ? rc : 0;
}

void
col_copy(struct store *s, struct db_stmt *st, int c, char *out, size_t outlen)
{
	const char *t = s->drv->column_text(st, c);
	size_t n = strnlen(t, outlen - 1);

	memcpy(out, t, n);
	out[n] = '\0';
}

/* Create the folder of an SQLite file (0700) when it is missing. */
static int
ensure_parent_dir(const char *path, struct tld_error *err)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	struct stat sb;

	if (slash == NULL || slash == path)
		return 0;
	if ((size_t)(slash - path) >= sizeof(dir))
		return tld_error_set(err, TLD_EINVAL, "db", "path is too long");
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	if (stat(dir, &sb) == 0)
		return 0;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return tld_error_set(err, TLD_EIO, "db", "cannot create %s: %s",
		    dir, strerror(errno));
	return 0;
}

/* Replace {{TOKEN}} placeholders with the dialect's words. */
static int
expand_dialect(const struct db_driver *drv, const char *sql, struct buf *out,
    struct tld_error *err)
{
	const char *p = sql;

	while (*p != '\0') {
		const char *open = strstr(p, "{{");
		const char *close;
		char token[32];
		const char *word;

		if (open == NULL) {
			buf_puts(out, p);
			break;
		}
		close = strstr(open, "}}");
		if (close == NULL || (size_t)(close - open - 2) >= sizeof(token))
			return tld_error_set(err, TLD_ESTORE, "", "bad migration placeholder");
		buf_append(out, p, (size_t)(open - p));
		memcpy(token, open + 2, (size_t)(close - open - 2));
		token[close - open - 2] = '\0';
		if ((word = drv->dialect_subst(token)) == NULL)
			return tld_error_set(err, TLD_ESTORE, "",
			    "unknown migration placeholder %s", token);
		buf_puts(out, word);
		p = close + 2;
	}
	return 0;
}

static const char SQL_SCHEMA_VERSION[] =
    "SELECT coalesce(max(version), 0) FROM schema_migration";
static const char SQL_RECORD_MIGRATION[] =
    "INSERT INTO schema_migration (version, name, applied) VALUES ($1, $2, $3)";

static int
current_version(struct store *s)
{
	struct db_stmt *st;
	int v = 0;

	/* Not cached: before the first migration the table does not exist. */
	if (s->drv->prepare(s->db, SQL_SCHEMA_VERSION, &st, NULL) < 0)
		return 0;
	if (s->drv->step(st, NULL) > 0)
		v = (int)s->drv->column_int64(st, 0);
	s->drv->finalize(st);
	return v;
}

int
store_schema_version(struct store *s, int *current, int *latest,
    struct tld_error *err)
{
	(void)err;
	*current = current_version(s);
	*latest = (int)migrations_count;
	return 0;
}

/*
 * The version again, inside a migration's transaction and after the
 * driver's migration lock: another node may have applied it while we
 * waited.  In a savepoint, because before 001 the table does not exist and
 * on PostgreSQL a failed statement would abort the whole transaction.
 */
static int
locked_version(struct store *s, int *version, struct tld_error *err)
{
	int rc;

	if ((rc = s->drv->exec(s->db, "SAVEPOINT schema_version", err)) < 0)
		return rc;
	*version = current_version(s);
	if ((rc = s->drv->exec(s->db, "ROLLBACK TO SAVEPOINT schema_version", err)) < 0)
		return rc;
	return s->drv->exec(s->db, "RELEASE SAVEPOINT schema_version", err);
}

static int
migrate(struct store *s, struct tld_error *err)
{
	int have = current_version(s);

	if (have > (int)migrations_count)
		return tld_error_set(err, TLD_ESTORE, "db",
		    "database schema %d is newer than this tldops (%zu): upgrade tldops",
		    have, migrations_count);
	for (size_t i = (size_t)have; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		struct buf sql;
		struct db_stmt *st;
		int rc;

		buf_init(&sql);
		rc = expand_dialect(s->drv, m->sql, &sql, err);
		if (rc == 0)
			rc = store_begin(s, err);
		if (rc == 0 && s->drv->migrate_lock_sql != NULL)
			rc = s->drv->exec(s->db, s->drv->migrate_lock_sql, err);
		if (rc == 0)
			rc = locked_version(s, &have, err);
		if (rc == 0 && have >= m->version) {
			/* Another process applied it first. */
			buf_fini(&sql);
			if ((rc = store_commit(s, err)) < 0) {
				store_rollback(s);
				return rc;
			}
			continue;
		}
		if (rc == 0)
			rc = s->drv->exec(s->db, buf_str(&sql), err);
		buf_fini(&sql);
		if (rc == 0 && (st = store_stmt(s, SQL_RECORD_MIGRATION, err)) != NULL) {
			bind_int(s, st, 1, m->version);
			bind_text(s, st, 2, m->name);
			bind_int(s, st, 3, clock_now());
			rc = store_exec_stmt(s, st, err);
		} else if (rc == 0) {
			rc = TLD_ESTORE;
		}
		if (rc == 0)
			rc = store_commit(s, err);
		if (rc < 0) {
			store_rollback(s);
			return rc;
		}
		log_info("store", "applied migration %03d_%s", m->version, m->name);
	}
	return 0;
}

int
store_open(const char *target, bool create, struct store **out,
    struct tld_error *err)
{
	struct store *s;
	const struct db_driver *drv = &db_sqlite_driver;
	const char *path = target;
	mode_t old_mask;
	int rc;

	if (strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0) {
		/* The database exists (its administrator made it). */
		drv = &db_pg_driver;
	} else {
		if (strncmp(path, "sqlite:", 7) == 0)
			path += 7;
		if (*path == '\0')
			return tld_error_set(err, TLD_EINVAL, "db", "no database path given");
		if (!create && access(path, F_OK) != 0)
			return tld_error_set(err, TLD_ENOTFOUND, "db",
			    "no database at %s (run 'tldops init' first)", path);
		if (create && (rc = ensure_parent_dir(path, err)) < 0)
			return rc;
	}

	s = xcalloc(1, sizeof(*s));
	s->drv = drv;
	/* The repository is confidential: files we create are 0600. */
	old_mask = umask(077);
	rc = drv->open(path, create, &s->db, err);
	umask(old_mask);
	/*
	 * On a server "no file" is "no schema": a command other than init on
	 * an empty database is refused as it is on SQLite; an older schema is
	 * brought up to date by any command.
	 */
	if (rc == 0 && !create && drv->server && current_version(s) == 0)
		rc = tld_error_set(err, TLD_ENOTFOUND, "db",
		    "the PostgreSQL database has no tldops schema (run 'tldops init' first)");
	if (rc == 0)
		rc = migrate(s, err);
	if (rc < 0) {
		store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->in_txn)
		store_rollback(s);
	for (size_t i = 0; i < s->ncache; i++)
		s->drv->finalize(s->cache[i].st);
	free(s->cache);
	if (s->db != NULL)
		s->drv->close(s->db);
	free(s);
}

const char *
store_backend(const struct store *s)
{
	return s->drv->name;
}

int
store_backup(struct store *s, const char *path, struct tld_error *err)
{
	mode_t old_mask;
	int rc;

	if (s->drv->backup == NULL)
		return tld_error_set(err, TLD_EINVAL, "db",
		    "a %s repository is backed up with the server's tools: use "
		    "pg_dump (see docs/operations.md)", s->drv->name);
	/* A copy of the repository is as confidential as the repository. */
	old_mask = umask(077);
	rc = s->drv->backup(s->db, path, err);
	umask(old_mask);
	return rc;
}

int
store_begin(struct store *s, struct tld_error *err)
{
	int rc;

	if (s->in_txn)
		return tld_error_set(err, TLD_ESTORE, "", "transaction already open");
	rc = s->drv->exec(s->db, s->drv->begin_sql, err);
	if (rc == 0)
		s->in_txn = true;
	return rc;
}

static int store_bulk_indexes_restore(struct store *s, struct tld_error *err);

static void
forget_dropped(struct store *s)
{
	for (size_t i = 0; i < s->ndropped; i++)
		free(s->dropped[i]);
	s->ndropped = 0;
}

int
store_commit(struct store *s, struct tld_error *err)
{
	/* Never without the indexes a bulk import dropped. */
	int rc = store_bulk_indexes_restore(s, err);

	if (rc == 0)
		rc = s->drv->exec(s->db, "COMMIT", err);
	if (rc == 0)
		s->in_txn = false;
	return rc;
}

int
store_end(struct store *s, int rc, struct tld_error *err)
{
	int crc;

	if (rc < 0) {
		store_rollback(s);
		return rc;
	}
	crc = store_commit(s, err);
	return crc < 0 ? crc : rc;
}

void
store_rollback(struct store *s)
{
	if (!s->in_txn)
		return;
	/* Reset cached statements first: an active read blocks ROLLBACK in SQLite. */
	for (size_t i = 0; i < s->ncache; i++)
		s->drv->reset(s->cache[i].st);
	if (s->drv->exec(s->db, "ROLLBACK", NULL) < 0)
		log_errorx("store", "rollback failed");
	s->in_txn = false;
	forget_dropped(s); /* the rollback brought them back */
}

void
store_defer_checkpoint(struct store *s)
{
	if (s->drv->defer_checkpoint != NULL)
		s->drv->defer_checkpoint(s->db);
}

int
store_durable_commits(struct store *s, struct tld_error *err)
{
	if (s->drv->durable_commits == NULL)
		return 0;
	return s->drv->durable_commits(s->db, err);
}

void
store_prepare_bulk(struct store *s)
{
	if (s->drv->bulk_sql != NULL)
		(void)s->drv->exec(s->db, s->drv->bulk_sql, NULL);
}

/* The unique index of active addresses and the ccTLD index stay: each line's checks read them. */
static const char *const BULK_REBUILT[] = {
	"contact_active_address", "audit_at", "audit_object", "audit_action_at",
};

int
store_bulk_indexes_drop(struct store *s, struct tld_error *err)
{
	_Static_assert(sizeof(BULK_REBUILT) / sizeof(BULK_REBUILT[0]) <=
	    sizeof(s->dropped) / sizeof(s->dropped[0]), "room for each");
	if (s->drv->index_sql == NULL || !s->in_txn || s->ndropped > 0)
		return 0;
	for (size_t i = 0; i < sizeof(BULK_REBUILT) / sizeof(BULK_REBUILT[0]); i++) {
		struct db_stmt *st = store_stmt(s, s->drv->index_sql, err);
		char drop[96];
		int rc;

		if (st == NULL)
			return TLD_ESTORE;
		bind_text(s, st, 1, BULK_REBUILT[i]);
		if ((rc = s->drv->step(st, err)) > 0)
			s->dropped[s->ndropped] = xstrdup(col_text(s, st, 0));
		s->drv->reset(st);
		if (rc < 0)
			return rc;
		if (rc == 0)
			continue; /* not in this schema */
		snprintf(drop, sizeof(drop), "DROP INDEX %s", BULK_REBUILT[i]);
		s->ndropped++;
		if ((rc = s->drv->exec(s->db, drop, err)) < 0)
			return rc;
	}
	return 0;
}

static int
store_bulk_indexes_restore(struct store *s, struct tld_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < s->ndropped && rc == 0; i++)
		rc = s->drv->exec(s->db, s->dropped[i], err);
	forget_dropped(s);
	return rc;
}
