/* SPDX-License-Identifier: MIT */
/*
 * The standing committee's action items: numbered like the community's
 * own list (numbering continues from the highest number, or is given to
 * continue it, e.g. from 89), with an owner, open/closed state and dates,
 * and notes that are only ever appended.  Each change is one transaction
 * with its audit row.  Listed as JSON and exported as a Markdown table for
 * the minutes.  Rules in docs/collateral.md.
 */
#ifndef TLD_SERVICE_ACTIONS_H
#define TLD_SERVICE_ACTIONS_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"
#include "store/action_store.h"
#include "util/buf.h"

#define ACTION_NUMBER_MAX 999999

/* Which items a listing shows. */
enum action_filter { ACTION_FILTER_ALL, ACTION_FILTER_OPEN, ACTION_FILTER_CLOSED };

/* Parse an action number (1..ACTION_NUMBER_MAX) from text; field "number". */
int actions_parse_number(const char *s, int64_t *out, struct tld_error *err);

/*
 * Open a new item: title required, owner optional (NULL or ""); number 0
 * takes the highest number + 1, another number is used as given unless it
 * is taken (TLD_EEXIST naming "number").  *out is the stored item.
 */
int actions_add(struct tld_ctx *ctx, const char *title, const char *owner,
    int64_t number, struct action_item *out, struct tld_error *err);

/* Close an open item, with an optional note (NULL); naming "number" when unknown or closed. */
int actions_close(struct tld_ctx *ctx, int64_t number, const char *note,
    struct tld_error *err);
/* Reopen a closed item. */
int actions_reopen(struct tld_ctx *ctx, int64_t number, struct tld_error *err);
/*
 * Change an item's title (NULL: as it is) and owner (NULL: as it is, ""
 * clears it), open or closed; nothing given is TLD_EINVAL naming "title",
 * an unknown number TLD_ENOTFOUND naming "number".  *out (may be NULL) is
 * the item as stored.
 */
int actions_edit(struct tld_ctx *ctx, int64_t number, const char *title,
    const char *owner, struct action_item *out, struct tld_error *err);
/* Append a note (field "note") to an item, open or closed. */
int actions_note(struct tld_ctx *ctx, int64_t number, const char *text,
    struct tld_error *err);

/*
 * The items as a JSON array of objects: number, title, owner, state
 * ("open"/"closed"), opened, closed (ISO 8601 UTC or null), notes (array
 * of {at, author, text}, oldest first).  *out is the caller's.
 */
int actions_list(struct tld_ctx *ctx, enum action_filter filter,
    json_t **out, struct tld_error *err);
/* One item as actions_list() shows it (with its notes); *out is the caller's. */
int actions_show(struct tld_ctx *ctx, int64_t number, json_t **out,
    struct tld_error *err);
/*
 * The same as a Markdown table for the minutes (columns #, Action, Owner,
 * State, Opened, Closed, Notes; "|" and "\" escaped), appended to out.
 */
int actions_markdown(struct tld_ctx *ctx, enum action_filter filter,
    struct buf *out, struct tld_error *err);

#endif
