/* SPDX-License-Identifier: MIT */
/*
 * The committee's documents on the web (/committee/docs, docs/web.md) and
 * in the API (POST /api/v1/docs, DELETE /api/v1/docs/{slug}): every
 * version with its visibility, removed ones with their reason; a new
 * version or a new language of a playbook uploaded as multipart/form-data
 * (read by libmicrohttpd's post processor, at most [docs] max_size_mib:
 * server.c); removing a document, or one language of it, with a reason.
 * The forms call documents_add() and documents_remove(), the services of
 * `tldops doc add|remove`: the same checks (size, content, name) and audit
 * rows.  A refused form shows again naming the field, nothing stored; one
 * that worked redirects (303) to a page that says so (?done=).
 */
#include <stdio.h>
#include <string.h>

#include "service/collateral/documents.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/plan.h"
#include "web/resp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const visibilities[] = { "public", "members", "committee" };
static const char *const visibility_labels[] = {
	"Public: anyone", "Members: signed in", "Committee only",
};
static const struct page_done done_texts[] = {
	{ "added", "The version was added." },
	{ "removed", "The document was removed." },
};

static const struct plan_field upload_fields[] = {
	{ "file", "File (PDF, DOCX, ODT, Markdown or text)", PLAN_FILE, true, 0,
	  NULL, NULL, NULL, NULL, 0 },
	{ "slug", "Slug (a-z, 0-9, -: the document's name in links)", PLAN_TEXT,
	  true, 64, NULL, "ddos-mitigation", NULL, NULL, 0 },
	{ "title", "Title", PLAN_TEXT, true, 200, NULL, NULL, NULL, NULL, 0 },
	{ "lang", "Language (two letters)", PLAN_TEXT, true, 2, "en", "en", NULL,
	  NULL, 0 },
	{ "visibility", "Who may read it", PLAN_SELECT, true, 0, "members", NULL,
	  visibilities, visibility_labels, N(visibilities) },
	{ "version", "Version (empty: the next number)", PLAN_TEXT, false, 32,
	  NULL, "2.1", NULL, NULL, 0 },
};

/* The id of a row's remove form, "remove-ddos-en". */
static void
remove_form_id(char *out, size_t len, const char *slug, const char *lang)
{
	/* A slug is at most DOC_SLUG_MAX bytes, a language two: the id fits. */
	snprintf(out, len, "remove-%.*s-%.*s", DOC_SLUG_MAX, slug, DOC_LANG_LEN,
	    lang);
}

static void
version_row(struct buf *b, const json_t *v, bool current)
{
	char day[11];

	html_printf(b, "<tr><td data-label=\"Version\">%s%s</td><td data-label="
	    "\"Visibility\">%s</td><td data-label=\"Format\">%s</td><td data-label="
	    "\"Size\">%lld bytes</td><td data-label=\"Added\">%s by %s</td>"
	    "<td data-label=\"File\">%s</td><td data-label=\"State\">",
	    json_str(v, "version"), current ? " (current)" : "",
	    json_str(v, "visibility"), json_str(v, "format"), json_num(v, "size"),
	    plan_day(v, "created", day), json_str(v, "created_by"),
	    json_str(v, "filename"));
	if (json_is_string(json_object_get(v, "removed")))
		html_printf(b, "removed %s: %s", plan_day(v, "removed", day),
		    json_str(v, "removed_reason"));
	else
		buf_puts(b, "live");
	buf_puts(b, "</td></tr>\n");
}

static void
docs_page(struct web_req *rq, const struct plan_state *st)
{
	static const char *const cols[] = { "Version", "Visibility", "Format",
	    "Size", "Added", "File", "State", NULL };
	static const struct plan_field remove_fields[] = {
		{ "reason", "Reason (kept in the history)", PLAN_TEXT, true, 500,
		  NULL, "replaced by the 2027 edition", NULL, NULL, 0 },
	};
	const struct plan_form up = { "upload", "Upload a version or a language",
	    "/committee/docs", "Upload", upload_fields, N(upload_fields), false };
	struct tld_error err;
	json_t *a, *d, *v;
	struct buf b;
	size_t i, k;
	int status = plan_status(st);

	buf_init(&b);
	page_begin(rq, &b, "Documents");
	buf_puts(&b, "<h1>Documents</h1>\n");
	plan_nav(&b);
	page_done_notice(rq, &b, done_texts, N(done_texts));
	buf_puts(&b, "<p>Playbooks and other documents, each in its languages "
	    "with every version; readers see the newest version their role may "
	    "(<a href=\"/docs\">the list they see</a>). A removed version keeps "
	    "its bytes and its history.</p>\n<section aria-labelledby=\"upload\">\n");
	plan_form_render(rq, &b, &up, st);
	html_printf(&b, "<p class=\"meta\">At most %lld MiB. A new version of a "
	    "slug and language becomes the current one; a new language adds a "
	    "translation.</p>\n</section>\n", (long long)rq->ctx->cfg.doc_max_size_mib);
	tld_error_clear(&err);
	if (documents_list(rq->ctx, DOC_ROLE_COMMITTEE, true, &a, &err) < 0) {
		plan_section_error(&b, &err);
		page_end(rq, &b, 500);
		return;
	}
	if (json_array_size(a) == 0)
		buf_puts(&b, "<p>No documents yet.</p>\n");
	json_array_foreach(a, i, d) {
		const char *slug = json_str(d, "slug"), *lang = json_str(d, "lang");
		bool live = !json_is_string(json_object_get(d, "removed"));
		char id[DOC_SLUG_MAX + DOC_LANG_LEN + 16], action[DOC_SLUG_MAX + 40];
		struct plan_field rf[2];

		remove_form_id(id, sizeof(id), slug, lang);
		html_printf(&b, "<section aria-labelledby=\"doc-%s-%s\">\n<h2 id=\""
		    "doc-%s-%s\">%s <span class=\"meta\">(%s, %s)</span></h2>\n", slug,
		    lang, slug, lang, json_str(d, "title"), slug, lang);
		if (live)
			html_printf(&b, "<p><a href=\"%s\">Download the current "
			    "version</a></p>\n", json_str(d, "url"));
		if (html_table_start(&b, json_array_size(json_object_get(d,
		    "versions")), "No versions.", "fold", cols)) {
			json_array_foreach(json_object_get(d, "versions"), k, v)
				version_row(&b, v, live && k == 0);
			html_table_end(&b);
		}
		if (live) {
			const struct plan_form f = { id, NULL, action, "Remove this "
			    "language", rf, N(rf), false };

			rf[0] = remove_fields[0];
			rf[1] = (struct plan_field){ .name = "lang", .kind = PLAN_HIDDEN,
			    .value = lang };
			snprintf(action, sizeof(action), "/committee/docs/%s/remove", slug);
			plan_form_render(rq, &b, &f, st);
		} else {
			plan_alert(&b, id, st);
		}
		buf_puts(&b, "</section>\n");
	}
	json_decref(a);
	page_end(rq, &b, status);
}

void
page_committee_docs(struct web_req *rq, struct web_resp *rs)
{
	(void)rs;
	docs_page(rq, NULL);
}

/* The upload's fields as documents_add() takes them; "file" when none. */
static int
upload_input(struct web_req *rq, const struct form *f, struct document_input *in,
    struct tld_error *err)
{
	const char *version = form_get(f, "version");

	memset(in, 0, sizeof(*in));
	in->filename = rq->upload.filename;
	in->title = form_get(f, "title");
	in->slug = form_get(f, "slug");
	in->lang = form_get(f, "lang");
	in->visibility = form_get(f, "visibility");
	in->version = version != NULL && version[0] != '\0' ? version : NULL;
	if (!rq->upload.has_file || rq->upload.file.len == 0)
		return tld_error_set(err, TLD_EINVAL, "file", "choose a file to "
		    "upload (it is empty or missing)");
	return 0;
}

void
page_committee_docs_add(struct web_req *rq, struct web_resp *rs)
{
	struct document_input in;
	struct document d;
	struct tld_error err;
	int rc;

	tld_error_clear(&err);
	rc = upload_input(rq, &rq->form, &in, &err);
	if (rc == 0)
		rc = documents_add(rq->ctx, &in, rq->upload.file.data,
		    rq->upload.file.len, &d, &err);
	plan_answer(rq, rs, rc, &err, "upload", "/committee/docs?done=added",
	    docs_page);
}

void
page_committee_docs_remove(struct web_req *rq, struct web_resp *rs)
{
	const char *lang = plan_opt(rq, "lang");
	struct tld_error err;
	char id[DOC_SLUG_MAX + DOC_LANG_LEN + 16];
	int rc;

	tld_error_clear(&err);
	rc = documents_remove(rq->ctx, rq->params[0], lang, plan_arg(rq, "reason"),
	    &err);
	if (rc < 0 && (strcmp(err.field, "slug") == 0 ||
	    strcmp(err.field, "lang") == 0)) {
		page_message(rq, 404, "Not found", "There is no such document (or "
		    "it was removed already).");
		return;
	}
	remove_form_id(id, sizeof(id), rq->params[0], lang != NULL ? lang : "");
	plan_answer(rq, rs, rc, &err, id, "/committee/docs?done=removed",
	    docs_page);
}

/* ---- the API ------------------------------------------------------------- */

void
api_doc_add(struct web_req *rq, struct web_resp *rs)
{
	struct document_input in;
	struct document d;
	struct tld_error err;
	struct buf url;

	tld_error_clear(&err);
	if (upload_input(rq, &rq->form, &in, &err) < 0 ||
	    documents_add(rq->ctx, &in, rq->upload.file.data, rq->upload.file.len,
	    &d, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	buf_init(&url);
	buf_puts(&url, "/docs/");
	url_encode(&url, d.slug);
	buf_puts(&url, "?lang=");
	url_encode(&url, d.lang);
	buf_puts(&url, "&version=");
	url_encode(&url, d.version);
	snprintf(rs->location, sizeof(rs->location), "%s", buf_str(&url));
	buf_fini(&url);
	resp_json(rs, 201, documents_version_json(&d));
}

void
api_doc_remove(struct web_req *rq, struct web_resp *rs)
{
	const char *reason = NULL, *lang = NULL;
	json_t *o = resp_body_object(rq, false);
	struct tld_error err;
	int n;

	if (o == NULL)
		return;
	tld_error_clear(&err);
	if (json_string_member(o, "reason", true, &reason, &err) < 0 ||
	    json_string_member(o, "lang", false, &lang, &err) < 0 ||
	    (n = documents_remove(rq->ctx, rq->params[0], lang, reason, &err)) < 0) {
		json_decref(o);
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, json_pack("{s:s, s:o, s:i}", "slug", rq->params[0],
	    "lang", lang != NULL ? json_string(lang) : json_null(), "removed", n));
	json_decref(o);
}
