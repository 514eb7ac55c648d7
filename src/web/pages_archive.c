/* SPDX-License-Identifier: MIT */
/*
 * The list's archive for members (service/list/archive.h): /archive
 * (one month's threads, the months, search), /archive/{id} (one post and
 * its thread), its attachments as downloads, and the same in the API.
 * Everything a post carries is escaped text here: a subject, a name, an
 * HTML part (shown as its source, never rendered) or an attachment's name
 * can hold markup, and none of it ever becomes markup of the page.
 * Attachments go out as attachments of a type no browser runs
 * (archive_attachment()), sandboxed by CSP.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "service/list/archive.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"

#define PAGE_POSTS 50

static void
search_form(struct buf *b, const char *q)
{
	html_printf(b, "<form method=\"get\" action=\"/archive\" role=\"search\" "
	    "class=\"search\">\n<label for=\"aq\">Search the archive</label>\n"
	    "<input id=\"aq\" name=\"q\" type=\"search\" value=\"%s\" "
	    "maxlength=\"%d\">\n<button type=\"submit\">Search</button>\n</form>\n",
	    q, ARCHIVE_QUERY_MAX);
}

static void
post_row(struct buf *b, const struct archive_entry *e, int depth)
{
	char date[32], day[11];

	clock_format_iso(e->posted, date, sizeof(date));
	memcpy(day, date, 10);
	day[10] = '\0';
	html_printf(b, "<li class=\"post depth-%d\"><a href=\"/archive/%lld\">%s</a>"
	    " <span class=\"from\">%s</span> <time datetime=\"%s\">%s</time>",
	    depth, (long long)e->id, e->subject[0] != '\0' ? e->subject :
	    "(no subject)", e->from_name[0] != '\0' ? e->from_name : e->from_addr,
	    date, day);
	if (e->attachments > 0)
		html_printf(b, " <span class=\"attachments\">(%lld attachment%s)</span>",
		    (long long)e->attachments, e->attachments == 1 ? "" : "s");
	buf_puts(b, "</li>\n");
}

struct month_page {
	struct buf *b;
	int64_t thread; /* the thread whose <ul> is open; 0: none */
	size_t n;
};

static int
month_post(void *arg, const struct archive_entry *e, int depth)
{
	struct month_page *mp = arg;

	if (e->thread_id != mp->thread) {
		if (mp->thread != 0)
			buf_puts(mp->b, "</ul></li>\n");
		html_printf(mp->b, "<li class=\"thread\" id=\"t%lld\"><ul>\n",
		    (long long)e->thread_id);
		mp->thread = e->thread_id;
	}
	post_row(mp->b, e, depth);
	mp->n++;
	return 0;
}

struct months {
	struct buf *b;
	const char *current;
	char first[8];
	size_t n;
};

static int
month_link(void *arg, const char *month, int64_t posts)
{
	struct months *m = arg;

	if (m->n++ == 0)
		snprintf(m->first, sizeof(m->first), "%s", month);
	if (m->current != NULL && strcmp(month, m->current) == 0)
		html_printf(m->b, "<li aria-current=\"page\"><strong>%s</strong> (%lld)</li>\n",
		    month, (long long)posts);
	else
		html_printf(m->b, "<li><a href=\"/archive?month=%s\">%s</a> (%lld)</li>\n",
		    month, month, (long long)posts);
	return 0;
}

struct results {
	struct buf *b;
	size_t n;
	int64_t last;
};

static int
result_row(void *arg, const struct archive_entry *e)
{
	struct results *r = arg;

	post_row(r->b, e, 0);
	r->n++;
	r->last = e->id;
	return 0;
}

static void
archive_search(struct web_req *rq, struct buf *b, const char *q)
{
	struct archive_query aq;
	struct results r = { b, 0, 0 };
	struct tld_error err;
	int64_t before = 0;
	const char *bs = form_get(&rq->query_args, "before");

	if (bs != NULL && !page_parse_id(bs, &before)) {
		page_message(rq, 400, "Bad request", "before: not an archive id");
		buf_fini(b);
		return;
	}
	memset(&aq, 0, sizeof(aq));
	aq.words = q;
	aq.before_id = before;
	aq.limit = PAGE_POSTS;
	html_printf(b, "<h2 id=\"results\">Posts with “%s”</h2>\n<ul class=\"posts\" "
	    "aria-labelledby=\"results\">\n", q);
	tld_error_clear(&err);
	if (archive_list(rq->ctx, &aq, result_row, &r, &err) < 0) {
		html_printf(b, "</ul>\n<p class=\"error\" role=\"alert\">%s: %s</p>\n",
		    err.field, err.message);
		page_end(rq, b, web_status_for(&err));
		return;
	}
	buf_puts(b, "</ul>\n");
	if (r.n == 0)
		buf_puts(b, "<p>No post has all these words.</p>\n");
	else if (r.n == PAGE_POSTS) {
		buf_puts(b, "<p><a rel=\"next\" href=\"/archive?q=");
		url_encode(b, q);
		html_printf(b, "&amp;before=%lld\">Older posts</a></p>\n",
		    (long long)r.last);
	}
	page_end(rq, b, 200);
}

void
page_archive(struct web_req *rq, struct web_resp *rs)
{
	const char *q = form_get(&rq->query_args, "q");
	const char *month = form_get(&rq->query_args, "month");
	struct months m;
	struct month_page mp;
	struct tld_error err;
	struct buf b, idx;
	int rc;

	(void)rs;
	buf_init(&b);
	page_begin(rq, &b, "Archive");
	buf_puts(&b, "<h1>The list's archive</h1>\n<p class=\"lead\">Every post "
	    "to the list but TLP:RED ones, for members only. Posts keep their TLP: "
	    "respect it.</p>\n");
	search_form(&b, q != NULL ? q : "");
	if (q != NULL && q[0] != '\0') {
		archive_search(rq, &b, q);
		return;
	}
	buf_init(&idx);
	memset(&m, 0, sizeof(m));
	m.b = &idx;
	m.current = month;
	tld_error_clear(&err);
	rc = archive_months(rq->ctx, month_link, &m, &err);
	if (rc >= 0 && rc == 0) {
		buf_puts(&b, "<p>Nothing is archived yet.</p>\n");
		buf_fini(&idx);
		page_end(rq, &b, 200);
		return;
	}
	if (rc >= 0) {
		if (month == NULL || month[0] == '\0') {
			/* The newest month; the index marks it. */
			buf_reset(&idx);
			m.current = m.first;
			m.n = 0;
			rc = archive_months(rq->ctx, month_link, &m, &err);
			month = m.first;
		}
	}
	if (rc >= 0) {
		html_printf(&b, "<h2 id=\"month\">%s</h2>\n<ul class=\"threads\" "
		    "aria-labelledby=\"month\">\n", month);
		memset(&mp, 0, sizeof(mp));
		mp.b = &b;
		rc = archive_month(rq->ctx, month, month_post, &mp, &err);
		if (mp.thread != 0)
			buf_puts(&b, "</ul></li>\n");
		buf_puts(&b, "</ul>\n");
		if (rc >= 0 && mp.n == 0)
			buf_puts(&b, "<p>No posts that month.</p>\n");
	}
	if (rc < 0) {
		html_printf(&b, "<p class=\"error\" role=\"alert\">%s: %s</p>\n",
		    err.field, err.message);
		buf_fini(&idx);
		page_end(rq, &b, web_status_for(&err));
		return;
	}
	buf_puts(&b, "<nav aria-label=\"Months\"><h2>Months</h2>\n<ul class=\"months\">\n");
	buf_append(&b, idx.data != NULL ? idx.data : "", idx.len);
	buf_puts(&b, "</ul>\n</nav>\n");
	buf_fini(&idx);
	page_end(rq, &b, 200);
}

struct thread_page {
	struct buf *b;
	int64_t current;
};

static int
thread_post(void *arg, const struct archive_entry *e, int depth)
{
	struct thread_page *tp = arg;

	if (e->id == tp->current) {
		char date[32], day[11];

		clock_format_iso(e->posted, date, sizeof(date));
		memcpy(day, date, 10);
	day[10] = '\0';
		html_printf(tp->b, "<li class=\"post depth-%d\" aria-current=\"page\">"
		    "<strong>%s</strong> <span class=\"from\">%s</span> "
		    "<time datetime=\"%s\">%s</time></li>\n", depth,
		    e->subject[0] != '\0' ? e->subject : "(no subject)",
		    e->from_name[0] != '\0' ? e->from_name : e->from_addr, date, day);
	} else {
		post_row(tp->b, e, depth);
	}
	return 0;
}

static int
attachment_item(void *arg, const struct archive_attachment *a)
{
	struct buf *b = arg;

	html_printf(b, "<li><a download href=\"/archive/%lld/attachments/%d\">%s</a>"
	    " (%s, %lld bytes)</li>\n", (long long)a->post_id, a->n,
	    a->filename[0] != '\0' ? a->filename : "attachment", a->content_type,
	    (long long)a->size);
	return 0;
}

void
page_archive_post(struct web_req *rq, struct web_resp *rs)
{
	struct archive_post p;
	struct thread_page tp;
	struct tld_error err;
	struct buf b;
	char date[32];
	int64_t id;

	(void)rs;
	if (!page_param_id(rq, "post", &id))
		return;
	tld_error_clear(&err);
	if (archive_get(rq->ctx, id, &p, &err) < 0) {
		page_tld_error(rq, &err);
		return;
	}
	clock_format_iso(p.posted, date, sizeof(date));
	buf_init(&b);
	page_begin(rq, &b, p.subject[0] != '\0' ? p.subject : "Archived post");
	html_printf(&b, "<article class=\"post\">\n<h1>%s</h1>\n<dl class=\"meta\">\n"
	    "<dt>From</dt><dd>%s &lt;%s&gt;</dd>\n<dt>Date</dt><dd><time "
	    "datetime=\"%s\">%s</time></dd>\n<dt>Message-ID</dt><dd><code>&lt;%s&gt;"
	    "</code></dd>\n</dl>\n", p.subject[0] != '\0' ? p.subject :
	    "(no subject)", p.from_name, p.from_addr, date, date, p.message_id);
	if (p.body_is_html)
		buf_puts(&b, "<p class=\"note\">This post came as HTML only; its source "
		    "is shown as text.</p>\n");
	html_printf(&b, "<pre class=\"body\">%s</pre>\n", p.body);
	buf_puts(&b, "<h2>Attachments</h2>\n<ul class=\"attachments\">\n");
	if (archive_attachments(rq->ctx, id, attachment_item, &b, &err) == 0)
		buf_puts(&b, "<li>none</li>\n");
	buf_puts(&b, "</ul>\n</article>\n<nav aria-label=\"Thread\"><h2>Thread</h2>\n"
	    "<ul class=\"thread\">\n");
	tp.b = &b;
	tp.current = id;
	(void)archive_thread(rq->ctx, p.thread_id, thread_post, &tp, &err);
	buf_puts(&b, "</ul>\n<p><a href=\"/archive\">The archive</a></p>\n</nav>\n");
	archive_post_fini(&p);
	page_end(rq, &b, 200);
}

static bool
parse_n(const char *s, int *out)
{
	char *end;
	long v;

	if (s[0] < '1' || s[0] > '9')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > 10000)
		return false;
	*out = (int)v;
	return true;
}

void
page_archive_attachment(struct web_req *rq, struct web_resp *rs)
{
	char name[128], type[128];
	struct tld_error err;
	int64_t id;
	int n;

	if (!page_param_id(rq, "post", &id))
		return;
	if (!parse_n(rq->params[1], &n)) {
		page_message(rq, 404, "Not found", "There is no such attachment.");
		return;
	}
	tld_error_clear(&err);
	buf_reset(&rs->body);
	if (archive_attachment(rq->ctx, id, n, name, type, &rs->body, &err) < 0) {
		buf_reset(&rs->body);
		page_tld_error(rq, &err);
		return;
	}
	rs->status = 200;
	/* Static strings only: the type is one of archive_attachment()'s. */
	rs->content_type = strncmp(type, "text/plain", 10) == 0 ?
	    "text/plain; charset=utf-8" : strcmp(type, "application/pdf") == 0 ?
	    "application/pdf" : strcmp(type, "image/png") == 0 ? "image/png" :
	    strcmp(type, "image/jpeg") == 0 ? "image/jpeg" :
	    strcmp(type, "image/gif") == 0 ? "image/gif" :
	    "application/octet-stream";
	rs->cache_control = "no-store";
	rs->sandbox = true;
	snprintf(rs->disposition, sizeof(rs->disposition),
	    "attachment; filename=\"%s\"", name);
}

/* ---- API ------------------------------------------------------------------ */

static int
append_entry(void *arg, const struct archive_entry *e)
{
	json_array_append_new((json_t *)arg, archive_entry_json(e));
	return 0;
}

/* GET /api/v1/archive?q=&before=&month=&limit= : newest first. */
void
api_archive(struct web_req *rq, struct web_resp *rs)
{
	const char *q = form_get(&rq->query_args, "q");
	const char *before = form_get(&rq->query_args, "before");
	const char *month = form_get(&rq->query_args, "month");
	const char *limit = form_get(&rq->query_args, "limit");
	struct archive_query aq;
	struct tld_error err;
	json_t *a, *o;
	int64_t n;

	memset(&aq, 0, sizeof(aq));
	aq.words = q;
	aq.month = month;
	aq.limit = PAGE_POSTS;
	if (before != NULL && !page_parse_id(before, &aq.before_id)) {
		resp_error(rs, 400, "before", "is not an archive id");
		return;
	}
	if (limit != NULL) {
		if (!page_parse_id(limit, &n) || n > ARCHIVE_PAGE_MAX) {
			resp_error(rs, 400, "limit", "is a number from 1 to %d",
			    ARCHIVE_PAGE_MAX);
			return;
		}
		aq.limit = (size_t)n;
	}
	if (month != NULL && (strlen(month) != 7 || month[4] != '-')) {
		resp_error(rs, 400, "month", "is YYYY-MM");
		return;
	}
	a = json_array();
	tld_error_clear(&err);
	if (archive_list(rq->ctx, &aq, append_entry, a, &err) < 0) {
		json_decref(a);
		resp_tld_error(rs, &err);
		return;
	}
	o = json_pack("{s:o}", "posts", a);
	/* The next page: the same query with before= the last id. */
	if (json_array_size(a) == aq.limit)
		json_object_set_new(o, "next_before", json_copy(json_object_get(
		    json_array_get(a, json_array_size(a) - 1), "id")));
	resp_json(rs, 200, o);
}

void
api_archive_show(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	json_t *o = NULL;
	int64_t id;

	if (!page_parse_id(rq->params[0], &id)) {
		resp_error(rs, 404, "id", "there is no archived post %.32s",
		    rq->params[0]);
		return;
	}
	tld_error_clear(&err);
	if (archive_post_json(rq->ctx, id, &o, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	resp_json(rs, 200, o);
}
