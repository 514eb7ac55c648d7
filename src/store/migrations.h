/* SPDX-License-Identifier: MIT */
/*
 * The numbered schema migrations of src/store/schema/, compiled into the
 * binary by scripts/embed-schema.  Each is applied once, in order, in its own
 * transaction, and recorded in schema_migration.  {{TOKEN}} placeholders are
 * replaced per dialect (db_driver.dialect_subst).
 */
#ifndef TLD_STORE_MIGRATIONS_H
#define TLD_STORE_MIGRATIONS_H

#include <stddef.h>

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const size_t migrations_count;

#endif
