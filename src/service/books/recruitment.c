/* SPDX-License-Identifier: MIT */
/* The recruitment board, replayed from the audit log. */
#include "service/books/recruitment.h"

#include <stdlib.h>
#include <string.h>

#include "model/cctld_code.h"
#include "model/states.h"
#include "store/audit_store.h"
#include "store/meeting_store.h"
#include "store/stats_store.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

struct board {
	int64_t since, until;
	json_t *owners_of;      /* code -> [[at, owner, state], ...] as written */
	json_t *member;         /* code -> true/false at until */
	json_t *joined;         /* owner -> {code: true} */
	json_t *unowned;        /* {code: true} */
};

static int
note_owner(void *p, const struct audit_entry *e)
{
	struct board *b = p;
	json_t *after = e->after_json ? json_loads(e->after_json, 0, NULL) : NULL;
	const char *owner = json_string_value(json_object_get(after, "owner"));
	const char *state = json_string_value(json_object_get(after, "state"));
	json_t *hist;

	if (owner != NULL) {
		if ((hist = json_object_get(b->owners_of, e->object_id)) == NULL) {
			hist = json_array();
			json_object_set_new(b->owners_of, e->object_id, hist);
		}
		json_array_append_new(hist, json_pack("[I, s, s]",
		    (json_int_t)e->at, owner, state ? state : "none"));
	}
	json_decref(after);
	return 0;
}

/*
 * The [at, owner, state] of code in force at t: the last written at or
 * before t, or NULL.
 */
static json_t *
holder_at(const struct board *b, const char *code, int64_t t)
{
	json_t *hist = json_object_get(b->owners_of, code), *h, *found = NULL;
	size_t k;

	json_array_foreach(hist, k, h)
		if (json_integer_value(json_array_get(h, 0)) <= t)
			found = h;
	return found;
}

static int
note_join(void *p, const struct stats_membership_event *e)
{
	struct board *b = p;
	const char *owner;
	json_t *h, *set;

	json_object_set_new(b->member, e->cctld, json_boolean(e->join));
	if (!e->join || e->at < b->since)
		return 0;
	h = holder_at(b, e->cctld, e->at);
	owner = h ? json_string_value(json_array_get(h, 1)) : "";
	if (owner == NULL || owner[0] == '\0') {
		json_object_set_new(b->unowned, e->cctld, json_true());
		return 0;
	}
	if ((set = json_object_get(b->joined, owner)) == NULL) {
		set = json_object();
		json_object_set_new(b->joined, owner, set);
	}
	json_object_set_new(set, e->cctld, json_true());
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of an object as a sorted array of strings. */
static json_t *
sorted_keys(const json_t *obj)
{
	size_t n = json_object_size(obj), i = 0;
	const char **keys = xcalloc(n + 1, sizeof(*keys)), *key;
	json_t *arr = json_array(), *v;

	json_object_foreach((json_t *)obj, key, v)
		keys[i++] = key;
	if (n > 1)
		qsort(keys, n, sizeof(*keys), cmp_str);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(keys[i]));
	free(keys);
	return arr;
}

static int
cmp_owner(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	size_t jx = json_array_size(json_object_get(x, "joined"));
	size_t jy = json_array_size(json_object_get(y, "joined"));
	size_t wx = json_array_size(json_object_get(x, "working"));
	size_t wy = json_array_size(json_object_get(y, "working"));

	if (jx != jy)
		return jx > jy ? -1 : 1;
	if (wx != wy)
		return wx > wy ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x, "owner")),
	    json_string_value(json_object_get(y, "owner")));
}

static json_t *
build(const struct board *b)
{
	json_t *working = json_object(), *owners = json_object(), *hist, *o;
	json_t **v, *arr = json_array(), *out;
	const char *code, *owner;
	size_t n, i = 0;

	/* Who holds each ccTLD at until, and whether it is still to win. */
	json_object_foreach(b->owners_of, code, hist) {
		json_t *h = json_array_get(hist, json_array_size(hist) - 1), *set;
		const char *state = json_string_value(json_array_get(h, 2));

		owner = json_string_value(json_array_get(h, 1));
		if (owner == NULL || owner[0] == '\0' ||
		    json_is_true(json_object_get(b->member, code)) ||
		    (outreach_state_from(state) != OUTREACH_CONTACTED &&
		    outreach_state_from(state) != OUTREACH_INTERESTED))
			continue;
		if ((set = json_object_get(working, owner)) == NULL) {
			set = json_object();
			json_object_set_new(working, owner, set);
		}
		json_object_set_new(set, code, json_true());
	}
	json_object_foreach(b->joined, owner, o)
		json_object_set_new(owners, owner, json_null());
	json_object_foreach(working, owner, o)
		json_object_set_new(owners, owner, json_null());
	n = json_object_size(owners);
	v = xcalloc(n + 1, sizeof(*v));
	json_object_foreach(owners, owner, o) {
		const json_t *j = json_object_get(b->joined, owner);
		const json_t *w = json_object_get(working, owner);

		v[i++] = json_pack("{s:s, s:o, s:o}", "owner", owner, "joined",
		    sorted_keys(j), "working", sorted_keys(w));
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_owner);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
	json_decref(owners);
	json_decref(working);
	out = json_pack("{s:o, s:o, s:o, s:o}", "since", json_time(b->since),
	    "until", json_time(b->until), "owners", arr, "unowned",
	    sorted_keys(b->unowned));
	return out;
}

int
recruitment_board_json(struct tld_ctx *ctx, int64_t since, int64_t until,
    json_t **out, struct tld_error *err)
{
	struct board b;
	char a[32], c[32];
	int rc;

	if (since < 0 || until < 0)
		return tld_error_set(err, TLD_EINVAL, since < 0 ? "since" : "until",
		    "is before 1970");
	if (since != 0 && until != 0 && since >= until) {
		clock_format_iso(since, a, sizeof(a));
		clock_format_iso(until, c, sizeof(c));
		return tld_error_set(err, TLD_EINVAL, "since",
		    "%s is not before until (%s)", a, c);
	}
	b.since = since;
	b.until = until;
	b.owners_of = json_object();
	b.member = json_object();
	b.joined = json_object();
	b.unowned = json_object();
	if ((rc = store_audit_object_each(ctx->store, "outreach", NULL, until,
	    note_owner, &b, err)) >= 0 &&
	    (rc = store_stats_membership_each(ctx->store, until, note_join, &b,
	    err)) >= 0) {
		*out = build(&b);
		rc = 0;
	}
	json_decref(b.owners_of);
	json_decref(b.member);
	json_decref(b.joined);
	json_decref(b.unowned);
	return rc;
}
