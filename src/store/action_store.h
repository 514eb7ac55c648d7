/* SPDX-License-Identifier: MIT */
/*
 * Action items and their notes.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_ACTION_STORE_H
#define TLD_STORE_ACTION_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

#define ACTION_TEXT_MAX 200   /* title, owner */
#define ACTION_NOTE_MAX 1000

struct action_item {
	int64_t number;
	char title[ACTION_TEXT_MAX + 1];
	char owner[ACTION_TEXT_MAX + 1];
	bool closed;
	int64_t opened;
	int64_t closed_at;      /* 0 while open */
	char created_by[128];
};
struct action_note {
	int64_t id;
	int64_t number;
	int64_t at;
	char author[128];
	char text[ACTION_NOTE_MAX + 1];
};
/* TLD_EEXIST naming "number" when the number is taken. */
int store_action_insert(struct store *s, const struct action_item *a,
    struct tld_error *err);
/* The highest number in use (0 when none). */
int store_action_max_number(struct store *s, int64_t *max,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "number" when there is no such item. */
int store_action_get(struct store *s, int64_t number, struct action_item *out,
    struct tld_error *err);
int store_action_set_state(struct store *s, int64_t number, bool closed,
    int64_t closed_at, struct tld_error *err);
/* Set the title and owner of item number. */
int store_action_update(struct store *s, int64_t number, const char *title,
    const char *owner, struct tld_error *err);
typedef int (*store_action_cb)(void *ctx, const struct action_item *a);
/* Items by number: all (state 0), open (1) or closed (-1). */
int store_action_each(struct store *s, int state, store_action_cb cb,
    void *ctx, struct tld_error *err);
/* Append a note; sets n->id. */
int store_action_note_insert(struct store *s, struct action_note *n,
    struct tld_error *err);
typedef int (*store_action_note_cb)(void *ctx, const struct action_note *n);
/* The notes of item number (every item's when 0), by number, oldest first. */
int store_action_note_each(struct store *s, int64_t number,
    store_action_note_cb cb, void *ctx, struct tld_error *err);

#endif
