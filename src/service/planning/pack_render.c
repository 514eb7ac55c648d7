/* SPDX-License-Identifier: MIT */
/*
 * The meeting pack as Markdown or as one self-contained HTML page.  The
 * sections are written once against the primitives of pack_doc.h
 * (heading, paragraph, list, table), which escape all the text they are
 * given: no stored title or name can become markup, and the Markdown links
 * nothing.  The HTML carries its CSS and the statistics chart
 * (stats_write(), SVG) inline.
 */
#include "service/planning/pack.h"
#include "service/planning/pack_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/cctld_code.h"
#include "service/planning/initiatives.h"
#include "service/books/stats.h"
#include "service/planning/timeline.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

/* ---- helpers over the pack's JSON ----------------------------------------- */

/* ".nl" for an A-label, in its U-label. */
static void
unicode_of(const char *code, char *out, size_t outlen)
{
	char u[4 * CCTLD_CODE_MAX + 1];

	if (cctld_code_to_unicode(code, u, sizeof(u), NULL) < 0)
		snprintf(u, sizeof(u), "%s", code);
	snprintf(out, outlen, ".%s", u);
}

/* ".a .b" of an array of A-labels into b (reset first), or "none". */
static const char *
codes_text(const json_t *codes, struct buf *b)
{
	size_t k;
	json_t *v;

	buf_reset(b);
	json_array_foreach(codes, k, v) {
		char u[4 * CCTLD_CODE_MAX + 2];

		unicode_of(json_string_value(v), u, sizeof(u));
		buf_printf(b, "%s%s", k ? " " : "", u);
	}
	return b->len ? buf_str(b) : "none";
}

/* "a, b" of an array of strings (or of key in each object), or "none". */
static const char *
join(const json_t *arr, const char *key, struct buf *b)
{
	size_t k;
	json_t *v;

	buf_reset(b);
	json_array_foreach(arr, k, v)
		buf_printf(b, "%s%s", k ? ", " : "", key ? json_str(v, key) :
		    json_string_value(v));
	return b->len ? buf_str(b) : "none";
}

static const char *
since_words(const json_t *pack, char *out, size_t outlen)
{
	const json_t *prev = json_object_get(pack, "previous");

	if (json_is_null(prev))
		snprintf(out, outlen, "since the beginning");
	else
		snprintf(out, outlen, "since %s", json_str(prev, "name"));
	return out;
}

/* ---- the sections ---------------------------------------------------------- */

static void
write_intro(struct pack_doc *d, const json_t *p)
{
	const json_t *m = json_object_get(p, "meeting");
	const json_t *prev = json_object_get(p, "previous");

	pack_doc_heading(d, 1, "Meeting pack: %s", json_str(m, "name"));
	if (*json_str(m, "place"))
		pack_doc_para(d, "%s, %s.", json_str(m, "date"), json_str(m, "place"));
	else
		pack_doc_para(d, "%s.", json_str(m, "date"));
	if (json_is_null(prev))
		pack_doc_para(d, "The first meeting on record: the figures "
		    "cover everything before %s.", json_str(m, "date"));
	else
		pack_doc_para(d, "Since the previous meeting, %s (%s): the "
		    "period from %s to %s (00:00 UTC).", json_str(prev, "name"),
		    json_str(prev, "date"), json_str(prev, "date"), json_str(m, "date"));
}

static void
write_stats(struct pack_doc *d, const json_t *p, const char *svg)
{
	const json_t *st = json_object_get(p, "stats");
	const json_t *cc = json_object_get(st, "cctlds");
	const json_t *rg = json_object_get(st, "regions");
	const json_t *per = json_object_get(st, "period");
	static const char *const head[] = { "", "ccTLDs", "members", "contacts" };
	static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };
	char a[32], b[32], c[32], w[64];
	struct buf codes, codes2;

	buf_init(&codes);
	buf_init(&codes2);
	pack_doc_section_begin(d, "stats");
	pack_doc_heading(d, 2, "Membership");
	pack_doc_para(d, "%lld of %lld ccTLDs are members (ASCII %lld of %lld, "
	    "IDN %lld of %lld), with %lld contacts.", json_num(cc, "members"),
	    json_num(cc, "total"),
	    json_num(json_object_get(cc, "ascii"), "members"),
	    json_num(json_object_get(cc, "ascii"), "total"),
	    json_num(json_object_get(cc, "idn"), "members"),
	    json_num(json_object_get(cc, "idn"), "total"), json_num(st, "contacts"));
	pack_doc_table_begin(d, head, 4);
	for (size_t r = 0; r < 5; r++) {
		const json_t *ro = json_object_get(rg, regions[r]);
		const char *row[4] = { regions[r], a, b, c };

		snprintf(a, sizeof(a), "%lld", json_num(ro, "total"));
		snprintf(b, sizeof(b), "%lld", json_num(ro, "members"));
		snprintf(c, sizeof(c), "%lld", json_num(ro, "contacts"));
		pack_doc_table_row(d, row, 4);
	}
	{
		const char *row[4] = { "total", a, b, c };

		snprintf(a, sizeof(a), "%lld", json_num(cc, "total"));
		snprintf(b, sizeof(b), "%lld", json_num(cc, "members"));
		snprintf(c, sizeof(c), "%lld", json_num(st, "contacts"));
		pack_doc_table_row(d, row, 4);
	}
	pack_doc_table_end(d);
	since_words(p, w, sizeof(w));
	pack_doc_para(d, "Plus/minus %s: +%zu (%s), -%zu (%s).", w,
	    json_array_size(json_object_get(per, "added")),
	    codes_text(json_object_get(per, "added"), &codes),
	    json_array_size(json_object_get(per, "removed")),
	    codes_text(json_object_get(per, "removed"), &codes2));
	if (d->fmt == PACK_HTML && svg != NULL) {
		buf_puts(d->out, "<figure class=\"pk-chart\">\n");
		buf_puts(d->out, svg);
		buf_puts(d->out, "</figure>\n");
	}
	pack_doc_section_end(d);
	buf_fini(&codes);
	buf_fini(&codes2);
}

static void
write_members(struct pack_doc *d, const json_t *p)
{
	const json_t *mem = json_object_get(p, "members");
	const json_t *con = json_object_get(p, "contacts");
	static const char *const head[] = { "ccTLD", "country", "region" };
	const char *groups[2] = { "joined", "left" };
	char w[64];

	pack_doc_section_begin(d, "members");
	pack_doc_heading(d, 2, "New members and contact changes");
	since_words(p, w, sizeof(w));
	for (size_t g = 0; g < 2; g++) {
		const json_t *list = json_object_get(mem, groups[g]), *c;
		size_t k;

		if (json_array_size(list) == 0) {
			pack_doc_para(d, "ccTLDs %s %s: none.", groups[g], w);
			continue;
		}
		pack_doc_para(d, "ccTLDs %s %s: %zu.", groups[g], w,
		    json_array_size(list));
		pack_doc_table_begin(d, head, 3);
		json_array_foreach(list, k, c) {
			char u[4 * CCTLD_CODE_MAX + 2];
			const char *row[3] = { u, json_str(c, "country"),
			    json_str(c, "region") };

			snprintf(u, sizeof(u), ".%s", json_str(c, "unicode"));
			pack_doc_table_row(d, row, 3);
		}
		pack_doc_table_end(d);
	}
	pack_doc_para(d, "Contacts %s: %lld added, %lld updated, %lld removed.", w,
	    json_num(con, "added"), json_num(con, "updated"), json_num(con, "removed"));
	pack_doc_section_end(d);
}

static void
write_alerts(struct pack_doc *d, const json_t *p)
{
	const json_t *alerts = json_object_get(p, "alerts"), *a;
	static const char *const head[] = { "sent", "subject", "TLP",
	    "recipients" };
	char w[64], n[24];
	size_t k;

	pack_doc_section_begin(d, "alerts");
	pack_doc_heading(d, 2, "Alerts sent %s: %zu", since_words(p, w, sizeof(w)),
	    json_array_size(alerts));
	if (json_array_size(alerts) > 0) {
		pack_doc_table_begin(d, head, 4);
		json_array_foreach(alerts, k, a) {
			char when[24];
			const char *row[4] = { when, json_str(a, "subject"),
			    *json_str(a, "tlp") ? json_str(a, "tlp") : "-", n };

			snprintf(when, sizeof(when), "%.10s", json_str(a, "at"));
			if (json_is_integer(json_object_get(a, "recipients")))
				snprintf(n, sizeof(n), "%lld", json_num(a, "recipients"));
			else
				snprintf(n, sizeof(n), "-");
			pack_doc_table_row(d, row, 4);
		}
		pack_doc_table_end(d);
	}
	pack_doc_section_end(d);
}

static void
write_actions(struct pack_doc *d, const json_t *p)
{
	const json_t *acts = json_object_get(p, "actions");
	static const char *const head[] = { "no.", "action", "owner", "opened",
	    "closed" };
	static const struct { const char *key, *title; } groups[] = {
		{ "opened", "Opened" }, { "closed", "Closed" },
		{ "open", "Open now" },
	};
	char w[64];

	pack_doc_section_begin(d, "actions");
	pack_doc_heading(d, 2, "Action items");
	since_words(p, w, sizeof(w));
	for (size_t g = 0; g < 3; g++) {
		const json_t *list = json_object_get(acts, groups[g].key), *a;
		size_t k;

		if (g < 2)
			pack_doc_heading(d, 3, "%s %s: %zu", groups[g].title, w,
			    json_array_size(list));
		else
			pack_doc_heading(d, 3, "%s: %zu", groups[g].title,
			    json_array_size(list));
		if (json_array_size(list) == 0)
			continue;
		pack_doc_table_begin(d, head, 5);
		json_array_foreach(list, k, a) {
			char number[24], opened[16], closed[16];
			const char *row[5] = { number, json_str(a, "title"), *json_str(a,
			    "owner") ? json_str(a, "owner") : "-", opened, closed };

			snprintf(number, sizeof(number), "%lld", json_num(a, "number"));
			snprintf(opened, sizeof(opened), "%.10s", json_str(a, "opened"));
			snprintf(closed, sizeof(closed), "%.10s", json_is_string(
			    json_object_get(a, "closed")) ? json_str(a, "closed") : "-");
			pack_doc_table_row(d, row, 5);
		}
		pack_doc_table_end(d);
	}
	pack_doc_section_end(d);
}

static void
objective_table(struct pack_doc *d, const json_t *items)
{
	static const char *const head[] = { "no.", "objective", "state" };
	const json_t *o;
	size_t k;

	pack_doc_table_begin(d, head, 3);
	json_array_foreach(items, k, o) {
		char id[24], state[240];
		const char *row[3] = { id, json_str(o, "text"), state };
		const char *target = json_string_value(json_object_get(o, "target"));

		snprintf(id, sizeof(id), "%lld", json_num(o, "id"));
		/* Measured: the figure from the records; else as marked by hand. */
		if (json_is_string(json_object_get(o, "figure")))
			snprintf(state, sizeof(state), "%s", json_str(o, "figure"));
		else if (target != NULL)
			snprintf(state, sizeof(state), "%s (target: %s)",
			    json_str(o, "state"), target);
		else
			snprintf(state, sizeof(state), "%s", json_str(o, "state"));
		pack_doc_table_row(d, row, 3);
	}
	pack_doc_table_end(d);
}

static void
write_objectives(struct pack_doc *d, const json_t *p)
{
	const json_t *obj = json_object_get(p, "objectives");
	const json_t *items = json_object_get(obj, "items");
	const json_t *next = json_object_get(p, "next_objectives");

	pack_doc_section_begin(d, "objectives");
	if (json_is_null(json_object_get(obj, "meeting"))) {
		pack_doc_heading(d, 2, "Objectives");
		pack_doc_para(d, "No previous meeting, so no objectives to look "
		    "back on.");
	} else {
		pack_doc_heading(d, 2, "Objectives of %s: %lld met, %lld missed, "
		    "%lld open", json_str(obj, "meeting"), json_num(obj, "met"),
		    json_num(obj, "missed"), json_num(obj, "open"));
		if (json_array_size(items) == 0)
			pack_doc_para(d, "None were set.");
		else
			objective_table(d, items);
	}
	if (json_array_size(next) > 0) {
		pack_doc_heading(d, 3, "Objectives set for %s", json_str(json_object_get(p,
		    "meeting"), "name"));
		objective_table(d, next);
	}
	pack_doc_section_end(d);
}

static void
write_initiative(struct pack_doc *d, const json_t *o, const char *since)
{
	static const char *const head[] = { "no.", "milestone", "due", "state" };
	const json_t *ms = json_object_get(o, "milestones"), *m;
	const json_t *changes = json_object_get(o, "changes"), *c;
	struct buf b;
	size_t k, done = 0;

	buf_init(&b);
	pack_doc_heading(d, 3, "%lld. %s (%s, %s)", json_num(o, "id"), json_str(o, "title"),
	    json_str(o, "kind"), json_str(o, "state"));
	if (*json_str(o, "state_note"))
		pack_doc_item(d, false, "State", "%s: %s", json_str(o, "state"),
		    json_str(o, "state_note"));
	pack_doc_item(d, false, "Lead", "%s", json_is_string(json_object_get(o,
	    "lead")) ? json_str(o, "lead") : "none");
	pack_doc_item(d, false, "Team", "%s", join(json_object_get(o, "team"),
	    NULL, &b));
	pack_doc_item(d, false, "Deliverables", "%s", join(json_object_get(o,
	    "deliverables"), NULL, &b));
	json_array_foreach(ms, k, m)
		done += json_is_string(json_object_get(m, "done"));
	pack_doc_item(d, false, "Progress", "%zu of %zu milestones done; last "
	    "progress %.10s, %lld meeting%s without progress since", done,
	    json_array_size(ms),
	    json_str(o, "last_progress"), json_num(o, "idle_meetings"),
	    json_num(o, "idle_meetings") == 1 ? "" : "s");
	buf_reset(&b);
	initiatives_flags_describe(o, &b);
	pack_doc_item(d, b.len > 0, "Flags", "%s", b.len ? buf_str(&b) : "none");
	if (json_array_size(changes) == 0)
		pack_doc_item(d, false, "Changes", "none %s", since);
	else
		pack_doc_item(d, false, "Changes", "%zu %s",
		    json_array_size(changes), since);
	json_array_foreach(changes, k, c)
		pack_doc_item(d, false, NULL, "%.10s %s", json_str(c, "at"),
		    json_str(c, "change"));
	if (json_array_size(ms) > 0) {
		pack_doc_table_begin(d, head, 4);
		json_array_foreach(ms, k, m) {
			char number[24], due[160], state[32];
			const char *row[4] = { number, json_str(m, "text"), due, state };

			snprintf(number, sizeof(number), "%lld", json_num(m, "number"));
			snprintf(due, sizeof(due), "%s (%s)", json_str(m, "due"),
			    json_str(m, "due_date"));
			if (json_is_string(json_object_get(m, "done")))
				snprintf(state, sizeof(state), "done %.10s",
				    json_str(m, "done"));
			else
				snprintf(state, sizeof(state), "%s", json_is_true(
				    json_object_get(m, "overdue")) ? "OVERDUE" :
				    "open");
			pack_doc_table_row(d, row, 4);
		}
		pack_doc_table_end(d);
	}
	buf_fini(&b);
}

/*
 * The milestone timeline of the pack's initiatives (HTML only: the
 * Markdown has no pictures, its milestone tables say the same).  Its
 * meetings are those the pack already holds (this one, the previous one,
 * the ones the milestones are due at), never the calendar of today, so
 * the pack stays the same bytes when meetings are added later.
 */
static void
write_timeline(struct pack_doc *d, const json_t *p)
{
	const json_t *list = json_object_get(p, "initiatives"), *o, *m;
	const char *until = json_str(json_object_get(p, "period"), "until");
	json_t *meetings = json_array();
	size_t k, j, n = 0;
	int64_t at = 0;

	json_array_append(meetings, json_object_get(p, "meeting"));
	if (json_is_object(json_object_get(p, "previous")))
		json_array_append(meetings, json_object_get(p, "previous"));
	json_array_foreach(list, k, o)
		json_array_foreach(json_object_get(o, "milestones"), j, m) {
			json_array_append_new(meetings, json_pack("{s:s, s:s}", "name",
			    json_str(m, "due"), "date", json_str(m, "due_date")));
			n++;
		}
	if (n > 0 && clock_parse_iso(until, strlen(until), &at)) {
		buf_puts(d->out, "<figure class=\"pk-timeline\">\n");
		timeline_svg(meetings, list, at, "as of", d->out);
		buf_puts(d->out, "</figure>\n");
	}
	json_decref(meetings);
}

static void
write_initiatives(struct pack_doc *d, const json_t *p)
{
	const json_t *list = json_object_get(p, "initiatives"), *o;
	char w[64];
	size_t k;

	since_words(p, w, sizeof(w));
	pack_doc_section_begin(d, "initiatives");
	pack_doc_heading(d, 2, "Initiatives: %zu", json_array_size(list));
	if (json_array_size(list) == 0)
		pack_doc_para(d, "None under way.");
	if (d->fmt == PACK_HTML)
		write_timeline(d, p);
	json_array_foreach(list, k, o)
		write_initiative(d, o, w);
	pack_doc_section_end(d);
}

static void
event_table(struct pack_doc *d, const json_t *list)
{
	static const char *const head[] = { "date", "event", "place",
	    "presenters", "materials", "invited", "joined since" };
	struct buf pres, mat, inv, joined;
	const json_t *e, *v;
	size_t k, j;

	buf_init(&pres);
	buf_init(&mat);
	buf_init(&inv);
	buf_init(&joined);
	pack_doc_table_begin(d, head, 7);
	json_array_foreach(list, k, e) {
		char title[512];
		const char *row[7] = { json_str(e, "date"), title, json_str(e, "place"),
		    buf_str(&pres), buf_str(&mat), buf_str(&inv),
		    buf_str(&joined) };

		if (json_is_string(json_object_get(e, "organiser")))
			snprintf(title, sizeof(title), "%s (by %s)", json_str(e, "title"),
			    json_str(e, "organiser"));
		else
			snprintf(title, sizeof(title), "%s", json_str(e, "title"));
		buf_reset(&pres);
		json_array_foreach(json_object_get(e, "presenters"), j, v)
			buf_printf(&pres, "%s%s (%s)", j ? ", " : "", json_str(v, "name"),
			    json_str(v, "mode"));
		buf_reset(&mat);
		json_array_foreach(json_object_get(e, "materials"), j, v)
			buf_printf(&mat, "%s%s (%s)", j ? ", " : "", json_str(v, "slug"),
			    json_str(v, "lang"));
		buf_reset(&inv);
		buf_reset(&joined);
		json_array_foreach(json_object_get(e, "invited"), j, v) {
			const char *outcome = json_str(v, "outcome");

			buf_printf(&inv, "%s.%s%s%s%s", j ? " " : "",
			    json_str(v, "unicode"), *outcome ? " (" : "", outcome,
			    *outcome ? ")" : "");
			if (json_is_string(json_object_get(v, "joined")))
				buf_printf(&joined, "%s.%s", joined.len ? " " : "",
				    json_str(v, "unicode"));
		}
		row[3] = pres.len ? buf_str(&pres) : "-";
		row[4] = mat.len ? buf_str(&mat) : "-";
		row[5] = inv.len ? buf_str(&inv) : "-";
		row[6] = joined.len ? buf_str(&joined) : "-";
		pack_doc_table_row(d, row, 7);
	}
	pack_doc_table_end(d);
	buf_fini(&pres);
	buf_fini(&mat);
	buf_fini(&inv);
	buf_fini(&joined);
}

static void
write_events(struct pack_doc *d, const json_t *p)
{
	const json_t *ev = json_object_get(p, "events");
	const json_t *past = json_object_get(ev, "since");
	const json_t *next = json_object_get(ev, "upcoming");
	char w[64];

	pack_doc_section_begin(d, "events");
	pack_doc_heading(d, 2, "Outreach events");
	pack_doc_heading(d, 3, "Held %s: %zu", since_words(p, w, sizeof(w)),
	    json_array_size(past));
	if (json_array_size(past) > 0)
		event_table(d, past);
	pack_doc_heading(d, 3, "Upcoming: %zu", json_array_size(next));
	if (json_array_size(next) > 0)
		event_table(d, next);
	pack_doc_section_end(d);
}

static void
write_outreach(struct pack_doc *d, const json_t *p)
{
	const json_t *out = json_object_get(p, "outreach");
	const json_t *owners = json_object_get(out, "owners"), *o;
	static const char *const head[] = { "owner", "joined since",
	    "joined in total", "working on" };
	struct buf codes;
	char w[64];
	size_t k;

	buf_init(&codes);
	pack_doc_section_begin(d, "outreach");
	pack_doc_heading(d, 2, "Outreach standings");
	since_words(p, w, sizeof(w));
	if (json_array_size(owners) == 0)
		pack_doc_para(d, "Nobody owns any outreach yet.");
	else {
		pack_doc_para(d, "Who brought ccTLDs in %s (counted for whoever "
		    "owned the ccTLD's outreach when it joined), in total, and "
		    "how many contacted or interested ccTLDs each is working "
		    "on.", w);
		pack_doc_table_begin(d, head, 4);
		json_array_foreach(owners, k, o) {
			char joined[1024], total[24], working[24];
			const char *row[4] = { json_str(o, "owner"), joined, total,
			    working };
			const json_t *j = json_object_get(o, "joined");

			snprintf(joined, sizeof(joined), "%zu%s%s", json_array_size(j),
			    json_array_size(j) ? ": " : "", json_array_size(j) ?
			    codes_text(j, &codes) : "");
			snprintf(total, sizeof(total), "%lld", json_num(o, "total"));
			snprintf(working, sizeof(working), "%lld", json_num(o, "working"));
			pack_doc_table_row(d, row, 4);
		}
		pack_doc_table_end(d);
	}
	if (json_array_size(json_object_get(out, "unowned")) > 0)
		pack_doc_para(d, "Joined %s without an outreach owner: %s.", w,
		    codes_text(json_object_get(out, "unowned"), &codes));
	pack_doc_section_end(d);
	buf_fini(&codes);
}

static void
write_usage(struct pack_doc *d, const json_t *p)
{
	const json_t *u = json_object_get(p, "usage"), *v;
	static const char *const mhead[] = { "month", "lookups",
	    "found a contact", "searches", "downloads" };
	static const char *const chead[] = { "ccTLD", "lookups",
	    "found a contact" };
	static const char *const dhead[] = { "what", "downloads" };
	char w[64], a[24], b[24], c[24], e[24], code[80];
	size_t k;

	pack_doc_section_begin(d, "usage");
	pack_doc_heading(d, 2, "Usage of the repository");
	since_words(p, w, sizeof(w));
	v = json_object_get(u, "channels");
	pack_doc_para(d, "Usage %s: %lld emergency lookups, of which %lld found "
	    "a contact; %lld searches; %lld downloads of the offline copy and "
	    "documents. By the command line %lld, the web %lld, the API %lld "
	    "(lookups and searches). Nothing records who looked or what was "
	    "typed.", w, json_num(u, "lookups"), json_num(u, "lookups_found"),
	    json_num(u, "searches"), json_num(u, "downloads"), json_num(v, "cli"),
	    json_num(v, "web"), json_num(v, "api"));
	if (json_array_size(json_object_get(u, "months")) > 0) {
		pack_doc_table_begin(d, mhead, 5);
		json_array_foreach(json_object_get(u, "months"), k, v) {
			const char *row[5] = { json_str(v, "month"), a, b, c, e };

			snprintf(a, sizeof(a), "%lld", json_num(v, "lookups"));
			snprintf(b, sizeof(b), "%lld", json_num(v, "found"));
			snprintf(c, sizeof(c), "%lld", json_num(v, "searches"));
			snprintf(e, sizeof(e), "%lld", json_num(v, "downloads"));
			pack_doc_table_row(d, row, 5);
		}
		pack_doc_table_end(d);
	}
	if (json_array_size(json_object_get(u, "cctlds")) > 0) {
		pack_doc_heading(d, 3, "Most looked up");
		pack_doc_table_begin(d, chead, 3);
		json_array_foreach(json_object_get(u, "cctlds"), k, v) {
			const char *row[3] = { code, a, b };

			if (k == 20)
				break;
			snprintf(code, sizeof(code), ".%s", json_str(v, "cctld"));
			snprintf(a, sizeof(a), "%lld", json_num(v, "lookups"));
			snprintf(b, sizeof(b), "%lld", json_num(v, "found"));
			pack_doc_table_row(d, row, 3);
		}
		pack_doc_table_end(d);
	}
	if (json_array_size(json_object_get(u, "downloads_by")) > 0) {
		pack_doc_heading(d, 3, "Downloads");
		pack_doc_table_begin(d, dhead, 2);
		json_array_foreach(json_object_get(u, "downloads_by"), k, v) {
			const char *row[2] = { json_str(v, "subject"), a };

			snprintf(a, sizeof(a), "%lld", json_num(v, "n"));
			pack_doc_table_row(d, row, 2);
		}
		pack_doc_table_end(d);
	}
	pack_doc_section_end(d);
}

/* ---- the page -------------------------------------------------------------- */

static const char CSS[] =
    ":root{color-scheme:light}\n"
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\","
    "sans-serif;color:#1b1f24;background:#fff;max-width:62rem;margin:2rem auto;"
    "padding:0 1.5rem;line-height:1.45}\n"
    "h1{font-size:1.8rem;margin:0 0 .3rem}\n"
    "h2{font-size:1.3rem;border-bottom:2px solid #1f5fa8;padding-bottom:.2rem;"
    "margin-top:2rem}\n"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;"
    "font-size:.92rem}\n"
    "th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#f2f5f8}\n"
    "tbody tr:nth-child(even){background:#fafbfc}\n"
    "ul{padding-left:1.3rem}\n"
    "figure.pk-chart{margin:1rem 0}\n"
    "figure.pk-chart svg{width:100%;height:auto;border:1px solid #d0d7de}\n"
    "figure.pk-timeline{margin:1rem 0;overflow-x:auto}\n"
    "figure.pk-timeline svg{max-width:100%;height:auto;border:1px solid #d0d7de}\n"
    "li.pk-warn{color:#b42318;font-weight:600}\n"
    "footer{margin-top:2.5rem;color:#57606a;font-size:.85rem}\n"
    "pre,code{white-space:pre-wrap;overflow-wrap:anywhere}\n"
    "h1,h2,h3,p,li{overflow-wrap:break-word}\n"
    "td,th{overflow-wrap:anywhere}\n"
    /* A phone: narrower margins, cells that wrap anywhere (nothing wider than the screen). */
    "@media (max-width:40rem){\n"
    "  body{margin:1rem auto;padding:0 .6rem}\n"
    "  table{font-size:.85rem}\n"
    "  th,td{padding:.2rem .3rem}\n"
    /* A table of many columns folds: a row is a block, a cell a line after its column's name. */
    "  table.fold thead{display:none}\n"
    "  table.fold tr{display:block;border:1px solid #d0d7de;border-bottom:0;padding:.3rem .5rem}\n"
    "  table.fold tr:last-child{border-bottom:1px solid #d0d7de}\n"
    "  table.fold td{display:block;border:0;padding:.05rem 0}\n"
    "  table.fold td[data-label]::before{content:attr(data-label) \": \";color:#57606a}\n"
    "}\n"
    "@media print{\n"
    "  @page{size:A4;margin:15mm}\n"
    "  body{max-width:none;margin:0;padding:0;font-size:10pt}\n"
    "  h2{break-after:avoid;page-break-after:avoid}\n"
    "  h3{break-after:avoid;page-break-after:avoid}\n"
    "  tr,li,figure{break-inside:avoid;page-break-inside:avoid}\n"
    "  thead{display:table-header-group}\n"
    "  section{break-before:auto}\n"
    "  tbody tr:nth-child(even){background:none}\n"
    "  th{background:none}\n"
    "}\n";

static void
write_document(struct pack_doc *d, const json_t *p, const char *svg)
{
	const json_t *m = json_object_get(p, "meeting");

	if (d->fmt == PACK_HTML) {
		buf_puts(d->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n<title>");
		pack_doc_text(d, "Meeting pack: ");
		pack_doc_text(d, json_str(m, "name"));
		buf_puts(d->out, "</title>\n<style>\n");
		buf_puts(d->out, CSS);
		buf_puts(d->out, "</style>\n</head>\n<body>\n<header>\n");
	}
	write_intro(d, p);
	if (d->fmt == PACK_HTML)
		buf_puts(d->out, "</header>\n<main>\n");
	write_stats(d, p, svg);
	write_members(d, p);
	write_alerts(d, p);
	write_actions(d, p);
	write_objectives(d, p);
	write_initiatives(d, p);
	write_events(d, p);
	write_outreach(d, p);
	write_usage(d, p);
	if (d->fmt == PACK_HTML) {
		buf_puts(d->out, "</main>\n<footer>");
		pack_doc_text(d, "Every figure comes from the tldops records as of ");
		pack_doc_text(d, json_str(m, "date"));
		pack_doc_text(d, " 00:00 UTC.");
		buf_puts(d->out, "</footer>\n</body>\n</html>\n");
	} else {
		pack_doc_para(d, "Every figure comes from the tldops records as "
		    "of %s 00:00 UTC.", json_str(m, "date"));
	}
}

/* The statistics chart of the pack's period, without its XML declaration. */
static int
chart(struct tld_ctx *ctx, const json_t *p, char **svg, struct tld_error *err)
{
	const json_t *period = json_object_get(p, "period");
	const char *since = json_str(period, "since"), *until = json_str(period, "until");
	int64_t s = 0, u = 0;
	const char *start;
	struct buf b;
	json_t *figures;
	int rc;

	if (*since && !clock_parse_iso(since, strlen(since), &s))
		s = 0;
	if (!clock_parse_iso(until, strlen(until), &u))
		u = 1;
	if ((rc = stats_json(ctx, s, u, &figures, err)) < 0)
		return rc;
	buf_init(&b);
	stats_render_svg(figures, &b);
	json_decref(figures);
	if ((start = strstr(buf_str(&b), "<svg")) == NULL) {
		buf_fini(&b);
		return tld_error_set(err, TLD_EIO, "output", "no chart");
	}
	*svg = xstrdup(start);
	buf_fini(&b);
	return 0;
}

int
pack_render(struct tld_ctx *ctx, const char *meeting, enum pack_format fmt,
    struct buf *out, struct tld_error *err)
{
	struct pack_doc d = { fmt, NULL, false, NULL, 0 };
	struct buf b;
	char *svg = NULL, *dump;
	json_t *p;
	int rc;

	if ((rc = pack_json(ctx, meeting, &p, err)) < 0)
		return rc;
	if (fmt == PACK_JSON) {
		dump = json_dumps(p, JSON_INDENT(2));
		buf_puts(out, dump);
		buf_putc(out, '\n');
		free(dump);
		json_decref(p);
		return 0;
	}
	if (fmt == PACK_HTML && (rc = chart(ctx, p, &svg, err)) < 0) {
		json_decref(p);
		return rc;
	}
	buf_init(&b);
	d.out = &b;
	write_document(&d, p, svg);
	buf_append(out, b.data, b.len);
	buf_fini(&b);
	free(svg);
	json_decref(p);
	return 0;
}
