/* SPDX-License-Identifier: MIT */
/* Bounce handling (service/list/bounces.h). */
#include "service/list/bounces.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mail/dsn.h"
#include "service/audit.h"
#include "service/list/inbound.h"
#include "store/contact_store.h"
#include "util/clock.h"

int
bounces_envelope_sender(const struct config *cfg, char kind, int64_t id,
    char *out, size_t outlen, struct tld_error *err)
{
	struct list_addrs a;
	const char *b, *at;
	int n, rc;

	if ((rc = list_addrs_get(cfg, &a, err)) < 0)
		return rc;
	b = a.bounces;
	at = strrchr(b, '@');
	if (at == NULL || at == b || at[1] == '\0' || strchr(b, '+') != NULL)
		return tld_error_set(err, TLD_EINVAL, "list.bounces",
		    "\"%s\" is not local@domain without a +extension", b);
	if ((kind != 'm' && kind != 'd') || id <= 0)
		return tld_error_set(err, TLD_EINVAL, "kind",
		    "is m (message) or d (delivery) with an id");
	n = snprintf(out, outlen, "%.*s+%c%" PRId64 "%s", (int)(at - b), b, kind,
	    id, at);
	if (n < 0 || (size_t)n >= outlen)
		return tld_error_set(err, TLD_EINVAL, "list.bounces",
		    "is too long for an envelope sender");
	return 0;
}

/* "m12" -> 'm', 12; anything else -> 0. */
static char
parse_extension(const char *ext, int64_t *id)
{
	char *end;
	long long v;

	*id = 0;
	if (ext == NULL || (ext[0] != 'm' && ext[0] != 'd') || ext[1] < '1' ||
	    ext[1] > '9')
		return 0;
	errno = 0;
	v = strtoll(ext + 1, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return 0;
	*id = v;
	return ext[0];
}

/* Whether status is one of the comma-separated list. */
static bool
status_in(const char *status, const char *list)
{
	size_t n = strlen(status);

	if (n == 0)
		return false;
	for (const char *p = list; *p != '\0';) {
		const char *c = strchr(p, ',');
		size_t len = c != NULL ? (size_t)(c - p) : strlen(p);

		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == n && memcmp(p, status, n) == 0)
			return true;
		if (c == NULL)
			break;
		p = c + 1;
	}
	return false;
}

static int
find_delivery(struct tld_ctx *ctx, char kind, int64_t xid,
    const struct dsn_recipient *r, int64_t since, struct bounce_delivery *d,
    struct tld_error *err)
{
	int rc = TLD_ENOTFOUND;

	if (kind == 'd')
		return store_bounce_delivery(ctx->store, xid, d, err);
	if (kind == 'm') {
		if (r->original_recipient[0] != '\0')
			rc = store_bounce_delivery_of(ctx->store, xid,
			    r->original_recipient, d, err);
		if (rc == TLD_ENOTFOUND)
			rc = store_bounce_delivery_of(ctx->store, xid,
			    r->final_recipient, d, err);
		return rc;
	}
	if (r->original_recipient[0] != '\0')
		rc = store_bounce_delivery_to(ctx->store, r->original_recipient,
		    since, d, err);
	if (rc == TLD_ENOTFOUND)
		rc = store_bounce_delivery_to(ctx->store, r->final_recipient, since,
		    d, err);
	return rc;
}

/* Apply the marking rules after a hard bounce of contact c. */
static int
maybe_mark(struct tld_ctx *ctx, const struct contact *c,
    const struct dsn_recipient *r, int64_t now, struct tld_error *err)
{
	int64_t since = 0, hard = 0;
	int64_t window = ctx->cfg.bounce_window_days * 86400;
	char reason[600], idtext[32];
	json_t *after;
	int rc;

	if ((rc = store_bounce_undeliverable(ctx->store, c->id, &since, err)) < 0)
		return rc;
	if (since != 0)
		return 0;
	if (status_in(r->status, ctx->cfg.bounce_immediate)) {
		snprintf(reason, sizeof(reason), "%s %s", r->status, r->diagnostic);
	} else {
		if ((rc = store_bounce_count_hard(ctx->store, c->id, now - window,
		    &hard, err)) < 0)
			return rc;
		if (hard < ctx->cfg.bounce_threshold)
			return 0;
		snprintf(reason, sizeof(reason),
		    "%" PRId64 " hard bounces in %" PRId64 " days, the last %s %s",
		    hard, ctx->cfg.bounce_window_days, r->status, r->diagnostic);
	}
	if ((rc = store_bounce_mark(ctx->store, c->id, now, reason, err)) < 0)
		return rc;
	snprintf(idtext, sizeof(idtext), "%" PRId64, c->id);
	after = json_pack("{s:s, s:s, s:I}", "email", c->email, "reason", reason,
	    "since", (json_int_t)now);
	rc = audit_record(ctx, "contact.undeliverable", "contact", idtext, NULL,
	    after, err);
	json_decref(after);
	return rc;
}

int
bounces_receive(struct tld_ctx *ctx, const char *extension, const char *raw,
    size_t len, struct tld_error *err)
{
	struct dsn_report rep;
	struct bounce_row row;
	struct tld_error perr;
	int64_t now = clock_now(), xid, bid;
	int64_t since = now - ctx->cfg.bounce_window_days * 86400;
	char kind = parse_extension(extension, &xid);
	int rc, matched = 0;

	memset(&row, 0, sizeof(row));
	row.received = now;
	row.extension = extension != NULL ? extension : "";
	tld_error_clear(&perr);
	rc = dsn_parse(raw, len, &rep, &perr);
	if (rc == TLD_EIO) {
		*err = perr;
		return rc;
	}
	if (rc < 0) {
		/* Not a report: the secretariat reads it. */
		row.kind = "unparsed";
		row.recipient = "";
		row.status = "";
		row.action = "";
		row.diagnostic = perr.message;
		row.reporting_mta = "";
		row.raw = raw;
		row.raw_len = len;
		rc = store_bounce_insert(ctx->store, &row, &bid, err);
		return rc < 0 ? rc : 0;
	}
	row.reporting_mta = rep.reporting_mta;
	for (size_t i = 0; i < rep.nrecipients && rc >= 0; i++) {
		const struct dsn_recipient *r = &rep.recipients[i];
		struct bounce_delivery d;
		struct contact c;

		if (r->cls == DSN_CLASS_OTHER)
			continue;
		row.recipient = r->original_recipient[0] != '\0' ?
		    r->original_recipient : r->final_recipient;
		row.status = r->status;
		row.action = r->action;
		row.diagnostic = r->diagnostic;
		row.contact_id = 0;
		row.delivery_id = 0;
		row.raw = NULL;
		row.raw_len = 0;
		rc = find_delivery(ctx, kind, xid, r, since, &d, err);
		if (rc == 0) {
			row.delivery_id = d.id;
			rc = store_contact_find_email(ctx->store, d.recipient, &c, err);
			if (rc == 0)
				row.contact_id = c.id;
		}
		if (rc < 0 && rc != TLD_ENOTFOUND)
			break;
		if (row.contact_id == 0) {
			row.kind = "unmatched";
			row.raw = raw;
			row.raw_len = len;
		} else {
			row.kind = r->cls == DSN_CLASS_HARD ? "hard" : "soft";
		}
		tld_error_clear(err);
		if ((rc = store_bounce_insert(ctx->store, &row, &bid, err)) < 0)
			break;
		if (row.contact_id != 0) {
			matched++;
			if (r->cls == DSN_CLASS_HARD &&
			    (rc = maybe_mark(ctx, &c, r, now, err)) < 0)
				break;
		}
	}
	dsn_report_fini(&rep);
	return rc < 0 ? rc : matched;
}

int
bounces_summary(struct tld_ctx *ctx, store_bounce_summary_cb cb, void *cbctx,
    struct tld_error *err)
{
	return store_bounce_summary_each(ctx->store, cb, cbctx, err);
}

int
bounces_kept(struct tld_ctx *ctx, store_bounce_kept_cb cb, void *cbctx,
    struct tld_error *err)
{
	return store_bounce_kept_each(ctx->store, cb, cbctx, err);
}

int
bounces_undeliverable(struct tld_ctx *ctx, int64_t contact_id, int64_t *since,
    struct tld_error *err)
{
	return store_bounce_undeliverable(ctx->store, contact_id, since, err);
}
