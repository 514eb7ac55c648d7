/* SPDX-License-Identifier: MIT */
/*
 * The committee's action items and objectives (/committee/actions,
 * docs/web.md): the lists, adding either; one action item with its notes
 * and the forms that change its title and owner, close it with a note,
 * reopen it or add a note; one objective with the forms that change its
 * text and its state (open, met, missed; a measured objective's state is
 * its meeting pack's evaluation, not a form).  Every form calls the
 * service the CLI calls (actions_add/edit/close/reopen/note,
 * objectives_add_target/update/set): the same rules, the same audit rows.  A refused form shows
 * again with the refusal naming the field and what was typed kept; one
 * that worked redirects (303) to a page that says so (?done=).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/states.h"
#include "service/collateral/actions.h"
#include "service/collateral/objectives.h"
#include "service/planning/meetings.h"
#include "service/planning/pack.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/resp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct page_done done_texts[] = {
	{ "added", "The action item was added." },
	{ "saved", "The changes were saved." },
	{ "closed", "The action item was closed." },
	{ "reopened", "The action item was reopened." },
	{ "noted", "The note was added." },
	{ "objective", "The objective was added." },
	{ "state", "The objective's state was saved." },
};

/* ---- /committee/actions -------------------------------------------------- */

static const struct plan_field action_add_fields[] = {
	{ "title", "What is to be done", PLAN_TEXT, true, 200, NULL, NULL, NULL,
	  NULL, 0 },
	{ "owner", "Owner", PLAN_TEXT, false, 200, NULL, NULL, NULL, NULL, 0 },
	{ "number", "Number (empty: the next one)", PLAN_TEXT, false, 9, NULL,
	  "90", NULL, NULL, 0 },
};

/* What an objective's target measures: none, or objectives_add_target()'s. */
static const char *const measure_codes[] = { "", "members", "contacts",
    "milestone" };
static const char *const measure_names[] = {
    "Nothing: marked met or missed by hand", "Member ccTLDs", "Contacts",
    "A milestone of an initiative" };

static const struct plan_field objective_add_fields[] = {
	{ "meeting", "Meeting", PLAN_TEXT, true, 100, NULL, "ICANN85", NULL,
	  NULL, 0 },
	{ "text", "Objective", PLAN_TEXT, true, 500, NULL,
	  "Two new members from AP", NULL, NULL, 0 },
	/* A measure the meeting pack evaluates (objectives_add_target()). */
	{ "measure", "Measured by (optional)", PLAN_SELECT, false, 0, NULL, NULL,
	  measure_codes, measure_names, N(measure_codes) },
	{ "target", "Target: +3 (3 more than at the meeting), 64 (at least 64), "
	  "or 3:2 (initiative 3, milestone 2)", PLAN_TEXT, false, 20, NULL, "+3",
	  NULL, NULL, 0 },
};

static const char *const filter_codes[] = { "", "open", "closed" };
static const char *const filter_names[] = { "All", "Open", "Closed" };

static void
actions_section(struct web_req *rq, struct buf *b, const struct plan_state *st)
{
	static const char *const cols[] = { "#", "Action", "Owner", "State",
	    "Opened", "Closed", "Last note", NULL };
	const struct plan_form add = { "action", "Add an action item",
	    "/committee/actions", "Add the action item", action_add_fields,
	    N(action_add_fields), false };
	const char *f = form_get(&rq->query_args, "state");
	enum action_filter filter = ACTION_FILTER_ALL;
	struct tld_error err;
	json_t *a, *e;
	size_t i;

	if (f != NULL && strcmp(f, "open") == 0)
		filter = ACTION_FILTER_OPEN;
	else if (f != NULL && strcmp(f, "closed") == 0)
		filter = ACTION_FILTER_CLOSED;
	buf_puts(b, "<section aria-labelledby=\"actions\">\n<h2 id=\"actions\">"
	    "Action items</h2>\n<form method=\"get\" action=\"/committee/actions\" "
	    "class=\"filters\" aria-label=\"Which action items\">\n<div><label "
	    "for=\"state\">Show</label>\n<select id=\"state\" name=\"state\">\n");
	for (i = 0; i < N(filter_codes); i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>\n", filter_codes[i],
		    (int)filter == (int)i ? " selected" : "", filter_names[i]);
	buf_puts(b, "</select></div>\n<div><button type=\"submit\">Show</button>"
	    "</div>\n</form>\n");
	tld_error_clear(&err);
	if (actions_list(rq->ctx, filter, &a, &err) < 0) {
		plan_section_error(b, &err);
	} else {
		if (html_table_start(b, json_array_size(a), "None.", "fold", cols)) {
			json_array_foreach(a, i, e) {
				const json_t *notes = json_object_get(e, "notes");
				size_t nn = json_array_size(notes);
				const json_t *last = nn > 0 ? json_array_get(notes, nn - 1) :
				    NULL;
				char o[11], c[11];

				html_printf(b, "<tr><td data-label=\"#\"><a href=\""
				    "/committee/actions/%lld\">%lld</a></td><td data-label="
				    "\"Action\">%s</td><td data-label=\"Owner\">%s</td><td "
				    "data-label=\"State\">%s</td><td data-label=\"Opened\">%s"
				    "</td><td data-label=\"Closed\">%s</td><td data-label="
				    "\"Last note\">%s</td></tr>\n", json_num(e, "number"),
				    json_num(e, "number"), json_str(e, "title"),
				    json_str(e, "owner"), json_str(e, "state"),
				    plan_day(e, "opened", o), plan_day(e, "closed", c),
				    last != NULL ? json_str(last, "text") : "");
			}
			html_table_end(b);
		}
		json_decref(a);
	}
	plan_form_render(rq, b, &add, st);
	buf_puts(b, "</section>\n");
}

/* An objective's target as stored ("members +3"), or "by hand". */
static const char *
objective_target_text(const json_t *o)
{
	const char *t = json_string_value(json_object_get(o, "target"));

	return t != NULL ? t : "\xe2\x80\x94 (by hand)";
}

/*
 * How measured objectives stand.  The pack of the meeting after an
 * objective's own evaluates it (pack_json(): its "objectives", each
 * measured item with its state and "figure", from the records at that
 * meeting's date); nothing is evaluated here.  Before that day the
 * records are those of now: "met so far" or "not yet".
 */
struct standing {
	bool loaded;
	struct meeting_calendar cal;    /* cal.n == 0 also when it failed */
	json_t *packs;          /* evaluating meeting -> its objectives' items */
};

static void
standing_fini(struct standing *s)
{
	if (s->loaded)
		meetings_calendar_fini(&s->cal);
	json_decref(s->packs);
}

/* The pack's figure without its verdict ("members 1 → 3, target +2"). */
static void
figure_only(const char *figure, struct buf *out)
{
	size_t n = strlen(figure);
	const char *cut = strrchr(figure, ':');

	if (cut != NULL && (strcmp(cut, ": met") == 0 ||
	    strcmp(cut, ": missed") == 0))
		n = (size_t)(cut - figure);
	buf_append(out, figure, n);
}

/*
 * The standing of measured objective o as text in out ("not yet: members
 * 61 → 62, target +3 (by ICANN86, 2027-03-09)"); *next the evaluating
 * meeting's name ("" when there is none).  Free text: nothing.
 */
static void
objective_standing(struct web_req *rq, struct standing *s, const json_t *o,
    struct buf *out, const char **next)
{
	const struct meeting *m, *at = NULL;
	const json_t *items, *e, *item = NULL;
	struct tld_error err;
	char day[16];
	size_t i;

	*next = "";
	buf_reset(out);
	if (!json_is_string(json_object_get(o, "target")))
		return;
	tld_error_clear(&err);
	if (!s->loaded) {
		s->loaded = true;
		s->packs = json_object();
		if (meetings_calendar(rq->ctx, &s->cal, &err) < 0) {
			buf_printf(out, "not evaluated: %s", err.message);
			memset(&s->cal, 0, sizeof(s->cal));
			return;
		}
	}
	m = meetings_find(&s->cal, json_str(o, "meeting"));
	for (i = 0; m != NULL && i + 1 < s->cal.n; i++)
		if (&s->cal.m[i] == m)
			at = &s->cal.m[i + 1];
	if (at == NULL) {
		buf_printf(out, "not evaluated yet: the pack of the meeting after "
		    "%s evaluates it (none is planned)", json_str(o, "meeting"));
		return;
	}
	*next = at->name;
	if ((items = json_object_get(s->packs, at->name)) == NULL) {
		json_t *pack;

		if (pack_json(rq->ctx, at->name, &pack, &err) < 0) {
			buf_printf(out, "not evaluated: %s", err.message);
			return;
		}
		json_object_set(s->packs, at->name, json_object_get(
		    json_object_get(pack, "objectives"), "items"));
		json_decref(pack);
		items = json_object_get(s->packs, at->name);
	}
	json_array_foreach(items, i, e)
		if (json_num(e, "id") == json_num(o, "id"))
			item = e;
	meetings_format_day(at->date, day, sizeof(day));
	if (item == NULL || !json_is_string(json_object_get(item, "figure"))) {
		buf_printf(out, "not evaluated: the pack of %s (%s) does not have "
		    "it (added after that day)", at->name, day);
		return;
	}
	if (clock_now() >= at->date)
		buf_puts(out, strcmp(json_str(item, "state"), "met") == 0 ?
		    "met: " : "missed: ");
	else
		buf_puts(out, strcmp(json_str(item, "state"), "met") == 0 ?
		    "met so far: " : "not yet: ");
	figure_only(json_str(item, "figure"), out);
	buf_printf(out, " (%s %s, %s)", clock_now() >= at->date ? "at" : "by",
	    at->name, day);
}

static void
objectives_section(struct web_req *rq, struct buf *b,
    const struct plan_state *st)
{
	static const char *const cols[] = { "Meeting", "Objective", "Target",
	    "State", NULL };
	const struct plan_form add = { "objective", "Add an objective",
	    "/committee/objectives", "Add the objective", objective_add_fields,
	    N(objective_add_fields), false };
	struct standing sd = { 0 };
	struct tld_error err;
	const char *next;
	struct buf state;
	json_t *a, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"objectives\">\n"
	    "<h2 id=\"objectives\">Objectives</h2>\n");
	tld_error_clear(&err);
	if (objectives_list(rq->ctx, NULL, &a, &err) < 0) {
		plan_section_error(b, &err);
	} else {
		if (html_table_start(b, json_array_size(a), "None.", "fold", cols)) {
			buf_init(&state);
			json_array_foreach(a, i, e) {
				/* Measured: as the pack evaluates it; else as marked. */
				objective_standing(rq, &sd, e, &state, &next);
				html_printf(b, "<tr><td data-label=\"Meeting\">%s</td>"
				    "<td data-label=\"Objective\"><a href=\""
				    "/committee/objectives/%lld\">%s</a></td><td data-label="
				    "\"Target\">%s</td><td data-label=\"State\">%s</td>"
				    "</tr>\n", json_str(e, "meeting"), json_num(e, "id"),
				    json_str(e, "text"), objective_target_text(e),
				    state.len > 0 ? buf_str(&state) : json_str(e, "state"));
			}
			buf_fini(&state);
			standing_fini(&sd);
			html_table_end(b);
		}
		json_decref(a);
	}
	plan_form_render(rq, b, &add, st);
	buf_puts(b, "</section>\n");
}

static void
actions_page(struct web_req *rq, const struct plan_state *st)
{
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Actions and objectives");
	buf_puts(&b, "<h1>Actions and objectives</h1>\n");
	plan_nav(&b);
	page_done_notice(rq, &b, done_texts, N(done_texts));
	actions_section(rq, &b, st);
	objectives_section(rq, &b, st);
	page_end(rq, &b, plan_status(st));
}

void
page_plan_actions(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	actions_page(rq, NULL);
}

void
page_action_add(struct web_req *rq, struct web_resp *rs)
{
	const char *number = plan_opt(rq, "number");
	struct action_item a;
	struct tld_error err;
	char where[64];
	int64_t n = 0;
	int rc = 0;

	tld_error_clear(&err);
	if (number != NULL)
		rc = actions_parse_number(number, &n, &err);
	if (rc == 0)
		rc = actions_add(rq->ctx, plan_arg(rq, "title"), plan_opt(rq, "owner"),
		    n, &a, &err);
	snprintf(where, sizeof(where), "/committee/actions/%" PRId64 "?done=added",
	    rc >= 0 ? a.number : 0);
	plan_answer(rq, rs, rc, &err, "action", where, actions_page);
}

/*
 * The form's measure and target as objectives_add_target() takes them:
 * both NULL for a free-text objective.  A target without a measure, or a
 * measure the select does not offer, is refused naming "measure".
 */
static int
objective_target(struct web_req *rq, const char **measure,
    const char **target, struct tld_error *err)
{
	*measure = plan_opt(rq, "measure");
	*target = *measure != NULL ? plan_arg(rq, "target") : NULL;
	if (*measure == NULL)
		return plan_opt(rq, "target") == NULL ? 0 :
		    tld_error_set(err, TLD_EINVAL, "measure", "choose what the "
		    "target measures (member ccTLDs, contacts or a milestone), "
		    "or leave the target empty");
	for (size_t i = 1; i < N(measure_codes); i++)
		if (strcmp(*measure, measure_codes[i]) == 0)
			return 0;
	return tld_error_set(err, TLD_EINVAL, "measure",
	    "is not members, contacts or milestone");
}

void
page_objective_add(struct web_req *rq, struct web_resp *rs)
{
	const char *measure, *target;
	struct objective o;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = objective_target(rq, &measure, &target, &err);
	if (rc == 0)
		rc = objectives_add_target(rq->ctx, plan_arg(rq, "meeting"),
		    plan_arg(rq, "text"), measure, target, &o, &err);
	/* The service names target_members ...: here it is the target field. */
	if (rc < 0 && strncmp(err.field, "target", 6) == 0)
		snprintf(err.field, sizeof(err.field), "target");
	plan_answer(rq, rs, rc, &err, "objective",
	    "/committee/actions?done=objective#objectives", actions_page);
}

/* ---- one action item ----------------------------------------------------- */

/* The item number of the path; false with a 404 page. */
static bool
action_number(struct web_req *rq, int64_t *n)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (actions_parse_number(rq->params[0], n, &err) == 0)
		return true;
	page_message(rq, 404, "Not found", "There is no action item with this "
	    "number.");
	return false;
}

static void
action_page(struct web_req *rq, const struct plan_state *st)
{
	static const struct plan_field close_fields[] = {
		{ "note", "How it ended (optional)", PLAN_TEXT, false, 1000, NULL,
		  NULL, NULL, NULL, 0 },
	};
	static const struct plan_field note_fields[] = {
		{ "note", "Note", PLAN_TEXT, true, 1000, NULL, NULL, NULL, NULL, 0 },
	};
	struct plan_field edit[2];
	char base[48], edit_action[48], close_action[64], note_action[64];
	char title[ACTION_TEXT_MAX + 32], o[11], c[11];
	struct tld_error err;
	json_t *a, *e;
	struct buf b;
	bool closed;
	int64_t n;
	size_t i;

	if (!action_number(rq, &n))
		return;
	tld_error_clear(&err);
	if (actions_show(rq->ctx, n, &a, &err) < 0) {
		if (err.code == TLD_ENOTFOUND)
			page_message(rq, 404, "Not found", "There is no action item "
			    "with this number.");
		else
			page_tld_error(rq, &err);
		return;
	}
	closed = strcmp(json_str(a, "state"), "closed") == 0;
	edit[0] = action_add_fields[0];
	edit[0].value = json_str(a, "title");
	edit[1] = action_add_fields[1];
	edit[1].value = json_str(a, "owner");
	snprintf(base, sizeof(base), "/committee/actions/%" PRId64, n);
	snprintf(edit_action, sizeof(edit_action), "%s", base);
	snprintf(close_action, sizeof(close_action), "%s/%s", base,
	    closed ? "reopen" : "close");
	snprintf(note_action, sizeof(note_action), "%s/notes", base);
	snprintf(title, sizeof(title), "Action item %" PRId64, n);
	{
		const struct plan_form ef = { "edit", "Change the item", edit_action,
		    "Save the changes", edit, N(edit), false };
		const struct plan_form cf = { "close", "Close the item", close_action,
		    "Close", close_fields, N(close_fields), false };
		const struct plan_form rf = { "reopen", "Reopen the item",
		    close_action, "Reopen", NULL, 0, false };
		const struct plan_form nf = { "note", "Add a note", note_action,
		    "Add the note", note_fields, N(note_fields), false };

		buf_init(&b);
		page_begin(rq, &b, title);
		html_printf(&b, "<h1>Action item %lld</h1>\n", (long long)n);
		plan_nav(&b);
		page_done_notice(rq, &b, done_texts, N(done_texts));
		html_printf(&b, "<dl class=\"fields\">\n<dt>Action</dt><dd>%s</dd>\n"
		    "<dt>Owner</dt><dd>%s</dd>\n<dt>State</dt><dd id=\"current-state\">"
		    "%s</dd>\n<dt>Opened</dt><dd>%s</dd>\n", json_str(a, "title"),
		    json_str(a, "owner")[0] != '\0' ? json_str(a, "owner") :
		    "\xe2\x80\x94", json_str(a, "state"), plan_day(a, "opened", o));
		if (closed)
			html_printf(&b, "<dt>Closed</dt><dd>%s</dd>\n",
			    plan_day(a, "closed", c));
		buf_puts(&b, "</dl>\n<section aria-labelledby=\"notes\">\n"
		    "<h2 id=\"notes\">Notes</h2>\n");
		if (json_array_size(json_object_get(a, "notes")) == 0)
			buf_puts(&b, "<p>No notes yet.</p>\n");
		else
			buf_puts(&b, "<ul class=\"notes\">\n");
		json_array_foreach(json_object_get(a, "notes"), i, e) {
			char at[11];

			html_printf(&b, "<li>%s <span class=\"meta\">(%s, %s)</span>"
			    "</li>\n", json_str(e, "text"), json_str(e, "author"),
			    plan_day(e, "at", at));
		}
		if (json_array_size(json_object_get(a, "notes")) > 0)
			buf_puts(&b, "</ul>\n");
		plan_form_render(rq, &b, &nf, st);
		buf_puts(&b, "</section>\n<section aria-labelledby=\"edit\">\n");
		plan_form_render(rq, &b, &ef, st);
		buf_puts(&b, "</section>\n");
		html_printf(&b, "<section aria-labelledby=\"%s\">\n",
		    closed ? "reopen" : "close");
		/* Closing a closed item (another tab did): the refusal still shows. */
		plan_alert(&b, closed ? "close" : "reopen", st);
		plan_form_render(rq, &b, closed ? &rf : &cf, st);
		buf_puts(&b, "</section>\n<p><a href=\"/committee/actions\">Back to "
		    "the action items</a></p>\n");
		json_decref(a);
		page_end(rq, &b, plan_status(st));
	}
}

void
page_action(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	action_page(rq, NULL);
}

/* The forms that change one item: the route's last segment says which. */
void
page_action_change(struct web_req *rq, struct web_resp *rs)
{
	const char *verb = strrchr(rq->route->pattern, '/') + 1;
	struct tld_error err;
	const char *form, *done;
	char where[80];
	int64_t n;
	int rc;

	if (!action_number(rq, &n))
		return;
	tld_error_clear(&err);
	if (strcmp(verb, "close") == 0) {
		form = "close";
		done = "closed";
		rc = actions_close(rq->ctx, n, plan_opt(rq, "note"), &err);
	} else if (strcmp(verb, "reopen") == 0) {
		form = "reopen";
		done = "reopened";
		rc = actions_reopen(rq->ctx, n, &err);
	} else if (strcmp(verb, "notes") == 0) {
		form = "note";
		done = "noted";
		rc = actions_note(rq->ctx, n, plan_arg(rq, "note"), &err);
	} else {
		form = "edit";
		done = "saved";
		rc = actions_edit(rq->ctx, n, plan_arg(rq, "title"),
		    plan_arg(rq, "owner"), NULL, &err);
	}
	if (rc < 0 && err.code == TLD_ENOTFOUND) {
		page_message(rq, 404, "Not found", "There is no action item with "
		    "this number.");
		return;
	}
	snprintf(where, sizeof(where), "/committee/actions/%" PRId64 "?done=%s",
	    n, done);
	plan_answer(rq, rs, rc, &err, form, where, action_page);
}

/* ---- one objective ------------------------------------------------------- */

static void
objective_page(struct web_req *rq, const struct plan_state *st)
{
	static const char *const labels[] = { "Open", "Met", "Missed" };
	struct plan_field text[1], state[1];
	char action[48], state_action[64], title[48];
	struct tld_error err;
	struct standing sd = { 0 };
	struct buf b, standing;
	const char *next;
	bool measured;
	json_t *o;
	int64_t id;

	if (!page_param_id(rq, "objective", &id))
		return;
	tld_error_clear(&err);
	if (objectives_show(rq->ctx, id, &o, &err) < 0) {
		if (err.code == TLD_ENOTFOUND)
			page_message(rq, 404, "Not found", "There is no objective "
			    "with this number.");
		else
			page_tld_error(rq, &err);
		return;
	}
	measured = json_is_string(json_object_get(o, "target"));
	text[0] = objective_add_fields[1];
	text[0].value = json_str(o, "text");
	state[0] = (struct plan_field){ .name = "state", .label = "State",
	    .kind = PLAN_SELECT, .required = true, .value = json_str(o, "state"),
	    .options = objective_state_names, .option_labels = labels,
	    .noptions = OBJECTIVE_STATES };
	snprintf(action, sizeof(action), "/committee/objectives/%" PRId64, id);
	snprintf(state_action, sizeof(state_action), "%s/state", action);
	snprintf(title, sizeof(title), "Objective %" PRId64, id);
	{
		const struct plan_form tf = { "edit", "Change the text", action,
		    "Save the text", text, N(text), false };
		const struct plan_form sf = { "state", "Met or missed?",
		    state_action, "Save the state", state, N(state), false };

		buf_init(&b);
		buf_init(&standing);
		page_begin(rq, &b, title);
		html_printf(&b, "<h1>Objective %lld</h1>\n", (long long)id);
		plan_nav(&b);
		page_done_notice(rq, &b, done_texts, N(done_texts));
		objective_standing(rq, &sd, o, &standing, &next);
		html_printf(&b, "<dl class=\"fields\">\n<dt>Meeting</dt><dd>%s</dd>\n"
		    "<dt>Objective</dt><dd>%s</dd>\n<dt>Target</dt><dd id=\""
		    "current-target\">%s</dd>\n<dt>State</dt><dd id=\"current-state\">"
		    "%s</dd>\n</dl>\n", json_str(o, "meeting"), json_str(o, "text"),
		    objective_target_text(o), measured ? buf_str(&standing) :
		    json_str(o, "state"));
		buf_puts(&b, "<section aria-labelledby=\"state\">\n");
		if (measured) {
			/* objectives_set() refuses it: no form (a forged POST's refusal shows). */
			buf_puts(&b, "<h3 id=\"state\">Met or missed?</h3>\n");
			plan_alert(&b, "state", st);
			buf_puts(&b, "<p id=\"measured\">This objective measures itself: "
			    "the pack of the meeting after its own evaluates it from the "
			    "records. Its state is not set by hand.");
			if (next[0] != '\0') {
				struct buf path;

				buf_init(&path);
				buf_puts(&path, "/committee/pack/");
				url_encode(&path, next);
				html_printf(&b, " See <a href=\"%s\">the pack for %s</a>.",
				    buf_str(&path), next);
				buf_fini(&path);
			}
			buf_puts(&b, "</p>\n");
		} else {
			plan_form_render(rq, &b, &sf, st);
		}
		buf_puts(&b, "</section>\n<section aria-labelledby=\"edit\">\n");
		plan_form_render(rq, &b, &tf, st);
		buf_puts(&b, "</section>\n<p><a href=\"/committee/actions#objectives\">"
		    "Back to the objectives</a></p>\n");
		json_decref(o);
		buf_fini(&standing);
		standing_fini(&sd);
		page_end(rq, &b, plan_status(st));
	}
}

void
page_objective(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	objective_page(rq, NULL);
}

void
page_objective_change(struct web_req *rq, struct web_resp *rs)
{
	bool state = strcmp(strrchr(rq->route->pattern, '/') + 1, "state") == 0;
	struct objective o;
	struct tld_error err;
	char where[80];
	int64_t id;
	int rc;

	if (!page_param_id(rq, "objective", &id))
		return;
	tld_error_clear(&err);
	rc = state ? objectives_set(rq->ctx, id, plan_arg(rq, "state"), &o, &err) :
	    objectives_update(rq->ctx, id, plan_arg(rq, "text"), NULL, NULL,
	    &err);
	if (rc < 0 && err.code == TLD_ENOTFOUND) {
		page_message(rq, 404, "Not found", "There is no objective with "
		    "this number.");
		return;
	}
	snprintf(where, sizeof(where), "/committee/objectives/%" PRId64 "?done=%s",
	    id, state ? "state" : "saved");
	plan_answer(rq, rs, rc, &err, state ? "state" : "edit", where,
	    objective_page);
}
