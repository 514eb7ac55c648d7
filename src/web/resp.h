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
/* An empty 303 redirect to a local path. */
void resp_redirect(struct web_resp *rs, const char *path);
/* Add a Set-Cookie header value. */
void resp_cookie(struct web_resp *rs, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Whether cookies are Secure (base_url is https). */
bool web_cookies_secure(const struct tld_ctx *ctx);

#endif
