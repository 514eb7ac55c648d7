/* SPDX-License-Identifier: MIT */
/*
 * The committee dashboard: requests to decide with their flags, alerts,
 * the generic-contact exceptions, the outbox and the numbers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/books/stats.h"
#include "service/directory/contacts.h"
#include "service/directory/exceptions.h"
#include "service/list/bounces.h"
#include "service/list/mailing.h"
#include "service/membership/requests.h"
#include "service/outbox.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"
#include "web/server.h"

/* "2026-11-27T05:42:49Z" -> "2026-11-27" (the day is enough on a page). */
static const char *
day(const char *iso, char out[11])
{
	snprintf(out, 11, "%s", iso);
	return out;
}

static void
request_row(struct web_req *rq, struct buf *b, const json_t *r, bool decide)
{
	static const struct {
		const char *key;
		const char *label;
	} fields[] = {
		{ "name", "Name" }, { "email", "E-mail" }, { "phone", "Phone" },
		{ "organisation", "Organisation" }, { "role", "Role" },
		{ "languages", "Languages" }, { "pgp_fingerprint", "OpenPGP" },
	};
	const json_t *p = json_object_get(r, "proposed");
	const json_t *flags = json_object_get(r, "flags");
	const char *kind = json_str(r, "kind"), *given = json_str(r, "fields_given");
	long long id = (long long)json_integer_value(json_object_get(r, "id"));
	bool join = strcmp(kind, "join") == 0;
	struct tld_error err;
	struct contact cur;
	char when[11];
	size_t i;
	json_t *f;

	html_printf(b, "<article class=\"request\" id=\"request-%lld\">\n"
	    "<h3>%s request %lld for .%s</h3>\n<dl class=\"fields\">\n",
	    id, kind, id, json_str(r, "cctld"));
	tld_error_clear(&err);
	if (json_is_integer(json_object_get(r, "contact_id")) &&
	    contacts_get(rq->ctx, json_integer_value(json_object_get(r,
	    "contact_id")), &cur, &err) == 0)
		html_printf(b, "<dt>Contact</dt><dd>%s &lt;%s&gt;</dd>\n", cur.name,
		    cur.email);
	/* A join shows every field; an update only what it changes. */
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]) && !(kind[0] == 'l'); i++) {
		/* The phone as it was typed, for reading (E.164 in the API). */
		const char *v = json_str(p, strcmp(fields[i].key, "phone") == 0 ?
		    "phone_display" : fields[i].key);

		if ((join && v[0] != '\0') || (!join && strstr(given, fields[i].key)))
			html_printf(b, "<dt>%s%s</dt><dd>%s</dd>\n", fields[i].label,
			    join ? "" : " (new)", v[0] != '\0' ? v : "(empty)");
	}
	html_printf(b, "<dt>Requested by</dt><dd>%s on %s</dd>\n",
	    json_str(r, "requested_by"), day(json_str(r, "created"), when));
	if (json_str(r, "authorised_by")[0] != '\0')
		html_printf(b, "<dt>Authorised by</dt><dd>IANA %s</dd>\n",
		    json_str(r, "authorised_by"));
	buf_puts(b, "</dl>\n");
	if (json_array_size(flags) > 0) {
		buf_puts(b, "<ul class=\"flags\" aria-label=\"Flags for the approver\">\n");
		json_array_foreach(flags, i, f)
			html_printf(b, "<li>%s</li>\n", json_string_value(f));
		buf_puts(b, "</ul>\n");
	}
	if (!decide) {
		buf_puts(b, "</article>\n");
		return;
	}
	html_printf(b, "<div class=\"decide\">\n<form method=\"post\" "
	    "action=\"/committee/requests/%lld/approve\">\n", id);
	page_csrf_field(rq, b);
	if (join)
		buf_puts(b, "<label class=\"inline\"><input type=\"checkbox\" "
		    "name=\"announce\" value=\"1\" checked> Announce a new member "
		    "ccTLD to the list</label>\n");
	html_printf(b, "<button type=\"submit\">Approve request %lld</button>\n"
	    "</form>\n<form method=\"post\" action=\"/committee/requests/%lld/reject\">\n",
	    id, id);
	page_csrf_field(rq, b);
	html_printf(b, "<label for=\"reason-%lld\">Reason for rejecting</label>\n"
	    "<input id=\"reason-%lld\" name=\"reason\" required maxlength=\"500\">\n"
	    "<button type=\"submit\" class=\"danger\">Reject request %lld</button>\n"
	    "</form>\n</div>\n</article>\n", id, id, id);
}

static void
stats_section(struct web_req *rq, struct buf *b)
{
	static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };
	struct tld_error err;
	json_t *o, *c, *reg;

	tld_error_clear(&err);
	buf_puts(b, "<section aria-labelledby=\"stats\">\n<h2 id=\"stats\">"
	    "Numbers</h2>\n");
	if (stats_json(rq->ctx, 0, 0, &o, &err) < 0) {
		html_printf(b, "<p class=\"error\">%s</p>\n</section>\n", err.message);
		return;
	}
	c = json_object_get(o, "cctlds");
	reg = json_object_get(o, "regions");
	html_printf(b, "<p>%lld member ccTLDs of %lld (ASCII %lld of %lld, IDN %lld "
	    "of %lld), %lld contacts.</p>\n<table>\n<thead><tr><th scope=\"col\">"
	    "Region</th><th scope=\"col\">Members</th><th scope=\"col\">ccTLDs</th>"
	    "<th scope=\"col\">Contacts</th></tr></thead>\n<tbody>\n",
	    (long long)json_integer_value(json_object_get(c, "members")),
	    (long long)json_integer_value(json_object_get(c, "total")),
	    (long long)json_integer_value(json_object_get(json_object_get(c, "ascii"), "members")),
	    (long long)json_integer_value(json_object_get(json_object_get(c, "ascii"), "total")),
	    (long long)json_integer_value(json_object_get(json_object_get(c, "idn"), "members")),
	    (long long)json_integer_value(json_object_get(json_object_get(c, "idn"), "total")),
	    (long long)json_integer_value(json_object_get(o, "contacts")));
	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		const json_t *r = json_object_get(reg, regions[i]);

		html_printf(b, "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld</td>"
		    "<td>%lld</td></tr>\n", regions[i],
		    (long long)json_integer_value(json_object_get(r, "members")),
		    (long long)json_integer_value(json_object_get(r, "total")),
		    (long long)json_integer_value(json_object_get(r, "contacts")));
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
	json_decref(o);
}

static void
requests_section(struct web_req *rq, struct buf *b)
{
	static const enum request_state states[] = {
		REQUEST_STATE_AUTHORISED, REQUEST_STATE_PENDING,
	};
	struct tld_error err;

	static const struct page_done done[] = {
		{ "approved", "The request was approved: the repository has the "
		  "change." },
		{ "approved-member", "The request was approved: the repository "
		  "has the change. Nothing was announced to the list: the ccTLD "
		  "was a member already (only a new member is announced)." },
		{ "rejected", "The request was rejected." },
	};

	buf_puts(b, "<section aria-labelledby=\"requests\">\n"
	    "<h2 id=\"requests\">Requests</h2>\n");
	page_done_notice(rq, b, done, sizeof(done) / sizeof(done[0]));
	for (size_t k = 0; k < 2; k++) {
		json_t *a, *r;
		size_t i;

		tld_error_clear(&err);
		if (requests_list_json(rq->ctx, &states[k], &a, &err) < 0) {
			html_printf(b, "<p class=\"error\">%s</p>\n", err.message);
			continue;
		}
		html_printf(b, "<h3 class=\"sub\">%s (%zu)</h3>\n", k == 0 ?
		    "Authorised, to decide" : "Waiting for the IANA contact",
		    json_array_size(a));
		json_array_foreach(a, i, r)
			request_row(rq, b, r, k == 0);
		json_decref(a);
	}
	buf_puts(b, "</section>\n");
}

static void
alert_section(struct web_req *rq, struct buf *b)
{
	buf_puts(b, "<section aria-labelledby=\"alert\">\n<h2 id=\"alert\">Send a "
	    "security alert</h2>\n<p>It goes to every active contact through the "
	    "outbox, after a preview. <a href=\"/committee/alerts\">The alerts "
	    "sent and their delivery</a>; <a href=\"/committee/digest\">the "
	    "repository mail</a>.</p>\n");
	page_alert_compose(rq, b, NULL, "", "amber", "", NULL);
	buf_puts(b, "</section>\n");
}

static void
exceptions_section(struct web_req *rq, struct buf *b)
{
	struct tld_error err;
	json_t *a, *e;
	size_t i;

	tld_error_clear(&err);
	buf_puts(b, "<section aria-labelledby=\"exceptions\">\n"
	    "<h2 id=\"exceptions\">Generic-contact exceptions</h2>\n");
	if (exceptions_list(rq->ctx, &a, &err) < 0) {
		html_printf(b, "<p class=\"error\">%s</p>\n</section>\n", err.message);
		return;
	}
	if (html_table_start(b, json_array_size(a), "None.", NULL,
	    (const char *[]){ "Address", "Why", "Approved by", "When", NULL })) {
		json_array_foreach(a, i, e) {
			char when[11];

			html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s"
			    "</td></tr>\n", json_str(e, "email"), json_str(e, "reason"),
			    json_str(e, "approved_by"), day(json_str(e, "created"), when));
		}
		html_table_end(b);
	}
	json_decref(a);
	buf_puts(b, "<p><a href=\"/committee/exceptions\">Add or remove exceptions "
	    "and the list's allowed senders</a></p>\n</section>\n");
}

struct bounce_rows {
	struct buf rows;
	size_t n;
};

static int
bounce_row(void *arg, const struct bounce_summary *r)
{
	struct bounce_rows *br = arg;
	char since[32] = "", last[32] = "";

	if (r->undeliverable != 0)
		clock_format_iso(r->undeliverable, since, sizeof(since));
	if (r->last != 0)
		clock_format_iso(r->last, last, sizeof(last));
	since[10] = '\0';
	last[10] = '\0';
	html_printf(&br->rows, "<tr%s><td>.%s</td><td>%s &lt;%s&gt;</td><td>%s</td>"
	    "<td>%lld</td><td>%lld</td><td>%s</td><td>%s</td></tr>\n",
	    r->undeliverable != 0 ? " class=\"undeliverable\"" : "", r->cctld,
	    r->name, r->email, r->undeliverable != 0 ? since : "no",
	    (long long)r->hard, (long long)r->soft, last, r->last_status);
	br->n++;
	return 0;
}

/* Contacts whose mail bounces; the undeliverable ones first in mind. */
static void
bounces_section(struct web_req *rq, struct buf *b)
{
	struct bounce_rows br;
	struct tld_error err;

	tld_error_clear(&err);
	buf_init(&br.rows);
	br.n = 0;
	buf_puts(b, "<section aria-labelledby=\"bounces\">\n"
	    "<h2 id=\"bounces\">Bounces</h2>\n<p>Contacts whose mail comes back. "
	    "An undeliverable one (a 5.1.1, or repeated hard bounces) stays on the "
	    "list and counts as stale: ask the ccTLD for a new address.</p>\n");
	if (bounces_summary(rq->ctx, bounce_row, &br, &err) < 0) {
		html_printf(b, "<p class=\"error\">%s</p>\n</section>\n", err.message);
		buf_fini(&br.rows);
		return;
	}
	if (html_table_start(b, br.n, "No contact's mail bounces.", "fold",
	    (const char *[]){ "ccTLD", "Contact", "Undeliverable since", "Hard",
	    "Soft", "Last bounce", "Last status", NULL })) {
		buf_append(b, br.rows.data, br.rows.len);
		html_table_end(b);
	}
	buf_fini(&br.rows);
	buf_puts(b, "</section>\n");
}

static void
outbox_section(struct web_req *rq, struct buf *b)
{
	struct tld_error err;
	json_t *o, *p;
	size_t i;

	tld_error_clear(&err);
	buf_puts(b, "<section aria-labelledby=\"outbox\">\n"
	    "<h2 id=\"outbox\">Outbox</h2>\n");
	if (outbox_status(rq->ctx, &o, &err) < 0) {
		html_printf(b, "<p class=\"error\">%s</p>\n</section>\n", err.message);
		return;
	}
	html_printf(b, "<p>Messages: %lld. Deliveries: queued %lld, sending %lld, "
	    "sent %lld, failed %lld.</p>\n",
	    (long long)json_integer_value(json_object_get(o, "messages")),
	    (long long)json_integer_value(json_object_get(o, "queued")),
	    (long long)json_integer_value(json_object_get(o, "sending")),
	    (long long)json_integer_value(json_object_get(o, "sent")),
	    (long long)json_integer_value(json_object_get(o, "failed")));
	p = json_object_get(o, "problems");
	if (json_array_size(p) > 0) {
		json_t *d;

		buf_puts(b, "<table>\n<caption>Deliveries with a problem</caption>\n"
		    "<thead><tr><th scope=\"col\">State</th><th scope=\"col\">"
		    "Recipient</th><th scope=\"col\">Kind</th><th scope=\"col\">"
		    "Attempts</th><th scope=\"col\">Last error</th></tr></thead>\n"
		    "<tbody>\n");
		json_array_foreach(p, i, d)
			html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%lld"
			    "</td><td>%s</td></tr>\n", json_str(d, "state"),
			    json_str(d, "recipient"), json_str(d, "kind"), (long long)
			    json_integer_value(json_object_get(d, "attempts")),
			    json_str(d, "last_error"));
		buf_puts(b, "</tbody>\n</table>\n");
	}
	json_decref(o);
	buf_puts(b, "</section>\n");
}

void
page_committee(struct web_req *rq, struct web_resp *rs)
{
	struct buf b;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Committee");
	buf_puts(&b, "<h1>Committee</h1>\n<nav aria-label=\"Sections\" "
	    "class=\"toc\"><a href=\"#requests\">Requests</a> "
	    "<a href=\"#alert\">Alert</a> <a href=\"#exceptions\">Exceptions</a> "
	    "<a href=\"#freshness\">Freshness</a> <a href=\"#bounces\">Bounces</a> "
	    "<a href=\"#outbox\">Outbox</a> "
	    "<a href=\"#stats\">Numbers</a></nav>\n"
	    "<nav aria-label=\"Committee pages\" class=\"toc\">"
	    "<a href=\"/committee/held\">Held posts</a> "
	    "<a href=\"/committee/alerts\">Alerts sent</a> "
	    "<a href=\"/committee/digest\">Repository mail</a> "
	    "<a href=\"/committee/stats\">Numbers and chart</a> "
	    "<a href=\"/committee/outreach\">Outreach</a> "
	    "<a href=\"/committee/actions\">Actions</a> "
	    "<a href=\"/committee/meetings\">Meetings</a> "
	    "<a href=\"/committee/exceptions\">Exceptions and senders</a></nav>\n");
	requests_section(rq, &b);
	alert_section(rq, &b);
	exceptions_section(rq, &b);
	page_freshness_section(rq, &b);
	bounces_section(rq, &b);
	outbox_section(rq, &b);
	stats_section(rq, &b);
	page_end(rq, &b, 200);
}

void
page_approve(struct web_req *rq, struct web_resp *rs)
{
	const char *announce = form_get(&rq->form, "announce");
	struct request_approval ap;
	struct tld_error err;
	char where[64];
	int64_t id;

	if (!page_param_id(rq, "request", &id))
		return;
	tld_error_clear(&err);
	if (requests_approve(rq->ctx, id, announce != NULL &&
	    strcmp(announce, "1") == 0, &ap, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	web_kick_outbox();
	/* The box is offered for joins only: not announced means a member. */
	snprintf(where, sizeof(where), "/committee?done=%s#requests",
	    ap.not_announced[0] != '\0' ? "approved-member" : "approved");
	resp_redirect(rs, where);
}

void
page_reject(struct web_req *rq, struct web_resp *rs)
{
	const char *reason = form_get(&rq->form, "reason");
	struct tld_error err;
	int64_t id;

	if (!page_param_id(rq, "request", &id))
		return;
	tld_error_clear(&err);
	if (requests_reject(rq->ctx, id, reason != NULL ? reason : "", &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	resp_redirect(rs, "/committee?done=rejected#requests");
}
