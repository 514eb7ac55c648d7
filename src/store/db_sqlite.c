/* SPDX-License-Identifier: MIT */
/*
 * The SQLite driver: WAL journal, foreign keys on, a busy timeout so that
 * concurrent writers wait instead of failing.  Parameters are written $1..$N
 * in SQL; SQLite treats "$N" as a named parameter, so each statement keeps a
 * map from N to SQLite's own parameter index.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "util/log.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#define SQLITE_BUSY_TIMEOUT_MS 10000
#define SQLITE_MAX_PARAMS 64

struct db {
	sqlite3 *h;
};

struct db_stmt {
	sqlite3_stmt *st;
	sqlite3 *h;
	int map[SQLITE_MAX_PARAMS + 1]; /* $N -> SQLite index, 0 if unused */
};

static int
fail(sqlite3 *h, int rc, struct tld_error *err, const char *what)
{
	int ext = h ? sqlite3_extended_errcode(h) : rc;
	int code = TLD_ESTORE;

	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		code = TLD_EEXIST;
	else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		code = TLD_ECONFLICT;
	return tld_error_set(err, code, "", "%s: %s", what,
	    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
}

static int
sq_open(const char *target, bool create, struct db **out, struct tld_error *err)
{
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	/*
	 * Memory statistics cost a global mutex on every allocation and we do
	 * not read them.  Only possible before SQLite initialises; later calls
	 * fail harmlessly.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	rc = sqlite3_open_v2(target, &h, flags, NULL);
	if (rc != SQLITE_OK) {
		if (!create && (rc == SQLITE_CANTOPEN))
			tld_error_set(err, TLD_ENOTFOUND, "db",
			    "cannot open database %s (run 'tldops init' first)",
			    target);
		else
			fail(h, rc, err, "open");
		sqlite3_close(h);
		return err ? err->code : TLD_ESTORE;
	}
	sqlite3_busy_timeout(h, SQLITE_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(h, 1);
	/*
	 * Cheap on every open; journal_mode=WAL is persistent and set by init.
	 * No mmap_size: mapping the file saved nothing measurable (lookup,
	 * digest and exports of 100k contacts, A/B) and made every page serve
	 * ever read part of its resident memory (145 MiB at 100k contacts
	 * against 29.5 MiB without).
	 */
	rc = sqlite3_exec(h, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
	    "PRAGMA cache_size=-8192; "
	    "PRAGMA secure_delete=ON;",
	    NULL, NULL, NULL);
	if (rc == SQLITE_OK && create)
		rc = sqlite3_exec(h, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int r = fail(h, rc, err, "configure");
		sqlite3_close(h);
		return r;
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->h = h;
	return 0;
}

/*
 * The last connection to close checkpoints the WAL into the database and
 * deletes it; with this it leaves the WAL for the next writer instead (the
 * file then needs its -wal beside it, as while anything has it open).
 */
static void
sq_defer_checkpoint(struct db *db)
{
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
}

/*
 * WAL with synchronous=FULL: the WAL is synced at every commit, so a commit
 * that returned survives an OS crash or power loss, not only a crash of the
 * process as with NORMAL.
 */
static int
sq_durable_commits(struct db *db, struct tld_error *err)
{
	int rc = sqlite3_exec(db->h, "PRAGMA synchronous=FULL;", NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(db->h, rc, err, "synchronous");
}

static void
sq_close(struct db *db)
{
	if (db == NULL)
		return;
	sqlite3_close(db->h);
	free(db);
}

static int
sq_exec(struct db *db, const char *sql, struct tld_error *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(db->h, rc, err, "exec");
}

static int
sq_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct tld_error *err)
{
	sqlite3_stmt *st = NULL;
	struct db_stmt *s;
	int rc, n;

	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK)
		return fail(db->h, rc, err, "prepare");
	s = xcalloc(1, sizeof(*s));
	s->st = st;
	s->h = db->h;
	n = sqlite3_bind_parameter_count(st);
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		long k = name && name[0] == '$' ? strtol(name + 1, NULL, 10) : 0;

		if (k < 1 || k > SQLITE_MAX_PARAMS) {
			sqlite3_finalize(st);
			free(s);
			return tld_error_set(err, TLD_ESTORE, "",
			    "prepare: parameter %d is not $1..$%d", i,
			    SQLITE_MAX_PARAMS);
		}
		s->map[k] = i;
	}
	*out = s;
	return 0;
}

static void
sq_finalize(struct db_stmt *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->st);
	free(s);
}

static int
param(struct db_stmt *s, int idx)
{
	return idx >= 1 && idx <= SQLITE_MAX_PARAMS ? s->map[idx] : 0;
}

static void
sq_bind_text(struct db_stmt *s, int idx, const char *text)
{
	int i = param(s, idx);

	if (i == 0)
		return;
	if (text == NULL)
		sqlite3_bind_null(s->st, i);
	else
		sqlite3_bind_text(s->st, i, text, -1, SQLITE_STATIC);
}

static void
sq_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
	int i = param(s, idx);

	if (i != 0)
		sqlite3_bind_int64(s->st, i, v);
}

static void
sq_bind_null(struct db_stmt *s, int idx)
{
	int i = param(s, idx);

	if (i != 0)
		sqlite3_bind_null(s->st, i);
}

static void
sq_bind_blob(struct db_stmt *s, int idx, const void *data, size_t len)
{
	int i = param(s, idx);

	if (i == 0)
		return;
	/* SQLite binds a NULL pointer as SQL NULL: an empty value is a zeroblob. */
	if (len == 0 || data == NULL)
		sqlite3_bind_zeroblob(s->st, i, 0);
	else
		sqlite3_bind_blob64(s->st, i, data, (sqlite3_uint64)len,
		    SQLITE_STATIC);
}

static int
sq_step(struct db_stmt *s, struct tld_error *err)
{
	int rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(s->h, rc, err, "step");
}

static const char *
sq_column_text(struct db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);

	return t ? (const char *)t : "";
}

static int64_t
sq_column_int64(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

static bool
sq_column_is_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

static const void *
sq_column_blob(struct db_stmt *s, int col, size_t *len)
{
	/* The pointer first, then the size (SQLite's documented order). */
	const void *p = sqlite3_column_blob(s->st, col);

	*len = (size_t)sqlite3_column_bytes(s->st, col);
	return p;
}

static int64_t
sq_last_insert_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

static int64_t
sq_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

static void
sq_reset(struct db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

/*
 * The online backup API copies every page under one read transaction: with
 * WAL, writers carry on meanwhile and the copy is the database as of one
 * commit.  It is written beside path, checked, synced, and renamed over
 * path, so a crash never leaves a half-written backup under that name.
 */
static int
sq_backup(struct db *db, const char *path, struct tld_error *err)
{
	struct outfile o;
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *check = NULL;
	int rc;

	/* util/outfile.h: a fresh 0600 file beside path, never a device. */
	if ((rc = outfile_open(&o, path, "file", OUTFILE_PATH_ONLY, err)) < 0)
		return rc;
	rc = sqlite3_open_v2(o.tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		tld_error_set(err, TLD_EIO, "file", "cannot create %s: %s", o.tmp,
		    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", db->h, "main")) == NULL) {
		fail(dst, sqlite3_errcode(dst), err, "backup");
		rc = SQLITE_ERROR;
		goto out;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		fail(dst, rc, err, "backup");
		goto out;
	}
	/* Read the copy back before it replaces the previous backup. */
	rc = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &check, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(check)) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(check, 0), "ok") == 0)
		rc = SQLITE_OK;
	else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_CORRUPT;
	sqlite3_finalize(check);
	if (rc != SQLITE_OK) {
		fail(dst, rc, err, "backup check");
		goto out;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK) {
		tld_error_set(err, TLD_EIO, "file", "cannot close %s", o.tmp);
		goto out;
	}
	return outfile_commit(&o, err); /* synced, renamed over path */
out:
	sqlite3_close(dst);
	outfile_abort(&o);
	return err ? err->code : TLD_ESTORE;
}

static const char *
sq_dialect_subst(const char *token)
{
	if (strcmp(token, "ID") == 0)
		return "INTEGER PRIMARY KEY";
	if (strcmp(token, "BLOB") == 0)
		return "BLOB";
	if (strcmp(token, "ARCHIVE_SEARCH") == 0)
		/* An external-content FTS5 index of archive_post.search_text. */
		return "CREATE VIRTUAL TABLE archive_fts USING fts5(search_text, "
		    "content='archive_post', content_rowid='id', "
		    "tokenize='unicode61 remove_diacritics 0');\n"
		    "CREATE TRIGGER archive_post_fts AFTER INSERT ON archive_post "
		    "BEGIN INSERT INTO archive_fts (rowid, search_text) "
		    "VALUES (new.id, new.search_text); END;\n";
	if (strcmp(token, "DELIVERY_STATE_CHECK") == 0)
		/* 017: the CHECK as ORs (an IN list costs an index per row). */
		return "PRAGMA defer_foreign_keys = ON;\n"
		    "CREATE TABLE mail_delivery_copy AS SELECT * FROM mail_delivery;\n"
		    "DROP TABLE mail_delivery;\n"
		    "CREATE TABLE mail_delivery (\n"
		    "  id INTEGER PRIMARY KEY,\n"
		    "  message_id BIGINT NOT NULL REFERENCES mail_message (id),\n"
		    "  recipient TEXT NOT NULL,\n"
		    "  state TEXT NOT NULL CHECK (state = 'queued' OR state = 'sending' "
		    "OR state = 'sent' OR state = 'failed'),\n"
		    "  attempts BIGINT NOT NULL DEFAULT 0,\n"
		    "  next_attempt BIGINT NOT NULL,\n"
		    "  lease_until BIGINT NOT NULL DEFAULT 0,\n"
		    "  last_error TEXT NOT NULL DEFAULT '',\n"
		    "  updated BIGINT NOT NULL\n"
		    ");\n"
		    "INSERT INTO mail_delivery (id, message_id, recipient, state, "
		    "attempts, next_attempt, lease_until, last_error, updated) "
		    "SELECT id, message_id, recipient, state, attempts, next_attempt, "
		    "lease_until, last_error, updated FROM mail_delivery_copy ORDER BY id;\n"
		    "DROP TABLE mail_delivery_copy;\n"
		    "CREATE UNIQUE INDEX mail_delivery_once ON mail_delivery "
		    "(message_id, recipient);\n"
		    "CREATE INDEX mail_delivery_pending ON mail_delivery (id)\n"
		    "  WHERE state IN ('queued', 'sending');\n";
	if (strcmp(token, "COMMUNITY_CONTACT") == 0)
		/*
		 * The documented rebuild of a table, inside the migration's
		 * transaction: foreign_keys cannot be turned off there, so the
		 * rows that reference contact (id) are checked at commit
		 * instead (defer_foreign_keys), when every id is back.
		 */
		return "PRAGMA defer_foreign_keys = ON;\n"
		    "CREATE TABLE contact_before_018 AS SELECT * FROM contact;\n"
		    "DROP TABLE contact;\n"
		    "CREATE TABLE contact (\n"
		    "  id INTEGER PRIMARY KEY,\n"
		    "  cctld TEXT REFERENCES cctld (code),\n"
		    "  name TEXT NOT NULL,\n"
		    "  email TEXT NOT NULL,\n"
		    "  phone TEXT NOT NULL,\n"
		    "  organisation TEXT NOT NULL DEFAULT '',\n"
		    "  role TEXT NOT NULL DEFAULT '',\n"
		    "  languages TEXT NOT NULL DEFAULT '',\n"
		    "  pgp_fingerprint TEXT NOT NULL DEFAULT '',\n"
		    "  created BIGINT NOT NULL,\n"
		    "  updated BIGINT NOT NULL,\n"
		    "  removed BIGINT,\n"
		    "  removed_reason TEXT,\n"
		    "  kind TEXT NOT NULL DEFAULT 'cctld' CHECK (kind IN "
		    "('cctld', 'iana', 'liaison', 'staff')),\n"
		    "  affiliation TEXT NOT NULL DEFAULT '',\n"
		    "  CONSTRAINT contact_owner CHECK ((kind = 'cctld' AND "
		    "cctld IS NOT NULL AND affiliation = '') OR (kind <> 'cctld' "
		    "AND cctld IS NULL AND affiliation <> ''))\n"
		    ");\n"
		    "INSERT INTO contact (id, cctld, name, email, phone, "
		    "organisation, role, languages, pgp_fingerprint, created, "
		    "updated, removed, removed_reason) SELECT id, cctld, name, "
		    "email, phone, organisation, role, languages, pgp_fingerprint, "
		    "created, updated, removed, removed_reason FROM contact_before_018 "
		    "ORDER BY id;\n"
		    "DROP TABLE contact_before_018;\n"
		    "CREATE UNIQUE INDEX contact_active_email ON contact "
		    "(lower(email)) WHERE removed IS NULL;\n"
		    "CREATE INDEX contact_active_cctld ON contact (cctld, id) "
		    "WHERE removed IS NULL;\n";
	if (strcmp(token, "CONTACT_KIND_CHECK") == 0)
		/* 022: 018's table, the kind CHECK as ORs (017's reason). */
		return "PRAGMA defer_foreign_keys = ON;\n"
		    "CREATE TABLE contact_before_022 AS SELECT * FROM contact;\n"
		    "DROP TABLE contact;\n"
		    "CREATE TABLE contact (\n"
		    "  id INTEGER PRIMARY KEY,\n"
		    "  cctld TEXT REFERENCES cctld (code),\n"
		    "  name TEXT NOT NULL,\n"
		    "  email TEXT NOT NULL,\n"
		    "  phone TEXT NOT NULL,\n"
		    "  organisation TEXT NOT NULL DEFAULT '',\n"
		    "  role TEXT NOT NULL DEFAULT '',\n"
		    "  languages TEXT NOT NULL DEFAULT '',\n"
		    "  pgp_fingerprint TEXT NOT NULL DEFAULT '',\n"
		    "  created BIGINT NOT NULL,\n"
		    "  updated BIGINT NOT NULL,\n"
		    "  removed BIGINT,\n"
		    "  removed_reason TEXT,\n"
		    "  kind TEXT NOT NULL DEFAULT 'cctld' CHECK (kind = 'cctld' OR "
		    "kind = 'iana' OR kind = 'liaison' OR kind = 'staff'),\n"
		    "  affiliation TEXT NOT NULL DEFAULT '',\n"
		    "  phone_grouped TEXT NOT NULL DEFAULT '',\n"
		    "  CONSTRAINT contact_owner CHECK ((kind = 'cctld' AND "
		    "cctld IS NOT NULL AND affiliation = '') OR (kind <> 'cctld' "
		    "AND cctld IS NULL AND affiliation <> ''))\n"
		    ");\n"
		    "INSERT INTO contact (id, cctld, name, email, phone, "
		    "organisation, role, languages, pgp_fingerprint, created, "
		    "updated, removed, removed_reason, kind, affiliation, "
		    "phone_grouped) SELECT id, cctld, name, email, phone, "
		    "organisation, role, languages, pgp_fingerprint, created, "
		    "updated, removed, removed_reason, kind, affiliation, "
		    "phone_grouped FROM contact_before_022 ORDER BY id;\n"
		    "DROP TABLE contact_before_022;\n"
		    "CREATE UNIQUE INDEX contact_active_email ON contact "
		    "(lower(email)) WHERE removed IS NULL;\n"
		    "CREATE INDEX contact_active_cctld ON contact (cctld, id) "
		    "WHERE removed IS NULL;\n"
		    "CREATE INDEX contact_active_community ON contact "
		    "(affiliation, id)\n"
		    "  WHERE removed IS NULL AND cctld IS NULL;\n"
		    "CREATE INDEX contact_active_address ON contact (email, removed)\n"
		    "    WHERE removed IS NULL;\n";
	return NULL;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.bulk_sql = "PRAGMA cache_size=-262144",
	.index_sql = "SELECT sql FROM sqlite_master WHERE type = 'index' "
	    "AND name = $1",
	.begin_sql = "BEGIN IMMEDIATE",
	.fts5 = true,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_text = sq_bind_text,
	.bind_int64 = sq_bind_int64,
	.bind_null = sq_bind_null,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.column_text = sq_column_text,
	.column_int64 = sq_column_int64,
	.column_is_null = sq_column_is_null,
	.column_blob = sq_column_blob,
	.reset = sq_reset,
	.last_insert_id = sq_last_insert_id,
	.changes = sq_changes,
	.dialect_subst = sq_dialect_subst,
	.backup = sq_backup,
	.defer_checkpoint = sq_defer_checkpoint,
	.durable_commits = sq_durable_commits,
};
