/* SPDX-License-Identifier: MIT */
/*
 * Objectives of a meeting.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_OBJECTIVE_STORE_H
#define TLD_STORE_OBJECTIVE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

#define OBJECTIVE_MEETING_MAX 100
#define OBJECTIVE_TEXT_MAX 500

struct objective {
	int64_t id;
	char meeting[OBJECTIVE_MEETING_MAX + 1];
	char text[OBJECTIVE_TEXT_MAX + 1];
	char state[8];          /* open, met, missed */
	char target[64];        /* '' or "members +3", "contacts 120", "milestone 3:2" */
	int64_t created;
	int64_t updated;
};
/* Sets o->id. */
int store_objective_insert(struct store *s, struct objective *o,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "id" when there is no such objective. */
int store_objective_get(struct store *s, int64_t id, struct objective *out,
    struct tld_error *err);
int store_objective_set_state(struct store *s, int64_t id, const char *state,
    int64_t at, struct tld_error *err);
int store_objective_set_text(struct store *s, int64_t id, const char *text,
    int64_t at, struct tld_error *err);
typedef int (*store_objective_cb)(void *ctx, const struct objective *o);
/* Objectives of one meeting (all when NULL), by id. */
int store_objective_each(struct store *s, const char *meeting,
    store_objective_cb cb, void *ctx, struct tld_error *err);

#endif
