/* SPDX-License-Identifier: MIT */
/*
 * Contact freshness: the rounds of asking, the confirmation links and what
 * the secretariat and the committee see.  A run first reads every active
 * contact's state, decides in memory what is due (freshness_due(), no
 * I/O), then does each item in its own transaction whose guarded UPDATE
 * makes it happen once even when another worker saw the same item due.
 */
#include "service/directory/freshness.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/states.h"
#include "service/audit.h"
#include "service/link.h"
#include "service/directory/key_lifecycle.h"
#include "service/outbox.h"
#include "store/contact_store.h"
#include "store/freshness_store.h"
#include "store/outbox_store.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/secret.h"
#include "util/xalloc.h"

#define DAY INT64_C(86400)
#define SUMMARY_JOB "freshness-summary"
#define SUMMARY_LIST_MAX 500   /* lines per list in the weekly summary */

int64_t
freshness_last_confirmed(const struct freshness_row *r)
{
	return r->confirmed != 0 ? r->confirmed : r->created;
}

int
freshness_due(const struct freshness_row *r, int64_t now, int64_t reconfirm,
    int64_t stale, int64_t *reminders_to)
{
	int due = 0;

	*reminders_to = r->reminders;
	if (r->asked != 0 && !r->correcting) {
		int64_t k = 0;

		for (int i = 1; i <= FRESHNESS_REMINDERS; i++)
			if (now - r->asked >= i * FRESHNESS_REMIND_DAYS * DAY)
				k = i;
		if (k > r->reminders) {
			due |= FRESHNESS_DUE_REMIND;
			*reminders_to = k;
		}
		if (r->stale == 0 && now - r->asked >= stale)
			due |= FRESHNESS_DUE_STALE;
	}
	/* A new round once the last confirmation and the last ask are old. */
	if (now - freshness_last_confirmed(r) >= reconfirm &&
	    (r->asked == 0 || now - r->asked >= reconfirm)) {
		due |= FRESHNESS_DUE_ASK;
		due &= ~FRESHNESS_DUE_REMIND; /* no reminder of a round being replaced */
	}
	return due;
}

static void
iso_date(int64_t t, char out[11])
{
	char iso[32];

	clock_format_iso(t, iso, sizeof(iso));
	snprintf(out, 11, "%.10s", iso);
}

static int
audit_contact(struct tld_ctx *ctx, const char *action, int64_t contact_id,
    json_t *after, struct tld_error *err)
{
	char id[24];
	int rc;

	snprintf(id, sizeof(id), "%" PRId64, contact_id);
	rc = audit_record(ctx, action, "contact", id, NULL, after, err);
	json_decref(after);
	return rc;
}

/* ---- the mail to the contact ---------------------------------------------- */

static void
entry_lines(struct buf *b, const struct contact *c)
{
	const struct { const char *label; const char *v; } f[] = {
		{ "Name", c->name }, { "E-mail", c->email }, { "Phone",
		    phone_display(c->phone, c->phone_grouped) },
		{ "Organisation", c->organisation }, { "Role", c->role },
		{ "Languages", c->languages }, { "PGP key", c->pgp_fingerprint },
	};

	buf_printf(b, "  %-14s .%s\n", "ccTLD", c->cctld);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].v[0] != '\0')
			buf_printf(b, "  %-14s %s\n", f[i].label, f[i].v);
}

/*
 * Mail a confirmation link to the contact: the ask (reminder 0) or
 * reminder n of the round asked at `asked`; stale is when the entry was
 * marked stale (0: it is not).  Inside the transaction.
 */
static int
mail_link(struct tld_ctx *ctx, const struct contact *c, int64_t reminder,
    int64_t asked, int64_t stale, struct tld_error *err)
{
	struct link_row t;
	char token[SECRET_TEXT_MAX], subject[160], until[11], stale_at[11];
	struct buf body;
	int64_t now = clock_now();
	int rc;

	memset(&t, 0, sizeof(t));
	t.owner = c->id;
	snprintf(t.email, sizeof(t.email), "%s", c->email);
	t.created = now;
	/* Valid for the round: until the next ask would replace it. */
	t.expires = asked + ctx->cfg.reconfirm_days * DAY;
	if ((rc = link_issue(ctx, LINK_CONFIRM, &t, token, err)) < 0)
		return rc;

	iso_date(t.expires, until);
	iso_date(asked + ctx->cfg.stale_days * DAY, stale_at);
	buf_init(&body);
	buf_printf(&body, "Dear %s,\n\n", c->name);
	if (reminder > 0)
		buf_printf(&body, "This is %s reminder: your entry in the TLD-OPS "
		    "contact repository\nis not confirmed yet.\n\n",
		    reminder == 1 ? "a" : "a second and last");
	buf_printf(&body, "The TLD-OPS community keeps its contact repository "
	    "true by asking every\ncontact, every %" PRId64 " days, whether their "
	    "entry is still right.  This is\nyours:\n\n", ctx->cfg.reconfirm_days);
	entry_lines(&body, c);
	buf_printf(&body, "\nIf it is right, confirm it with one click (the link "
	    "works once, until\n%s):\n\n  %s/confirm/%s\n\n"
	    "If something is wrong, correct it on the portal (sign in with this\n"
	    "address); your correction becomes an update request that your "
	    "ccTLD's\nIANA contact authorises, as every change does:\n\n"
	    "  %s/me\n\n", until, ctx->cfg.base_url, token, ctx->cfg.base_url);
	if (stale == 0 && asked + ctx->cfg.stale_days * DAY > now)
		buf_printf(&body, "An entry that is not confirmed by %s is marked "
		    "as stale in the\nrepository the community relies on in an "
		    "emergency.\n\n", stale_at);
	else
		buf_puts(&body, "Your entry is marked as stale in the repository "
		    "until you confirm it.\n\n");
	buf_printf(&body, "Questions: %s\n", ctx->cfg.secretariat);
	snprintf(subject, sizeof(subject), "%sPlease confirm your TLD-OPS "
	    "entry for .%s", reminder == 0 ? "" : reminder == 1 ? "Reminder: " :
	    "Second reminder: ", c->cctld);
	/*
	 * Signed as alerts are: the link asks for trust in what it shows.  Kind
	 * "confirmation": sealed while queued, blanked once delivered.
	 */
	rc = outbox_queue_signed_to(ctx, "confirmation", c->name, c->email,
	    subject, buf_str(&body), err);
	buf_fini(&body);
	return rc;
}

/* ---- one due item, one transaction ---------------------------------------- */

static int
ask_one(struct tld_ctx *ctx, const struct freshness_row *r, int64_t now,
    struct tld_error *err)
{
	struct contact c;
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_freshness_ask(ctx->store, r->contact_id, r->asked, r->confirmed,
	    now, err);
	if (rc <= 0)
		goto out;
	if ((rc = store_contact_get(ctx->store, r->contact_id, &c, err)) < 0 ||
	    (rc = mail_link(ctx, &c, 0, now, r->stale, err)) < 0 ||
	    (rc = audit_contact(ctx, "freshness.ask", c.id, json_pack(
	    "{s:o, s:o}", "asked", json_time(now), "last_confirmed",
	    json_time(freshness_last_confirmed(r))), err)) < 0)
		goto out;
	rc = 1;
out:
	if (rc == 0) {
		store_rollback(ctx->store);
		return 0;
	}
	return store_end(ctx->store, rc, err);
}

static int
remind_one(struct tld_ctx *ctx, const struct freshness_row *r, int64_t to,
    struct tld_error *err)
{
	struct contact c;
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_freshness_remind(ctx->store, r->contact_id, r->asked,
	    r->reminders, to, err);
	if (rc <= 0)
		goto out;
	if ((rc = store_contact_get(ctx->store, r->contact_id, &c, err)) < 0 ||
	    (rc = mail_link(ctx, &c, to, r->asked, r->stale, err)) < 0 ||
	    (rc = audit_contact(ctx, "freshness.remind", c.id, json_pack(
	    "{s:I, s:o}", "reminder", (json_int_t)to, "asked",
	    json_time(r->asked)), err)) < 0)
		goto out;
	rc = 1;
out:
	if (rc == 0) {
		store_rollback(ctx->store);
		return 0;
	}
	return store_end(ctx->store, rc, err);
}

static int
stale_one(struct tld_ctx *ctx, const struct freshness_row *r, int64_t now,
    struct tld_error *err)
{
	int rc;

	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = store_freshness_mark_stale(ctx->store, r->contact_id, r->asked, now,
	    err);
	if (rc <= 0)
		goto out;
	if ((rc = audit_contact(ctx, "freshness.stale", r->contact_id, json_pack(
	    "{s:o, s:o, s:o}", "stale_since", json_time(now), "asked",
	    json_time(r->asked), "last_confirmed",
	    json_time(freshness_last_confirmed(r))), err)) < 0)
		goto out;
	rc = 1;
out:
	if (rc == 0) {
		store_rollback(ctx->store);
		return 0;
	}
	return store_end(ctx->store, rc, err);
}

/* ---- the weekly summary --------------------------------------------------- */

struct rows {
	struct freshness_row *v;
	size_t n, cap;
};

static void
rows_add(struct rows *rs, const struct freshness_row *r)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 256;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = *r;
}

/*
 * The summary's figures, counted row by row as the store reads them; only
 * the rows it lists are kept (at most SUMMARY_LIST_MAX stale and as many
 * waiting), so 100,000 contacts do not mean 100,000 rows in memory.
 */
struct summary {
	int64_t last;           /* the previous summary, 0 for the first */
	size_t total, stale, newly, waiting, fresh, correcting, confirmed;
	struct rows stale_rows, waiting_rows;
	json_t *keys;           /* key_lifecycle_json() */
};

static int
summary_count(void *p, const struct freshness_row *r)
{
	struct summary *sm = p;
	bool waiting = r->stale == 0 && r->asked != 0;

	sm->total++;
	sm->stale += r->stale != 0;
	sm->newly += r->stale != 0 && r->stale >= sm->last;
	sm->waiting += waiting;
	sm->fresh += r->stale == 0 && r->asked == 0;
	sm->correcting += r->correcting;
	sm->confirmed += r->confirmed != 0 && r->confirmed >= sm->last &&
	    r->asked == 0;
	if (r->stale != 0 && sm->stale_rows.n < SUMMARY_LIST_MAX)
		rows_add(&sm->stale_rows, r);
	if (waiting && sm->waiting_rows.n < SUMMARY_LIST_MAX)
		rows_add(&sm->waiting_rows, r);
	return 0;
}

static void
summary_line(struct buf *b, const struct freshness_row *r)
{
	char d[11];

	buf_printf(b, "  .%s  %s <%s>\n    ", r->cctld, r->name, r->email);
	if (r->undeliverable != 0) {
		iso_date(r->undeliverable, d);
		buf_printf(b, "undeliverable since %s (mail to it bounces), ", d);
	} else if (r->stale != 0) {
		iso_date(r->stale, d);
		buf_printf(b, "stale since %s, ", d);
	}
	if (r->asked != 0) {
		iso_date(r->asked, d);
		buf_printf(b, "asked %s, %" PRId64 " reminder%s, ", d, r->reminders,
		    r->reminders == 1 ? "" : "s");
	}
	iso_date(freshness_last_confirmed(r), d);
	buf_printf(b, "last confirmed %s%s\n", d, r->correcting ?
	    ", a correction is waiting" : "");
}

/* Keys that expired or were revoked, then those that expire soon. */
static void
keys_section(struct buf *b, json_t *keys)
{
	static const char *const head[2] = {
		"\nOpenPGP keys expired or revoked (TLP:RED mail reaches these "
		"members\nonly as a notice until they upload a usable key at /me):\n",
		"\nOpenPGP keys that expire within 30 days (the members were asked "
		"to\nrenew them):\n",
	};

	for (int pass = 0; pass < 2; pass++) {
		size_t i, shown = 0;
		json_t *k;

		json_array_foreach(keys, i, k) {
			bool soon = key_state_from(json_string_value(json_object_get(k,
			    "state"))) == KEY_STATE_EXPIRING;
			const char *exp = json_string_value(json_object_get(k, "expires"));

			if (soon != (pass == 1))
				continue;
			if (shown++ == 0)
				buf_puts(b, head[pass]);
			buf_printf(b, "  .%s  %s <%s>\n    %s, %s", json_string_value(
			    json_object_get(k, "cctld")), json_string_value(
			    json_object_get(k, "name")), json_string_value(
			    json_object_get(k, "email")), json_string_value(
			    json_object_get(k, "fingerprint")), pass == 1 ?
			    "expires on " : json_string_value(json_object_get(k, "why")));
			if (pass == 1 && exp != NULL)
				buf_printf(b, "%.10s", exp);
			buf_puts(b, "\n");
		}
	}
}

static void
summary_body(struct tld_ctx *ctx, const struct summary *sm, int64_t now,
    struct buf *b)
{
	char today[11], since[11];

	iso_date(now, today);
	iso_date(sm->last, since);
	buf_printf(b, "Contact freshness on %s\n\n", today);
	buf_printf(b, "Active contacts:            %6zu\n"
	    "Confirmed, not asked now:   %6zu\n"
	    "Asked, not yet confirmed:   %6zu\n"
	    "Stale:                      %6zu", sm->total, sm->fresh, sm->waiting,
	    sm->stale);
	if (sm->last != 0)
		buf_printf(b, "  (%zu new since %s)", sm->newly, since);
	buf_printf(b, "\nCorrections waiting:        %6zu\n", sm->correcting);
	if (sm->last != 0) {
		char label[40];

		snprintf(label, sizeof(label), "Confirmed since %s:", since);
		buf_printf(b, "%-28s%6zu\n", label, sm->confirmed);
	}
	buf_printf(b, "\nPolicy: asked every %" PRId64 " days, reminded after %d "
	    "and %d days,\nstale %" PRId64 " days after the ask.\n",
	    ctx->cfg.reconfirm_days, FRESHNESS_REMIND_DAYS,
	    2 * FRESHNESS_REMIND_DAYS, ctx->cfg.stale_days);
	for (int pass = 0; pass < 2; pass++) {
		const struct rows *list = pass == 0 ? &sm->stale_rows :
		    &sm->waiting_rows;
		size_t want = pass == 0 ? sm->stale : sm->waiting;

		if (want == 0)
			continue;
		buf_puts(b, pass == 0 ? "\nStale entries (ask the ccTLD's IANA "
		    "contacts whether these people are\nstill there):\n" :
		    "\nAsked, not yet confirmed:\n");
		for (size_t i = 0; i < list->n; i++)
			summary_line(b, &list->v[i]);
		if (want > list->n)
			buf_printf(b, "  ... and %zu more\n", want - list->n);
	}
	keys_section(b, sm->keys);
	buf_puts(b, "\n`tldops freshness status` lists every contact.\n");
}

/* Queue the weekly summary if a week has passed since the last one. */
static int
summary_send(struct tld_ctx *ctx, int64_t now, struct tld_error *err)
{
	struct summary sm;
	const char *rcpt[1] = { ctx->cfg.secretariat };
	struct mail_spec spec;
	struct buf body;
	json_t *after;
	char subject[128], id[24];
	int64_t last = 0, msg = 0;
	int rc;

	memset(&sm, 0, sizeof(sm));
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = store_schedule_get(ctx->store, SUMMARY_JOB, &last, err)) < 0)
		goto out;
	if (last != 0 && now - last < FRESHNESS_SUMMARY_DAYS * DAY) {
		rc = 0;
		goto out;
	}
	sm.last = last;
	if ((rc = store_freshness_each(ctx->store, NULL, false, summary_count,
	    &sm, err)) <= 0)
		goto out; /* nobody to report on: no summary, the week does not start */
	if ((rc = key_lifecycle_json(ctx, now, &sm.keys, err)) < 0)
		goto out;
	/* Advancing the schedule in this transaction makes it exactly-once. */
	if ((rc = store_schedule_advance(ctx->store, SUMMARY_JOB, last, now,
	    err)) <= 0)
		goto out;
	buf_init(&body);
	summary_body(ctx, &sm, now, &body);
	snprintf(subject, sizeof(subject), "Contact freshness: %zu stale of %zu "
	    "contacts", sm.stale, sm.total);
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = ctx->cfg.secretariat;
	spec.subject = subject;
	spec.body = buf_str(&body);
	rc = outbox_queue(ctx, "freshness-summary", OUTBOX_SAME_BYTES,
	    &spec, rcpt, 1, &msg, err);
	buf_fini(&body);
	if (rc < 0)
		goto out;
	snprintf(id, sizeof(id), "%" PRId64, msg);
	after = json_pack("{s:I, s:I}", "contacts", (json_int_t)sm.total, "stale",
	    (json_int_t)sm.stale);
	rc = audit_record(ctx, "freshness.summary", "message", id, NULL, after,
	    err);
	json_decref(after);
	if (rc < 0)
		goto out;
	rc = 1;
out:
	free(sm.stale_rows.v);
	free(sm.waiting_rows.v);
	json_decref(sm.keys);
	if (rc == 0) {
		store_rollback(ctx->store);
		return 0;
	}
	return store_end(ctx->store, rc, err);
}

/* The rows something is due for now: usually a few, not every contact. */
struct due_rows {
	int64_t now, reconfirm, stale;
	struct rows rows;
};

static int
collect_due(void *p, const struct freshness_row *r)
{
	struct due_rows *d = p;
	int64_t to;

	if (freshness_due(r, d->now, d->reconfirm, d->stale, &to) != 0)
		rows_add(&d->rows, r);
	return 0;
}

int
freshness_run(struct tld_ctx *ctx, struct freshness_run_stats *stats,
    struct tld_error *err)
{
	struct due_rows d = { .now = clock_now(),
	    .reconfirm = ctx->cfg.reconfirm_days * DAY,
	    .stale = ctx->cfg.stale_days * DAY };
	int64_t now = d.now;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if ((rc = store_freshness_each(ctx->store, NULL, false, collect_due, &d,
	    err)) < 0)
		goto out;
	for (size_t i = 0; i < d.rows.n; i++) {
		const struct freshness_row *r = &d.rows.v[i];
		int64_t to;
		int due = freshness_due(r, now, d.reconfirm, d.stale, &to);

		/* The old round's stale mark first: the new ask keeps it. */
		if ((due & FRESHNESS_DUE_REMIND) &&
		    (rc = remind_one(ctx, r, to, err)) < 0)
			goto out;
		stats->reminded += (due & FRESHNESS_DUE_REMIND) && rc > 0;
		if ((due & FRESHNESS_DUE_STALE) &&
		    (rc = stale_one(ctx, r, now, err)) < 0)
			goto out;
		stats->stale += (due & FRESHNESS_DUE_STALE) && rc > 0;
		if ((due & FRESHNESS_DUE_ASK) && (rc = ask_one(ctx, r, now, err)) < 0)
			goto out;
		stats->asked += (due & FRESHNESS_DUE_ASK) && rc > 0;
	}
	/* Before the summary, which lists the keys asked about. */
	if ((rc = key_lifecycle_ask(ctx, now, &stats->keys_asked, err)) < 0)
		goto out;
	if ((rc = summary_send(ctx, now, err)) < 0)
		goto out;
	stats->summaries += (size_t)rc;
	rc = 0;
out:
	free(d.rows.v);
	return rc;
}

/* ---- confirming ----------------------------------------------------------- */

/* Check a token: a valid link (service/link.c) of an active contact at that address. */
static int
check_token(struct tld_ctx *ctx, const char *token, struct link_row *t,
    struct tld_error *err)
{
	struct freshness_row r;
	int rc;

	if ((rc = link_check(ctx, LINK_CONFIRM, token, clock_now(), t, err)) < 0)
		return rc;
	rc = store_freshness_get(ctx->store, t->owner, &r, err);
	if (rc == TLD_ENOTFOUND)
		return tld_error_set(err, TLD_EDENIED, "token",
		    "the entry this link confirms has been removed");
	if (rc < 0)
		return rc;
	if (strcasecmp(r.email, t->email) != 0)
		return tld_error_set(err, TLD_EDENIED, "token",
		    "the entry's address changed after this link was sent to %s",
		    t->email);
	return 0;
}

int
freshness_token_contact(struct tld_ctx *ctx, const char *token,
    struct contact *out, struct tld_error *err)
{
	struct link_row t;
	int rc;

	if ((rc = check_token(ctx, token, &t, err)) < 0)
		return rc;
	return store_contact_get(ctx->store, t.owner, out, err);
}

/* The confirmation itself; inside the caller's transaction. */
static int
confirm_in_txn(struct tld_ctx *ctx, int64_t contact_id, const char *via,
    struct tld_error *err)
{
	struct freshness_row before;
	int64_t now = clock_now();
	int rc;

	if ((rc = store_freshness_get(ctx->store, contact_id, &before, err)) < 0 ||
	    (rc = store_link_use_all(ctx->store, LINK_CONFIRM, contact_id, now,
	    err)) < 0 ||
	    (rc = store_freshness_confirm(ctx->store, contact_id, now, via, err)) < 0)
		return rc;
	return audit_contact(ctx, "freshness.confirm", contact_id, json_pack(
	    "{s:o, s:s, s:o, s:o}", "confirmed", json_time(now), "via", via,
	    "was_asked", json_time(before.asked), "was_stale",
	    json_time(before.stale)), err);
}

int
freshness_confirmed_in_txn(struct tld_ctx *ctx, int64_t contact_id,
    const char *via, struct tld_error *err)
{
	return confirm_in_txn(ctx, contact_id, via, err);
}

int
freshness_confirm(struct tld_ctx *ctx, const char *token, int64_t *contact_id,
    struct tld_error *err)
{
	struct link_row t;
	int rc;

	memset(&t, 0, sizeof(t));
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	if ((rc = check_token(ctx, token, &t, err)) < 0)
		goto out;
	/* Of two clicks at once, one uses the token; the other is refused. */
	rc = store_link_use(ctx->store, LINK_CONFIRM, t.hash, clock_now(), err);
	if (rc == 0)
		rc = tld_error_set(err, TLD_EDENIED, "token",
		    "this confirmation link has been used already");
	if (rc < 0)
		goto out;
	rc = confirm_in_txn(ctx, t.owner, "link", err);
out:
	rc = store_end(ctx->store, rc, err);
	if (rc == 0)
		*contact_id = t.owner;
	return rc;
}

/* ---- what people see ------------------------------------------------------ */

static json_t *
row_json(const struct tld_ctx *ctx, const struct freshness_row *r)
{
	json_t *o = json_object();
	int64_t next = r->asked != 0 ? r->asked : freshness_last_confirmed(r);

	json_object_set_new(o, "id", json_integer(r->contact_id));
	json_object_set_new(o, "cctld", json_string(r->cctld));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "email", json_string(r->email));
	json_object_set_new(o, "state", json_string(freshness_state_names[
	    r->stale != 0 ? FRESHNESS_STALE : r->asked != 0 ? FRESHNESS_ASKED :
	    FRESHNESS_CONFIRMED]));
	json_object_set_new(o, "last_confirmed",
	    json_time(freshness_last_confirmed(r)));
	json_object_set_new(o, "confirmed_via", json_string(r->confirmed != 0 ?
	    r->confirmed_via : "creation"));
	json_object_set_new(o, "asked", json_time(r->asked));
	json_object_set_new(o, "reminders", json_integer(r->reminders));
	json_object_set_new(o, "stale_since", json_time(r->stale));
	json_object_set_new(o, "undeliverable_since", json_time(r->undeliverable));
	json_object_set_new(o, "next_ask", json_time(next +
	    ctx->cfg.reconfirm_days * DAY));
	json_object_set_new(o, "correction_pending", json_boolean(r->correcting));
	return o;
}

struct status_ctx {
	const struct tld_ctx *ctx;
	json_t *all;
	json_t *stale;
	int64_t counts[4]; /* confirmed, asked, stale, correcting */
};

static int
status_row(void *p, const struct freshness_row *r)
{
	struct status_ctx *sc = p;

	if (sc->all != NULL)
		json_array_append_new(sc->all, row_json(sc->ctx, r));
	if (sc->stale != NULL && r->stale != 0)
		json_array_append_new(sc->stale, row_json(sc->ctx, r));
	sc->counts[r->stale != 0 ? 2 : r->asked != 0 ? 1 : 0]++;
	sc->counts[3] += r->correcting;
	return 0;
}

int
freshness_status_json(struct tld_ctx *ctx, json_t **out, struct tld_error *err)
{
	struct status_ctx sc = { ctx, json_array(), NULL, { 0, 0, 0, 0 } };
	int rc = store_freshness_each(ctx->store, NULL, false, status_row, &sc,
	    err);

	if (rc < 0) {
		json_decref(sc.all);
		return rc;
	}
	*out = sc.all;
	return 0;
}

int
freshness_dashboard_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err)
{
	struct status_ctx sc = { ctx, NULL, json_array(), { 0, 0, 0, 0 } };
	int rc = store_freshness_each(ctx->store, NULL, false, status_row, &sc,
	    err);
	json_t *keys = NULL;
	struct tld_error kerr;

	if (rc < 0) {
		json_decref(sc.stale);
		return rc;
	}
	/* GnuPG failing leaves the rest of the dashboard standing. */
	tld_error_clear(&kerr);
	if (key_lifecycle_json(ctx, clock_now(), &keys, &kerr) < 0)
		keys = json_pack("{s:s}", "error", kerr.message);
	*out = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o}",
	    "contacts", (json_int_t)rc, "confirmed", (json_int_t)sc.counts[0],
	    "asked", (json_int_t)sc.counts[1], "stale", (json_int_t)sc.counts[2],
	    "correction_pending", (json_int_t)sc.counts[3],
	    "reconfirm_days", (json_int_t)ctx->cfg.reconfirm_days,
	    "stale_days", (json_int_t)ctx->cfg.stale_days,
	    "stale_contacts", sc.stale, "keys", keys);
	return 0;
}

/* ---- stale markers -------------------------------------------------------- */

struct stale_collect {
	struct freshness_stale_set *set;
	size_t cap;
};

static int
collect_stale(void *p, const struct freshness_row *r)
{
	struct stale_collect *sc = p;
	struct freshness_stale_set *s = sc->set;

	if (s->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 64;
		s->items = xreallocarray(s->items, sc->cap, sizeof(*s->items));
	}
	s->items[s->n].contact_id = r->contact_id;
	s->items[s->n].since = r->stale;
	s->n++;
	return 0;
}

static int
cmp_stale(const void *a, const void *b)
{
	int64_t x = ((const struct freshness_stale *)a)->contact_id;
	int64_t y = ((const struct freshness_stale *)b)->contact_id;

	return x < y ? -1 : x > y;
}

int
freshness_stale_load(struct tld_ctx *ctx, const char *cctld,
    struct freshness_stale_set *out, struct tld_error *err)
{
	struct stale_collect sc = { out, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_freshness_each(ctx->store, cctld, true, collect_stale, &sc, err);
	if (rc < 0) {
		freshness_stale_fini(out);
		return rc;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), cmp_stale);
	return 0;
}

int64_t
freshness_stale_since(const struct freshness_stale_set *set,
    int64_t contact_id)
{
	struct freshness_stale key = { contact_id, 0 };
	const struct freshness_stale *hit;

	if (set == NULL || set->n == 0)
		return 0;
	hit = bsearch(&key, set->items, set->n, sizeof(*set->items), cmp_stale);
	return hit != NULL ? hit->since : 0;
}

void
freshness_stale_fini(struct freshness_stale_set *set)
{
	if (set == NULL)
		return;
	free(set->items);
	set->items = NULL;
	set->n = 0;
}
