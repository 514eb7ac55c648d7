/* SPDX-License-Identifier: MIT */
/* IANA root-zone-database records: a ccTLD's manager and admin/tech contacts. */
#include <stdio.h>
#include <string.h>

#include "store/iana_store.h"
#include "store/store_internal.h"

static const char SQL_GET_RECORD[] =
    "SELECT organisation, created, changed, imported FROM iana_record "
    "WHERE cctld = $1";
static const char SQL_GET_PEOPLE[] =
    "SELECT kind, name, organisation, address, phone, fax, email "
    "FROM iana_contact WHERE cctld = $1";

static void
read_person(struct store *s, struct db_stmt *st, struct iana_person *p)
{
	col_copy(s, st, 1, p->name, sizeof(p->name));
	col_copy(s, st, 2, p->organisation, sizeof(p->organisation));
	col_copy(s, st, 3, p->address, sizeof(p->address));
	col_copy(s, st, 4, p->phone, sizeof(p->phone));
	col_copy(s, st, 5, p->fax, sizeof(p->fax));
	col_copy(s, st, 6, p->email, sizeof(p->email));
}

int
store_iana_get(struct store *s, const char *code, struct iana_record *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET_RECORD, err);
	struct iana_record r;
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	memset(&r, 0, sizeof(r));
	snprintf(r.cctld, sizeof(r.cctld), "%s", code);
	bind_text(s, st, 1, code);
	rc = s->drv->step(st, err);
	if (rc > 0) {
		col_copy(s, st, 0, r.organisation, sizeof(r.organisation));
		col_copy(s, st, 1, r.created, sizeof(r.created));
		col_copy(s, st, 2, r.changed, sizeof(r.changed));
		r.imported = col_int(s, st, 3);
	}
	s->drv->reset(st);
	if (rc <= 0)
		return rc < 0 ? rc : tld_error_set(err, TLD_ENOTFOUND, "cctld",
		    "no IANA record stored for %s (run 'tldops iana import' first)",
		    code);
	if ((st = store_stmt(s, SQL_GET_PEOPLE, err)) == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	while ((rc = s->drv->step(st, err)) > 0) {
		const char *kind = col_text(s, st, 0);

		read_person(s, st, strcmp(kind, "admin") == 0 ? &r.admin : &r.tech);
	}
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	*out = r;
	return 0;
}

static const char SQL_PUT_RECORD[] =
    "INSERT INTO iana_record (cctld, organisation, created, changed, imported) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cctld) DO UPDATE SET "
    "organisation = excluded.organisation, created = excluded.created, "
    "changed = excluded.changed, imported = excluded.imported";
static const char SQL_PUT_PERSON[] =
    "INSERT INTO iana_contact (cctld, kind, name, organisation, address, "
    "phone, fax, email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (cctld, kind) DO UPDATE SET name = excluded.name, "
    "organisation = excluded.organisation, address = excluded.address, "
    "phone = excluded.phone, fax = excluded.fax, email = excluded.email";

static int
put_person(struct store *s, const char *code, const char *kind,
    const struct iana_person *p, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PUT_PERSON, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, code);
	bind_text(s, st, 2, kind);
	bind_text(s, st, 3, p->name);
	bind_text(s, st, 4, p->organisation);
	bind_text(s, st, 5, p->address);
	bind_text(s, st, 6, p->phone);
	bind_text(s, st, 7, p->fax);
	bind_text(s, st, 8, p->email);
	return store_exec_stmt(s, st, err);
}

int
store_iana_put(struct store *s, const struct iana_record *r,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PUT_RECORD, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, r->cctld);
	bind_text(s, st, 2, r->organisation);
	bind_text(s, st, 3, r->created);
	bind_text(s, st, 4, r->changed);
	bind_int(s, st, 5, r->imported);
	if ((rc = store_exec_stmt(s, st, err)) < 0)
		return rc;
	if ((rc = put_person(s, r->cctld, "admin", &r->admin, err)) < 0)
		return rc;
	return put_person(s, r->cctld, "tech", &r->tech, err);
}
