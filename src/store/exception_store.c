/* SPDX-License-Identifier: MIT */
/* Generic-contact exceptions: who allowed which role address, when and why. */
#include <string.h>

#include "store/exception_store.h"
#include "store/store_internal.h"

static const char SQL_INSERT[] =
    "INSERT INTO generic_exception (email, reason, approved_by, created) "
    "VALUES ($1, $2, $3, $4) RETURNING id";

int
store_exception_insert(struct store *s, struct generic_exception *e,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, e->email);
	bind_text(s, st, 2, e->reason);
	bind_text(s, st, 3, e->approved_by);
	bind_int(s, st, 4, e->created);
	rc = s->drv->step(st, err);
	if (rc > 0)
		e->id = col_int(s, st, 0);
	s->drv->reset(st);
	if (rc == TLD_EEXIST)
		return tld_error_set(err, rc, "email",
		    "an exception for %s exists already", e->email);
	return rc < 0 ? rc : 0;
}

static const char SQL_COVERS[] =
    "SELECT count(*) FROM generic_exception "
    "WHERE lower(email) = lower($1) AND revoked IS NULL";

int
store_exception_covers(struct store *s, const char *email, bool *covered,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_COVERS, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, email);
	rc = s->drv->step(st, err);
	if (rc > 0)
		*covered = col_int(s, st, 0) > 0;
	s->drv->reset(st);
	return rc < 0 ? rc : 0;
}

static const char SQL_REVOKE[] =
    "UPDATE generic_exception SET revoked = $2 "
    "WHERE id = $1 AND revoked IS NULL "
    "RETURNING id, email, reason, approved_by, created";

int
store_exception_revoke(struct store *s, int64_t id, int64_t when,
    struct generic_exception *e, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_REVOKE, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, when);
	memset(e, 0, sizeof(*e));
	rc = s->drv->step(st, err);
	if (rc > 0) {
		e->id = col_int(s, st, 0);
		col_copy(s, st, 1, e->email, sizeof(e->email));
		col_copy(s, st, 2, e->reason, sizeof(e->reason));
		col_copy(s, st, 3, e->approved_by, sizeof(e->approved_by));
		e->created = col_int(s, st, 4);
	}
	s->drv->reset(st);
	return rc < 0 ? rc : rc > 0 ? 1 : 0;
}

/* With the active contact that has the address, if any (the one it stands for). */
static const char SQL_EACH[] =
    "SELECT e.id, e.email, e.reason, e.approved_by, e.created, "
    "coalesce(c.id, 0), coalesce(c.cctld, ''), coalesce(c.kind, ''), "
    "coalesce(c.affiliation, '') FROM generic_exception e "
    "LEFT JOIN contact c ON lower(c.email) = lower(e.email) "
    "AND c.removed IS NULL WHERE e.revoked IS NULL ORDER BY e.id";

int
store_exception_each(struct store *s, store_exception_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct generic_exception e;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		memset(&e, 0, sizeof(e));
		e.id = col_int(s, st, 0);
		col_copy(s, st, 1, e.email, sizeof(e.email));
		col_copy(s, st, 2, e.reason, sizeof(e.reason));
		col_copy(s, st, 3, e.approved_by, sizeof(e.approved_by));
		e.created = col_int(s, st, 4);
		e.contact_id = col_int(s, st, 5);
		col_copy(s, st, 6, e.contact_cctld, sizeof(e.contact_cctld));
		col_copy(s, st, 7, e.contact_kind, sizeof(e.contact_kind));
		col_copy(s, st, 8, e.contact_affiliation,
		    sizeof(e.contact_affiliation));
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
