/* SPDX-License-Identifier: MIT */
/*
 * The PostgreSQL driver over libpq: one connection per struct db, each
 * statement prepared once on the server (PQprepare, names "s1", "s2", ...)
 * and executed with text parameters.  The server types each parameter from
 * its context in the SQL, which is why every $k a statement declares must
 * appear in it (docs/store.md).  A statement runs at its first step; later
 * steps walk the rows of the one PGresult.  Errors map by SQLSTATE: 23505
 * (unique) to TLD_EEXIST, 40001/40P01 (serialisation, deadlock) to
 * TLD_ECONFLICT, anything else to TLD_ESTORE with the server's message.
 */
#include <libpq-fe.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/dynlib.h"
#include "util/log.h"
#include "util/xalloc.h"

/*
 * libpq and its Kerberos/LDAP/TLS dependencies are loaded when a
 * PostgreSQL database is first opened (util/dynlib.h), so that SQLite users
 * and quick commands never pay for them.
 */
static struct {
	__typeof__(PQclear) *clear;
	__typeof__(PQconnectdb) *connectdb;
	__typeof__(PQdescribePrepared) *describePrepared;
	__typeof__(PQerrorMessage) *errorMessage;
	__typeof__(PQexec) *exec;
	__typeof__(PQexecPrepared) *execPrepared;
	__typeof__(PQfinish) *finish;
	__typeof__(PQfreemem) *freemem;
	__typeof__(PQgetResult) *getResult;
	__typeof__(PQgetisnull) *getisnull;
	__typeof__(PQgetvalue) *getvalue;
	__typeof__(PQnfields) *nfields;
	__typeof__(PQnparams) *nparams;
	__typeof__(PQntuples) *ntuples;
	__typeof__(PQprepare) *prepare;
	__typeof__(PQputCopyData) *putCopyData;
	__typeof__(PQputCopyEnd) *putCopyEnd;
	__typeof__(PQreset) *reset;
	__typeof__(PQresultErrorField) *resultErrorField;
	__typeof__(PQresultErrorMessage) *resultErrorMessage;
	__typeof__(PQresultStatus) *resultStatus;
	__typeof__(PQsetClientEncoding) *setClientEncoding;
	__typeof__(PQsetNoticeProcessor) *setNoticeProcessor;
	__typeof__(PQstatus) *status;
	__typeof__(PQtransactionStatus) *transactionStatus;
	__typeof__(PQunescapeBytea) *unescapeBytea;
} pq;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static struct tld_error pq_load_err;

static void
pq_load_once(void)
{
#define SYM(name) { "PQ" #name, (void **)&pq.name }
	static const struct dynlib_symbol syms[] = {
		SYM(clear),
		SYM(connectdb),
		SYM(describePrepared),
		SYM(errorMessage),
		SYM(exec),
		SYM(execPrepared),
		SYM(finish),
		SYM(freemem),
		SYM(getResult),
		SYM(getisnull),
		SYM(getvalue),
		SYM(nfields),
		SYM(nparams),
		SYM(ntuples),
		SYM(prepare),
		SYM(putCopyData),
		SYM(putCopyEnd),
		SYM(reset),
		SYM(resultErrorField),
		SYM(resultErrorMessage),
		SYM(resultStatus),
		SYM(setClientEncoding),
		SYM(setNoticeProcessor),
		SYM(status),
		SYM(transactionStatus),
		SYM(unescapeBytea),
	};
#undef SYM
	static const char *const sonames[] = { "libpq.so.5", NULL };

	(void)dynlib_load(sonames, syms, sizeof(syms) / sizeof(syms[0]), "db",
	    &pq_load_err);
}

static int
pq_load(struct tld_error *err)
{
	pthread_once(&pq_once, pq_load_once);
	if (pq_load_err.code != 0) {
		if (err != NULL)
			*err = pq_load_err;
		return pq_load_err.code;
	}
	return 0;
}

/* The key of the advisory lock that serialises migrations ("tldops"). */
#define PG_MIGRATION_LOCK "SELECT pg_advisory_xact_lock(127972258656371)"
/* A scheduled job's lock: int4 keys, so never the migration's bigint key. */
#define PG_JOB_LOCK \
    "SELECT 1 WHERE pg_try_advisory_xact_lock(hashtext('tldops.job.' || $1))"

struct db {
	PGconn *conn;
	unsigned long next_name; /* statement names s1, s2, ... */
	unsigned long session;   /* counts connections: 1, then one per reconnect */
	bool in_txn;             /* between BEGIN and COMMIT/ROLLBACK */
};

struct db_stmt {
	struct db *db;
	char name[24];
	char *sql;               /* to prepare it again on a new connection */
	unsigned long session;   /* the connection it is prepared on */
	int nparams;
	char **values;     /* nparams copies owned here; NULL binds SQL NULL */
	int *lengths;      /* byte strings: their length ... */
	int *formats;      /* ... and format 1 (binary); text is 0 */
	PGresult *res;     /* the result once executed, else NULL */
	int row;           /* current row, -1 before the first */
	int nrows;
	unsigned char **blobs; /* column_blob() results by column, until step/reset */
	int nblobs;
};

/* Fill err from a failed result (or the connection when res is NULL). */
static int
fail(PGconn *conn, const PGresult *res, struct tld_error *err, const char *what)
{
	const char *state = res ? pq.resultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? pq.resultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	int code = TLD_ESTORE;
	size_t n;

	if (state != NULL && strcmp(state, "23505") == 0)
		code = TLD_EEXIST;
	else if (state != NULL && (strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0))
		code = TLD_ECONFLICT;
	if ((msg == NULL || *msg == '\0') && res != NULL)
		msg = pq.resultErrorMessage(res);
	if (msg == NULL || *msg == '\0')
		msg = pq.errorMessage(conn);
	/* libpq messages end in a newline (and may carry a DETAIL line). */
	n = strcspn(msg, "\n");
	return tld_error_set(err, code, "", "%s: %.*s", what, (int)n, msg);
}

/* Server notices go to the debug log, not to the user's terminal. */
static void
notice(void *arg, const char *message)
{
	(void)arg;
	log_debug("store", "postgresql: %.*s", (int)strcspn(message, "\n"), message);
}

static int
command_ok(PGconn *conn, PGresult *res, struct tld_error *err, const char *what)
{
	ExecStatusType t = pq.resultStatus(res);
	int rc = 0;

	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		rc = fail(conn, res, err, what);
	pq.clear(res);
	return rc;
}

/* What every connection needs, the first one and each reconnect. */
static int
configure_session(PGconn *conn, struct tld_error *err)
{
	pq.setNoticeProcessor(conn, notice, NULL);
	if (pq.setClientEncoding(conn, "UTF8") != 0)
		return fail(conn, NULL, err, "client_encoding");
	/*
	 * Plan every execution with the table as it is now.  A cached generic
	 * plan is made while a table is small (a fresh repository, an import)
	 * and then kept: the e-mail lookup of an import of 10,000 contacts
	 * stayed a sequential scan and took 94 s instead of 9 s.  Planning our
	 * small statements costs microseconds.  (PostgreSQL 12 or later.)
	 */
	return command_ok(conn, pq.exec(conn, "SET TIME ZONE 'UTC'; "
	    "SET plan_cache_mode = force_custom_plan"), err, "configure");
}

/*
 * A connection that broke (the server restarted, a failover, a network cut)
 * is opened again before the next statement, unless a transaction was open
 * on it: that transaction is gone, and running its remaining statements on
 * their own would commit half of it, so they fail until the caller rolls
 * back.  Statements are prepared again lazily (their session is older).
 */
static int
ensure_connected(struct db *db, struct tld_error *err)
{
	if (pq.status(db->conn) == CONNECTION_OK)
		return 0;
	if (db->in_txn)
		return tld_error_set(err, TLD_ESTORE, "db",
		    "lost the connection to PostgreSQL during a transaction");
	pq.reset(db->conn);
	if (pq.status(db->conn) != CONNECTION_OK)
		return tld_error_set(err, TLD_ESTORE, "db",
		    "lost the connection to PostgreSQL and cannot reconnect: %.*s",
		    (int)strcspn(pq.errorMessage(db->conn), "\n"),
		    pq.errorMessage(db->conn));
	if (configure_session(db->conn, err) < 0)
		return TLD_ESTORE;
	db->session++;
	log_warnx("store", "reconnected to PostgreSQL");
	return 0;
}

/* Prepare s on the current connection under its name; fills nparams. */
static int
prepare_on_server(struct db_stmt *s, struct tld_error *err)
{
	PGconn *conn = s->db->conn;
	PGresult *res;
	int rc;

	res = pq.prepare(conn, s->name, s->sql, 0, NULL);
	if ((rc = command_ok(conn, res, err, "prepare")) < 0)
		return rc;
	/* The server knows how many parameters it inferred. */
	res = pq.describePrepared(conn, s->name);
	if (pq.resultStatus(res) != PGRES_COMMAND_OK) {
		rc = fail(conn, res, err, "describe");
		pq.clear(res);
		return rc;
	}
	s->nparams = pq.nparams(res);
	pq.clear(res);
	s->session = s->db->session;
	return 0;
}

static int
pg_open(const char *target, bool create, struct db **out, struct tld_error *err)
{
	PGconn *conn;
	int rc;

	/* The database itself is created by its administrator, never by us. */
	(void)create;
	if ((rc = pq_load(err)) < 0)
		return rc;
	conn = pq.connectdb(target);
	if (conn == NULL)
		return tld_error_set(err, TLD_ESTORE, "db",
		    "cannot connect to PostgreSQL: out of memory");
	if (pq.status(conn) != CONNECTION_OK) {
		/* Not the URI itself: it may hold a password. */
		rc = tld_error_set(err, TLD_ESTORE, "db",
		    "cannot connect to PostgreSQL: %.*s",
		    (int)strcspn(pq.errorMessage(conn), "\n"), pq.errorMessage(conn));
		pq.finish(conn);
		return rc;
	}
	if ((rc = configure_session(conn, err)) < 0) {
		pq.finish(conn);
		return rc;
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->conn = conn;
	(*out)->session = 1;
	return 0;
}

static void
pg_close(struct db *db)
{
	if (db == NULL)
		return;
	pq.finish(db->conn);
	free(db);
}

static int
pg_exec(struct db *db, const char *sql, struct tld_error *err)
{
	bool begin = strcmp(sql, "BEGIN") == 0;
	bool end = strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0;
	int rc;

	/* The store's transaction statements tell whether one is open. */
	if (end)
		db->in_txn = false;
	else if ((rc = ensure_connected(db, err)) < 0)
		return rc;
	/* PQexec runs a script of several statements (simple query protocol). */
	rc = command_ok(db->conn, pq.exec(db->conn, sql), err, "exec");
	if (rc == 0 && begin)
		db->in_txn = true;
	return rc;
}

static int
pg_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct tld_error *err)
{
	struct db_stmt *s;
	int rc;

	if ((rc = ensure_connected(db, err)) < 0)
		return rc;
	s = xcalloc(1, sizeof(*s));
	s->db = db;
	s->sql = xstrdup(sql);
	snprintf(s->name, sizeof(s->name), "s%lu", ++db->next_name);
	if ((rc = prepare_on_server(s, err)) < 0) {
		free(s->sql);
		free(s);
		return rc;
	}
	if (s->nparams > 0) {
		s->values = xcalloc((size_t)s->nparams, sizeof(*s->values));
		s->lengths = xcalloc((size_t)s->nparams, sizeof(*s->lengths));
		s->formats = xcalloc((size_t)s->nparams, sizeof(*s->formats));
	}
	s->row = -1;
	*out = s;
	return 0;
}

static void
clear_values(struct db_stmt *s)
{
	for (int i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->lengths[i] = 0;
		s->formats[i] = 0;
	}
}

static void
forget_blobs(struct db_stmt *s)
{
	for (int i = 0; i < s->nblobs; i++)
		if (s->blobs[i] != NULL)
			pq.freemem(s->blobs[i]);
	free(s->blobs);
	s->blobs = NULL;
	s->nblobs = 0;
}

static void
pg_reset(struct db_stmt *s)
{
	forget_blobs(s);
	pq.clear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
	clear_values(s);
}

static void
pg_finalize(struct db_stmt *s)
{
	char sql[48];

	if (s == NULL)
		return;
	pg_reset(s);
	/*
	 * Free the server's copy too, unless the transaction has failed (the
	 * DEALLOCATE would fail as well; the connection's end frees it).
	 */
	if (s->session == s->db->session &&
	    pq.status(s->db->conn) == CONNECTION_OK &&
	    pq.transactionStatus(s->db->conn) != PQTRANS_INERROR) {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
		pq.clear(pq.exec(s->db->conn, sql));
	}
	free(s->values);
	free(s->lengths);
	free(s->formats);
	free(s->sql);
	free(s);
}

/* Copy: PQexecPrepared runs at the first step, after the caller's bind. */
static void
set_value(struct db_stmt *s, int idx, char *v)
{
	if (idx < 1 || idx > s->nparams) {
		free(v);
		return;
	}
	free(s->values[idx - 1]);
	s->values[idx - 1] = v;
	s->lengths[idx - 1] = 0;
	s->formats[idx - 1] = 0;
}

static void
pg_bind_text(struct db_stmt *s, int idx, const char *text)
{
	set_value(s, idx, text ? xstrdup(text) : NULL);
}

static void
pg_bind_int64(struct db_stmt *s, int idx, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	set_value(s, idx, xstrdup(buf));
}

static void
pg_bind_null(struct db_stmt *s, int idx)
{
	set_value(s, idx, NULL);
}

/* Bytes go in binary format: BYTEA's binary form is the bytes themselves. */
static void
pg_bind_blob(struct db_stmt *s, int idx, const void *data, size_t len)
{
	char *copy;

	if (idx < 1 || idx > s->nparams)
		return;
	if (len > INT_MAX) {
		/* Bounded far below by the callers ([docs] max_size_mib). */
		log_errorx("store", "postgresql: a %zu-byte value is too large", len);
		abort();
	}
	copy = xmalloc(len ? len : 1);
	if (len > 0)
		memcpy(copy, data, len);
	set_value(s, idx, copy);
	s->lengths[idx - 1] = (int)len;
	s->formats[idx - 1] = 1;
}

static int
pg_step(struct db_stmt *s, struct tld_error *err)
{
	forget_blobs(s);
	if (s->res == NULL) {
		int rc;

		if ((rc = ensure_connected(s->db, err)) < 0)
			return rc;
		/* Same SQL, so the same parameters as the values bound. */
		if (s->session != s->db->session &&
		    (rc = prepare_on_server(s, err)) < 0)
			return rc;
		PGresult *res = pq.execPrepared(s->db->conn, s->name, s->nparams,
		    (const char *const *)s->values, s->lengths, s->formats, 0);
		ExecStatusType t = pq.resultStatus(res);

		if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
			rc = fail(s->db->conn, res, err, "step");
			pq.clear(res);
			return rc;
		}
		s->res = res;
		s->nrows = pq.ntuples(res);
		s->row = -1;
	}
	if (s->row < s->nrows)
		s->row++;
	return s->row < s->nrows ? 1 : 0;
}

static bool
in_row(struct db_stmt *s, int col)
{
	return s->res != NULL && s->row >= 0 && s->row < s->nrows &&
	    col >= 0 && col < pq.nfields(s->res);
}

static const char *
pg_column_text(struct db_stmt *s, int col)
{
	/* PQgetvalue gives "" for NULL, as the interface wants. */
	return in_row(s, col) ? pq.getvalue(s->res, s->row, col) : "";
}

static int64_t
pg_column_int64(struct db_stmt *s, int col)
{
	const char *t = pg_column_text(s, col);

	/* Booleans (t/f) never reach here: the SQL selects integers. */
	return (int64_t)strtoll(t, NULL, 10);
}

static bool
pg_column_is_null(struct db_stmt *s, int col)
{
	return !in_row(s, col) || pq.getisnull(s->res, s->row, col);
}

/* Results come as text: a BYTEA column arrives hex-escaped ("\\x..."). */
static const void *
pg_column_blob(struct db_stmt *s, int col, size_t *len)
{
	unsigned char *p;
	size_t n = 0;

	*len = 0;
	if (!in_row(s, col) || pq.getisnull(s->res, s->row, col))
		return NULL;
	if (s->blobs == NULL) {
		s->nblobs = pq.nfields(s->res);
		s->blobs = xcalloc((size_t)s->nblobs, sizeof(*s->blobs));
	}
	if (s->blobs[col] != NULL)
		pq.freemem(s->blobs[col]);
	p = pq.unescapeBytea((const unsigned char *)pq.getvalue(s->res, s->row,
	    col), &n);
	if (p == NULL) {
		log_errorx("store", "postgresql: out of memory decoding a byte string");
		abort();
	}
	s->blobs[col] = p;
	*len = n;
	return p;
}

/*
 * COPY ... FROM STDIN with data[0..len) in the statement's format: sent in
 * pieces of 1 MiB, then the server's verdict on the whole (a bad row fails
 * the COPY, and the transaction with it).
 */
static int
pg_copy_in(struct db *db, const char *sql, const char *data, size_t len,
    struct tld_error *err)
{
	const size_t piece = 1 << 20;
	PGresult *res;
	int rc = 0;

	if ((rc = ensure_connected(db, err)) < 0)
		return rc;
	res = pq.exec(db->conn, sql);
	if (pq.resultStatus(res) != PGRES_COPY_IN) {
		rc = fail(db->conn, res, err, "copy");
		pq.clear(res);
		return rc < 0 ? rc : TLD_ESTORE;
	}
	pq.clear(res);
	for (size_t off = 0; off < len && rc == 0; off += piece) {
		size_t n = len - off < piece ? len - off : piece;

		if (pq.putCopyData(db->conn, data + off, (int)n) != 1)
			rc = fail(db->conn, NULL, err, "copy");
	}
	if (pq.putCopyEnd(db->conn, rc == 0 ? NULL : "tldops: sending failed")
	    != 1 && rc == 0)
		rc = fail(db->conn, NULL, err, "copy");
	/* The COPY's own result, then NULL. */
	while ((res = pq.getResult(db->conn)) != NULL) {
		if (pq.resultStatus(res) != PGRES_COMMAND_OK && rc == 0)
			rc = fail(db->conn, res, err, "copy");
		pq.clear(res);
	}
	return rc;
}

static const char *
pg_dialect_subst(const char *token)
{
	if (strcmp(token, "ID") == 0)
		return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
	if (strcmp(token, "BLOB") == 0)
		return "BYTEA";
	if (strcmp(token, "ARCHIVE_SEARCH") == 0)
		return "CREATE INDEX archive_post_search ON archive_post "
		    "USING GIN (to_tsvector('simple', search_text));\n";
	if (strcmp(token, "DELIVERY_STATE_CHECK") == 0)
		return "SELECT 1;\n"; /* 017: nothing to change here */
	if (strcmp(token, "CONTACT_KIND_CHECK") == 0)
		return "SELECT 1;\n"; /* 022: nothing to change here */
	if (strcmp(token, "COMMUNITY_CONTACT") == 0)
		return "ALTER TABLE contact ALTER COLUMN cctld DROP NOT NULL;\n"
		    "ALTER TABLE contact ADD COLUMN kind TEXT NOT NULL DEFAULT "
		    "'cctld' CHECK (kind IN ('cctld', 'iana', 'liaison', "
		    "'staff'));\n"
		    "ALTER TABLE contact ADD COLUMN affiliation TEXT NOT NULL "
		    "DEFAULT '';\n"
		    "ALTER TABLE contact ADD CONSTRAINT contact_owner CHECK "
		    "((kind = 'cctld' AND cctld IS NOT NULL AND affiliation = '') "
		    "OR (kind <> 'cctld' AND cctld IS NULL AND affiliation <> ''));\n";
	return NULL;
}

const struct db_driver db_pg_driver = {
	.name = "postgresql",
	.begin_sql = "BEGIN",
	.migrate_lock_sql = PG_MIGRATION_LOCK,
	.job_lock_sql = PG_JOB_LOCK,
	.skip_locked = true,
	.server = true,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.bind_null = pg_bind_null,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.column_text = pg_column_text,
	.column_int64 = pg_column_int64,
	.column_is_null = pg_column_is_null,
	.column_blob = pg_column_blob,
	.reset = pg_reset,
	.dialect_subst = pg_dialect_subst,
	.backup = NULL,
	.copy_in = pg_copy_in,
};
