/* SPDX-License-Identifier: MIT */
/*
 * The meeting pack's figures: every section gathered into one JSON object
 * as of the meeting's date, from the audit log's history (rendering is in
 * pack_render.c).
 */
#include "service/planning/pack.h"

#include <stdlib.h>
#include <string.h>

#include "model/initiative.h"
#include "model/states.h"
#include "model/text.h"
#include "service/planning/events.h"
#include "service/planning/initiatives.h"
#include "service/planning/meetings.h"
#include "service/books/recruitment.h"
#include "service/books/stats.h"
#include "service/books/usage.h"
#include "store/audit_store.h"
#include "store/cctld_store.h"
#include "store/meeting_store.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

int
pack_format_parse(const char *s, enum pack_format *out, struct tld_error *err)
{
	if (strcmp(s, "md") == 0)
		*out = PACK_MD;
	else if (strcmp(s, "html") == 0)
		*out = PACK_HTML;
	else if (strcmp(s, "json") == 0)
		*out = PACK_JSON;
	else
		return tld_error_set(err, TLD_EINVAL, "format",
		    "is not md, html or json");
	return 0;
}

static int64_t
iso_time(const json_t *v)
{
	const char *s = json_string_value(v);
	int64_t t = 0;

	if (s == NULL || !clock_parse_iso(s, strlen(s), &t))
		return 0;
	return t;
}

/*
 * The history of one kind of object up to the pack's moment: the newest
 * "after" of each object, and the rows of the period (at >= since).
 */
struct replay {
	int64_t since;
	json_t *latest;         /* object id -> after */
	json_t *changes;        /* object id -> [{at, action, change}] */
};

static int
replay_row(void *p, const struct audit_entry *e)
{
	struct replay *r = p;
	json_t *after, *list;

	if (e->after_json == NULL ||
	    (after = json_loads(e->after_json, 0, NULL)) == NULL)
		return 0;
	if (e->at >= r->since) {
		if ((list = json_object_get(r->changes, e->object_id)) == NULL) {
			list = json_array();
			json_object_set_new(r->changes, e->object_id, list);
		}
		json_array_append_new(list, json_pack("{s:o, s:s, s:s}", "at",
		    json_time(e->at), "action", e->action, "change",
		    json_str(after, "change")));
	}
	json_object_del(after, "change");
	json_object_set_new(r->latest, e->object_id, after);
	return 0;
}

static int
replay(struct tld_ctx *ctx, const char *type, int64_t since, int64_t until,
    struct replay *r, struct tld_error *err)
{
	int rc;

	r->since = since;
	r->latest = json_object();
	r->changes = json_object();
	if ((rc = store_audit_object_each(ctx->store, type, NULL, until,
	    replay_row, r, err)) < 0) {
		json_decref(r->latest);
		json_decref(r->changes);
		return rc;
	}
	return 0;
}

static void
replay_fini(struct replay *r)
{
	json_decref(r->latest);
	json_decref(r->changes);
}

/* Objects are numbered: sort the latest by that number. */
static const char *
number_key(const json_t *o)
{
	return json_object_get(o, "number") ? "number" : "id";
}

static int
cmp_number(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t i = json_integer_value(json_object_get(x, number_key(x)));
	json_int_t j = json_integer_value(json_object_get(y, number_key(y)));

	return i < j ? -1 : i > j;
}

/* The values of r->latest by number, as a new array of new references. */
static json_t *
latest_sorted(const struct replay *r)
{
	size_t n = json_object_size(r->latest), i = 0;
	json_t **v = xcalloc(n + 1, sizeof(*v)), *arr = json_array(), *o;
	const char *key;

	json_object_foreach(r->latest, key, o)
		v[i++] = o;
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_number);
	for (i = 0; i < n; i++)
		json_array_append(arr, v[i]);
	free(v);
	return arr;
}

struct gather {
	struct tld_ctx *ctx;
	struct tld_error *err;
	struct meeting_calendar cal;
	const struct meeting *m, *prev;
	int64_t since, until;
	json_t *pack;
	json_t *stats;          /* borrowed from pack */
};

static int
cmp_alert(const void *a, const void *b)
{
	int c = strcmp(json_str(*(json_t *const *)a, "at"), json_str(*(json_t *const *)b,
	    "at"));

	return c ? c : strcmp(json_str(*(json_t *const *)a, "subject"),
	    json_str(*(json_t *const *)b, "subject"));
}

static void
sort_array(json_t *arr, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(arr), i;
	json_t **v = xcalloc(n + 1, sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp);
	json_array_clear(arr);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
}

struct alert_rows {
	int64_t since;
	json_t *out;
};

static int
alert_row(void *p, const struct audit_entry *e)
{
	struct alert_rows *ar = p;
	json_t *a;

	if (e->at < ar->since || strcmp(e->action, "alert.send") != 0 ||
	    e->after_json == NULL ||
	    (a = json_loads(e->after_json, 0, NULL)) == NULL)
		return 0;
	json_array_append_new(ar->out, json_pack("{s:o, s:s, s:s, s:O}", "at",
	    json_time(e->at), "subject", json_str(a, "subject"), "tlp", json_str(a, "tlp"),
	    "recipients", json_object_get(a, "recipients") ?
	    json_object_get(a, "recipients") : json_null()));
	json_decref(a);
	return 0;
}

static int
section_alerts(struct gather *g)
{
	struct alert_rows ar = { g->since, json_array() };
	int rc;

	if ((rc = store_audit_object_each(g->ctx->store, "message", NULL,
	    g->until, alert_row, &ar, g->err)) < 0) {
		json_decref(ar.out);
		return rc;
	}
	sort_array(ar.out, cmp_alert);
	json_object_set_new(g->pack, "alerts", ar.out);
	return 0;
}

static int
cctld_list(struct gather *g, const json_t *codes, json_t **out)
{
	json_t *arr = json_array(), *v;
	size_t k;
	int rc;

	json_array_foreach(codes, k, v) {
		struct cctld c;

		if ((rc = store_cctld_get(g->ctx->store, json_string_value(v), &c,
		    g->err)) < 0) {
			json_decref(arr);
			return rc;
		}
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}",
		    "code", c.code, "unicode", c.unicode, "country", c.country,
		    "region", c.region));
	}
	*out = arr;
	return 0;
}

static int
section_members(struct gather *g)
{
	const json_t *p = json_object_get(g->stats, "period");
	json_t *joined, *left;
	int rc;

	if ((rc = cctld_list(g, json_object_get(p, "added"), &joined)) < 0)
		return rc;
	if ((rc = cctld_list(g, json_object_get(p, "removed"), &left)) < 0) {
		json_decref(joined);
		return rc;
	}
	json_object_set_new(g->pack, "members", json_pack("{s:o, s:o}",
	    "joined", joined, "left", left));
	json_object_set_new(g->pack, "contacts", json_pack("{s:O, s:O, s:O}",
	    "added", json_object_get(p, "contact_additions"), "updated",
	    json_object_get(p, "contact_updates"), "removed",
	    json_object_get(p, "contact_removals")));
	return 0;
}

static bool
in_period(const struct gather *g, int64_t t)
{
	return t != 0 && t >= g->since && t < g->until;
}

static int
section_actions(struct gather *g)
{
	json_t *opened = json_array(), *closed = json_array(), *open = json_array();
	json_t *items, *a;
	struct replay r;
	size_t k;
	int rc;

	if ((rc = replay(g->ctx, "action", 0, g->until, &r, g->err)) < 0)
		goto out;
	items = latest_sorted(&r);
	json_array_foreach(items, k, a) {
		bool is_closed = strcmp(json_str(a, "state"), "closed") == 0;

		json_object_del(a, "note");
		if (in_period(g, iso_time(json_object_get(a, "opened"))))
			json_array_append(opened, a);
		if (is_closed && in_period(g, iso_time(json_object_get(a,
		    "closed"))))
			json_array_append(closed, a);
		if (!is_closed)
			json_array_append(open, a);
	}
	json_decref(items);
	replay_fini(&r);
out:
	if (rc < 0) {
		json_decref(opened);
		json_decref(closed);
		json_decref(open);
		return rc;
	}
	json_object_set_new(g->pack, "actions", json_pack("{s:o, s:o, s:o}",
	    "opened", opened, "closed", closed, "open", open));
	return 0;
}

/*
 * A measured objective ("members +3", "contacts 120", "milestone 3:2")
 * evaluated from the records: the figure at the objective's meeting (S,
 * the period's start) and at this meeting's date (T).  Sets *met and
 * writes the figure ("members 61 → 64, target +3: met").
 */
struct measure_ctx {
	struct gather *g;
	json_t *at_start;       /* stats_json(0, S), made when first needed */
	json_t *initiatives;    /* initiative id -> snapshot at T */
};

static int
measure(struct measure_ctx *mc, const char *target, bool *met, char *figure,
    size_t len)
{
	struct gather *g = mc->g;
	char what[16];
	long long a = 0, b = 0;
	int rc;

	if (strncmp(target, "milestone ", 10) == 0) {
		char *end;

		a = strtoll(target + 10, &end, 10);
		b = *end == ':' ? strtoll(end + 1, NULL, 10) : 0;
		char id[24];
		const json_t *ms, *m, *done = NULL;
		size_t k;

		snprintf(id, sizeof(id), "%lld", a);
		ms = json_object_get(json_object_get(mc->initiatives, id),
		    "milestones");
		json_array_foreach(ms, k, m)
			if (json_integer_value(json_object_get(m, "number")) == b)
				done = json_object_get(m, "done");
		*met = json_is_string(done);
		snprintf(figure, len, "milestone %lld of initiative %lld %s%.10s, "
		    "target done: %s", b, a, *met ? "done " : "not done",
		    *met ? json_string_value(done) : "", *met ? "met" : "missed");
		return 0;
	}
	{
		const char *sp = strchr(target, ' ');
		const char *num;

		if (sp == NULL || (size_t)(sp - target) >= sizeof(what))
			return 0;
		snprintf(what, sizeof(what), "%.*s", (int)(sp - target), target);
		num = sp + 1;
		bool rel = num[0] == '+';
		bool members = strcmp(what, "members") == 0;
		long long want = strtoll(num + rel, NULL, 10), from, to;
		const json_t *now = g->stats;

		if (g->since > 0 && mc->at_start == NULL &&
		    (rc = stats_json(g->ctx, 0, g->since, &mc->at_start, g->err)) < 0)
			return rc;
		from = mc->at_start == NULL ? 0 : members ?
		    json_num(json_object_get(mc->at_start, "cctlds"), "members") :
		    json_num(mc->at_start, "contacts");
		to = members ? json_num(json_object_get(now, "cctlds"), "members") :
		    json_num(now, "contacts");
		*met = rel ? to - from >= want : to >= want;
		snprintf(figure, len, "%s %lld \xe2\x86\x92 %lld, target %s%lld: %s",
		    what, from, to, rel ? "+" : "", want, *met ? "met" : "missed");
	}
	return 0;
}

/*
 * The objectives of meeting `name` as {meeting, items, met, missed, open};
 * with mc, the measured ones are evaluated (their state is the result).
 */
static json_t *
objectives_of(const json_t *all, const char *name, struct measure_ctx *mc,
    int *rc)
{
	json_t *items = json_array(), *o;
	json_int_t met = 0, missed = 0, open = 0;
	size_t k;

	json_array_foreach(all, k, o) {
		const char *state = json_str(o, "state");
		const char *target = json_string_value(json_object_get(o, "target"));
		json_t *item;

		if (name == NULL || strcmp(json_str(o, "meeting"), name) != 0)
			continue;
		item = json_pack("{s:O, s:s, s:s, s:o}", "id",
		    json_object_get(o, "id"), "text", json_str(o, "text"), "state",
		    state, "target", target ? json_string(target) : json_null());
		if (target != NULL && mc != NULL) {
			char figure[200];
			bool ok = false;

			figure[0] = '\0';
			if ((*rc = measure(mc, target, &ok, figure,
			    sizeof(figure))) < 0) {
				json_decref(item);
				break;
			}
			state = ok ? "met" : "missed";
			json_object_set_new(item, "state", json_string(state));
			json_object_set_new(item, "figure", json_string(figure));
			json_object_set_new(item, "measured", json_true());
		}
		json_array_append_new(items, item);
		met += objective_state_from(state) == OBJECTIVE_MET;
		missed += objective_state_from(state) == OBJECTIVE_MISSED;
		open += objective_state_from(state) == OBJECTIVE_OPEN;
	}
	return json_pack("{s:o, s:o, s:I, s:I, s:I}", "meeting", name ?
	    json_string(name) : json_null(), "items", items, "met", met,
	    "missed", missed, "open", open);
}

static int
section_objectives(struct gather *g)
{
	struct replay r, ri;
	struct measure_ctx mc;
	json_t *all, *next;
	int rc = 0;

	if ((rc = replay(g->ctx, "objective", 0, g->until, &r,
	    g->err)) < 0)
		return rc;
	if ((rc = replay(g->ctx, "initiative", 0, g->until, &ri, g->err)) < 0) {
		replay_fini(&r);
		return rc;
	}
	memset(&mc, 0, sizeof(mc));
	mc.g = g;
	mc.initiatives = ri.latest;
	all = latest_sorted(&r);
	json_object_set_new(g->pack, "objectives", objectives_of(all,
	    g->prev ? g->prev->name : NULL, &mc, &rc));
	next = objectives_of(all, g->m->name, NULL, &rc);
	json_object_set_new(g->pack, "next_objectives",
	    json_incref(json_object_get(next, "items")));
	json_decref(next);
	json_decref(all);
	json_decref(mc.at_start);
	replay_fini(&ri);
	replay_fini(&r);
	return rc;
}

static int
note_progress(void *p, const char *id, int64_t at)
{
	json_object_set_new(p, id, json_integer(at));
	return 0;
}

static int
section_initiatives(struct gather *g)
{
	json_t *list = json_array(), *items, *progress = json_object(), *o;
	struct replay r;
	size_t k;
	int rc;

	if ((rc = store_initiative_progress_each(g->ctx->store, g->until,
	    note_progress, progress, g->err)) < 0 ||
	    (rc = replay(g->ctx, "initiative", g->since, g->until, &r,
	    g->err)) < 0) {
		json_decref(progress);
		json_decref(list);
		return rc;
	}
	items = latest_sorted(&r);
	json_array_foreach(items, k, o) {
		char id[24];
		json_t *changes;

		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(
		    json_object_get(o, "id")));
		changes = json_object_get(r.changes, id);
		/* Finished business drops out once a period passed without news. */
		if (!initiative_is_open(json_str(o, "state")) && changes == NULL)
			continue;
		initiatives_annotate(o, json_integer_value(json_object_get(progress,
		    id)), &g->cal, g->until, g->ctx->cfg.initiative_idle_meetings);
		json_object_set_new(o, "changes", changes ? json_incref(changes) :
		    json_array());
		json_array_append(list, o);
	}
	json_decref(items);
	json_decref(progress);
	replay_fini(&r);
	json_object_set_new(g->pack, "initiatives", list);
	return 0;
}

static int
cmp_event(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(json_str(x, "date"), json_str(y, "date"));
	json_int_t i = json_integer_value(json_object_get(x, "id"));
	json_int_t j = json_integer_value(json_object_get(y, "id"));

	return c ? c : i < j ? -1 : i > j;
}

static int
section_events(struct gather *g)
{
	json_t *past = json_array(), *upcoming = json_array(), *items, *e;
	struct event_joins joins;
	struct replay r;
	size_t k;
	int rc;

	if ((rc = replay(g->ctx, "event", 0, g->until, &r, g->err)) < 0)
		goto out;
	if ((rc = events_joins_load(g->ctx, g->until, &joins, g->err)) < 0) {
		replay_fini(&r);
		goto out;
	}
	items = latest_sorted(&r);
	sort_array(items, cmp_event);
	json_array_foreach(items, k, e) {
		const char *d = json_str(e, "date");
		int64_t day = 0;

		if (!clock_parse_iso(d, strlen(d), &day))
			continue;
		if (day < g->since)
			continue;
		if ((rc = events_annotate(g->ctx, e, &joins, g->err)) < 0)
			break;
		json_array_append(day < g->until ? past : upcoming, e);
	}
	json_decref(items);
	events_joins_fini(&joins);
	replay_fini(&r);
out:
	if (rc < 0) {
		json_decref(past);
		json_decref(upcoming);
		return rc;
	}
	json_object_set_new(g->pack, "events", json_pack("{s:o, s:o}", "since",
	    past, "upcoming", upcoming));
	return 0;
}

static int
cmp_standing(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	size_t px = json_array_size(json_object_get(x, "joined"));
	size_t py = json_array_size(json_object_get(y, "joined"));
	json_int_t tx = json_integer_value(json_object_get(x, "total"));
	json_int_t ty = json_integer_value(json_object_get(y, "total"));
	json_int_t wx = json_integer_value(json_object_get(x, "working"));
	json_int_t wy = json_integer_value(json_object_get(y, "working"));

	if (px != py)
		return px > py ? -1 : 1;
	if (tx != ty)
		return tx > ty ? -1 : 1;
	if (wx != wy)
		return wx > wy ? -1 : 1;
	return strcmp(json_str(x, "owner"), json_str(y, "owner"));
}

/* The board of the period next to the board of all time, per owner. */
static int
section_outreach(struct gather *g)
{
	json_t *period = NULL, *total = NULL, *owners = json_object(), *o, *list;
	const char *name;
	size_t k;
	int rc;

	if ((rc = recruitment_board_json(g->ctx, g->since, g->until, &period,
	    g->err)) < 0 ||
	    (rc = recruitment_board_json(g->ctx, 0, g->until, &total,
	    g->err)) < 0)
		goto out;
	json_array_foreach(json_object_get(total, "owners"), k, o)
		json_object_set_new(owners, json_str(o, "owner"), json_pack(
		    "{s:s, s:[], s:I, s:I}", "owner", json_str(o, "owner"), "joined",
		    "total", (json_int_t)json_array_size(json_object_get(o,
		    "joined")), "working", (json_int_t)json_array_size(
		    json_object_get(o, "working"))));
	json_array_foreach(json_object_get(period, "owners"), k, o) {
		json_t *entry = json_object_get(owners, json_str(o, "owner"));

		if (entry != NULL)
			json_object_set(entry, "joined", json_object_get(o,
			    "joined"));
	}
	list = json_array();
	json_object_foreach(owners, name, o)
		json_array_append(list, o);
	sort_array(list, cmp_standing);
	json_object_set_new(g->pack, "outreach", json_pack("{s:o, s:O}",
	    "owners", list, "unowned", json_object_get(period, "unowned")));
out:
	json_decref(period);
	json_decref(total);
	json_decref(owners);
	return rc;
}

/* How the repository was used in the period (service/books/usage.h). */
static int
section_usage(struct gather *g)
{
	json_t *u;
	int rc;

	if ((rc = usage_json(g->ctx, g->since, g->until, &u, g->err)) < 0)
		return rc;
	json_object_set_new(g->pack, "usage", u);
	return 0;
}

/*
 * The statistics' "stale" counts are the contacts' current marks, not a
 * replay (docs/freshness.md): a later confirmation would change an old
 * pack, so the pack leaves them out.
 */
static void
drop_current_state(json_t *stats)
{
	const char *region;
	json_t *ro;

	json_object_foreach(json_object_get(stats, "regions"), region, ro)
		json_object_del(ro, "stale");
}

int
pack_json(struct tld_ctx *ctx, const char *meeting, json_t **out,
    struct tld_error *err)
{
	char name[MEETING_NAME_MAX + 1];
	struct gather g;
	int rc;

	if ((rc = text_copy("meeting", meeting, strlen(meeting),
	    MEETING_NAME_MAX, true, name, sizeof(name), err)) < 0)
		return rc;
	memset(&g, 0, sizeof(g));
	g.ctx = ctx;
	g.err = err;
	if ((rc = meetings_calendar(ctx, &g.cal, err)) < 0)
		return rc;
	if ((g.m = meetings_find(&g.cal, name)) == NULL) {
		meetings_calendar_fini(&g.cal);
		return tld_error_set(err, TLD_ENOTFOUND, "meeting",
		    "there is no meeting \"%s\" (tldops meeting list)", name);
	}
	g.prev = meetings_before(&g.cal, g.m);
	g.since = g.prev ? g.prev->date : 0;
	/* A period ends before its meeting's day; 0 would mean "now". */
	g.until = g.m->date > 0 ? g.m->date : 1;
	g.pack = json_object();
	json_object_set_new(g.pack, "meeting", meetings_to_json(g.m));
	json_object_set_new(g.pack, "previous", g.prev ?
	    meetings_to_json(g.prev) : json_null());
	json_object_set_new(g.pack, "period", json_pack("{s:o, s:o}", "since",
	    json_time(g.since), "until", json_time(g.until)));
	if ((rc = stats_json(ctx, g.since, g.until, &g.stats, err)) < 0)
		goto out;
	drop_current_state(g.stats);
	json_object_set_new(g.pack, "stats", g.stats);
	if ((rc = section_alerts(&g)) < 0 || (rc = section_members(&g)) < 0 ||
	    (rc = section_actions(&g)) < 0 || (rc = section_objectives(&g)) < 0 ||
	    (rc = section_initiatives(&g)) < 0 || (rc = section_events(&g)) < 0 ||
	    (rc = section_outreach(&g)) < 0 || (rc = section_usage(&g)) < 0)
		goto out;
out:
	meetings_calendar_fini(&g.cal);
	if (rc < 0) {
		json_decref(g.pack);
		return rc;
	}
	*out = g.pack;
	return 0;
}
