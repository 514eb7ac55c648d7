/* SPDX-License-Identifier: MIT */
/*
 * The states records move through, as enums with one name table each: the
 * name is what the database stores and the user sees, the enum is what the
 * code compares (never strcmp(state, "...")).  *_state_from() returns the
 * enum of a name, or -1 when the name is not one of them.
 */
#ifndef TLD_MODEL_STATES_H
#define TLD_MODEL_STATES_H

#include <stddef.h>

/* An index into names[n] of s, or -1. */
int states_find(const char *const *names, size_t n, const char *s);

/* Membership requests: "pending-authorisation", "authorised", ... */
enum request_kind { REQUEST_JOIN, REQUEST_UPDATE, REQUEST_LEAVE };
#define REQUEST_KINDS 3
enum request_state {
	REQUEST_STATE_PENDING,     /* "pending-authorisation" */
	REQUEST_STATE_AUTHORISED,  /* "authorised" */
	REQUEST_STATE_APPROVED,    /* "approved" */
	REQUEST_STATE_REJECTED,    /* "rejected" */
	REQUEST_STATE_EXPIRED,     /* "expired" */
	REQUEST_STATE_WITHDRAWN,   /* "withdrawn" */
};
#define REQUEST_STATES 6
extern const char *const request_kind_names[REQUEST_KINDS];
extern const char *const request_state_names[REQUEST_STATES];
int request_state_from(const char *s);

/* Outbox deliveries: "queued", "sending", "sent", "failed". */
enum delivery_state {
	DELIVERY_QUEUED, DELIVERY_SENDING, DELIVERY_SENT, DELIVERY_FAILED,
};
#define DELIVERY_STATES 4
extern const char *const delivery_state_names[DELIVERY_STATES];
int delivery_state_from(const char *s);

/* Objectives: "open", "met", "missed". */
enum objective_state { OBJECTIVE_OPEN, OBJECTIVE_MET, OBJECTIVE_MISSED };
#define OBJECTIVE_STATES 3
extern const char *const objective_state_names[OBJECTIVE_STATES];
int objective_state_from(const char *s);

/* Outreach to a ccTLD: "none", "contacted", "interested", "declined", "joined". */
enum outreach_state {
	OUTREACH_NONE, OUTREACH_CONTACTED, OUTREACH_INTERESTED,
	OUTREACH_DECLINED, OUTREACH_JOINED,
};
#define OUTREACH_STATES 5
extern const char *const outreach_state_names[OUTREACH_STATES];
int outreach_state_from(const char *s);

/*
 * Posts to the list (store/list_store.h): "held", "distributed", "rejected",
 * "expired", "dropped", "forwarded", "answered".
 */
enum list_post_state {
	LIST_POST_HELD, LIST_POST_DISTRIBUTED, LIST_POST_REJECTED,
	LIST_POST_EXPIRED, LIST_POST_DROPPED, LIST_POST_FORWARDED,
	LIST_POST_ANSWERED,
};
#define LIST_POST_STATES 7
extern const char *const list_post_state_names[LIST_POST_STATES];
int list_post_state_from(const char *s);

/* A contact's freshness (service/directory/freshness.h). */
enum freshness_state { FRESHNESS_CONFIRMED, FRESHNESS_ASKED, FRESHNESS_STALE };
#define FRESHNESS_STATES 3
extern const char *const freshness_state_names[FRESHNESS_STATES];
int freshness_state_from(const char *s);

/*
 * A member's OpenPGP key that needs attention (service/directory/
 * key_lifecycle.h): "expired", "revoked", or "expiring" (usable, but not for
 * more than KEY_RENEW_DAYS).
 */
enum key_state { KEY_STATE_EXPIRED, KEY_STATE_REVOKED, KEY_STATE_EXPIRING };
#define KEY_STATES 3
extern const char *const key_state_names[KEY_STATES];
int key_state_from(const char *s);

/* Initiatives: "active", "paused", "stopped", "done" (model/initiative.h). */
enum initiative_state {
	INITIATIVE_ACTIVE, INITIATIVE_PAUSED, INITIATIVE_STOPPED, INITIATIVE_DONE,
};
#define INITIATIVE_STATES 4
int initiative_state_from(const char *s);

#endif
