/* SPDX-License-Identifier: MIT */
/*
 * Tests of the database drivers (store/db.h) through their function
 * pointers: the same cases on SQLite (in memory, always) and on PostgreSQL
 * (when TLDOPS_PG_URI names a database, as `make e2e-pg` and
 * scripts/pg-test-server provide; skipped otherwise).  Each case works on a
 * temporary table of its own connection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/db.h"

struct fixture {
	const struct db_driver *drv;
	struct db *db;
};

static int
open_driver(void **state, const struct db_driver *drv, const char *target)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct tld_error err;
	char sql[256];

	f->drv = drv;
	if (target == NULL || drv->open(target, true, &f->db, &err) < 0) {
		if (target != NULL)
			fprintf(stderr, "cannot open %s: %s\n", drv->name, err.message);
		f->db = NULL;
	} else {
		snprintf(sql, sizeof(sql), "CREATE TEMP TABLE t (id %s, name TEXT NOT NULL, "
		    "n BIGINT, note TEXT, b %s); CREATE UNIQUE INDEX t_name ON t (name);",
		    drv->dialect_subst("ID"), drv->dialect_subst("BLOB"));
		assert_int_equal(drv->exec(f->db, sql, &err), 0);
	}
	*state = f;
	return 0;
}

static int
setup_sqlite(void **state)
{
	return open_driver(state, &db_sqlite_driver, ":memory:");
}

static int
setup_pg(void **state)
{
	const char *uri = getenv("TLDOPS_PG_URI");

	return open_driver(state, &db_pg_driver, uri && *uri ? uri : NULL);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	if (f->db != NULL)
		f->drv->close(f->db);
	free(f);
	return 0;
}

#define FIXTURE(state) \
	struct fixture *f = *(state); \
	if (f->db == NULL) { \
		skip(); \
		return; \
	}

static struct db_stmt *
prepare(struct fixture *f, const char *sql)
{
	struct db_stmt *st = NULL;
	struct tld_error err;

	assert_int_equal(f->drv->prepare(f->db, sql, &st, &err), 0);
	return st;
}

static int64_t
insert(struct fixture *f, const char *name, int64_t n, const char *note)
{
	struct db_stmt *st = prepare(f,
	    "INSERT INTO t (name, n, note) VALUES ($1, $2, $3) RETURNING id");
	struct tld_error err;
	int64_t id;

	f->drv->bind_text(st, 1, name);
	f->drv->bind_int64(st, 2, n);
	f->drv->bind_text(st, 3, note);
	assert_int_equal(f->drv->step(st, &err), 1);
	id = f->drv->column_int64(st, 0);
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->finalize(st);
	return id;
}

static void
rows_come_back_in_order_and_then_done(void **state)
{
	FIXTURE(state);
	struct db_stmt *st;
	struct tld_error err;
	const char *names[] = { "a", "b", "c" };

	for (int i = 0; i < 3; i++)
		assert_int_equal(insert(f, names[i], i, NULL), i + 1);
	st = prepare(f, "SELECT id, name FROM t WHERE id >= $1 ORDER BY id");
	f->drv->bind_int64(st, 1, 2);
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_int_equal(f->drv->column_int64(st, 0), 2);
	assert_string_equal(f->drv->column_text(st, 1), "b");
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_string_equal(f->drv->column_text(st, 1), "c");
	assert_int_equal(f->drv->step(st, &err), 0);
	/* Reset forgets the result and the bindings; the statement runs again. */
	f->drv->reset(st);
	f->drv->bind_int64(st, 1, 1);
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_string_equal(f->drv->column_text(st, 1), "a");
	f->drv->reset(st);
	f->drv->finalize(st);
}

static void
nulls_extremes_and_utf8_round_trip(void **state)
{
	FIXTURE(state);
	struct db_stmt *st;
	struct tld_error err;

	insert(f, "Иван Иванов", INT64_MAX, NULL);
	insert(f, "min", INT64_MIN, "x");
	st = prepare(f, "SELECT name, n, note FROM t ORDER BY id");
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_string_equal(f->drv->column_text(st, 0), "Иван Иванов");
	assert_true(f->drv->column_int64(st, 1) == INT64_MAX);
	assert_true(f->drv->column_is_null(st, 2));
	assert_string_equal(f->drv->column_text(st, 2), "");
	assert_false(f->drv->column_is_null(st, 0));
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_true(f->drv->column_int64(st, 1) == INT64_MIN);
	assert_string_equal(f->drv->column_text(st, 2), "x");
	f->drv->finalize(st);
}

static void
unique_violation_is_eexist_and_rollback_recovers(void **state)
{
	FIXTURE(state);
	struct db_stmt *st;
	struct tld_error err;

	assert_int_equal(f->drv->exec(f->db, f->drv->begin_sql, &err), 0);
	insert(f, "dup", 1, NULL);
	st = prepare(f, "INSERT INTO t (name, n) VALUES ($1, $2)");
	f->drv->bind_text(st, 1, "dup");
	f->drv->bind_int64(st, 2, 2);
	assert_int_equal(f->drv->step(st, &err), TLD_EEXIST);
	assert_non_null(strstr(err.message, "t_name") ? err.message :
	    strstr(err.message, "UNIQUE") ? err.message : NULL);
	f->drv->finalize(st);
	assert_int_equal(f->drv->exec(f->db, "ROLLBACK", &err), 0);
	/* The connection is usable again; the rolled-back row is gone. */
	st = prepare(f, "SELECT count(*) FROM t");
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_int_equal(f->drv->column_int64(st, 0), 0);
	f->drv->finalize(st);
}

static void
errors_name_the_reason(void **state)
{
	FIXTURE(state);
	struct db_stmt *st = NULL;
	struct tld_error err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(f->drv->prepare(f->db, "SELEC 1", &st, &err), TLD_ESTORE);
	assert_null(st);
	assert_non_null(strstr(err.message, "syntax error"));
	assert_int_equal(f->drv->exec(f->db, "SELECT * FROM no_such_table", &err),
	    TLD_ESTORE);
	assert_non_null(strstr(err.message, "no_such_table"));
}

/* Parameters typed by context on PostgreSQL: the shared SQL idioms. */
static void
shared_sql_idioms_type_on_both(void **state)
{
	FIXTURE(state);
	struct db_stmt *st;
	struct tld_error err;

	insert(f, "a", 5, NULL);
	insert(f, "b", 6, NULL);
	st = prepare(f, "SELECT name FROM t WHERE (CAST($1 AS BIGINT) = 0 OR n < $1) "
	    "AND ($2 = '' OR name = $2) ORDER BY id LIMIT $3");
	f->drv->bind_int64(st, 1, 0);
	f->drv->bind_text(st, 2, "");
	f->drv->bind_int64(st, 3, 1);
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_string_equal(f->drv->column_text(st, 0), "a");
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->reset(st);
	f->drv->bind_int64(st, 1, 4102444800); /* 2100: beyond 32 bits */
	f->drv->bind_text(st, 2, "b");
	f->drv->bind_int64(st, 3, 10);
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_string_equal(f->drv->column_text(st, 0), "b");
	f->drv->finalize(st);
	/* A duplicate with ON CONFLICT DO NOTHING RETURNING gives no row. */
	st = prepare(f, "INSERT INTO t (name, n) VALUES ($1, $2) "
	    "ON CONFLICT (name) DO NOTHING RETURNING id");
	f->drv->bind_text(st, 1, "a");
	f->drv->bind_int64(st, 2, 1);
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->finalize(st);
}

static void
byte_strings_keep_nul_bytes_and_empty_is_not_null(void **state)
{
	FIXTURE(state);
	static const unsigned char bytes[] = { 0, 'a', 0xff, 0, '\\', 'x', 0 };
	struct db_stmt *st;
	struct tld_error err;
	const void *p, *q;
	size_t n, m;

	st = prepare(f, "INSERT INTO t (name, b) VALUES ($1, $2)");
	f->drv->bind_text(st, 1, "bytes");
	f->drv->bind_blob(st, 2, bytes, sizeof(bytes));
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->reset(st);
	f->drv->bind_text(st, 1, "empty");
	f->drv->bind_blob(st, 2, "", 0);
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->reset(st);
	f->drv->bind_text(st, 1, "null");
	f->drv->bind_null(st, 2);
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->finalize(st);

	st = prepare(f, "SELECT b, b IS NULL, b FROM t ORDER BY id");
	assert_int_equal(f->drv->step(st, &err), 1);
	p = f->drv->column_blob(st, 0, &n);
	q = f->drv->column_blob(st, 2, &m);
	/* Both stay valid until the next step. */
	assert_int_equal(n, sizeof(bytes));
	assert_memory_equal(p, bytes, sizeof(bytes));
	assert_int_equal(m, sizeof(bytes));
	assert_memory_equal(q, bytes, sizeof(bytes));
	assert_int_equal(f->drv->step(st, &err), 1);
	f->drv->column_blob(st, 0, &n);
	assert_int_equal(n, 0);
	assert_false(f->drv->column_is_null(st, 0));
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_null(f->drv->column_blob(st, 0, &n));
	assert_int_equal(n, 0);
	assert_true(f->drv->column_is_null(st, 0));
	assert_int_equal(f->drv->step(st, &err), 0);
	f->drv->finalize(st);
}

/* PostgreSQL runs the statement at step time: binds must be copies. */
static void
pg_bound_text_is_copied(void **state)
{
	FIXTURE(state);
	struct db_stmt *st;
	struct tld_error err;
	char buf[16];

	st = prepare(f, "INSERT INTO t (name, n) VALUES ($1, $2) RETURNING name");
	snprintf(buf, sizeof(buf), "before");
	f->drv->bind_text(st, 1, buf);
	f->drv->bind_null(st, 2);
	snprintf(buf, sizeof(buf), "after!");
	assert_int_equal(f->drv->step(st, &err), 1);
	assert_string_equal(f->drv->column_text(st, 0), "before");
	f->drv->finalize(st);
}

static void
pg_serialisation_failures_are_conflicts(void **state)
{
	FIXTURE(state);
	struct tld_error err;

	assert_int_equal(f->drv->exec(f->db,
	    "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END$$", &err),
	    TLD_ECONFLICT);
	assert_int_equal(f->drv->exec(f->db,
	    "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40P01'; END$$", &err),
	    TLD_ECONFLICT);
	assert_int_equal(f->drv->exec(f->db,
	    "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '23505'; END$$", &err),
	    TLD_EEXIST);
}

#define BOTH(fn) \
	cmocka_unit_test_setup_teardown(fn, setup_sqlite, teardown), \
	cmocka_unit_test_setup_teardown(fn, setup_pg, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(rows_come_back_in_order_and_then_done),
		BOTH(nulls_extremes_and_utf8_round_trip),
		BOTH(unique_violation_is_eexist_and_rollback_recovers),
		BOTH(errors_name_the_reason),
		BOTH(shared_sql_idioms_type_on_both),
		BOTH(byte_strings_keep_nul_bytes_and_empty_is_not_null),
		cmocka_unit_test_setup_teardown(pg_bound_text_is_copied, setup_pg, teardown),
		cmocka_unit_test_setup_teardown(pg_serialisation_failures_are_conflicts,
		    setup_pg, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
