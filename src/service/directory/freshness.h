/* SPDX-License-Identifier: MIT */
/*
 * Contact freshness (docs/freshness.md): every active contact is asked
 * every [policy] reconfirm_days, by mail, to confirm their entry with a
 * one-time link (<[web] base_url>/confirm/<token>) or to correct it on the
 * portal (<base_url>/me, which files an update request).  Reminders follow
 * 14 and 28 days after the ask; [policy] stale_days after it an entry that
 * is still not confirmed is marked stale, which lookup, the repository
 * mail, the statistics and the committee dashboard show.  The secretariat
 * gets a weekly summary.
 *
 * A contact's creation counts as its first confirmation; so does the
 * approval of an update request of it (the person corrected the entry).
 * While such a correction is open, no reminder goes out and the entry is
 * not marked stale.
 */
#ifndef TLD_SERVICE_FRESHNESS_H
#define TLD_SERVICE_FRESHNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "model/contact.h"
#include "service/context.h"
#include "store/freshness_store.h"

#define FRESHNESS_REMIND_DAYS 14   /* reminders 14 and 28 days after the ask */
#define FRESHNESS_REMINDERS 2
#define FRESHNESS_SUMMARY_DAYS 7

/* What freshness_due() finds due for one contact (a bit set). */
enum {
	FRESHNESS_DUE_ASK = 1,     /* open a round: mail the ask */
	FRESHNESS_DUE_REMIND = 2,  /* mail a reminder (*reminders_to is set) */
	FRESHNESS_DUE_STALE = 4,   /* mark the entry stale */
};

/* When the entry was last confirmed: the explicit confirmation or its creation. */
int64_t freshness_last_confirmed(const struct freshness_row *r);

/*
 * What is due for r at now under the policy (reconfirm and stale in
 * seconds).  No I/O, no clock.  A run that comes late sends one reminder
 * for the missed ones: *reminders_to is the count the round should have.
 */
int freshness_due(const struct freshness_row *r, int64_t now, int64_t reconfirm,
    int64_t stale, int64_t *reminders_to);

struct freshness_run_stats {
	size_t asked;       /* asks mailed */
	size_t reminded;    /* reminders mailed */
	size_t stale;       /* entries marked stale */
	size_t summaries;   /* weekly summaries queued (0 or 1) */
	size_t keys_asked;  /* asks to renew a key that expires soon */
};

/*
 * Do everything that is due now: asks, reminders, stale marks, the
 * weekly summary to [mail] secretariat.  Each item is its own transaction
 * with a guarded change of its row, its mail and its audit row, so across
 * restarts, repeated runs and several workers each happens exactly once.
 * The mail is queued in the outbox (the caller delivers it).  Called by
 * `tldops freshness run` and by `serve`.  *stats is filled also on error
 * (what was done before it).
 */
int freshness_run(struct tld_ctx *ctx, struct freshness_run_stats *stats,
    struct tld_error *err);

/*
 * What the link /confirm/<token> does: a known, unused, unexpired token of
 * an active contact whose address is still the one it was mailed to
 * confirms that entry (closes the open round, clears the stale mark) and
 * uses up every token of the contact.  Else an error naming "token" and
 * nothing changed.  *contact_id gets the contact's id.
 */
int freshness_confirm(struct tld_ctx *ctx, const char *token,
    int64_t *contact_id, struct tld_error *err);

/*
 * For a page that shows the entry before the person confirms it (GET
 * /confirm/<token>): the same checks as freshness_confirm(), nothing
 * written; *out gets the contact.
 */
int freshness_token_contact(struct tld_ctx *ctx, const char *token,
    struct contact *out, struct tld_error *err);

/*
 * Inside the caller's transaction: record that the entry of contact_id
 * was confirmed now by `via` ("update request 12"); closes the round,
 * clears the stale mark, uses up its links, writes the audit row.
 */
int freshness_confirmed_in_txn(struct tld_ctx *ctx, int64_t contact_id,
    const char *via, struct tld_error *err);

/*
 * Every active contact's freshness as a JSON array, by ccTLD then id:
 * {"id", "cctld", "name", "email", "state": "confirmed"|"asked"|"stale",
 *  "last_confirmed", "confirmed_via": "creation"|"link"|"update request N",
 *  "asked" (null), "reminders", "stale_since" (null), "next_ask",
 *  "correction_pending"}.  *out is new.
 */
int freshness_status_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);

/*
 * For the committee dashboard: {"contacts", "confirmed", "asked", "stale",
 * "correction_pending", "reconfirm_days", "stale_days",
 * "stale_contacts": [ the status objects of the stale entries ],
 * "keys": [ the keys that expired, were revoked or expire soon:
 * key_lifecycle_json(), or {"error": why} when GnuPG fails ]}.
 * *out is new.
 */
int freshness_dashboard_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);

/* The stale entries, for markers in listings (lookup, the repository mail). */
struct freshness_stale_set {
	struct freshness_stale { int64_t contact_id, since; } *items; /* by id */
	size_t n;
};
/* Load the stale active contacts of one ccTLD (A-label) or all (NULL). */
int freshness_stale_load(struct tld_ctx *ctx, const char *cctld,
    struct freshness_stale_set *out, struct tld_error *err);
/* When contact_id was marked stale, 0 when it is not stale. */
int64_t freshness_stale_since(const struct freshness_stale_set *set,
    int64_t contact_id);
void freshness_stale_fini(struct freshness_stale_set *set);

#endif
