/* SPDX-License-Identifier: MIT */
/* Import of IANA whois records with a report of what changed. */
#include "service/directory/iana.h"

#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "model/whois.h"
#include "service/audit.h"
#include "service/directory/cctlds.h"
#include "service/outbox.h"
#include "store/iana_store.h"
#include "util/clock.h"
#include "util/tcp.h"

/* Copy a parsed value into a bounded record field, refusing truncation. */
static int
put(char *dst, size_t dstlen, const char *src, const char *field, size_t line,
    struct tld_error *err)
{
	if (strlen(src) >= dstlen)
		return tld_error_set(err, TLD_EINVAL, field,
		    "line %zu: longer than %zu bytes", line, dstlen - 1);
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int
person_from_whois(struct iana_person *p, const struct whois_contact *w,
    size_t line, struct tld_error *err)
{
	int rc;

	if ((rc = put(p->name, sizeof(p->name), w->name, "name", line, err)) < 0 ||
	    (rc = put(p->organisation, sizeof(p->organisation), w->organisation,
	    "organisation", line, err)) < 0 ||
	    (rc = put(p->address, sizeof(p->address), w->address, "address",
	    line, err)) < 0 ||
	    (rc = put(p->phone, sizeof(p->phone), w->phone, "phone", line, err)) < 0 ||
	    (rc = put(p->fax, sizeof(p->fax), w->fax, "fax-no", line, err)) < 0 ||
	    (rc = put(p->email, sizeof(p->email), w->email, "e-mail", line, err)) < 0)
		return rc;
	return 0;
}

static json_t *
person_json(const struct iana_person *p)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", p->name,
	    "organisation", p->organisation, "address", p->address,
	    "phone", p->phone, "fax", p->fax, "email", p->email);
}

static json_t *
record_json(const struct iana_record *r)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "organisation",
	    r->organisation, "created", r->created, "changed", r->changed,
	    "admin", person_json(&r->admin), "tech", person_json(&r->tech));
}

/* Print each differing field; returns how many differ. */
static int
diff_person(struct buf *out, const char *code, const char *who,
    const struct iana_person *a, const struct iana_person *b)
{
	const struct { const char *name; const char *x, *y; } f[] = {
		{ "name", a->name, b->name },
		{ "organisation", a->organisation, b->organisation },
		{ "address", a->address, b->address },
		{ "phone", a->phone, b->phone },
		{ "fax-no", a->fax, b->fax },
		{ "e-mail", a->email, b->email },
	};
	int n = 0;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (strcmp(f[i].x, f[i].y) == 0)
			continue;
		buf_printf(out, "%s: %s %s: \"%s\" -> \"%s\"\n", code, who, f[i].name,
		    f[i].x, f[i].y);
		n++;
	}
	return n;
}

/* The people who authorise requests for the ccTLD changed. */
static bool
authorisers_changed(const struct iana_record *a, const struct iana_record *b)
{
	return strcasecmp(a->admin.email, b->admin.email) != 0 ||
	    strcasecmp(a->tech.email, b->tech.email) != 0 ||
	    strcmp(a->admin.name, b->admin.name) != 0 ||
	    strcmp(a->tech.name, b->tech.name) != 0;
}

static int
import_one(struct tld_ctx *ctx, const struct whois_record *w, struct buf *out,
    struct buf *drift, struct tld_error *err)
{
	struct cctld cc;
	struct iana_record r, old;
	json_t *before = NULL, *after;
	int rc, changes = 0;

	if ((rc = cctlds_resolve(ctx, w->domain, &cc, err)) < 0) {
		char msg[sizeof(err->message)];

		snprintf(msg, sizeof(msg), "%s", err->message);
		return tld_error_set(err, rc, "domain", "line %zu: %s", w->line, msg);
	}
	memset(&r, 0, sizeof(r));
	snprintf(r.cctld, sizeof(r.cctld), "%s", cc.code);
	if ((rc = put(r.organisation, sizeof(r.organisation), w->organisation,
	    "organisation", w->line, err)) < 0 ||
	    (rc = put(r.created, sizeof(r.created), w->created, "created",
	    w->line, err)) < 0 ||
	    (rc = put(r.changed, sizeof(r.changed), w->changed, "changed",
	    w->line, err)) < 0 ||
	    (rc = person_from_whois(&r.admin, &w->admin, w->line, err)) < 0 ||
	    (rc = person_from_whois(&r.tech, &w->tech, w->line, err)) < 0)
		return rc;
	r.imported = clock_now();

	rc = store_iana_get(ctx->store, cc.code, &old, err);
	if (rc == TLD_ENOTFOUND) {
		tld_error_clear(err);
		buf_printf(out, "%s: new record (admin %s, tech %s)\n", cc.code,
		    r.admin.email[0] ? r.admin.email : "none",
		    r.tech.email[0] ? r.tech.email : "none");
		changes = 1;
	} else if (rc < 0) {
		return rc;
	} else {
		before = record_json(&old);
		if (strcmp(old.organisation, r.organisation) != 0) {
			buf_printf(out, "%s: organisation: \"%s\" -> \"%s\"\n", cc.code,
			    old.organisation, r.organisation);
			changes++;
		}
		changes += diff_person(out, cc.code, "admin", &old.admin, &r.admin);
		changes += diff_person(out, cc.code, "tech", &old.tech, &r.tech);
		if (changes == 0)
			buf_printf(out, "%s: unchanged\n", cc.code);
	}
	if ((rc = store_iana_put(ctx->store, &r, err)) < 0)
		goto out;
	if (changes > 0) {
		bool drifted = before != NULL && authorisers_changed(&old, &r);

		after = record_json(&r);
		rc = audit_record(ctx, before == NULL ? "iana.add" : drifted ?
		    "iana.drift" : "iana.update", "iana", cc.code, before, after, err);
		json_decref(after);
		if (drifted)
			buf_printf(drift, ".%s: admin %s <%s> -> %s <%s>; tech %s <%s> "
			    "-> %s <%s>\n", cc.unicode, old.admin.name, old.admin.email,
			    r.admin.name, r.admin.email, old.tech.name, old.tech.email,
			    r.tech.name, r.tech.email);
	}
out:
	json_decref(before);
	return rc;
}

/*
 * The committee learns that the people who authorise requests changed, in
 * the same transaction as the import (docs/membership.md).
 */
static int
tell_committee(struct tld_ctx *ctx, const struct buf *drift,
    struct tld_error *err)
{
	struct mail_spec spec;
	struct buf body;
	const char *rcpt[1] = { ctx->cfg.committee };
	int64_t msg;
	int rc;

	buf_init(&body);
	buf_printf(&body, "A refreshed IANA record changed who may authorise "
	    "requests:\n\n%s\nAuthorisation links sent to the former contacts no "
	    "longer work, and requests they authorised are flagged in `tldops "
	    "request list`.\n", buf_str(drift));
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = ctx->cfg.committee;
	spec.subject = "IANA contacts changed";
	spec.body = buf_str(&body);
	rc = outbox_queue(ctx, "notice", OUTBOX_SAME_BYTES,
	    &spec, rcpt, 1, &msg, err);
	buf_fini(&body);
	return rc < 0 ? rc : 0;
}

int
iana_import(struct tld_ctx *ctx, const char *data, size_t len,
    struct buf *report, struct tld_error *err)
{
	struct whois_record *records = NULL;
	struct buf drift;
	size_t count = 0;
	int rc;

	if ((rc = whois_parse(data, len, &records, &count, err)) < 0)
		return rc;
	if ((rc = store_begin(ctx->store, err)) < 0)
		goto out;
	buf_init(&drift);
	for (size_t i = 0; i < count && rc == 0; i++)
		rc = import_one(ctx, &records[i], report, &drift, err);
	if (rc == 0 && drift.len > 0)
		rc = tell_committee(ctx, &drift, err);
	buf_fini(&drift);
	if (rc < 0)
		store_rollback(ctx->store);
	else
		rc = store_commit(ctx->store, err);
	if (rc < 0)
		buf_reset(report);
out:
	whois_records_free(records, count);
	return rc < 0 ? rc : (int)count;
}

#define WHOIS_ANSWER_MAX (64 * 1024)

int
iana_fetch(struct tld_ctx *ctx, const char *const *codes, size_t ncodes,
    struct buf *report, struct tld_error *err)
{
	struct buf answers;
	int rc = 0;

	buf_init(&answers);
	for (size_t i = 0; i < ncodes && rc == 0; i++) {
		struct cctld cc;
		char query[CCTLD_CODE_MAX + 3];

		if ((rc = cctlds_resolve(ctx, codes[i], &cc, err)) < 0)
			break;
		size_t start = answers.len;

		snprintf(query, sizeof(query), "%s\r\n", cc.code);
		rc = tcp_query(ctx->cfg.whois_server, query,
		    (int)ctx->cfg.whois_timeout_seconds * 1000, WHOIS_ANSWER_MAX,
		    &answers, err);
		/* IANA ends every record with "source: IANA"; without it, it was cut. */
		if (rc == 0 && (answers.len == start ||
		    strstr(answers.data + start, "\nsource:") == NULL))
			rc = tld_error_set(err, TLD_EINVAL, "server",
			    "the answer for .%s is incomplete (no \"source:\" line)",
			    cc.unicode);
		if (rc == 0 && answers.data[answers.len - 1] != '\n')
			buf_putc(&answers, '\n');
	}
	if (rc == 0)
		rc = iana_import(ctx, answers.data ? answers.data : "", answers.len,
		    report, err);
	buf_fini(&answers);
	return rc;
}
