/* SPDX-License-Identifier: MIT */
/* Contact rows.  Removal keeps the row (removed, removed_reason). */
#include <stdbool.h>
#include <string.h>

#include "store/contact_store.h"
#include "store/store_internal.h"

/* cctld is NULL for a community contact (read as ""). */
#define CONTACT_COLUMNS \
	"id, coalesce(cctld, ''), name, email, phone, organisation, role, " \
	"languages, pgp_fingerprint, created, updated, coalesce(removed, 0), " \
	"kind, affiliation, phone_grouped"

static void
read_contact(struct store *s, struct db_stmt *st, struct contact *c)
{
	memset(c, 0, sizeof(*c));
	c->id = col_int(s, st, 0);
	col_copy(s, st, 1, c->cctld, sizeof(c->cctld));
	col_copy(s, st, 2, c->name, sizeof(c->name));
	col_copy(s, st, 3, c->email, sizeof(c->email));
	col_copy(s, st, 4, c->phone, sizeof(c->phone));
	col_copy(s, st, 5, c->organisation, sizeof(c->organisation));
	col_copy(s, st, 6, c->role, sizeof(c->role));
	col_copy(s, st, 7, c->languages, sizeof(c->languages));
	col_copy(s, st, 8, c->pgp_fingerprint, sizeof(c->pgp_fingerprint));
	c->created = col_int(s, st, 9);
	c->updated = col_int(s, st, 10);
	c->removed = col_int(s, st, 11);
	{
		char kind[CONTACT_KIND_MAX];

		col_copy(s, st, 12, kind, sizeof(kind));
		c->kind = contact_kind_from_name(kind);
	}
	col_copy(s, st, 13, c->affiliation, sizeof(c->affiliation));
	col_copy(s, st, 14, c->phone_grouped, sizeof(c->phone_grouped));
}

/* The thirteen fields as $first..$first+12 (every $k must appear in the SQL). */
static void
bind_fields(struct store *s, struct db_stmt *st, const struct contact *c,
    int first)
{
	if (c->cctld[0] == '\0')
		s->drv->bind_null(st, first);
	else
		bind_text(s, st, first, c->cctld);
	bind_text(s, st, first + 1, c->name);
	bind_text(s, st, first + 2, c->email);
	bind_text(s, st, first + 3, c->phone);
	bind_text(s, st, first + 4, c->organisation);
	bind_text(s, st, first + 5, c->role);
	bind_text(s, st, first + 6, c->languages);
	bind_text(s, st, first + 7, c->pgp_fingerprint);
	bind_int(s, st, first + 8, c->created);
	bind_int(s, st, first + 9, c->updated);
	bind_text(s, st, first + 10, contact_kind_name(c->kind));
	bind_text(s, st, first + 11, c->affiliation);
	bind_text(s, st, first + 12, c->phone_grouped);
}

#define SQL_INSERT_TEXT \
    "INSERT INTO contact (cctld, name, email, phone, organisation, role, " \
    "languages, pgp_fingerprint, created, updated, kind, affiliation, " \
    "phone_grouped) " \
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
/*
 * The arbiter is the unique index contact_active_email (lower(email) of the
 * active contacts): a conflict there inserts nothing; any other error is
 * still an error.
 */
#define SQL_INSERT_NEW_TEXT SQL_INSERT_TEXT \
    " ON CONFLICT (lower(email)) WHERE removed IS NULL DO NOTHING"
static const char SQL_INSERT_NEW[] = SQL_INSERT_NEW_TEXT;
static const char SQL_INSERT_NEW_RETURNING[] = SQL_INSERT_NEW_TEXT " RETURNING id";

int
store_contact_insert(struct store *s, struct contact *c,
    struct tld_error *err)
{
	bool rowid = s->drv->last_insert_id != NULL && s->drv->changes != NULL;
	struct db_stmt *st = store_stmt(s, rowid ? SQL_INSERT_NEW :
	    SQL_INSERT_NEW_RETURNING, err);
	bool inserted = false;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_fields(s, st, c, 1);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		c->id = col_int(s, st, 0);
		inserted = true;
	} else if (rc == 0 && rowid && s->drv->changes(s->db) == 1) {
		c->id = s->drv->last_insert_id(s->db);
		inserted = true;
	}
	s->drv->reset(st);
	if (rc == TLD_EEXIST || (rc >= 0 && !inserted))
		return tld_error_set(err, TLD_EEXIST, "email",
		    "%s is already the address of another contact", c->email);
	return rc < 0 ? rc : 0;
}

static const char SQL_UPDATE[] =
    "UPDATE contact SET cctld = $2, name = $3, email = $4, phone = $5, "
    "organisation = $6, role = $7, languages = $8, pgp_fingerprint = $9, "
    "created = $10, updated = $11, kind = $12, affiliation = $13, "
    "phone_grouped = $14 "
    "WHERE id = $1 AND removed IS NULL";

int
store_contact_update(struct store *s, const struct contact *c,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_UPDATE, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, c->id);
	bind_fields(s, st, c, 2);
	rc = store_exec_stmt(s, st, err);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, TLD_EEXIST, "email",
		    "%s is already the address of another contact", c->email);
	return rc;
}

static const char SQL_REMOVE[] =
    "UPDATE contact SET removed = $2, removed_reason = $3, updated = $2 "
    "WHERE id = $1 AND removed IS NULL";

int
store_contact_remove(struct store *s, int64_t id, int64_t at,
    const char *reason, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_REMOVE, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, at);
	bind_text(s, st, 3, reason);
	return store_exec_stmt(s, st, err);
}

static int
get_one(struct store *s, struct db_stmt *st, struct contact *out,
    struct tld_error *err)
{
	int rc = s->drv->step(st, err);

	if (rc > 0)
		read_contact(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return TLD_ENOTFOUND;
	return rc < 0 ? rc : 0;
}

static const char SQL_GET[] =
    "SELECT " CONTACT_COLUMNS " FROM contact WHERE id = $1 AND removed IS NULL";

int
store_contact_get(struct store *s, int64_t id, struct contact *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	rc = get_one(s, st, out, err);
	if (rc == TLD_ENOTFOUND)
		return tld_error_set(err, rc, "id", "no active contact %lld",
		    (long long)id);
	return rc;
}

static const char SQL_FIND_EMAIL[] =
    "SELECT " CONTACT_COLUMNS " FROM contact "
    "WHERE lower(email) = lower($1) AND removed IS NULL";

int
store_contact_find_email(struct store *s, const char *email,
    struct contact *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_FIND_EMAIL, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	return get_one(s, st, out, err);
}

static const char SQL_COUNT_CCTLD[] =
    "SELECT count(*) FROM contact WHERE cctld = $1 AND removed IS NULL";

int
store_contact_count_cctld(struct store *s, const char *code, int64_t *count,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_COUNT_CCTLD, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	return store_first_int(s, st, count, err);
}

static const char SQL_COUNT_ACTIVE[] =
    "SELECT count(*) FROM contact WHERE removed IS NULL";

int
store_contact_count_active(struct store *s, int64_t *count,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_COUNT_ACTIVE, err);

	if (st == NULL)
		return TLD_ESTORE;
	return store_first_int(s, st, count, err);
}

const char STORE_CONTACT_COMMUNITY[] = "-";

/*
 * Every contact: the ccTLDs' in the order of contact_active_cctld (cctld,
 * id), then the community's in contact_active_community's (affiliation,
 * id), two statements, so neither sorts.  One statement ordered by
 * "cctld IS NULL, cctld, affiliation, id" sorted every row: at 100k
 * contacts the sort spilled to temporary files (4,244 pwrite, 61,502 pread
 * for `digest --print`).
 */
static const char SQL_EACH_CCTLDS[] =
    "SELECT " CONTACT_COLUMNS " FROM contact "
    "WHERE cctld IS NOT NULL AND removed IS NULL ORDER BY cctld, id";
static const char SQL_EACH_COMMUNITY[] =
    "SELECT " CONTACT_COLUMNS " FROM contact "
    "WHERE cctld IS NULL AND removed IS NULL ORDER BY affiliation, id";
static const char SQL_EACH_CCTLD[] =
    "SELECT " CONTACT_COLUMNS " FROM contact "
    "WHERE cctld = $1 AND removed IS NULL ORDER BY id";

static int
each_of(struct store *s, const char *sql, const char *code,
    store_contact_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, sql, err);
	struct contact c;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	if (code != NULL)
		bind_text(s, st, 1, code);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_contact(s, st, &c);
		if ((rc = cb(ctx, &c)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

int
store_contact_each(struct store *s, const char *code, store_contact_cb cb,
    void *ctx, struct tld_error *err)
{
	int n, more;

	if (code == STORE_CONTACT_COMMUNITY)
		return each_of(s, SQL_EACH_COMMUNITY, NULL, cb, ctx, err);
	if (code != NULL)
		return each_of(s, SQL_EACH_CCTLD, code, cb, ctx, err);
	if ((n = each_of(s, SQL_EACH_CCTLDS, NULL, cb, ctx, err)) < 0 ||
	    (more = each_of(s, SQL_EACH_COMMUNITY, NULL, cb, ctx, err)) < 0)
		return n < 0 ? n : more;
	return n + more;
}

/* The list's filters: every one of $1..$5 appears (PostgreSQL types them). */
/* $1 '-' is the community's contacts (store_contact_query()). */
#define SQL_BOUNCED \
    "EXISTS (SELECT 1 FROM bounce b WHERE b.contact_id = c.id" \
    " AND b.kind IN ('hard', 'soft') AND b.received >= CAST($5 AS BIGINT))"
#define SQL_QUERY_FROM \
    " FROM contact c LEFT JOIN cctld t ON t.code = c.cctld" \
    " LEFT JOIN contact_freshness f ON f.contact_id = c.id" \
    " LEFT JOIN contact_undeliverable u ON u.contact_id = c.id" \
    " WHERE c.removed IS NULL" \
    " AND (CAST($1 AS TEXT) = '' OR c.cctld = $1" \
    "  OR (CAST($1 AS TEXT) = '-' AND c.cctld IS NULL))" \
    " AND (CAST($2 AS TEXT) = '' OR t.region = $2)" \
    " AND (CAST($3 AS BIGINT) = 0" \
    "  OR (CAST($3 AS BIGINT) = 1 AND f.stale IS NULL AND f.asked IS NULL)" \
    "  OR (CAST($3 AS BIGINT) = 2 AND f.stale IS NULL AND f.asked IS NOT NULL)" \
    "  OR (CAST($3 AS BIGINT) = 3 AND f.stale IS NOT NULL))" \
    " AND (CAST($4 AS BIGINT) = 0" \
    "  OR (CAST($4 AS BIGINT) = 1 AND u.contact_id IS NOT NULL)" \
    "  OR (CAST($4 AS BIGINT) = 2 AND u.contact_id IS NULL AND " SQL_BOUNCED ")" \
    "  OR (CAST($4 AS BIGINT) = 3 AND u.contact_id IS NULL AND NOT " SQL_BOUNCED "))"
static const char SQL_QUERY_COUNT[] = "SELECT count(*)" SQL_QUERY_FROM;
static const char SQL_QUERY[] =
    "SELECT c.id, coalesce(c.cctld, ''), c.name, c.email, c.phone, "
    "c.organisation, c.role, c.languages, c.pgp_fingerprint, c.created, "
    "c.updated, 0, c.kind, c.affiliation, c.phone_grouped, "
    "coalesce(t.region, ''), "
    "coalesce(f.asked, 0), coalesce(f.stale, 0), coalesce(u.since, 0), "
    "(SELECT count(*) FROM bounce b WHERE b.contact_id = c.id"
    " AND b.kind IN ('hard', 'soft') AND b.received >= CAST($5 AS BIGINT))"
    SQL_QUERY_FROM
    " ORDER BY"
    " CASE WHEN CAST($6 AS BIGINT) = 1 THEN lower(c.name) END,"
    " CASE WHEN CAST($6 AS BIGINT) = 2 THEN c.updated END DESC,"
    " c.cctld IS NULL, c.cctld, c.affiliation, lower(c.name), c.id"
    " LIMIT $7 OFFSET $8";

static void
bind_query(struct store *s, struct db_stmt *st, const struct contact_query *q)
{
	bind_text(s, st, 1, q->community ? "-" : q->cctld != NULL ? q->cctld : "");
	bind_text(s, st, 2, q->region != NULL ? q->region : "");
	bind_int(s, st, 3, (int64_t)q->freshness);
	bind_int(s, st, 4, (int64_t)q->bounces);
	bind_int(s, st, 5, q->bounce_since);
}

int
store_contact_query(struct store *s, const struct contact_query *q,
    store_contact_listed_cb cb, void *ctx, int64_t *total,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_QUERY_COUNT, err);
	struct contact_listed r;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_query(s, st, q);
	rc = s->drv->step(st, err);
	*total = rc > 0 ? col_int(s, st, 0) : 0;
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	if ((st = store_stmt(s, SQL_QUERY, err)) == NULL)
		return TLD_ESTORE;
	bind_query(s, st, q);
	bind_int(s, st, 6, (int64_t)q->sort);
	bind_int(s, st, 7, q->limit);
	bind_int(s, st, 8, q->offset);
	while ((rc = s->drv->step(st, err)) > 0) {
		read_contact(s, st, &r.c);
		col_copy(s, st, 15, r.region, sizeof(r.region));
		r.asked = col_int(s, st, 16);
		r.stale = col_int(s, st, 17);
		r.undeliverable = col_int(s, st, 18);
		r.bounces = col_int(s, st, 19);
		if ((rc = cb(ctx, &r)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
