/* SPDX-License-Identifier: MIT */
/*
 * Prometheus metrics: requests by route pattern and status, a latency
 * histogram per route, and (computed when scraped) the outbox, contacts
 * and member ccTLDs.  Counters are relaxed atomics: no lock on the hot path.
 *
 * Every figure but "tldops_metrics_authorised" moves with contact or
 * account data (a sign-in link queued, a 303 of a sign-in), so only an
 * authorised scraper gets them: one sending [web] metrics_token as a bearer
 * token, or, when none is configured, one on loopback that came through no
 * proxy (docs/security.md, item 1).
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "service/directory/cctlds.h"
#include "service/maintenance.h"
#include "service/outbox.h"
#include "web/handlers.h"
#include "web/metrics.h"
#include "web/parse.h"
#include "web/resp.h"
#include "web/routes.h"

/* At least web_nroutes: a route past it would be counted as "none" (the
 * web tests check that every route has its line). */
#define MAX_ROUTES 256
static const int statuses[] = {
	200, 201, 202, 303, 304, 400, 401, 403, 404, 405, 409, 410, 413, 415,
	422, 429, 499, 500, 503,
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]) + 1) /* + other */
static const double buckets[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
};
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))

/* Index MAX_ROUTES is "no route matched". */
static _Atomic uint64_t requests[MAX_ROUTES + 1][NSTATUS];
static _Atomic uint64_t hist[MAX_ROUTES + 1][NBUCKETS];
static _Atomic uint64_t hist_count[MAX_ROUTES + 1];
static _Atomic uint64_t hist_sum_us[MAX_ROUTES + 1];

static size_t
status_slot(int status)
{
	for (size_t i = 0; i < NSTATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

void
metrics_observe(int route, int status, double seconds)
{
	size_t r = route >= 0 && route < MAX_ROUTES ? (size_t)route : MAX_ROUTES;

	atomic_fetch_add_explicit(&requests[r][status_slot(status)], 1,
	    memory_order_relaxed);
	for (size_t b = 0; b < NBUCKETS; b++) {
		if (seconds <= buckets[b]) {
			atomic_fetch_add_explicit(&hist[r][b], 1, memory_order_relaxed);
			break;
		}
	}
	atomic_fetch_add_explicit(&hist_count[r], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&hist_sum_us[r],
	    (uint64_t)(seconds * 1e6), memory_order_relaxed);
}

/* method="GET",route="/api/v1/cctlds/{code}" (patterns need no escaping). */
static const char *
route_label(size_t r, char *out, size_t outlen)
{
	if (r >= web_nroutes || r >= MAX_ROUTES)
		snprintf(out, outlen, "method=\"\",route=\"none\"");
	else
		snprintf(out, outlen, "method=\"%s\",route=\"%s\"",
		    web_routes[r].method, web_routes[r].pattern);
	return out;
}

void
metrics_render(struct buf *b)
{
	char label[160];

	buf_puts(b, "# HELP tldops_http_requests_total HTTP requests by route "
	    "pattern and status.\n# TYPE tldops_http_requests_total counter\n");
	for (size_t r = 0; r <= MAX_ROUTES; r++) {
		if (r >= web_nroutes && r != MAX_ROUTES)
			continue;
		for (size_t s = 0; s < NSTATUS; s++) {
			uint64_t n = atomic_load_explicit(&requests[r][s],
			    memory_order_relaxed);

			if (n == 0)
				continue;
			if (s == NSTATUS - 1)
				buf_printf(b, "tldops_http_requests_total{%s,"
				    "status=\"other\"} %" PRIu64 "\n",
				    route_label(r, label, sizeof(label)), n);
			else
				buf_printf(b, "tldops_http_requests_total{%s,"
				    "status=\"%d\"} %" PRIu64 "\n",
				    route_label(r, label, sizeof(label)), statuses[s], n);
		}
	}
	buf_puts(b, "# HELP tldops_http_request_duration_seconds Time from the "
	    "request line to the answer.\n"
	    "# TYPE tldops_http_request_duration_seconds histogram\n");
	for (size_t r = 0; r <= MAX_ROUTES; r++) {
		uint64_t count = atomic_load_explicit(&hist_count[r],
		    memory_order_relaxed), cum = 0;

		if (count == 0)
			continue;
		route_label(r, label, sizeof(label));
		for (size_t k = 0; k < NBUCKETS; k++) {
			cum += atomic_load_explicit(&hist[r][k], memory_order_relaxed);
			buf_printf(b, "tldops_http_request_duration_seconds_bucket"
			    "{%s,le=\"%g\"} %" PRIu64 "\n", label,
			    buckets[k], cum);
		}
		buf_printf(b, "tldops_http_request_duration_seconds_bucket"
		    "{%s,le=\"+Inf\"} %" PRIu64 "\n", label, count);
		buf_printf(b, "tldops_http_request_duration_seconds_sum"
		    "{%s} %.6f\n", label, (double)atomic_load_explicit(
		    &hist_sum_us[r], memory_order_relaxed) / 1e6);
		buf_printf(b, "tldops_http_request_duration_seconds_count"
		    "{%s} %" PRIu64 "\n", label, count);
	}
}

/* ---- the operations routes ----------------------------------------------- */

void
web_healthz(struct web_req *rq, struct web_resp *rs)
{
	struct tld_error err;
	int cur = 0, latest = 0;

	tld_error_clear(&err);
	if (maintenance_schema(rq->ctx, &cur, &latest, &err) < 0 ||
	    cur != latest) {
		resp_error(rs, 503, "db", "the repository is not ready");
		return;
	}
	resp_json(rs, 200, json_pack("{s:s, s:i}", "status", "ok", "schema", cur));
}

struct gauges {
	int64_t members, cctlds, contacts;
};

static int
count_cctld(void *p, const struct cctld *c)
{
	struct gauges *k = p;

	k->cctlds++;
	if (c->member_since != 0) {
		k->members++;
		k->contacts += c->contacts;
	}
	return 0;
}

static bool
is_loopback(const char *addr)
{
	return strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0 ||
	    strncmp(addr, "::ffff:127.", 11) == 0;
}

static bool
scraper_authorised(const struct web_req *rq)
{
	const char *want = rq->ctx->cfg.metrics_token, *tok;
	size_t n = strlen(want), toklen;

	if (n == 0)
		/* A proxy on loopback forwards the public: its requests say so. */
		return is_loopback(rq->peer) && !rq->forwarded;
	return rq->authorization != NULL &&
	    bearer_parse(rq->authorization, strlen(rq->authorization), &tok,
	    &toklen) && toklen == n && sodium_memcmp(tok, want, n) == 0;
}

void
web_metrics(struct web_req *rq, struct web_resp *rs)
{
	struct outbox_counts oc;
	struct gauges k;
	struct tld_error err;

	if (!scraper_authorised(rq)) {
		rs->status = 200;
		rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
		buf_puts(&rs->body, "# The figures are for an authorised scraper: "
		    "send [web] metrics_token as a bearer token (or, without one, "
		    "scrape from loopback). docs/operations.md\n"
		    "# HELP tldops_metrics_authorised Whether this scrape was "
		    "authorised.\n# TYPE tldops_metrics_authorised gauge\n"
		    "tldops_metrics_authorised 0\n");
		return;
	}
	memset(&k, 0, sizeof(k));
	tld_error_clear(&err);
	if (outbox_counts(rq->ctx, &oc, &err) < 0 ||
	    cctlds_each(rq->ctx, NULL, count_cctld, &k, &err) < 0) {
		resp_tld_error(rs, &err);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
	buf_puts(&rs->body, "# HELP tldops_metrics_authorised Whether this "
	    "scrape was authorised.\n# TYPE tldops_metrics_authorised gauge\n"
	    "tldops_metrics_authorised 1\n");
	metrics_render(&rs->body);
	buf_printf(&rs->body,
	    "# HELP tldops_outbox_deliveries Outbox deliveries by state.\n"
	    "# TYPE tldops_outbox_deliveries gauge\n"
	    "tldops_outbox_deliveries{state=\"queued\"} %" PRId64 "\n"
	    "tldops_outbox_deliveries{state=\"sending\"} %" PRId64 "\n"
	    "tldops_outbox_deliveries{state=\"sent\"} %" PRId64 "\n"
	    "tldops_outbox_deliveries{state=\"failed\"} %" PRId64 "\n"
	    "# HELP tldops_contacts Active contacts.\n# TYPE tldops_contacts gauge\n"
	    "tldops_contacts %" PRId64 "\n"
	    "# HELP tldops_member_cctlds ccTLDs with at least one active contact.\n"
	    "# TYPE tldops_member_cctlds gauge\ntldops_member_cctlds %" PRId64 "\n"
	    "# HELP tldops_cctlds Delegated ccTLDs in the reference table.\n"
	    "# TYPE tldops_cctlds gauge\ntldops_cctlds %" PRId64 "\n",
	    oc.by_state[DELIVERY_QUEUED], oc.by_state[DELIVERY_SENDING],
	    oc.by_state[DELIVERY_SENT], oc.by_state[DELIVERY_FAILED],
	    k.contacts, k.members, k.cctlds);
}
