/* SPDX-License-Identifier: MIT */
/*
 * Initiatives: team, milestones, deliverables.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_INITIATIVE_STORE_H
#define TLD_STORE_INITIATIVE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/meeting_store.h"
#include "store/store.h"
#include "util/error.h"

#define INITIATIVE_TITLE_MAX 200
#define INITIATIVE_NAME_MAX 128    /* lead, team member */
#define INITIATIVE_TEXT_MAX 500    /* milestone text, state note */

struct initiative {
	int64_t id;
	char title[INITIATIVE_TITLE_MAX + 1];
	char kind[12];          /* workshop playbook outreach other */
	char state[12];         /* active paused stopped done */
	char state_note[INITIATIVE_TEXT_MAX + 1];
	char lead[INITIATIVE_NAME_MAX + 1];   /* "" while it needs one */
	int64_t created;
	char created_by[128];
	int64_t updated;
};
struct initiative_milestone {
	int64_t initiative;
	int64_t number;         /* 1, 2, ... per initiative */
	char text[INITIATIVE_TEXT_MAX + 1];
	char due[MEETING_NAME_MAX + 1];
	int64_t due_date;       /* of the meeting (read only) */
	int64_t done;           /* 0 until done */
	int64_t created;
};
/* Sets i->id. */
int store_initiative_insert(struct store *s, struct initiative *i,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "initiative" when there is no such initiative. */
int store_initiative_get(struct store *s, int64_t id, struct initiative *out,
    struct tld_error *err);
/* Write state, state_note, lead and updated of i->id. */
int store_initiative_update(struct store *s, const struct initiative *i,
    struct tld_error *err);
typedef int (*store_initiative_cb)(void *ctx, const struct initiative *i);
/* Every initiative by id. */
int store_initiative_each(struct store *s, store_initiative_cb cb, void *ctx,
    struct tld_error *err);
/* A team member (TLD_EEXIST naming "name" when on the team already). */
int store_initiative_member_insert(struct store *s, int64_t id,
    const char *name, int64_t at, struct tld_error *err);
/* Returns how many rows went (0: not on the team). */
int store_initiative_member_delete(struct store *s, int64_t id,
    const char *name, struct tld_error *err);
/* The team of initiative id by name. */
int store_initiative_member_each(struct store *s, int64_t id,
    store_text_cb cb, void *ctx, struct tld_error *err);
/* Sets m->number to the initiative's next; m->due must name a meeting. */
int store_initiative_milestone_insert(struct store *s,
    struct initiative_milestone *m, struct tld_error *err);
/* Mark a milestone done at `at`; TLD_ENOTFOUND naming "milestone". */
int store_initiative_milestone_done(struct store *s, int64_t id,
    int64_t number, int64_t at, struct tld_error *err);
typedef int (*store_milestone_cb)(void *ctx,
    const struct initiative_milestone *m);
/* The milestones of initiative id by number, with their meeting's date. */
int store_initiative_milestone_each(struct store *s, int64_t id,
    store_milestone_cb cb, void *ctx, struct tld_error *err);
/* TLD_EEXIST naming "doc" when that document is a deliverable already. */
int store_initiative_deliverable_insert(struct store *s, int64_t id,
    const char *slug, int64_t at, struct tld_error *err);
/* The deliverables (document slugs) of initiative id by slug. */
int store_initiative_deliverable_each(struct store *s, int64_t id,
    store_text_cb cb, void *ctx, struct tld_error *err);

#endif
