/* SPDX-License-Identifier: MIT */
/*
 * Contact use cases: add, update, remove, with the community's rules —
 * the ccTLD is delegated, one address per person, at most
 * [policy] max_contacts_per_cctld per ccTLD, no role addresses without a
 * generic-contact exception — and membership following the contacts (a
 * ccTLD is a member while it has an active contact).  Each call is one
 * transaction with its audit rows.
 */
#ifndef TLD_SERVICE_CONTACTS_H
#define TLD_SERVICE_CONTACTS_H

#include <stdint.h>

#include "model/contact.h"
#include "service/context.h"
#include "store/contact_store.h"
#include "store/contact_store.h"

/* Add a contact from fields (cctld, name, email, phone required); fills *out. */
int contacts_add(struct tld_ctx *ctx, const struct contact_fields *f,
    struct contact *out, struct tld_error *err);

/* Change the given fields of contact id; fills *out with the result. */
int contacts_update(struct tld_ctx *ctx, int64_t id,
    const struct contact_fields *f, struct contact *out,
    struct tld_error *err);

/* The active contact id into *out; TLD_ENOTFOUND naming "id" when none. */
int contacts_get(struct tld_ctx *ctx, int64_t id, struct contact *out,
    struct tld_error *err);

/* Active contacts of one ccTLD (A-label) or all (NULL), by ccTLD then id. */
int contacts_each(struct tld_ctx *ctx, const char *cctld, store_contact_cb cb,
    void *cb_ctx, struct tld_error *err);

/*
 * The active contacts that look generic (role addresses such as security@),
 * each with the generic-contact exception that covers it, or null: a JSON
 * array of contact objects with an "exception" member.  *out is new.
 */
int contacts_generic_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);

/*
 * The community's contacts (the IANA root contact, liaisons, staff) as a
 * JSON array of contact objects, by affiliation; one whose address is
 * covered by a generic-contact exception has it as "exception" ({id,
 * reason, approved_by}).  *out is new.
 */
int contacts_community_json(struct tld_ctx *ctx, json_t **out,
    struct tld_error *err);

/* Remove contact id for a reason (kept in history and the audit log). */
int contacts_remove(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err);

/*
 * Inside an open transaction: validate a new contact against the rules and
 * insert it with its audit row and membership change ("via" names the
 * source in the audit row, e.g. "cli" or "import").  Used by contacts_add
 * and the CSV import so both apply the same rules.
 */
int contacts_insert_in_txn(struct tld_ctx *ctx, struct contact *c,
    const char *via, struct tld_error *err);
/*
 * Remembers between the inserts of one transaction what the rules read per
 * ccTLD — its row and, under a cap, its number of active contacts — as the
 * transaction itself changes them, so a 100k-line import reads each once
 * instead of once per line (on PostgreSQL a round trip each).  Valid only
 * inside the one transaction in which every change to contacts and
 * memberships goes through contacts_insert_batch(); free it when it ends.
 */
struct contacts_batch;
struct store_import;

struct contacts_batch *contacts_batch_new(void);
void contacts_batch_free(struct contacts_batch *b);

/* contacts_insert_in_txn() for the batch b (NULL: none). */
int contacts_insert_batch(struct tld_ctx *ctx, struct contacts_batch *b,
    struct contact *c, const char *via, struct tld_error *err);

/*
 * contacts_insert_batch() into a bulk import (store/import_store.h, where
 * store_import_bulk()): the same rules in the same order, but the address
 * is checked for all lines at once by store_import_stage(), the contact
 * and its audit row are gathered in imp, and the memberships are brought
 * in line by contacts_batch_sync() once the rows are written.  c->id is
 * set; line is the CSV line that store_import_stage() names.
 */
int contacts_stage_batch(struct tld_ctx *ctx, struct contacts_batch *b,
    struct store_import *imp, size_t line, struct contact *c, const char *via,
    struct tld_error *err);
/* The membership of each ccTLD that contacts_stage_batch() gave a first contact. */
int contacts_batch_sync(struct tld_ctx *ctx, struct contacts_batch *b,
    struct tld_error *err);

/* The same rules for an update and a removal, inside an open transaction. */
int contacts_update_in_txn(struct tld_ctx *ctx, int64_t id,
    const struct contact_fields *f, struct contact *out, struct tld_error *err);
int contacts_remove_in_txn(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err);

/*
 * Check a new contact against the rules without writing anything (the
 * approver's view of a join request); returns the first broken rule.
 */
int contacts_check_new(struct tld_ctx *ctx, const struct contact *c,
    struct tld_error *err);

#define CONTACTS_PAGE_MAX 500

/*
 * The secretariat's list: the active contacts matching q (its ccTLD in any
 * form cctlds_resolve() takes, its region one of AF AP EU LAC NA), sorted,
 * one page, each to cb; *total: how many match in all.  q->bounce_since is
 * set here: the start of [list] bounce_window_days (bounces filters on the
 * bounces of that window).  A bad filter is refused naming "cctld",
 * "region", "limit" or "offset".
 */
int contacts_query(struct tld_ctx *ctx, const struct contact_query *q,
    store_contact_listed_cb cb, void *cb_ctx, int64_t *total,
    struct tld_error *err);

#endif
