/* SPDX-License-Identifier: MIT */
/*
 * Backup and copy of the whole repository (docs/operations.md); store_backup is in store.c.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_COPY_STORE_H
#define TLD_STORE_COPY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"
#include "util/progress.h"

/*
 * SQLite: write a consistent copy of the live repository to path (mode
 * 0600), atomically replacing it, while others keep writing.  TLD_EINVAL on
 * PostgreSQL, whose server tools (pg_dump) do this.
 */
int store_backup(struct store *s, const char *path, struct tld_error *err);

struct store_copy_table {
	char name[64];
	int64_t rows;
	unsigned char sha256[32]; /* order-independent checksum of the rows */
};
struct store_copy_report {
	size_t ntables;
	struct store_copy_table *tables; /* owned; store_copy_report_fini() */
	int64_t rows;
};
/*
 * Copy every table of from (SQLite) into to (PostgreSQL with the same
 * schema and no rows) in one transaction on to, then compare each table's
 * row count and checksum on both sides and commit only if all agree.
 * TLD_EEXIST when to holds data, TLD_ECONFLICT when the verification
 * fails; nothing is left in to on failure.  rep is filled on success.
 * p (NULL: nobody) is told each row copied, of all the source's rows
 * (util/progress.h); the verification after the copy is not counted.
 */
int store_copy(struct store *from, struct store *to, const struct progress *p,
    struct store_copy_report *rep, struct tld_error *err);
void store_copy_report_fini(struct store_copy_report *rep);

#endif
