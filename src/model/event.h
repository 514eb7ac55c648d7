/* SPDX-License-Identifier: MIT */
/* The words of outreach events (docs/meetings.md).  No I/O. */
#ifndef TLD_MODEL_EVENT_H
#define TLD_MODEL_EVENT_H

#include <stdbool.h>

/* in-person, remote */
bool event_mode_valid(const char *s);
/* joined, interested, declined */
bool event_outcome_valid(const char *s);

#endif
