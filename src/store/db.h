/* SPDX-License-Identifier: MIT */
/*
 * The database driver interface: a struct of function pointers that each
 * backend (SQLite, PostgreSQL) implements, in the manner of OpenSMTPD's
 * table backends.  All SQL of the program is written once, with numbered
 * placeholders $1, $2, ... that both backends understand, and lives in
 * src/store/.  Only prepared statements with bound parameters are used.
 *
 * A statement is prepared once per connection and cached (db_stmt()), so
 * hot paths such as an import of 100k rows do not re-parse SQL.
 */
#ifndef TLD_STORE_DB_H
#define TLD_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct db;
struct db_stmt;

struct db_driver {
	const char *name; /* "sqlite" or "postgresql" */
	/* Starts a write transaction (SQLite takes the write lock at once). */
	const char *begin_sql;
	/*
	 * Run first inside each migration's transaction so that two nodes
	 * starting at once apply it one after the other (PostgreSQL: an
	 * advisory transaction lock); NULL when begin_sql already serialises.
	 */
	const char *migrate_lock_sql;
	/*
	 * A query that returns a row when this transaction got the named
	 * job's lock ($1, held until commit or rollback) and none when another
	 * node holds it (PostgreSQL: pg_try_advisory_xact_lock); NULL when
	 * begin_sql already serialises every writer.
	 */
	const char *job_lock_sql;
	/*
	 * Whether SELECT ... FOR UPDATE SKIP LOCKED exists: workers on several
	 * nodes then claim disjoint rows (the outbox).  Where it does not
	 * (SQLite), begin_sql holds the only write lock, which is as safe.
	 */
	bool skip_locked;
	/*
	 * Full-text search is SQLite's FTS5 (the archive_fts table, MATCH);
	 * otherwise PostgreSQL's (to_tsvector('simple', ...) @@).
	 */
	bool fts5;
	/*
	 * Whether the database lives on a server, not in a file of ours: an
	 * empty database there means "no schema yet" (no missing file tells),
	 * and it is what `store migrate` copies into from a file database
	 * (store_copy()).
	 */
	bool server;
	/*
	 * Run before a large write (store_prepare_bulk()), e.g. a bigger page
	 * cache; NULL when the backend needs nothing.
	 */
	const char *bulk_sql;
	/*
	 * The CREATE statement of the index named $1, one row, one column; NULL
	 * where a large import keeps its indexes (store_bulk_indexes_drop()).
	 */
	const char *index_sql;
	/* Open target (a path or URI); *out owned by the caller (close()). */
	int (*open)(const char *target, bool create, struct db **out,
	    struct tld_error *err);
	void (*close)(struct db *db);
	/* Run a script of several statements without parameters (migrations). */
	int (*exec)(struct db *db, const char *sql, struct tld_error *err);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out,
	    struct tld_error *err);
	void (*finalize)(struct db_stmt *st);
	/*
	 * Bind parameter $idx (1-based); text NULL binds SQL NULL.  Text is
	 * borrowed until the statement is reset (store functions bind, step
	 * and reset within one call), which saves a copy per value.
	 */
	void (*bind_text)(struct db_stmt *st, int idx, const char *text);
	void (*bind_int64)(struct db_stmt *st, int idx, int64_t v);
	void (*bind_null)(struct db_stmt *st, int idx);
	/*
	 * Bind len bytes at data as a byte string ({{BLOB}}: SQLite BLOB,
	 * PostgreSQL BYTEA), which may hold NUL; borrowed like text.  A
	 * zero-length value is an empty byte string, never SQL NULL.
	 */
	void (*bind_blob)(struct db_stmt *st, int idx, const void *data,
	    size_t len);
	/*
	 * Execute or advance: 1 when a row is available, 0 when done, a
	 * negative code on failure (TLD_EEXIST for a unique violation,
	 * TLD_ECONFLICT for a busy/serialisation failure).
	 */
	int (*step)(struct db_stmt *st, struct tld_error *err);
	/* Column accessors for the current row; text is "" for NULL, borrowed. */
	const char *(*column_text)(struct db_stmt *st, int col);
	int64_t (*column_int64)(struct db_stmt *st, int col);
	bool (*column_is_null)(struct db_stmt *st, int col);
	/*
	 * The bytes of a {{BLOB}} column and their number in *len: borrowed,
	 * valid until the next step or reset; NULL with *len 0 for SQL NULL,
	 * and possibly NULL with *len 0 for an empty value.
	 */
	const void *(*column_blob)(struct db_stmt *st, int col, size_t *len);
	/*
	 * Optional: the id the last INSERT on this connection generated.  On
	 * SQLite this spares the temporary table RETURNING costs per row (a
	 * 100k-contact import); drivers without it use INSERT ... RETURNING.
	 */
	int64_t (*last_insert_id)(struct db *db);
	/*
	 * Optional, beside last_insert_id: the number of rows the last
	 * INSERT, UPDATE or DELETE on this connection changed, which tells
	 * whether an INSERT ... ON CONFLICT DO NOTHING inserted its row
	 * without RETURNING.
	 */
	int64_t (*changes)(struct db *db);
	/* Forget the result and bindings so the statement can run again. */
	void (*reset)(struct db_stmt *st);
	/* The migration dialect name: picks {{ID}}-style substitutions. */
	const char *(*dialect_subst)(const char *token);
	/*
	 * Write a consistent copy of the live database to path, replacing it
	 * atomically; NULL where the server's own tools do it (pg_dump).
	 */
	int (*backup)(struct db *db, const char *path, struct tld_error *err);
	/*
	 * Optional: run sql, a COPY ... FROM STDIN without parameters, with
	 * data[0..len) as its rows (PostgreSQL's text format: store/
	 * import_store.c writes it).  NULL where rows go in one by one.
	 */
	int (*copy_in)(struct db *db, const char *sql, const char *data,
	    size_t len, struct tld_error *err);
	/*
	 * Optional: leave this connection's writes in the write-ahead log at
	 * close, for a later writer's checkpoint to move (SQLite).  NULL
	 * where closing costs nothing of the kind.
	 */
	void (*defer_checkpoint)(struct db *db);
	/*
	 * Optional: make each commit of this connection durable against an OS
	 * crash or power loss before it returns (SQLite: synchronous=FULL,
	 * the WAL synced at every commit).  NULL where every commit already
	 * is (PostgreSQL's default synchronous_commit=on).
	 */
	int (*durable_commits)(struct db *db, struct tld_error *err);
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
