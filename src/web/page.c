/* SPDX-License-Identifier: MIT */
/*
 * The frame every HTML page shares: head, the navigation for the caller's
 * role, footer; the one-paragraph message page and the page of a service
 * failure; the hidden CSRF field of every form; a number from the path;
 * the style sheet.  Every interpolated value goes through
 * html_printf()/html_escape().
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/random.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/resp.h"
#include "web/routes.h"

extern const char web_style_css[]; /* generated from src/web/style.css */
extern const char web_openapi_json[]; /* generated from src/web/openapi.json */

void
page_csrf_field(struct web_req *rq, struct buf *b)
{
	if (rq->csrf[0] == '\0') {
		/* No session: a random token, doubled in a cookie the form must match. */
		random_hex(rq->csrf_cookie, sizeof(rq->csrf_cookie), 32);
		rq->new_csrf_cookie = true;
		web_csrf_from_cookie(rq);
	}
	html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	    rq->csrf);
}

void
page_begin(struct web_req *rq, struct buf *b, const char *title)
{
	const struct principal *w = &rq->who;

	html_printf(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>%s — TLD-OPS</title>\n"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	    "<header class=\"site\">\n<nav aria-label=\"Main\">\n"
	    "<a class=\"brand\" href=\"/\">TLD-OPS</a>\n<ul>\n"
	    "<li><a href=\"/docs\">Playbooks</a></li>\n", title);
	if (w->role >= ROLE_MEMBER)
		buf_puts(b, "<li><a href=\"/search\">Search</a></li>\n"
		    "<li><a href=\"/archive\">Archive</a></li>\n"
		    "<li><a href=\"/me\">My entry</a></li>\n");
	if (w->role >= ROLE_COMMITTEE)
		buf_puts(b, "<li><a href=\"/committee\">Committee</a></li>\n");
	if (w->role >= ROLE_SECRETARIAT)
		buf_puts(b, "<li><a href=\"/contacts\">Contacts</a></li>\n");
	if (w->role >= ROLE_MEMBER) {
		html_printf(b, "<li class=\"who\"><span>%s (%s)</span>\n"
		    "<form method=\"post\" action=\"/logout\">", w->email,
		    account_role_name(w->role));
		page_csrf_field(rq, b);
		buf_puts(b, "<button type=\"submit\" class=\"link\">Sign out</button>"
		    "</form></li>\n");
	} else {
		buf_puts(b, "<li><a href=\"/login\">Sign in</a></li>\n");
	}
	buf_puts(b, "</ul>\n</nav>\n</header>\n<main id=\"main\">\n");
}

void
page_end(struct web_req *rq, struct buf *b, int status)
{
	struct web_resp *rs = &rq->resp;

	buf_puts(b, "</main>\n<footer class=\"site\"><p>TLD-OPS: the security "
	    "community of country-code TLD operators. Contact data on this site "
	    "is for members only (TLP:AMBER); do not pass it on.</p></footer>\n"
	    "</body>\n</html>\n");
	rs->status = status;
	rs->content_type = "text/html; charset=utf-8";
	buf_reset(&rs->body);
	buf_append(&rs->body, b->data != NULL ? b->data : "", b->len);
	buf_fini(b);
}

void
page_message(struct web_req *rq, int status, const char *title,
    const char *message)
{
	struct buf b;

	buf_init(&b);
	page_begin(rq, &b, title);
	html_printf(&b, "<h1>%s</h1>\n<p>%s</p>\n", title, message);
	page_end(rq, &b, status);
}

void
page_tld_error(struct web_req *rq, const struct tld_error *err)
{
	int status = web_status_for(err);
	char msg[sizeof(err->field) + sizeof(err->message) + 4];

	if (status == 500) {
		resp_tld_error(&rq->resp, err); /* logs it */
		page_message(rq, 500, "Something went wrong",
		    "The operator's log has the details. Please try again later.");
		return;
	}
	if (err->field[0] != '\0')
		snprintf(msg, sizeof(msg), "%s: %s", err->field, err->message);
	else
		snprintf(msg, sizeof(msg), "%s", err->message);
	page_message(rq, status, status == 404 ? "Not found" :
	    status == 429 ? "Too many requests" : "That did not work", msg);
}

static const char *
error_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Sign in first";
	case 403: return "Not for your role";
	case 404: return "Not found";
	case 405: return "Not allowed";
	case 409: return "That cannot be done now";
	case 410: return "This link has expired";
	case 413: return "Too large";
	case 415: return "Unsupported form";
	case 422: return "That did not work";
	case 429: return "Too many requests";
	case 503: return "Not available";
	default: return status >= 500 ? "Something went wrong" : "That did not work";
	}
}

void
page_error(struct web_req *rq, int status, const char *field,
    const char *message)
{
	char msg[1024];

	if (status >= 500 && status != 503)
		snprintf(msg, sizeof(msg), "The operator's log has the details. "
		    "Please try again later.");
	else if (field != NULL && field[0] != '\0')
		snprintf(msg, sizeof(msg), "%s: %s", field, message);
	else
		snprintf(msg, sizeof(msg), "%s", message);
	/* The error page is an ordinary page: no download, no route's own CSP. */
	rq->resp.sandbox = false;
	rq->resp.csp = NULL;
	rq->resp.disposition[0] = '\0';
	rq->resp.static_body = NULL;
	page_message(rq, status, error_title(status), msg);
}

bool
page_parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = s[0] >= '1' && s[0] <= '9' ? strtoll(s, &end, 10) : 0;
	if (v <= 0 || errno != 0 || *end != '\0')
		return false;
	*id = v;
	return true;
}

bool
page_param_id(struct web_req *rq, const char *what, int64_t *id)
{
	char msg[96];

	if (page_parse_id(rq->params[0], id))
		return true;
	snprintf(msg, sizeof(msg), "There is no such %s.", what);
	page_message(rq, 404, "Not found", msg);
	return false;
}

void
page_done_notice(struct web_req *rq, struct buf *b,
    const struct page_done *done, size_t n)
{
	const char *d = form_get(&rq->query_args, "done");

	for (size_t i = 0; d != NULL && i < n; i++)
		if (strcmp(d, done[i].code) == 0)
			html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>\n",
			    done[i].text);
}

void
page_filter_select(struct buf *b, const char *id, const char *label,
    const char *const *codes, const char *const *names, size_t n,
    const char *v, bool bad)
{
	html_printf(b, "<div><label for=\"%s\">%s</label>\n<select id=\"%s\" "
	    "name=\"%s\"", id, label, id, id);
	buf_puts(b, bad ? " aria-invalid=\"true\" aria-describedby=\"filter-error\""
	    ">\n" : ">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>\n", codes[i],
		    strcmp(codes[i], v) == 0 ? " selected" : "",
		    names != NULL ? names[i] : codes[i]);
	buf_puts(b, "</select></div>\n");
}

static void
pager_url(struct buf *b, const char *base, const char *const *keys,
    const char *const *vals, size_t n, int64_t page)
{
	buf_puts(b, base);
	buf_putc(b, '?');
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "%s=", keys[i]);
		url_encode(b, vals[i]);
		buf_putc(b, '&');
	}
	buf_printf(b, "page=%" PRId64, page);
}

void
page_pager(struct buf *b, const char *base, const char *const *keys,
    const char *const *vals, size_t n, int64_t page, int64_t pages,
    const char *prev, const char *next)
{
	buf_puts(b, "<nav class=\"pager\" aria-label=\"Pages\">\n");
	if (page > 1) {
		buf_puts(b, "<a rel=\"prev\" href=\"");
		pager_url(b, base, keys, vals, n, page - 1 < pages ? page - 1 : pages);
		html_printf(b, "\">%s</a>\n", prev);
	}
	if (page < pages) {
		buf_puts(b, "<a rel=\"next\" href=\"");
		pager_url(b, base, keys, vals, n, page + 1);
		html_printf(b, "\">%s</a>\n", next);
	}
	buf_puts(b, "</nav>\n");
}

void
page_contact_fields(struct buf *b, const struct contact *p)
{
	const struct {
		const char *label;
		const char *v;
	} rows[] = {
		{ "Name", p->name }, { "E-mail", p->email }, { "Phone",
		    phone_display(p->phone, p->phone_grouped) },
		{ "Organisation", p->organisation }, { "Role", p->role },
		{ "Languages", p->languages }, { "OpenPGP", p->pgp_fingerprint },
	};

	buf_puts(b, "<dl class=\"fields\">\n");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].v[0] != '\0')
			html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", rows[i].label,
			    rows[i].v);
	buf_puts(b, "</dl>\n");
}

void
web_style(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 200;
	rs->content_type = "text/css; charset=utf-8";
	rs->cache_control = "public, max-age=3600";
	rs->static_body = web_style_css;
	rs->static_len = strlen(web_style_css);
}

void
api_openapi(struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 200;
	rs->content_type = "application/json";
	rs->static_body = web_openapi_json;
	rs->static_len = strlen(web_openapi_json);
}
