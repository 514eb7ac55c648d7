/* SPDX-License-Identifier: MIT */
/*
 * The list's inbound mail (table list_post: each message as received, its
 * policy verdict and the moderators' decision) and the senders allowed to
 * post without being contacts (list_allow).  Schema 010_list_posts.sql.
 */
#ifndef TLD_STORE_LIST_STORE_H
#define TLD_STORE_LIST_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

struct list_post {
	int64_t id;
	char address[16];        /* list, owner, request */
	char message_id[256];
	int64_t received;
	char envelope_from[256];
	char from_addr[256];
	char from_name[260];
	char subject[1004];
	char tlp[24];            /* "TLP:RED", ... or "" */
	char state[16];          /* held, distributed, rejected, expired, dropped,
	                            forwarded, answered */
	char reason[256];        /* why held or dropped */
	int64_t size;            /* bytes of raw */
	int64_t mail_message;    /* the outbox message of the copy sent, 0: none */
	char decided_by[128];
	int64_t decided_at;
	char note[512];          /* a rejection's reason */
};

/*
 * Insert p with raw[0..len) (borrowed); sets p->id.  TLD_EEXIST (field
 * "message_id") when the same Message-ID came to the same address before.
 */
int store_list_post_insert(struct store *s, struct list_post *p,
    const char *raw, size_t len, struct tld_error *err);

/*
 * Read post id into out; with raw non-NULL also its bytes (*raw caller
 * frees, NUL-terminated for convenience, *len without the NUL).
 * TLD_ENOTFOUND (field "id") when there is none.
 */
int store_list_post_get(struct store *s, int64_t id, struct list_post *out,
    char **raw, size_t *len, struct tld_error *err);

typedef int (*store_list_post_cb)(void *ctx, const struct list_post *p);
/* Posts in state (NULL: every one), newest first, at most limit (0: all). */
int store_list_post_each(struct store *s, const char *state, size_t limit,
    store_list_post_cb cb, void *ctx, struct tld_error *err);

/*
 * Move post id from state `from` to `to` with who decided, when, a note and
 * the outbox message (0: none).  Returns 1 when it moved, 0 when the post
 * was not in `from` (someone else decided first).
 */
int store_list_post_decide(struct store *s, int64_t id, const char *from,
    const char *to, const char *by, int64_t at, const char *note,
    int64_t mail_message, struct tld_error *err);

/*
 * Held posts received before `before` become expired (their raw bytes are
 * blanked: nobody decided, nobody will).  Returns how many.
 */
int store_list_post_expire(struct store *s, int64_t before, int64_t now,
    struct tld_error *err);

/* Set the envelope sender of outbox message `message` (VERP, once known). */
int store_list_mail_sender(struct store *s, int64_t message,
    const char *sender, struct tld_error *err);

struct list_allow {
	char email[256];
	char reason[512];
	int64_t added;
	char added_by[128];
};

/* TLD_EEXIST (field "address") when it is listed already. */
int store_list_allow_insert(struct store *s, const struct list_allow *a,
    struct tld_error *err);
/* 1 removed, 0 when it was not listed. */
int store_list_allow_delete(struct store *s, const char *email,
    struct tld_error *err);
int store_list_allow_covers(struct store *s, const char *email, bool *covered,
    struct tld_error *err);
typedef int (*store_list_allow_cb)(void *ctx, const struct list_allow *a);
int store_list_allow_each(struct store *s, store_list_allow_cb cb, void *ctx,
    struct tld_error *err);

#endif
