/* SPDX-License-Identifier: MIT */
/*
 * Contact freshness: re-confirmation rounds and their tokens (docs/freshness.md).
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_FRESHNESS_STORE_H
#define TLD_STORE_FRESHNESS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "model/contact.h"
#include "store/store.h"
#include "util/error.h"

/* An active contact and the state of its re-confirmation. */
struct freshness_row {
	int64_t contact_id;
	char cctld[CCTLD_CODE_MAX + 1];
	char name[NAME_MAX_BYTES + 1];
	char email[EMAIL_MAX + 1];
	int64_t created;         /* the contact's creation: its first confirmation */
	int64_t confirmed;       /* last explicit confirmation, 0 when none */
	char confirmed_via[64];  /* "link", "update request 12" */
	int64_t asked;           /* the open round's ask, 0 when none is open */
	int64_t reminders;       /* reminders sent in the open round */
	int64_t stale;           /* marked stale (or undeliverable) at, 0 while fresh */
	bool correcting;         /* an update request of it is still open */
	int64_t undeliverable;   /* marked undeliverable by bounces at; 0: not
	                            (stale then counts from that mark too) */
};
typedef int (*store_freshness_cb)(void *ctx, const struct freshness_row *r);
/*
 * Active contacts with their freshness, of one ccTLD (code) or all (NULL),
 * only the stale ones when stale_only, by ccTLD then id.
 */
int store_freshness_each(struct store *s, const char *code, bool stale_only,
    store_freshness_cb cb, void *ctx, struct tld_error *err);
/* One active contact's; TLD_ENOTFOUND naming "contact" when none. */
int store_freshness_get(struct store *s, int64_t contact_id,
    struct freshness_row *out, struct tld_error *err);
/*
 * The guarded steps of a round: each returns 1 when this call made the
 * change and 0 when the row no longer held what the caller saw (another
 * worker acted first).  ask opens a round at now (reminders back to 0,
 * a stale mark kept) if asked and confirmed still hold asked_was and
 * confirmed_was (0 for none); remind moves the count from was to to in the
 * round asked at `asked`; mark_stale sets stale = at once per round.
 */
int store_freshness_ask(struct store *s, int64_t contact_id, int64_t asked_was,
    int64_t confirmed_was, int64_t now, struct tld_error *err);
int store_freshness_remind(struct store *s, int64_t contact_id, int64_t asked,
    int64_t was, int64_t to, struct tld_error *err);
int store_freshness_mark_stale(struct store *s, int64_t contact_id,
    int64_t asked, int64_t at, struct tld_error *err);
/* A confirmation at `at`: closes the open round and clears the stale mark. */
int store_freshness_confirm(struct store *s, int64_t contact_id, int64_t at,
    const char *via, struct tld_error *err);
/* Stale active contacts (marked before `before`) per ccTLD. */
int store_freshness_stale_counts(struct store *s, int64_t before,
    store_count_cb cb, void *ctx, struct tld_error *err);

/* The confirmation links' tokens: store/link_store.h (LINK_CONFIRM). */

#endif
