/* SPDX-License-Identifier: MIT */
/* Alerts and the repository mail. */
#include "service/list/mailing.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/field.h"
#include "service/audit.h"
#include "service/collateral/documents.h"
#include "service/directory/freshness.h"
#include "service/directory/offline.h"
#include "service/outbox.h"
#include "service/outbox_crypt.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"
#include "store/outbox_store.h"
#include "util/clock.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define ALERT_BODY_MAX (1024 * 1024)
#define DIGEST_JOB "digest"

/* Every active contact's address, for a mailing to the whole community. */
struct recipients {
	char **addrs;
	size_t n, cap;
};

static int
collect_recipient(void *p, const struct contact *c)
{
	struct recipients *r = p;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->addrs = xreallocarray(r->addrs, r->cap, sizeof(*r->addrs));
	}
	r->addrs[r->n++] = xstrdup(c->email);
	return 0;
}

static void
recipients_fini(struct recipients *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->addrs[i]);
	free(r->addrs);
}

static int
cmp_addr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Queue spec to every active contact and audit it; inside a transaction. */
static int
send_to_community(struct tld_ctx *ctx, const char *kind, struct mail_spec *spec,
    int64_t *message_id, struct tld_error *err)
{
	struct recipients r = { NULL, 0, 0 };
	json_t *after;
	char id[24];
	int rc;

	if ((rc = store_contact_each(ctx->store, NULL, collect_recipient, &r,
	    err)) < 0)
		goto out;
	spec->to_addr = ctx->cfg.list_address;
	spec->list_id = ctx->cfg.list_id;
	spec->sign_key = ctx->cfg.signing_key;
	rc = outbox_queue(ctx, kind, OUTBOX_SAME_BYTES,
	    spec, (const char *const *)r.addrs, r.n,
	    message_id, err);
	if (rc < 0)
		goto out;
	snprintf(id, sizeof(id), "%" PRId64, *message_id);
	after = json_pack("{s:s, s:s, s:i}", "subject", spec->subject,
	    "tlp", tlp_label(spec->tlp), "recipients", rc);
	if (audit_record(ctx, strcmp(kind, "alert") == 0 ? "alert.send" :
	    "digest.send", "message", id, NULL, after, err) < 0)
		rc = err->code;
	json_decref(after);
out:
	recipients_fini(&r);
	return rc;
}

/* The checks of an alert's subject and body. */
static int
alert_check(const char *subject, const char *body, struct tld_error *err)
{
	size_t len = strlen(body);
	int rc;

	if ((rc = text_field_validate("subject", subject, strlen(subject), 200,
	    true, err)) < 0)
		return rc;
	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "body", "is empty");
	if (len > ALERT_BODY_MAX)
		return tld_error_set(err, TLD_EINVAL, "body",
		    "is larger than %d bytes", ALERT_BODY_MAX);
	if (!utf8_valid(body, len))
		return tld_error_set(err, TLD_EINVAL, "body", "is not valid UTF-8");
	return 0;
}

int
mailing_recipients(struct tld_ctx *ctx, int64_t *n, struct tld_error *err)
{
	struct digest_schedule d;
	int rc;

	*n = 0;
	if ((rc = digest_next(ctx, &d, err)) < 0)
		return rc;
	*n = d.recipients;
	return 0;
}

int
alert_preview(struct tld_ctx *ctx, const char *subject, const char *body,
    enum tlp tlp, int64_t *recipients, struct tld_error *err)
{
	enum outbox_crypt_mode mode;
	int rc;

	if ((rc = alert_check(subject, body, err)) < 0 ||
	    (rc = outbox_crypt_mode(&ctx->cfg, tlp, &mode, err)) < 0)
		return rc;
	return mailing_recipients(ctx, recipients, err);
}

static int
summary_json(void *p, const struct mail_summary *m)
{
	char when[32];
	json_t *o;

	clock_format_iso(m->created, when, sizeof(when));
	o = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)m->id,
	    "subject", m->subject, "created", when, "sent_by", m->created_by,
	    "recipients", (json_int_t)m->recipients);
	for (int i = 0; i < DELIVERY_STATES; i++)
		json_object_set_new(o, delivery_state_names[i],
		    json_integer(m->by_state[i]));
	json_array_append_new(p, o);
	return 0;
}

int
mailings_list_json(struct tld_ctx *ctx, const char *kind, int64_t limit,
    json_t **out, struct tld_error *err)
{
	json_t *a = json_array();
	int rc;

	rc = store_mail_summaries_each(ctx->store, kind, limit, summary_json, a,
	    err);
	if (rc < 0) {
		json_decref(a);
		return rc;
	}
	*out = a;
	return 0;
}

int
alert_send(struct tld_ctx *ctx, const char *subject, const char *body,
    enum tlp tlp, int64_t *message_id, struct tld_error *err)
{
	struct mail_spec spec;
	int rc;

	if ((rc = alert_check(subject, body, err)) < 0)
		return rc;
	memset(&spec, 0, sizeof(spec));
	spec.subject = subject;
	spec.body = body;
	spec.tlp = tlp;
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	return store_end(ctx->store, send_to_community(ctx, "alert", &spec,
	    message_id, err), err);
}

/* ---- the repository mail ------------------------------------------------- */

struct digest_ctx {
	struct buf *out;
	struct cctld *cctlds; /* every ccTLD, by code */
	size_t ncctlds, cap;
	const char *current;  /* code of the ccTLD being written */
	int64_t members, contacts;
	bool community;       /* the "Community contacts" heading is written */
	struct freshness_stale_set stale; /* entries not confirmed in time */
};

static int
collect_cctld(void *p, const struct cctld *c)
{
	struct digest_ctx *d = p;

	if (d->ncctlds == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 512;
		d->cctlds = xreallocarray(d->cctlds, d->cap, sizeof(*d->cctlds));
	}
	d->cctlds[d->ncctlds++] = *c;
	if (c->member_since != 0) {
		d->members++;
		d->contacts += c->contacts;
	}
	return 0;
}

static int
cmp_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cctld *)elem)->code);
}

static int
digest_contact(void *p, const struct contact *c)
{
	struct digest_ctx *d = p;
	struct buf *b = d->out;

	if (contact_is_community(c)) {
		/* After the ccTLDs (store_contact_each() gives them last). */
		if (!d->community)
			buf_puts(b, "\nCommunity contacts (not of a ccTLD: the IANA "
			    "root contact, liaisons, staff)\n");
		d->community = true;
		buf_printf(b, "  %s, %s (%s)", c->name, c->affiliation,
		    contact_kind_name(c->kind));
		if (c->role[0] != '\0')
			buf_printf(b, " (%s)", c->role);
		buf_printf(b, "\n    %s%s%s\n", c->email, c->phone[0] ? "  " : "",
		    phone_display(c->phone, c->phone_grouped));
		return 0;
	}
	if (d->current == NULL || strcmp(d->current, c->cctld) != 0) {
		const struct cctld *cc = bsearch(c->cctld, d->cctlds, d->ncctlds,
		    sizeof(*d->cctlds), cmp_code);

		if (cc == NULL)
			return 0;
		d->current = cc->code;
		if (strcmp(cc->code, cc->unicode) != 0)
			buf_printf(b, "\n.%s (%s)  %s  [%s]\n", cc->unicode, cc->code,
			    cc->country, cc->region);
		else
			buf_printf(b, "\n.%s  %s  [%s]\n", cc->code, cc->country,
			    cc->region);
	}
	buf_printf(b, "  %s", c->name);
	if (freshness_stale_since(&d->stale, c->id) != 0) {
		char iso[32];

		clock_format_iso(freshness_stale_since(&d->stale, c->id), iso,
		    sizeof(iso));
		buf_printf(b, " [stale since %.10s]", iso);
	}
	if (c->organisation[0] != '\0')
		buf_printf(b, ", %s", c->organisation);
	if (c->role[0] != '\0')
		buf_printf(b, " (%s)", c->role);
	buf_printf(b, "\n    %s  %s\n", c->email,
	    phone_display(c->phone, c->phone_grouped));
	return 0;
}

static void
digest_header(struct tld_ctx *ctx, struct digest_ctx *d, struct buf *b)
{
	char today[32];
	const char *urls = ctx->cfg.playbook_urls;
	struct buf docs;

	clock_format_iso(clock_now(), today, sizeof(today));
	buf_printf(b, "TLD-OPS contact repository, %.10s\n\n", today);
	buf_printf(b, "%" PRId64 " member ccTLDs of %zu, %" PRId64 " contacts.\n"
	    "Sorted by ccTLD; IDN ccTLDs are shown with their A-label; the ICANN\n"
	    "region is in brackets.  Keep this mail: it is the copy to use when\n"
	    "other means are down.\n\n", d->members, d->ncctlds, d->contacts);
	/* The stored public and members documents replace the configured links. */
	buf_init(&docs);
	if (documents_links(ctx, &docs, NULL) > 0) {
		buf_printf(b, "Playbooks:\n%s\n", buf_str(&docs));
		urls = "";
	}
	buf_fini(&docs);
	if (urls[0] != '\0') {
		buf_puts(b, "Playbooks:\n");
		while (*urls != '\0') {
			size_t n = strcspn(urls, ",");
			const char *u = urls;

			while (n > 0 && *u == ' ') {
				u++;
				n--;
			}
			if (n > 0)
				buf_printf(b, "  %.*s\n", (int)n, u);
			urls += strcspn(urls, ",");
			urls += *urls == ',';
		}
		buf_putc(b, '\n');
	}
	buf_puts(b, "======================================================================\n");
}

int
digest_render(struct tld_ctx *ctx, struct buf *out, struct tld_error *err)
{
	struct digest_ctx d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.out = out;
	if ((rc = store_cctld_each(ctx->store, NULL, collect_cctld, &d, err)) < 0)
		goto out;
	digest_header(ctx, &d, out);
	if ((rc = freshness_stale_load(ctx, NULL, &d.stale, err)) < 0 ||
	    (rc = store_contact_each(ctx->store, NULL, digest_contact, &d, err)) < 0)
		goto out;
	if (d.stale.n > 0)
		buf_puts(out, "\n[stale since ...]: the person has not confirmed the "
		    "entry in time; it may\nbe out of date.\n");
	buf_printf(out, "\n======================================================================\n"
	    "To update your entry, or to add or remove a contact of your ccTLD,\n"
	    "ask your ccTLD's IANA administrative or technical contact to send an\n"
	    "update request (%s), or write to the secretariat: %s.\n"
	    "This list is for the security contacts of ccTLDs only: do not forward it.\n",
	    ctx->cfg.base_url, ctx->cfg.secretariat);
	rc = 0;
out:
	freshness_stale_fini(&d.stale);
	free(d.cctlds);
	return rc;
}

int
digest_send(struct tld_ctx *ctx, bool only_if_due, int64_t *message_id,
    struct tld_error *err)
{
	struct mail_spec spec;
	struct offline_attach att;
	struct buf body;
	char subject[96], today[32];
	int64_t last = 0, now = clock_now();
	int rc;

	memset(&att, 0, sizeof(att));

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	/* Several nodes: one sends, the others find the lock taken and go on. */
	if ((rc = store_job_try_lock(ctx->store, DIGEST_JOB, err)) <= 0)
		goto rollback;
	if ((rc = store_schedule_get(ctx->store, DIGEST_JOB, &last, err)) < 0)
		goto rollback;
	if (only_if_due && last != 0 &&
	    now - last < ctx->cfg.digest_interval_days * 86400)
		goto rollback;
	/*
	 * The schedule starts with the first `serve`, not with a send: a new
	 * deployment (or one restored from a copy) must not mail the whole
	 * repository to everyone the moment it starts.
	 */
	if (only_if_due && last == 0) {
		rc = store_schedule_advance(ctx->store, DIGEST_JOB, 0, now, err);
		if (rc < 0)
			goto rollback;
		rc = store_commit(ctx->store, err);
		return rc < 0 ? rc : 0;
	}
	/* Advancing the schedule in this transaction makes the send exactly-once. */
	if ((rc = store_schedule_advance(ctx->store, DIGEST_JOB, last, now, err)) <= 0)
		goto rollback;
	buf_init(&body);
	if ((rc = digest_render(ctx, &body, err)) == 0) {
		clock_format_iso(now, today, sizeof(today));
		snprintf(subject, sizeof(subject), "TLD-OPS contact repository, %.10s",
		    today);
		memset(&spec, 0, sizeof(spec));
		spec.subject = subject;
		spec.body = buf_str(&body);
		spec.tlp = TLP_AMBER;
		/* [mail] digest_attach_export: the signed JSON offline copy. */
		if (ctx->cfg.digest_attach_export &&
		    (rc = offline_attach_build(ctx, &att, err)) == 0) {
			spec.attachments = att.files;
			spec.nattachments = att.n;
		}
		if (rc == 0)
			rc = send_to_community(ctx, "digest", &spec, message_id, err);
	}
	offline_attach_fini(&att);
	buf_fini(&body);
	if (rc < 0)
		goto rollback;
	return store_end(ctx->store, rc, err);
rollback: /* an error; or another node has it, it is not due, it ran this second */
	store_rollback(ctx->store);
	return rc;
}

int
digest_next(struct tld_ctx *ctx, struct digest_schedule *out,
    struct tld_error *err)
{
	struct recipients r = { NULL, 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	out->now = clock_now();
	out->interval_days = ctx->cfg.digest_interval_days;
	if ((rc = store_schedule_get(ctx->store, DIGEST_JOB, &out->last,
	    err)) < 0)
		return rc;
	if (out->last != 0) {
		out->next = out->last + out->interval_days * 86400;
		out->due = out->next <= out->now;
	}
	/* The same addresses send_to_community() queues, each once. */
	if ((rc = store_contact_each(ctx->store, NULL, collect_recipient, &r,
	    err)) < 0)
		goto out;
	if (r.n > 0)
		qsort(r.addrs, r.n, sizeof(*r.addrs), cmp_addr);
	for (size_t i = 0; i < r.n; i++)
		if (i == 0 || strcmp(r.addrs[i], r.addrs[i - 1]) != 0)
			out->recipients++;
	rc = 0;
out:
	recipients_fini(&r);
	return rc;
}
