/* SPDX-License-Identifier: MIT */
/* Outreach events: their changes, snapshots, joins and listings. */
#include "service/planning/events.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/document.h"
#include "model/event.h"
#include "model/meeting.h"
#include "model/text.h"
#include "service/audit.h"
#include "service/directory/cctlds.h"
#include "service/planning/meetings.h"
#include "store/cctld_store.h"
#include "store/document_store.h"
#include "store/event_store.h"
#include "store/stats_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

static int
invite_json(void *p, const struct event_invite *i)
{
	json_array_append_new(p, json_pack("{s:s, s:o}", "code", i->cctld,
	    "outcome", i->outcome[0] ? json_string(i->outcome) : json_null()));
	return 0;
}

static int
presenter_json(void *p, const char *name, const char *mode)
{
	json_array_append_new(p, json_pack("{s:s, s:s}", "name", name, "mode",
	    mode));
	return 0;
}

static int
material_json(void *p, const char *slug, const char *lang)
{
	json_array_append_new(p, json_pack("{s:s, s:s}", "slug", slug, "lang",
	    lang));
	return 0;
}

/* Orders of the snapshot's lists: byte order on every backend. */
static int
cmp_code(const void *a, const void *b)
{
	return strcmp(json_str(*(json_t *const *)a, "code"),
	    json_str(*(json_t *const *)b, "code"));
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(json_str(*(json_t *const *)a, "name"),
	    json_str(*(json_t *const *)b, "name"));
}

static int
cmp_slug_lang(const void *a, const void *b)
{
	int c = strcmp(json_str(*(json_t *const *)a, "slug"),
	    json_str(*(json_t *const *)b, "slug"));

	return c != 0 ? c : strcmp(json_str(*(json_t *const *)a, "lang"),
	    json_str(*(json_t *const *)b, "lang"));
}

/* arr sorted by cmp, as a new array; arr is released. */
static json_t *
sorted(json_t *arr, int (*cmp)(const void *, const void *))
{
	size_t n = json_array_size(arr), k;
	json_t **v, *out = json_array();

	v = xcalloc(n + 1, sizeof(*v));
	for (k = 0; k < n; k++)
		v[k] = json_array_get(arr, k);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp);
	for (k = 0; k < n; k++)
		json_array_append(out, v[k]);
	free(v);
	json_decref(arr);
	return out;
}

int
events_snapshot_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	json_t *inv = json_array(), *pres = json_array(), *mat = json_array();
	struct event e;
	char day[16];
	json_t *o;
	int rc;

	if ((rc = store_event_get(ctx->store, id, &e, err)) < 0 ||
	    (rc = store_event_invite_each(ctx->store, id, invite_json, inv,
	    err)) < 0 ||
	    (rc = store_event_presenter_each(ctx->store, id, presenter_json,
	    pres, err)) < 0 ||
	    (rc = store_event_material_each(ctx->store, id, material_json, mat,
	    err)) < 0) {
		json_decref(inv);
		json_decref(pres);
		json_decref(mat);
		return rc;
	}
	meetings_format_day(e.date, day, sizeof(day));
	o = json_object();
	json_object_set_new(o, "id", json_integer(e.id));
	json_object_set_new(o, "title", json_string(e.title));
	json_object_set_new(o, "date", json_string(day));
	json_object_set_new(o, "place", json_string(e.place));
	json_object_set_new(o, "organiser", e.organiser[0] ?
	    json_string(e.organiser) : json_null());
	json_object_set_new(o, "invited", sorted(inv, cmp_code));
	json_object_set_new(o, "presenters", sorted(pres, cmp_name));
	json_object_set_new(o, "materials", sorted(mat, cmp_slug_lang));
	json_object_set_new(o, "created", json_time(e.created));
	json_object_set_new(o, "created_by", json_string(e.created_by));
	*out = o;
	return 0;
}

/* ---- changes ------------------------------------------------------------- */

/* As in initiatives.c: record the snapshot after with the sentence, commit. */
static int
finish(struct tld_ctx *ctx, int64_t id, const char *action, json_t *before,
    const char *change, int rc, struct tld_error *err)
{
	json_t *after = NULL;
	char sid[24];

	if (rc == 0 && (rc = events_snapshot_json(ctx, id, &after, err)) == 0) {
		json_object_set_new(after, "change", json_string(change));
		snprintf(sid, sizeof(sid), "%" PRId64, id);
		rc = audit_record(ctx, action, "event", sid, before, after, err);
	}
	json_decref(after);
	return store_end(ctx->store, rc, err);
}

static int
start(struct tld_ctx *ctx, int64_t id, json_t **before, struct tld_error *err)
{
	int rc;

	*before = NULL;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = events_snapshot_json(ctx, id, before, err)) < 0)
		store_rollback(ctx->store);
	return rc;
}

int
events_add(struct tld_ctx *ctx, const char *title, const char *date,
    const char *place, const char *organiser, int64_t *id,
    struct tld_error *err)
{
	struct event e;
	struct buf change;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = text_copy("title", title, strlen(title), EVENT_TITLE_MAX, true,
	    e.title, sizeof(e.title), err)) < 0 ||
	    (rc = meeting_date_parse("date", date, strlen(date), &e.date,
	    err)) < 0 ||
	    (rc = text_copy("place", place, strlen(place), EVENT_PLACE_MAX, true,
	    e.place, sizeof(e.place), err)) < 0 ||
	    (organiser != NULL && (rc = text_copy("organiser", organiser,
	    strlen(organiser), EVENT_NAME_MAX, false, e.organiser,
	    sizeof(e.organiser), err)) < 0))
		return rc;
	e.created = clock_now();
	snprintf(e.created_by, sizeof(e.created_by), "%s", ctx->actor);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_event_insert(ctx->store, &e, err);
	buf_init(&change);
	buf_printf(&change, "added: %s", e.title);
	rc = finish(ctx, e.id, "event.add", NULL, buf_str(&change), rc, err);
	buf_fini(&change);
	if (rc == 0)
		*id = e.id;
	return rc;
}

int
events_invite(struct tld_ctx *ctx, int64_t id, char *const *codes, size_t n,
    struct tld_error *err)
{
	struct buf change, seen;
	json_t *before;
	int64_t now = clock_now();
	int rc;

	if (n == 0)
		return tld_error_set(err, TLD_EINVAL, "cctld", "give the ccTLDs "
		    "to invite");
	if ((rc = start(ctx, id, &before, err)) < 0)
		return rc;
	buf_init(&change);
	buf_init(&seen);
	buf_puts(&change, "invited");
	buf_puts(&seen, " ");
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct cctld c;
		char key[CCTLD_CODE_MAX + 3];

		if ((rc = cctlds_resolve(ctx, codes[i], &c, err)) < 0)
			break;
		snprintf(key, sizeof(key), " %s ", c.code);
		if (strstr(buf_str(&seen), key) != NULL) {
			rc = tld_error_set(err, TLD_EINVAL, "cctld",
			    ".%s is given twice", c.unicode);
			break;
		}
		buf_printf(&seen, "%s ", c.code);
		rc = store_event_invite_insert(ctx->store, id, c.code, now, err);
		if (rc == TLD_EEXIST)
			tld_error_set(err, rc, "cctld", ".%s is invited to event "
			    "%" PRId64 " already", c.unicode, id);
		buf_printf(&change, " .%s", c.unicode);
	}
	rc = finish(ctx, id, "event.invite", before, buf_str(&change), rc, err);
	buf_fini(&change);
	buf_fini(&seen);
	json_decref(before);
	return rc;
}

int
events_presenter(struct tld_ctx *ctx, int64_t id, const char *name,
    const char *mode, struct tld_error *err)
{
	char who[EVENT_NAME_MAX + 1];
	struct buf change;
	json_t *before, *p;
	size_t k;
	int rc;

	if ((rc = text_copy("name", name, strlen(name), EVENT_NAME_MAX, true,
	    who, sizeof(who), err)) < 0)
		return rc;
	if (!event_mode_valid(mode))
		return tld_error_set(err, TLD_EINVAL, "mode",
		    "is not in-person or remote");
	if ((rc = start(ctx, id, &before, err)) < 0)
		return rc;
	json_array_foreach(json_object_get(before, "presenters"), k, p)
		if (strcmp(json_str(p, "name"), who) == 0 &&
		    strcmp(json_str(p, "mode"), mode) == 0)
			rc = tld_error_set(err, TLD_EINVAL, "name",
			    "%s presents %s already", who, mode);
	buf_init(&change);
	buf_printf(&change, "presenter: %s (%s)", who, mode);
	if (rc == 0)
		rc = store_event_presenter_put(ctx->store, id, who, mode,
		    clock_now(), err);
	rc = finish(ctx, id, "event.presenter", before, buf_str(&change), rc,
	    err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

/* The languages of the live versions of a document, as " en fr ". */
static int
note_lang(void *p, const struct document *d)
{
	struct buf *langs = p;
	char key[8];

	snprintf(key, sizeof(key), " %s ", d->lang);
	if (strstr(buf_str(langs), key) == NULL)
		buf_printf(langs, "%s ", d->lang);
	return 0;
}

int
events_material(struct tld_ctx *ctx, int64_t id, const char *slug,
    char *const *langs, size_t n, struct tld_error *err)
{
	struct buf change, have;
	json_t *before;
	int64_t now = clock_now();
	int rc;

	if ((rc = document_slug_validate(slug, strlen(slug), err)) < 0) {
		if (err != NULL)
			snprintf(err->field, sizeof(err->field), "doc");
		return rc;
	}
	if (n == 0)
		return tld_error_set(err, TLD_EINVAL, "lang", "give the languages "
		    "of the material");
	if ((rc = start(ctx, id, &before, err)) < 0)
		return rc;
	buf_init(&change);
	buf_init(&have);
	buf_puts(&have, " ");
	buf_printf(&change, "material: %s", slug);
	if ((rc = store_document_each(ctx->store, slug, false, note_lang, &have,
	    err)) >= 0 && have.len == 1)
		rc = tld_error_set(err, TLD_ENOTFOUND, "doc",
		    "there is no document \"%s\" (tldops doc list)", slug);
	if (rc > 0)
		rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char lang[DOC_LANG_LEN + 1], key[8];

		if ((rc = document_lang_normalize(langs[i], strlen(langs[i]), lang,
		    sizeof(lang), err)) < 0)
			break;
		snprintf(key, sizeof(key), " %s ", lang);
		if (strstr(buf_str(&have), key) == NULL) {
			rc = tld_error_set(err, TLD_ENOTFOUND, "lang",
			    "%s has no version in %s", slug, lang);
			break;
		}
		rc = store_event_material_insert(ctx->store, id, slug, lang, now,
		    err);
		buf_printf(&change, " %s", lang);
	}
	rc = finish(ctx, id, "event.material", before, buf_str(&change), rc,
	    err);
	buf_fini(&change);
	buf_fini(&have);
	json_decref(before);
	return rc;
}

int
events_outcome(struct tld_ctx *ctx, int64_t id, const char *code,
    const char *outcome, struct tld_error *err)
{
	struct buf change;
	struct cctld c;
	json_t *before, *inv;
	size_t k;
	int rc;

	if (!event_outcome_valid(outcome))
		return tld_error_set(err, TLD_EINVAL, "outcome",
		    "is not joined, interested or declined");
	if ((rc = start(ctx, id, &before, err)) < 0)
		return rc;
	buf_init(&change);
	if ((rc = cctlds_resolve(ctx, code, &c, err)) == 0) {
		json_array_foreach(json_object_get(before, "invited"), k, inv)
			if (strcmp(json_str(inv, "code"), c.code) == 0 &&
			    strcmp(json_str(inv, "outcome"), outcome) == 0)
				rc = tld_error_set(err, TLD_EINVAL, "outcome",
				    "the outcome for .%s is %s already", c.unicode,
				    outcome);
	}
	if (rc == 0 && (rc = store_event_invite_outcome(ctx->store, id, c.code,
	    outcome, clock_now(), err)) == TLD_ENOTFOUND)
		tld_error_set(err, rc, "cctld", ".%s is not invited to event "
		    "%" PRId64 " (tldops event invite)", c.unicode, id);
	if (rc == 0)
		buf_printf(&change, "outcome .%s: %s", c.unicode, outcome);
	rc = finish(ctx, id, "event.outcome", before, buf_str(&change), rc, err);
	buf_fini(&change);
	json_decref(before);
	return rc;
}

/* ---- joins ---------------------------------------------------------------- */

static int
note_join(void *p, const struct stats_membership_event *e)
{
	json_t *by_code = p, *times;

	if (!e->join)
		return 0;
	if ((times = json_object_get(by_code, e->cctld)) == NULL) {
		times = json_array();
		json_object_set_new(by_code, e->cctld, times);
	}
	json_array_append_new(times, json_integer(e->at));
	return 0;
}

int
events_joins_load(struct tld_ctx *ctx, int64_t until, struct event_joins *out,
    struct tld_error *err)
{
	json_t *by_code = json_object();
	int rc;

	if ((rc = store_stats_membership_each(ctx->store, until, note_join,
	    by_code, err)) < 0) {
		json_decref(by_code);
		return rc;
	}
	out->by_code = by_code;
	return 0;
}

void
events_joins_fini(struct event_joins *j)
{
	json_decref(j->by_code);
	j->by_code = NULL;
}

int
events_annotate(struct tld_ctx *ctx, json_t *snapshot,
    const struct event_joins *joins, struct tld_error *err)
{
	int64_t day = 0, joined = 0, interested = 0, declined = 0;
	const char *date = json_str(snapshot, "date");
	json_t *inv, *invited = json_object_get(snapshot, "invited");
	size_t k;
	int rc;

	if (!clock_parse_iso(date, strlen(date), &day))
		day = 0;
	json_array_foreach(invited, k, inv) {
		const char *code = json_str(inv, "code"), *outcome = json_str(inv, "outcome");
		json_t *times = json_object_get(joins->by_code, code), *t;
		int64_t first = 0;
		struct cctld c;
		size_t j;

		if ((rc = store_cctld_get(ctx->store, code, &c, err)) < 0)
			return rc;
		json_object_set_new(inv, "unicode", json_string(c.unicode));
		json_object_set_new(inv, "country", json_string(c.country));
		json_object_set_new(inv, "region", json_string(c.region));
		json_array_foreach(times, j, t)
			if (json_integer_value(t) >= day) {
				first = json_integer_value(t);
				break;
			}
		json_object_set_new(inv, "joined", json_time(first));
		joined += first != 0;
		interested += strcmp(outcome, "interested") == 0;
		declined += strcmp(outcome, "declined") == 0;
	}
	json_object_set_new(snapshot, "counts", json_pack("{s:I, s:I, s:I, s:I}",
	    "invited", (json_int_t)json_array_size(invited), "joined",
	    (json_int_t)joined, "interested", (json_int_t)interested,
	    "declined", (json_int_t)declined));
	return 0;
}

/* ---- listings ------------------------------------------------------------- */

static int
collect_id(void *p, const struct event *e)
{
	json_array_append_new(p, json_integer(e->id));
	return 0;
}

int
events_list_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	struct event_joins joins;
	json_t *ids = json_array(), *arr = json_array(), *id, *o;
	size_t k;
	int rc;

	if ((rc = events_joins_load(ctx, 0, &joins, err)) < 0)
		goto out;
	/* Ids first: a snapshot runs other statements of the store. */
	rc = store_event_each(ctx->store, collect_id, ids, err);
	json_array_foreach(ids, k, id) {
		if (rc < 0 || (rc = events_snapshot_json(ctx,
		    json_integer_value(id), &o, err)) < 0)
			break;
		json_array_append_new(arr, o);
		if ((rc = events_annotate(ctx, o, &joins, err)) < 0)
			break;
	}
	events_joins_fini(&joins);
out:
	json_decref(ids);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int
events_show_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	struct event_joins joins;
	json_t *o;
	int rc;

	if ((rc = events_snapshot_json(ctx, id, &o, err)) < 0)
		return rc;
	if ((rc = events_joins_load(ctx, 0, &joins, err)) == 0) {
		rc = events_annotate(ctx, o, &joins, err);
		events_joins_fini(&joins);
	}
	if (rc < 0) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}
