/* SPDX-License-Identifier: MIT */
/*
 * Looking after the repository itself: an online backup of an SQLite
 * repository, and moving a repository from SQLite to PostgreSQL
 * (docs/operations.md).
 */
#ifndef TLD_SERVICE_MAINTENANCE_H
#define TLD_SERVICE_MAINTENANCE_H

#include "service/context.h"
#include "store/copy_store.h"
#include "store/store.h"

/*
 * Write a consistent copy of the open repository (db names it, as given to
 * store_open()) to path, replacing path atomically.  Refuses path when it is
 * the repository itself, and on PostgreSQL (use pg_dump).
 */
int maintenance_backup(struct tld_ctx *ctx, const char *db, const char *path,
    struct tld_error *err);

/*
 * Copy the SQLite repository `from` ("sqlite:FILE" or a path) into the
 * PostgreSQL database `to` (a postgresql:// URI; the database exists and
 * holds no data; its tables are created here), verifying counts and
 * checksums.  rep is filled on success (maintenance_report_fini()).  p
 * (NULL: nobody) is told how many rows are copied (store_copy()).
 */
int maintenance_migrate(const char *from, const char *to,
    const struct progress *p, struct store_copy_report *rep,
    struct tld_error *err);
/* Free what maintenance_migrate() put in rep. */
void maintenance_report_fini(struct store_copy_report *rep);

/*
 * The open repository's schema version and the newest this build knows
 * (the health check: ready when they are equal).
 */
int maintenance_schema(struct tld_ctx *ctx, int *current, int *latest,
    struct tld_error *err);

#endif
