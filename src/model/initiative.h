/* SPDX-License-Identifier: MIT */
/*
 * The committee's initiatives as rules without I/O: the words their kind
 * and state may be, and the flags an initiative raises (docs/meetings.md):
 *
 * - needs a lead: no lead;
 * - overdue milestone: a milestone not done whose meeting's day is over;
 * - idle: `limit` meetings in a row went by without progress (a milestone
 *   done, a change of state, lead or team).
 *
 * Only an active or paused initiative raises flags: a stopped or done one
 * is finished business.
 */
#ifndef TLD_MODEL_INITIATIVE_H
#define TLD_MODEL_INITIATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/states.h"

/* The words, in the order a form offers them. */
extern const char *const initiative_kinds[];   /* workshop, playbook, outreach, other */
extern const size_t initiative_nkinds;
extern const char *const initiative_states[];  /* active, paused, stopped, done */
extern const size_t initiative_nstates;

bool initiative_kind_valid(const char *s);
bool initiative_state_valid(const char *s);

/* One milestone as the flags see it. */
struct initiative_due {
	int64_t due_date;       /* its meeting's date */
	bool done;              /* at the moment the flags are for */
};

struct initiative_facts {
	const char *state;
	bool has_lead;
	int64_t last_progress;  /* newest progress, or the creation */
	const struct initiative_due *due;
	size_t ndue;
	const int64_t *meetings; /* every meeting's date, ascending */
	size_t nmeetings;
	int64_t at;             /* the moment the flags are for */
	int64_t idle_limit;     /* [policy] initiative_idle_meetings */
};

struct initiative_flags {
	bool needs_lead;
	size_t overdue;         /* how many milestones are overdue */
	int64_t idle_meetings;  /* meetings without progress (always counted) */
	bool idle;              /* idle_meetings >= idle_limit */
	size_t nflags;          /* how many of the three are raised */
};

/* Whether the initiative is still going (active or paused). */
bool initiative_is_open(const char *state);

/* Work out the flags of f into *out. */
void initiative_flags_compute(const struct initiative_facts *f,
    struct initiative_flags *out);

#endif
