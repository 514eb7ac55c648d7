/* SPDX-License-Identifier: MIT */
/*
 * Meetings, and the history of the records the meeting pack replays.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_MEETING_STORE_H
#define TLD_STORE_MEETING_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit_store.h"
#include "store/objective_store.h"
#include "store/store.h"
#include "util/error.h"

#define MEETING_NAME_MAX OBJECTIVE_MEETING_MAX
#define MEETING_PLACE_MAX 200

struct meeting {
	char name[MEETING_NAME_MAX + 1];
	int64_t date;           /* 00:00 UTC of its day */
	char place[MEETING_PLACE_MAX + 1];
	int64_t created;
	char created_by[128];
};
/* TLD_EEXIST naming "name" (the name) or "date" (that day) when taken. */
int store_meeting_insert(struct store *s, const struct meeting *m,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "meeting" when there is no meeting of that name. */
int store_meeting_get(struct store *s, const char *name, struct meeting *out,
    struct tld_error *err);
typedef int (*store_meeting_cb)(void *ctx, const struct meeting *m);
/* Every meeting by date. */
int store_meeting_each(struct store *s, store_meeting_cb cb, void *ctx,
    struct tld_error *err);

/*
 * The audit rows of one object type (and one object when object_id is not
 * NULL) with at < until (0: all), in the order they were written (id):
 * the history the meeting pack replays.  A negative cb result stops and is
 * returned.
 */
int store_audit_object_each(struct store *s, const char *object_type,
    const char *object_id, int64_t until, store_audit_cb cb, void *ctx,
    struct tld_error *err);
/*
 * For each initiative, the time of its newest audit row with one of the
 * progress actions (initiative.lead, .team, .milestone_done, .state) and
 * at < until (0: all): cb(ctx, id as text, at).
 */
int store_initiative_progress_each(struct store *s, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err);

#endif
