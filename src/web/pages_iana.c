/* SPDX-License-Identifier: MIT */
/*
 * IANA records on the web (/iana, docs/web.md) and in the API (POST
 * /api/v1/iana), for the secretariat: paste whois.iana.org's text for
 * one or more ccTLDs, or fetch their records from [iana] whois_server,
 * through iana_import() and iana_fetch() — the services of `tldops iana
 * import|fetch`: all or nothing, the same audit rows (iana.add, iana.update,
 * iana.drift) and the same notice to the committee when the people who
 * authorise requests change.  The page shows the recent changes from the
 * audit log, field by field, so what a form recorded is seen after its
 * redirect (?done=imported&records=N&changed=M).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "service/audit.h"
#include "service/directory/iana.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/parse.h"
#include "web/plan.h"
#include "web/resp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define RECENT 20
#define FETCH_MAX 20

/* The report's lines as counts: records read, records that changed. */
static int64_t
unchanged_lines(const struct buf *report)
{
	const char *p = buf_str(report), *nl;
	int64_t n = 0;

	for (; *p != '\0'; p = nl + 1) {
		size_t len;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		if (len >= 11 && memcmp(nl - 11, ": unchanged", 11) == 0)
			n++;
		if (*nl == '\0')
			break;
	}
	return n;
}

/* The report as a JSON array of its lines. */
static json_t *
report_lines(const struct buf *report)
{
	const char *p = buf_str(report), *nl;
	json_t *a = json_array();

	while (*p != '\0') {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		json_array_append_new(a, json_stringn(p, (size_t)(nl - p)));
		p = *nl == '\0' ? nl : nl + 1;
	}
	return a;
}

/*
 * A refusal of the whois text names the form's field: the parser names a
 * line ("domain: line 3: ..."), which becomes the message.
 */
static void
name_field(struct tld_error *err, const char *field)
{
	char msg[sizeof(err->message) + sizeof(err->field) + 2];

	if (strcmp(err->field, field) == 0 || web_status_for(err) == 500)
		return;
	if (err->field[0] != '\0')
		snprintf(msg, sizeof(msg), "%s: %s", err->field, err->message);
	else
		snprintf(msg, sizeof(msg), "%s", err->message);
	snprintf(err->field, sizeof(err->field), "%s", field);
	snprintf(err->message, sizeof(err->message), "%.*s",
	    (int)sizeof(err->message) - 1, msg);
}

/* The whois server could not be reached: the form says so (not a 500). */
static bool
server_failed(const struct tld_error *err)
{
	return strcmp(err->field, "server") == 0 && web_status_for(err) == 500;
}

/* ---- the page ------------------------------------------------------------ */

static const struct plan_field fetch_fields[] = {
	{ "codes", "ccTLDs (separated by blanks or commas)", PLAN_TEXT, true, 200,
	  NULL, "nl, fr, .рф", NULL, NULL, 0 },
};

/* One audit row's fields that differ between before and after. */
static void
changes_cell(struct buf *b, const json_t *e)
{
	static const char *const who[] = { "admin", "tech" };
	static const char *const fields[] = { "name", "email", "phone",
	    "organisation", "address", "fax" };
	const json_t *before = json_object_get(e, "before");
	const json_t *after = json_object_get(e, "after");
	int n = 0;

	if (!json_is_object(before)) {
		html_printf(b, "new record: admin %s, tech %s",
		    json_str(json_object_get(after, "admin"), "email"),
		    json_str(json_object_get(after, "tech"), "email"));
		return;
	}
	if (strcmp(json_str(before, "organisation"),
	    json_str(after, "organisation")) != 0) {
		html_printf(b, "organisation: %s → %s", json_str(before,
		    "organisation"), json_str(after, "organisation"));
		n++;
	}
	for (size_t w = 0; w < N(who); w++) {
		const json_t *x = json_object_get(before, who[w]);
		const json_t *y = json_object_get(after, who[w]);

		for (size_t f = 0; f < N(fields); f++) {
			if (strcmp(json_str(x, fields[f]), json_str(y, fields[f])) == 0)
				continue;
			html_printf(b, "%s%s %s: %s → %s", n > 0 ? "; " : "", who[w],
			    fields[f], json_str(x, fields[f]), json_str(y, fields[f]));
			n++;
		}
	}
	if (n == 0)
		buf_puts(b, "dates only");
}

static void
recent_section(struct web_req *rq, struct buf *b)
{
	static const char *const cols[] = { "ccTLD", "When", "By", "What",
	    "Changes", NULL };
	struct audit_query q;
	struct tld_error err;
	int64_t total = 0;
	json_t *a, *e;
	size_t i;

	buf_puts(b, "<section aria-labelledby=\"recent\">\n<h2 id=\"recent\">"
	    "Recent changes</h2>\n");
	memset(&q, 0, sizeof(q));
	q.object_type = "iana";
	q.limit = RECENT;
	tld_error_clear(&err);
	if (audit_query_json(rq->ctx, &q, &a, &total, &err) < 0) {
		plan_section_error(b, &err);
		buf_puts(b, "</section>\n");
		return;
	}
	if (html_table_start(b, json_array_size(a), "No IANA record was recorded "
	    "yet.", "fold", cols)) {
		json_array_foreach(a, i, e) {
			const char *act = json_str(e, "action");
			char day[11];

			html_printf(b, "<tr><th scope=\"row\"><a href=\"/cctld/%s\">.%s</a>"
			    "</th><td data-label=\"When\">%s</td><td data-label=\"By\">%s"
			    "</td><td data-label=\"What\">%s</td><td data-label=\"Changes"
			    "\" class=\"changes\">", json_str(e, "object_id"),
			    json_str(e, "object_id"), plan_day(e, "at", day),
			    json_str(e, "actor"), strcmp(act, "iana.add") == 0 ? "added" :
			    strcmp(act, "iana.drift") == 0 ? "new authorisers "
			    "(the committee was told)" : "updated");
			changes_cell(b, e);
			buf_puts(b, "</td></tr>\n");
		}
		html_table_end(b);
	}
	json_decref(a);
	buf_puts(b, "</section>\n");
}

static void
render(struct web_req *rq, const struct plan_state *st)
{
	const struct plan_form fetch = { "fetch", NULL,
	    "/iana/fetch", "Fetch the records", fetch_fields, N(fetch_fields),
	    false };
	bool refused = st != NULL && st->form != NULL &&
	    strcmp(st->form, "import") == 0;
	const char *text = refused ? form_get(st->given, "whois") : NULL;
	const char *done = form_get(&rq->query_args, "done");
	int64_t records = 0, changed = 0;
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, "IANA records");
	buf_puts(&b, "<h1>IANA records</h1>\n<p><a href=\"/contacts\">Contacts</a>"
	    " · <a href=\"/accounts\">Accounts and tokens</a></p>\n<p>Each "
	    "ccTLD's administrative and technical contact in IANA's root zone "
	    "database: the people who authorise who speaks for the ccTLD. When "
	    "they change, the committee is told.</p>\n");
	if (done != NULL && strcmp(done, "imported") == 0) {
		const char *r = form_get(&rq->query_args, "records");
		const char *c = form_get(&rq->query_args, "changed");

		if (r != NULL)
			page_parse_id(r, &records);
		if (c != NULL && strcmp(c, "0") != 0)
			page_parse_id(c, &changed);
		html_printf(&b, "<p class=\"notice\" role=\"status\">%lld record%s "
		    "read: %lld changed, %lld as before. The changes are below."
		    "</p>\n", (long long)records, records == 1 ? "" : "s",
		    (long long)changed, (long long)(records - changed));
	}
	buf_puts(&b, "<section aria-labelledby=\"paste\">\n<h2 id=\"paste\">"
	    "Paste whois text</h2>\n");
	plan_alert(&b, "import", st);
	buf_puts(&b, "<form method=\"post\" action=\"/iana/import\" class=\"stack\">\n");
	page_csrf_field(rq, &b);
	buf_puts(&b, "<label for=\"f-import-whois\">The answers of whois.iana.org"
	    " (one or more records, each from <code>domain:</code> to "
	    "<code>source: IANA</code>)</label>\n<textarea id=\"f-import-whois\" "
	    "name=\"whois\" rows=\"12\" required");
	if (refused && strcmp(st->err->field, "whois") == 0)
		buf_puts(&b, " aria-invalid=\"true\" aria-describedby=\"import-error\"");
	html_printf(&b, ">%s</textarea>\n<button type=\"submit\">Record</button>\n"
	    "</form>\n</section>\n", text != NULL ? text : "");
	buf_puts(&b, "<section aria-labelledby=\"fetch-h\">\n<h2 id=\"fetch-h\">"
	    "Fetch from IANA</h2>\n");
	plan_form_render(rq, &b, &fetch, st);
	html_printf(&b, "<p>Asks %s for each record (at most %d at once).</p>\n"
	    "</section>\n", rq->ctx->cfg.whois_server[0] != '\0' ?
	    rq->ctx->cfg.whois_server : "whois.iana.org:43", FETCH_MAX);
	recent_section(rq, &b);
	page_end(rq, &b, plan_status(st));
}

void
page_iana(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	render(rq, NULL);
}

static void
answer(struct web_req *rq, struct web_resp *rs, int rc, struct tld_error *err,
    const char *form, const struct buf *report)
{
	char where[128] = "";

	if (rc >= 0)
		snprintf(where, sizeof(where), "/iana?done=imported&records=%d"
		    "&changed=%lld#recent", rc, (long long)(rc -
		    unchanged_lines(report)));
	else if (server_failed(err))
		err->code = TLD_EINVAL; /* shown on the form: not our failure */
	plan_answer(rq, rs, rc, err, form, where, render);
}

void
page_iana_import(struct web_req *rq, struct web_resp *rs)
{
	const char *text = plan_arg(rq, "whois");
	struct tld_error err;
	struct buf report;
	int rc;

	tld_error_clear(&err);
	buf_init(&report);
	if (text[strspn(text, " \t\r\n")] == '\0')
		rc = tld_error_set(&err, TLD_EINVAL, "whois", "is empty: paste the "
		    "whois text of at least one ccTLD");
	else if ((rc = iana_import(rq->ctx, text, strlen(text), &report,
	    &err)) == 0)
		rc = tld_error_set(&err, TLD_EINVAL, "whois", "holds no record "
		    "(each starts with a domain: line)");
	if (rc < 0)
		name_field(&err, "whois");
	answer(rq, rs, rc, &err, "import", &report);
	buf_fini(&report);
}

void
page_iana_fetch(struct web_req *rq, struct web_resp *rs)
{
	char *copy = NULL, *words[FETCH_MAX];
	struct tld_error err;
	struct buf report;
	int rc;

	tld_error_clear(&err);
	buf_init(&report);
	rc = plan_words(plan_arg(rq, "codes"), "codes", "ccTLD", &copy, words,
	    FETCH_MAX, &err);
	if (rc > 0)
		rc = iana_fetch(rq->ctx, (const char *const *)words, (size_t)rc,
		    &report, &err);
	if (rc < 0 && !server_failed(&err))
		name_field(&err, "codes");
	answer(rq, rs, rc, &err, "fetch", &report);
	free(copy);
	buf_fini(&report);
}

/* ---- the API ------------------------------------------------------------- */

/* {"whois": TEXT} or {"fetch": ["nl", ...]}: {records, changed, report}. */
void
api_iana(struct web_req *rq, struct web_resp *rs)
{
	const char *codes[FETCH_MAX], *text = NULL;
	json_t *o = resp_body_object(rq, false), *f, *v;
	struct tld_error err;
	struct buf report;
	size_t n = 0, i;
	int rc;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	buf_init(&report);
	f = json_object_get(o, "fetch");
	rc = json_string_member(o, "whois", false, &text, &err);
	if (rc == 0 && (text == NULL) == (f == NULL))
		rc = tld_error_set(&err, TLD_EINVAL, text == NULL ? "whois" : "fetch",
		    "give either whois (the text) or fetch (a list of ccTLDs)");
	if (rc == 0 && f != NULL) {
		if (!json_is_array(f) || json_array_size(f) == 0 ||
		    json_array_size(f) > FETCH_MAX)
			rc = tld_error_set(&err, TLD_EINVAL, "fetch", "a list of 1 to "
			    "%d ccTLDs", FETCH_MAX);
		json_array_foreach(f, i, v) {
			if (rc < 0)
				break;
			if (!json_is_string(v))
				rc = tld_error_set(&err, TLD_EINVAL, "fetch", "item %zu is "
				    "not a string", i + 1);
			else
				codes[n++] = json_string_value(v);
		}
		if (rc == 0)
			rc = iana_fetch(rq->ctx, codes, n, &report, &err);
		if (rc < 0 && server_failed(&err)) {
			resp_error(rs, 502, "server", "%s", err.message);
			goto out;
		}
		if (rc < 0 && strcmp(err.field, "fetch") != 0)
			name_field(&err, "fetch");
	} else if (rc == 0) {
		if (text[strspn(text, " \t\r\n")] == '\0')
			rc = tld_error_set(&err, TLD_EINVAL, "whois", "is empty");
		else if ((rc = iana_import(rq->ctx, text, strlen(text), &report,
		    &err)) == 0)
			rc = tld_error_set(&err, TLD_EINVAL, "whois", "holds no record");
		if (rc < 0)
			name_field(&err, "whois");
	}
	if (rc < 0) {
		resp_tld_error(rs, &err);
		goto out;
	}
	resp_json(rs, 200, json_pack("{s:i, s:I, s:o}", "records", rc, "changed",
	    (json_int_t)(rc - unchanged_lines(&report)), "report",
	    report_lines(&report)));
out:
	json_decref(o);
	buf_fini(&report);
}
