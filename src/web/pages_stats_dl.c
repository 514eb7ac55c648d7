/* SPDX-License-Identifier: MIT */
/*
 * The stats for slides as downloads (docs/web.md): the chart as SVG and
 * the spreadsheet as CSV, for ?since=&until= as on /committee/stats;
 * the same renderers as `tldops stats --svg` and `--csv`.  The page
 * routes answer errors as HTML, the API routes as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/books/stats.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/resp.h"

/* ?key= a day or instant into *out (0 when absent); false when answered. */
static bool
when(struct web_req *rq, const char *key, int64_t *out)
{
	const char *v = form_get(&rq->query_args, key);
	char msg[160];

	*out = 0;
	if (v == NULL || v[0] == '\0' || clock_parse_iso(v, strlen(v), out))
		return true;
	if (rq->route->flags & ROUTE_API) {
		resp_error(&rq->resp, 422, key, "\"%.64s\" is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SSZ", v);
	} else {
		snprintf(msg, sizeof(msg), "%s: \"%.64s\" is not a date (YYYY-MM-DD).",
		    key, v);
		page_message(rq, 422, "Bad request", msg);
	}
	return false;
}

static void
fail(struct web_req *rq, const struct tld_error *err)
{
	if (rq->route->flags & ROUTE_API)
		resp_tld_error(&rq->resp, err);
	else
		page_tld_error(rq, err);
}

static void
download(struct web_resp *rs, const char *type, const char *name,
    const char *data, size_t len)
{
	rs->status = 200;
	rs->content_type = type;
	rs->cache_control = "no-store";
	rs->sandbox = true;
	snprintf(rs->disposition, sizeof(rs->disposition),
	    "attachment; filename=\"%s\"", name);
	buf_reset(&rs->body);
	buf_append(&rs->body, data, len);
}

void
web_stats_svg(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t since, until;
	struct buf svg;
	json_t *o;

	if (!when(rq, "since", &since) || !when(rq, "until", &until))
		return;
	tld_error_clear(&err);
	if (stats_json(rq->ctx, since, until, &o, &err) < 0) {
		fail(rq, &err);
		return;
	}
	buf_init(&svg);
	stats_render_svg(o, &svg);
	json_decref(o);
	download(rs, "image/svg+xml", "tldops-stats.svg", buf_str(&svg), svg.len);
	buf_fini(&svg);
}

void
web_stats_csv(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int64_t since, until;
	struct buf csv;

	if (!when(rq, "since", &since) || !when(rq, "until", &until))
		return;
	tld_error_clear(&err);
	buf_init(&csv);
	if (stats_render_csv_buf(rq->ctx, since, until, &csv, &err) < 0)
		fail(rq, &err);
	else
		download(rs, "text/csv; charset=utf-8", "tldops-stats.csv",
		    buf_str(&csv), csv.len);
	buf_fini(&csv);
}
