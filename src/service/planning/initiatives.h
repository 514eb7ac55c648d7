/* SPDX-License-Identifier: MIT */
/*
 * The committee's initiatives (docs/meetings.md): a workshop, a playbook,
 * outreach or other work with a lead, a team, milestones due at meetings,
 * a state and deliverable documents, and the flags that tell the
 * committee to re-staff or stop it (model/initiative.h).
 *
 * Each change is one transaction whose audit row ("initiative.add",
 * ".lead", ".team", ".milestone", ".milestone_done", ".state",
 * ".deliverable"; object "initiative", the id) holds the whole initiative
 * before and after (initiatives_snapshot_json()) and a "change" sentence:
 * the meeting pack rebuilds any past moment from these rows.  Progress is
 * a lead, team, state or milestone_done row.  Errors name the field:
 * initiative (unknown id), title, kind, lead, name, text, due, milestone,
 * state, note, doc.
 */
#ifndef TLD_SERVICE_INITIATIVES_H
#define TLD_SERVICE_INITIATIVES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "service/planning/meetings.h"
#include "store/initiative_store.h"
#include "util/buf.h"

/* A new active initiative without a lead; *id gets its number. */
int initiatives_add(struct tld_ctx *ctx, const char *title, const char *kind,
    int64_t *id, struct tld_error *err);
/* Set the lead (field "lead"; "" removes it, a no-op is refused). */
int initiatives_lead(struct tld_ctx *ctx, int64_t id, const char *name,
    struct tld_error *err);
/* Add a name to the team or remove one from it (field "name"). */
int initiatives_team(struct tld_ctx *ctx, int64_t id, bool add,
    const char *name, struct tld_error *err);
/*
 * A milestone (field "text") due at meeting `due` (field "due": a meeting
 * whose day is not over); *number gets its number within the initiative.
 */
int initiatives_milestone(struct tld_ctx *ctx, int64_t id, const char *text,
    const char *due, int64_t *number, struct tld_error *err);
/* Mark milestone `number` done now (field "milestone"). */
int initiatives_milestone_done(struct tld_ctx *ctx, int64_t id,
    int64_t number, struct tld_error *err);
/* Move to state active|paused|stopped|done with a note saying why. */
int initiatives_state(struct tld_ctx *ctx, int64_t id, const char *state,
    const char *note, struct tld_error *err);
/* Add a deliverable: a document slug with a live version (field "doc"). */
int initiatives_deliverable(struct tld_ctx *ctx, int64_t id,
    const char *slug, struct tld_error *err);

/*
 * The initiative as stored, as the audit rows keep it: {id, title, kind,
 * state, state_note, lead (null when none), team: [name], milestones:
 * [{number, text, due, due_date, done (ISO 8601 or null)}], deliverables:
 * [slug], created, created_by, updated}.  Lists sorted.  *out is new.
 */
int initiatives_snapshot_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);

/*
 * Add to a snapshot what it means at moment `at`: "last_progress" (ISO
 * 8601: the newest progress at or before `at`, given, or its creation),
 * "idle_meetings", "overdue" on each milestone, and "flags": an array of
 * "needs_lead", "overdue_milestone", "idle" (docs/meetings.md).
 */
void initiatives_annotate(json_t *snapshot, int64_t last_progress,
    const struct meeting_calendar *cal, int64_t at, int64_t idle_limit);

/* Every initiative by id, annotated for now.  *out is new. */
int initiatives_list_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);
/*
 * One initiative annotated for now, with "history": its audit rows as
 * {at, actor, action, change}, oldest first.  *out is new.
 */
int initiatives_show_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);

/*
 * The flags of an annotated initiative as words, appended to out: "needs
 * a lead; 1 overdue milestone; no progress for 2 meetings", or nothing.
 * Only fixed words and numbers: safe in any markup.
 */
void initiatives_flags_describe(const json_t *annotated, struct buf *out);

#endif
