/* SPDX-License-Identifier: MIT */
/*
 * /committee/initiatives/{id}: one initiative with its milestones on the
 * timeline, its deliverables, flags and history, and the forms that
 * change it: the lead, the team, a milestone (due at a meeting to come),
 * a milestone done, the state with a note, a deliverable (a document).
 * Each POST calls the initiatives service function the CLI calls (same
 * validation, same audit rows).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/initiative.h"
#include "service/planning/initiatives.h"
#include "service/planning/meetings.h"
#include "util/json_util.h"
#include "util/xalloc.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/plan.h"

#define ACTION_MAX 96

static void
action(char out[ACTION_MAX], int64_t id, const char *verb)
{
	snprintf(out, ACTION_MAX, "/committee/initiatives/%" PRId64 "/%s", id,
	    verb);
}

static void
facts(struct buf *b, const json_t *o)
{
	struct buf t;
	const json_t *v;
	size_t k;

	buf_init(&t);
	html_printf(b, "<p class=\"lead\">A %s initiative, %s", json_str(o, "kind"),
	    json_str(o, "state"));
	if (*json_str(o, "state_note") != '\0')
		html_printf(b, ": %s", json_str(o, "state_note"));
	buf_puts(b, ".</p>\n<dl class=\"fields\">\n");
	html_printf(b, "<dt>Lead</dt><dd>%s</dd>\n", json_is_string(
	    json_object_get(o, "lead")) ? json_str(o, "lead") : "none");
	json_array_foreach(json_object_get(o, "team"), k, v)
		buf_printf(&t, "%s%s", k ? ", " : "", json_string_value(v));
	html_printf(b, "<dt>Team</dt><dd>%s</dd>\n", t.len ? buf_str(&t) : "none");
	buf_reset(&t);
	initiatives_flags_describe(o, &t);
	html_printf(b, "<dt>Flags</dt><dd>%s</dd>\n<dt>Last progress</dt><dd>%s"
	    "</dd>\n</dl>\n", t.len ? buf_str(&t) : "none",
	    json_str(o, "last_progress"));
	buf_fini(&t);
}

static void
milestones(struct web_req *rq, struct buf *b, const json_t *o,
    const json_t *meetings, const struct plan_state *st)
{
	const json_t *ms = json_object_get(o, "milestones"), *m;
	json_t *one = json_array(), *names = json_array(), *labels = json_array();
	const char **opt, **lab;
	char where[ACTION_MAX];
	size_t k, n = 0;

	buf_puts(b, "<section aria-labelledby=\"milestones\">\n<h2 id=\"milestones\">"
	    "Milestones</h2>\n");
	json_array_append(one, (json_t *)o);
	plan_timeline(b, meetings, one);
	json_decref(one);
	plan_alert(b, "done", st);
	action(where, json_num(o, "id"), "done");
	if (json_array_size(ms) > 0)
		buf_puts(b, "<table>\n<thead><tr><th scope=\"col\">#</th><th scope="
		    "\"col\">Milestone</th><th scope=\"col\">Due</th><th scope=\"col\">"
		    "State</th></tr></thead>\n<tbody>\n");
	json_array_foreach(ms, k, m) {
		char num[24], id[32], button[64];
		const struct plan_field hidden[] = {
			{ .name = "milestone", .kind = PLAN_HIDDEN, .value = num },
		};
		const struct plan_form f = { id, NULL, where, button, hidden, 1,
		    true };

		snprintf(num, sizeof(num), "%lld", json_num(m, "number"));
		snprintf(id, sizeof(id), "done-%lld", json_num(m, "number"));
		snprintf(button, sizeof(button), "Mark milestone %lld done",
		    json_num(m, "number"));
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s (%s)</td><td>", num,
		    json_str(m, "text"), json_str(m, "due"), json_str(m, "due_date"));
		if (json_is_string(json_object_get(m, "done")))
			html_printf(b, "done %s", json_str(m, "done"));
		else {
			html_printf(b, "%s ", json_is_true(json_object_get(m,
			    "overdue")) ? "OVERDUE" : "open");
			plan_form_render(rq, b, &f, NULL);
		}
		buf_puts(b, "</td></tr>\n");
	}
	if (json_array_size(ms) > 0)
		buf_puts(b, "</tbody>\n</table>\n");
	else
		buf_puts(b, "<p>No milestones yet.</p>\n");

	/* A milestone is due at a meeting whose day is not over. */
	json_array_foreach(meetings, k, m) {
		char label[160];

		if (json_is_true(json_object_get(m, "past")))
			continue;
		snprintf(label, sizeof(label), "%s (%s)", json_str(m, "name"),
		    json_str(m, "date"));
		json_array_append(names, json_object_get(m, "name"));
		json_array_append_new(labels, json_string(label));
		n++;
	}
	opt = xcalloc(n + 1, sizeof(*opt));
	lab = xcalloc(n + 1, sizeof(*lab));
	for (k = 0; k < n; k++) {
		opt[k] = json_string_value(json_array_get(names, k));
		lab[k] = json_string_value(json_array_get(labels, k));
	}
	action(where, json_num(o, "id"), "milestones");
	{
		const struct plan_field fields[] = {
			{ .name = "text", .label = "Milestone", .kind = PLAN_TEXT,
			  .required = true, .maxlength = INITIATIVE_TEXT_MAX },
			{ .name = "due", .label = "Due at the meeting", .kind =
			  PLAN_SELECT, .required = true, .options = opt,
			  .option_labels = lab, .noptions = n },
		};
		const struct plan_form f = { "milestone", "Add a milestone", where,
		    "Add the milestone", fields, 2, false };

		plan_form_render(rq, b, &f, st);
		if (n == 0)
			buf_puts(b, "<p>There is no meeting to come: add one on the "
			    "<a href=\"/committee/meetings#meeting\">meetings page</a> "
			    "first.</p>\n");
	}
	free(opt);
	free(lab);
	json_decref(names);
	json_decref(labels);
	buf_puts(b, "</section>\n");
}

static void
changes(struct web_req *rq, struct buf *b, const json_t *o,
    const struct plan_state *st)
{
	static const char *const ops[] = { "add", "remove" };
	static const char *const op_labels[] = { "add to the team",
	    "remove from the team" };
	const struct plan_field lead[] = {
		{ .name = "lead", .label = "Lead (empty: no lead)", .kind = PLAN_TEXT,
		  .maxlength = INITIATIVE_NAME_MAX, .value = json_str(o, "lead") },
	};
	const struct plan_field team[] = {
		{ .name = "name", .label = "Name", .kind = PLAN_TEXT, .required = true,
		  .maxlength = INITIATIVE_NAME_MAX },
		{ .name = "change", .label = "Change", .kind = PLAN_SELECT,
		  .required = true, .options = ops, .option_labels = op_labels,
		  .noptions = 2 },
	};
	const struct plan_field state[] = {
		{ .name = "state", .label = "State", .kind = PLAN_SELECT,
		  .required = true, .value = json_str(o, "state"),
		  .options = initiative_states, .noptions = initiative_nstates },
		{ .name = "note", .label = "Why (a note for the minutes)", .kind =
		  PLAN_TEXT, .required = true, .maxlength = INITIATIVE_TEXT_MAX },
	};
	char a_lead[ACTION_MAX], a_team[ACTION_MAX], a_state[ACTION_MAX];
	const struct plan_form forms[] = {
		{ "lead", "Set the lead", a_lead, "Set the lead", lead, 1, false },
		{ "team", "Change the team", a_team, "Change the team", team, 2,
		  false },
		{ "state", "Change the state", a_state, "Change the state", state, 2,
		  false },
	};

	action(a_lead, json_num(o, "id"), "lead");
	action(a_team, json_num(o, "id"), "team");
	action(a_state, json_num(o, "id"), "state");
	buf_puts(b, "<section aria-labelledby=\"change\">\n<h2 id=\"change\">"
	    "Lead, team and state</h2>\n");
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		plan_form_render(rq, b, &forms[i], st);
	buf_puts(b, "</section>\n");
}

/* The deliverables, each linked to its document, and the form adding one. */
static void
deliverables(struct web_req *rq, struct buf *b, const json_t *o,
    const struct plan_state *st)
{
	static const struct plan_docs_section sec = { "deliverables",
	    "Deliverables", "No deliverables yet.", "deliverable",
	    "Add a deliverable", "Add the deliverable", NULL, 0 };
	char where[ACTION_MAX];

	action(where, json_num(o, "id"), "deliverables");
	plan_docs_section(rq, b, &sec, json_object_get(o, "deliverables"),
	    where, st);
}

static void
history(struct buf *b, const json_t *o)
{
	const json_t *h = json_object_get(o, "history"), *e;
	size_t k;

	buf_puts(b, "<section aria-labelledby=\"history\">\n<h2 id=\"history\">"
	    "History</h2>\n<ol>\n");
	json_array_foreach(h, k, e)
		html_printf(b, "<li>%s %s: %s</li>\n", json_str(e, "at"),
		    json_str(e, "actor"), json_str(e, "change"));
	buf_puts(b, "</ol>\n</section>\n");
}

static void
initiative_page(struct web_req *rq, const struct plan_state *st)
{
	struct tld_error err;
	json_t *o, *meetings;
	char title[64];
	struct buf b;
	int64_t id;

	if (!page_param_id(rq, "initiative", &id))
		return;
	tld_error_clear(&err);
	if (initiatives_show_json(rq->ctx, id, &o, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	if (meetings_list_json(rq->ctx, &meetings, &err) < 0) {
		json_decref(o);
		page_tld_error(rq, &err);
		return;
	}
	snprintf(title, sizeof(title), "Initiative %" PRId64, id);
	buf_init(&b);
	page_begin(rq, &b, title);
	html_printf(&b, "<h1>Initiative %lld: %s</h1>\n", (long long)id,
	    json_str(o, "title"));
	plan_nav(&b);
	facts(&b, o);
	milestones(rq, &b, o, meetings, st);
	changes(rq, &b, o, st);
	deliverables(rq, &b, o, st);
	history(&b, o);
	json_decref(meetings);
	json_decref(o);
	page_end(rq, &b, plan_status(st));
}

void
page_plan_initiative(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	initiative_page(rq, NULL);
}

/* The changes the forms make, each the initiatives function the CLI calls. */
enum change { CH_LEAD, CH_TEAM, CH_MILESTONE, CH_DONE, CH_STATE,
    CH_DELIVERABLE };

static const struct plan_change changes_of[] = {
	[CH_LEAD] = { "lead", "lead", "change" },
	[CH_TEAM] = { "team", "team", "change" },
	[CH_MILESTONE] = { "milestones", "milestone", "milestones" },
	[CH_DONE] = { "done", "done", "milestones" },
	[CH_STATE] = { "state", "state", "change" },
	[CH_DELIVERABLE] = { "deliverables", "deliverable", "deliverables" },
};

static int
run(struct web_req *rq, int64_t id, int c, struct tld_error *err)
{
	const char *change = plan_arg(rq, "change");
	int64_t number;

	switch (c) {
	case CH_LEAD:
		return initiatives_lead(rq->ctx, id, plan_arg(rq, "lead"), err);
	case CH_TEAM:
		if (strcmp(change, "add") != 0 && strcmp(change, "remove") != 0)
			return tld_error_set(err, TLD_EINVAL, "change", "is not add "
			    "or remove");
		return initiatives_team(rq->ctx, id, strcmp(change, "add") == 0,
		    plan_arg(rq, "name"), err);
	case CH_MILESTONE:
		return initiatives_milestone(rq->ctx, id, plan_arg(rq, "text"),
		    plan_arg(rq, "due"), &number, err);
	case CH_DONE:
		if (!page_parse_id(plan_arg(rq, "milestone"), &number))
			return tld_error_set(err, TLD_EINVAL, "milestone", "is not a "
			    "milestone's number");
		return initiatives_milestone_done(rq->ctx, id, number, err);
	case CH_STATE:
		return initiatives_state(rq->ctx, id, plan_arg(rq, "state"),
		    plan_arg(rq, "note"), err);
	case CH_DELIVERABLE:
		return initiatives_deliverable(rq->ctx, id, plan_arg(rq, "doc"),
		    err);
	}
	return tld_error_set(err, TLD_EINVAL, "", "unknown change");
}

void
page_plan_initiative_change(struct web_req *rq, struct web_resp *rs)
{
	plan_apply_change(rq, rs, "initiative", "/committee/initiatives",
	    changes_of, sizeof(changes_of) / sizeof(changes_of[0]), run,
	    initiative_page);
}
