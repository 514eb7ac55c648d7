/* SPDX-License-Identifier: MIT */
/*
 * /committee/events/{id}: one outreach event with its invitations, what
 * came of each, presenters and materials; and the forms that invite
 * ccTLDs and record an outcome, through the events service functions the
 * CLI calls (same validation, same audit rows).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/event.h"
#include "service/events.h"
#include "util/xalloc.h"
#include "web/html.h"
#include "web/plan.h"

#define ACTION_MAX 96
#define INVITE_MAX 64   /* ccTLDs in one invitation form */

static void
invited(struct buf *b, const json_t *o)
{
	const json_t *inv = json_object_get(o, "invited"), *e;
	size_t k;

	if (json_array_size(inv) == 0) {
		buf_puts(b, "<p>Nobody is invited yet.</p>\n");
		return;
	}
	buf_puts(b, "<table>\n<thead><tr><th scope=\"col\">ccTLD</th><th scope="
	    "\"col\">Country</th><th scope=\"col\">Region</th><th scope=\"col\">"
	    "Outcome</th><th scope=\"col\">Joined</th></tr></thead>\n<tbody>\n");
	json_array_foreach(inv, k, e)
		html_printf(b, "<tr><th scope=\"row\">.%s</th><td>%s</td><td>%s</td>"
		    "<td>%s</td><td>%s</td></tr>\n", plan_str(e, "unicode"),
		    plan_str(e, "country"), plan_str(e, "region"),
		    json_is_string(json_object_get(e, "outcome")) ?
		    plan_str(e, "outcome") : "\xe2\x80\x94",
		    json_is_string(json_object_get(e, "joined")) ?
		    plan_str(e, "joined") : "\xe2\x80\x94");
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
forms(struct web_req *rq, struct buf *b, const json_t *o,
    const struct plan_state *st)
{
	const json_t *inv = json_object_get(o, "invited"), *e;
	size_t k, n = json_array_size(inv);
	const char **codes = xcalloc(n + 1, sizeof(*codes));
	json_t *labels = json_array();
	const char **lab = xcalloc(n + 1, sizeof(*lab));
	char a_invite[ACTION_MAX], a_outcome[ACTION_MAX];

	json_array_foreach(inv, k, e) {
		codes[k] = plan_str(e, "code");
		json_array_append_new(labels, json_sprintf(".%s",
		    plan_str(e, "unicode")));
		lab[k] = json_string_value(json_array_get(labels, k));
	}
	snprintf(a_invite, sizeof(a_invite), "/committee/events/%lld/invite",
	    plan_int(o, "id"));
	snprintf(a_outcome, sizeof(a_outcome), "/committee/events/%lld/outcome",
	    plan_int(o, "id"));
	{
		const struct plan_field invite[] = {
			{ .name = "cctld", .label = "ccTLDs (separated by blanks or "
			  "commas, e.g. ky .ms)", .kind = PLAN_TEXT, .required = true },
		};
		const struct plan_field outcome[] = {
			{ .name = "cctld", .label = "Invited ccTLD", .kind = PLAN_SELECT,
			  .required = true, .options = codes, .option_labels = lab,
			  .noptions = n },
			{ .name = "outcome", .label = "Outcome", .kind = PLAN_SELECT,
			  .required = true, .options = event_outcomes,
			  .noptions = event_noutcomes },
		};
		const struct plan_form f[] = {
			{ "invite", "Invite ccTLDs", a_invite, "Invite", invite, 1,
			  false },
			{ "outcome", "Record an outcome", a_outcome, "Record the outcome",
			  outcome, 2, false },
		};

		plan_form_render(rq, b, &f[0], st);
		if (n > 0)
			plan_form_render(rq, b, &f[1], st);
		else
			plan_alert(b, "outcome", st);
	}
	json_decref(labels);
	free(lab);
	free(codes);
}

static void
people(struct buf *b, const json_t *o)
{
	const json_t *v;
	size_t k;

	buf_puts(b, "<section aria-labelledby=\"presenters\">\n<h2 id=\"presenters\">"
	    "Presenters and materials</h2>\n<ul>\n");
	json_array_foreach(json_object_get(o, "presenters"), k, v)
		html_printf(b, "<li>%s (%s)</li>\n", plan_str(v, "name"),
		    plan_str(v, "mode"));
	json_array_foreach(json_object_get(o, "materials"), k, v)
		html_printf(b, "<li>Material: %s (%s)</li>\n", plan_str(v, "slug"),
		    plan_str(v, "lang"));
	buf_puts(b, "</ul>\n</section>\n");
}

static void
event_page(struct web_req *rq, const struct plan_state *st)
{
	const json_t *cn;
	struct tld_error err;
	char title[64];
	struct buf b;
	int64_t id;
	json_t *o;

	if (!page_param_id(rq, "event", &id))
		return;
	tld_error_clear(&err);
	if (events_show_json(rq->ctx, id, &o, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	cn = json_object_get(o, "counts");
	snprintf(title, sizeof(title), "Event %" PRId64, id);
	buf_init(&b);
	page_begin(rq, &b, title);
	html_printf(&b, "<h1>Event: %s</h1>\n", plan_str(o, "title"));
	plan_nav(&b);
	html_printf(&b, "<p class=\"lead\">%s, %s", plan_str(o, "date"),
	    plan_str(o, "place"));
	if (json_is_string(json_object_get(o, "organiser")))
		html_printf(&b, ", organised by %s", plan_str(o, "organiser"));
	html_printf(&b, ". Invited %lld, joined since %lld, interested %lld, "
	    "declined %lld.</p>\n", plan_int(cn, "invited"), plan_int(cn, "joined"),
	    plan_int(cn, "interested"), plan_int(cn, "declined"));
	buf_puts(&b, "<section aria-labelledby=\"invited\">\n<h2 id=\"invited\">"
	    "Invited ccTLDs</h2>\n");
	invited(&b, o);
	forms(rq, &b, o, st);
	buf_puts(&b, "</section>\n");
	people(&b, o);
	json_decref(o);
	page_end(rq, &b, plan_status(st));
}

void
page_plan_event(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	event_page(rq, NULL);
}

void
page_plan_event_invite(struct web_req *rq, struct web_resp *rs)
{
	char *codes[INVITE_MAX], *text, *p, where[ACTION_MAX];
	struct tld_error err;
	size_t n = 0;
	int64_t id;
	int rc = 0;

	if (!page_param_id(rq, "event", &id))
		return;
	snprintf(where, sizeof(where), "/committee/events/%" PRId64 "#invited", id);
	tld_error_clear(&err);
	/* The form's one field holds what the CLI takes as arguments. */
	text = xstrdup(plan_arg(rq, "cctld"));
	for (p = text; *p != '\0' && rc == 0;) {
		size_t len = strcspn(p, " \t\r\n,");

		if (len == 0) {
			p++;
			continue;
		}
		if (n == INVITE_MAX)
			rc = tld_error_set(&err, TLD_EINVAL, "cctld", "at most %d "
			    "ccTLDs at once", INVITE_MAX);
		else
			codes[n++] = p;
		p += len;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (rc == 0 && n == 0)
		rc = tld_error_set(&err, TLD_EINVAL, "cctld", "name at least one "
		    "ccTLD");
	if (rc == 0)
		rc = events_invite(rq->ctx, id, codes, n, &err);
	free(text);
	plan_answer(rq, rs, rc, &err, "invite", where, event_page);
}

void
page_plan_event_outcome(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	char where[ACTION_MAX];
	int64_t id;
	int rc;

	if (!page_param_id(rq, "event", &id))
		return;
	snprintf(where, sizeof(where), "/committee/events/%" PRId64 "#invited", id);
	tld_error_clear(&err);
	rc = events_outcome(rq->ctx, id, plan_arg(rq, "cctld"),
	    plan_arg(rq, "outcome"), &err);
	plan_answer(rq, rs, rc, &err, "outcome", where, event_page);
}
