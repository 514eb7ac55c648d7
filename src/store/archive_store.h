/* SPDX-License-Identifier: MIT */
/*
 * The list's archive: posts (raw bytes and parsed fields), their
 * attachments, and full-text search over the words service/list/archive.c
 * extracts (FTS5 on SQLite, to_tsvector on PostgreSQL; store/db.h's fts5
 * flag).  Conventions as in store/store.h.
 */
#ifndef TLD_STORE_ARCHIVE_STORE_H
#define TLD_STORE_ARCHIVE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"

/* A post to insert: every pointer borrowed for the call. */
struct archive_post_row {
	const char *message_id;   /* without <>, unique */
	int64_t posted;
	const char *month;        /* "YYYY-MM" of posted */
	int64_t received;
	const char *from_name;
	const char *from_addr;
	const char *subject;
	const char *in_reply_to;
	const char *refs;         /* space-separated, oldest first */
	const char *body;
	bool body_is_html;
	const char *search_text;  /* lower-case words, one space apart */
	const void *raw;
	size_t raw_len;
};

/*
 * Insert r with thread_id; *id the new row.  TLD_EEXIST (field
 * "message_id") when a post with that Message-ID is archived already:
 * nothing is written and the transaction goes on.
 */
int store_archive_insert(struct store *s, const struct archive_post_row *r,
    int64_t thread_id, int64_t *id, struct tld_error *err);
/* The post with this Message-ID: its id and thread.  TLD_ENOTFOUND when none. */
int store_archive_find(struct store *s, const char *message_id, int64_t *id,
    int64_t *thread_id, struct tld_error *err);
/* Post id's thread becomes thread_id. */
int store_archive_set_thread(struct store *s, int64_t id, int64_t thread_id,
    struct tld_error *err);
/*
 * Threads whose first post replies to message_id (it arrived after its
 * answers, as an import can have it) join thread_id.
 */
int store_archive_adopt(struct store *s, const char *message_id,
    int64_t thread_id, struct tld_error *err);
int store_archive_attachment_insert(struct store *s, int64_t post_id, int n,
    const char *filename, const char *content_type, const void *data,
    size_t len, struct tld_error *err);

/* A listed post; text borrowed in callbacks. */
struct archive_entry {
	int64_t id;
	int64_t posted;
	const char *month;
	int64_t thread_id;
	const char *message_id;
	const char *from_name;
	const char *from_addr;
	const char *subject;
	const char *in_reply_to;
	int64_t attachments;      /* how many */
};
typedef int (*store_archive_cb)(void *ctx, const struct archive_entry *e);

enum archive_order {
	ARCHIVE_NEWEST = 0,       /* posted, newest first */
	ARCHIVE_BY_THREAD,        /* thread (newest thread first), then posted */
	ARCHIVE_OLDEST,           /* posted, oldest first */
};
struct archive_query {
	const char *words;        /* NULL/"": no search; else lower-case words, AND */
	int64_t before_id;        /* 0, or only posts listed after this one (newest first) */
	const char *month;        /* NULL/"", or "YYYY-MM" */
	int64_t thread_id;        /* 0, or one thread */
	size_t limit;             /* 0: no limit */
	enum archive_order order; /* words and before_id: ARCHIVE_NEWEST only */
};
/* Matching posts in order; a negative cb result stops and is returned. */
int store_archive_each(struct store *s, const struct archive_query *q,
    store_archive_cb cb, void *ctx, struct tld_error *err);

/* The months that have posts, newest first, with their counts. */
typedef int (*store_archive_month_cb)(void *ctx, const char *month,
    int64_t posts);
int store_archive_months(struct store *s, store_archive_month_cb cb,
    void *ctx, struct tld_error *err);

/* One post in full; strings owned (store_archive_post_fini()). */
struct archive_post {
	int64_t id;
	int64_t posted;
	int64_t received;
	int64_t thread_id;
	char *message_id;
	char *from_name;
	char *from_addr;
	char *subject;
	char *in_reply_to;
	char *refs;
	char *body;
	bool body_is_html;
};
/* TLD_ENOTFOUND (field "id") when there is no such post. */
int store_archive_get(struct store *s, int64_t id, struct archive_post *out,
    struct tld_error *err);
void store_archive_post_fini(struct archive_post *p);

/* The bytes of post id as received, appended to out. */
int store_archive_raw(struct store *s, int64_t id, struct buf *out,
    struct tld_error *err);

struct archive_attachment {
	int64_t post_id;
	int n;
	const char *filename;     /* borrowed in callbacks */
	const char *content_type;
	int64_t size;
};
typedef int (*store_archive_attachment_cb)(void *ctx,
    const struct archive_attachment *a);
int store_archive_attachment_each(struct store *s, int64_t post_id,
    store_archive_attachment_cb cb, void *ctx, struct tld_error *err);
/*
 * Attachment n of post_id: its bytes appended to data, its name and type
 * copied (bounded).  TLD_ENOTFOUND (field "attachment") when none.
 */
int store_archive_attachment_get(struct store *s, int64_t post_id, int n,
    char *filename, size_t filenamelen, char *content_type,
    size_t content_typelen, struct buf *data, struct tld_error *err);

/* Every post, oldest first, with its raw bytes (borrowed for the call). */
typedef int (*store_archive_raw_cb)(void *ctx, const struct archive_entry *e,
    const void *raw, size_t len);
int store_archive_raw_each(struct store *s, store_archive_raw_cb cb,
    void *ctx, struct tld_error *err);

#endif
