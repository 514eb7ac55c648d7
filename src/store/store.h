/* SPDX-License-Identifier: MIT */
/*
 * The persistence interface the service layer uses: a connection to the
 * repository (SQLite file or PostgreSQL), transactions, and one function per
 * question or change.  All SQL lives behind it (src/store/); a backend is a
 * struct db_driver (store/db.h).  Functions return 0 or a count on success
 * and a negative TLD_E* code on failure with err filled.
 */
#ifndef TLD_STORE_STORE_H
#define TLD_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct store;

/*
 * Open target: "postgresql://..." / "postgres://..." for PostgreSQL, else an
 * SQLite path ("sqlite:" prefix optional).  With create, a missing SQLite
 * file is created (mode 0600, its folder 0700).  Pending migrations are
 * applied.  *out is the caller's (store_close()).
 */
int store_open(const char *target, bool create, struct store **out,
    struct tld_error *err);
void store_close(struct store *s);
/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);

/* Schema version now in the database and the newest this binary knows. */
int store_schema_version(struct store *s, int *current, int *latest,
    struct tld_error *err);

/*
 * Before a large write (an import): give this connection a bigger page
 * cache so the transaction does not spill to disk half-way.  Connections
 * otherwise keep a small cache: `serve` holds one per thread.
 */
void store_prepare_bulk(struct store *s);

/*
 * A large import into a repository holding far fewer rows (the first load
 * of a community): inside the open transaction, drop the secondary indexes
 * that none of the import's own queries reads (the list's address order
 * and the audit log's three); store_commit() builds each again, once,
 * before it commits: sorting 100k entries costs a third of updating the
 * indexes row by row.  A rollback brings them back as they were.  Nothing
 * happens on a backend without index_sql (PostgreSQL imports through
 * COPY).  0, or an error.
 */
int store_bulk_indexes_drop(struct store *s, struct tld_error *err);
/*
 * What this connection wrote may wait in SQLite's write-ahead log after
 * close instead of being checkpointed into the database file then (four
 * fdatasync calls: more than a whole emergency lookup).  For writes that
 * can wait, such as a usage count; nothing on PostgreSQL.
 */
void store_defer_checkpoint(struct store *s);
/*
 * From now on each commit on this connection survives an OS crash or power
 * loss once it returns, not only a crash of the process (SQLite's default
 * here, synchronous=NORMAL, may lose the last commits then).  For a commit
 * someone else acts on, such as `tldops deliver`'s exit 0 to the MTA: one
 * fdatasync of the WAL more per commit.  Nothing to do on PostgreSQL.
 */
int store_durable_commits(struct store *s, struct tld_error *err);

/* One write transaction at a time per connection; commit or rollback ends it. */
int store_begin(struct store *s, struct tld_error *err);
int store_commit(struct store *s, struct tld_error *err);
void store_rollback(struct store *s);
/*
 * End the transaction by the outcome rc of its work: rc < 0 rolls back and
 * returns rc; else commits and returns the commit's error, or rc (0 or a
 * count) when the commit went through.
 */
int store_end(struct store *s, int rc, struct tld_error *err);

/* Callback shapes several stores share; a negative result stops and is returned. */
typedef int (*store_count_cb)(void *ctx, const char *key, int64_t n);
typedef int (*store_text_cb)(void *ctx, const char *text);
typedef int (*store_pair_cb)(void *ctx, const char *a, const char *b);

#endif
