/* SPDX-License-Identifier: MIT */
/*
 * /committee/events/{id}: one outreach event with its invitations, what
 * came of each, presenters and materials; and the forms that invite
 * ccTLDs, record an outcome, name a presenter and add a material, through
 * the events service functions the CLI calls (same validation, same audit
 * rows).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/event.h"
#include "service/planning/events.h"
#include "util/json_util.h"
#include "util/xalloc.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/plan.h"

#define ACTION_MAX 96
#define INVITE_MAX 64   /* ccTLDs in one invitation form */
#define LANGS_MAX 32    /* languages in one material form (as the CLI) */

static void
action(char out[ACTION_MAX], const json_t *o, const char *verb)
{
	snprintf(out, ACTION_MAX, "/committee/events/%lld/%s", json_num(o, "id"),
	    verb);
}

static void
invited(struct buf *b, const json_t *o)
{
	const json_t *inv = json_object_get(o, "invited"), *e;
	size_t k;

	if (!html_table_start(b, json_array_size(inv), "Nobody is invited yet.",
	    "fold", (const char *[]){ "ccTLD", "Country", "Region", "Outcome",
	    "Joined", NULL }))
		return;
	json_array_foreach(inv, k, e)
		html_printf(b, "<tr><th scope=\"row\">.%s</th><td data-label=\""
		    "Country\">%s</td><td data-label=\"Region\">%s</td><td data-label="
		    "\"Outcome\">%s</td><td data-label=\"Joined\">%s</td></tr>\n",
		    json_str(e, "unicode"), json_str(e, "country"), json_str(e, "region"),
		    json_is_string(json_object_get(e, "outcome")) ?
		    json_str(e, "outcome") : "\xe2\x80\x94",
		    json_is_string(json_object_get(e, "joined")) ?
		    json_str(e, "joined") : "\xe2\x80\x94");
	html_table_end(b);
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
		codes[k] = json_str(e, "code");
		json_array_append_new(labels, json_sprintf(".%s",
		    json_str(e, "unicode")));
		lab[k] = json_string_value(json_array_get(labels, k));
	}
	action(a_invite, o, "invite");
	action(a_outcome, o, "outcome");
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
presenters(struct web_req *rq, struct buf *b, const json_t *o,
    const struct plan_state *st)
{
	const json_t *list = json_object_get(o, "presenters"), *v;
	char where[ACTION_MAX];
	size_t k;
	const struct plan_field fields[] = {
		{ .name = "name", .label = "Name", .kind = PLAN_TEXT,
		  .required = true, .maxlength = EVENT_NAME_MAX },
		{ .name = "mode", .label = "Presents", .kind = PLAN_SELECT,
		  .required = true, .options = event_modes,
		  .noptions = event_nmodes },
	};
	const struct plan_form f = { "presenter", "Name a presenter (again, to "
	    "change how they present)", where, "Name the presenter", fields, 2,
	    false };

	buf_puts(b, "<section aria-labelledby=\"presenters\">\n<h2 id=\""
	    "presenters\">Presenters</h2>\n");
	if (json_array_size(list) == 0)
		buf_puts(b, "<p>No presenters yet.</p>\n");
	else
		buf_puts(b, "<ul>\n");
	json_array_foreach(list, k, v)
		html_printf(b, "<li>%s (%s)</li>\n", json_str(v, "name"),
		    json_str(v, "mode"));
	if (json_array_size(list) > 0)
		buf_puts(b, "</ul>\n");
	action(where, o, "presenters");
	plan_form_render(rq, b, &f, st);
	buf_puts(b, "</section>\n");
}

static void
materials(struct web_req *rq, struct buf *b, const json_t *o,
    const struct plan_state *st)
{
	static const struct plan_field lang[] = {
		{ .name = "lang", .label = "Languages (separated by blanks or "
		  "commas, e.g. en fr)", .kind = PLAN_TEXT, .required = true },
	};
	static const struct plan_docs_section sec = { "materials", "Materials",
	    "No materials yet.", "material", "Add a material",
	    "Add the material", lang, 1 };
	char where[ACTION_MAX];

	action(where, o, "materials");
	plan_docs_section(rq, b, &sec, json_object_get(o, "materials"), where,
	    st);
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
	html_printf(&b, "<h1>Event: %s</h1>\n", json_str(o, "title"));
	plan_nav(&b);
	html_printf(&b, "<p class=\"lead\">%s, %s", json_str(o, "date"),
	    json_str(o, "place"));
	if (json_is_string(json_object_get(o, "organiser")))
		html_printf(&b, ", organised by %s", json_str(o, "organiser"));
	html_printf(&b, ". Invited %lld, joined since %lld, interested %lld, "
	    "declined %lld.</p>\n", json_num(cn, "invited"), json_num(cn, "joined"),
	    json_num(cn, "interested"), json_num(cn, "declined"));
	buf_puts(&b, "<section aria-labelledby=\"invited\">\n<h2 id=\"invited\">"
	    "Invited ccTLDs</h2>\n");
	invited(&b, o);
	forms(rq, &b, o, st);
	buf_puts(&b, "</section>\n");
	presenters(rq, &b, o, st);
	materials(rq, &b, o, st);
	json_decref(o);
	page_end(rq, &b, plan_status(st));
}

void
page_plan_event(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	event_page(rq, NULL);
}

/* The changes the forms make, each the events function the CLI calls. */
enum change { CH_INVITE, CH_OUTCOME, CH_PRESENTER, CH_MATERIAL };

static const struct plan_change changes_of[] = {
	[CH_INVITE] = { "invite", "invite", "invited" },
	[CH_OUTCOME] = { "outcome", "outcome", "invited" },
	[CH_PRESENTER] = { "presenters", "presenter", "presenters" },
	[CH_MATERIAL] = { "materials", "material", "materials" },
};

static int
run(struct web_req *rq, int64_t id, int c, struct tld_error *err)
{
	char *words[INVITE_MAX > LANGS_MAX ? INVITE_MAX : LANGS_MAX];
	char *copy = NULL;
	int rc;

	switch (c) {
	case CH_INVITE:
		/* The form's one field holds what the CLI takes as arguments. */
		if ((rc = plan_words(plan_arg(rq, "cctld"), "cctld", "ccTLD", &copy,
		    words, INVITE_MAX, err)) > 0)
			rc = events_invite(rq->ctx, id, words, (size_t)rc, err);
		break;
	case CH_OUTCOME:
		rc = events_outcome(rq->ctx, id, plan_arg(rq, "cctld"),
		    plan_arg(rq, "outcome"), err);
		break;
	case CH_PRESENTER:
		rc = events_presenter(rq->ctx, id, plan_arg(rq, "name"),
		    plan_arg(rq, "mode"), err);
		break;
	case CH_MATERIAL:
		if ((rc = plan_words(plan_arg(rq, "lang"), "lang", "language",
		    &copy, words, LANGS_MAX, err)) > 0)
			rc = events_material(rq->ctx, id, plan_arg(rq, "doc"), words,
			    (size_t)rc, err);
		break;
	default:
		rc = tld_error_set(err, TLD_EINVAL, "", "unknown change");
		break;
	}
	free(copy);
	return rc;
}

void
page_plan_event_change(struct web_req *rq, struct web_resp *rs)
{
	plan_apply_change(rq, rs, "event", "/committee/events", changes_of,
	    sizeof(changes_of) / sizeof(changes_of[0]), run, event_page);
}
