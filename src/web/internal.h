/* SPDX-License-Identifier: MIT */
/*
 * Shared by the files of src/web/ only: one request as the handlers see
 * it, the response they fill, the route table, and the helpers for JSON
 * and HTML answers.  A handler runs only after the router has checked the
 * route's minimum role and, for a POST, the CSRF token.
 */
#ifndef TLD_WEB_INTERNAL_H
#define TLD_WEB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "service/membership/accounts.h"
#include "service/context.h"
#include "util/buf.h"
#include "util/secret.h"
#include "web/parse.h"

#define WEB_BODY_MAX (1024 * 1024)
#define WEB_MAX_PARAMS 2
#define WEB_PARAM_MAX 256
#define WEB_SESSION_COOKIE "tldops_session"
#define WEB_CSRF_COOKIE "tldops_csrf"

struct route;

enum auth_via { AUTH_NONE, AUTH_SESSION, AUTH_BEARER };

struct web_resp {
	int status;
	const char *content_type;   /* static string */
	struct buf body;
	const char *static_body;    /* instead of body when not NULL */
	size_t static_len;
	const char *cache_control;  /* NULL: no-store */
	char location[512];
	char cookies[3][320];       /* Set-Cookie values */
	size_t ncookies;
	const char *allow;          /* for 405 */
	bool www_authenticate;      /* 401 from the API */
	bool sandbox;               /* a served document: CSP sandbox */
	const char *csp;            /* static: this route's own CSP, or NULL */
	char disposition[160];      /* Content-Disposition, "" for none */
};

struct web_req {
	/* From the client. */
	const char *method;         /* "GET", "HEAD", "POST", ... */
	char *uri;                  /* raw request target; owned */
	size_t path_len;            /* uri[0..path_len) is the path */
	const char *query;          /* after '?', or "" */
	struct form query_args;
	struct buf body;
	bool body_too_big;
	char client[64];            /* the peer's address, for rate limits */
	const char *content_type;   /* borrowed from the connection, may be NULL */
	const char *cookie;         /* the Cookie header, may be NULL */
	const char *authorization;  /* may be NULL */
	const char *csrf_header;    /* X-CSRF-Token, may be NULL */
	struct timespec start;
	/* From the router. */
	int route_index;            /* -1: none matched */
	const struct route *route;
	char params[WEB_MAX_PARAMS][WEB_PARAM_MAX]; /* decoded {} segments */
	struct form form;           /* parsed form body (POST pages) */
	struct principal who;
	enum auth_via via;
	char session[SECRET_TEXT_MAX]; /* the session id when via session */
	char csrf[SECRET_HASH_HEX]; /* the token this client's forms carry */
	bool new_csrf_cookie;       /* csrf is new: set it as a cookie */
	/* The worker's repository connection and context (actor set). */
	struct tld_ctx *ctx;
	struct web_resp resp;
	int status;                 /* what was sent, for the log */
	uint64_t cache_gen;         /* web_cache_generation() before the handler */
};

typedef void (*web_handler)(struct web_req *rq, struct web_resp *rs);

enum route_flags {
	ROUTE_API = 1,      /* JSON answers and errors; bearer tokens accepted */
	ROUTE_PAGE = 2,     /* HTML; session cookie only */
	ROUTE_BODY = 4,     /* takes a request body */
	ROUTE_LINK = 8,     /* a one-time link: limited per client (ratelimit.h) */
};

struct route {
	const char *method;
	const char *pattern;        /* "/api/v1/cctlds/{code}": {x} is one segment */
	enum account_role min_role;
	unsigned flags;
	web_handler handler;
	const char *summary;        /* for docs and the route walk */
};

extern const struct route web_routes[];
extern const size_t web_nroutes;

/* Route the request and fill rq->resp (server.c calls this once per request). */
void web_dispatch(struct web_req *rq);
/* The route matching method and path, or -1; *path_match when only the method differs. */
int web_route_match(const char *method, const char *path, size_t len,
    char params[WEB_MAX_PARAMS][WEB_PARAM_MAX], bool *path_match);

/* ---- answers ------------------------------------------------------------- */

/* JSON body (stolen: the reference is released). */
void resp_json(struct web_resp *rs, int status, json_t *o);
/* Append o's compact JSON text to the body ("null" if it cannot be written). */
void resp_json_append(struct web_resp *rs, const json_t *o);
/* {"error": {"code", "message", "field"}} with the status. */
void resp_error(struct web_resp *rs, int status, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The status and JSON error for a service failure. */
void resp_tld_error(struct web_resp *rs, const struct tld_error *err);
int web_status_for(const struct tld_error *err);
/* An empty 303 redirect to a local path. */
void resp_redirect(struct web_resp *rs, const char *path);
/* Add a Set-Cookie header value. */
void resp_cookie(struct web_resp *rs, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Whether cookies are Secure (base_url is https). */
bool web_cookies_secure(const struct tld_ctx *ctx);

/* Capture what a service prints as JSON to a FILE (the CLI's printers). */
int web_capture_json(struct web_resp *rs, int (*print)(struct tld_ctx *,
    int, FILE *, struct tld_error *), struct tld_ctx *ctx);

/* ---- pages --------------------------------------------------------------- */

/* Start a page: doctype, head, header with navigation for rq->who, <main>. */
void page_begin(struct web_req *rq, struct buf *b, const char *title);
/* Close <main>, footer, </html>; set the response (status, text/html). */
void page_end(struct web_req *rq, struct buf *b, int status);
/* A page with one heading and one paragraph (errors, confirmations). */
void page_message(struct web_req *rq, int status, const char *title,
    const char *message);
/* The hidden CSRF input of every form. */
void page_csrf_field(struct web_req *rq, struct buf *b);
/* A page for a service failure, with its status. */
void page_tld_error(struct web_req *rq, const struct tld_error *err);
/* A contact's fields that are set, as a <dl class="fields">. */
void page_contact_fields(struct buf *b, const struct contact *c);
/* The committee dashboard's section on contact freshness (pages_freshness.c). */
void page_freshness_section(struct web_req *rq, struct buf *b);
/*
 * The number in the path's first parameter ({id}) into *id; false, with
 * a 404 page saying there is no such `what`, when it is not one.
 */
bool page_param_id(struct web_req *rq, const char *what, int64_t *id);
/* A positive decimal number ("1".."9223372036854775807") into *id. */
bool page_parse_id(const char *s, int64_t *id);

/* ---- handlers ------------------------------------------------------------ */

void api_me(struct web_req *rq, struct web_resp *rs);
void api_cctlds(struct web_req *rq, struct web_resp *rs);
void api_cctld_show(struct web_req *rq, struct web_resp *rs);
void api_search(struct web_req *rq, struct web_resp *rs);
void api_contacts(struct web_req *rq, struct web_resp *rs);
void api_requests_list(struct web_req *rq, struct web_resp *rs);
void api_request_show(struct web_req *rq, struct web_resp *rs);
void api_request_create(struct web_req *rq, struct web_resp *rs);
void api_request_approve(struct web_req *rq, struct web_resp *rs);
void api_request_reject(struct web_req *rq, struct web_resp *rs);
void api_authorize(struct web_req *rq, struct web_resp *rs);
void api_exceptions(struct web_req *rq, struct web_resp *rs);
void api_exception_add(struct web_req *rq, struct web_resp *rs);
void api_audit(struct web_req *rq, struct web_resp *rs);
void api_stats(struct web_req *rq, struct web_resp *rs);
void api_alert_send(struct web_req *rq, struct web_resp *rs);
void api_outbox(struct web_req *rq, struct web_resp *rs);
void api_accounts(struct web_req *rq, struct web_resp *rs);
void api_account_add(struct web_req *rq, struct web_resp *rs);
void api_account_end(struct web_req *rq, struct web_resp *rs);
void api_tokens(struct web_req *rq, struct web_resp *rs);
void api_token_create(struct web_req *rq, struct web_resp *rs);
void api_token_revoke(struct web_req *rq, struct web_resp *rs);
void api_login(struct web_req *rq, struct web_resp *rs);
void api_routes(struct web_req *rq, struct web_resp *rs);
void api_offline(struct web_req *rq, struct web_resp *rs);

void api_docs(struct web_req *rq, struct web_resp *rs);
void page_docs(struct web_req *rq, struct web_resp *rs);
void web_doc(struct web_req *rq, struct web_resp *rs);
/* The documents rq->who may read, as an HTML list (with an h2 if heading). */
void page_docs_list(struct web_req *rq, struct buf *b, bool heading);

void web_healthz(struct web_req *rq, struct web_resp *rs);
void web_metrics(struct web_req *rq, struct web_resp *rs);
void web_style(struct web_req *rq, struct web_resp *rs);

void page_home(struct web_req *rq, struct web_resp *rs);
void page_login(struct web_req *rq, struct web_resp *rs);
void page_login_post(struct web_req *rq, struct web_resp *rs);
void page_login_link(struct web_req *rq, struct web_resp *rs);
void page_login_link_post(struct web_req *rq, struct web_resp *rs);
void page_logout(struct web_req *rq, struct web_resp *rs);
void page_search(struct web_req *rq, struct web_resp *rs);
void page_cctld(struct web_req *rq, struct web_resp *rs);
void page_me(struct web_req *rq, struct web_resp *rs);
void page_me_post(struct web_req *rq, struct web_resp *rs);
void page_committee(struct web_req *rq, struct web_resp *rs);
void page_approve(struct web_req *rq, struct web_resp *rs);
void page_reject(struct web_req *rq, struct web_resp *rs);
void page_alert(struct web_req *rq, struct web_resp *rs);
void page_authorize(struct web_req *rq, struct web_resp *rs);
void page_authorize_post(struct web_req *rq, struct web_resp *rs);
void page_confirm(struct web_req *rq, struct web_resp *rs);
void page_confirm_post(struct web_req *rq, struct web_resp *rs);
void page_offline(struct web_req *rq, struct web_resp *rs);
void page_offline_json(struct web_req *rq, struct web_resp *rs);
void page_offline_sig(struct web_req *rq, struct web_resp *rs);
void page_plan_stats(struct web_req *rq, struct web_resp *rs);
void page_plan_outreach(struct web_req *rq, struct web_resp *rs);
void page_plan_actions(struct web_req *rq, struct web_resp *rs);
void page_plan_meetings(struct web_req *rq, struct web_resp *rs);
void page_plan_meeting_add(struct web_req *rq, struct web_resp *rs);
void page_plan_initiative_add(struct web_req *rq, struct web_resp *rs);
void page_plan_event_add(struct web_req *rq, struct web_resp *rs);
void page_plan_initiative(struct web_req *rq, struct web_resp *rs);
/* The forms that change an initiative: the route's last segment says which. */
void page_plan_initiative_change(struct web_req *rq, struct web_resp *rs);
void page_plan_event(struct web_req *rq, struct web_resp *rs);
/* The forms that change an event: the route's last segment says which. */
void page_plan_event_change(struct web_req *rq, struct web_resp *rs);
void page_plan_pack(struct web_req *rq, struct web_resp *rs);

/* ---- metrics ------------------------------------------------------------- */

/* Count one finished request of route (-1: unmatched) with status and time. */
void metrics_observe(int route, int status, double seconds);
/* Append the Prometheus text of the counters (the gauges are the handler's). */
void metrics_render(struct buf *b);

/* ---- the micro-cache (cache.c) ------------------------------------------ */

#define WEB_CACHE_SECONDS 1
/* A cached answer to this route and parameter, copied into rs; false if none. */
bool web_cache_get(const struct web_req *rq, struct web_resp *rs);
/* Keep rs (a 200 without cookies) as the answer to this route and parameter. */
void web_cache_put(const struct web_req *rq, const struct web_resp *rs);
uint64_t web_cache_generation(void);
/* Forget every cached answer (after any POST). */
void web_cache_bump(void);
void web_cache_fini(void);

/* Wake the background worker (mail was queued). */
void web_kick_outbox(void);

#endif
