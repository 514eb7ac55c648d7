/* SPDX-License-Identifier: MIT */
/*
 * Filling a response (resp.c): JSON answers and errors, the HTTP status of
 * a service failure, redirects and cookies.
 */
#ifndef TLD_WEB_RESP_H
#define TLD_WEB_RESP_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "util/error.h"
#include "web/req.h"

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
/*
 * The API request's body as a JSON object (json_body_parse()); an empty
 * body is {} when allow_empty.  NULL with a 400 naming the problem set.
 * The caller json_decref()s it.
 */
json_t *resp_body_object(struct web_req *rq, bool allow_empty);
/* An empty 303 redirect to a local path. */
void resp_redirect(struct web_resp *rs, const char *path);
/* The two cookies the site sets. */
enum web_cookie { WEB_COOKIE_SESSION, WEB_COOKIE_CSRF };
/*
 * A cookie's name: over HTTPS (base_url https) with the "__Host-" prefix,
 * which browsers accept only Secure, for Path=/ and without Domain, so a
 * sibling subdomain cannot set or overwrite it.
 */
const char *web_cookie_name(const struct tld_ctx *ctx, enum web_cookie c);
/*
 * Set-Cookie for c: value (empty with max_age 0 removes it), HttpOnly,
 * SameSite=Strict, Path=/, Secure over HTTPS; max_age < 0 for a browser
 * session cookie.
 */
void resp_set_cookie(struct web_resp *rs, const struct tld_ctx *ctx,
    enum web_cookie c, const char *value, long long max_age);

#endif
