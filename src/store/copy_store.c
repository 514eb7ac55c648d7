/* SPDX-License-Identifier: MIT */
/*
 * Copying a whole repository from SQLite into an empty PostgreSQL database
 * (`tldops migrate`).  The tables are not listed here: they are read from
 * the source's catalogue, so every table the migrations create is copied,
 * including ones added after this file was written.  Both sides must have
 * the same tables and columns (both are opened, hence migrated, by this
 * binary).  The copy is one transaction on the target; before it commits,
 * each table is counted and checksummed on both sides, and any difference
 * rolls everything back.
 *
 * The checksum of a table is SHA-256 over the sorted SHA-256 digests of its
 * rows, each row canonically encoded (length-prefixed text, a marker for
 * NULL, binary columns as lower-case hex): independent of row order, so
 * the two servers' collations cannot make equal tables differ.
 *
 * SQL here is built from table and column names, which come from the
 * databases' own catalogues (never from input) and are checked to be plain
 * lower-case identifiers before being quoted.  Values are bound.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/copy_store.h"
#include "store/store_internal.h"
#include "util/buf.h"
#include "util/progress.h"
#include "util/xalloc.h"

#define COPY_NAME_MAX 64
#define COPY_MAX_TABLES 256
#define COPY_MAX_COLUMNS 64

struct column {
	char name[COPY_NAME_MAX];
	bool blob;
};

struct table {
	char name[COPY_NAME_MAX];
	size_t ncols;
	struct column cols[COPY_MAX_COLUMNS];
	size_t ndeps;
	char (*deps)[COPY_NAME_MAX]; /* tables it references */
	bool placed;
};

/* SQLite's catalogue (the source). */
/*
 * Ordinary tables only: an FTS5 index (the archive's) is a virtual table
 * with shadow tables of its own, rebuilt on the target by its own index.
 */
static const char SQL_SQ_TABLES[] =
    "SELECT name FROM pragma_table_list WHERE schema = 'main' "
    "AND type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
    "ORDER BY name";
static const char SQL_SQ_COLUMNS[] =
    "SELECT name, upper(type) FROM pragma_table_info($1) ORDER BY cid";
static const char SQL_SQ_REFERENCES[] =
    "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)";

/* PostgreSQL's (the target). */
static const char SQL_PG_TABLES[] =
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
    "ORDER BY table_name";
static const char SQL_PG_COLUMNS[] =
    "SELECT column_name, data_type FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = $1 "
    "ORDER BY ordinal_position";
static const char SQL_PG_IDENTITY[] =
    "SELECT column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND table_name = $1 "
    "AND is_identity = 'YES'";
/* The next generated id follows the copied ones ($3: max + 1). */
static const char SQL_PG_SETVAL[] =
    "SELECT setval(pg_get_serial_sequence($1, $2), $3, false)";

/* Rows of the version table are each side's own history, not data. */
static const char SKIP_TABLE[] = "schema_migration";

static bool
plain_identifier(const char *s)
{
	if (*s == '\0' || strlen(s) >= COPY_NAME_MAX || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return false;
	return true;
}

/*
 * Run a catalogue query with an optional text parameter; cb gets each row.
 * Uncached: several of these are built per call.
 */
static int
each_row(struct store *s, const char *sql, const char *param,
    int (*cb)(void *ctx, struct store *s, struct db_stmt *st), void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = s->drv->prepare(s->db, sql, &st, err)) < 0)
		return rc;
	if (param != NULL)
		s->drv->bind_text(st, 1, param);
	while ((rc = s->drv->step(st, err)) > 0)
		if ((rc = cb(ctx, s, st)) < 0)
			break;
	s->drv->finalize(st);
	return rc;
}

struct name_list {
	size_t n;
	char (*names)[COPY_NAME_MAX];
	const char *what;
	struct tld_error *err;
};

static int
add_name(void *ctx, struct store *s, struct db_stmt *st)
{
	struct name_list *l = ctx;
	const char *name = s->drv->column_text(st, 0);

	if (!plain_identifier(name))
		return tld_error_set(l->err, TLD_ESTORE, "db",
		    "%s \"%.64s\" is not a plain identifier", l->what, name);
	if (l->n == COPY_MAX_TABLES)
		return tld_error_set(l->err, TLD_ELIMIT, "db", "too many %ss", l->what);
	l->names = xreallocarray(l->names, l->n + 1, sizeof(*l->names));
	snprintf(l->names[l->n++], COPY_NAME_MAX, "%s", name);
	return 0;
}

struct column_list {
	struct table *t;
	bool pg;
	struct tld_error *err;
};

static int
add_column(void *ctx, struct store *s, struct db_stmt *st)
{
	struct column_list *l = ctx;
	const char *name = s->drv->column_text(st, 0);
	const char *type = s->drv->column_text(st, 1);
	struct column *c;

	if (!plain_identifier(name))
		return tld_error_set(l->err, TLD_ESTORE, "db",
		    "column \"%.64s\" of %s is not a plain identifier", name,
		    l->t->name);
	if (l->t->ncols == COPY_MAX_COLUMNS)
		return tld_error_set(l->err, TLD_ELIMIT, "db",
		    "table %s has too many columns", l->t->name);
	c = &l->t->cols[l->t->ncols++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->blob = strcmp(type, l->pg ? "bytea" : "BLOB") == 0;
	return 0;
}

static int
read_columns(struct store *s, bool pg, struct table *t, struct tld_error *err)
{
	struct column_list l = { t, pg, err };

	t->ncols = 0;
	return each_row(s, pg ? SQL_PG_COLUMNS : SQL_SQ_COLUMNS, t->name,
	    add_column, &l, err);
}

static void
free_tables(struct table *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].deps);
	free(t);
}

/* The source's tables with their columns, parents before children. */
static int
source_tables(struct store *from, struct table **out, size_t *nout,
    struct tld_error *err)
{
	struct name_list names = { 0, NULL, "table", err };
	struct table *t = NULL, *sorted = NULL;
	size_t n = 0, nsorted = 0;
	int rc;

	if ((rc = each_row(from, SQL_SQ_TABLES, NULL, add_name, &names, err)) < 0)
		goto out;
	t = xcalloc(names.n ? names.n : 1, sizeof(*t));
	for (size_t i = 0; i < names.n; i++) {
		struct name_list deps = { 0, NULL, "referenced table", err };

		if (strcmp(names.names[i], SKIP_TABLE) == 0)
			continue;
		snprintf(t[n].name, sizeof(t[n].name), "%s", names.names[i]);
		n++;
		if ((rc = read_columns(from, false, &t[n - 1], err)) < 0)
			goto out;
		rc = each_row(from, SQL_SQ_REFERENCES, t[n - 1].name, add_name,
		    &deps, err);
		t[n - 1].deps = deps.names;
		t[n - 1].ndeps = deps.n;
		if (rc < 0)
			goto out;
	}
	/* Topological order by foreign key, so every insert finds its parent. */
	sorted = xcalloc(n ? n : 1, sizeof(*sorted));
	while (nsorted < n) {
		size_t before = nsorted;

		for (size_t i = 0; i < n; i++) {
			bool ready = !t[i].placed;

			for (size_t d = 0; ready && d < t[i].ndeps; d++) {
				if (strcmp(t[i].deps[d], t[i].name) == 0)
					continue;
				for (size_t j = 0; j < n; j++)
					if (strcmp(t[j].name, t[i].deps[d]) == 0 &&
					    !t[j].placed)
						ready = false;
			}
			if (ready) {
				t[i].placed = true;
				sorted[nsorted++] = t[i];
			}
		}
		if (nsorted == before) {
			rc = tld_error_set(err, TLD_ESTORE, "db",
			    "the tables' foreign keys form a cycle");
			goto out;
		}
	}
	/* The deps arrays moved into sorted. */
	free(t);
	t = NULL;
	*out = sorted;
	*nout = n;
	sorted = NULL;
	rc = 0;
out:
	free(names.names);
	if (t != NULL)
		free_tables(t, n);
	free(sorted);
	return rc;
}

/* The target must have exactly the source's tables and columns. */
static int
check_target_schema(struct store *to, const struct table *t, size_t n,
    struct tld_error *err)
{
	struct name_list names = { 0, NULL, "table", err };
	size_t have = 0;
	int rc;

	if ((rc = each_row(to, SQL_PG_TABLES, NULL, add_name, &names, err)) < 0)
		goto out;
	for (size_t i = 0; i < names.n; i++)
		if (strcmp(names.names[i], SKIP_TABLE) != 0)
			have++;
	if (have != n) {
		rc = tld_error_set(err, TLD_ESTORE, "db",
		    "the target has %zu tables, the source %zu: not the same schema",
		    have, n);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct table theirs;

		memset(&theirs, 0, sizeof(theirs));
		snprintf(theirs.name, sizeof(theirs.name), "%s", t[i].name);
		if ((rc = read_columns(to, true, &theirs, err)) < 0)
			goto out;
		if (theirs.ncols != t[i].ncols) {
			rc = tld_error_set(err, TLD_ESTORE, "db",
			    "table %s differs between source and target", t[i].name);
			goto out;
		}
		for (size_t c = 0; c < t[i].ncols; c++) {
			if (strcmp(theirs.cols[c].name, t[i].cols[c].name) != 0 ||
			    theirs.cols[c].blob != t[i].cols[c].blob) {
				rc = tld_error_set(err, TLD_ESTORE, "db",
				    "column %s.%s differs between source and target",
				    t[i].name, t[i].cols[c].name);
				goto out;
			}
		}
	}
	rc = 0;
out:
	free(names.names);
	return rc;
}

/* SELECT of every column as canonical text (binary as lower-case hex). */
static void
select_sql(const struct table *t, bool pg, struct buf *sql)
{
	buf_puts(sql, "SELECT ");
	for (size_t c = 0; c < t->ncols; c++) {
		const char *name = t->cols[c].name;

		if (c > 0)
			buf_puts(sql, ", ");
		if (!t->cols[c].blob)
			buf_printf(sql, "\"%s\"", name);
		else if (pg)
			buf_printf(sql, "encode(\"%s\", 'hex')", name);
		else
			buf_printf(sql, "lower(hex(\"%s\"))", name);
	}
	buf_printf(sql, " FROM \"%s\"", t->name);
}

static void
insert_sql(const struct table *t, struct buf *sql)
{
	buf_printf(sql, "INSERT INTO \"%s\" (", t->name);
	for (size_t c = 0; c < t->ncols; c++)
		buf_printf(sql, "%s\"%s\"", c ? ", " : "", t->cols[c].name);
	buf_puts(sql, ") VALUES (");
	for (size_t c = 0; c < t->ncols; c++)
		buf_printf(sql, t->cols[c].blob ? "%sdecode($%zu, 'hex')" : "%s$%zu",
		    c ? ", " : "", c + 1);
	buf_puts(sql, ")");
}

static int
count_rows(struct store *s, const struct table *t, int64_t *count,
    struct tld_error *err)
{
	struct buf sql;
	struct db_stmt *st;
	int rc;

	buf_init(&sql);
	buf_printf(&sql, "SELECT count(*) FROM \"%s\"", t->name);
	rc = s->drv->prepare(s->db, buf_str(&sql), &st, err);
	buf_fini(&sql);
	if (rc < 0)
		return rc;
	if ((rc = s->drv->step(st, err)) > 0)
		*count = s->drv->column_int64(st, 0);
	s->drv->finalize(st);
	return rc < 0 ? rc : 0;
}

static int
cmp_digest(const void *a, const void *b)
{
	return memcmp(a, b, crypto_hash_sha256_BYTES);
}

/* Count and checksum one table on one side (see the top of the file). */
static int
table_digest(struct store *s, bool pg, const struct table *t, int64_t *rows,
    unsigned char out[crypto_hash_sha256_BYTES], struct tld_error *err)
{
	unsigned char *digests = NULL;
	size_t n = 0, cap = 0;
	struct buf sql, row;
	struct db_stmt *st;
	int rc;

	buf_init(&sql);
	buf_init(&row);
	select_sql(t, pg, &sql);
	if ((rc = s->drv->prepare(s->db, buf_str(&sql), &st, err)) < 0)
		goto out;
	while ((rc = s->drv->step(st, err)) > 0) {
		buf_reset(&row);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v;

			if (s->drv->column_is_null(st, (int)c)) {
				buf_puts(&row, "N;");
				continue;
			}
			v = s->drv->column_text(st, (int)c);
			buf_printf(&row, "%zu:", strlen(v));
			buf_puts(&row, v);
			buf_putc(&row, ';');
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			digests = xreallocarray(digests, cap, crypto_hash_sha256_BYTES);
		}
		crypto_hash_sha256(digests + n * crypto_hash_sha256_BYTES,
		    (const unsigned char *)row.data, row.len);
		n++;
	}
	s->drv->finalize(st);
	if (rc < 0)
		goto out;
	if (n > 0)
		qsort(digests, n, crypto_hash_sha256_BYTES, cmp_digest);
	crypto_hash_sha256(out, digests ? digests : (const unsigned char *)"",
	    n * crypto_hash_sha256_BYTES);
	*rows = (int64_t)n;
	rc = 0;
out:
	free(digests);
	buf_fini(&sql);
	buf_fini(&row);
	return rc;
}

/* How far the copy has come, told to a struct progress (util/progress.h). */
struct copy_progress {
	const struct progress *p;
	int64_t done, total;
};

static int
copy_rows(struct store *from, struct store *to, const struct table *t,
    struct copy_progress *cp, struct tld_error *err)
{
	struct db_stmt *src = NULL, *dst = NULL;
	struct buf sql;
	int rc;

	buf_init(&sql);
	select_sql(t, false, &sql);
	rc = from->drv->prepare(from->db, buf_str(&sql), &src, err);
	buf_reset(&sql);
	insert_sql(t, &sql);
	if (rc == 0)
		rc = to->drv->prepare(to->db, buf_str(&sql), &dst, err);
	buf_fini(&sql);
	if (rc < 0)
		goto out;
	while ((rc = from->drv->step(src, err)) > 0) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (from->drv->column_is_null(src, (int)c))
				to->drv->bind_null(dst, (int)c + 1);
			else
				to->drv->bind_text(dst, (int)c + 1,
				    from->drv->column_text(src, (int)c));
		}
		while ((rc = to->drv->step(dst, err)) > 0)
			;
		to->drv->reset(dst);
		if (rc < 0)
			break;
		progress_report(cp->p, ++cp->done, cp->total);
	}
out:
	if (src != NULL)
		from->drv->finalize(src);
	if (dst != NULL)
		to->drv->finalize(dst);
	return rc < 0 ? rc : 0;
}

/* Generated ids continue after the copied ones. */
static int
advance_identity(struct store *to, const struct table *t, struct tld_error *err)
{
	struct name_list ids = { 0, NULL, "identity column", err };
	int rc;

	if ((rc = each_row(to, SQL_PG_IDENTITY, t->name, add_name, &ids, err)) < 0)
		goto out;
	for (size_t i = 0; i < ids.n && rc == 0; i++) {
		struct buf sql;
		struct db_stmt *st;
		int64_t next = 1;

		buf_init(&sql);
		buf_printf(&sql, "SELECT coalesce(max(\"%s\"), 0) + 1 FROM \"%s\"",
		    ids.names[i], t->name);
		rc = to->drv->prepare(to->db, buf_str(&sql), &st, err);
		buf_fini(&sql);
		if (rc < 0)
			break;
		if ((rc = to->drv->step(st, err)) > 0)
			next = to->drv->column_int64(st, 0);
		to->drv->finalize(st);
		if (rc < 0 || (rc = to->drv->prepare(to->db, SQL_PG_SETVAL, &st, err)) < 0)
			break;
		to->drv->bind_text(st, 1, t->name);
		to->drv->bind_text(st, 2, ids.names[i]);
		to->drv->bind_int64(st, 3, next);
		while ((rc = to->drv->step(st, err)) > 0)
			;
		to->drv->finalize(st);
	}
out:
	free(ids.names);
	return rc < 0 ? rc : 0;
}

int
store_copy(struct store *from, struct store *to, const struct progress *p,
    struct store_copy_report *rep, struct tld_error *err)
{
	struct copy_progress cp = { p, 0, 0 };
	struct table *t = NULL;
	size_t n = 0;
	int rc, vfrom, vto, latest;

	memset(rep, 0, sizeof(*rep));
	if (from->drv->server || !to->drv->server)
		return tld_error_set(err, TLD_EINVAL, "db",
		    "migrate copies from SQLite to PostgreSQL");
	store_schema_version(from, &vfrom, &latest, err);
	store_schema_version(to, &vto, &latest, err);
	if (vfrom != vto)
		return tld_error_set(err, TLD_ESTORE, "db",
		    "schema versions differ: source %d, target %d", vfrom, vto);
	/* The source's write lock: nobody changes it while it is copied. */
	if ((rc = store_begin(from, err)) < 0)
		return rc;
	if ((rc = store_begin(to, err)) < 0) {
		store_rollback(from);
		return rc;
	}
	if ((rc = source_tables(from, &t, &n, err)) < 0 ||
	    (rc = check_target_schema(to, t, n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int64_t count = 0;

		if ((rc = count_rows(to, &t[i], &count, err)) < 0)
			goto out;
		if (count > 0) {
			rc = tld_error_set(err, TLD_EEXIST, "to",
			    "the target database is not empty (table %s has %lld "
			    "rows); migrate only into a database that holds no data",
			    t[i].name, (long long)count);
			goto out;
		}
	}
	rep->tables = xcalloc(n ? n : 1, sizeof(*rep->tables));
	rep->ntables = n;
	for (size_t i = 0; progress_wanted(p) && i < n; i++) {
		int64_t count = 0;

		if ((rc = count_rows(from, &t[i], &count, err)) < 0)
			goto out;
		cp.total += count;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = copy_rows(from, to, &t[i], &cp, err)) < 0 ||
		    (rc = advance_identity(to, &t[i], err)) < 0) {
			if (err != NULL && err->field[0] == '\0') {
				char msg[sizeof(err->message)];

				snprintf(msg, sizeof(msg), "%s", err->message);
				tld_error_set(err, rc, "db", "table %s: %s",
				    t[i].name, msg);
			}
			goto out;
		}
	}
	/* Verify: every table read back from the target, in this transaction. */
	for (size_t i = 0; i < n; i++) {
		struct store_copy_table *r = &rep->tables[i];
		unsigned char theirs[crypto_hash_sha256_BYTES];
		int64_t their_rows = 0;

		snprintf(r->name, sizeof(r->name), "%s", t[i].name);
		if ((rc = table_digest(from, false, &t[i], &r->rows, r->sha256, err)) < 0 ||
		    (rc = table_digest(to, true, &t[i], &their_rows, theirs, err)) < 0)
			goto out;
		if (their_rows != r->rows ||
		    memcmp(theirs, r->sha256, sizeof(theirs)) != 0) {
			rc = tld_error_set(err, TLD_ECONFLICT, "db",
			    "table %s: %lld rows in the source, %lld in the target%s; "
			    "nothing was copied", t[i].name, (long long)r->rows,
			    (long long)their_rows,
			    their_rows == r->rows ? ", contents differ" : "");
			goto out;
		}
		rep->rows += r->rows;
	}
	rc = store_commit(to, err);
out:
	if (rc < 0) {
		store_rollback(to);
		store_copy_report_fini(rep);
	}
	store_rollback(from);
	free_tables(t, n);
	return rc;
}

void
store_copy_report_fini(struct store_copy_report *rep)
{
	free(rep->tables);
	memset(rep, 0, sizeof(*rep));
}
