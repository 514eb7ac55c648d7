/* SPDX-License-Identifier: MIT */
/*
 * Active and removed contacts of the repository.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_CONTACT_STORE_H
#define TLD_STORE_CONTACT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/contact.h"
#include "store/store.h"
#include "util/error.h"

/*
 * Insert c (id, created, updated set by the caller except id); sets c->id.
 * When an active contact has c's email (ignoring case) nothing is written
 * and TLD_EEXIST returned (field "email"); the transaction goes on (ON
 * CONFLICT DO NOTHING: the check and the insert are one statement, so a
 * PostgreSQL import pays one round trip per contact for both).
 */
int store_contact_insert(struct store *s, struct contact *c,
    struct tld_error *err);
/* Write every field of the active contact c->id. */
int store_contact_update(struct store *s, const struct contact *c,
    struct tld_error *err);
/* Mark an active contact removed at time `at` with a reason. */
int store_contact_remove(struct store *s, int64_t id, int64_t at,
    const char *reason, struct tld_error *err);
/* An active contact by id; TLD_ENOTFOUND when none. */
int store_contact_get(struct store *s, int64_t id, struct contact *out,
    struct tld_error *err);
/* The active contact with this email (case-insensitive); TLD_ENOTFOUND when none. */
int store_contact_find_email(struct store *s, const char *email,
    struct contact *out, struct tld_error *err);
/* Number of active contacts of a ccTLD. */
int store_contact_count_cctld(struct store *s, const char *code,
    int64_t *count, struct tld_error *err);
/* Number of active contacts, of ccTLDs and of the community. */
int store_contact_count_active(struct store *s, int64_t *count,
    struct tld_error *err);
typedef int (*store_contact_cb)(void *ctx, const struct contact *c);
/* store_contact_each()'s code for the community's contacts. */
extern const char STORE_CONTACT_COMMUNITY[];
/*
 * Active contacts, of one ccTLD (code), of the community
 * (STORE_CONTACT_COMMUNITY, by affiliation then id) or all (NULL: by ccTLD
 * then id, the community's last).
 */
int store_contact_each(struct store *s, const char *code,
    store_contact_cb cb, void *ctx, struct tld_error *err);

/* What the secretariat's contact list asks for (store_contact_query()). */
enum contact_sort { CONTACT_SORT_CCTLD, CONTACT_SORT_NAME, CONTACT_SORT_UPDATED };
enum contact_freshness_filter {
	CONTACT_FRESH_ANY,      /* every active contact */
	CONTACT_FRESH_OK,       /* not asked, not stale */
	CONTACT_FRESH_ASKED,    /* asked to confirm, not stale yet */
	CONTACT_FRESH_STALE,    /* marked stale */
};
/* Bounces (013_bounces.sql): bounce_since bounds "bounced lately". */
enum contact_bounce_filter {
	CONTACT_BOUNCE_ANY,     /* every active contact */
	CONTACT_BOUNCE_UNDELIVERABLE, /* marked undeliverable */
	CONTACT_BOUNCE_SOFT,    /* bounced since bounce_since, not marked */
	CONTACT_BOUNCE_NONE,    /* not marked, no bounce since bounce_since */
};
struct contact_query {
	const char *cctld;      /* A-label, or "" for all */
	bool community;         /* only the community's contacts (cctld ignored) */
	const char *region;     /* "EU", or "" for all */
	enum contact_freshness_filter freshness;
	enum contact_sort sort;
	int64_t offset, limit;
	enum contact_bounce_filter bounces;
	int64_t bounce_since;   /* the start of [list] bounce_window_days */
};
/* One row of the list: the contact, its ccTLD's region and its freshness. */
struct contact_listed {
	struct contact c;
	char region[4];         /* "" for a community contact */
	int64_t asked;          /* 0: not asked */
	int64_t stale;          /* 0: not stale */
	int64_t undeliverable;  /* since when it is marked; 0: it is not */
	int64_t bounces;        /* hard and soft bounces since bounce_since */
};
typedef int (*store_contact_listed_cb)(void *ctx, const struct contact_listed *r);
/*
 * The active contacts matching q, sorted, rows offset..offset+limit; *total
 * gets how many match in all.  Returns the number of rows given to cb.
 */
int store_contact_query(struct store *s, const struct contact_query *q,
    store_contact_listed_cb cb, void *ctx, int64_t *total,
    struct tld_error *err);

#endif
