/* SPDX-License-Identifier: MIT */
/*
 * One request as the handlers see it, the response they fill, and the
 * shape of a route.  Shared by the files of src/web/ only.  A handler
 * runs only after routes.c has checked the route's minimum role and, for
 * a POST, the CSRF token.
 */
#ifndef TLD_WEB_REQ_H
#define TLD_WEB_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "service/context.h"
#include "service/membership/accounts.h"
#include "util/buf.h"
#include "util/secret.h"
#include "web/parse.h"

#define WEB_BODY_MAX (1024 * 1024)
#define WEB_MAX_PARAMS 2
#define WEB_PARAM_MAX 256
#define WEB_SESSION_COOKIE "tldops_session"
#define WEB_CSRF_COOKIE "tldops_csrf"

struct route;

/*
 * A multipart/form-data body (a route with ROUTE_UPLOAD), read by
 * libmicrohttpd's post processor as it arrives (server.c): the text fields
 * become rq->body as a urlencoded form (routes.c parses it as any form,
 * CSRF included), the one file field "file" stays here.
 */
struct web_upload {
	void *pp;                   /* struct MHD_PostProcessor *, server.c's */
	char key[64];               /* the text field being read */
	struct buf value;
	struct buf file;            /* the bytes of the field "file" */
	char filename[256];         /* as the client named it ("" for none) */
	bool has_file;
	bool bad;                   /* malformed, a second file, a long field */
	size_t fed;                 /* bytes of body seen */
};

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
	struct web_upload upload;   /* ROUTE_UPLOAD routes only */
	char client[64];            /* the peer's address, for rate limits */
	char peer[64];              /* the socket's peer (the proxy, if any) */
	bool forwarded;             /* X-Forwarded-For or Forwarded was sent */
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
	char csrf_cookie[SECRET_HASH_HEX]; /* before sign-in: the cookie's value */
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
	ROUTE_UPLOAD = 16,  /* multipart/form-data up to [docs] max_size_mib */
};

struct route {
	const char *method;
	const char *pattern;        /* "/api/v1/cctlds/{code}": {x} is one segment */
	enum account_role min_role;
	unsigned flags;
	web_handler handler;
	const char *summary;        /* for docs and the route walk */
};

#endif
