/* SPDX-License-Identifier: MIT */
/*
 * Outreach events (docs/meetings.md): a regional meeting or DNS week where
 * the community presents itself, with the ccTLDs invited (usually not
 * members yet), the presenters (in person or remote), the materials (a
 * document in some languages) and what came of each invitation.  An
 * invited ccTLD that joins on or after the event's day counts for the
 * event; that is read from the cctld.join rows of the audit log, never
 * recorded by hand.
 *
 * Each change is one transaction whose audit row ("event.add", ".invite",
 * ".presenter", ".material", ".outcome"; object "event", the id) holds the
 * whole event before and after (events_snapshot_json()) and a "change"
 * sentence.  Errors name the field: event (unknown id), title, date,
 * place, organiser, cctld, name, mode, doc, lang, outcome.
 */
#ifndef TLD_SERVICE_EVENTS_H
#define TLD_SERVICE_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "store/event_store.h"

/* A new event on day date ("YYYY-MM-DD"); organiser may be NULL. */
int events_add(struct tld_ctx *ctx, const char *title, const char *date,
    const char *place, const char *organiser, int64_t *id,
    struct tld_error *err);
/* Invite the ccTLDs codes[0..n) (any form); all or none. */
int events_invite(struct tld_ctx *ctx, int64_t id, char *const *codes,
    size_t n, struct tld_error *err);
/* Add a presenter, or change how one presents (mode in-person|remote). */
int events_presenter(struct tld_ctx *ctx, int64_t id, const char *name,
    const char *mode, struct tld_error *err);
/*
 * Add document slug in languages langs[0..n) as material: each language
 * must have a live version of the document.  All or none.
 */
int events_material(struct tld_ctx *ctx, int64_t id, const char *slug,
    char *const *langs, size_t n, struct tld_error *err);
/* Record what came of inviting ccTLD code: joined|interested|declined. */
int events_outcome(struct tld_ctx *ctx, int64_t id, const char *code,
    const char *outcome, struct tld_error *err);

/*
 * The event as stored, as the audit rows keep it: {id, title, date
 * ("YYYY-MM-DD"), place, organiser (null when none), invited: [{code,
 * outcome (null when none)}], presenters: [{name, mode}], materials:
 * [{slug, lang}], created, created_by}.  *out is new.
 */
int events_snapshot_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);

/*
 * The first join time of each ccTLD on or after a day, from the audit
 * log's cctld.join rows before `until` (0: all): load once, annotate many.
 */
struct event_joins {
	json_t *by_code;        /* code -> [join time, ...] ascending */
};
int events_joins_load(struct tld_ctx *ctx, int64_t until,
    struct event_joins *out, struct tld_error *err);
void events_joins_fini(struct event_joins *j);

/*
 * Add to a snapshot, for each invited ccTLD, "unicode", "country",
 * "region" and "joined" (ISO 8601 of its first join on or after the
 * event's day, or null), and "counts": {invited, joined (those joins),
 * interested, declined (recorded outcomes)}.
 */
int events_annotate(struct tld_ctx *ctx, json_t *snapshot,
    const struct event_joins *joins, struct tld_error *err);

/* Every event by date, annotated with the joins so far.  *out is new. */
int events_list_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);
/* One event, annotated.  *out is new. */
int events_show_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);

#endif
