/* SPDX-License-Identifier: MIT */
/*
 * The questions the statistics ask of the audit log and the contacts.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_STATS_STORE_H
#define TLD_STORE_STATS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

/* A membership change from the audit log: a cctld.join or cctld.leave row. */
struct stats_membership_event {
	const char *cctld;  /* borrowed in callbacks */
	int64_t at;
	bool join;
};
typedef int (*store_membership_cb)(void *ctx,
    const struct stats_membership_event *e);
/* Every cctld.join/cctld.leave row with at < until (0: all), by at then id. */
int store_stats_membership_each(struct store *s, int64_t until,
    store_membership_cb cb, void *ctx, struct tld_error *err);

/* Audit rows per action with since <= at < until (until 0: no bound). */
int store_stats_action_counts(struct store *s, int64_t since, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err);
/*
 * Contacts active at time `at` (created before it, not removed before it;
 * 0: the active ones now) per ccTLD they have now (or had when removed).
 */
/*
 * Messages the outbox queued per kind (alert, digest, post, ...) with
 * since <= created < until (until 0: no bound).  Kind "post" is a post
 * distributed to the list's members, TLP:RED too (the archive keeps only
 * the others); messages are never deleted.
 */
int store_stats_mail_counts(struct store *s, int64_t since, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err);
int store_stats_contacts_at(struct store *s, int64_t at, store_count_cb cb,
    void *ctx, struct tld_error *err);
typedef int (*store_json_pair_cb)(void *ctx, const char *before_json,
    const char *after_json);
/*
 * The contact.update rows at or after `at` (their contact before and after
 * as JSON), newest first: what moved a contact to another ccTLD since then.
 */
int store_stats_updates_since(struct store *s, int64_t at,
    store_json_pair_cb cb, void *ctx, struct tld_error *err);

#endif
