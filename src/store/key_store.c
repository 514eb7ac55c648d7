/* SPDX-License-Identifier: MIT */
/* Asks to renew an expiring key (store/key_store.h). */
#include "store/key_store.h"
#include "store/store_internal.h"

static const char SQL_ASK[] =
    "INSERT INTO key_renewal_ask (contact_id, fingerprint, expires, asked) "
    "VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (contact_id, fingerprint, expires) DO NOTHING "
    "RETURNING contact_id";

int
store_key_renewal_ask(struct store *s, int64_t contact_id, const char *fpr,
    int64_t expires, int64_t asked, struct tld_error *err)
{
	struct db_stmt *st = store_stmt(s, SQL_ASK, err);

	if (st == NULL)
		return TLD_ESTORE;
	bind_int(s, st, 1, contact_id);
	bind_text(s, st, 2, fpr);
	bind_int(s, st, 3, expires);
	bind_int(s, st, 4, asked);
	return store_step_row(s, st, err);
}
