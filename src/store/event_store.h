/* SPDX-License-Identifier: MIT */
/*
 * Outreach events: invitations, presenters, materials.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_EVENT_STORE_H
#define TLD_STORE_EVENT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "store/store.h"
#include "util/error.h"

#define EVENT_TITLE_MAX 200
#define EVENT_PLACE_MAX 200
#define EVENT_NAME_MAX 128      /* organiser, presenter */

struct event {
	int64_t id;
	char title[EVENT_TITLE_MAX + 1];
	int64_t date;           /* 00:00 UTC of its day */
	char place[EVENT_PLACE_MAX + 1];
	char organiser[EVENT_NAME_MAX + 1];
	int64_t created;
	char created_by[128];
};
struct event_invite {
	int64_t event;
	char cctld[CCTLD_CODE_MAX + 1];
	int64_t invited;
	char outcome[12];       /* "", joined, interested, declined */
	int64_t outcome_at;     /* 0 while none */
};
/* Sets e->id. */
int store_event_insert(struct store *s, struct event *e,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "event" when there is no such event. */
int store_event_get(struct store *s, int64_t id, struct event *out,
    struct tld_error *err);
typedef int (*store_event_cb)(void *ctx, const struct event *e);
/* Every event by date, then id. */
int store_event_each(struct store *s, store_event_cb cb, void *ctx,
    struct tld_error *err);
/* TLD_EEXIST naming "cctld" when invited already. */
int store_event_invite_insert(struct store *s, int64_t event,
    const char *code, int64_t at, struct tld_error *err);
/* Set the outcome of an invited ccTLD; TLD_ENOTFOUND naming "cctld". */
int store_event_invite_outcome(struct store *s, int64_t event,
    const char *code, const char *outcome, int64_t at, struct tld_error *err);
typedef int (*store_invite_cb)(void *ctx, const struct event_invite *i);
/* The ccTLDs invited to event, by code. */
int store_event_invite_each(struct store *s, int64_t event,
    store_invite_cb cb, void *ctx, struct tld_error *err);
/* Insert or change a presenter's mode. */
int store_event_presenter_put(struct store *s, int64_t event,
    const char *name, const char *mode, int64_t at, struct tld_error *err);
/* The presenters of event by name: cb(ctx, name, mode). */
int store_event_presenter_each(struct store *s, int64_t event,
    store_pair_cb cb, void *ctx, struct tld_error *err);
/* TLD_EEXIST naming "lang" when that document and language are listed. */
int store_event_material_insert(struct store *s, int64_t event,
    const char *slug, const char *lang, int64_t at, struct tld_error *err);
/* The materials of event by slug, language: cb(ctx, slug, lang). */
int store_event_material_each(struct store *s, int64_t event,
    store_pair_cb cb, void *ctx, struct tld_error *err);

#endif
