/* SPDX-License-Identifier: MIT */
/* Action items: numbering, state changes, notes, listing and export. */
#include "service/collateral/actions.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/field.h"
#include "model/text.h"
#include "service/audit.h"
#include "store/action_store.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

int
actions_parse_number(const char *s, int64_t *out, struct tld_error *err)
{
	char *end;
	long long v;
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 0 || s[i] != '\0' || i > 9) {
		bool plain = true;

		/* Quote the input only when it is plain ASCII (it may become JSON). */
		for (size_t k = 0; s[k] != '\0' && k < 20; k++)
			if (s[k] < ' ' || s[k] > '~')
				plain = false;
		return tld_error_set(err, TLD_EINVAL, "number",
		    "\"%.20s\" is not an action item number (1..%d)",
		    plain ? s : "?", ACTION_NUMBER_MAX);
	}
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
item_json(const struct action_item *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", json_integer(a->number));
	json_object_set_new(o, "title", json_string(a->title));
	json_object_set_new(o, "owner", json_string(a->owner));
	json_object_set_new(o, "state", json_string(a->closed ? "closed" : "open"));
	json_object_set_new(o, "opened", json_time(a->opened));
	json_object_set_new(o, "closed", json_time(a->closed ? a->closed_at : 0));
	return o;
}

static json_t *
note_json(const struct action_note *n)
{
	json_t *o = json_object();

	json_object_set_new(o, "at", json_time(n->at));
	json_object_set_new(o, "author", json_string(n->author));
	json_object_set_new(o, "text", json_string(n->text));
	return o;
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
	rc = store_end(ctx->store, rc, err);
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

	if (note != NULL && (rc = text_field_validate("note", note,
	    strlen(note), ACTION_NOTE_MAX, true, err)) < 0)
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
	return store_end(ctx->store, rc, err);
}

int
actions_close(struct tld_ctx *ctx, int64_t number, const char *note,
    struct tld_error *err)
{
	return set_state(ctx, number, true, note, err);
}

int
actions_reopen(struct tld_ctx *ctx, int64_t number, struct tld_error *err)
{
	return set_state(ctx, number, false, NULL, err);
}

int
actions_note(struct tld_ctx *ctx, int64_t number, const char *text,
    struct tld_error *err)
{
	struct action_item a;
	int rc;

	if ((rc = text_field_validate("note", text, strlen(text),
	    ACTION_NOTE_MAX, true, err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_action_get(ctx->store, number, &a, err)) < 0)
		goto out;
	if ((rc = add_note(ctx, number, text, err)) < 0)
		goto out;
	rc = audit_item(ctx, "action.note", NULL, &a, text, err);
out:
	return store_end(ctx->store, rc, err);
}

int
actions_edit(struct tld_ctx *ctx, int64_t number, const char *title,
    const char *owner, struct action_item *out, struct tld_error *err)
{
	struct action_item before, after;
	char t[ACTION_TEXT_MAX + 1], o[ACTION_TEXT_MAX + 1];
	int rc;

	if (title == NULL && owner == NULL)
		return tld_error_set(err, TLD_EINVAL, "title",
		    "give a title or an owner to change");
	if (title != NULL && (rc = text_copy("title", title, strlen(title),
	    ACTION_TEXT_MAX, true, t, sizeof(t), err)) < 0)
		return rc;
	if (owner != NULL && (rc = text_copy("owner", owner, strlen(owner),
	    ACTION_TEXT_MAX, false, o, sizeof(o), err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_action_get(ctx->store, number, &before, err)) < 0)
		goto out;
	after = before;
	if (title != NULL)
		snprintf(after.title, sizeof(after.title), "%s", t);
	if (owner != NULL)
		snprintf(after.owner, sizeof(after.owner), "%s", o);
	if ((rc = store_action_update(ctx->store, number, after.title,
	    after.owner, err)) < 0)
		goto out;
	rc = audit_item(ctx, "action.edit", &before, &after, NULL, err);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0 && out != NULL)
		*out = after;
	return rc;
}

/* ---- listing ------------------------------------------------------------ */

/* The items of a filter with their notes, both by number. */
struct action_set {
	struct action_item *items;
	size_t n, cap;
	struct action_note *notes;
	size_t nnotes, capnotes;
};

static int
collect_item(void *p, const struct action_item *a)
{
	struct action_set *set = p;

	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->items = xreallocarray(set->items, set->cap,
		    sizeof(*set->items));
	}
	set->items[set->n++] = *a;
	return 0;
}

static int
collect_note(void *p, const struct action_note *n)
{
	struct action_set *set = p;

	if (set->nnotes == set->capnotes) {
		set->capnotes = set->capnotes ? set->capnotes * 2 : 64;
		set->notes = xreallocarray(set->notes, set->capnotes,
		    sizeof(*set->notes));
	}
	set->notes[set->nnotes++] = *n;
	return 0;
}

static void
set_fini(struct action_set *set)
{
	free(set->items);
	free(set->notes);
}

static int
load(struct tld_ctx *ctx, enum action_filter filter, struct action_set *set,
    struct tld_error *err)
{
	int state = filter == ACTION_FILTER_OPEN ? 1 :
	    filter == ACTION_FILTER_CLOSED ? -1 : 0;
	int rc;

	memset(set, 0, sizeof(*set));
	if ((rc = store_action_each(ctx->store, state, collect_item, set,
	    err)) < 0 ||
	    (rc = store_action_note_each(ctx->store, 0, collect_note, set,
	    err)) < 0) {
		set_fini(set);
		return rc;
	}
	return 0;
}

/*
 * Calls fn for each item with its notes: both arrays are ordered by
 * number, so one pass pairs them.
 */
static void
each_with_notes(const struct action_set *set,
    void (*fn)(void *ctx, const struct action_item *a,
    const struct action_note *notes, size_t n), void *ctx)
{
	size_t k = 0;

	for (size_t i = 0; i < set->n; i++) {
		const struct action_item *a = &set->items[i];
		size_t first;

		while (k < set->nnotes && set->notes[k].number < a->number)
			k++;
		first = k;
		while (k < set->nnotes && set->notes[k].number == a->number)
			k++;
		fn(ctx, a, set->notes + first, k - first);
	}
}

static void
json_item(void *p, const struct action_item *a, const struct action_note *notes,
    size_t n)
{
	json_t *o = item_json(a), *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, note_json(&notes[i]));
	json_object_set_new(o, "notes", arr);
	json_array_append_new(p, o);
}

int
actions_list(struct tld_ctx *ctx, enum action_filter filter, json_t **out,
    struct tld_error *err)
{
	struct action_set set;
	json_t *array;
	int rc;

	if ((rc = load(ctx, filter, &set, err)) < 0)
		return rc;
	array = json_array();
	each_with_notes(&set, json_item, array);
	set_fini(&set);
	*out = array;
	return 0;
}

static int
show_note(void *p, const struct action_note *n)
{
	json_array_append_new(p, note_json(n));
	return 0;
}

int
actions_show(struct tld_ctx *ctx, int64_t number, json_t **out,
    struct tld_error *err)
{
	struct action_item a;
	json_t *o, *notes;
	int rc;

	if ((rc = store_action_get(ctx->store, number, &a, err)) < 0)
		return rc;
	notes = json_array();
	if ((rc = store_action_note_each(ctx->store, number, show_note, notes,
	    err)) < 0) {
		json_decref(notes);
		return rc;
	}
	o = item_json(&a);
	json_object_set_new(o, "notes", notes);
	*out = o;
	return 0;
}

/*
 * Text in a Markdown table cell: a "|" would end the cell and a "\" could
 * escape what follows, so both are escaped with "\".  Fields hold no line
 * breaks (they refuse control characters), so a row stays one line.
 */
static void
md_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

static void
md_cell(struct buf *b, const char *s)
{
	buf_putc(b, ' ');
	md_escape(b, s);
	buf_puts(b, " |");
}

static void
md_item(void *p, const struct action_item *a, const struct action_note *notes,
    size_t n)
{
	struct buf *b = p;
	char opened[32], closed[32] = "";

	clock_format_iso(a->opened, opened, sizeof(opened));
	opened[10] = '\0';
	if (a->closed) {
		clock_format_iso(a->closed_at, closed, sizeof(closed));
		closed[10] = '\0';
	}
	buf_printf(b, "| %" PRId64 " |", a->number);
	md_cell(b, a->title);
	md_cell(b, a->owner);
	md_cell(b, a->closed ? "closed" : "open");
	md_cell(b, opened);
	md_cell(b, closed);
	buf_putc(b, ' ');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, "; ");
		md_escape(b, notes[i].text);
	}
	buf_puts(b, " |\n");
}

int
actions_markdown(struct tld_ctx *ctx, enum action_filter filter,
    struct buf *out, struct tld_error *err)
{
	struct action_set set;
	int rc;

	if ((rc = load(ctx, filter, &set, err)) < 0)
		return rc;
	buf_puts(out, "| # | Action | Owner | State | Opened | Closed | Notes |\n"
	    "|---:|---|---|---|---|---|---|\n");
	each_with_notes(&set, md_item, out);
	set_fini(&set);
	return 0;
}
