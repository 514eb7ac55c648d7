/* SPDX-License-Identifier: MIT */
/* Meeting objectives and their state. */
#include "model/states.h"
#include "service/collateral/objectives.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "model/text.h"
#include "service/audit.h"
#include "store/initiative_store.h"
#include "store/meeting_store.h"
#include "store/objective_store.h"
#include "util/clock.h"

static json_t *
objective_json(const struct objective *o)
{
	json_t *j = json_object();
	char iso[32];

	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "meeting", json_string(o->meeting));
	json_object_set_new(j, "text", json_string(o->text));
	json_object_set_new(j, "state", json_string(o->state));
	json_object_set_new(j, "target", o->target[0] ? json_string(o->target) :
	    json_null());
	clock_format_iso(o->created, iso, sizeof(iso));
	json_object_set_new(j, "created", json_string(iso));
	clock_format_iso(o->updated, iso, sizeof(iso));
	json_object_set_new(j, "updated", json_string(iso));
	return j;
}

static int
audit_objective(struct tld_ctx *ctx, const char *action,
    const struct objective *before, const struct objective *after,
    struct tld_error *err)
{
	json_t *b = before ? objective_json(before) : NULL;
	json_t *a = objective_json(after);
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%" PRId64, after->id);
	rc = audit_record(ctx, action, "objective", id, b, a, err);
	json_decref(b);
	json_decref(a);
	return rc;
}

/* A whole number of at most 7 digits from s (up to end); false otherwise. */
static bool
small_number(const char *s, const char *end, int64_t *out)
{
	int64_t v = 0;

	if (s == end || end - s > 7)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

static int
milestone_found(void *p, const struct initiative_milestone *m)
{
	int64_t *want = p;

	if (m->number == want[0])
		want[1] = 1;
	return 0;
}

/* The canonical target text of measure/value into out; field named. */
static int
target_parse(struct tld_ctx *ctx, const char *measure, const char *value,
    char *out, size_t outlen, struct tld_error *err)
{
	const char *field, *colon;
	int64_t a, b;

	if (measure == NULL)
		return 0;
	if (strcmp(measure, "members") == 0 || strcmp(measure, "contacts") == 0) {
		bool rel = value[0] == '+';

		field = measure[0] == 'm' ? "target_members" : "target_contacts";
		if (!small_number(value + rel, value + strlen(value), &a))
			return tld_error_set(err, TLD_EINVAL, field,
			    "\"%s\" is not +N (N more than at the objective's "
			    "meeting) or N (at least N), N a whole number", value);
		if (rel && a == 0)
			return tld_error_set(err, TLD_EINVAL, field,
			    "+0 is no target: give +1 or more");
		snprintf(out, outlen, "%s %s%lld", measure, rel ? "+" : "",
		    (long long)a);
		return 0;
	}
	if (strcmp(measure, "milestone") != 0)
		return tld_error_set(err, TLD_EINVAL, "target",
		    "is not members, contacts or milestone");
	field = "target_milestone";
	colon = strchr(value, ':');
	if (colon == NULL || !small_number(value, colon, &a) ||
	    !small_number(colon + 1, colon + 1 + strlen(colon + 1), &b) ||
	    a == 0 || b == 0)
		return tld_error_set(err, TLD_EINVAL, field,
		    "\"%s\" is not INITIATIVE:MILESTONE (numbers, as in "
		    "tldops initiative show)", value);
	{
		struct initiative in;
		int64_t want[2] = { b, 0 };
		int rc;

		if ((rc = store_initiative_get(ctx->store, a, &in, err)) < 0) {
			if (rc == TLD_ENOTFOUND)
				return tld_error_set(err, TLD_ENOTFOUND, field,
				    "there is no initiative %lld", (long long)a);
			return rc;
		}
		if ((rc = store_initiative_milestone_each(ctx->store, a,
		    milestone_found, want, err)) < 0)
			return rc;
		if (!want[1])
			return tld_error_set(err, TLD_ENOTFOUND, field,
			    "initiative %lld has no milestone %lld", (long long)a,
			    (long long)b);
	}
	snprintf(out, outlen, "milestone %lld:%lld", (long long)a, (long long)b);
	return 0;
}

int
objectives_add(struct tld_ctx *ctx, const char *meeting, const char *text,
    struct objective *out, struct tld_error *err)
{
	return objectives_add_target(ctx, meeting, text, NULL, NULL, out, err);
}

int
objectives_add_target(struct tld_ctx *ctx, const char *meeting,
    const char *text, const char *measure, const char *value,
    struct objective *out, struct tld_error *err)
{
	struct objective o;
	struct meeting m;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = text_copy("meeting", meeting, strlen(meeting),
	    OBJECTIVE_MEETING_MAX, true, o.meeting, sizeof(o.meeting), err)) < 0)
		return rc;
	if ((rc = text_copy("text", text, strlen(text), OBJECTIVE_TEXT_MAX, true,
	    o.text, sizeof(o.text), err)) < 0)
		return rc;
	snprintf(o.state, sizeof(o.state), "open");
	o.created = o.updated = clock_now();
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	/* The name is kept as text, but it must be a meeting (docs/meetings.md). */
	if ((rc = store_meeting_get(ctx->store, o.meeting, &m, err)) == 0 &&
	    (rc = target_parse(ctx, measure, value, o.target, sizeof(o.target),
	    err)) == 0 &&
	    (rc = store_objective_insert(ctx->store, &o, err)) == 0)
		rc = audit_objective(ctx, "objective.add", NULL, &o, err);
	rc = store_end(ctx->store, rc, err);
	if (rc == 0)
		*out = o;
	return rc;
}

/* A measured objective is not marked by hand: the pack evaluates it. */
static int
measured_refuses(const struct objective *o, const char *state,
    struct tld_error *err)
{
	if (state == NULL || o->target[0] == '\0')
		return 0;
	return tld_error_set(err, TLD_EINVAL, "state",
	    "objective %lld measures itself (%s): the meeting pack evaluates it",
	    (long long)o->id, o->target);
}

int
objectives_set(struct tld_ctx *ctx, int64_t id, const char *state,
    struct objective *out, struct tld_error *err)
{
	struct objective before, after;
	int rc;

	if (objective_state_from(state) < 0)
		return tld_error_set(err, TLD_EINVAL, "state",
		    "is not met, missed or open");
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_objective_get(ctx->store, id, &before, err)) < 0)
		goto out;
	if ((rc = measured_refuses(&before, state, err)) < 0)
		goto out;
	after = before;
	snprintf(after.state, sizeof(after.state), "%s", state);
	after.updated = clock_now();
	if ((rc = store_objective_set_state(ctx->store, id, after.state,
	    after.updated, err)) < 0)
		goto out;
	rc = audit_objective(ctx, "objective.set", &before, &after, err);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0)
		*out = after;
	return rc;
}

int
objectives_update(struct tld_ctx *ctx, int64_t id, const char *text,
    const char *state, struct objective *out, struct tld_error *err)
{
	struct objective before, after;
	char t[OBJECTIVE_TEXT_MAX + 1];
	int rc;

	if (text == NULL && state == NULL)
		return tld_error_set(err, TLD_EINVAL, "text",
		    "give a text or a state to change");
	if (text != NULL && (rc = text_copy("text", text, strlen(text),
	    OBJECTIVE_TEXT_MAX, true, t, sizeof(t), err)) < 0)
		return rc;
	if (state != NULL && objective_state_from(state) < 0)
		return tld_error_set(err, TLD_EINVAL, "state",
		    "is not met, missed or open");
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_objective_get(ctx->store, id, &before, err)) < 0)
		goto out;
	if ((rc = measured_refuses(&before, state, err)) < 0)
		goto out;
	after = before;
	after.updated = clock_now();
	if (text != NULL) {
		snprintf(after.text, sizeof(after.text), "%s", t);
		if ((rc = store_objective_set_text(ctx->store, id, after.text,
		    after.updated, err)) < 0)
			goto out;
	}
	if (state != NULL) {
		snprintf(after.state, sizeof(after.state), "%s", state);
		if ((rc = store_objective_set_state(ctx->store, id, after.state,
		    after.updated, err)) < 0)
			goto out;
	}
	rc = audit_objective(ctx, text != NULL ? "objective.edit" :
	    "objective.set", &before, &after, err);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0 && out != NULL)
		*out = after;
	return rc;
}

int
objectives_show(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	struct objective o;
	int rc;

	if ((rc = store_objective_get(ctx->store, id, &o, err)) < 0)
		return rc;
	*out = objective_json(&o);
	return 0;
}

json_t *
objectives_json(const struct objective *o)
{
	return objective_json(o);
}

/* The meeting as stored (trimmed), or NULL for all; field "meeting". */
static int
meeting_key(const char *meeting, char *out, size_t outlen,
    struct tld_error *err)
{
	if (meeting == NULL)
		return 0;
	return text_copy("meeting", meeting, strlen(meeting),
	    OBJECTIVE_MEETING_MAX, true, out, outlen, err);
}

static int
list_one(void *p, const struct objective *o)
{
	json_array_append_new(p, objective_json(o));
	return 0;
}

int
objectives_list(struct tld_ctx *ctx, const char *meeting, json_t **out,
    struct tld_error *err)
{
	char key[OBJECTIVE_MEETING_MAX + 1];
	json_t *array;
	int rc;

	if ((rc = meeting_key(meeting, key, sizeof(key), err)) < 0)
		return rc;
	array = json_array();
	if ((rc = store_objective_each(ctx->store, meeting ? key : NULL,
	    list_one, array, err)) < 0) {
		json_decref(array);
		return rc;
	}
	*out = array;
	return 0;
}

