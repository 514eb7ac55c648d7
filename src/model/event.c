/* SPDX-License-Identifier: MIT */
/* The words of outreach events. */
#include "model/event.h"

#include <string.h>

bool
event_mode_valid(const char *s)
{
	return strcmp(s, "in-person") == 0 || strcmp(s, "remote") == 0;
}

bool
event_outcome_valid(const char *s)
{
	return strcmp(s, "joined") == 0 || strcmp(s, "interested") == 0 ||
	    strcmp(s, "declined") == 0;
}
