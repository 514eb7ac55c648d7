/* SPDX-License-Identifier: MIT */
/*
 * ccTLD rows: the IANA reference and the membership fields.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_CCTLD_STORE_H
#define TLD_STORE_CCTLD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "store/store.h"
#include "util/error.h"

/* Insert or refresh a reference row; membership fields are kept. */
int store_cctld_put_reference(struct store *s, const struct cctld *c,
    struct tld_error *err);
/*
 * code is a normalised A-label.  TLD_ENOTFOUND when unknown.  out->contacts
 * is left 0 (store_contact_count_cctld() counts them).
 */
int store_cctld_get(struct store *s, const char *code, struct cctld *out,
    struct tld_error *err);

struct cctld_filter {
	int members;        /* 1 members only, -1 non-members only, 0 all */
	const char *region; /* NULL for all */
};
typedef int (*store_cctld_cb)(void *ctx, const struct cctld *c);
/* Calls cb for each matching ccTLD by code; a negative cb result stops and is returned. */
int store_cctld_each(struct store *s, const struct cctld_filter *f,
    store_cctld_cb cb, void *ctx, struct tld_error *err);
int store_cctld_set_membership(struct store *s, const char *code,
    int64_t member_since, int64_t left_at, struct tld_error *err);

#endif
