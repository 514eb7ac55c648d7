/* SPDX-License-Identifier: MIT */
/*
 * The secretariat's exports (docs/web.md): the files of `tldops export
 * --format F` as downloads, rendered by the same service functions
 * (export_render_buf(), and stats_render_csv_buf() for the spreadsheet),
 * each an attachment that is never cached.  The signed offline copy is
 * the member's page /offline (pinned copy and its signature).  The API's
 * GET /api/v1/exports/{format} answers the same bytes.
 */
#include <string.h>

#include "service/books/stats.h"
#include "service/directory/export.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"

static const struct {
	const char *format, *what;
} downloads[] = {
	{ "csv", "CSV: the import format (re-importable here, with update mode)" },
	{ "json", "JSON: an array of contact objects" },
	{ "vcard", "vCard 4.0: for an address book" },
	{ "mailman", "Mailman roster: one “Full Name <address>” a line" },
	{ "website", "Member ccTLDs: one “.code” a line, for the web site" },
	{ "spreadsheet", "Spreadsheet (CSV): one row per ccTLD with region, "
	    "membership, since, contacts" },
};

void
page_exports(struct web_req *rq, struct web_resp *rs)
{
	struct buf b;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Exports");
	buf_puts(&b, "<h1>Exports</h1>\n<p>Every active contact (or the member "
	    "ccTLDs) as a file, made when you click; the same files as "
	    "<code>tldops export --format …</code>.</p>\n<ul class=\"downloads\">\n");
	for (size_t i = 0; i < sizeof(downloads) / sizeof(downloads[0]); i++) {
		enum export_format fmt;
		struct tld_error err;

		if (export_format_parse(downloads[i].format, &fmt, &err) < 0)
			continue;
		html_printf(&b, "<li><a download href=\"/exports/%s\" id=\"export-%s\">"
		    "%s</a> — %s</li>\n", downloads[i].format, downloads[i].format,
		    export_filename(fmt), downloads[i].what);
	}
	buf_puts(&b, "</ul>\n<h2>The signed offline copy</h2>\n<p>The whole "
	    "repository as JSON with its OpenPGP signature, to keep for when this "
	    "site is down: <a href=\"/offline\" id=\"export-offline\">the offline "
	    "copy</a>.</p>\n<p><a href=\"/contacts\">Back to the contacts</a></p>\n");
	page_end(rq, &b, 200);
}

/* Render fmt into rs as an attachment; 0, or the error's code with err set. */
static int
render_download(struct web_req *rq, struct web_resp *rs, const char *name,
    struct tld_error *err)
{
	enum export_format fmt;
	struct buf body;
	int rc;

	if (export_format_parse(name, &fmt, err) < 0)
		return err->code;
	buf_init(&body);
	rc = fmt == EXPORT_SPREADSHEET ?
	    stats_render_csv_buf(rq->ctx, 0, clock_now() + 1, &body, err) :
	    export_render_buf(rq->ctx, fmt, &body, err);
	if (rc < 0) {
		buf_fini(&body);
		return rc;
	}
	rs->status = 200;
	rs->content_type = export_media_type(fmt);
	rs->cache_control = "no-store";
	rs->sandbox = true;
	snprintf(rs->disposition, sizeof(rs->disposition),
	    "attachment; filename=\"%s\"", export_filename(fmt));
	buf_reset(&rs->body);
	buf_append(&rs->body, body.data != NULL ? body.data : "", body.len);
	buf_fini(&body);
	return 0;
}

/* GET /exports/{format}: a download, or an HTML page naming the problem. */
void
page_export_download(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (render_download(rq, rs, rq->params[0], &err) < 0)
		page_tld_error(rq, &err);
}

/* GET /api/v1/exports/{format}: the same bytes; 422 naming "format". */
void
api_export(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;

	tld_error_clear(&err);
	if (render_download(rq, rs, rq->params[0], &err) < 0)
		resp_tld_error(rs, &err);
}
