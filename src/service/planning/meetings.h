/* SPDX-License-Identifier: MIT */
/*
 * Meetings as first-class records (docs/meetings.md): a name, a day and a
 * place.  Objectives and milestones name a meeting, and "since the last
 * meeting" means since the date of the meeting before.  Adding one is a
 * transaction with its "meeting.add" audit row; meetings are not edited.
 */
#ifndef TLD_SERVICE_MEETINGS_H
#define TLD_SERVICE_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "store/meeting_store.h"

/*
 * Add a meeting: name (field "name": text, at most MEETING_NAME_MAX bytes,
 * trimmed; TLD_EEXIST when taken), date "YYYY-MM-DD" (field "date"; one
 * meeting a day), place (may be NULL; field "place").  Past dates are
 * fine: the history is recorded too.  *out (may be NULL) is the stored row.
 */
int meetings_add(struct tld_ctx *ctx, const char *name, const char *date,
    const char *place, struct meeting *out, struct tld_error *err);

/*
 * The meeting called name (trimmed) into *out; TLD_EINVAL or TLD_ENOTFOUND
 * naming `field` (the option the name came from: "meeting", "due", ...).
 */
int meetings_get(struct tld_ctx *ctx, const char *field, const char *name,
    struct meeting *out, struct tld_error *err);

/* Every meeting, by date. */
struct meeting_calendar {
	struct meeting *m;      /* owned: meetings_calendar_fini() */
	size_t n;
	int64_t *dates;         /* m[i].date, for meeting_idle_count() */
};
int meetings_calendar(struct tld_ctx *ctx, struct meeting_calendar *out,
    struct tld_error *err);
void meetings_calendar_fini(struct meeting_calendar *c);
/* The meeting called name in c, or NULL. */
const struct meeting *meetings_find(const struct meeting_calendar *c,
    const char *name);
/* The meeting before m (by date) in c, or NULL when m is the first. */
const struct meeting *meetings_before(const struct meeting_calendar *c,
    const struct meeting *m);

/* {name, date ("YYYY-MM-DD"), place} of a meeting; new reference. */
json_t *meetings_to_json(const struct meeting *m);

/*
 * Every meeting by date as a JSON array of {name, date, place, past (its
 * day is over now), created, created_by}.  *out is new.
 */
int meetings_list_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);

/* "YYYY-MM-DD" of t into out (at least 11 bytes). */
void meetings_format_day(int64_t t, char *out, size_t outlen);

#endif
