/* SPDX-License-Identifier: MIT */
/* Action items: numbering, state changes, notes, listing and export. */
#include "service/actions.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/text.h"
#include "service/audit.h"
#include "util/clock.h"
#include "util/xalloc.h"

int
actions_parse_number(const char *s, int64_t *out, struct tld_error *err)
{
	char *end;
	long long v;
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 0 || s[i] != '\0' || i > 9)
		return tld_error_set(err, TLD_EINVAL, "number",
		    "\"%.20s\" is not an action item number (1..%d)", s,
		    ACTION_NUMBER_MAX);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || v < 1 || v > ACTION_NUMBER_MAX)
		return tld_error_set(err, TLD_EINVAL, "number",
		    "%s is not an action item number (1..%d)", s,
		    ACTION_NUMBER_MAX);
	*out = v;
	return 0;
}

static json_t *
time_json(int64_t t)
{
	char iso[32];

	if (t == 0)
		return json_null();
	clock_format_iso(t, iso, sizeof(iso));
	return json_string(iso);
}

static json_t *
item_json(const struct action_item *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", json_integer(a->number));
	json_object_set_new(o, "title", json_string(a->title));
	json_object_set_new(o, "owner", json_string(a->owner));
	json_object_set_new(o, "state", json_string(a->closed ? "closed" : "open"));
	json_object_set_new(o, "opened", time_json(a->opened));
	json_object_set_new(o, "closed", time_json(a->closed ? a->closed_at : 0));
	return o;
}

static json_t *
note_json(const struct action_note *n)
{
	json_t *o = json_object();

	json_object_set_new(o, "at", time_json(n->at));
	json_object_set_new(o, "author", json_string(n->author));
	json_object_set_new(o, "text", json_string(n->text));
	return o;
}

static int
finish(struct tld_ctx *ctx, int rc, struct tld_error *err)
{
	if (rc < 0) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_commit(ctx->store, err);
}

static int
audit_item(struct tld_ctx *ctx, const char *action,
    const struct action_item *before, const struct action_item *after,
    const char *note, struct tld_error *err)
{
	json_t *b = before ? item_json(before) : NULL;
	json_t *a = after ? item_json(after) : json_object();
	char id[24];
	int rc;

	if (note != NULL)
		json_object_set_new(a, "note", json_string(note));
	snprintf(id, sizeof(id), "%" PRId64, after ? after->number :
	    before->number);
	rc = audit_record(ctx, action, "action", id, b, a, err);
	json_decref(b);
	json_decref(a);
	return rc;
}

int
actions_add(struct tld_ctx *ctx, const char *title, const char *owner,
    int64_t number, struct action_item *out, struct tld_error *err)
{
	struct action_item a;
	int64_t max = 0;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = text_copy("title", title, strlen(title), ACTION_TEXT_MAX,
	    true, a.title, sizeof(a.title), err)) < 0)
		return rc;
	if (owner != NULL && (rc = text_copy("owner", owner, strlen(owner),
	    ACTION_TEXT_MAX, false, a.owner, sizeof(a.owner), err)) < 0)
		return rc;
	if (number < 0 || number > ACTION_NUMBER_MAX)
		return tld_error_set(err, TLD_EINVAL, "number",
		    "%" PRId64 " is not an action item number (1..%d)", number,
		    ACTION_NUMBER_MAX);
	a.opened = clock_now();
	snprintf(a.created_by, sizeof(a.created_by), "%s", ctx->actor);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if (number == 0) {
		if ((rc = store_action_max_number(ctx->store, &max, err)) < 0)
			goto out;
		if (max >= ACTION_NUMBER_MAX) {
			rc = tld_error_set(err, TLD_ELIMIT, "number",
			    "action item numbers are used up to %d",
			    ACTION_NUMBER_MAX);
			goto out;
		}
		number = max + 1;
	}
	a.number = number;
	if ((rc = store_action_insert(ctx->store, &a, err)) < 0)
		goto out;
	rc = audit_item(ctx, "action.add", NULL, &a, NULL, err);
out:
	rc = finish(ctx, rc, err);
	if (rc == 0)
		*out = a;
	return rc;
}

static int
add_note(struct tld_ctx *ctx, int64_t number, const char *text,
    struct tld_error *err)
{
	struct action_note n;
	int rc;

	memset(&n, 0, sizeof(n));
	n.number = number;
	n.at = clock_now();
	snprintf(n.author, sizeof(n.author), "%s", ctx->actor);
	if ((rc = text_copy("note", text, strlen(text), ACTION_NOTE_MAX, true,
	    n.text, sizeof(n.text), err)) < 0)
		return rc;
	return store_action_note_insert(ctx->store, &n, err);
}

/* Close (closed) or reopen (!closed) number, with an optional note. */
static int
set_state(struct tld_ctx *ctx, int64_t number, bool closed, const char *note,
    struct tld_error *err)
{
	struct action_item before, after;
	int rc;

	if (note != NULL && (rc = text_field_check_note(note, err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_action_get(ctx->store, number, &before, err)) < 0)
		goto out;
	if (before.closed == closed) {
		rc = tld_error_set(err, TLD_EINVAL, "number",
		    "action item %" PRId64 " is %s already", number,
		    closed ? "closed" : "open");
		goto out;
	}
	after = before;
	after.closed = closed;
	after.closed_at = closed ? clock_now() : 0;
	if ((rc = store_action_set_state(ctx->store, number, closed,
	    after.closed_at, err)) < 0)
		goto out;
	if (note != NULL && (rc = add_note(ctx, number, note, err)) < 0)
		goto out;
	rc = audit_item(ctx, closed ? "action.close" : "action.reopen", &before,
	    &after, note, err);
out:
	return finish(ctx, rc, err);
}
