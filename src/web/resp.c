/* SPDX-License-Identifier: MIT */
/*
 * Filling a response: JSON answers and the one error shape
 * {"error": {"code", "message", "field"}}, the HTTP status of a service
 * failure, redirects and cookies.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_buf.h"
#include "util/log.h"
#include "web/resp.h"

void
resp_json_append(struct web_resp *rs, const json_t *o)
{
	/* Straight into the body: no second copy of a large answer. */
	if (json_buf_append(&rs->body, o, JSON_COMPACT) < 0)
		buf_puts(&rs->body, "null");
}

void
resp_json(struct web_resp *rs, int status, json_t *o)
{
	rs->status = status;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	resp_json_append(rs, o);
	buf_putc(&rs->body, '\n');
	json_decref(o);
}

static const char *
error_code_name(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthenticated";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 410: return "gone";
	case 413: return "too_large";
	case 415: return "unsupported_media_type";
	case 422: return "invalid";
	case 429: return "too_many_requests";
	case 503: return "unavailable";
	default: return "internal";
	}
}

void
resp_error(struct web_resp *rs, int status, const char *field,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	resp_json(rs, status, json_pack("{s:{s:s, s:s, s:s?}}", "error",
	    "code", error_code_name(status), "message", msg,
	    "field", field != NULL && field[0] != '\0' ? field : NULL));
}

int
web_status_for(const struct tld_error *err)
{
	switch (err->code) {
	case TLD_EINVAL: return 422;
	case TLD_ENOTFOUND: return 404;
	case TLD_EEXIST: return 409;
	case TLD_ECONFLICT: return 409;
	case TLD_EDENIED: return 409;
	case TLD_EEXPIRED: return 410;
	case TLD_ELIMIT:
		return strcmp(err->field, "client") == 0 ||
		    strcmp(err->field, "email") == 0 ? 429 : 422;
	case TLD_EUSAGE: return 400;
	default: return 500;
	}
}

void
resp_tld_error(struct web_resp *rs, const struct tld_error *err)
{
	int status = web_status_for(err);

	if (status == 500) {
		/* Database and I/O messages are for the log, not the client. */
		log_errorx("web", "internal error: %s", err->message);
		resp_error(rs, 500, NULL, "internal error; the operator's log has "
		    "the details");
		return;
	}
	resp_error(rs, status, err->field, "%s", err->message[0] != '\0' ?
	    err->message : tld_strerror(err->code));
}

json_t *
resp_body_object(struct web_req *rq, bool allow_empty)
{
	struct tld_error err;
	json_t *o;

	if (rq->body.len == 0 && allow_empty)
		return json_object();
	tld_error_clear(&err);
	if (json_body_parse(rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, &o, &err) < 0) {
		resp_error(&rq->resp, 400, err.field, "%s", err.message);
		return NULL;
	}
	return o;
}

void
resp_redirect(struct web_resp *rs, const char *path)
{
	rs->status = 303;
	snprintf(rs->location, sizeof(rs->location), "%s", path);
	rs->content_type = "text/plain; charset=utf-8";
	buf_reset(&rs->body);
}

static bool
cookies_secure(const struct tld_ctx *ctx)
{
	return strncmp(ctx->cfg.base_url, "https:", 6) == 0;
}

const char *
web_cookie_name(const struct tld_ctx *ctx, enum web_cookie c)
{
	bool host = cookies_secure(ctx);

	if (c == WEB_COOKIE_SESSION)
		return host ? "__Host-" WEB_SESSION_COOKIE : WEB_SESSION_COOKIE;
	return host ? "__Host-" WEB_CSRF_COOKIE : WEB_CSRF_COOKIE;
}

void
resp_set_cookie(struct web_resp *rs, const struct tld_ctx *ctx,
    enum web_cookie c, const char *value, long long max_age)
{
	char age[32] = "";

	if (rs->ncookies == sizeof(rs->cookies) / sizeof(rs->cookies[0])) {
		log_errorx("web", "too many cookies in one answer: %s dropped",
		    web_cookie_name(ctx, c));
		return;
	}
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%lld", max_age);
	snprintf(rs->cookies[rs->ncookies++], sizeof(rs->cookies[0]),
	    "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	    web_cookie_name(ctx, c), value, age,
	    cookies_secure(ctx) ? "; Secure" : "");
}
