/* SPDX-License-Identifier: MIT */
/* Backup of an SQLite repository; migration from SQLite to PostgreSQL. */
#include "service/maintenance.h"
#include "store/copy_store.h"

#include <string.h>
#include <sys/stat.h>

#include "util/log.h"

static bool
is_postgresql(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0;
}

int
maintenance_backup(struct tld_ctx *ctx, const char *db, const char *path,
    struct tld_error *err)
{
	struct stat a, b;

	if (*path == '\0')
		return tld_error_set(err, TLD_EINVAL, "file", "no backup file given");
	if (strncmp(db, "sqlite:", 7) == 0)
		db += 7;
	/* Renaming the copy over the live file would lose every later write. */
	if (!is_postgresql(db) && stat(db, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return tld_error_set(err, TLD_EINVAL, "file",
		    "%s is the repository itself", path);
	return store_backup(ctx->store, path, err);
}

int
maintenance_migrate(const char *from, const char *to,
    const struct progress *p, struct store_copy_report *rep,
    struct tld_error *err)
{
	struct store *src = NULL, *dst = NULL;
	int rc;

	if (is_postgresql(from))
		return tld_error_set(err, TLD_EINVAL, "from",
		    "the source must be an SQLite file (sqlite:FILE)");
	if (!is_postgresql(to))
		return tld_error_set(err, TLD_EINVAL, "to",
		    "the target must be a postgresql:// URI");
	if ((rc = store_open(from, false, &src, err)) < 0)
		goto out;
	/* create: the database exists, its tables do not yet. */
	if ((rc = store_open(to, true, &dst, err)) < 0)
		goto out;
	rc = store_copy(src, dst, p, rep, err);
	if (rc == 0)
		log_info("service", "migrated %zu tables, %lld rows to PostgreSQL",
		    rep->ntables, (long long)rep->rows);
out:
	store_close(dst);
	store_close(src);
	return rc;
}

void
maintenance_report_fini(struct store_copy_report *rep)
{
	store_copy_report_fini(rep);
}

int
maintenance_schema(struct tld_ctx *ctx, int *current, int *latest,
    struct tld_error *err)
{
	return store_schema_version(ctx->store, current, latest, err);
}
