/* SPDX-License-Identifier: MIT */
/* The words of outreach events. */
#include "model/event.h"

#include <string.h>

const char *const event_modes[] = { "in-person", "remote" };
const size_t event_nmodes = sizeof(event_modes) / sizeof(event_modes[0]);

bool
event_mode_valid(const char *s)
{
	for (size_t i = 0; i < event_nmodes; i++)
		if (strcmp(s, event_modes[i]) == 0)
			return true;
	return false;
}

const char *const event_outcomes[] = { "joined", "interested", "declined" };
const size_t event_noutcomes = sizeof(event_outcomes) / sizeof(event_outcomes[0]);

bool
event_outcome_valid(const char *s)
{
	for (size_t i = 0; i < event_noutcomes; i++)
		if (strcmp(s, event_outcomes[i]) == 0)
			return true;
	return false;
}
