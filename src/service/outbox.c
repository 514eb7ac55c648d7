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
#include "service/outbox_seal.h"
#include "store/outbox_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/random.h"
#include "util/xalloc.h"

#define OUTBOX_BATCH 64
/* Recipients of one message encrypted in one gpg run at most. */
#define OUTBOX_CRYPT_BATCH 500
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

/*
 * The kinds whose mail holds a one-time link: sealed while queued, blanked
 * once delivered or failed for good.
 */
static bool
kind_carries_link(const char *kind)
{
	return strcmp(kind, "authorisation") == 0 || strcmp(kind, "login") == 0 ||
	    strcmp(kind, "confirmation") == 0;
}

int
outbox_queue(struct tld_ctx *ctx, const char *kind, enum outbox_bytes bytes,
    struct mail_spec *spec, const char *const *recipients, size_t nrecipients,
    int64_t *message_id, struct tld_error *err)
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
	/* Encrypted to each recipient's key: the bytes differ per recipient. */
	if (crypt != OUTBOX_CRYPT_NONE)
		bytes = OUTBOX_PER_RECIPIENT;
	else if (kind_carries_link(kind)) {
		/* Sealed until sent (service/outbox_seal.h), opened per delivery. */
		if ((rc = outbox_seal(ctx, &data, err)) < 0)
			goto out;
		if (outbox_sealed(data.data, data.len))
			bytes = OUTBOX_PER_RECIPIENT;
	}
	if ((rc = store_mail_insert(ctx->store, kind, spec->subject, from_addr,
	    buf_str(&data), bytes == OUTBOX_PER_RECIPIENT, now, ctx->actor, &id,
	    err)) < 0)
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
outbox_queue_signed_to(struct tld_ctx *ctx, const char *kind, const char *name,
    const char *addr, const char *subject, const char *body,
    struct tld_error *err)
{
	const char *rcpt[1] = { addr };
	struct mail_spec spec;
	int64_t msg;
	int rc;

	memset(&spec, 0, sizeof(spec));
	spec.to_name = name;
	spec.to_addr = addr;
	spec.subject = subject;
	spec.body = body;
	spec.sign_key = ctx->cfg.signing_key;
	rc = outbox_queue(ctx, kind, OUTBOX_PER_RECIPIENT, &spec, rcpt, 1, &msg,
	    err);
	return rc < 0 ? rc : 0;
}

int
outbox_queue_data(struct tld_ctx *ctx, const char *kind,
    enum outbox_bytes bytes, const char *subject, const char *sender,
    const char *data, const char *const *recipients, size_t nrecipients,
    int64_t *message_id, struct tld_error *err)
{
	int64_t now = clock_now(), id = 0;
	int rc, queued = 0;

	if (outbox_crypt_marked(data, strlen(data)))
		bytes = OUTBOX_PER_RECIPIENT;
	if ((rc = store_mail_insert(ctx->store, kind, subject, sender, data,
	    bytes == OUTBOX_PER_RECIPIENT, now, ctx->actor, &id, err)) < 0)
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
		if (outbox_queue(ctx, "notice", OUTBOX_SAME_BYTES, &spec, rcpt, 1,
		    &id, &e) < 0)
			store_rollback(ctx->store);
		else if (store_commit(ctx->store, &e) < 0)
			log_warnx("mail", "cannot queue failure notice: %s", e.message);
	}
	buf_fini(&body);
}

/*
 * A run: what it has claimed, what waits for a transaction, and the
 * transactions in flight.  Claims are freed when every delivery in them
 * has an outcome or has been given back.
 */
struct claim {
	struct delivery_batch b;
	int64_t at;                /* when claimed, or its lease last renewed */
	size_t open;               /* deliveries without an outcome yet */
	struct claim *next;
};

struct slot {
	struct delivery *d;        /* owned by c */
	struct claim *c;
};

struct job {
	struct transport_job tj;
	struct transport_rcpt *rcpts;
	struct slot *slots;        /* the delivery of each rcpts[i] */
	size_t n;
	struct buf bytes;          /* made for its one recipient, if they were */
};

struct run {
	struct tld_ctx *ctx;
	struct transport *t;
	bool all;
	struct outbox_run_stats *stats;
	struct buf failures;
	size_t nfailures;
	struct claim *claims;
	struct slot *pending;      /* claimed, waiting for a transaction, in order */
	size_t npending, cap;
	int64_t after_id;          /* a run attempts each delivery once */
	bool exhausted;            /* nothing more is due */
	bool stopping;             /* no new transactions (server down, error) */
	size_t limit;              /* recipients per transaction; a 452 lowers it */
	unsigned parallel, inflight;
	int temp_failures;         /* transactions in a row that reached nobody */
	struct outbox_crypt *crypt; /* the list key's signer, loaded on first need */
};

/* Whether d's message may share a transaction with other recipients. */
static bool
same_bytes(const struct delivery *d)
{
	/* The mark is checked too: rows queued before migration 014 have 0. */
	return !d->per_recipient && !outbox_crypt_marked(d->data, d->len);
}

/*
 * The bytes for one delivery: a message that is the same for everyone as
 * stored; one made per recipient here, when it is sent: encrypted to the
 * recipient's key (service/outbox_crypt.h).  Other send-time transforms
 * (personal links) belong here too.  The result points into d's data or
 * into out.
 */
static int
delivery_bytes(struct run *r, const struct delivery *d, struct buf *out,
    const char **data, size_t *len, struct tld_error *err)
{
	int rc;

	if (same_bytes(d)) {
		*data = d->data;
		*len = d->len;
		return 0;
	}
	if (outbox_sealed(d->data, d->len)) {
		if ((rc = outbox_unseal(r->ctx, d->data, d->len, out, err)) < 0)
			return rc;
		*data = out->data;
		*len = out->len;
		return 0;
	}
	if (outbox_crypt_marked(d->data, d->len) &&
	    !outbox_crypt_prepared(r->crypt, d->message, d->recipient)) {
		/* Encrypted and signed once for the waiting ones of d's message. */
		const char **rcpts = xcalloc(r->npending + 1, sizeof(*rcpts));
		size_t n = 0;

		rcpts[n++] = d->recipient;
		for (size_t i = 0; i < r->npending && n < OUTBOX_CRYPT_BATCH; i++)
			if (r->pending[i].d->message == d->message)
				rcpts[n++] = r->pending[i].d->recipient;
		outbox_crypt_prepare(r->ctx, &r->crypt, d->message, d->data, d->len,
		    rcpts, n);
		free(rcpts);
	}
	return outbox_crypt_apply(r->ctx, &r->crypt, d->message, d->recipient,
	    d->data, d->len, out, data, len, err);
}

static void
claim_done(struct run *r, struct claim *c)
{
	struct claim **pp;

	if (--c->open > 0)
		return;
	for (pp = &r->claims; *pp != c; pp = &(*pp)->next)
		;
	*pp = c->next;
	store_delivery_batch_fini(&c->b);
	free(c);
}

static void
pending_insert(struct run *r, size_t at, const struct slot *add, size_t n)
{
	if (r->npending + n > r->cap) {
		r->cap = (r->npending + n) * 2;
		r->pending = xreallocarray(r->pending, r->cap, sizeof(*r->pending));
	}
	memmove(&r->pending[at + n], &r->pending[at],
	    (r->npending - at) * sizeof(*r->pending));
	memcpy(&r->pending[at], add, n * sizeof(*add));
	r->npending += n;
}

/* Claim the next due deliveries; 0 when there are none. */
static int
claim_more(struct run *r, struct tld_error *err)
{
	struct claim *c = xcalloc(1, sizeof(*c));
	size_t want = r->limit * r->parallel * 2;
	int rc;

	if (want < OUTBOX_BATCH)
		want = OUTBOX_BATCH;
	c->at = clock_now();
	rc = store_delivery_claim(r->ctx->store, c->at, r->all, r->after_id,
	    want, c->at + OUTBOX_LEASE_SECONDS, &c->b, err);
	if (rc <= 0) {
		if (rc == 0)
			store_delivery_batch_fini(&c->b);
		free(c);
		return rc;
	}
	c->open = c->b.n;
	c->next = r->claims;
	r->claims = c;
	for (size_t i = 0; i < c->b.n; i++) {
		struct slot sl = { &c->b.items[i], c };

		pending_insert(r, r->npending, &sl, 1);
	}
	r->after_id = c->b.items[c->b.n - 1].id;
	return rc;
}

/*
 * Never outlive a lease: another worker may take the deliveries then.
 * A transaction starts only in the first half of its deliveries' lease
 * and ends within the SMTP transport's 60 s; deliveries still waiting
 * when half their lease has gone have it renewed.
 */
static int
renew_if_old(struct run *r, struct tld_error *err)
{
	int64_t now = clock_now(), *ids;
	bool old = false;
	int rc;

	for (size_t i = 0; i < r->npending && !old; i++)
		old = now - r->pending[i].c->at > OUTBOX_LEASE_SECONDS / 2;
	if (!old)
		return 0;
	ids = xcalloc(r->npending, sizeof(*ids));
	for (size_t i = 0; i < r->npending; i++)
		ids[i] = r->pending[i].d->id;
	rc = store_delivery_renew(r->ctx->store, ids, r->npending,
	    now + OUTBOX_LEASE_SECONDS, err);
	free(ids);
	if (rc == 0)
		for (size_t i = 0; i < r->npending; i++)
			r->pending[i].c->at = now;
	return rc;
}

static void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	buf_fini(&j->bytes);
	free(j->rcpts);
	free(j->slots);
	free(j);
}

static int record_job(struct run *r, struct job *j, struct tld_error *err);

/*
 * The next transaction: the first waiting delivery and, when its message
 * is the same for everyone, the next waiting ones of the same message, up
 * to the limit.
 */
static int
start_job(struct run *r, struct tld_error *err)
{
	const struct delivery *first = r->pending[0].d;
	bool shared = same_bytes(first);
	size_t max = shared ? r->limit : 1, n = 0, keep = 0;
	struct job *j = xcalloc(1, sizeof(*j));
	struct tld_error e;
	int rc;

	tld_error_clear(&e);
	buf_init(&j->bytes);
	j->rcpts = xcalloc(max, sizeof(*j->rcpts));
	j->slots = xcalloc(max, sizeof(*j->slots));
	for (size_t i = 0; i < r->npending; i++) {
		struct slot sl = r->pending[i];

		if (n < max && sl.d->message == first->message) {
			j->slots[n] = sl;
			j->rcpts[n].addr = sl.d->recipient;
			n++;
		} else {
			r->pending[keep++] = sl;
		}
	}
	r->npending = keep;
	j->n = j->tj.nrcpts = n;
	j->tj.rcpts = j->rcpts;
	j->tj.from = first->sender;
	rc = delivery_bytes(r, first, &j->bytes, &j->tj.data, &j->tj.len, &e);
	if (rc == 0 && (rc = transport_submit(r->t, &j->tj, &e)) == 0) {
		r->inflight++;
		return 0;
	}
	/*
	 * Nothing went out: an envelope no server would take or a key that
	 * cannot be used (failed for good), GnuPG failing (tried again later).
	 */
	for (size_t i = 0; i < n; i++)
		transport_rcpt_set(&j->rcpts[i], rc == TLD_EIO ?
		    TRANSPORT_TEMPFAIL : TRANSPORT_PERMFAIL, "%s: %s", e.field,
		    e.message);
	rc = record_job(r, j, err);
	job_free(j);
	return rc;
}

/* What happened to job's recipients: one database transaction. */
static int
record_job(struct run *r, struct job *j, struct tld_error *err)
{
	struct tld_ctx *ctx = r->ctx;
	struct store *st = ctx->store;
	struct slot *deferred = xcalloc(j->n, sizeof(*deferred));
	int64_t now = clock_now(), *sent = xcalloc(j->n, sizeof(*sent));
	size_t nsent = 0, ndeferred = 0, nfinal = 0, first_deferred = j->n;
	bool reached = false;
	int rc;

	if ((rc = store_begin(st, err)) < 0)
		goto out;
	for (size_t i = 0; i < j->n && rc == 0; i++) {
		const struct delivery *d = j->slots[i].d;
		const struct transport_rcpt *t = &j->rcpts[i];

		switch (t->outcome) {
		case TRANSPORT_SENT:
			sent[nsent++] = d->id;
			reached = true;
			nfinal++;
			break;
		case TRANSPORT_DEFERRED:
			if (ndeferred == 0)
				first_deferred = i;
			deferred[ndeferred++] = j->slots[i];
			reached = true;
			break;
		case TRANSPORT_TEMPFAIL:
			if (d->attempts < ctx->cfg.max_attempts) {
				r->stats->retried++;
				rc = store_delivery_retry(st, d->id, now,
				    now + outbox_backoff(d->attempts), t->reply,
				    err);
				break;
			}
			/* FALLTHROUGH */
		case TRANSPORT_PERMFAIL:
			if (t->outcome == TRANSPORT_PERMFAIL)
				reached = true;
			nfinal++;
			r->stats->failed++;
			rc = store_delivery_failed(st, d->id, now, t->reply, err);
			if (rc < 0)
				break;
			log_warnx("mail", "delivery %" PRId64 " failed for good "
			    "after %" PRId64 " attempts", d->id, d->attempts);
			if (strcasecmp(d->recipient, ctx->cfg.secretariat) != 0 &&
			    ++r->nfailures <= FAILURES_LISTED)
				buf_printf(&r->failures, "  %s (message %" PRId64
				    ", %" PRId64 " attempts): %s\n", d->recipient,
				    d->message, d->attempts, t->reply);
			break;
		}
	}
	if (rc == 0 && nsent > 0)
		rc = store_delivery_sent(st, sent, nsent, now, err);
	if (rc == 0 && nfinal > 0 && kind_carries_link(j->slots[0].d->kind))
		rc = store_mail_scrub_secret(st, j->slots[0].d->message, err);
	if (rc == 0)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	if (rc < 0)
		goto out;
	r->stats->sent += nsent;
	/* The server takes no more than it took before its 452. */
	if (ndeferred > 0 && first_deferred > 0 && first_deferred < r->limit)
		r->limit = first_deferred;
	pending_insert(r, 0, deferred, ndeferred);
	for (size_t i = 0; i < j->n; i++)
		if (j->rcpts[i].outcome != TRANSPORT_DEFERRED)
			claim_done(r, j->slots[i].c);
	r->temp_failures = reached ? 0 : r->temp_failures + 1;
out:
	free(deferred);
	free(sent);
	return rc;
}

/* Give back what is claimed but was not attempted. */
static int
release_pending(struct run *r, struct tld_error *err)
{
	int64_t *ids;
	int rc;

	if (r->npending == 0)
		return 0;
	ids = xcalloc(r->npending, sizeof(*ids));
	for (size_t i = 0; i < r->npending; i++)
		ids[i] = r->pending[i].d->id;
	rc = store_delivery_release(r->ctx->store, ids, r->npending, err);
	free(ids);
	for (size_t i = 0; i < r->npending; i++)
		claim_done(r, r->pending[i].c);
	r->npending = 0;
	return rc;
}

#define FAN_OUT_AT_ONCE 16

/*
 * The list posts' deliveries, one per member, made here rather than by
 * `tldops deliver` (migration 023), each post in one transaction with the
 * end of its wait: a crash leaves it waiting or done, never half made.
 */
static int
fan_out(struct tld_ctx *ctx, struct tld_error *err)
{
	struct fan_out f[FAN_OUT_AT_ONCE];
	int n, rc;

	if ((n = store_fan_out_waiting(ctx->store, f, FAN_OUT_AT_ONCE, err)) <= 0)
		return n;
	for (int i = 0; i < n; i++) {
		int made;

		if ((rc = store_begin(ctx->store, err)) < 0)
			return rc;
		if ((made = store_fan_out(ctx->store, &f[i], err)) < 0) {
			store_rollback(ctx->store);
			return made;
		}
		if ((rc = store_commit(ctx->store, err)) < 0)
			return rc;
		log_info("service", "outbox: message %" PRId64 " queued to %d "
		    "members", f[i].message, made);
	}
	return n;
}

int
outbox_run(struct tld_ctx *ctx, bool all, struct outbox_run_stats *stats,
    struct tld_error *err)
{
	struct run r;
	struct tld_error e;
	bool reported = false;
	int rc = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.all = all;
	r.stats = stats;
	r.limit = ctx->cfg.max_recipients > 0 ? (size_t)ctx->cfg.max_recipients : 1;
	/* Before the transport: a post's deliveries exist, sent or not. */
	while ((rc = fan_out(ctx, err)) == FAN_OUT_AT_ONCE)
		;
	if (rc < 0)
		return rc;
	buf_init(&r.failures);
	if ((rc = transport_open(ctx->mail, ctx->cfg.connections > 0 ?
	    (unsigned)ctx->cfg.connections : 1, &r.t, err)) < 0) {
		buf_fini(&r.failures);
		return rc;
	}
	r.parallel = transport_parallel(r.t);
	for (;;) {
		struct transport_job *done;

		if (!r.stopping && !r.exhausted &&
		    r.npending < r.limit * r.parallel) {
			if ((rc = claim_more(&r, err)) < 0)
				r.stopping = true;
			else if (rc == 0)
				r.exhausted = true;
		}
		if (!r.stopping && r.npending > 0 &&
		    (rc = renew_if_old(&r, err)) < 0)
			r.stopping = true;
		while (!r.stopping && r.inflight < r.parallel && r.npending > 0 &&
		    r.temp_failures < OUTBOX_MAX_TEMP_FAILURES) {
			if ((rc = start_job(&r, err)) < 0)
				r.stopping = true;
		}
		if (r.temp_failures >= OUTBOX_MAX_TEMP_FAILURES)
			r.stopping = true; /* the server is down: the rest later */
		if (r.inflight == 0) {
			if (!r.stopping && (r.npending > 0 || !r.exhausted))
				continue;
			if (!r.stopping && r.nfailures > 0 && !reported) {
				/* The queue is done: report, and deliver the report too. */
				report_failures(ctx, &r.failures, r.nfailures);
				reported = true;
				r.exhausted = false;
				continue;
			}
			break;
		}
		done = transport_wait(r.t);
		r.inflight--;
		tld_error_clear(&e);
		if (record_job(&r, (struct job *)done, rc < 0 ? &e : err) < 0 &&
		    rc >= 0) {
			rc = err->code;
			r.stopping = true;
		}
		job_free((struct job *)done);
	}
	tld_error_clear(&e);
	if (release_pending(&r, rc < 0 ? &e : err) < 0 && rc >= 0)
		rc = err->code;
	transport_close(r.t);
	while (r.claims != NULL) { /* only after a database error */
		struct claim *c = r.claims;

		r.claims = c->next;
		store_delivery_batch_fini(&c->b);
		free(c);
	}
	free(r.pending);
	outbox_crypt_free(r.crypt);
	if (r.nfailures > 0 && !reported)
		report_failures(ctx, &r.failures, r.nfailures);
	buf_fini(&r.failures);
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
