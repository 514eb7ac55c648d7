/* SPDX-License-Identifier: MIT */
/* One-time links: one code over the two token tables (store/link_store.h). */
#include <string.h>

#include "store/link_store.h"
#include "store/store_internal.h"

/*
 * Each kind's statements.  The tables differ in one column: the
 * confirmation's creation time, the authorisation's role; insert binds it
 * as $5 and get reads both (the missing one as a constant).
 */
static const struct {
	const char *insert, *get, *use, *use_all;
	bool has_role;
} SQL[LINK_KINDS] = {
	[LINK_CONFIRM] = {
		"INSERT INTO freshness_token (hash, contact_id, email, expires, "
		    "created) VALUES ($1, $2, $3, $4, $5)",
		"SELECT hash, contact_id, '', email, created, expires, "
		    "coalesce(used, 0) FROM freshness_token WHERE hash = $1",
		"UPDATE freshness_token SET used = $2 WHERE hash = $1 "
		    "AND used IS NULL RETURNING contact_id",
		"UPDATE freshness_token SET used = $2 WHERE contact_id = $1 "
		    "AND used IS NULL",
		false,
	},
	[LINK_AUTHORISE] = {
		"INSERT INTO request_token (hash, request_id, email, expires, "
		    "role) VALUES ($1, $2, $3, $4, $5)",
		"SELECT hash, request_id, role, email, 0, expires, "
		    "coalesce(used, 0) FROM request_token WHERE hash = $1",
		"UPDATE request_token SET used = $2 WHERE hash = $1 "
		    "AND used IS NULL RETURNING request_id",
		"UPDATE request_token SET used = $2 WHERE request_id = $1 "
		    "AND used IS NULL",
		true,
	},
};

int
store_link_insert(struct store *s, enum link_kind kind,
    const struct link_row *t, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL[kind].insert, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, t->hash);
	bind_int(s, st, 2, t->owner);
	bind_text(s, st, 3, t->email);
	bind_int(s, st, 4, t->expires);
	if (SQL[kind].has_role)
		bind_text(s, st, 5, t->role);
	else
		bind_int(s, st, 5, t->created);
	return store_exec_stmt(s, st, err);
}

int
store_link_get(struct store *s, enum link_kind kind, const char *hash,
    struct link_row *out, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL[kind].get, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, hash);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		col_copy(s, st, 0, out->hash, sizeof(out->hash));
		out->owner = col_int(s, st, 1);
		col_copy(s, st, 2, out->role, sizeof(out->role));
		col_copy(s, st, 3, out->email, sizeof(out->email));
		out->created = col_int(s, st, 4);
		out->expires = col_int(s, st, 5);
		out->used = col_int(s, st, 6);
	}
	s->drv->reset(st);
	if (rc == 0)
		return TLD_ENOTFOUND;
	return rc < 0 ? rc : 0;
}

int
store_link_use(struct store *s, enum link_kind kind, const char *hash,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL[kind].use, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, hash);
	bind_int(s, st, 2, at);
	rc = s->drv->step(st, err);
	s->drv->reset(st);
	return rc < 0 ? rc : rc > 0;
}

int
store_link_use_all(struct store *s, enum link_kind kind, int64_t owner,
    int64_t at, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL[kind].use_all, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, owner);
	bind_int(s, st, 2, at);
	return store_exec_stmt(s, st, err);
}
