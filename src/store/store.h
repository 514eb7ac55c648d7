/* SPDX-License-Identifier: MIT */
/*
 * The persistence interface the service layer uses: a connection to the
 * repository (SQLite file or PostgreSQL), transactions, and one function per
 * question or change.  All SQL lives behind it (src/store/); a backend is a
 * struct db_driver (store/db.h).  Functions return 0 or a count on success
 * and a negative TLD_E* code on failure with err filled.
 */
#ifndef TLD_STORE_STORE_H
#define TLD_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "model/contact.h"
#include "model/document.h"
#include "util/error.h"

struct store;

/*
 * Open target: "postgresql://..." / "postgres://..." for PostgreSQL, else an
 * SQLite path ("sqlite:" prefix optional).  With create, a missing SQLite
 * file is created (mode 0600, its folder 0700).  Pending migrations are
 * applied.  *out is the caller's (store_close()).
 */
int store_open(const char *target, bool create, struct store **out,
    struct tld_error *err);
void store_close(struct store *s);
/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *s);

/* Schema version now in the database and the newest this binary knows. */
int store_schema_version(struct store *s, int *current, int *latest,
    struct tld_error *err);

/*
 * Before a large write (an import): give this connection a bigger page
 * cache so the transaction does not spill to disk half-way.  Connections
 * otherwise keep a small cache: `serve` holds one per thread.
 */
void store_prepare_bulk(struct store *s);

/* One write transaction at a time per connection; commit or rollback ends it. */
int store_begin(struct store *s, struct tld_error *err);
int store_commit(struct store *s, struct tld_error *err);
void store_rollback(struct store *s);

/* ---- backup and copy (docs/operations.md) ------------------------------- */

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
 */
int store_copy(struct store *from, struct store *to,
    struct store_copy_report *rep, struct tld_error *err);
void store_copy_report_fini(struct store_copy_report *rep);

/* ---- ccTLDs ------------------------------------------------------------ */

/* Insert or refresh a reference row; membership fields are kept. */
int store_cctld_put_reference(struct store *s, const struct cctld *c,
    struct tld_error *err);
/*
 * code is a normalised A-label.  TLD_ENOTFOUND when unknown.  out->contacts
 * is left 0 (store_contact_count_cctld() counts them).
 */
int store_cctld_get(struct store *s, const char *code, struct cctld *out,
    struct tld_error *err);

struct cctld_filter {
	int members;        /* 1 members only, -1 non-members only, 0 all */
	const char *region; /* NULL for all */
};
typedef int (*store_cctld_cb)(void *ctx, const struct cctld *c);
/* Calls cb for each matching ccTLD by code; a negative cb result stops and is returned. */
int store_cctld_each(struct store *s, const struct cctld_filter *f,
    store_cctld_cb cb, void *ctx, struct tld_error *err);
int store_cctld_set_membership(struct store *s, const char *code,
    int64_t member_since, int64_t left_at, struct tld_error *err);

/* ---- contacts ---------------------------------------------------------- */

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
typedef int (*store_contact_cb)(void *ctx, const struct contact *c);
/* Active contacts, of one ccTLD (code) or all (NULL), by ccTLD then id. */
int store_contact_each(struct store *s, const char *code,
    store_contact_cb cb, void *ctx, struct tld_error *err);

/* ---- generic-contact exceptions ---------------------------------------- */

struct generic_exception {
	int64_t id;
	char email[256];
	char reason[512];
	char approved_by[128];
	int64_t created;
};
int store_exception_insert(struct store *s, struct generic_exception *e,
    struct tld_error *err);
/* Whether an active exception covers this email (case-insensitive). */
int store_exception_covers(struct store *s, const char *email, bool *covered,
    struct tld_error *err);
typedef int (*store_exception_cb)(void *ctx, const struct generic_exception *e);
int store_exception_each(struct store *s, store_exception_cb cb, void *ctx,
    struct tld_error *err);

/* ---- IANA records -------------------------------------------------------- */

struct iana_person {
	char name[256];
	char organisation[256];
	char address[1024];
	char phone[64];
	char fax[64];
	char email[256];
};
struct iana_record {
	char cctld[CCTLD_CODE_MAX + 1];
	char organisation[256];
	char created[32];
	char changed[32];
	int64_t imported;
	struct iana_person admin;
	struct iana_person tech;
};
/* TLD_ENOTFOUND when the ccTLD has no stored IANA record. */
int store_iana_get(struct store *s, const char *code, struct iana_record *out,
    struct tld_error *err);
int store_iana_put(struct store *s, const struct iana_record *r,
    struct tld_error *err);

/* ---- audit log ----------------------------------------------------------- */

struct audit_entry {
	int64_t id;
	int64_t at;
	const char *actor;       /* borrowed in callbacks */
	const char *action;
	const char *object_type;
	const char *object_id;
	const char *before_json; /* NULL when absent */
	const char *after_json;
};
int store_audit_insert(struct store *s, const struct audit_entry *e,
    struct tld_error *err);
typedef int (*store_audit_cb)(void *ctx, const struct audit_entry *e);
/* Entries with since <= at < until (until 0: no upper bound), oldest first. */
int store_audit_each(struct store *s, int64_t since, int64_t until,
    store_audit_cb cb, void *ctx, struct tld_error *err);

/* ---- outbox -------------------------------------------------------------- */

enum delivery_state {
	DELIVERY_QUEUED, DELIVERY_SENDING, DELIVERY_SENT, DELIVERY_FAILED,
};
#define DELIVERY_STATES 4

/* Insert a message; sets *id.  data is the composed message. */
int store_mail_insert(struct store *s, const char *kind, const char *subject,
    const char *sender, const char *data, int64_t created,
    const char *created_by, int64_t *id, struct tld_error *err);
/* Queue a delivery of message to recipient, due at `due`. */
int store_delivery_insert(struct store *s, int64_t message, const char *recipient,
    int64_t due, struct tld_error *err);

struct delivery {
	int64_t id;
	int64_t message;
	char recipient[256];
	int64_t attempts;
	char sender[256];
	const char *data;   /* the message; owned by the claim batch */
	size_t len;
};
struct delivery_batch {
	size_t n;
	struct delivery *items; /* owned; store_delivery_batch_fini() */
	char **datas;           /* one copy per distinct message */
	size_t ndatas;
};

/*
 * Claim up to max deliveries with id > after_id that are queued and due
 * (next_attempt <= now, or any queued one when all), or 'sending' with an
 * expired lease (their worker died): mark them sending, attempts + 1,
 * leased until lease_until.  One transaction; returns how many.
 */
int store_delivery_claim(struct store *s, int64_t now, bool all,
    int64_t after_id, size_t max, int64_t lease_until,
    struct delivery_batch *out, struct tld_error *err);
void store_delivery_batch_fini(struct delivery_batch *b);
/* Record the outcome of one claimed delivery (each its own transaction). */
int store_delivery_sent(struct store *s, int64_t id, int64_t now,
    struct tld_error *err);
int store_delivery_retry(struct store *s, int64_t id, int64_t now,
    int64_t next_attempt, const char *error, struct tld_error *err);
int store_delivery_failed(struct store *s, int64_t id, int64_t now,
    const char *error, struct tld_error *err);
/*
 * Once no delivery of a message that carries a secret (an authorisation,
 * login or confirmation link) is queued or sending, blank its stored text: the secret then
 * lives only in the recipient's mailbox.  Other kinds are kept.
 */
int store_mail_scrub_secret(struct store *s, int64_t message,
    struct tld_error *err);
/* Give claimed but unattempted deliveries back (attempts - 1). */
int store_delivery_release(struct store *s, int64_t id, struct tld_error *err);

struct outbox_counts {
	int64_t by_state[DELIVERY_STATES];
	int64_t messages;
	int64_t next_due;   /* earliest next_attempt of a queued delivery, 0 if none */
};
int store_outbox_counts(struct store *s, struct outbox_counts *out,
    struct tld_error *err);

struct failed_delivery {
	int64_t id;
	int64_t message;
	const char *kind;       /* borrowed in callbacks */
	const char *subject;
	const char *recipient;
	const char *state;
	int64_t attempts;
	int64_t next_attempt;
	const char *last_error;
};
typedef int (*store_delivery_cb)(void *ctx, const struct failed_delivery *d);
/* Deliveries not yet sent with an error (queued after a failure, or failed). */
int store_delivery_problems_each(struct store *s, store_delivery_cb cb,
    void *ctx, struct tld_error *err);

/* ---- membership requests ------------------------------------------------- */

struct request_row {
	int64_t id;
	char kind[8];
	char cctld[CCTLD_CODE_MAX + 1];
	char state[24];
	int64_t contact_id;              /* 0 for join */
	struct contact proposed;         /* proposed fields; id, cctld unused */
	char fields_given[128];
	char requested_by[128];
	int64_t created;
	int64_t expires;
	char authorised_by[320];
	int64_t authorised_at;
	char decided_by[128];
	int64_t decided_at;
	char reason[512];
};

int store_request_insert(struct store *s, struct request_row *r,
    struct tld_error *err);
/* TLD_ENOTFOUND when there is no such request. */
int store_request_get(struct store *s, int64_t id, struct request_row *out,
    struct tld_error *err);
typedef int (*store_request_cb)(void *ctx, const struct request_row *r);
/* Newest first; state NULL for all. */
int store_request_each(struct store *s, const char *state,
    store_request_cb cb, void *ctx, struct tld_error *err);
/*
 * Move request id from state `from` to `to` with who/when/reason for the
 * decision fields (authorised_* when to is "authorised", decided_* else).
 * Returns 1 when this call made the change, 0 when the request was no
 * longer in `from` (someone else decided first).
 */
int store_request_transition(struct store *s, int64_t id, const char *from,
    const char *to, const char *who, int64_t at, const char *reason,
    struct tld_error *err);
/* Pending requests whose validity ended before now, oldest first. */
int store_request_each_expired(struct store *s, int64_t now,
    store_request_cb cb, void *ctx, struct tld_error *err);

struct request_token_row {
	char hash[65];
	int64_t request_id;
	char role[8];
	char email[256];
	int64_t expires;
	int64_t used;
};
int store_request_token_insert(struct store *s,
    const struct request_token_row *t, struct tld_error *err);
int store_request_token_get(struct store *s, const char *hash,
    struct request_token_row *out, struct tld_error *err);
/* Use up every token of a request at time `at`. */
int store_request_tokens_use(struct store *s, int64_t request_id, int64_t at,
    struct tld_error *err);

/* ---- web: accounts, secrets, login rate --------------------------------- */

struct account {
	int64_t id;
	char email[256];
	char role[16];          /* secretariat, committee, member */
	int64_t created;
	char created_by[128];
};
/* TLD_EEXIST (field "email") when the address already has an account. */
int store_account_insert(struct store *s, struct account *a,
    struct tld_error *err);
/* The active account of an address (case-insensitive); TLD_ENOTFOUND. */
int store_account_find(struct store *s, const char *email, struct account *out,
    struct tld_error *err);
typedef int (*store_account_cb)(void *ctx, const struct account *a);
int store_account_each(struct store *s, store_account_cb cb, void *ctx,
    struct tld_error *err);

/* A session, a one-time login link or an API token, by its hash. */
struct web_secret_row {
	char hash[65];
	char kind[8];           /* session, login, api */
	char email[256];
	int64_t created;
	int64_t expires;
	int64_t used;           /* 0 while usable */
};
int store_secret_insert(struct store *s, const struct web_secret_row *r,
    struct tld_error *err);
/* TLD_ENOTFOUND when there is no such secret. */
int store_secret_get(struct store *s, const char *hash,
    struct web_secret_row *out, struct tld_error *err);
/*
 * Use up (login link) or end (session, token) a live secret of kind.
 * Returns 1 when this call did it, 0 when it was unknown, used or expired.
 */
int store_secret_use(struct store *s, const char *hash, const char *kind,
    int64_t now, struct tld_error *err);
/* Delete secrets that expired before `before`. */
int store_secret_purge(struct store *s, int64_t before, struct tld_error *err);

/* Who an address is: its account role ("" if none) and active contact. */
struct web_identity {
	char email[256];
	int64_t expires;        /* of the secret; 0 from store_email_identity */
	char account_role[16];
	int64_t contact_id;     /* 0 if not an active contact */
	char cctld[CCTLD_CODE_MAX + 1];
};
/* For a live (unused, unexpired at now) secret of kind; TLD_ENOTFOUND else. */
int store_secret_identity(struct store *s, const char *hash, const char *kind,
    int64_t now, struct web_identity *out, struct tld_error *err);
int store_email_identity(struct store *s, const char *email,
    struct web_identity *out, struct tld_error *err);

/* Count one more hit of key in bucket; *hits gets the new count. */
int store_rate_hit(struct store *s, const char *key, int64_t bucket,
    int64_t *hits, struct tld_error *err);
int store_rate_purge(struct store *s, int64_t before, struct tld_error *err);

/* ---- collateral: documents, action items, objectives (docs/collateral.md) */

/*
 * Insert one version of a document with its bytes; sets d->id.  d->seq is
 * the next of its slug and language (store_document_next_seq()).
 * TLD_EEXIST naming "version" when that slug, language and version exist.
 */
int store_document_insert(struct store *s, struct document *d,
    const void *data, size_t len, struct tld_error *err);
/* The seq the next version of slug in lang gets (1 for the first). */
int store_document_next_seq(struct store *s, const char *slug,
    const char *lang, int64_t *seq, struct tld_error *err);
typedef int (*store_document_cb)(void *ctx, const struct document *d);
/*
 * The versions (metadata, not bytes) of slug, or of every document when
 * slug is NULL, by slug, language and newest first; removed ones only
 * with_removed.  A negative cb result stops and is returned.
 */
int store_document_each(struct store *s, const char *slug, bool with_removed,
    store_document_cb cb, void *ctx, struct tld_error *err);
/* The bytes of version id; *data is the caller's (free()). */
int store_document_data(struct store *s, int64_t id, void **data, size_t *len,
    struct tld_error *err);
/*
 * Mark every live version of slug in lang (every language when lang is
 * NULL) removed at `at` for reason; returns how many.
 */
int store_document_remove(struct store *s, const char *slug, const char *lang,
    int64_t at, const char *reason, struct tld_error *err);

#define ACTION_TEXT_MAX 200   /* title, owner */
#define ACTION_NOTE_MAX 1000

struct action_item {
	int64_t number;
	char title[ACTION_TEXT_MAX + 1];
	char owner[ACTION_TEXT_MAX + 1];
	bool closed;
	int64_t opened;
	int64_t closed_at;      /* 0 while open */
	char created_by[128];
};
struct action_note {
	int64_t id;
	int64_t number;
	int64_t at;
	char author[128];
	char text[ACTION_NOTE_MAX + 1];
};
/* TLD_EEXIST naming "number" when the number is taken. */
int store_action_insert(struct store *s, const struct action_item *a,
    struct tld_error *err);
/* The highest number in use (0 when none). */
int store_action_max_number(struct store *s, int64_t *max,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "number" when there is no such item. */
int store_action_get(struct store *s, int64_t number, struct action_item *out,
    struct tld_error *err);
int store_action_set_state(struct store *s, int64_t number, bool closed,
    int64_t closed_at, struct tld_error *err);
typedef int (*store_action_cb)(void *ctx, const struct action_item *a);
/* Items by number: all (state 0), open (1) or closed (-1). */
int store_action_each(struct store *s, int state, store_action_cb cb,
    void *ctx, struct tld_error *err);
/* Append a note; sets n->id. */
int store_action_note_insert(struct store *s, struct action_note *n,
    struct tld_error *err);
typedef int (*store_action_note_cb)(void *ctx, const struct action_note *n);
/* The notes of item number (every item's when 0), by number, oldest first. */
int store_action_note_each(struct store *s, int64_t number,
    store_action_note_cb cb, void *ctx, struct tld_error *err);

#define OBJECTIVE_MEETING_MAX 100
#define OBJECTIVE_TEXT_MAX 500

struct objective {
	int64_t id;
	char meeting[OBJECTIVE_MEETING_MAX + 1];
	char text[OBJECTIVE_TEXT_MAX + 1];
	char state[8];          /* open, met, missed */
	int64_t created;
	int64_t updated;
};
/* Sets o->id. */
int store_objective_insert(struct store *s, struct objective *o,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "id" when there is no such objective. */
int store_objective_get(struct store *s, int64_t id, struct objective *out,
    struct tld_error *err);
int store_objective_set_state(struct store *s, int64_t id, const char *state,
    int64_t at, struct tld_error *err);
typedef int (*store_objective_cb)(void *ctx, const struct objective *o);
/* Objectives of one meeting (all when NULL), by id. */
int store_objective_each(struct store *s, const char *meeting,
    store_objective_cb cb, void *ctx, struct tld_error *err);

/* ---- schedule ------------------------------------------------------------ */

/*
 * Inside a transaction: take job's lock for the rest of it, so that of
 * several nodes running the scheduler only one works on the job at a time.
 * 1 when this caller holds it, 0 when another node does (do nothing).
 */
int store_job_try_lock(struct store *s, const char *job, struct tld_error *err);
/* When job last ran (0 if never). */
int store_schedule_get(struct store *s, const char *job, int64_t *last_run,
    struct tld_error *err);
/*
 * Move job's last run from `expected` to `now`; returns 1 when this caller
 * won (the row still held `expected`), 0 when another process ran it first.
 */
int store_schedule_advance(struct store *s, const char *job, int64_t expected,
    int64_t now, struct tld_error *err);

/* ---- meeting books: statistics and outreach (stats_store.c, outreach_store.c) */

/* A membership change from the audit log: a cctld.join or cctld.leave row. */
struct stats_membership_event {
	const char *cctld;  /* borrowed in callbacks */
	int64_t at;
	bool join;
};
typedef int (*store_membership_cb)(void *ctx,
    const struct stats_membership_event *e);
/* Every cctld.join/cctld.leave row with at < until (0: all), by at then id. */
int store_stats_membership_each(struct store *s, int64_t until,
    store_membership_cb cb, void *ctx, struct tld_error *err);

typedef int (*store_count_cb)(void *ctx, const char *key, int64_t n);
/* Audit rows per action with since <= at < until (until 0: no bound). */
int store_stats_action_counts(struct store *s, int64_t since, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err);
/*
 * Contacts active at time `at` (created before it, not removed before it;
 * 0: the active ones now) per ccTLD they have now (or had when removed).
 */
int store_stats_contacts_at(struct store *s, int64_t at, store_count_cb cb,
    void *ctx, struct tld_error *err);
typedef int (*store_json_pair_cb)(void *ctx, const char *before_json,
    const char *after_json);
/*
 * The contact.update rows at or after `at` (their contact before and after
 * as JSON), newest first: what moved a contact to another ccTLD since then.
 */
int store_stats_updates_since(struct store *s, int64_t at,
    store_json_pair_cb cb, void *ctx, struct tld_error *err);

#define OUTREACH_OWNER_MAX 128
#define OUTREACH_NOTE_MAX 1000

/* A ccTLD's outreach row; note fields are its newest note. */
struct outreach_row {
	char cctld[CCTLD_CODE_MAX + 1];
	char owner[OUTREACH_OWNER_MAX + 1];
	char state[12];          /* none contacted interested declined joined */
	int64_t updated;         /* 0 when the ccTLD has no row */
	char updated_by[128];
	char note[OUTREACH_NOTE_MAX + 1];
	int64_t note_at;         /* 0 when there is no note */
	char note_by[128];
	int64_t notes;           /* how many notes */
};
/* TLD_ENOTFOUND when the ccTLD has no outreach row yet. */
int store_outreach_get(struct store *s, const char *code,
    struct outreach_row *out, struct tld_error *err);
/* Insert or replace owner, state, updated, updated_by of r->cctld. */
int store_outreach_put(struct store *s, const struct outreach_row *r,
    struct tld_error *err);
int store_outreach_note_insert(struct store *s, const char *code, int64_t at,
    const char *author, const char *text, struct tld_error *err);
typedef int (*store_outreach_cb)(void *ctx, const struct cctld *c,
    const struct outreach_row *o);
/*
 * The non-member ccTLDs and every ccTLD with an outreach row, of one region
 * (NULL: all), by code, each with its row (zeroed, state "none", when it
 * has none).  c->contacts is not filled.
 */
int store_outreach_each(struct store *s, const char *region,
    store_outreach_cb cb, void *ctx, struct tld_error *err);
struct outreach_note {
	int64_t id;
	int64_t at;
	const char *author;      /* borrowed in callbacks */
	const char *text;
};
typedef int (*store_outreach_note_cb)(void *ctx, const struct outreach_note *n);
/* The notes of a ccTLD, oldest first. */
int store_outreach_notes_each(struct store *s, const char *code,
    store_outreach_note_cb cb, void *ctx, struct tld_error *err);

/* ---- meetings, initiatives, outreach events (docs/meetings.md) ---------- */

#define MEETING_NAME_MAX OBJECTIVE_MEETING_MAX
#define MEETING_PLACE_MAX 200

struct meeting {
	char name[MEETING_NAME_MAX + 1];
	int64_t date;           /* 00:00 UTC of its day */
	char place[MEETING_PLACE_MAX + 1];
	int64_t created;
	char created_by[128];
};
/* TLD_EEXIST naming "name" (the name) or "date" (that day) when taken. */
int store_meeting_insert(struct store *s, const struct meeting *m,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "meeting" when there is no meeting of that name. */
int store_meeting_get(struct store *s, const char *name, struct meeting *out,
    struct tld_error *err);
typedef int (*store_meeting_cb)(void *ctx, const struct meeting *m);
/* Every meeting by date. */
int store_meeting_each(struct store *s, store_meeting_cb cb, void *ctx,
    struct tld_error *err);

#define INITIATIVE_TITLE_MAX 200
#define INITIATIVE_NAME_MAX 128    /* lead, team member */
#define INITIATIVE_TEXT_MAX 500    /* milestone text, state note */

struct initiative {
	int64_t id;
	char title[INITIATIVE_TITLE_MAX + 1];
	char kind[12];          /* workshop playbook outreach other */
	char state[12];         /* active paused stopped done */
	char state_note[INITIATIVE_TEXT_MAX + 1];
	char lead[INITIATIVE_NAME_MAX + 1];   /* "" while it needs one */
	int64_t created;
	char created_by[128];
	int64_t updated;
};
struct initiative_milestone {
	int64_t initiative;
	int64_t number;         /* 1, 2, ... per initiative */
	char text[INITIATIVE_TEXT_MAX + 1];
	char due[MEETING_NAME_MAX + 1];
	int64_t due_date;       /* of the meeting (read only) */
	int64_t done;           /* 0 until done */
	int64_t created;
};
/* Sets i->id. */
int store_initiative_insert(struct store *s, struct initiative *i,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "initiative" when there is no such initiative. */
int store_initiative_get(struct store *s, int64_t id, struct initiative *out,
    struct tld_error *err);
/* Write state, state_note, lead and updated of i->id. */
int store_initiative_update(struct store *s, const struct initiative *i,
    struct tld_error *err);
typedef int (*store_initiative_cb)(void *ctx, const struct initiative *i);
/* Every initiative by id. */
int store_initiative_each(struct store *s, store_initiative_cb cb, void *ctx,
    struct tld_error *err);
/* A team member (TLD_EEXIST naming "name" when on the team already). */
int store_initiative_member_insert(struct store *s, int64_t id,
    const char *name, int64_t at, struct tld_error *err);
/* Returns how many rows went (0: not on the team). */
int store_initiative_member_delete(struct store *s, int64_t id,
    const char *name, struct tld_error *err);
typedef int (*store_text_cb)(void *ctx, const char *text);
/* The team of initiative id by name. */
int store_initiative_member_each(struct store *s, int64_t id,
    store_text_cb cb, void *ctx, struct tld_error *err);
/* Sets m->number to the initiative's next; m->due must name a meeting. */
int store_initiative_milestone_insert(struct store *s,
    struct initiative_milestone *m, struct tld_error *err);
/* Mark a milestone done at `at`; TLD_ENOTFOUND naming "milestone". */
int store_initiative_milestone_done(struct store *s, int64_t id,
    int64_t number, int64_t at, struct tld_error *err);
typedef int (*store_milestone_cb)(void *ctx,
    const struct initiative_milestone *m);
/* The milestones of initiative id by number, with their meeting's date. */
int store_initiative_milestone_each(struct store *s, int64_t id,
    store_milestone_cb cb, void *ctx, struct tld_error *err);
/* TLD_EEXIST naming "doc" when that document is a deliverable already. */
int store_initiative_deliverable_insert(struct store *s, int64_t id,
    const char *slug, int64_t at, struct tld_error *err);
/* The deliverables (document slugs) of initiative id by slug. */
int store_initiative_deliverable_each(struct store *s, int64_t id,
    store_text_cb cb, void *ctx, struct tld_error *err);

#define EVENT_TITLE_MAX 200
#define EVENT_PLACE_MAX 200
#define EVENT_NAME_MAX 128      /* organiser, presenter */

struct event {
	int64_t id;
	char title[EVENT_TITLE_MAX + 1];
	int64_t date;           /* 00:00 UTC of its day */
	char place[EVENT_PLACE_MAX + 1];
	char organiser[EVENT_NAME_MAX + 1];
	int64_t created;
	char created_by[128];
};
struct event_invite {
	int64_t event;
	char cctld[CCTLD_CODE_MAX + 1];
	int64_t invited;
	char outcome[12];       /* "", joined, interested, declined */
	int64_t outcome_at;     /* 0 while none */
};
/* Sets e->id. */
int store_event_insert(struct store *s, struct event *e,
    struct tld_error *err);
/* TLD_ENOTFOUND naming "event" when there is no such event. */
int store_event_get(struct store *s, int64_t id, struct event *out,
    struct tld_error *err);
typedef int (*store_event_cb)(void *ctx, const struct event *e);
/* Every event by date, then id. */
int store_event_each(struct store *s, store_event_cb cb, void *ctx,
    struct tld_error *err);
/* TLD_EEXIST naming "cctld" when invited already. */
int store_event_invite_insert(struct store *s, int64_t event,
    const char *code, int64_t at, struct tld_error *err);
/* Set the outcome of an invited ccTLD; TLD_ENOTFOUND naming "cctld". */
int store_event_invite_outcome(struct store *s, int64_t event,
    const char *code, const char *outcome, int64_t at, struct tld_error *err);
typedef int (*store_invite_cb)(void *ctx, const struct event_invite *i);
/* The ccTLDs invited to event, by code. */
int store_event_invite_each(struct store *s, int64_t event,
    store_invite_cb cb, void *ctx, struct tld_error *err);
/* Insert or change a presenter's mode. */
int store_event_presenter_put(struct store *s, int64_t event,
    const char *name, const char *mode, int64_t at, struct tld_error *err);
typedef int (*store_pair_cb)(void *ctx, const char *a, const char *b);
/* The presenters of event by name: cb(ctx, name, mode). */
int store_event_presenter_each(struct store *s, int64_t event,
    store_pair_cb cb, void *ctx, struct tld_error *err);
/* TLD_EEXIST naming "lang" when that document and language are listed. */
int store_event_material_insert(struct store *s, int64_t event,
    const char *slug, const char *lang, int64_t at, struct tld_error *err);
/* The materials of event by slug, language: cb(ctx, slug, lang). */
int store_event_material_each(struct store *s, int64_t event,
    store_pair_cb cb, void *ctx, struct tld_error *err);

/*
 * The audit rows of one object type (and one object when object_id is not
 * NULL) with at < until (0: all), in the order they were written (id):
 * the history the meeting pack replays.  A negative cb result stops and is
 * returned.
 */
int store_audit_object_each(struct store *s, const char *object_type,
    const char *object_id, int64_t until, store_audit_cb cb, void *ctx,
    struct tld_error *err);
/*
 * For each initiative, the time of its newest audit row with one of the
 * progress actions (initiative.lead, .team, .milestone_done, .state) and
 * at < until (0: all): cb(ctx, id as text, at).
 */
int store_initiative_progress_each(struct store *s, int64_t until,
    store_count_cb cb, void *ctx, struct tld_error *err);

/* ---- contact freshness (freshness_store.c, docs/freshness.md) ------------ */

/* An active contact and the state of its re-confirmation. */
struct freshness_row {
	int64_t contact_id;
	char cctld[CCTLD_CODE_MAX + 1];
	char name[NAME_MAX_BYTES + 1];
	char email[EMAIL_MAX + 1];
	int64_t created;         /* the contact's creation: its first confirmation */
	int64_t confirmed;       /* last explicit confirmation, 0 when none */
	char confirmed_via[64];  /* "link", "update request 12" */
	int64_t asked;           /* the open round's ask, 0 when none is open */
	int64_t reminders;       /* reminders sent in the open round */
	int64_t stale;           /* marked stale at, 0 while fresh */
	bool correcting;         /* an update request of it is still open */
};
typedef int (*store_freshness_cb)(void *ctx, const struct freshness_row *r);
/*
 * Active contacts with their freshness, of one ccTLD (code) or all (NULL),
 * only the stale ones when stale_only, by ccTLD then id.
 */
int store_freshness_each(struct store *s, const char *code, bool stale_only,
    store_freshness_cb cb, void *ctx, struct tld_error *err);
/* One active contact's; TLD_ENOTFOUND naming "contact" when none. */
int store_freshness_get(struct store *s, int64_t contact_id,
    struct freshness_row *out, struct tld_error *err);
/*
 * The guarded steps of a round: each returns 1 when this call made the
 * change and 0 when the row no longer held what the caller saw (another
 * worker acted first).  ask opens a round at now (reminders back to 0,
 * a stale mark kept) if asked and confirmed still hold asked_was and
 * confirmed_was (0 for none); remind moves the count from was to to in the
 * round asked at `asked`; mark_stale sets stale = at once per round.
 */
int store_freshness_ask(struct store *s, int64_t contact_id, int64_t asked_was,
    int64_t confirmed_was, int64_t now, struct tld_error *err);
int store_freshness_remind(struct store *s, int64_t contact_id, int64_t asked,
    int64_t was, int64_t to, struct tld_error *err);
int store_freshness_mark_stale(struct store *s, int64_t contact_id,
    int64_t asked, int64_t at, struct tld_error *err);
/* A confirmation at `at`: closes the open round and clears the stale mark. */
int store_freshness_confirm(struct store *s, int64_t contact_id, int64_t at,
    const char *via, struct tld_error *err);
/* Stale active contacts (marked before `before`) per ccTLD. */
int store_freshness_stale_counts(struct store *s, int64_t before,
    store_count_cb cb, void *ctx, struct tld_error *err);

struct freshness_token_row {
	char hash[65];
	int64_t contact_id;
	char email[256];
	int64_t created;
	int64_t expires;
	int64_t used;
};
int store_freshness_token_insert(struct store *s,
    const struct freshness_token_row *t, struct tld_error *err);
/* TLD_ENOTFOUND (err untouched) when there is no such token. */
int store_freshness_token_get(struct store *s, const char *hash,
    struct freshness_token_row *out, struct tld_error *err);
/* Use up one unused token: 1 when this call did, 0 when it was used. */
int store_freshness_token_use(struct store *s, const char *hash, int64_t at,
    struct tld_error *err);
/* Use up every token of a contact at `at`. */
int store_freshness_tokens_use(struct store *s, int64_t contact_id, int64_t at,
    struct tld_error *err);

#endif
