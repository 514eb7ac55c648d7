/* SPDX-License-Identifier: MIT */
/* The outreach list and its changes. */
#include "service/books/outreach.h"

#include <string.h>
#include <strings.h>

#include "model/cctld.h"
#include "model/field.h"
#include "model/states.h"
#include "service/audit.h"
#include "service/directory/cctlds.h"
#include "store/outreach_store.h"
#include "util/clock.h"
#include "util/json_util.h"

bool
outreach_state_valid(const char *s)
{
	return outreach_state_from(s) >= 0;
}

/* A member is "joined", whatever was stored before it joined. */
static const char *
shown_state(const struct cctld *c, const struct outreach_row *o)
{
	return c->member_since != 0 ? "joined" : o->state;
}

static json_t *
entry_json(const struct cctld *c, const struct outreach_row *o)
{
	json_t *e = json_object();

	json_object_set_new(e, "code", json_string(c->code));
	json_object_set_new(e, "unicode", json_string(c->unicode));
	json_object_set_new(e, "country", json_string(c->country));
	json_object_set_new(e, "region", json_string(c->region));
	json_object_set_new(e, "member", json_boolean(c->member_since != 0));
	json_object_set_new(e, "state", json_string(shown_state(c, o)));
	json_object_set_new(e, "owner", o->owner[0] ? json_string(o->owner) :
	    json_null());
	json_object_set_new(e, "note", o->note_at ? json_string(o->note) :
	    json_null());
	json_object_set_new(e, "note_at", json_time(o->note_at));
	json_object_set_new(e, "note_by", o->note_at ? json_string(o->note_by) :
	    json_null());
	json_object_set_new(e, "notes", json_integer(o->notes));
	json_object_set_new(e, "updated", json_time(o->updated));
	json_object_set_new(e, "updated_by", o->updated ?
	    json_string(o->updated_by) : json_null());
	return e;
}

static int
check_region(const char *region, struct tld_error *err)
{
	if (region != NULL && !region_valid(region))
		return tld_error_set(err, TLD_EINVAL, "region",
		    "\"%.20s\" is not one of AF, AP, EU, LAC, NA", region);
	return 0;
}

static int
append_entry(void *arr, const struct cctld *c, const struct outreach_row *o)
{
	json_array_append_new(arr, entry_json(c, o));
	return 0;
}

int
outreach_list_json(struct tld_ctx *ctx, const char *region, json_t **out,
    struct tld_error *err)
{
	json_t *arr;
	int rc;

	if ((rc = check_region(region, err)) < 0)
		return rc;
	arr = json_array();
	if ((rc = store_outreach_each(ctx->store, region, append_entry, arr,
	    err)) < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* The entries a query keeps, counted, those of its page appended. */
struct query_walk {
	const struct outreach_query *q;
	json_t *page;
	int64_t total;
};

static int
query_entry(void *p, const struct cctld *c, const struct outreach_row *o)
{
	struct query_walk *w = p;
	const struct outreach_query *q = w->q;

	if (q->state != NULL && strcmp(shown_state(c, o), q->state) != 0)
		return 0;
	if (q->owner != NULL && strcasecmp(o->owner, q->owner) != 0)
		return 0;
	if (w->total >= q->offset && (q->limit == 0 ||
	    w->total - q->offset < q->limit))
		json_array_append_new(w->page, entry_json(c, o));
	w->total++;
	return 0;
}

int
outreach_query_json(struct tld_ctx *ctx, const struct outreach_query *q,
    json_t **out, int64_t *total, struct tld_error *err)
{
	struct query_walk w = { q, NULL, 0 };
	int rc;

	if ((rc = check_region(q->region, err)) < 0)
		return rc;
	if (q->state != NULL && !outreach_state_valid(q->state))
		return tld_error_set(err, TLD_EINVAL, "state", "\"%.20s\" is not one "
		    "of none, contacted, interested, declined, joined", q->state);
	if (q->owner != NULL && (rc = text_field_validate("owner", q->owner,
	    strlen(q->owner), OUTREACH_OWNER_MAX, true, err)) < 0)
		return rc;
	if (q->limit < 0 || q->offset < 0)
		return tld_error_set(err, TLD_EINVAL, q->limit < 0 ? "limit" :
		    "page", "must not be negative");
	w.page = json_array();
	if ((rc = store_outreach_each(ctx->store, q->region, query_entry, &w,
	    err)) < 0) {
		json_decref(w.page);
		return rc;
	}
	*out = w.page;
	*total = w.total;
	return 0;
}

static int
append_note(void *arr, const struct outreach_note *n)
{
	json_array_append_new(arr, json_pack("{s:o, s:s, s:s}", "at",
	    json_time(n->at), "author", n->author, "text", n->text));
	return 0;
}

/* The entry of c (its row, or an empty one) with every note. */
static int
entry_with_notes(struct tld_ctx *ctx, const struct cctld *c, json_t **out,
    struct tld_error *err)
{
	struct outreach_row o;
	json_t *e, *notes;
	int rc;

	rc = store_outreach_get(ctx->store, c->code, &o, err);
	if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		memset(&o, 0, sizeof(o));
		snprintf(o.state, sizeof(o.state), "none");
	} else if (rc < 0) {
		return rc;
	}
	e = entry_json(c, &o);
	notes = json_array();
	json_object_set_new(e, "note_list", notes);
	if ((rc = store_outreach_notes_each(ctx->store, c->code, append_note,
	    notes, err)) < 0) {
		json_decref(e);
		return rc;
	}
	*out = e;
	return 0;
}

int
outreach_show_json(struct tld_ctx *ctx, const char *cctld, json_t **out,
    struct tld_error *err)
{
	struct cctld c;
	int rc;

	if ((rc = cctlds_resolve(ctx, cctld, &c, err)) < 0)
		return rc;
	return entry_with_notes(ctx, &c, out, err);
}

/* Validate a text option and copy it without surrounding blanks. */
static int
take_text(const char *field, const char *v, size_t max, bool required,
    char *out, size_t outlen, struct tld_error *err)
{
	size_t n = strlen(v);
	int rc;

	if ((rc = text_field_validate(field, v, n, max, required, err)) < 0)
		return rc;
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	snprintf(out, outlen, "%.*s", (int)n, v);
	return 0;
}

static json_t *
row_json(const struct outreach_row *o)
{
	return json_pack("{s:s, s:s}", "owner", o->owner, "state", o->state);
}

int
outreach_set(struct tld_ctx *ctx, const char *cctld,
    const struct outreach_change *ch, json_t **out, struct tld_error *err)
{
	char note[OUTREACH_NOTE_MAX + 1];
	struct outreach_row before, after;
	struct cctld c;
	json_t *b = NULL, *a = NULL;
	bool had_row;
	int rc;

	if (ch->owner == NULL && ch->state == NULL && ch->note == NULL)
		return tld_error_set(err, TLD_EINVAL, "",
		    "nothing to change: give an owner, a state or a note");
	memset(&after, 0, sizeof(after));
	if (ch->owner != NULL && (rc = take_text("owner", ch->owner,
	    OUTREACH_OWNER_MAX, false, after.owner, sizeof(after.owner),
	    err)) < 0)
		return rc;
	if (ch->note != NULL && (rc = take_text("note", ch->note,
	    OUTREACH_NOTE_MAX, true, note, sizeof(note), err)) < 0)
		return rc;
	if (ch->state != NULL && !outreach_state_valid(ch->state))
		return tld_error_set(err, TLD_EINVAL, "state", "\"%.20s\" is not one "
		    "of none, contacted, interested, declined, joined", ch->state);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = cctlds_resolve(ctx, cctld, &c, err)) < 0)
		goto out;
	if (ch->state != NULL && c.member_since != 0 &&
	    outreach_state_from(ch->state) != OUTREACH_JOINED) {
		rc = tld_error_set(err, TLD_EINVAL, "state", ".%s is a member: its "
		    "outreach state is joined", c.unicode);
		goto out;
	}
	rc = store_outreach_get(ctx->store, c.code, &before, err);
	had_row = rc == 0;
	if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		memset(&before, 0, sizeof(before));
		snprintf(before.state, sizeof(before.state), "none");
	} else if (rc < 0) {
		goto out;
	}
	snprintf(after.cctld, sizeof(after.cctld), "%s", c.code);
	if (ch->owner == NULL)
		snprintf(after.owner, sizeof(after.owner), "%s", before.owner);
	snprintf(after.state, sizeof(after.state), "%s",
	    ch->state ? ch->state : before.state);
	after.updated = clock_now();
	snprintf(after.updated_by, sizeof(after.updated_by), "%s", ctx->actor);
	if ((rc = store_outreach_put(ctx->store, &after, err)) < 0)
		goto out;
	if (ch->note != NULL && (rc = store_outreach_note_insert(ctx->store,
	    c.code, after.updated, ctx->actor, note, err)) < 0)
		goto out;
	b = had_row ? row_json(&before) : NULL;
	a = row_json(&after);
	if (ch->note != NULL)
		json_object_set_new(a, "note", json_string(note));
	rc = audit_record(ctx, "outreach.update", "outreach", c.code, b, a, err);
	json_decref(b);
	json_decref(a);
out:
	if (rc < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	if ((rc = store_commit(ctx->store, err)) < 0)
		return rc;
	return out != NULL ? entry_with_notes(ctx, &c, out, err) : 0;
}
