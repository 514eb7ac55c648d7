/* SPDX-License-Identifier: MIT */
/*
 * Meeting objectives ("+3 ccTLDs by the next meeting"): set for a meeting
 * (stored by name; the meeting must exist, see service/meetings.h), then
 * marked met, missed or open again.  Each change is one transaction with
 * its audit row.
 */
#ifndef TLD_SERVICE_OBJECTIVES_H
#define TLD_SERVICE_OBJECTIVES_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "store/objective_store.h"

/*
 * Add an open objective for meeting (field "meeting": an unknown meeting is
 * TLD_ENOTFOUND) with text (field "text").
 */
int objectives_add(struct tld_ctx *ctx, const char *meeting, const char *text,
    struct objective *out, struct tld_error *err);

/*
 * The same with a measure the meeting pack evaluates (docs/meetings.md):
 * measure "members" or "contacts" with value "+N" (N more than at the
 * objective's meeting) or "N" (at least N), or "milestone" with value
 * "INITIATIVE:MILESTONE" (an existing milestone, done by then).  measure
 * NULL: free text.  Bad input names the field target_members,
 * target_contacts or target_milestone; nothing is stored.
 */
int objectives_add_target(struct tld_ctx *ctx, const char *meeting,
    const char *text, const char *measure, const char *value,
    struct objective *out, struct tld_error *err);

/* Set objective id to "met", "missed" or "open" (field "state"); unknown id names "id". */
int objectives_set(struct tld_ctx *ctx, int64_t id, const char *state,
    struct objective *out, struct tld_error *err);

/*
 * Change an objective's text (field "text"), state (field "state") or
 * both in one transaction (NULL: as it is; neither is TLD_EINVAL naming
 * "text"); an unknown id names "id".  One audit row: objective.edit, or
 * objective.set when only the state changes.  *out may be NULL.
 */
int objectives_update(struct tld_ctx *ctx, int64_t id, const char *text,
    const char *state, struct objective *out, struct tld_error *err);
/* One objective as objectives_list() shows it; *out is the caller's. */
int objectives_show(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);
/* The JSON form of one objective (as listed). */
json_t *objectives_json(const struct objective *o);

/*
 * Objectives of meeting (all when NULL) as a JSON array of {id, meeting,
 * text, state, created, updated}; *out is the caller's.
 */
int objectives_list(struct tld_ctx *ctx, const char *meeting, json_t **out,
    struct tld_error *err);

#endif
