/* SPDX-License-Identifier: MIT */
/*
 * The audit log to browse (docs/web.md): /committee/audit with filters
 * (actor, ccTLD, object type and id, a range of days) and pages of 50,
 * newest first; GET /api/v1/audit/entries with the same filters for
 * scripts.  Both read audit_query_json(), the service of a contact's
 * history.  A filter the service refuses is shown naming the field, with
 * the form kept as typed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/resp.h"

#define AUDIT_WEB_PAGE 50
#define INVALID " aria-invalid=\"true\" aria-describedby=\"filter-error\""

/* The filters as typed (borrowed from the query string) and the page. */
struct audit_args {
	const char *actor, *cctld, *object_type, *object_id, *since, *until;
	int64_t page;
};

static const char *
qarg(struct web_req *rq, const char *k)
{
	const char *v = form_get(&rq->query_args, k);

	return v != NULL ? v : "";
}

/* A day or instant; "" is no bound.  end: a bare day counts whole (to the next midnight). */
static int
parse_when(const char *field, const char *v, bool end, int64_t *out,
    struct tld_error *err)
{
	*out = 0;
	if (v[0] == '\0')
		return 0;
	if (!clock_parse_iso(v, strlen(v), out))
		return tld_error_set(err, TLD_EINVAL, field,
		    "\"%s\" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", v);
	if (end && strlen(v) == 10)
		*out += 86400;
	return 0;
}

static bool
object_type_ok(const char *s)
{
	if (strlen(s) > 32)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return false;
	return true;
}

/*
 * The query of a, for page size n: the filters the service does not check
 * itself are checked here (the dates, the object type, the page).  until_day:
 * a bare day in `until` is included (the page's "to" field).
 */
static int
args_query(const struct audit_args *a, int64_t n, bool until_day,
    struct audit_query *q, struct tld_error *err)
{
	int rc;

	memset(q, 0, sizeof(*q));
	if ((rc = parse_when("since", a->since, false, &q->since, err)) < 0 ||
	    (rc = parse_when("until", a->until, until_day, &q->until, err)) < 0)
		return rc;
	if (!object_type_ok(a->object_type))
		return tld_error_set(err, TLD_EINVAL, "object_type",
		    "a word of lower-case letters (contact, cctld, request, ...)");
	if (strlen(a->actor) > 254 || strlen(a->object_id) > 64)
		return tld_error_set(err, TLD_EINVAL, strlen(a->actor) > 254 ?
		    "actor" : "object_id", "is too long");
	q->actor = a->actor;
	q->cctld = a->cctld;
	q->object_type = a->object_type;
	q->object_id = a->object_id;
	q->limit = n;
	q->offset = a->page > INT64_MAX / n ? INT64_MAX : (a->page - 1) * n;
	return 0;
}

static int
args_read(struct web_req *rq, struct audit_args *a, struct tld_error *err)
{
	const char *pg = qarg(rq, "page");

	a->actor = qarg(rq, "actor");
	a->cctld = qarg(rq, "cctld");
	a->object_type = qarg(rq, "object_type");
	a->object_id = qarg(rq, "object_id");
	a->since = qarg(rq, "since");
	a->until = qarg(rq, "until");
	a->page = 1;
	if (pg[0] != '\0' && !page_parse_id(pg, &a->page))
		return tld_error_set(err, TLD_EINVAL, "page", "a page number from 1");
	return 0;
}

/* ---- the page ------------------------------------------------------------ */

static void
text_filter(struct buf *b, const char *id, const char *label, const char *v,
    const char *hint, size_t max, const char *bad, const char *type)
{
	html_printf(b, "<div><label for=\"%s\">%s</label>\n<input id=\"%s\" "
	    "name=\"%s\" type=\"%s\" value=\"%s\" maxlength=\"%zu\" placeholder=\"%s\"",
	    id, label, id, id, type, v, max, hint);
	buf_puts(b, strcmp(bad, id) == 0 ? INVALID "></div>\n" : "></div>\n");
}

static void
filter_form(struct buf *b, const struct audit_args *a, const struct tld_error *err)
{
	const char *bad = err != NULL ? err->field : "";

	if (err != NULL)
		html_printf(b, "<p class=\"error\" role=\"alert\" id=\"filter-error\">"
		    "%s: %s</p>\n", err->field, err->message);
	buf_puts(b, "<form method=\"get\" action=\"/committee/audit\" "
	    "class=\"filters\" aria-label=\"Filter the audit log\">\n");
	text_filter(b, "actor", "Who (actor)", a->actor, "kim@secretariat.example",
	    254, bad, "text");
	text_filter(b, "cctld", "ccTLD", a->cctld, "nl, .рф", 64, bad, "text");
	text_filter(b, "object_type", "Object type", a->object_type,
	    "contact, request", 32, bad, "text");
	text_filter(b, "object_id", "Object id", a->object_id, "12", 64, bad,
	    "text");
	text_filter(b, "since", "From (day)", a->since, "YYYY-MM-DD", 20, bad,
	    "text");
	text_filter(b, "until", "To (day, included)", a->until, "YYYY-MM-DD", 20,
	    bad, "text");
	buf_puts(b, "<div><button type=\"submit\">Show</button></div>\n</form>\n");
}

/* What an entry changed: the fields that differ, or the object's keys. */
static void
changes(struct buf *b, const json_t *before, const json_t *after)
{
	const json_t *o = after != NULL && json_is_object(after) ? after : before;
	const char *key;
	json_t *v;
	bool any = false;

	if (!json_is_object(o))
		return;
	json_object_foreach((json_t *)o, key, v) {
		const json_t *w = o == after ? json_object_get(before, key) : NULL;

		if (strcmp(key, "updated") == 0 || strcmp(key, "created") == 0)
			continue;
		if (w != NULL && json_equal(v, w))
			continue;
		html_printf(b, "%s%s", any ? ", " : "", key);
		any = true;
	}
}

static void
entry_row(struct buf *b, const json_t *e)
{
	html_printf(b, "<tr><td data-label=\"When\">%s</td><td data-label=\"Who\">"
	    "%s</td><td data-label=\"What\">%s</td><td data-label=\"Object\">%s %s"
	    "</td><td data-label=\"Fields\">", json_str(e, "at"), json_str(e,
	    "actor"), json_str(e, "action"), json_str(e, "object_type"),
	    json_str(e, "object_id"));
	changes(b, json_object_get(e, "before"), json_object_get(e, "after"));
	buf_puts(b, "</td></tr>\n");
}

void
page_audit(struct web_req *rq, struct web_resp *rs)
{
	static const char *const cols[] = { "When", "Who", "What", "Object",
	    "Fields", NULL };
	struct audit_args a;
	struct audit_query q;
	struct tld_error err;
	json_t *list = NULL, *e;
	int64_t total = 0, pages;
	struct buf b;
	size_t i;
	int rc;

	(void)rs;
	tld_error_clear(&err);
	if ((rc = args_read(rq, &a, &err)) == 0 &&
	    (rc = args_query(&a, AUDIT_WEB_PAGE, true, &q, &err)) == 0)
		rc = audit_query_json(rq->ctx, &q, &list, &total, &err);
	if (rc < 0 && web_status_for(&err) == 500) {
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Audit log");
	plan_nav(&b);
	buf_puts(&b, "<h1>Audit log</h1>\n<p>Every change, who made it and what it "
	    "changed, newest first (<kbd>tldops audit</kbd>). A ccTLD finds the "
	    "ccTLD's own rows and those of its contacts.</p>\n");
	filter_form(&b, &a, rc < 0 ? &err : NULL);
	if (rc == 0) {
		pages = total == 0 ? 1 : (total + AUDIT_WEB_PAGE - 1) / AUDIT_WEB_PAGE;
		html_printf(&b, "<p class=\"total\" role=\"status\" id=\"count\">"
		    "%lld entr%s match; page %lld of %lld.</p>\n", (long long)total,
		    total == 1 ? "y" : "ies", (long long)a.page, (long long)pages);
		if (html_table_start(&b, json_array_size(list),
		    "No entry on this page.", "fold", cols)) {
			json_array_foreach(list, i, e)
				entry_row(&b, e);
			html_table_end(&b);
		}
		{
			static const char *const keys[] = { "actor", "cctld",
			    "object_type", "object_id", "since", "until" };
			const char *vals[] = { a.actor, a.cctld, a.object_type,
			    a.object_id, a.since, a.until };

			page_pager(&b, "/committee/audit", keys, vals,
			    sizeof(keys) / sizeof(keys[0]), a.page, pages,
			    "Newer entries", "Older entries");
		}
	}
	json_decref(list);
	page_end(rq, &b, rc < 0 ? web_status_for(&err) : 200);
}

/* ---- the API ------------------------------------------------------------- */

void
api_audit_entries(struct web_req *rq, struct web_resp *rs)
{
	struct audit_args a;
	struct audit_query q;
	struct tld_error err;
	const char *lim = qarg(rq, "limit");
	int64_t n = AUDIT_WEB_PAGE, total = 0;
	json_t *list;

	tld_error_clear(&err);
	if (lim[0] != '\0' && (!page_parse_id(lim, &n) || n > AUDIT_PAGE_MAX)) {
		resp_error(rs, 422, "limit", "between 1 and %d entries a page",
		    AUDIT_PAGE_MAX);
		return;
	}
	if (args_read(rq, &a, &err) < 0 || args_query(&a, n, false, &q, &err) < 0 ||
	    audit_query_json(rq->ctx, &q, &list, &total, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:o, s:I, s:I, s:I}", "entries", list,
	    "total", (json_int_t)total, "page", (json_int_t)a.page,
	    "limit", (json_int_t)n));
}
