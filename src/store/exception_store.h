/* SPDX-License-Identifier: MIT */
/*
 * Generic-contact exceptions: role addresses the committee allowed.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_EXCEPTION_STORE_H
#define TLD_STORE_EXCEPTION_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

struct generic_exception {
	int64_t id;
	char email[256];
	char reason[512];
	char approved_by[128];
	int64_t created;
	/*
	 * Read by store_exception_each(): the active contact with this
	 * address, which the exception stands for (0 and "" when none).
	 */
	int64_t contact_id;
	char contact_cctld[64];
	char contact_kind[16];
	char contact_affiliation[512];
};
int store_exception_insert(struct store *s, struct generic_exception *e,
    struct tld_error *err);
/* Whether an active exception covers this email (case-insensitive). */
int store_exception_covers(struct store *s, const char *email, bool *covered,
    struct tld_error *err);
/*
 * Revoke active exception id at `when`; *e gets what it was.  Returns 1,
 * or 0 when there is no active exception with that id.
 */
int store_exception_revoke(struct store *s, int64_t id, int64_t when,
    struct generic_exception *e, struct tld_error *err);
typedef int (*store_exception_cb)(void *ctx, const struct generic_exception *e);
int store_exception_each(struct store *s, store_exception_cb cb, void *ctx,
    struct tld_error *err);

#endif
