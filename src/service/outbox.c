/* SPDX-License-Identifier: MIT */
/*
 * Queueing and delivering mail.  Each delivery's outcome is committed
 * right after the transport answers, so a crash can repeat at most the
 * delivery in flight (docs/outbox.md).
 */
#include "service/outbox.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "mail/transport.h"
#include "service/outbox_crypt.h"
#include "store/outbox_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/random.h"

#define OUTBOX_BATCH 64
/*
 * How long a claim is exclusive.  A worker starts no send after half of it
 * and one send ends within the SMTP transport's 60 s limit, so 90 + 60 s
 * stays inside it; a node that dies holds its claim back from the others
 * for at most 3 minutes.
 */
#define OUTBOX_LEASE_SECONDS 180
#define OUTBOX_MAX_TEMP_FAILURES 5
#define BACKOFF_BASE 60
#define BACKOFF_MAX (6 * 3600)

int64_t
outbox_backoff(int64_t attempts)
{
	int64_t delay = BACKOFF_BASE;

	for (int64_t i = 1; i < attempts && delay < BACKOFF_MAX; i++)
		delay *= 2;
	return delay < BACKOFF_MAX ? delay : BACKOFF_MAX;
}

/* Split "Name <addr>" (or a bare address) from the configuration. */
static void
split_mailbox(const char *in, char *name, size_t namelen, char *addr,
    size_t addrlen)
{
	const char *lt = strchr(in, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;

	if (lt != NULL && gt != NULL) {
		size_t n = (size_t)(lt - in);

		while (n > 0 && in[n - 1] == ' ')
			n--;
		snprintf(name, namelen, "%.*s", (int)n, in);
		snprintf(addr, addrlen, "%.*s", (int)(gt - lt - 1), lt + 1);
	} else {
		snprintf(name, namelen, "%s", "");
		snprintf(addr, addrlen, "%s", in);
	}
}

int
outbox_queue(struct tld_ctx *ctx, const char *kind, struct mail_spec *spec,
    const char *const *recipients, size_t nrecipients, int64_t *message_id,
    struct tld_error *err)
{
	char from_name[CONFIG_STR_MAX], from_addr[CONFIG_STR_MAX], rnd[33];
	char msgid[CONFIG_STR_MAX + 40];
	const char *domain;
	enum outbox_crypt_mode crypt;
	struct buf data;
	int64_t now = clock_now(), id = 0;
	int rc, queued = 0;

	if ((rc = outbox_crypt_mode(&ctx->cfg, spec->tlp, &crypt, err)) < 0)
		return rc;

	split_mailbox(ctx->cfg.mail_from, from_name, sizeof(from_name),
	    from_addr, sizeof(from_addr));
	domain = strchr(from_addr, '@');
	random_hex(rnd, sizeof(rnd), 16);
	snprintf(msgid, sizeof(msgid), "<%s@%s>", rnd,
	    domain ? domain + 1 : "localhost");
	spec->from_name = from_name;
	spec->from_addr = from_addr;
	spec->message_id = msgid;
	spec->date = now;
	buf_init(&data);
	/* Encrypted per recipient at send time (service/outbox_crypt.h). */
	outbox_crypt_mark(&data, crypt, spec->tlp);
	if ((rc = mail_compose(spec, &data, err)) < 0)
		goto out;
	if ((rc = store_mail_insert(ctx->store, kind, spec->subject, from_addr,
	    buf_str(&data), now, ctx->actor, &id, err)) < 0)
		goto out;
	for (size_t i = 0; i < nrecipients; i++) {
		rc = store_delivery_insert(ctx->store, id, recipients[i], now, err);
		if (rc == TLD_EEXIST) {
			tld_error_clear(err); /* the same address twice: once is enough */
			continue;
		}
		if (rc < 0)
			goto out;
		queued++;
	}
	rc = 0;
	*message_id = id;
out:
	buf_fini(&data);
	return rc < 0 ? rc : queued;
}

int
outbox_queue_data(struct tld_ctx *ctx, const char *kind, const char *subject,
    const char *sender, const char *data, const char *const *recipients,
    size_t nrecipients, int64_t *message_id, struct tld_error *err)
{
	int64_t now = clock_now(), id = 0;
	int rc, queued = 0;

	if ((rc = store_mail_insert(ctx->store, kind, subject, sender, data, now,
	    ctx->actor, &id, err)) < 0)
		return rc;
	for (size_t i = 0; i < nrecipients; i++) {
		rc = store_delivery_insert(ctx->store, id, recipients[i], now, err);
		if (rc == TLD_EEXIST) {
			tld_error_clear(err);
			continue;
		}
		if (rc < 0)
			return rc;
		queued++;
	}
	*message_id = id;
	return queued;
}

#define FAILURES_LISTED 100

/*
 * Tell the secretariat, in one notice per run, which deliveries failed for
 * good (a run that loses 2,000 deliveries sends one notice, not 2,000).
 * Failures of mail to the secretariat itself are not reported to it.
 */
static void
report_failures(struct tld_ctx *ctx, const struct buf *list, size_t count)
{
	const char *to = ctx->cfg.secretariat;
	const char *rcpt[] = { to };
	struct tld_error e;
	struct buf body;
	struct mail_spec spec;
	int64_t id;

	buf_init(&body);
	buf_printf(&body, "%zu deliver%s failed for good and will not be retried:\n\n%s",
	    count, count == 1 ? "y" : "ies", buf_str(list));
	if (count > FAILURES_LISTED)
		buf_printf(&body, "... and %zu more.\n", count - FAILURES_LISTED);
	buf_puts(&body, "\nSee `tldops outbox status` for every problem delivery.\n");
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = to;
	spec.subject = "Deliveries failed for good";
	spec.body = buf_str(&body);
	tld_error_clear(&e);
	if (store_begin(ctx->store, &e) == 0) {
		if (outbox_queue(ctx, "notice", &spec, rcpt, 1, &id, &e) < 0)
			store_rollback(ctx->store);
		else if (store_commit(ctx->store, &e) < 0)
			log_warnx("mail", "cannot queue failure notice: %s", e.message);
	}
	buf_fini(&body);
}

/* Record the transport's answer for one delivery. */
static int
record_outcome(struct tld_ctx *ctx, const struct delivery *d, int sent_rc,
    const struct tld_error *send_err, struct outbox_run_stats *stats,
    struct buf *failures, size_t *nfailures, struct tld_error *err)
{
	int64_t now = clock_now();

	if (sent_rc == 0) {
		stats->sent++;
		if (store_delivery_sent(ctx->store, d->id, now, err) < 0)
			return err->code;
		return store_mail_scrub_secret(ctx->store, d->message, err);
	}
	if (sent_rc == TLD_EIO && d->attempts < ctx->cfg.max_attempts) {
		stats->retried++;
		return store_delivery_retry(ctx->store, d->id, now,
		    now + outbox_backoff(d->attempts), send_err->message, err);
	}
	stats->failed++;
	if (store_delivery_failed(ctx->store, d->id, now, send_err->message, err) < 0 ||
	    store_mail_scrub_secret(ctx->store, d->message, err) < 0)
		return err->code;
	log_warnx("mail", "delivery %" PRId64 " failed for good after %" PRId64
	    " attempts", d->id, d->attempts);
	if (strcasecmp(d->recipient, ctx->cfg.secretariat) != 0 &&
	    ++*nfailures <= FAILURES_LISTED)
		buf_printf(failures, "  %s (message %" PRId64 ", %" PRId64
		    " attempts): %s\n", d->recipient, d->message, d->attempts,
		    send_err->message);
	return 0;
}

int
outbox_run(struct tld_ctx *ctx, bool all, struct outbox_run_stats *stats,
    struct tld_error *err)
{
	struct transport *t = NULL;
	struct outbox_crypt *crypt = NULL;
	struct buf failures, xform;
	size_t nfailures = 0;
	bool reported = false;
	int64_t after_id = 0;
	int rc, temp_failures = 0;

	memset(stats, 0, sizeof(*stats));
	buf_init(&failures);
	buf_init(&xform);
	if ((rc = transport_open(ctx->mail, &t, err)) < 0) {
		buf_fini(&failures);
		return rc;
	}
	for (;;) {
		struct delivery_batch b;
		int64_t claimed_at = clock_now();
		size_t i;

		rc = store_delivery_claim(ctx->store, claimed_at, all, after_id,
		    OUTBOX_BATCH, claimed_at + OUTBOX_LEASE_SECONDS, &b, err);
		if (rc == 0)
			store_delivery_batch_fini(&b);
		if (rc == 0 && nfailures > 0 && !reported) {
			/* The queue is done: report, and deliver the report too. */
			report_failures(ctx, &failures, nfailures);
			reported = true;
			continue;
		}
		if (rc <= 0)
			break;
		for (i = 0; i < b.n; i++) {
			const struct delivery *d = &b.items[i];
			struct tld_error send_err;
			const char *data;
			size_t len;
			int sent;

			/* Never outlive the lease: another worker may take them. */
			if (clock_now() - claimed_at > OUTBOX_LEASE_SECONDS / 2 ||
			    temp_failures >= OUTBOX_MAX_TEMP_FAILURES)
				break;
			tld_error_clear(&send_err);
			/* The per-recipient transform: encryption to the member's key. */
			buf_reset(&xform);
			sent = outbox_crypt_apply(ctx, &crypt, d->recipient, d->data,
			    d->len, &xform, &data, &len, &send_err);
			if (sent == 0)
				sent = transport_send(t, d->sender, d->recipient, data,
				    len, &send_err);
			temp_failures = sent == TLD_EIO ? temp_failures + 1 : 0;
			if ((rc = record_outcome(ctx, d, sent, &send_err, stats,
			    &failures, &nfailures, err)) < 0)
				break;
			after_id = d->id;
		}
		for (; i < b.n && rc >= 0; i++) /* not attempted: give them back */
			rc = store_delivery_release(ctx->store, b.items[i].id, err);
		store_delivery_batch_fini(&b);
		if (rc < 0 || temp_failures >= OUTBOX_MAX_TEMP_FAILURES)
			break;
	}
	transport_close(t);
	outbox_crypt_free(crypt);
	buf_fini(&xform);
	if (nfailures > 0 && !reported)
		report_failures(ctx, &failures, nfailures);
	buf_fini(&failures);
	return rc < 0 ? rc : (int)stats->sent;
}

static int
status_problem(void *p, const struct failed_delivery *d)
{
	char when[32];

	clock_format_iso(d->next_attempt, when, sizeof(when));
	json_array_append_new(p, json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s}",
	    "id", (json_int_t)d->id, "message", (json_int_t)d->message,
	    "kind", d->kind, "subject", d->subject,
	    "recipient", d->recipient, "state", d->state,
	    "attempts", (json_int_t)d->attempts, "next_attempt", when,
	    "last_error", d->last_error));
	return 0;
}

int
outbox_counts(struct tld_ctx *ctx, struct outbox_counts *out,
    struct tld_error *err)
{
	return store_outbox_counts(ctx->store, out, err);
}

int
outbox_status(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	struct outbox_counts c;
	char when[32] = "";
	json_t *o, *problems;
	int rc;

	if ((rc = store_outbox_counts(ctx->store, &c, err)) < 0)
		return rc;
	if (c.next_due != 0)
		clock_format_iso(c.next_due, when, sizeof(when));
	o = json_pack("{s:I, s:I, s:I, s:I, s:I}",
	    "messages", (json_int_t)c.messages,
	    "queued", (json_int_t)c.by_state[DELIVERY_QUEUED],
	    "sending", (json_int_t)c.by_state[DELIVERY_SENDING],
	    "sent", (json_int_t)c.by_state[DELIVERY_SENT],
	    "failed", (json_int_t)c.by_state[DELIVERY_FAILED]);
	json_object_set_new(o, "next_due", c.next_due ? json_string(when) :
	    json_null());
	problems = json_array();
	json_object_set_new(o, "problems", problems);
	if ((rc = store_delivery_problems_each(ctx->store, status_problem,
	    problems, err)) < 0) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return 0;
}
