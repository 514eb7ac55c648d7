/* SPDX-License-Identifier: MIT */
/* The words of outreach events (docs/meetings.md).  No I/O. */
#ifndef TLD_MODEL_EVENT_H
#define TLD_MODEL_EVENT_H

#include <stdbool.h>
#include <stddef.h>

/* How a presenter presents, in the order a form offers them. */
extern const char *const event_modes[];        /* in-person, remote */
extern const size_t event_nmodes;
bool event_mode_valid(const char *s);
/* The outcomes of an invitation, in the order a form offers them. */
extern const char *const event_outcomes[];     /* joined, interested, declined */
extern const size_t event_noutcomes;
bool event_outcome_valid(const char *s);

#endif
