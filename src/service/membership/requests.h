/* SPDX-License-Identifier: MIT */
/*
 * Membership requests: join, update or leave, for a ccTLD, authorised by
 * that ccTLD's IANA administrative contact (or, by policy, its technical
 * contact) through a one-time link mailed to the address on the stored IANA
 * record, then approved or rejected by the committee.  See docs/membership.md.
 *
 * States: pending-authorisation -> authorised -> approved | rejected;
 * pending-authorisation -> expired (after [policy] token_days);
 * pending-authorisation | authorised -> withdrawn.
 */
#ifndef TLD_SERVICE_REQUESTS_H
#define TLD_SERVICE_REQUESTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "model/contact.h"
#include "model/states.h"
#include "service/context.h"

/* Names as stored and shown; parse returns TLD_EINVAL naming "state"/"kind". */
const char *request_kind_name(enum request_kind k);
const char *request_state_name(enum request_state s);
int request_kind_parse(const char *s, enum request_kind *out, struct tld_error *err);
int request_state_parse(const char *s, enum request_state *out, struct tld_error *err);

/*
 * Create a request and mail an authorisation link to the IANA contacts the
 * policy allows (always the addresses on the stored IANA record).  For
 * update and leave, contact_id names the contact concerned (it must belong
 * to the ccTLD); for join and update, f holds the proposed fields (join
 * needs name, email, phone).  Validation is the same as `contact add`.
 * *id gets the new request's id.  One transaction with its audit row and
 * the queued mail.
 */
int requests_create(struct tld_ctx *ctx, enum request_kind kind,
    const char *cctld, int64_t contact_id, const struct contact_fields *f,
    int64_t *id, struct tld_error *err);

/*
 * What the link /authorize/<token> does: a known, unused, unexpired token
 * whose role the policy still allows moves its request to authorised and
 * uses up every token of the request.  Unknown, used or expired: an error
 * naming "token", nothing changed.  *id gets the request's id.
 */
int requests_authorize(struct tld_ctx *ctx, const char *token, int64_t *id,
    struct tld_error *err);

/* What an authorisation link is about, for the page that shows it. */
struct request_link {
	int64_t id;
	char kind[8];                    /* "join", "update", "leave" */
	char cctld[CCTLD_CODE_MAX + 1];
	char requested_by[128];
	struct contact proposed;         /* the proposed fields (join, update) */
	char iana_role[8];               /* the link's IANA contact: "admin", "tech" */
	char iana_email[256];
	bool has_current;                /* update, leave: the contact concerned */
	struct contact current;
};

/*
 * Read what the link /authorize/<token> would authorise without using it:
 * the same refusals naming "token" as requests_authorize() (unknown, used,
 * expired), nothing changed.
 */
int requests_link_peek(struct tld_ctx *ctx, const char *token,
    struct request_link *out, struct tld_error *err);

/* What an approval did beyond the change, for the caller to say. */
struct request_approval {
	bool announced;          /* the welcome to the list was queued */
	/*
	 * When announce was asked and nothing was announced, why, in words
	 * ("not announced: .nl is a member already"); "" otherwise.
	 */
	char not_announced[384];
};

/*
 * Committee decisions on an authorised request; exactly one decision wins.
 * With announce, a join that makes the ccTLD a member (its first contact)
 * queues the welcome to the list; any other approval announces nothing and
 * says why in out->not_announced.  out may be NULL.
 */
int requests_approve(struct tld_ctx *ctx, int64_t id, bool announce,
    struct request_approval *out, struct tld_error *err);
int requests_reject(struct tld_ctx *ctx, int64_t id, const char *reason,
    struct tld_error *err);
/* The requester (or the secretariat) takes it back before a decision. */
int requests_withdraw(struct tld_ctx *ctx, int64_t id, struct tld_error *err);

/* Mark pending requests past their validity as expired; returns how many. */
int requests_expire_due(struct tld_ctx *ctx, struct tld_error *err);

/*
 * One request as JSON: id, kind, cctld, state, contact_id, proposed fields,
 * requested_by, created, expires, authorised_by, decided_by, reason, and
 * "flags": [ "role address", "already a contact of .xx", "role looks like
 * sales/marketing", "ccTLD at its cap" ] for the approver.  *out is new.
 */
int requests_show_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);
/* Every request (or those in one state), newest first, as a JSON array. */
int requests_list_json(struct tld_ctx *ctx, const enum request_state *state,
    json_t **out, struct tld_error *err);

#endif
