/* SPDX-License-Identifier: MIT */
/*
 * Outreach to the ccTLDs that are not members (PRODUCT.md §7): per ccTLD,
 * who is reaching out (owner), how far it got (state: none, contacted,
 * interested, declined, joined) and dated notes.  A member ccTLD is shown
 * in state "joined" whatever was stored, so success needs no bookkeeping.
 * Each change is one transaction with an "outreach.update" audit row.
 */
#ifndef TLD_SERVICE_OUTREACH_H
#define TLD_SERVICE_OUTREACH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"

/* What to change; NULL leaves a field as it is ("" clears the owner). */
struct outreach_change {
	const char *owner;
	const char *state;
	const char *note;  /* a note to add */
};

/* True when s is one of none, contacted, interested, declined, joined. */
bool outreach_state_valid(const char *s);

/*
 * The outreach list: every non-member ccTLD and every ccTLD with outreach
 * history, of region (NULL: all; else AF, AP, EU, LAC or NA, TLD_EINVAL
 * naming "region"), by code.  Each entry: code, unicode, country, region,
 * member, state, owner, note (the newest, or null), note_at, note_by,
 * notes (how many), updated, updated_by.  *out is new.
 */
int outreach_list_json(struct tld_ctx *ctx, const char *region, json_t **out,
    struct tld_error *err);

/* A filtered page of the outreach list; NULL or 0 leaves a part out. */
struct outreach_query {
	const char *region;     /* AF, AP, EU, LAC, NA (field "region") */
	const char *state;      /* the state shown (field "state") */
	const char *owner;      /* the owner, case aside (field "owner") */
	int64_t limit;          /* at most this many entries (0: all) */
	int64_t offset;         /* after skipping this many matches */
};

/*
 * The entries of outreach_list_json() that match q, from q->offset, at
 * most q->limit of them; *total is how many match in all.  *out is new.
 */
int outreach_query_json(struct tld_ctx *ctx, const struct outreach_query *q,
    json_t **out, int64_t *total, struct tld_error *err);

/*
 * Apply ch to the ccTLD cctld (any form, errors name "cctld"): owner at
 * most OUTREACH_OWNER_MAX bytes, note at most OUTREACH_NOTE_MAX, both
 * UTF-8 without control characters; a member's state can only be joined.
 * Nothing given is TLD_EINVAL.  On success *out (may be NULL) gets the
 * entry as outreach_list_json() shows it, with "note_list" of every note.
 */
int outreach_set(struct tld_ctx *ctx, const char *cctld,
    const struct outreach_change *ch, json_t **out, struct tld_error *err);

/* One ccTLD's entry with "note_list": every note, oldest first. */
int outreach_show_json(struct tld_ctx *ctx, const char *cctld, json_t **out,
    struct tld_error *err);

#endif
