/* SPDX-License-Identifier: MIT */
/*
 * The secretariat's contacts (docs/web.md): the list with its filters
 * (ccTLD, region, freshness, bounces), sort and pages; adding a contact; one
 * contact with its edit form, its removal with a reason and its history
 * from the audit log.  Every form calls the service the CLI calls
 * (contacts_add(), contacts_update(), contacts_remove()): the same rules,
 * the same audit rows.  A refused form shows again with the refusal
 * naming the field and what was typed; one that worked redirects (303)
 * to a page that says so (?done=).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "service/directory/contacts.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/resp.h"

#define PAGE_SIZE 50

static const char *const region_codes[] = { "", "AF", "AP", "EU", "LAC", "NA" };
static const char *const region_names[] = {
	"Every region", "Africa", "Asia-Pacific", "Europe",
	"Latin America and the Caribbean", "North America",
};
static const char *const fresh_codes[] = { "", "fresh", "asked", "stale" };
static const char *const fresh_names[] = {
	"Any", "Confirmed (not asked)", "Asked to confirm", "Stale",
};
static const char *const bounce_codes[] = { "", "undeliverable", "soft",
	"none" };
static const char *const bounce_names[] = {
	"Any", "Undeliverable", "Bounced lately, not undeliverable",
	"No bounces lately",
};
static const char *const sort_codes[] = { "cctld", "name", "updated" };
static const char *const sort_names[] = {
	"ccTLD, then name", "Name", "Last changed first",
};
#define N(a) (sizeof(a) / sizeof((a)[0]))
/* A filter the service refused (static markup, not escaped). */
#define INVALID " aria-invalid=\"true\" aria-describedby=\"filter-error\""

/* The confirmation after a form that worked (?done=). */
static const struct page_done done_texts[] = {
	{ "added", "The contact was added." },
	{ "saved", "The changes were saved." },
	{ "removed", "The contact was removed." },
};

static void
day(int64_t t, char out[11])
{
	char iso[32];

	clock_format_iso(t, iso, sizeof(iso));
	snprintf(out, 11, "%.10s", iso);
}

/* ---- the list ------------------------------------------------------------ */

struct list_args {
	const char *cctld, *region, *fresh, *sort, *bounces;
	int64_t page;
};

static const char *
arg(struct web_req *rq, const char *k)
{
	const char *v = form_get(&rq->query_args, k);

	return v != NULL ? v : "";
}

static int
index_of(const char *const *codes, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], v) == 0)
			return (int)i;
	return -1;
}

static void
filter_form(struct buf *b, const struct list_args *a, const struct tld_error *err)
{
	const char *bad = err != NULL ? err->field : "";

	if (err != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"filter-error\">"
		    "%s: %s</p>\n", err->field, err->message);
	html_printf(b, "<form method=\"get\" action=\"/contacts\" class=\"filters\" "
	    "aria-label=\"Filter the contacts\">\n<div><label for=\"cctld\">ccTLD"
	    "</label>\n<input id=\"cctld\" name=\"cctld\" value=\"%s\" "
	    "maxlength=\"64\" placeholder=\"nl, .рф, community\"", a->cctld);
	buf_puts(b, strcmp(bad, "cctld") == 0 ? INVALID "></div>\n" : "></div>\n");
	page_filter_select(b, "region", "Region", region_codes, region_names,
	    N(region_codes), a->region, strcmp(bad, "region") == 0);
	page_filter_select(b, "freshness", "Freshness", fresh_codes, fresh_names,
	    N(fresh_codes), a->fresh, strcmp(bad, "freshness") == 0);
	page_filter_select(b, "bounces", "Bounces", bounce_codes, bounce_names,
	    N(bounce_codes), a->bounces, strcmp(bad, "bounces") == 0);
	page_filter_select(b, "sort", "Sort by", sort_codes, sort_names, N(sort_codes),
	    a->sort, strcmp(bad, "sort") == 0);
	buf_puts(b, "<div><button type=\"submit\">Show</button></div>\n</form>\n");
}

struct rows {
	struct buf *b;
	int64_t now;
};

static int
list_row(void *p, const struct contact_listed *r)
{
	struct rows *k = p;
	char when[11];
	const char *fresh = r->stale != 0 ? "stale" : r->asked != 0 ?
	    "asked to confirm" : "confirmed";
	char mail[48];

	if (r->undeliverable != 0)
		snprintf(mail, sizeof(mail), "undeliverable");
	else if (r->bounces > 0)
		snprintf(mail, sizeof(mail), "%lld bounce%s lately",
		    (long long)r->bounces, r->bounces == 1 ? "" : "s");
	else
		snprintf(mail, sizeof(mail), "delivered");

	day(r->c.updated, when);
	html_printf(k->b, "<tr><td data-label=\"Name\"><a href=\"/contacts/%lld\">"
	    "%s</a></td><td data-label=\"ccTLD\">", (long long)r->c.id, r->c.name);
	/* A community contact: its affiliation and kind instead of a ccTLD. */
	if (contact_is_community(&r->c))
		html_printf(k->b, "<span class=\"community\">%s (%s)</span>",
		    r->c.affiliation, contact_kind_name(r->c.kind));
	else
		html_printf(k->b, "<span class=\"tld\">.%s</span>", r->c.cctld);
	html_printf(k->b, "</td><td data-label=\"E-mail\">%s</td><td "
	    "data-label=\"Phone\">%s</td>"
	    "<td data-label=\"Region\">%s</td><td data-label=\"Freshness\">%s</td>"
	    "<td data-label=\"Mail\" class=\"bounces\">%s</td>"
	    "<td data-label=\"Changed\">%s</td></tr>\n", r->c.email,
	    phone_display(r->c.phone, r->c.phone_grouped),
	    contact_is_community(&r->c) ? "community" : r->region, fresh, mail,
	    when);
	return 0;
}

void
page_contacts(struct web_req *rq, struct web_resp *rs)
{
	static const char *const cols[] = { "Name", "ccTLD", "E-mail", "Phone",
	    "Region", "Freshness", "Mail", "Changed", NULL };
	struct list_args a = { arg(rq, "cctld"), arg(rq, "region"),
	    arg(rq, "freshness"), arg(rq, "sort"), arg(rq, "bounces"), 1 };
	struct contact_query q;
	struct tld_error err;
	struct buf b, rows;
	struct rows k;
	int64_t total = 0, pages;
	int fi, si, bi, rc = 0;
	const char *pg = arg(rq, "page");

	(void)rs;
	tld_error_clear(&err);
	memset(&q, 0, sizeof(q));
	if (a.sort[0] == '\0')
		a.sort = "cctld";
	fi = index_of(fresh_codes, N(fresh_codes), a.fresh);
	si = index_of(sort_codes, N(sort_codes), a.sort);
	bi = index_of(bounce_codes, N(bounce_codes), a.bounces);
	if (bi < 0)
		rc = tld_error_set(&err, TLD_EINVAL, "bounces",
		    "one of undeliverable, soft, none (or empty: any)");
	else if (fi < 0)
		rc = tld_error_set(&err, TLD_EINVAL, "freshness",
		    "one of fresh, asked, stale (or none)");
	else if (si < 0)
		rc = tld_error_set(&err, TLD_EINVAL, "sort",
		    "one of cctld, name, updated");
	else if (pg[0] != '\0' && !page_parse_id(pg, &a.page))
		rc = tld_error_set(&err, TLD_EINVAL, "page",
		    "a page number from 1");
	buf_init(&rows);
	if (rc == 0) {
		q.cctld = a.cctld;
		q.region = a.region;
		q.freshness = (enum contact_freshness_filter)fi;
		q.bounces = (enum contact_bounce_filter)bi;
		q.sort = si == 0 ? CONTACT_SORT_CCTLD : si == 1 ? CONTACT_SORT_NAME :
		    CONTACT_SORT_UPDATED;
		q.limit = PAGE_SIZE;
		q.offset = a.page > INT64_MAX / PAGE_SIZE ? INT64_MAX :
		    (a.page - 1) * PAGE_SIZE;
		k.b = &rows;
		k.now = clock_now();
		rc = contacts_query(rq->ctx, &q, list_row, &k, &total, &err);
		if (rc > 0)
			rc = 0;
	}
	if (rc < 0 && web_status_for(&err) == 500) {
		buf_fini(&rows);
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Contacts");
	buf_puts(&b, "<h1>Contacts</h1>\n");
	page_done_notice(rq, &b, done_texts, N(done_texts));
	buf_puts(&b, "<p><a href=\"/contacts/new\">Add a contact</a> · "
	    "<a href=\"/import\">Import from CSV</a> · "
	    "<a href=\"/exports\">Exports</a> · "
	    "<a href=\"/accounts\">Accounts and tokens</a> · "
	    "<a href=\"/iana\">IANA records</a></p>\n");
	filter_form(&b, &a, rc < 0 ? &err : NULL);
	pages = total == 0 ? 1 : (total + PAGE_SIZE - 1) / PAGE_SIZE;
	if (rc == 0) {
		html_printf(&b, "<p class=\"total\" role=\"status\" id=\"count\">"
		    "%lld contact%s match; page %lld of %lld.</p>\n",
		    (long long)total, total == 1 ? "" : "s", (long long)a.page,
		    (long long)pages);
		if (html_table_start(&b, rows.len > 0 ? 1 : 0,
		    "No contact on this page.", "fold", cols)) {
			buf_append(&b, rows.data, rows.len);
			html_table_end(&b);
		}
		{
			static const char *const keys[] = { "cctld", "region",
			    "freshness", "bounces", "sort" };
			const char *vals[] = { a.cctld, a.region, a.fresh, a.bounces,
			    a.sort };

			page_pager(&b, "/contacts", keys, vals, N(keys), a.page, pages,
			    "Previous page", "Next page");
		}
	}
	buf_fini(&rows);
	page_end(rq, &b, rc < 0 ? web_status_for(&err) : 200);
}

/* ---- adding -------------------------------------------------------------- */

static const char *const kind_options[] = { "", "iana", "liaison", "staff" };
static const char *const kind_labels[] = { "(a ccTLD's contact)",
    "IANA", "Liaison", "Staff" };

static const struct plan_field add_fields[] = {
	{ "cctld", "ccTLD (empty for a community contact)", PLAN_TEXT, false, 64,
	  NULL, "nl, .рф", NULL, NULL, 0 },
	{ "affiliation", "Or a community contact's affiliation", PLAN_TEXT,
	  false, 200, NULL, "IANA", NULL, NULL, 0 },
	{ "kind", "Community kind", PLAN_SELECT, false, 0, NULL, NULL,
	  kind_options, kind_labels, 4 },
	{ "name", "Name", PLAN_TEXT, true, 200, NULL, NULL, NULL, NULL, 0 },
	{ "email", "E-mail address", PLAN_TEXT, true, 254, NULL, NULL, NULL, NULL, 0 },
	{ "phone", "Phone (international, +…)", PLAN_TEXT, true, 40, NULL,
	  "+31 26 352 5500", NULL, NULL, 0 },
	{ "organisation", "Organisation", PLAN_TEXT, false, 200, NULL, NULL, NULL,
	  NULL, 0 },
	{ "role", "Role", PLAN_TEXT, false, 200, NULL, NULL, NULL, NULL, 0 },
	{ "languages", "Languages", PLAN_TEXT, false, 64, NULL, "en, fr", NULL,
	  NULL, 0 },
	{ "pgp_fingerprint", "OpenPGP fingerprint", PLAN_TEXT, false, 60, NULL,
	  NULL, NULL, NULL, 0 },
};

static void
add_page(struct web_req *rq, const struct plan_state *st)
{
	const struct plan_form f = { "add", NULL, "/contacts", "Add the contact",
	    add_fields, N(add_fields), false };
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "Add a contact");
	buf_puts(&b, "<h1>Add a contact</h1>\n<p>The same rules as "
	    "<kbd>tldops contact add</kbd>: a delegated ccTLD, one address per "
	    "person, no role addresses without an exception, at most the "
	    "community's number of contacts per ccTLD.  A community contact "
	    "(the IANA root contact, a liaison, staff) has an affiliation and a "
	    "kind instead of a ccTLD: it gets the list's mail and is in the "
	    "repository mail, but no ccTLD counts it as a member.</p>\n");
	plan_form_render(rq, &b, &f, st);
	buf_puts(&b, "<p><a href=\"/contacts\">Back to the contacts</a></p>\n");
	page_end(rq, &b, plan_status(st));
}

void
page_contact_new(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	add_page(rq, NULL);
}

/* The form's fields as the service takes them ("" clears an optional one). */
static void
fields_of(struct web_req *rq, struct contact_fields *f, bool with_cctld)
{
	memset(f, 0, sizeof(*f));
	f->cctld = with_cctld ? plan_arg(rq, "cctld") : NULL;
	if (with_cctld) {
		f->affiliation = form_get(&rq->form, "affiliation");
		f->kind = form_get(&rq->form, "kind");
	}
	f->name = plan_arg(rq, "name");
	f->email = plan_arg(rq, "email");
	f->phone = plan_arg(rq, "phone");
	f->organisation = form_get(&rq->form, "organisation");
	f->role = form_get(&rq->form, "role");
	f->languages = form_get(&rq->form, "languages");
	f->pgp_fingerprint = form_get(&rq->form, "pgp_fingerprint");
}

void
page_contact_add(struct web_req *rq, struct web_resp *rs)
{
	struct contact_fields f;
	struct tld_error err;
	struct contact c;
	char where[64];
	int rc;

	tld_error_clear(&err);
	fields_of(rq, &f, true);
	rc = contacts_add(rq->ctx, &f, &c, &err);
	snprintf(where, sizeof(where), "/contacts/%" PRId64 "?done=added",
	    rc >= 0 ? c.id : 0);
	plan_answer(rq, rs, rc, &err, "add", where, add_page);
}

/* ---- one contact --------------------------------------------------------- */

/* The fields an audit row changed, "name, phone" (or the action's word). */
static void
changed_fields(struct buf *b, const json_t *before, const json_t *after)
{
	const char *key;
	json_t *v;
	bool any = false;

	if (!json_is_object(before) || !json_is_object(after))
		return;
	json_object_foreach((json_t *)after, key, v) {
		if (strcmp(key, "updated") == 0 || strcmp(key, "created") == 0)
			continue;
		if (json_equal(v, json_object_get(before, key)))
			continue;
		/* The grouping for reading (phone_display) is the phone too. */
		if (strcmp(key, "phone_display") == 0 &&
		    !json_equal(json_object_get(after, "phone"),
		    json_object_get(before, "phone")))
			continue;
		html_printf(b, "%s%s", any ? ", " : "",
		    strcmp(key, "phone_display") == 0 ? "phone" : key);
		any = true;
	}
}

static void
history(struct web_req *rq, struct buf *b, int64_t id)
{
	static const char *const cols[] = { "When", "Who", "What", "Fields", NULL };
	struct audit_query q;
	struct tld_error err;
	char ids[24];
	json_t *a = NULL, *e;
	int64_t total;
	size_t i;

	memset(&q, 0, sizeof(q));
	snprintf(ids, sizeof(ids), "%" PRId64, id);
	q.object_type = "contact";
	q.object_id = ids;
	q.limit = AUDIT_PAGE_MAX;
	tld_error_clear(&err);
	buf_puts(b, "<section aria-labelledby=\"history\">\n"
	    "<h2 id=\"history\">History</h2>\n");
	if (audit_query_json(rq->ctx, &q, &a, &total, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	if (html_table_start(b, json_array_size(a), "No changes recorded.", "fold",
	    cols)) {
		json_array_foreach(a, i, e) {
			html_printf(b, "<tr><td data-label=\"When\">%s</td>"
			    "<td data-label=\"Who\">%s</td><td data-label=\"What\">%s</td>"
			    "<td data-label=\"Fields\">", json_str(e, "at"),
			    json_str(e, "actor"), json_str(e, "action"));
			changed_fields(b, json_object_get(e, "before"),
			    json_object_get(e, "after"));
			buf_puts(b, "</td></tr>\n");
		}
		html_table_end(b);
	}
	json_decref(a);
	buf_puts(b, "</section>\n");
}

static void
contact_page(struct web_req *rq, const struct plan_state *st)
{
	const struct plan_field remove_fields[] = {
		{ "reason", "Reason (kept in the history)", PLAN_TEXT, true, 500,
		  NULL, "left SIDN", NULL, NULL, 0 },
	};
	struct plan_field edit[N(add_fields) - 3];
	struct tld_error err;
	struct contact c;
	char action[64], remove_action[64], title[sizeof(c.name) + 16];
	const char *values[N(add_fields) - 1];
	struct buf b;
	int64_t id;

	if (!page_param_id(rq, "contact", &id))
		return;
	tld_error_clear(&err);
	if (contacts_get(rq->ctx, id, &c, &err) < 0) {
		if (err.code == TLD_ENOTFOUND)
			page_message(rq, 404, "Not found",
			    "There is no active contact with this number.");
		else
			page_tld_error(rq, &err);
		return;
	}
	values[0] = c.name;
	values[1] = c.email;
	values[2] = phone_display(c.phone, c.phone_grouped);
	values[3] = c.organisation;
	values[4] = c.role;
	values[5] = c.languages;
	values[6] = c.pgp_fingerprint;
	for (size_t i = 0; i < N(edit); i++) {
		edit[i] = add_fields[i + 3]; /* after cctld, affiliation, kind */
		edit[i].value = values[i];
	}
	snprintf(action, sizeof(action), "/contacts/%" PRId64, id);
	snprintf(remove_action, sizeof(remove_action), "/contacts/%" PRId64
	    "/remove", id);
	{
		const struct plan_form ef = { "edit", "Change the entry", action,
		    "Save the changes", edit, N(edit), false };
		const struct plan_form rf = { "remove", "Remove the contact",
		    remove_action, "Remove", remove_fields, N(remove_fields), false };

		snprintf(title, sizeof(title), "%s", c.name);
		buf_init(&b);
		page_begin(rq, &b, title);
		if (contact_is_community(&c))
			html_printf(&b, "<h1>%s</h1>\n<p class=\"role\">Community "
			    "contact %lld: %s (%s), of no ccTLD</p>\n", c.name,
			    (long long)c.id, c.affiliation,
			    contact_kind_name(c.kind));
		else
			html_printf(&b, "<h1>%s</h1>\n<p class=\"role\">Contact %lld "
			    "of <a href=\"/cctld/%s\">.%s</a></p>\n", c.name,
			    (long long)c.id, c.cctld, c.cctld);
		page_done_notice(rq, &b, done_texts, N(done_texts));
		page_contact_fields(&b, &c);
		buf_puts(&b, "<section aria-labelledby=\"edit\">\n");
		plan_form_render(rq, &b, &ef, st);
		buf_puts(&b, "</section>\n<section aria-labelledby=\"remove\">\n");
		plan_form_render(rq, &b, &rf, st);
		buf_puts(&b, "</section>\n");
		history(rq, &b, id);
		buf_puts(&b, "<p><a href=\"/contacts\">Back to the contacts</a></p>\n");
		page_end(rq, &b, plan_status(st));
	}
}

void
page_contact(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	contact_page(rq, NULL);
}

void
page_contact_edit(struct web_req *rq, struct web_resp *rs)
{
	struct contact_fields f;
	struct tld_error err;
	struct contact c;
	char where[64];
	int64_t id;
	int rc;

	if (!page_param_id(rq, "contact", &id))
		return;
	tld_error_clear(&err);
	fields_of(rq, &f, false);
	rc = contacts_update(rq->ctx, id, &f, &c, &err);
	if (rc < 0 && err.code == TLD_ENOTFOUND && strcmp(err.field, "id") == 0) {
		page_message(rq, 404, "Not found",
		    "There is no active contact with this number.");
		return;
	}
	snprintf(where, sizeof(where), "/contacts/%" PRId64 "?done=saved", id);
	plan_answer(rq, rs, rc, &err, "edit", where, contact_page);
}

void
page_contact_remove(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t id;
	int rc;

	if (!page_param_id(rq, "contact", &id))
		return;
	tld_error_clear(&err);
	rc = contacts_remove(rq->ctx, id, plan_arg(rq, "reason"), &err);
	if (rc < 0 && err.code == TLD_ENOTFOUND && strcmp(err.field, "id") == 0) {
		page_message(rq, 404, "Not found",
		    "There is no active contact with this number.");
		return;
	}
	plan_answer(rq, rs, rc, &err, "remove", "/contacts?done=removed",
	    contact_page);
}
