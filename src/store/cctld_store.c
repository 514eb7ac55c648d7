/* SPDX-License-Identifier: MIT */
/* ccTLD rows: reference data and membership. */
#include <string.h>

#include "store/cctld_store.h"
#include "store/store_internal.h"

/* The 9th column is the number of active contacts. */
#define CCTLD_COLUMNS \
	"c.code, c.unicode, c.country, c.iso3166, c.region, c.kind, " \
	"coalesce(c.member_since, 0), coalesce(c.left_at, 0)"

static void
read_cctld(struct store *s, struct db_stmt *st, struct cctld *c)
{
	memset(c, 0, sizeof(*c));
	col_copy(s, st, 0, c->code, sizeof(c->code));
	col_copy(s, st, 1, c->unicode, sizeof(c->unicode));
	col_copy(s, st, 2, c->country, sizeof(c->country));
	col_copy(s, st, 3, c->iso3166, sizeof(c->iso3166));
	col_copy(s, st, 4, c->region, sizeof(c->region));
	col_copy(s, st, 5, c->kind, sizeof(c->kind));
	c->member_since = col_int(s, st, 6);
	c->left_at = col_int(s, st, 7);
	c->contacts = col_int(s, st, 8);
}

static const char SQL_PUT[] =
    "INSERT INTO cctld (code, unicode, country, iso3166, region, kind) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (code) DO UPDATE SET unicode = excluded.unicode, "
    "country = excluded.country, iso3166 = excluded.iso3166, "
    "region = excluded.region, kind = excluded.kind";

int
store_cctld_put_reference(struct store *s, const struct cctld *c,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PUT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, c->code);
	bind_text(s, st, 2, c->unicode);
	bind_text(s, st, 3, c->country);
	bind_text(s, st, 4, c->iso3166);
	bind_text(s, st, 5, c->region);
	bind_text(s, st, 6, c->kind);
	return store_exec_stmt(s, st, err);
}

/* Without the count of contacts: it is on the hot path of every insert. */
static const char SQL_GET[] =
    "SELECT " CCTLD_COLUMNS ", 0 FROM cctld c WHERE c.code = $1";

int
store_cctld_get(struct store *s, const char *code, struct cctld *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read_cctld(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "cctld",
		    "\"%s\" is not a delegated ccTLD", code);
	return rc < 0 ? rc : 0;
}

/* Membership and region filters are bound as parameters; NULL/0 means "any". */
/* Counts come from one aggregate pass, not a subquery per row. */
static const char SQL_EACH[] =
    "SELECT " CCTLD_COLUMNS ", coalesce(k.n, 0) FROM cctld c LEFT JOIN "
    "(SELECT cctld, count(*) AS n FROM contact WHERE removed IS NULL "
    "GROUP BY cctld) k ON k.cctld = c.code "
    "WHERE ($1 = 0 OR ($1 = 1 AND c.member_since IS NOT NULL) "
    "               OR ($1 = -1 AND c.member_since IS NULL)) "
    "AND ($2 = '' OR c.region = $2) ORDER BY c.code";

int
store_cctld_each(struct store *s, const struct cctld_filter *f,
    store_cctld_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct cctld c;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, f ? f->members : 0);
	bind_text(s, st, 2, f && f->region ? f->region : "");
	while ((rc = s->drv->step(st, err)) > 0) {
		read_cctld(s, st, &c);
		if ((rc = cb(ctx, &c)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_MEMBERSHIP[] =
    "UPDATE cctld SET member_since = $2, left_at = $3 WHERE code = $1";

int
store_cctld_set_membership(struct store *s, const char *code,
    int64_t member_since, int64_t left_at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_MEMBERSHIP, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	bind_opt_int(s, st, 2, member_since);
	bind_opt_int(s, st, 3, left_at);
	return store_exec_stmt(s, st, err);
}
