/* SPDX-License-Identifier: MIT */
/*
 * Outreach on the web (/committee/outreach, docs/web.md) and in the API
 * (/api/v1/outreach): the list of the ccTLDs to reach filtered by region,
 * state and owner, 50 a page, with the recruitment board; one ccTLD's
 * outreach with every note and the form that sets its owner and state and
 * adds a note.  The form calls outreach_set(), the service of `tldops
 * outreach set`: the same rules and audit rows.  A refused form shows
 * again with the refusal naming the field and what was typed kept; one
 * that worked redirects (303) to a page that says so (?done=saved).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/states.h"
#include "service/books/outreach.h"
#include "service/books/recruitment.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/resp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define OUTREACH_PAGE 50
#define OUTREACH_API_MAX 500
/* A filter the service refused (static markup, not escaped). */
#define INVALID " aria-invalid=\"true\" aria-describedby=\"filter-error\""

static const char *const region_codes[] = { "", "AF", "AP", "EU", "LAC", "NA" };
static const char *const region_names[] = {
	"Every region", "Africa", "Asia-Pacific", "Europe",
	"Latin America and the Caribbean", "North America",
};
static const struct page_done done_texts[] = {
	{ "saved", "The outreach was saved." },
};

static const char *
qarg(struct web_req *rq, const char *k)
{
	const char *v = form_get(&rq->query_args, k);

	return v != NULL ? v : "";
}

static const char *
or_null(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

/* The display name of an entry: .рф, .nl */
static const char *
shown_code(const json_t *e)
{
	return json_str(e, "unicode")[0] != '\0' ? json_str(e, "unicode") :
	    json_str(e, "code");
}

/* ---- the filters --------------------------------------------------------- */

struct filters {
	const char *region, *state, *owner;
	int64_t page;
};

static int
filters_read(struct web_req *rq, struct filters *f, int64_t limit,
    struct outreach_query *q, struct tld_error *err)
{
	const char *pg = qarg(rq, "page");

	f->region = qarg(rq, "region");
	f->state = qarg(rq, "state");
	f->owner = qarg(rq, "owner");
	f->page = 1;
	if (pg[0] != '\0' && !page_parse_id(pg, &f->page))
		return tld_error_set(err, TLD_EINVAL, "page", "a page number from 1");
	memset(q, 0, sizeof(*q));
	q->region = or_null(f->region);
	q->state = or_null(f->state);
	q->owner = or_null(f->owner);
	q->limit = limit;
	q->offset = f->page > INT64_MAX / limit ? INT64_MAX : (f->page - 1) * limit;
	return 0;
}

static void
filter_form(struct buf *b, const struct filters *f, const struct tld_error *err)
{
	const char *states[OUTREACH_STATES + 1], *bad = err != NULL ? err->field : "";
	const char *state_names[OUTREACH_STATES + 1];

	states[0] = "";
	state_names[0] = "Any";
	for (size_t i = 0; i < OUTREACH_STATES; i++)
		states[i + 1] = state_names[i + 1] = outreach_state_names[i];
	if (err != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"filter-error\">"
		    "%s: %s</p>\n", err->field, err->message);
	buf_puts(b, "<form method=\"get\" action=\"/committee/outreach\" "
	    "class=\"filters\" aria-label=\"Filter the outreach list\">\n");
	page_filter_select(b, "region", "Region", region_codes, region_names,
	    N(region_codes), f->region, strcmp(bad, "region") == 0);
	page_filter_select(b, "state", "State", states, state_names, N(states),
	    f->state, strcmp(bad, "state") == 0);
	html_printf(b, "<div><label for=\"owner\">Owner</label>\n<input id=\"owner\" "
	    "name=\"owner\" value=\"%s\" maxlength=\"128\"", f->owner);
	buf_puts(b, strcmp(bad, "owner") == 0 ? INVALID "></div>\n" : "></div>\n");
	buf_puts(b, "<div><button type=\"submit\">Show</button></div>\n</form>\n");
}

/* ---- /committee/outreach ------------------------------------------------- */

static void
board_section(struct web_req *rq, struct buf *b)
{
	struct tld_error err;
	struct buf tmp, w;
	json_t *board, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"board\">\n"
	    "<h2 id=\"board\">Recruitment board</h2>\n");
	tld_error_clear(&err);
	if (recruitment_board_json(rq->ctx, 0, 0, &board, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	buf_init(&tmp);
	buf_init(&w);
	if (html_table_start(b, json_array_size(json_object_get(board, "owners")),
	    "Nobody owns any outreach yet.", "fold", (const char *[]){ "Owner",
	    "Joined", "Working on", NULL })) {
		json_array_foreach(json_object_get(board, "owners"), i, e) {
			plan_join_strings(json_object_get(e, "joined"), &tmp);
			plan_join_strings(json_object_get(e, "working"), &w);
			html_printf(b, "<tr><th scope=\"row\">%s</th><td data-label="
			    "\"Joined\">%s</td><td data-label=\"Working on\">%s</td>"
			    "</tr>\n", json_str(e, "owner"), buf_str(&tmp), buf_str(&w));
		}
		html_table_end(b);
	}
	plan_join_strings(json_object_get(board, "unowned"), &tmp);
	html_printf(b, "<p>Joined without an owner: %s</p>\n", buf_str(&tmp));
	buf_fini(&tmp);
	buf_fini(&w);
	json_decref(board);
	buf_puts(b, "</section>\n");
}

void
page_plan_outreach(struct web_req *rq, struct web_resp *rs)
{
	static const char *const cols[] = { "ccTLD", "Country", "Region", "State",
	    "Owner", "Last note", NULL };
	struct outreach_query q;
	struct tld_error err;
	struct filters f;
	json_t *a = NULL, *e;
	int64_t total = 0, pages;
	struct buf b;
	size_t i;
	int rc;

	(void)rs;
	tld_error_clear(&err);
	rc = filters_read(rq, &f, OUTREACH_PAGE, &q, &err);
	if (rc == 0)
		rc = outreach_query_json(rq->ctx, &q, &a, &total, &err);
	if (rc < 0 && web_status_for(&err) == 500) {
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Outreach");
	buf_puts(&b, "<h1>Outreach</h1>\n");
	plan_nav(&b);
	buf_puts(&b, "<section aria-labelledby=\"nonmembers\">\n<h2 id=\"nonmembers\">"
	    "ccTLDs to reach</h2>\n");
	filter_form(&b, &f, rc < 0 ? &err : NULL);
	if (rc == 0) {
		pages = total == 0 ? 1 : (total + OUTREACH_PAGE - 1) / OUTREACH_PAGE;
		html_printf(&b, "<p class=\"total\" role=\"status\" id=\"count\">%lld "
		    "ccTLD%s match; page %lld of %lld.</p>\n", (long long)total,
		    total == 1 ? "" : "s", (long long)f.page, (long long)pages);
		if (html_table_start(&b, json_array_size(a), "None on this page.",
		    "fold", cols)) {
			json_array_foreach(a, i, e) {
				struct buf href;
				char when[11];

				buf_init(&href);
				url_encode(&href, json_str(e, "code"));
				html_printf(&b, "<tr><th scope=\"row\"><a href=\""
				    "/committee/outreach/%s\">.%s</a></th><td data-label="
				    "\"Country\">%s</td><td data-label=\"Region\">%s</td>"
				    "<td data-label=\"State\">%s</td><td data-label=\"Owner\">"
				    "%s</td><td data-label=\"Last note\">", buf_str(&href),
				    shown_code(e), json_str(e, "country"),
				    json_str(e, "region"), json_str(e, "state"),
				    json_str(e, "owner"));
				if (json_is_string(json_object_get(e, "note")))
					html_printf(&b, "%s (%s, %s)", json_str(e, "note"),
					    json_str(e, "note_by"), plan_day(e, "note_at", when));
				buf_puts(&b, "</td></tr>\n");
				buf_fini(&href);
			}
			html_table_end(&b);
		}
		{
			static const char *const keys[] = { "region", "state", "owner" };
			const char *vals[] = { f.region, f.state, f.owner };

			page_pager(&b, "/committee/outreach", keys, vals, N(keys),
			    f.page, pages, "Previous page", "Next page");
		}
		json_decref(a);
	}
	buf_puts(&b, "</section>\n");
	board_section(rq, &b);
	page_end(rq, &b, rc < 0 ? web_status_for(&err) : 200);
}

/* ---- one ccTLD ----------------------------------------------------------- */

static void
entry_page(struct web_req *rq, const struct plan_state *st)
{
	struct plan_field fields[3];
	struct tld_error err;
	char title[80];
	struct buf b, action;
	json_t *e, *n;
	size_t i;

	tld_error_clear(&err);
	if (outreach_show_json(rq->ctx, rq->params[0], &e, &err) < 0) {
		if (err.code == TLD_ENOTFOUND || err.code == TLD_EINVAL)
			page_message(rq, 404, "Not found", "There is no such ccTLD.");
		else
			page_tld_error(rq, &err);
		return;
	}
	fields[0] = (struct plan_field){ .name = "owner", .label = "Owner "
	    "(empty: nobody)", .kind = PLAN_TEXT, .maxlength = 128,
	    .value = json_str(e, "owner") };
	fields[1] = (struct plan_field){ .name = "state", .label = "State",
	    .kind = PLAN_SELECT, .required = true, .value = json_str(e, "state"),
	    .options = outreach_state_names, .noptions = OUTREACH_STATES };
	fields[2] = (struct plan_field){ .name = "note", .label = "A note "
	    "(optional: who said what)", .kind = PLAN_TEXT, .maxlength = 1000 };
	buf_init(&action);
	buf_puts(&action, "/committee/outreach/");
	url_encode(&action, json_str(e, "code"));
	snprintf(title, sizeof(title), "Outreach to .%s", shown_code(e));
	{
		const struct plan_form f = { "outreach", "Change the outreach",
		    buf_str(&action), "Save", fields, N(fields), false };

		buf_init(&b);
		page_begin(rq, &b, title);
		html_printf(&b, "<h1>Outreach to .%s</h1>\n", shown_code(e));
		plan_nav(&b);
		page_done_notice(rq, &b, done_texts, N(done_texts));
		html_printf(&b, "<dl class=\"fields\">\n<dt>Country</dt><dd>%s</dd>\n"
		    "<dt>Region</dt><dd>%s</dd>\n<dt>State</dt><dd id=\"current-state\">"
		    "%s</dd>\n<dt>Owner</dt><dd id=\"current-owner\">%s</dd>\n</dl>\n",
		    json_str(e, "country"), json_str(e, "region"), json_str(e, "state"),
		    json_str(e, "owner")[0] != '\0' ? json_str(e, "owner") :
		    "\xe2\x80\x94");
		if (json_is_true(json_object_get(e, "member")))
			buf_puts(&b, "<p>A member: its state is joined.</p>\n");
		plan_form_render(rq, &b, &f, st);
		buf_puts(&b, "<section aria-labelledby=\"notes\">\n<h2 id=\"notes\">"
		    "Notes</h2>\n");
		if (json_array_size(json_object_get(e, "note_list")) == 0)
			buf_puts(&b, "<p>No notes yet.</p>\n");
		else
			buf_puts(&b, "<ul class=\"notes\">\n");
		json_array_foreach(json_object_get(e, "note_list"), i, n) {
			char at[11];

			html_printf(&b, "<li>%s <span class=\"meta\">(%s, %s)</span>"
			    "</li>\n", json_str(n, "text"), json_str(n, "author"),
			    plan_day(n, "at", at));
		}
		if (json_array_size(json_object_get(e, "note_list")) > 0)
			buf_puts(&b, "</ul>\n");
		buf_puts(&b, "</section>\n<p><a href=\"/committee/outreach\">Back to the "
		    "outreach list</a></p>\n");
		page_end(rq, &b, plan_status(st));
	}
	buf_fini(&action);
	json_decref(e);
}

void
page_outreach(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	entry_page(rq, NULL);
}

void
page_outreach_set(struct web_req *rq, struct web_resp *rs)
{
	const struct outreach_change ch = { plan_arg(rq, "owner"),
	    plan_arg(rq, "state"), plan_opt(rq, "note") };
	struct tld_error err;
	struct buf where;
	json_t *e = NULL;
	int rc;

	tld_error_clear(&err);
	rc = outreach_set(rq->ctx, rq->params[0], &ch, &e, &err);
	if (rc < 0 && strcmp(err.field, "cctld") == 0) {
		page_message(rq, 404, "Not found", "There is no such ccTLD.");
		return;
	}
	buf_init(&where);
	buf_puts(&where, "/committee/outreach/");
	url_encode(&where, rc >= 0 ? json_str(e, "code") : "");
	buf_puts(&where, "?done=saved");
	plan_answer(rq, rs, rc, &err, "outreach", buf_str(&where), entry_page);
	buf_fini(&where);
	json_decref(e);
}

/* ---- the API ------------------------------------------------------------- */

void
api_outreach(struct web_req *rq, struct web_resp *rs)
{
	const char *lim = qarg(rq, "limit");
	struct outreach_query q;
	struct tld_error err;
	struct filters f;
	int64_t n = OUTREACH_PAGE, total = 0;
	json_t *a;

	if (lim[0] != '\0' && (!page_parse_id(lim, &n) || n > OUTREACH_API_MAX)) {
		resp_error(rs, 422, "limit", "between 1 and %d entries a page",
		    OUTREACH_API_MAX);
		return;
	}
	tld_error_clear(&err);
	if (filters_read(rq, &f, n, &q, &err) < 0 ||
	    outreach_query_json(rq->ctx, &q, &a, &total, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:o, s:I, s:I, s:I}", "entries", a,
	    "total", (json_int_t)total, "page", (json_int_t)f.page,
	    "limit", (json_int_t)n));
}

void
api_outreach_show(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *e;

	tld_error_clear(&err);
	if (outreach_show_json(rq->ctx, rq->params[0], &e, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, e);
}

/* {"owner", "state", "note"}: what is given changes ("" owner: nobody). */
void
api_outreach_update(struct web_req *rq, struct web_resp *rs)
{
	struct outreach_change ch = { NULL, NULL, NULL };
	json_t *o = resp_body_object(rq, false), *e;
	struct tld_error err;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "owner", false, &ch.owner, &err) < 0 ||
	    json_string_member(o, "state", false, &ch.state, &err) < 0 ||
	    json_string_member(o, "note", false, &ch.note, &err) < 0 ||
	    outreach_set(rq->ctx, rq->params[0], &ch, &e, &err) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	json_decref(o);
	resp_json(rs, 200, e);
}
