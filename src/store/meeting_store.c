/* SPDX-License-Identifier: MIT */
/*
 * Meetings, and the two questions of the audit log the meeting pack asks:
 * the history of one kind of object, and each initiative's last progress.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/audit_store.h"
#include "store/meeting_store.h"
#include "store/store_internal.h"

#define MEETING_COLUMNS "name, date, place, created, created_by"

static void
read_meeting(struct store *s, struct db_stmt *st, struct meeting *m)
{
	memset(m, 0, sizeof(*m));
	col_copy(s, st, 0, m->name, sizeof(m->name));
	m->date = col_int(s, st, 1);
	col_copy(s, st, 2, m->place, sizeof(m->place));
	m->created = col_int(s, st, 3);
	col_copy(s, st, 4, m->created_by, sizeof(m->created_by));
}

static const char SQL_ON_DATE[] =
    "SELECT name FROM meeting WHERE date = $1";
/*
 * No row back means the name is taken (a failing insert would abort a
 * PostgreSQL transaction).
 */
static const char SQL_INSERT[] =
    "INSERT INTO meeting (name, date, place, created, created_by) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING name";

int
store_meeting_insert(struct store *s, const struct meeting *m,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ON_DATE, err);
	char other[MEETING_NAME_MAX + 1] = "";
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, m->date);
	rc = s->drv->step(st, err);
	if (rc > 0)
		col_copy(s, st, 0, other, sizeof(other));
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	if (rc > 0) {
		/*
		 * The date is the day (00:00 UTC, model/meeting.h), so equal dates
		 * are the same day and nothing else is.
		 */
		char day[16];
		time_t t = (time_t)m->date;
		struct tm tm;

		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(day, sizeof(day), "%Y-%m-%d", &tm) == 0)
			snprintf(day, sizeof(day), "that day");
		return tld_error_set(err, TLD_EEXIST, "date",
		    "%s is already the day of meeting \"%s\"; one meeting a day "
		    "(tldops meeting list)", day, other);
	}
	if ((st = store_stmt(s, SQL_INSERT, err)) == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, m->name);
	bind_int(s, st, 2, m->date);
	bind_text(s, st, 3, m->place);
	bind_int(s, st, 4, m->created);
	bind_text(s, st, 5, m->created_by);
	rc = s->drv->step(st, err);
	s->drv->reset(st);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return tld_error_set(err, TLD_EEXIST, "name",
		    "there is a meeting \"%s\" already", m->name);
	return 0;
}

static const char SQL_GET[] =
    "SELECT " MEETING_COLUMNS " FROM meeting WHERE name = $1";

int
store_meeting_get(struct store *s, const char *name, struct meeting *out,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_GET, err);
	int rc;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, name);
	rc = s->drv->step(st, err);
	if (rc > 0)
		read_meeting(s, st, out);
	s->drv->reset(st);
	if (rc == 0)
		return tld_error_set(err, TLD_ENOTFOUND, "meeting",
		    "there is no meeting \"%s\" (tldops meeting list)", name);
	return rc < 0 ? rc : 0;
}

static const char SQL_EACH[] =
    "SELECT " MEETING_COLUMNS " FROM meeting ORDER BY date, name";

int
store_meeting_each(struct store *s, store_meeting_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_EACH, err);
	struct meeting m;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	while ((rc = s->drv->step(st, err)) > 0) {
		read_meeting(s, st, &m);
		if ((rc = cb(ctx, &m)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

#define AUDIT_COLUMNS \
	"id, at, actor, action, object_type, object_id, before_json, after_json"
/*
 * In the order the rows were written: the last row of an object is its
 * state, whatever the clocks of the writers said.
 */
static const char SQL_AUDIT_TYPE[] =
    "SELECT " AUDIT_COLUMNS " FROM audit WHERE object_type = $1 "
    "AND (CAST($2 AS BIGINT) = 0 OR at < $2) ORDER BY id";
static const char SQL_AUDIT_OBJECT[] =
    "SELECT " AUDIT_COLUMNS " FROM audit WHERE object_type = $1 "
    "AND (CAST($2 AS BIGINT) = 0 OR at < $2) AND object_id = $3 "
    "ORDER BY id";

int
store_audit_object_each(struct store *s, const char *object_type,
    const char *object_id, int64_t until, store_audit_cb cb, void *ctx,
    struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, object_id ? SQL_AUDIT_OBJECT :
	    SQL_AUDIT_TYPE, err);
	struct audit_entry e;
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_text(s, st, 1, object_type);
	bind_int(s, st, 2, until);
	if (object_id != NULL)
		bind_text(s, st, 3, object_id);
	while ((rc = s->drv->step(st, err)) > 0) {
		e.id = col_int(s, st, 0);
		e.at = col_int(s, st, 1);
		e.actor = col_text(s, st, 2);
		e.action = col_text(s, st, 3);
		e.object_type = col_text(s, st, 4);
		e.object_id = col_text(s, st, 5);
		e.before_json = s->drv->column_is_null(st, 6) ? NULL :
		    col_text(s, st, 6);
		e.after_json = s->drv->column_is_null(st, 7) ? NULL :
		    col_text(s, st, 7);
		if ((rc = cb(ctx, &e)) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}

static const char SQL_PROGRESS[] =
    "SELECT object_id, max(at) FROM audit WHERE object_type = 'initiative' "
    "AND action IN ('initiative.lead', 'initiative.team', "
    "'initiative.milestone_done', 'initiative.state') "
    "AND (CAST($1 AS BIGINT) = 0 OR at < $1) GROUP BY object_id "
    "ORDER BY object_id";

int
store_initiative_progress_each(struct store *s, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_PROGRESS, err);
	int rc, n = 0;

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, until);
	while ((rc = s->drv->step(st, err)) > 0) {
		if ((rc = cb(ctx, col_text(s, st, 0), col_int(s, st, 1))) < 0)
			break;
		n++;
	}
	s->drv->reset(st);
	return rc < 0 ? rc : n;
}
