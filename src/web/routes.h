/* SPDX-License-Identifier: MIT */
/*
 * The route table (routes.c): every route with the least role that may
 * call it, and the dispatch that enforces it.
 */
#ifndef TLD_WEB_ROUTES_H
#define TLD_WEB_ROUTES_H

#include <stdbool.h>
#include <stddef.h>

#include "web/req.h"

extern const struct route web_routes[];
extern const size_t web_nroutes;

/* Route the request and fill rq->resp (server.c calls this once per request). */
void web_dispatch(struct web_req *rq);
/*
 * The CSRF value this client's forms carry before sign-in, from
 * rq->csrf_cookie: the cookie itself, or on a one-time link's page a hash
 * of it and the link's token.
 */
void web_csrf_from_cookie(struct web_req *rq);
/* The route matching method and path, or -1; *path_match when only the method differs. */
int web_route_match(const char *method, const char *path, size_t len,
    char params[WEB_MAX_PARAMS][WEB_PARAM_MAX], bool *path_match);

#endif
