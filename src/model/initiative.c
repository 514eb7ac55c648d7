/* SPDX-License-Identifier: MIT */
/* The words of initiatives and their flags. */
#include "model/initiative.h"

#include <string.h>

#include "model/meeting.h"

static bool
one_of(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return true;
	return false;
}

const char *const initiative_kinds[] = {
	"workshop", "playbook", "outreach", "other",
};
const size_t initiative_nkinds = sizeof(initiative_kinds) /
    sizeof(initiative_kinds[0]);

const char *const initiative_states[] = {
	"active", "paused", "stopped", "done",
};
const size_t initiative_nstates = sizeof(initiative_states) /
    sizeof(initiative_states[0]);

int
initiative_state_from(const char *s)
{
	return states_find(initiative_states, initiative_nstates, s);
}

bool
initiative_kind_valid(const char *s)
{
	return one_of(s, initiative_kinds, initiative_nkinds);
}

bool
initiative_state_valid(const char *s)
{
	return one_of(s, initiative_states, initiative_nstates);
}

bool
initiative_is_open(const char *state)
{
	int st = initiative_state_from(state);

	return st == INITIATIVE_ACTIVE || st == INITIATIVE_PAUSED;
}

void
initiative_flags_compute(const struct initiative_facts *f,
    struct initiative_flags *out)
{
	memset(out, 0, sizeof(*out));
	out->idle_meetings = meeting_idle_count(f->meetings, f->nmeetings,
	    f->last_progress, f->at);
	if (!initiative_is_open(f->state))
		return;
	out->needs_lead = !f->has_lead;
	for (size_t i = 0; i < f->ndue; i++)
		if (!f->due[i].done && meeting_is_past(f->due[i].due_date, f->at))
			out->overdue++;
	out->idle = f->idle_limit > 0 && out->idle_meetings >= f->idle_limit;
	out->nflags = out->needs_lead + (out->overdue > 0) + out->idle;
}
