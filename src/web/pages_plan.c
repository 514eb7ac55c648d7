/* SPDX-License-Identifier: MIT */
/*
 * The committee's planning pages, each a thin view of a service: the
 * numbers with their chart (/committee/stats) and a meeting's pack
 * (/committee/pack/{meeting}); and what the planning pages share
 * (web/plan.h).  Outreach, action items and objectives, meetings,
 * initiatives and events, which the committee also changes here, have
 * their own files (pages_outreach.c, pages_actions.c, pages_meetings.c,
 * pages_initiative.c, pages_event.c).  Every stored value goes through
 * html_printf(); the chart is the stats service's SVG, its own <style>
 * moved to style.css (the CSP forbids inline styles).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/planning/pack.h"
#include "service/books/stats.h"
#include "service/books/usage.h"
#include "service/planning/timeline.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/plan.h"

/* The pack is one self-contained file with inline CSS: its own policy. */
#define PACK_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " \
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

const char *
plan_day(const json_t *o, const char *key, char out[11])
{
	snprintf(out, 11, "%s", json_str(o, key));
	return out;
}

void
plan_join_strings(const json_t *a, struct buf *out)
{
	size_t i;
	json_t *v;

	buf_reset(out);
	json_array_foreach(a, i, v) {
		if (i > 0)
			buf_puts(out, ", ");
		buf_puts(out, json_string_value(v) ? json_string_value(v) : "");
	}
	if (out->len == 0)
		buf_puts(out, "\xe2\x80\x94");
}

static const char *
bufstr(struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

void
plan_section_error(struct buf *b, const struct tld_error *err)
{
	html_printf(b, "<p class=\"error\">%s</p>\n", err->message);
}

void
plan_nav(struct buf *b)
{
	buf_puts(b, "<nav aria-label=\"Committee pages\" class=\"toc\">"
	    "<a href=\"/committee\">Dashboard</a> "
	    "<a href=\"/committee/stats\">Numbers</a> "
	    "<a href=\"/committee/outreach\">Outreach</a> "
	    "<a href=\"/committee/actions\">Actions</a> "
	    "<a href=\"/committee/meetings\">Meetings</a> "
	    "<a href=\"/committee/docs\">Documents</a> "
	    "<a href=\"/committee/exceptions\">Exceptions and senders</a> "
	    "<a href=\"/committee/audit\">Audit log</a></nav>\n");
}

void
plan_timeline(struct buf *b, const json_t *meetings, const json_t *initiatives)
{
	buf_puts(b, "<figure class=\"timeline\">\n");
	timeline_svg(meetings, initiatives, clock_now(), "today", b);
	buf_puts(b, "</figure>\n");
}

/* ---- /committee/stats ---------------------------------------------------- */

/* ?key=YYYY-MM-DD: false (and a 400 page naming key) when malformed. */
static bool
page_query_date(struct web_req *rq, const char *key, int64_t *out)
{
	const char *v = form_get(&rq->query_args, key);
	char msg[WEB_PARAM_MAX + 96];

	*out = 0;
	if (v == NULL || v[0] == '\0')
		return true;
	if (!clock_parse_iso(v, strlen(v), out)) {
		snprintf(msg, sizeof(msg), "%s: \"%.64s\" is not a date "
		    "(YYYY-MM-DD).", key, v);
		page_message(rq, 400, "Bad request", msg);
		return false;
	}
	return true;
}

/* The stats SVG without its XML declaration and <style> element. */
static void
append_chart(struct buf *b, const char *svg, size_t len)
{
	const char *start = strstr(svg, "<svg");
	const char *st, *se, *end = svg + len;

	if (start == NULL)
		return;
	st = strstr(start, "<style");
	se = st != NULL ? strstr(st, "</style>") : NULL;
	buf_puts(b, "<figure class=\"chart\">\n");
	if (st != NULL && se != NULL) {
		buf_append(b, start, (size_t)(st - start));
		se += strlen("</style>");
		buf_append(b, se, (size_t)(end - se));
	} else {
		buf_append(b, start, (size_t)(end - start));
	}
	buf_puts(b, "</figure>\n");
}

/* How the repository was used in the period (service/books/usage.h). */
static void
usage_section(struct web_req *rq, struct buf *b, int64_t since, int64_t until)
{
	struct tld_error err;
	json_t *u, *v;
	size_t i;

	tld_error_clear(&err);
	buf_puts(b, "<section aria-labelledby=\"usage\">\n<h2 id=\"usage\">"
	    "Usage of the repository</h2>\n");
	if (usage_json(rq->ctx, since, until, &u, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	v = json_object_get(u, "channels");
	html_printf(b, "<p>%lld lookups (%lld found a contact), %lld searches, "
	    "%lld downloads; by the command line %lld, the web %lld, the API "
	    "%lld. Nothing records who looked or what was typed.</p>\n",
	    json_num(u, "lookups"), json_num(u, "lookups_found"),
	    json_num(u, "searches"), json_num(u, "downloads"), json_num(v, "cli"),
	    json_num(v, "web"), json_num(v, "api"));
	if (json_array_size(json_object_get(u, "months")) > 0) {
		buf_puts(b, "<table>\n<caption>Per month</caption>\n<thead><tr>"
		    "<th scope=\"col\">Month</th><th scope=\"col\">Lookups</th>"
		    "<th scope=\"col\">Found a contact</th><th scope=\"col\">"
		    "Searches</th><th scope=\"col\">Downloads</th></tr></thead>\n"
		    "<tbody>\n");
		json_array_foreach(json_object_get(u, "months"), i, v)
			html_printf(b, "<tr><th scope=\"row\">%s</th><td>%lld</td>"
			    "<td>%lld</td><td>%lld</td><td>%lld</td></tr>\n",
			    json_str(v, "month"), json_num(v, "lookups"),
			    json_num(v, "found"), json_num(v, "searches"),
			    json_num(v, "downloads"));
		buf_puts(b, "</tbody>\n</table>\n");
	}
	if (json_array_size(json_object_get(u, "cctlds")) > 0) {
		buf_puts(b, "<table>\n<caption>Most looked up</caption>\n<thead><tr>"
		    "<th scope=\"col\">ccTLD</th><th scope=\"col\">Lookups</th>"
		    "<th scope=\"col\">Found a contact</th></tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(u, "cctlds"), i, v) {
			if (i == 20)
				break;
			html_printf(b, "<tr><th scope=\"row\">.%s</th><td>%lld</td>"
			    "<td>%lld</td></tr>\n", json_str(v, "cctld"),
			    json_num(v, "lookups"), json_num(v, "found"));
		}
		buf_puts(b, "</tbody>\n</table>\n");
	}
	if (json_array_size(json_object_get(u, "downloads_by")) > 0) {
		buf_puts(b, "<table>\n<caption>Downloads</caption>\n<thead><tr>"
		    "<th scope=\"col\">What</th><th scope=\"col\">Downloads</th>"
		    "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(u, "downloads_by"), i, v)
			html_printf(b, "<tr><th scope=\"row\">%s</th><td>%lld</td>"
			    "</tr>\n", json_str(v, "subject"), json_num(v, "n"));
		buf_puts(b, "</tbody>\n</table>\n");
	}
	buf_puts(b, "</section>\n");
	json_decref(u);
}

/* The added or removed ccTLDs with their region: "sx (LAC), nl (EU)". */
static void
stats_changes(const json_t *detail, struct buf *out)
{
	size_t i;
	json_t *v;

	buf_reset(out);
	json_array_foreach(detail, i, v)
		buf_printf(out, "%s%s (%s)", i ? ", " : "", json_str(v, "code"),
		    json_str(v, "region"));
	if (out->len == 0)
		buf_puts(out, "\xe2\x80\x94");
}

void
page_plan_stats(struct web_req *rq, struct web_resp *rs)
{
	static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };
	struct tld_error err;
	int64_t since, until;
	json_t *o, *c, *per, *reg, *req;
	struct buf b, tmp, svg;
	char words[128];

	(void)rs;
	if (!page_query_date(rq, "since", &since) ||
	    !page_query_date(rq, "until", &until))
		return;
	tld_error_clear(&err);
	if (stats_json(rq->ctx, since, until, &o, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&svg);
	stats_render_svg(o, &svg);
	buf_init(&b);
	buf_init(&tmp);
	page_begin(rq, &b, "Numbers");
	buf_puts(&b, "<h1>Numbers</h1>\n");
	plan_nav(&b);
	buf_puts(&b, "<form method=\"get\" action=\"/committee/stats\" "
	    "class=\"stack\">\n<label for=\"s-since\">Since (YYYY-MM-DD)</label>\n");
	html_printf(&b, "<input id=\"s-since\" name=\"since\" value=\"%s\">\n"
	    "<label for=\"s-until\">Until (YYYY-MM-DD)</label>\n"
	    "<input id=\"s-until\" name=\"until\" value=\"%s\">\n",
	    form_get(&rq->query_args, "since") ? form_get(&rq->query_args, "since") : "",
	    form_get(&rq->query_args, "until") ? form_get(&rq->query_args, "until") : "");
	buf_puts(&b, "<button type=\"submit\">Show</button>\n</form>\n");
	append_chart(&b, buf_str(&svg), svg.len);
	buf_fini(&svg);
	/* The same period as downloads for slides (pages_stats_dl.c). */
	buf_puts(&b, "<p class=\"downloads\">Download for slides: <a href=\"/committee/stats.svg?");
	html_escape(&b, rq->query);
	buf_puts(&b, "\" download>the chart (SVG)</a> · <a href=\"/committee/stats.csv?");
	html_escape(&b, rq->query);
	buf_puts(&b, "\" download>the figures per ccTLD (CSV)</a></p>\n");

	c = json_object_get(o, "cctlds");
	reg = json_object_get(o, "regions");
	per = json_object_get(o, "period");
	req = json_object_get(per, "requests");
	html_printf(&b, "<section aria-labelledby=\"figures\">\n<h2 id=\"figures\">"
	    "Figures</h2>\n<p>%lld member ccTLDs of %lld, %lld contacts.</p>\n"
	    "<table class=\"fold\">\n<thead><tr><th scope=\"col\">Region</th><th scope=\"col\">"
	    "Members</th><th scope=\"col\">ccTLDs</th><th scope=\"col\">Contacts"
	    "</th><th scope=\"col\">Stale</th><th scope=\"col\">Not members</th>"
	    "</tr></thead>\n<tbody>\n", json_num(c, "members"), json_num(c, "total"),
	    json_num(o, "contacts"));
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		const json_t *r = json_object_get(reg, regions[i]);

		plan_join_strings(json_object_get(r, "non_members"), &tmp);
		/* Folded on a phone: each cell under its label. */
		html_printf(&b, "<tr><th scope=\"row\">%s</th><td data-label=\"Members\">"
		    "%lld</td><td data-label=\"ccTLDs\">%lld</td><td data-label=\""
		    "Contacts\">%lld</td><td data-label=\"Stale\">%lld</td><td "
		    "data-label=\"Not members\">%s</td></tr>\n", regions[i],
		    json_num(r, "members"), json_num(r, "total"), json_num(r, "contacts"),
		    json_num(r, "stale"), bufstr(&tmp));
	}
	buf_puts(&b, "</tbody>\n</table>\n");
	html_printf(&b, "<h3 class=\"sub\">Period %s</h3>\n<dl class=\"fields\">\n",
	    stats_period_words(per, words, sizeof(words)));
	stats_changes(json_object_get(per, "added_detail"), &tmp);
	html_printf(&b, "<dt>Joined</dt><dd>%s</dd>\n", bufstr(&tmp));
	stats_changes(json_object_get(per, "removed_detail"), &tmp);
	html_printf(&b, "<dt>Left</dt><dd>%s</dd>\n", bufstr(&tmp));
	html_printf(&b, "<dt>Contacts</dt><dd>%lld added, %lld updated, %lld "
	    "removed</dd>\n<dt>Alerts</dt><dd>%lld</dd>\n<dt>Posts to the list"
	    "</dt><dd>%lld (alerts apart)</dd>\n<dt>Requests</dt><dd>%lld "
	    "approved, %lld rejected, %lld withdrawn, %lld expired</dd>\n</dl>\n"
	    "</section>\n", json_num(per, "contact_additions"), json_num(per, "contact_updates"),
	    json_num(per, "contact_removals"), json_num(per, "alerts"),
	    json_num(per, "list_posts"), json_num(req, "approved"),
	    json_num(req, "rejected"), json_num(req, "withdrawn"), json_num(req, "expired"));
	json_decref(o);
	usage_section(rq, &b, since, until);
	buf_fini(&tmp);
	page_end(rq, &b, 200);
}

/* ---- /committee/pack/{meeting} ------------------------------------------- */

void
page_plan_pack(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;

	tld_error_clear(&err);
	buf_reset(&rs->body);
	if (pack_render(rq->ctx, rq->params[0], PACK_HTML, &rs->body, &err) < 0) {
		buf_reset(&rs->body);
		if (err.code == TLD_ENOTFOUND)
			page_message(rq, 404, "Not found", "There is no such meeting.");
		else
			page_tld_error(rq, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	rs->csp = PACK_CSP;
}
