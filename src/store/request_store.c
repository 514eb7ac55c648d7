/* SPDX-License-Identifier: MIT */
/* Membership requests (their authorisation tokens: link_store.c). */
#include <stdio.h>
#include <string.h>

#include "store/request_store.h"
#include "store/store_internal.h"

#define REQUEST_COLUMNS \
	"id, kind, cctld, state, coalesce(contact_id, 0), name, email, phone, " \
	"organisation, role, languages, pgp_fingerprint, fields_given, " \
	"requested_by, created, expires, authorised_by, " \
	"coalesce(authorised_at, 0), decided_by, coalesce(decided_at, 0), reason, " \
	"phone_grouped"

static void
read_request(struct store *s, struct db_stmt *st, struct request_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = col_int(s, st, 0);
	col_copy(s, st, 1, r->kind, sizeof(r->kind));
	col_copy(s, st, 2, r->cctld, sizeof(r->cctld));
	col_copy(s, st, 3, r->state, sizeof(r->state));
	r->contact_id = col_int(s, st, 4);
	col_copy(s, st, 5, r->proposed.name, sizeof(r->proposed.name));
	col_copy(s, st, 6, r->proposed.email, sizeof(r->proposed.email));
	col_copy(s, st, 7, r->proposed.phone, sizeof(r->proposed.phone));
	col_copy(s, st, 8, r->proposed.organisation, sizeof(r->proposed.organisation));
	col_copy(s, st, 9, r->proposed.role, sizeof(r->proposed.role));
	col_copy(s, st, 10, r->proposed.languages, sizeof(r->proposed.languages));
	col_copy(s, st, 11, r->proposed.pgp_fingerprint,
	    sizeof(r->proposed.pgp_fingerprint));
	col_copy(s, st, 12, r->fields_given, sizeof(r->fields_given));
	col_copy(s, st, 13, r->requested_by, sizeof(r->requested_by));
	r->created = col_int(s, st, 14);
	r->expires = col_int(s, st, 15);
	col_copy(s, st, 16, r->authorised_by, sizeof(r->authorised_by));
	r->authorised_at = col_int(s, st, 17);
	col_copy(s, st, 18, r->decided_by, sizeof(r->decided_by));
	r->decided_at = col_int(s, st, 19);
	col_copy(s, st, 20, r->reason, sizeof(r->reason));
	col_copy(s, st, 21, r->proposed.phone_grouped,
	    sizeof(r->proposed.phone_grouped));
	snprintf(r->proposed.cctld, sizeof(r->proposed.cctld), "%s", r->cctld);
}

static const char SQL_INSERT[] =
    "INSERT INTO request (kind, cctld, state, contact_id, name, email, phone, "
    "organisation, role, languages, pgp_fingerprint, fields_given, "
    "requested_by, created, expires, phone_grouped) VALUES ($1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";

int
store_request_insert(struct store *s, struct request_row *r,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_INSERT, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, r->kind);
	bind_text(s, st, 2, r->cctld);
	bind_text(s, st, 3, r->state);
	bind_opt_int(s, st, 4, r->contact_id);
	bind_text(s, st, 5, r->proposed.name);
	bind_text(s, st, 6, r->proposed.email);
	bind_text(s, st, 7, r->proposed.phone);
	bind_text(s, st, 8, r->proposed.organisation);
	bind_text(s, st, 9, r->proposed.role);
	bind_text(s, st, 10, r->proposed.languages);
	bind_text(s, st, 11, r->proposed.pgp_fingerprint);
	bind_text(s, st, 12, r->fields_given);
	bind_text(s, st, 13, r->requested_by);
	bind_int(s, st, 14, r->created);
	bind_int(s, st, 15, r->expires);
	bind_text(s, st, 16, r->proposed.phone_grouped);
	return store_first_int(s, st, &r->id, err);
}

static const char SQL_GET[] =
    "SELECT " REQUEST_COLUMNS " FROM request WHERE id = $1";

int
store_request_get(struct store *s, int64_t id, struct request_row *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read_request(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "id", "no request %lld",
		    (long long)id);
	return rc < 0 ? rc : 0;
}

static int
each_row(struct store *s, struct db_stmt *st, store_request_cb cb, void *ctx,
    struct tld_error *err)
{
	struct request_row r;
	int rc, n = 0;

	while ((rc = s->drv->step(st, err)) > 0) {
		read_request(s, st, &r);
		if ((rc = cb(ctx, &r)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_EACH[] =
    "SELECT " REQUEST_COLUMNS " FROM request WHERE ($1 = '' OR state = $1) "
    "ORDER BY id DESC";

int
store_request_each(struct store *s, const char *state, store_request_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, state ? state : "");
	return each_row(s, st, cb, ctx, err);
}

static const char SQL_EACH_EXPIRED[] =
    "SELECT " REQUEST_COLUMNS " FROM request "
    "WHERE state = 'pending-authorisation' AND expires <= $1 ORDER BY id";

int
store_request_each_expired(struct store *s, int64_t now, store_request_cb cb,
    void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH_EXPIRED, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, now);
	return each_row(s, st, cb, ctx, err);
}

/* RETURNING tells whether this statement made the change (a race has one winner). */
static const char SQL_AUTHORISE[] =
    "UPDATE request SET state = $3, authorised_by = $4, authorised_at = $5 "
    "WHERE id = $1 AND state = $2 RETURNING id";
static const char SQL_DECIDE[] =
    "UPDATE request SET state = $3, decided_by = $4, decided_at = $5, "
    "reason = $6 WHERE id = $1 AND state = $2 RETURNING id";

int
store_request_transition(struct store *s, int64_t id, const char *from,
    const char *to, const char *who, int64_t at, const char *reason,
    struct tld_error *err)
{
	bool authorise = strcmp(to, "authorised") == 0;
	struct db_stmt *st = store_stmt(s, authorise ? SQL_AUTHORISE : SQL_DECIDE,
	    err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, from);
	bind_text(s, st, 3, to);
	bind_text(s, st, 4, who);
	bind_int(s, st, 5, at);
	if (!authorise)
		bind_text(s, st, 6, reason ? reason : "");
	rc = s->drv->step(st, err);
	s->drv->reset(st);
	return rc < 0 ? rc : rc > 0;
}
