/* SPDX-License-Identifier: MIT */
/*
 * The secretariat's import (docs/web.md): a CSV pasted into the form is
 * first checked in a dry run — every bad line with its number and the
 * reason, and how many contacts would be added, changed and left — and
 * only then applied, with the same service call as `tldops import
 * contacts [--update]` (all or nothing).  The API's POST /api/v1/imports
 * takes the same text.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "service/directory/import.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"

static void
import_form(struct web_req *rq, struct buf *b, const char *csv, bool update,
    const char *action, const char *button, bool hidden)
{
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"stack\">\n",
	    action);
	page_csrf_field(rq, b);
	if (hidden) {
		html_printf(b, "<input type=\"hidden\" name=\"csv\" value=\"%s\">\n",
		    csv);
		if (update)
			buf_puts(b, "<input type=\"hidden\" name=\"update\" value=\"1\">\n");
	} else {
		html_printf(b, "<label for=\"csv\">The CSV (paste the file's text; "
		    "columns cctld, name, email, phone, organisation, role, "
		    "languages, pgp_fingerprint)</label>\n<textarea id=\"csv\" "
		    "name=\"csv\" rows=\"12\" required>%s</textarea>\n", csv);
		html_printf(b, "<label class=\"inline\"><input type=\"checkbox\" "
		    "name=\"update\" value=\"1\"%s> Update mode: a line whose address "
		    "is a contact's changes that contact</label>\n", update ?
		    " checked" : "");
	}
	html_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", button);
}

void
page_import(struct web_req *rq, struct web_resp *rs)
{
	const char *done = form_get(&rq->query_args, "done");
	struct buf b;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Import contacts");
	buf_puts(&b, "<h1>Import contacts</h1>\n");
	if (done != NULL && strcmp(done, "applied") == 0)
		html_printf(&b, "<p class=\"notice\" role=\"status\">The import was "
		    "applied: %s added, %s changed, %s left as they were.</p>\n",
		    form_get(&rq->query_args, "added") ? form_get(&rq->query_args,
		    "added") : "0", form_get(&rq->query_args, "changed") ?
		    form_get(&rq->query_args, "changed") : "0",
		    form_get(&rq->query_args, "unchanged") ?
		    form_get(&rq->query_args, "unchanged") : "0");
	buf_puts(&b, "<p>First a dry run checks every line and says what would "
	    "change; nothing is stored until you apply it, and then all of it or "
	    "nothing. The rules are those of adding a contact.</p>\n");
	import_form(rq, &b, "", false, "/import/check", "Check (dry run)", false);
	buf_puts(&b, "<p><a href=\"/contacts\">Back to the contacts</a></p>\n");
	page_end(rq, &b, 200);
}

static void
problems_table(struct buf *b, const struct import_report *rep)
{
	static const char *const cols[] = { "Line", "Field", "Reason", NULL };

	html_printf(b, "<p class=\"error\" role=\"alert\" id=\"import-error\">"
	    "%zu bad line%s: nothing can be imported until %s corrected.</p>\n",
	    rep->nproblems, rep->nproblems == 1 ? "" : "s",
	    rep->nproblems == 1 ? "it is" : "they are");
	if (html_table_start(b, rep->nkept, "", "fold", cols)) {
		for (size_t i = 0; i < rep->nkept; i++)
			html_printf(b, "<tr><td data-label=\"Line\">%zu</td>"
			    "<td data-label=\"Field\">%s</td><td data-label=\"Reason\">"
			    "%s</td></tr>\n", rep->problems[i].line,
			    rep->problems[i].field, rep->problems[i].message);
		html_table_end(b);
	}
	if (rep->nproblems > rep->nkept)
		html_printf(b, "<p>… and %zu more.</p>\n", rep->nproblems - rep->nkept);
}

/* Lines that are good but that the approver would flag: stored all the same. */
static void
warnings_table(struct buf *b, const struct import_report *rep)
{
	static const char *const cols[] = { "Line", "Field", "Warning", NULL };

	if (rep->nwarnings == 0)
		return;
	html_printf(b, "<p class=\"notice\" role=\"status\" id=\"import-warnings\">"
	    "%zu line%s to look at (stored all the same):</p>\n", rep->nwarnings,
	    rep->nwarnings == 1 ? "" : "s");
	if (html_table_start(b, rep->nwarnkept, "", "fold", cols)) {
		for (size_t i = 0; i < rep->nwarnkept; i++)
			html_printf(b, "<tr><td data-label=\"Line\">%zu</td>"
			    "<td data-label=\"Field\">%s</td><td data-label=\"Warning\">"
			    "%s</td></tr>\n", rep->warnings[i].line,
			    rep->warnings[i].field, rep->warnings[i].message);
		html_table_end(b);
	}
	if (rep->nwarnings > rep->nwarnkept)
		html_printf(b, "<p>… and %zu more.</p>\n", rep->nwarnings - rep->nwarnkept);
}

static int
run_import(struct web_req *rq, bool dry, struct import_report *rep,
    struct tld_error *err)
{
	const char *csv = form_get(&rq->form, "csv");
	const char *up = form_get(&rq->form, "update");
	struct import_options opt = { .dry_run = dry,
	    .update = up != NULL && strcmp(up, "1") == 0 };

	memset(rep, 0, sizeof(*rep));
	if (csv == NULL || csv[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "csv", "paste the CSV text");
	return import_contacts(rq->ctx, csv, strlen(csv), &opt, rep, err);
}

void
page_import_check(struct web_req *rq, struct web_resp *rs)
{
	const char *csv = form_get(&rq->form, "csv");
	const char *up = form_get(&rq->form, "update");
	bool update = up != NULL && strcmp(up, "1") == 0;
	struct import_report rep;
	struct tld_error err;
	struct buf b;
	int rc;

	(void)rs;
	tld_error_clear(&err);
	rc = run_import(rq, true, &rep, &err);
	if (rc < 0 && rc != TLD_EINVAL) {
		import_report_fini(&rep);
		page_tld_error(rq, &err);
		return;
	}
	buf_init(&b);
	page_begin(rq, &b, "Import: dry run");
	buf_puts(&b, "<h1>Import: dry run</h1>\n");
	if (rc == TLD_EINVAL && rep.nproblems == 0) {
		html_printf(&b, "<p class=\"error\" role=\"alert\" id=\"import-error\">"
		    "%s: %s</p>\n", err.field, err.message);
	} else if (rc == TLD_EINVAL) {
		problems_table(&b, &rep);
	} else {
		html_printf(&b, "<p class=\"notice\" role=\"status\" id=\"import-plan\">"
		    "Every line is good. Applying it would add %zu contact%s, change "
		    "%zu and leave %zu as they are. Nothing has been stored yet.</p>\n",
		    rep.added, rep.added == 1 ? "" : "s", rep.changed, rep.unchanged);
		warnings_table(&b, &rep);
		import_form(rq, &b, csv, update, "/import/apply", "Apply the import",
		    true);
	}
	buf_puts(&b, "<h2>Correct and check again</h2>\n");
	import_form(rq, &b, csv != NULL ? csv : "", update, "/import/check",
	    "Check (dry run)", false);
	import_report_fini(&rep);
	page_end(rq, &b, rc < 0 ? 422 : 200);
}

void
page_import_apply(struct web_req *rq, struct web_resp *rs)
{
	struct import_report rep;
	struct tld_error err;
	char where[160];
	int rc;

	tld_error_clear(&err);
	rc = run_import(rq, false, &rep, &err);
	if (rc == TLD_EINVAL) {
		/* Something changed since the dry run: show it again. */
		import_report_fini(&rep);
		page_import_check(rq, rs);
		return;
	}
	if (rc < 0) {
		import_report_fini(&rep);
		page_tld_error(rq, &err);
		return;
	}
	snprintf(where, sizeof(where), "/import?done=applied&added=%zu&changed=%zu"
	    "&unchanged=%zu", rep.added, rep.changed, rep.unchanged);
	import_report_fini(&rep);
	resp_redirect(rs, where);
}

/* POST /api/v1/imports {"csv", "update", "dry_run"}. */
void
api_import(struct web_req *rq, struct web_resp *rs)
{
	struct import_options opt = { .dry_run = false };
	struct import_report rep;
	struct tld_error err;
	const char *csv = NULL;
	json_t *o, *v, *probs;
	int rc;

	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(rs, 400, err.field, "%s", err.message);
		return;
	}
	if (json_string_member(o, "csv", true, &csv, &err) < 0)
		goto fail;
	for (int i = 0; i < 2; i++) {
		const char *k = i == 0 ? "update" : "dry_run";

		v = json_object_get(o, k);
		if (v != NULL && !json_is_boolean(v)) {
			tld_error_set(&err, TLD_EINVAL, k, "must be true or false");
			goto fail;
		}
		if (i == 0)
			opt.update = json_is_true(v);
		else
			opt.dry_run = json_is_true(v);
	}
	rc = import_contacts(rq->ctx, csv, strlen(csv), &opt, &rep, &err);
	json_decref(o);
	if (rc == TLD_EINVAL && rep.nproblems > 0) {
		probs = json_array();
		for (size_t i = 0; i < rep.nkept; i++)
			json_array_append_new(probs, json_pack("{s:I, s:s, s:s}", "line",
			    (json_int_t)rep.problems[i].line, "field",
			    rep.problems[i].field, "message", rep.problems[i].message));
		resp_json(rs, 422, json_pack("{s:{s:s, s:s, s:s}, s:I, s:o}", "error",
		    "code", "invalid", "message", "bad lines: nothing was imported",
		    "field", "csv", "bad_lines", (json_int_t)rep.nproblems,
		    "problems", probs));
	} else if (rc < 0) {
		resp_tld_error(rs, &err);
	} else {
		json_t *warn = json_array();

		for (size_t i = 0; i < rep.nwarnkept; i++)
			json_array_append_new(warn, json_pack("{s:I, s:s, s:s}", "line",
			    (json_int_t)rep.warnings[i].line, "field",
			    rep.warnings[i].field, "message", rep.warnings[i].message));
		resp_json(rs, opt.dry_run ? 200 : 201, json_pack("{s:b, s:I, s:I, s:I, s:I, s:o}",
		    "stored", !opt.dry_run, "added", (json_int_t)rep.added,
		    "changed", (json_int_t)rep.changed,
		    "unchanged", (json_int_t)rep.unchanged,
		    "warned", (json_int_t)rep.nwarnings, "warnings", warn));
	}
	import_report_fini(&rep);
	return;
fail:
	json_decref(o);
	resp_tld_error(rs, &err);
}
