/* SPDX-License-Identifier: MIT */
/*
 * Shared by the files of src/store/ only: the connection, its statement
 * cache and small binding/column helpers over the driver.
 */
#ifndef TLD_STORE_INTERNAL_H
#define TLD_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store.h"

/* Room for this many statements at first; the cache grows as needed. */
#define STORE_CACHE_INITIAL 64

struct store {
	const struct db_driver *drv;
	struct db *db;
	bool in_txn;
	size_t ncache, cache_cap;
	struct store_cached {
		const char *sql; /* static string: the cache key is its address */
		struct db_stmt *st;
	} *cache;            /* owned; grows, never evicts (store_stmt()) */
	/* What store_bulk_indexes_drop() dropped: their CREATE statements. */
	char *dropped[4];
	size_t ndropped;
};

/*
 * The prepared statement for sql (a string literal), reset and ready to
 * bind; NULL with err filled on failure.  Borrowed: do not finalize; it
 * lives until store_close() (the cache never evicts, so a statement an outer
 * loop is stepping stays valid whatever the callback runs).  A callback must
 * not run the same statement while it is being stepped.
 */
struct db_stmt *store_stmt(struct store *s, const char *sql,
    struct tld_error *err);

/*
 * Step once and reset: 1 when the statement returned a row (an UPDATE or
 * INSERT ... RETURNING that proves the change happened), 0 when none.
 */
int store_step_row(struct store *s, struct db_stmt *st, struct tld_error *err);

/* Fills *out (a struct of the caller's kind) from the current row of st. */
typedef void (*store_row_read)(struct store *s, struct db_stmt *st, void *out);

/*
 * Run sql with $1 = key and read its one row into out; TLD_ENOTFOUND
 * naming field ("there is no <what> <key>") when there is none.
 */
int store_get_one(struct store *s, const char *sql, int64_t key,
    store_row_read read, void *out, const char *field, const char *what,
    struct tld_error *err);

/*
 * Step st and reset it; the first column of its row, if it has one, in *out
 * (an INSERT ... RETURNING id, a count, a max): 0, or the step's error.
 */
int store_first_int(struct store *s, struct db_stmt *st, int64_t *out,
    struct tld_error *err);

/* Step a statement that returns no rows (or ignore them); then reset it. */
int store_exec_stmt(struct store *s, struct db_stmt *st, struct tld_error *err);

static inline void
bind_text(struct store *s, struct db_stmt *st, int i, const char *v)
{
	s->drv->bind_text(st, i, v);
}

static inline void
bind_int(struct store *s, struct db_stmt *st, int i, int64_t v)
{
	s->drv->bind_int64(st, i, v);
}

/* Bind v, or NULL when v is 0 (optional timestamps). */
static inline void
bind_opt_int(struct store *s, struct db_stmt *st, int i, int64_t v)
{
	if (v == 0)
		s->drv->bind_null(st, i);
	else
		s->drv->bind_int64(st, i, v);
}

static inline const char *
col_text(struct store *s, struct db_stmt *st, int c)
{
	return s->drv->column_text(st, c);
}

static inline int64_t
col_int(struct store *s, struct db_stmt *st, int c)
{
	return s->drv->column_int64(st, c);
}

/* Copy column c into out[outlen], truncating (fields are bounded at input). */
void col_copy(struct store *s, struct db_stmt *st, int c, char *out,
    size_t outlen);

#endif
