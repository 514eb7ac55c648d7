/* SPDX-License-Identifier: MIT */
/*
 * /committee/meetings: the meetings with their packs, the initiatives
 * with their milestone timeline, the events; and the forms that add a
 * meeting, an initiative or an event (POST /committee/meetings,
 * /committee/initiatives, /committee/events), each through the service
 * function the CLI calls, so validation and audit rows are the same.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/initiative.h"
#include "service/planning/events.h"
#include "service/planning/initiatives.h"
#include "service/planning/meetings.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/plan.h"

static const struct plan_field meeting_fields[] = {
	{ .name = "name", .label = "Name (e.g. ICANN85)", .kind = PLAN_TEXT,
	  .required = true, .maxlength = MEETING_NAME_MAX },
	{ .name = "date", .label = "Date (YYYY-MM-DD)", .kind = PLAN_TEXT,
	  .required = true, .hint = "YYYY-MM-DD" },
	{ .name = "place", .label = "Place", .kind = PLAN_TEXT,
	  .maxlength = MEETING_PLACE_MAX },
};

static const struct plan_form meeting_form = {
	"meeting", "Add a meeting", "/committee/meetings", "Add the meeting",
	meeting_fields, sizeof(meeting_fields) / sizeof(meeting_fields[0]), false,
};

static const struct plan_field event_fields[] = {
	{ .name = "title", .label = "Title", .kind = PLAN_TEXT, .required = true,
	  .maxlength = EVENT_TITLE_MAX },
	{ .name = "date", .label = "Date (YYYY-MM-DD)", .kind = PLAN_TEXT,
	  .required = true, .hint = "YYYY-MM-DD" },
	{ .name = "place", .label = "Place", .kind = PLAN_TEXT, .required = true,
	  .maxlength = EVENT_PLACE_MAX },
	{ .name = "organiser", .label = "Organiser (optional)", .kind = PLAN_TEXT,
	  .maxlength = EVENT_NAME_MAX },
};

static const struct plan_form event_form = {
	"event", "Add an event", "/committee/events", "Add the event",
	event_fields, sizeof(event_fields) / sizeof(event_fields[0]), false,
};

static void
initiative_form(struct web_req *rq, struct buf *b, const struct plan_state *st)
{
	const struct plan_field fields[] = {
		{ .name = "title", .label = "Title", .kind = PLAN_TEXT,
		  .required = true, .maxlength = INITIATIVE_TITLE_MAX },
		{ .name = "kind", .label = "Kind", .kind = PLAN_SELECT,
		  .required = true, .options = initiative_kinds,
		  .noptions = initiative_nkinds },
	};
	const struct plan_form f = {
		"initiative", "Add an initiative", "/committee/initiatives",
		"Add the initiative", fields, sizeof(fields) / sizeof(fields[0]),
		false,
	};

	plan_form_render(rq, b, &f, st);
}

static void
meetings_section(struct web_req *rq, struct buf *b, const json_t *a,
    const struct plan_state *st)
{
	struct buf path;
	json_t *e;
	size_t i;

	buf_init(&path);
	if (html_table_start(b, json_array_size(a), "None.", NULL,
	    (const char *[]){ "Meeting", "Date", "Place", "Pack", NULL })) {
		json_array_foreach(a, i, e) {
			buf_reset(&path);
			buf_puts(&path, "/committee/pack/");
			url_encode(&path, json_str(e, "name"));
			html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s"
			    "</td><td><a href=\"%s\">Pack for %s</a></td></tr>\n",
			    json_str(e, "name"), json_str(e, "date"),
			    json_str(e, "place"), buf_str(&path), json_str(e, "name"));
		}
		html_table_end(b);
	}
	buf_fini(&path);
	plan_form_render(rq, b, &meeting_form, st);
}

static void
initiatives_table(struct buf *b, const json_t *a)
{
	struct buf flags;
	json_t *e, *m;
	size_t i, k;

	if (!html_table_start(b, json_array_size(a), "None.", "fold",
	    (const char *[]){ "#", "Initiative", "Kind", "State", "Lead",
	    "Milestones done", "Flags", NULL }))
		return;
	buf_init(&flags);
	json_array_foreach(a, i, e) {
		const json_t *ms = json_object_get(e, "milestones");
		size_t done = 0;

		json_array_foreach(ms, k, m)
			done += json_is_string(json_object_get(m, "done"));
		buf_reset(&flags);
		initiatives_flags_describe(e, &flags);
		html_printf(b, "<tr><td>%lld</td><td><a href=\"/committee/initiatives/"
		    "%lld\">%s</a></td><td data-label=\"Kind\">%s</td><td data-label="
		    "\"State\">%s</td><td data-label=\"Lead\">%s</td><td data-label="
		    "\"Milestones done\">%zu of %zu</td><td data-label=\"Flags\">%s"
		    "</td></tr>\n", json_num(e, "id"), json_num(e, "id"),
		    json_str(e, "title"), json_str(e, "kind"), json_str(e, "state"),
		    json_str(e, "lead"), done, json_array_size(ms), buf_str(&flags));
	}
	html_table_end(b);
	buf_fini(&flags);
}

static void
events_table(struct buf *b, const json_t *a)
{
	json_t *e;
	size_t i;

	if (!html_table_start(b, json_array_size(a), "None.", NULL,
	    (const char *[]){ "Event", "Date", "Place", "Invited", "Joined", NULL }))
		return;
	json_array_foreach(a, i, e) {
		const json_t *cn = json_object_get(e, "counts");

		html_printf(b, "<tr><th scope=\"row\"><a href=\"/committee/events/"
		    "%lld\">%s</a></th><td>%s</td><td>%s</td><td>%lld</td><td>%lld"
		    "</td></tr>\n", json_num(e, "id"), json_str(e, "title"),
		    json_str(e, "date"), json_str(e, "place"), json_num(cn, "invited"),
		    json_num(cn, "joined"));
	}
	html_table_end(b);
}

static void
meetings_page(struct web_req *rq, const struct plan_state *st)
{
	struct tld_error err, err2;
	json_t *meetings = NULL, *a;
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Meetings");
	buf_puts(&b, "<h1>Meetings</h1>\n");
	plan_nav(&b);
	buf_puts(&b, "<section aria-labelledby=\"meetings\">\n<h2 id=\"meetings\">"
	    "Meetings</h2>\n");
	tld_error_clear(&err);
	if (meetings_list_json(rq->ctx, &meetings, &err) < 0)
		plan_section_error(&b, &err);
	else
		meetings_section(rq, &b, meetings, st);
	buf_puts(&b, "</section>\n<section aria-labelledby=\"initiatives\">\n"
	    "<h2 id=\"initiatives\">Initiatives</h2>\n");
	tld_error_clear(&err2);
	if (initiatives_list_json(rq->ctx, &a, &err2) < 0) {
		plan_section_error(&b, &err2);
	} else {
		if (meetings != NULL && json_array_size(a) > 0)
			plan_timeline(&b, meetings, a);
		initiatives_table(&b, a);
		json_decref(a);
	}
	initiative_form(rq, &b, st);
	buf_puts(&b, "</section>\n<section aria-labelledby=\"events\">\n"
	    "<h2 id=\"events\">Events</h2>\n");
	tld_error_clear(&err);
	if (events_list_json(rq->ctx, &a, &err) < 0) {
		plan_section_error(&b, &err);
	} else {
		events_table(&b, a);
		json_decref(a);
	}
	plan_form_render(rq, &b, &event_form, st);
	buf_puts(&b, "</section>\n");
	json_decref(meetings);
	page_end(rq, &b, plan_status(st));
}

void
page_plan_meetings(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	meetings_page(rq, NULL);
}

void
page_plan_meeting_add(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = meetings_add(rq->ctx, plan_arg(rq, "name"), plan_arg(rq, "date"),
	    plan_opt(rq, "place"), NULL, &err);
	plan_answer(rq, rs, rc, &err, "meeting", "/committee/meetings#meetings",
	    meetings_page);
}

/* After adding an initiative or event: its own page, or the refusal. */
static void
added(struct web_req *rq, struct web_resp *rs, int rc,
    const struct tld_error *err, const char *form, int64_t id)
{
	char where[64];

	snprintf(where, sizeof(where), "/committee/%ss/%" PRId64, form, id);
	plan_answer(rq, rs, rc, err, form, where, meetings_page);
}

void
page_plan_initiative_add(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id = 0;
	int rc;

	tld_error_clear(&err);
	rc = initiatives_add(rq->ctx, plan_arg(rq, "title"), plan_arg(rq, "kind"),
	    &id, &err);
	added(rq, rs, rc, &err, "initiative", id);
}

void
page_plan_event_add(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id = 0;
	int rc;

	tld_error_clear(&err);
	rc = events_add(rq->ctx, plan_arg(rq, "title"), plan_arg(rq, "date"),
	    plan_arg(rq, "place"), plan_opt(rq, "organiser"), &id, &err);
	added(rq, rs, rc, &err, "event", id);
}
