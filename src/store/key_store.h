/* SPDX-License-Identifier: MIT */
/*
 * Key lifecycle: the asks to renew an OpenPGP key that expires soon, one
 * per contact, key and expiry.  Conventions as in store/store.h.
 */
#ifndef TLD_STORE_KEY_STORE_H
#define TLD_STORE_KEY_STORE_H

#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

/*
 * Record that contact_id was asked at `asked` to renew key fpr, which
 * expires at `expires`.  1 when recorded now, 0 when that ask was already
 * made (by this run or another worker's), < 0 on error.
 */
int store_key_renewal_ask(struct store *s, int64_t contact_id,
    const char *fpr, int64_t expires, int64_t asked, struct tld_error *err);

#endif
