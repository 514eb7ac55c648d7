/* SPDX-License-Identifier: MIT */
/* Meetings: adding, finding, listing, and the calendar the flags use. */
#include "service/planning/meetings.h"

#include <stdlib.h>
#include <string.h>

#include "model/meeting.h"
#include "model/text.h"
#include "service/audit.h"
#include "store/meeting_store.h"
#include "util/clock.h"
#include "util/xalloc.h"

void
meetings_format_day(int64_t t, char *out, size_t outlen)
{
	char iso[32];

	clock_format_iso(t, iso, sizeof(iso));
	snprintf(out, outlen, "%.10s", iso);
}

json_t *
meetings_to_json(const struct meeting *m)
{
	char day[16];

	meetings_format_day(m->date, day, sizeof(day));
	return json_pack("{s:s, s:s, s:s}", "name", m->name, "date", day,
	    "place", m->place);
}

int
meetings_add(struct tld_ctx *ctx, const char *name, const char *date,
    const char *place, struct meeting *out, struct tld_error *err)
{
	struct meeting m;
	json_t *after;
	int rc;

	memset(&m, 0, sizeof(m));
	if ((rc = text_copy("name", name, strlen(name), MEETING_NAME_MAX, true,
	    m.name, sizeof(m.name), err)) < 0 ||
	    (rc = meeting_date_parse("date", date, strlen(date), &m.date,
	    err)) < 0 ||
	    (place != NULL && (rc = text_copy("place", place, strlen(place),
	    MEETING_PLACE_MAX, false, m.place, sizeof(m.place), err)) < 0))
		return rc;
	m.created = clock_now();
	snprintf(m.created_by, sizeof(m.created_by), "%s", ctx->actor);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_meeting_insert(ctx->store, &m, err)) == 0) {
		after = meetings_to_json(&m);
		rc = audit_record(ctx, "meeting.add", "meeting", m.name, NULL,
		    after, err);
		json_decref(after);
	}
	if ((rc = store_end(ctx->store, rc, err)) < 0)
		return rc;
	if (out != NULL)
		*out = m;
	return 0;
}

int
meetings_get(struct tld_ctx *ctx, const char *field, const char *name,
    struct meeting *out, struct tld_error *err)
{
	char key[MEETING_NAME_MAX + 1];
	int rc;

	if ((rc = text_copy(field, name, strlen(name), MEETING_NAME_MAX, true,
	    key, sizeof(key), err)) < 0)
		return rc;
	rc = store_meeting_get(ctx->store, key, out, err);
	if (rc < 0 && err != NULL && strcmp(err->field, "meeting") == 0)
		snprintf(err->field, sizeof(err->field), "%s", field);
	return rc;
}

static int
collect(void *p, const struct meeting *m)
{
	struct meeting_calendar *c = p;

	c->m = xreallocarray(c->m, c->n + 1, sizeof(*c->m));
	c->dates = xreallocarray(c->dates, c->n + 1, sizeof(*c->dates));
	c->m[c->n] = *m;
	c->dates[c->n] = m->date;
	c->n++;
	return 0;
}

int
meetings_calendar(struct tld_ctx *ctx, struct meeting_calendar *out,
    struct tld_error *err)
{
	struct meeting_calendar c = { NULL, 0, NULL };
	int rc;

	if ((rc = store_meeting_each(ctx->store, collect, &c, err)) < 0) {
		meetings_calendar_fini(&c);
		return rc;
	}
	*out = c;
	return 0;
}

void
meetings_calendar_fini(struct meeting_calendar *c)
{
	free(c->m);
	free(c->dates);
	memset(c, 0, sizeof(*c));
}

const struct meeting *
meetings_find(const struct meeting_calendar *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->m[i].name, name) == 0)
			return &c->m[i];
	return NULL;
}

const struct meeting *
meetings_before(const struct meeting_calendar *c, const struct meeting *m)
{
	const struct meeting *prev = NULL;

	/* One meeting a day (a unique index), so dates order them. */
	for (size_t i = 0; i < c->n; i++)
		if (c->m[i].date < m->date)
			prev = &c->m[i];
	return prev;
}

int
meetings_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	struct meeting_calendar c;
	int64_t now = clock_now();
	json_t *arr;
	char iso[32];
	int rc;

	if ((rc = meetings_calendar(ctx, &c, err)) < 0)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < c.n; i++) {
		json_t *o = meetings_to_json(&c.m[i]);

		json_object_set_new(o, "past",
		    json_boolean(meeting_is_past(c.m[i].date, now)));
		clock_format_iso(c.m[i].created, iso, sizeof(iso));
		json_object_set_new(o, "created", json_string(iso));
		json_object_set_new(o, "created_by",
		    json_string(c.m[i].created_by));
		json_array_append_new(arr, o);
	}
	meetings_calendar_fini(&c);
	*out = arr;
	return 0;
}

