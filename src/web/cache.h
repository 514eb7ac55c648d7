/* SPDX-License-Identifier: MIT */
/*
 * The micro-cache (cache.c): the same answer to a crowd within a second,
 * forgotten after any POST.
 */
#ifndef TLD_WEB_CACHE_H
#define TLD_WEB_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "web/req.h"

#define WEB_CACHE_SECONDS 1
/* A cached answer to this route and parameter, copied into rs; false if none. */
bool web_cache_get(const struct web_req *rq, struct web_resp *rs);
/* Keep rs (a 200 without cookies) as the answer to this route and parameter. */
void web_cache_put(const struct web_req *rq, const struct web_resp *rs);
uint64_t web_cache_generation(void);
/* Forget every cached answer (after any POST). */
void web_cache_bump(void);
void web_cache_fini(void);

#endif
