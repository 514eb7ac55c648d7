/* SPDX-License-Identifier: MIT */
/* Initiatives: their changes, snapshots, flags and listings. */
#include "service/planning/initiatives.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/document.h"
#include "model/initiative.h"
#include "model/meeting.h"
#include "model/text.h"
#include "service/audit.h"
#include "store/audit_store.h"
#include "store/document_store.h"
#include "store/initiative_store.h"
#include "store/meeting_store.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

/* Names collected from the store, sorted here (byte order on every backend). */
struct names {
	char **v;
	size_t n;
};

static int
collect_name(void *p, const char *text)
{
	struct names *ns = p;

	ns->v = xreallocarray(ns->v, ns->n + 1, sizeof(*ns->v));
	ns->v[ns->n++] = xstrdup(text);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names as a sorted JSON array; frees them. */
static json_t *
names_json(struct names *ns)
{
	json_t *arr = json_array();

	if (ns->n > 0)
		qsort(ns->v, ns->n, sizeof(*ns->v), cmp_str);
	for (size_t i = 0; i < ns->n; i++) {
		json_array_append_new(arr, json_string(ns->v[i]));
		free(ns->v[i]);
	}
	free(ns->v);
	ns->v = NULL;
	ns->n = 0;
	return arr;
}

static int
milestone_json(void *p, const struct initiative_milestone *m)
{
	char day[16];

	meetings_format_day(m->due_date, day, sizeof(day));
	json_array_append_new(p, json_pack("{s:I, s:s, s:s, s:s, s:o}",
	    "number", (json_int_t)m->number, "text", m->text, "due", m->due,
	    "due_date", day, "done", json_time(m->done)));
	return 0;
}

int
initiatives_snapshot_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	struct names team = { NULL, 0 }, docs = { NULL, 0 };
	struct initiative i;
	json_t *o, *ms;
	int rc;

	if ((rc = store_initiative_get(ctx->store, id, &i, err)) < 0)
		return rc;
	ms = json_array();
	if ((rc = store_initiative_member_each(ctx->store, id, collect_name,
	    &team, err)) < 0 ||
	    (rc = store_initiative_milestone_each(ctx->store, id, milestone_json,
	    ms, err)) < 0 ||
	    (rc = store_initiative_deliverable_each(ctx->store, id, collect_name,
	    &docs, err)) < 0) {
		json_decref(names_json(&team));
		json_decref(names_json(&docs));
		json_decref(ms);
		return rc;
	}
	o = json_object();
	json_object_set_new(o, "id", json_integer(i.id));
	json_object_set_new(o, "title", json_string(i.title));
	json_object_set_new(o, "kind", json_string(i.kind));
	json_object_set_new(o, "state", json_string(i.state));
	json_object_set_new(o, "state_note", json_string(i.state_note));
	json_object_set_new(o, "lead", i.lead[0] ? json_string(i.lead) :
	    json_null());
	json_object_set_new(o, "team", names_json(&team));
	json_object_set_new(o, "milestones", ms);
	json_object_set_new(o, "deliverables", names_json(&docs));
	json_object_set_new(o, "created", json_time(i.created));
	json_object_set_new(o, "created_by", json_string(i.created_by));
	json_object_set_new(o, "updated", json_time(i.updated));
	*out = o;
	return 0;
}

/* ---- changes ------------------------------------------------------------- */

/*
 * Record the change: the snapshot after it, with the sentence, against
 * `before` (borrowed, may be NULL), then commit; or roll back when rc < 0.
 */
static int
finish(struct tld_ctx *ctx, int64_t id, const char *action, json_t *before,
    const char *change, int rc, struct tld_error *err)
{
	json_t *after = NULL;
	char sid[24];

	if (rc == 0 && (rc = initiatives_snapshot_json(ctx, id, &after,
	    err)) == 0) {
		json_object_set_new(after, "change", json_string(change));
		snprintf(sid, sizeof(sid), "%" PRId64, id);
		rc = audit_record(ctx, action, "initiative", sid, before, after,
		    err);
	}
	json_decref(after);
	return store_end(ctx->store, rc, err);
}

/* Begin a change of initiative id: *i and *before (caller's) as they are. */
static int
start(struct tld_ctx *ctx, int64_t id, struct initiative *i, json_t **before,
    struct tld_error *err)
{
	int rc;

	*before = NULL;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_initiative_get(ctx->store, id, i, err)) < 0 ||
	    (rc = initiatives_snapshot_json(ctx, id, before, err)) < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	return 0;
}

/* Touch `updated` (every change does) after the change's own writes. */
static int
touch(struct tld_ctx *ctx, struct initiative *i, struct tld_error *err)
{
	i->updated = clock_now();
	return store_initiative_update(ctx->store, i, err);
}

int
initiatives_add(struct tld_ctx *ctx, const char *title, const char *kind,
    int64_t *id, struct tld_error *err)
{
	struct initiative i;
	struct buf change;
	int rc;

	memset(&i, 0, sizeof(i));
	if ((rc = text_copy("title", title, strlen(title), INITIATIVE_TITLE_MAX,
	    true, i.title, sizeof(i.title), err)) < 0)
		return rc;
	if (!initiative_kind_valid(kind))
		return tld_error_set(err, TLD_EINVAL, "kind",
		    "is not workshop, playbook, outreach or other");
	snprintf(i.kind, sizeof(i.kind), "%s", kind);
	snprintf(i.state, sizeof(i.state), "active");
	i.created = i.updated = clock_now();
	snprintf(i.created_by, sizeof(i.created_by), "%s", ctx->actor);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_initiative_insert(ctx->store, &i, err);
	buf_init(&change);
	buf_printf(&change, "added: %s (%s)", i.title, i.kind);
	rc = finish(ctx, i.id, "initiative.add", NULL, buf_str(&change), rc, err);
	buf_fini(&change);
	if (rc == 0)
		*id = i.id;
	return rc;
}

int
initiatives_lead(struct tld_ctx *ctx, int64_t id, const char *name,
    struct tld_error *err)
{
	char lead[INITIATIVE_NAME_MAX + 1];
	struct initiative i;
	struct buf change;
	json_t *before;
	int rc;

	if ((rc = text_copy("lead", name, strlen(name), INITIATIVE_NAME_MAX,
	    false, lead, sizeof(lead), err)) < 0)
		return rc;
	if ((rc = start(ctx, id, &i, &before, err)) < 0)
		return rc;
	buf_init(&change);
	if (strcmp(lead, i.lead) == 0) {
		rc = lead[0] ? tld_error_set(err, TLD_EINVAL, "lead",
		    "%s leads initiative %" PRId64 " already", lead, id) :
		    tld_error_set(err, TLD_EINVAL, "lead",
		    "initiative %" PRId64 " has no lead to remove", id);
	} else {
		if (lead[0] != '\0')
			buf_printf(&change, "lead: %s", lead);
		else
			buf_printf(&change, "lead removed (was %s)", i.lead);
		snprintf(i.lead, sizeof(i.lead), "%s", lead);
		rc = touch(ctx, &i, err);
	}
	rc = finish(ctx, id, "initiative.lead", before, buf_str(&change), rc,
	    err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

int
initiatives_team(struct tld_ctx *ctx, int64_t id, bool add, const char *name,
    struct tld_error *err)
{
	char who[INITIATIVE_NAME_MAX + 1];
	struct initiative i;
	struct buf change;
	json_t *before;
	int rc;

	if ((rc = text_copy("name", name, strlen(name), INITIATIVE_NAME_MAX,
	    true, who, sizeof(who), err)) < 0)
		return rc;
	if ((rc = start(ctx, id, &i, &before, err)) < 0)
		return rc;
	buf_init(&change);
	buf_printf(&change, "team %s %s", add ? "+" : "-", who);
	if (add) {
		rc = store_initiative_member_insert(ctx->store, id, who,
		    clock_now(), err);
	} else if ((rc = store_initiative_member_delete(ctx->store, id, who,
	    err)) == 0) {
		rc = tld_error_set(err, TLD_ENOTFOUND, "name",
		    "%s is not on the team of initiative %" PRId64, who, id);
	}
	if (rc >= 0)
		rc = touch(ctx, &i, err);
	rc = finish(ctx, id, "initiative.team", before, buf_str(&change), rc,
	    err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

int
initiatives_milestone(struct tld_ctx *ctx, int64_t id, const char *text,
    const char *due, int64_t *number, struct tld_error *err)
{
	struct initiative_milestone m;
	struct initiative i;
	struct meeting mt;
	struct buf change;
	json_t *before;
	char day[16];
	int rc;

	memset(&m, 0, sizeof(m));
	if ((rc = text_copy("text", text, strlen(text), INITIATIVE_TEXT_MAX,
	    true, m.text, sizeof(m.text), err)) < 0 ||
	    (rc = text_copy("due", due, strlen(due), MEETING_NAME_MAX, true,
	    m.due, sizeof(m.due), err)) < 0)
		return rc;
	if ((rc = start(ctx, id, &i, &before, err)) < 0)
		return rc;
	buf_init(&change);
	m.initiative = id;
	m.created = clock_now();
	if ((rc = meetings_get(ctx, "due", m.due, &mt, err)) < 0)
		goto out;
	if (meeting_is_past(mt.date, m.created)) {
		meetings_format_day(mt.date, day, sizeof(day));
		rc = tld_error_set(err, TLD_EINVAL, "due", "%s was on %s: a "
		    "milestone is due at a meeting to come", mt.name, day);
		goto out;
	}
	if ((rc = store_initiative_milestone_insert(ctx->store, &m, err)) < 0 ||
	    (rc = touch(ctx, &i, err)) < 0)
		goto out;
	buf_printf(&change, "milestone %" PRId64 " due at %s: %s", m.number,
	    m.due, m.text);
out:
	rc = finish(ctx, id, "initiative.milestone", before, buf_str(&change),
	    rc, err);
	buf_fini(&change);
	json_decref(before);
	if (rc == 0)
		*number = m.number;
	return rc;
}

/* The milestone `number` of a snapshot, or NULL. */
static json_t *
find_milestone(json_t *snapshot, int64_t number)
{
	size_t k;
	json_t *m;

	json_array_foreach(json_object_get(snapshot, "milestones"), k, m)
		if (json_integer_value(json_object_get(m, "number")) == number)
			return m;
	return NULL;
}

int
initiatives_milestone_done(struct tld_ctx *ctx, int64_t id, int64_t number,
    struct tld_error *err)
{
	struct initiative i;
	struct buf change;
	json_t *before, *m;
	int rc;

	if ((rc = start(ctx, id, &i, &before, err)) < 0)
		return rc;
	buf_init(&change);
	if ((m = find_milestone(before, number)) == NULL) {
		rc = tld_error_set(err, TLD_ENOTFOUND, "milestone",
		    "initiative %" PRId64 " has no milestone %" PRId64, id, number);
	} else if (!json_is_null(json_object_get(m, "done"))) {
		rc = tld_error_set(err, TLD_EINVAL, "milestone",
		    "milestone %" PRId64 " of initiative %" PRId64 " was done on "
		    "%.10s", number, id,
		    json_string_value(json_object_get(m, "done")));
	} else if ((rc = store_initiative_milestone_done(ctx->store, id, number,
	    clock_now(), err)) == 0 && (rc = touch(ctx, &i, err)) == 0) {
		buf_printf(&change, "milestone %" PRId64 " done: %s", number,
		    json_string_value(json_object_get(m, "text")));
	}
	rc = finish(ctx, id, "initiative.milestone_done", before,
	    buf_str(&change), rc, err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

int
initiatives_state(struct tld_ctx *ctx, int64_t id, const char *state,
    const char *note, struct tld_error *err)
{
	char why[INITIATIVE_TEXT_MAX + 1];
	struct initiative i;
	struct buf change;
	json_t *before;
	int rc;

	if (!initiative_state_valid(state))
		return tld_error_set(err, TLD_EINVAL, "state",
		    "is not active, paused, stopped or done");
	if ((rc = text_copy("note", note, strlen(note), INITIATIVE_TEXT_MAX,
	    true, why, sizeof(why), err)) < 0)
		return rc;
	if ((rc = start(ctx, id, &i, &before, err)) < 0)
		return rc;
	buf_init(&change);
	if (strcmp(i.state, state) == 0) {
		rc = tld_error_set(err, TLD_EINVAL, "state",
		    "initiative %" PRId64 " is %s already", id, state);
	} else {
		buf_printf(&change, "state %s -> %s: %s", i.state, state, why);
		snprintf(i.state, sizeof(i.state), "%s", state);
		snprintf(i.state_note, sizeof(i.state_note), "%s", why);
		rc = touch(ctx, &i, err);
	}
	rc = finish(ctx, id, "initiative.state", before, buf_str(&change), rc,
	    err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

static int
count_version(void *p, const struct document *d)
{
	(void)d;
	(*(int64_t *)p)++;
	return 0;
}

int
initiatives_deliverable(struct tld_ctx *ctx, int64_t id, const char *slug,
    struct tld_error *err)
{
	struct initiative i;
	struct buf change;
	json_t *before;
	int64_t versions = 0;
	int rc;

	if ((rc = document_slug_validate(slug, strlen(slug), err)) < 0) {
		if (err != NULL)
			snprintf(err->field, sizeof(err->field), "doc");
		return rc;
	}
	if ((rc = start(ctx, id, &i, &before, err)) < 0)
		return rc;
	buf_init(&change);
	buf_printf(&change, "deliverable: %s", slug);
	if ((rc = store_document_each(ctx->store, slug, false, count_version,
	    &versions, err)) >= 0 && versions == 0)
		rc = tld_error_set(err, TLD_ENOTFOUND, "doc",
		    "there is no document \"%s\" (tldops doc list)", slug);
	if (rc >= 0 && (rc = store_initiative_deliverable_insert(ctx->store, id,
	    slug, clock_now(), err)) == 0)
		rc = touch(ctx, &i, err);
	rc = finish(ctx, id, "initiative.deliverable", before, buf_str(&change),
	    rc, err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

/* ---- what it means at a moment ------------------------------------------- */

static int64_t
iso_time(const json_t *v)
{
	const char *s = json_string_value(v);
	int64_t t = 0;

	if (s == NULL || !clock_parse_iso(s, strlen(s), &t))
		return 0;
	return t;
}

void
initiatives_annotate(json_t *snapshot, int64_t last_progress,
    const struct meeting_calendar *cal, int64_t at, int64_t idle_limit)
{
	json_t *ms = json_object_get(snapshot, "milestones"), *m, *flags;
	struct initiative_due *due;
	struct initiative_facts f;
	struct initiative_flags fl;
	int64_t created = iso_time(json_object_get(snapshot, "created"));
	size_t k;

	due = xcalloc(json_array_size(ms) + 1, sizeof(*due));
	json_array_foreach(ms, k, m) {
		due[k].due_date = iso_time(json_object_get(m, "due_date"));
		due[k].done = !json_is_null(json_object_get(m, "done"));
	}
	memset(&f, 0, sizeof(f));
	f.state = json_string_value(json_object_get(snapshot, "state"));
	if (f.state == NULL)
		f.state = "";
	f.has_lead = json_is_string(json_object_get(snapshot, "lead"));
	f.last_progress = last_progress > created ? last_progress : created;
	f.due = due;
	f.ndue = json_array_size(ms);
	f.meetings = cal->dates;
	f.nmeetings = cal->n;
	f.at = at;
	f.idle_limit = idle_limit;
	initiative_flags_compute(&f, &fl);
	json_array_foreach(ms, k, m)
		json_object_set_new(m, "overdue", json_boolean(
		    initiative_is_open(f.state) && !due[k].done &&
		    meeting_is_past(due[k].due_date, at)));
	free(due);
	flags = json_array();
	if (fl.needs_lead)
		json_array_append_new(flags, json_string("needs_lead"));
	if (fl.overdue > 0)
		json_array_append_new(flags, json_string("overdue_milestone"));
	if (fl.idle)
		json_array_append_new(flags, json_string("idle"));
	json_object_set_new(snapshot, "last_progress", json_time(f.last_progress));
	json_object_set_new(snapshot, "idle_meetings",
	    json_integer(fl.idle_meetings));
	json_object_set_new(snapshot, "flags", flags);
}

void
initiatives_flags_describe(const json_t *a, struct buf *out)
{
	const json_t *flags = json_object_get(a, "flags");
	size_t k, overdue = 0, n = 0;
	json_t *f, *m;

	json_array_foreach(json_object_get(a, "milestones"), k, m)
		overdue += json_is_true(json_object_get(m, "overdue"));
	json_array_foreach(flags, k, f) {
		const char *s = json_string_value(f);

		if (s == NULL)
			continue;
		buf_puts(out, n++ ? "; " : "");
		if (strcmp(s, "needs_lead") == 0)
			buf_puts(out, "needs a lead");
		else if (strcmp(s, "overdue_milestone") == 0)
			buf_printf(out, "%zu overdue milestone%s", overdue,
			    overdue == 1 ? "" : "s");
		else if (strcmp(s, "idle") == 0)
			buf_printf(out, "no progress for %lld meetings",
			    (long long)json_integer_value(json_object_get(a,
			    "idle_meetings")));
	}
}

/* ---- listings ------------------------------------------------------------- */

struct listing {
	struct tld_ctx *ctx;
	struct meeting_calendar cal;
	json_t *progress;       /* id -> newest progress time */
	json_t *out;
	int64_t now;
	struct tld_error *err;
};

static int
note_progress(void *p, const char *id, int64_t at)
{
	json_object_set_new(p, id, json_integer(at));
	return 0;
}

static int
listing_init(struct tld_ctx *ctx, struct listing *l, struct tld_error *err)
{
	int rc;

	memset(l, 0, sizeof(*l));
	l->ctx = ctx;
	l->err = err;
	l->now = clock_now();
	if ((rc = meetings_calendar(ctx, &l->cal, err)) < 0)
		return rc;
	l->progress = json_object();
	if ((rc = store_initiative_progress_each(ctx->store, 0, note_progress,
	    l->progress, err)) < 0) {
		json_decref(l->progress);
		meetings_calendar_fini(&l->cal);
		return rc;
	}
	return 0;
}

static void
listing_fini(struct listing *l)
{
	json_decref(l->progress);
	meetings_calendar_fini(&l->cal);
}

/* The snapshot of id annotated for now. */
static int
annotated(struct listing *l, int64_t id, json_t **out)
{
	char sid[24];
	int rc;

	if ((rc = initiatives_snapshot_json(l->ctx, id, out, l->err)) < 0)
		return rc;
	snprintf(sid, sizeof(sid), "%" PRId64, id);
	initiatives_annotate(*out, json_integer_value(json_object_get(
	    l->progress, sid)), &l->cal, l->now, l->ctx->cfg.initiative_idle_meetings);
	return 0;
}

static int
collect_id(void *p, const struct initiative *i)
{
	struct listing *l = p;

	json_array_append_new(l->out, json_integer(i->id));
	return 0;
}

int
initiatives_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	struct listing l;
	json_t *ids, *id, *arr;
	size_t k;
	int rc;

	if ((rc = listing_init(ctx, &l, err)) < 0)
		return rc;
	/* Ids first: a snapshot runs other statements of the store. */
	ids = l.out = json_array();
	rc = store_initiative_each(ctx->store, collect_id, &l, err);
	arr = json_array();
	json_array_foreach(ids, k, id) {
		json_t *o;

		if (rc < 0 || (rc = annotated(&l, json_integer_value(id), &o)) < 0)
			break;
		json_array_append_new(arr, o);
	}
	json_decref(ids);
	listing_fini(&l);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

static int
history_entry(void *p, const struct audit_entry *e)
{
	json_t *after = e->after_json ? json_loads(e->after_json, 0, NULL) : NULL;
	json_t *change = json_object_get(after, "change");

	json_array_append_new(p, json_pack("{s:o, s:s, s:s, s:s}", "at",
	    json_time(e->at), "actor", e->actor, "action", e->action, "change",
	    json_is_string(change) ? json_string_value(change) : ""));
	json_decref(after);
	return 0;
}

int
initiatives_show_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	struct listing l;
	json_t *o, *history;
	char sid[24];
	int rc;

	if ((rc = listing_init(ctx, &l, err)) < 0)
		return rc;
	rc = annotated(&l, id, &o);
	listing_fini(&l);
	if (rc < 0)
		return rc;
	history = json_array();
	snprintf(sid, sizeof(sid), "%" PRId64, id);
	if ((rc = store_audit_object_each(ctx->store, "initiative", sid, 0,
	    history_entry, history, err)) < 0) {
		json_decref(history);
		json_decref(o);
		return rc;
	}
	json_object_set_new(o, "history", history);
	*out = o;
	return 0;
}
