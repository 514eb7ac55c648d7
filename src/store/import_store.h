/* SPDX-License-Identifier: MIT */
/*
 * A bulk import in one transaction where the backend has COPY
 * (PostgreSQL): the service checks each row, takes its id from the
 * contact sequence (store_import_next_id()) and hands it here with its
 * line number and its audit row; this gathers them in memory in COPY's
 * text format and writes them at the end: the contacts into a temporary
 * staging table, one query for the addresses already taken (by an active
 * contact or an earlier line of the same import), then one INSERT ...
 * SELECT and one COPY of the audit rows.  Conventions as in store/store.h.
 */
#ifndef TLD_STORE_IMPORT_STORE_H
#define TLD_STORE_IMPORT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/contact.h"
#include "store/audit_store.h"
#include "store/store.h"
#include "util/error.h"

struct store_import;

/* Whether s imports in bulk (the driver has COPY). */
bool store_import_bulk(const struct store *s);

/* A new, empty bulk import on s (store_import_bulk() true), in its transaction. */
struct store_import *store_import_new(struct store *s);
void store_import_free(struct store_import *imp);

/* The next id of the contact sequence (taken 4,096 at a time). */
int store_import_next_id(struct store_import *imp, int64_t *id,
    struct tld_error *err);

/*
 * Gather contact c (c->id from store_import_next_id()) of CSV line `line`;
 * with ok false, a line refused for another reason whose address is only
 * checked (never written, never the holder of an address).
 */
void store_import_add_contact(struct store_import *imp, size_t line,
    const struct contact *c, bool ok);

/* Gather an audit row (e->id unused). */
void store_import_add_audit(struct store_import *imp,
    const struct audit_entry *e);

/*
 * One staged contact whose address is taken: its line and address, and the
 * contact that holds it (an active one, else the earliest line before it).
 */
struct store_import_conflict {
	size_t line;
	bool ok;                /* as given to store_import_add_contact() */
	const char *email;      /* borrowed during the callback */
	int64_t other_id;       /* the contact that has it, and whose it is: */
	const char *other_cctld;        /* NULL for a community contact */
	const char *other_affiliation;
	const char *other_kind;
};
typedef int (*store_import_conflict_cb)(void *ctx,
    const struct store_import_conflict *c);

/*
 * Copy the gathered contacts into the staging table and call cb for each
 * one whose address is taken, by line; returns how many there were.
 */
int store_import_stage(struct store_import *imp, store_import_conflict_cb cb,
    void *ctx, struct tld_error *err);

/* After store_import_stage() found none: write the contacts and audit rows. */
int store_import_write(struct store_import *imp, struct tld_error *err);

#endif
