/* SPDX-License-Identifier: MIT */
/*
 * Outreach to non-member ccTLDs: owner, state, notes.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_OUTREACH_STORE_H
#define TLD_STORE_OUTREACH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "store/store.h"
#include "util/error.h"

#define OUTREACH_OWNER_MAX 128
#define OUTREACH_NOTE_MAX 1000

/* A ccTLD's outreach row; note fields are its newest note. */
struct outreach_row {
	char cctld[CCTLD_CODE_MAX + 1];
	char owner[OUTREACH_OWNER_MAX + 1];
	char state[12];          /* none contacted interested declined joined */
	int64_t updated;         /* 0 when the ccTLD has no row */
	char updated_by[128];
	char note[OUTREACH_NOTE_MAX + 1];
	int64_t note_at;         /* 0 when there is no note */
	char note_by[128];
	int64_t notes;           /* how many notes */
};
/* TLD_ENOTFOUND when the ccTLD has no outreach row yet. */
int store_outreach_get(struct store *s, const char *code,
    struct outreach_row *out, struct tld_error *err);
/* Insert or replace owner, state, updated, updated_by of r->cctld. */
int store_outreach_put(struct store *s, const struct outreach_row *r,
    struct tld_error *err);
int store_outreach_note_insert(struct store *s, const char *code, int64_t at,
    const char *author, const char *text, struct tld_error *err);
typedef int (*store_outreach_cb)(void *ctx, const struct cctld *c,
    const struct outreach_row *o);
/*
 * The non-member ccTLDs and every ccTLD with an outreach row, of one region
 * (NULL: all), by code, each with its row (zeroed, state "none", when it
 * has none).  c->contacts is not filled.
 */
int store_outreach_each(struct store *s, const char *region,
    store_outreach_cb cb, void *ctx, struct tld_error *err);
struct outreach_note {
	int64_t id;
	int64_t at;
	const char *author;      /* borrowed in callbacks */
	const char *text;
};
typedef int (*store_outreach_note_cb)(void *ctx, const struct outreach_note *n);
/* The notes of a ccTLD, oldest first. */
int store_outreach_notes_each(struct store *s, const char *code,
    store_outreach_note_cb cb, void *ctx, struct tld_error *err);

#endif
