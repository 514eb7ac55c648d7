/* SPDX-License-Identifier: MIT */
/*
 * Playbooks and other documents.  Their routes are open to every role:
 * who may read which document is the document's own visibility, which
 * the documents service checks for the caller's role (the one place where
 * access depends on data rather than on the route table).
 */
#include <stdio.h>
#include <string.h>

#include "service/books/usage.h"
#include "service/collateral/documents.h"
#include "util/json_util.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"

static enum doc_role
doc_role_of(const struct principal *p)
{
	switch (p->role) {
	case ROLE_PUBLIC: return DOC_ROLE_PUBLIC;
	case ROLE_MEMBER: return DOC_ROLE_MEMBER;
	default: return DOC_ROLE_COMMITTEE;
	}
}

void
api_docs(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *a;

	tld_error_clear(&err);
	if (documents_list(rq->ctx, doc_role_of(&rq->who), false, &a, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, a);
}

void
page_docs_list(struct web_req *rq, struct buf *b, bool heading)
{
	struct tld_error err;
	json_t *a, *d;
	size_t i;

	tld_error_clear(&err);
	if (documents_list(rq->ctx, doc_role_of(&rq->who), false, &a, &err) < 0) {
		html_printf(b, "<p class=\"error\">The documents cannot be listed: "
		    "%s</p>\n", err.message);
		return;
	}
	if (heading)
		buf_puts(b, "<h2 id=\"playbooks\">Playbooks</h2>\n");
	if (json_array_size(a) == 0)
		buf_puts(b, "<p>No documents yet.</p>\n");
	else
		buf_puts(b, "<ul class=\"docs\">\n");
	json_array_foreach(a, i, d) {
		html_printf(b, "<li><a href=\"%s\">%s</a> <span class=\"meta\">"
		    "(%s, %s, version %s", json_str(d, "url"), json_str(d, "title"),
		    json_str(d, "lang"), json_str(d, "format"), json_str(d, "version"));
		if (strcmp(json_str(d, "visibility"), "public") != 0)
			html_printf(b, ", for %s", json_str(d, "visibility"));
		buf_puts(b, ")</span></li>\n");
	}
	if (json_array_size(a) > 0)
		buf_puts(b, "</ul>\n");
	json_decref(a);
}

void
page_docs(struct web_req *rq, struct web_resp *rs)
{
	struct buf b;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Playbooks");
	buf_puts(&b, "<h1>Playbooks</h1>\n<p>The community's documents that you "
	    "may read. Members see more when signed in.</p>\n");
	page_docs_list(rq, &b, false);
	page_end(rq, &b, 200);
}

void
web_doc(struct web_req *rq, struct web_resp *rs)
{
	const char *lang = form_get(&rq->query_args, "lang");
	const char *version = form_get(&rq->query_args, "version");
	struct document_file f;
	struct tld_error err;
	char subject[160];

	tld_error_clear(&err);
	if (documents_get(rq->ctx, rq->params[0], lang, version,
	    doc_role_of(&rq->who), &f, &err) < 0) {
		if (err.code == TLD_EINVAL) {
			page_message(rq, 400, "Bad request", err.message);
			return;
		}
		/*
		 * One answer for a missing document, a missing version and one
		 * the reader may not see: nobody learns what exists beyond
		 * their role (a members' document, a committee draft's version).
		 */
		if (err.code == TLD_ENOTFOUND || err.code == TLD_EDENIED) {
			page_message(rq, 404, "No such document",
			    rq->who.role == ROLE_PUBLIC ?
			    "There is no document here that you may read. "
			    "Members: sign in first." :
			    "There is no document here that you may read.");
			return;
		}
		page_tld_error(rq, &err);
		return;
	}
	snprintf(subject, sizeof(subject), "doc:%s:%s", f.doc.slug, f.doc.lang);
	(void)usage_download(rq->ctx, USAGE_WEB, subject);
	rs->status = 200;
	rs->content_type = f.content_type;
	rs->sandbox = true;
	snprintf(rs->disposition, sizeof(rs->disposition),
	    "attachment; filename=\"%s\"", f.download_name);
	buf_append(&rs->body, f.data, f.len);
	documents_file_fini(&f);
}
