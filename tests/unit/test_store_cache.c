/* SPDX-License-Identifier: MIT */
/*
 * The statement cache (store_stmt() in store/store.c): more distinct
 * statements than it first has room for, run inside an outer iteration that
 * keeps stepping its own statement.  The cache used to hold 128 and finalise
 * the oldest when full, which freed the statement the outer loop was still
 * stepping (a use after free that ASan reports); it now grows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/store_internal.h"

#define OUTER_ROWS 5
#define INNER 300   /* well over the old limit of 128 */

static const char SQL_OUTER[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) "
    "SELECT i FROM n ORDER BY i";

/* Distinct addresses, stable for the connection's life: the cache's keys. */
static char inner_sql[INNER][32];

struct fixture {
	char dir[64];
	char path[96];
	struct store *s;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct tld_error err;

	snprintf(f->dir, sizeof(f->dir), "/tmp/tldops-cache-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/db.sqlite", f->dir);
	assert_int_equal(store_open(f->path, true, &f->s, &err), 0);
	for (int i = 0; i < INNER; i++)
		snprintf(inner_sql[i], sizeof(inner_sql[i]), "SELECT %d", 1000 + i);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char p[128];

	store_close(f->s);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
outer_survives_many_inner_statements(void **state)
{
	struct fixture *f = *state;
	struct store *s = f->s;
	struct tld_error err;
	struct db_stmt *outer, *st;
	int64_t seen = 0;
	int rc;

	size_t before = s->ncache;
	outer = store_stmt(s, SQL_OUTER, &err);
	assert_non_null(outer);
	while ((rc = s->drv->step(outer, &err)) > 0) {
		assert_int_equal(col_int(s, outer, 0), seen + 1);
		seen++;
		/* What a callback of a *_each loop may do: run many other statements. */
		for (int i = 0; i < INNER; i++) {
			st = store_stmt(s, inner_sql[i], &err);
			assert_non_null(st);
			assert_int_equal(s->drv->step(st, &err), 1);
			assert_int_equal(col_int(s, st, 0), 1000 + i);
			s->drv->reset(st);
		}
	}
	assert_int_equal(rc, 0);
	s->drv->reset(outer);
	assert_int_equal(seen, OUTER_ROWS);
	/* Every statement stayed cached: the outer one and each inner one once. */
	assert_true(s->ncache >= before + 1 + INNER);
	assert_true(store_stmt(s, SQL_OUTER, &err) == outer);
	assert_true(store_stmt(s, inner_sql[0], &err) ==
	    store_stmt(s, inner_sql[0], &err));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(outer_survives_many_inner_statements,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
