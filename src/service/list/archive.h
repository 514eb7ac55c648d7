/* SPDX-License-Identifier: MIT */
/*
 * The list's archive: every distributed post but TLP:RED ones, kept as
 * received (raw bytes) and parsed with GMime 3 (mail/mime.h) into what
 * the pages need -- Message-ID, date, author, subject, thread
 * (In-Reply-To/References), the text part, the attachments.  Members read
 * it on the web and through the API; the public never sees it.  Search
 * is SQLite FTS5 or PostgreSQL full-text over the same words, so both
 * backends give the same posts (store/archive_store.h).
 *
 * For service/list/inbound (`tldops deliver`): call archive_add_post()
 * with the post as it arrived, inside your transaction, after deciding to
 * distribute it.
 */
#ifndef TLD_SERVICE_LIST_ARCHIVE_H
#define TLD_SERVICE_LIST_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "service/context.h"
#include "store/archive_store.h"
#include "util/buf.h"

#define ARCHIVE_QUERY_MAX 400      /* bytes of a search query */
#define ARCHIVE_QUERY_WORDS 16     /* words of a search query used */
#define ARCHIVE_PAGE_MAX 500       /* posts one listing returns at most */

/*
 * Archive one distributed post raw[0..len) (as received) inside the
 * caller's transaction (store_begin() is the caller's; nothing is
 * committed here).  Returns the new archive id (> 0); 0 when a post with
 * the same Message-ID is archived already (nothing written: Postfix
 * retries, the import's duplicates); a negative TLD_E code otherwise:
 * TLD_EDENIED field "tlp" for a TLP:RED post ("[TLP:RED]" in the subject
 * or a "TLP: RED" line in the text: never archived), TLD_EINVAL field
 * "message" for bytes GMime cannot read as a message.  A post without a
 * Message-ID is keyed by the SHA-256 of its bytes; without a Date, by its
 * arrival (clock_now()).  The post is threaded under the archived post
 * its In-Reply-To or References names.  Writes one audit row
 * ("archive.add").
 */
int archive_add_post(struct tld_ctx *ctx, const char *raw, size_t len,
    struct tld_error *err);

/* Whether a post with this subject and text is TLP:RED (never archived). */
bool archive_is_tlp_red(const char *subject, const char *text);

struct archive_import_stats {
	size_t messages;   /* in the file */
	size_t imported;
	size_t duplicates; /* Message-ID archived already (or twice in the file) */
	size_t red;        /* TLP:RED: left out */
};
/*
 * `tldops archive import FILE.mbox`: every message of an mbox (Mailman's
 * archive) in one transaction with one audit row; duplicates by
 * Message-ID skipped.  A message GMime cannot read fails the whole import
 * (TLD_EINVAL naming "message N").  Returns 0 and fills *st.
 */
int archive_import_mbox(struct tld_ctx *ctx, const char *data, size_t len,
    struct archive_import_stats *st, struct tld_error *err);

/*
 * The whole archive as an mbox (mboxrd: From_ lines, ">From " quoting),
 * oldest first, appended to out.  Returns the number of posts.
 */
int archive_export_mbox(struct tld_ctx *ctx, struct buf *out,
    struct tld_error *err);

/*
 * A listing: q as in store/archive_store.h, except that words is what a
 * member typed (any text up to ARCHIVE_QUERY_MAX bytes, TLD_EINVAL "q"
 * beyond): it is split into words here; a query without a word matches
 * nothing.  limit is capped at ARCHIVE_PAGE_MAX.  Returns the count.
 */
int archive_list(struct tld_ctx *ctx, const struct archive_query *q,
    store_archive_cb cb, void *cbctx, struct tld_error *err);

/* One month's posts, thread by thread (newest thread first), each with its depth. */
typedef int (*archive_thread_cb)(void *ctx, const struct archive_entry *e,
    int depth);
int archive_month(struct tld_ctx *ctx, const char *month,
    archive_thread_cb cb, void *cbctx, struct tld_error *err);
/* One thread's posts, oldest first, each with its depth. */
int archive_thread(struct tld_ctx *ctx, int64_t thread_id,
    archive_thread_cb cb, void *cbctx, struct tld_error *err);

/* The months with posts, newest first. */
int archive_months(struct tld_ctx *ctx, store_archive_month_cb cb,
    void *cbctx, struct tld_error *err);

/* One post (archive_post_fini()); TLD_ENOTFOUND field "id". */
int archive_get(struct tld_ctx *ctx, int64_t id, struct archive_post *out,
    struct tld_error *err);
void archive_post_fini(struct archive_post *p);
int archive_attachments(struct tld_ctx *ctx, int64_t id,
    store_archive_attachment_cb cb, void *cbctx, struct tld_error *err);

/*
 * Attachment n of post id for download: its bytes into data, its name
 * made safe for a Content-Disposition filename (ASCII letters, digits,
 * '.', '-', '_'; others '_'; "attachment" when nothing is left) and the
 * type to serve it with: never one a browser renders or runs (text/html,
 * image/svg+xml, XML, JavaScript, ... become application/octet-stream;
 * text/plain stays).  TLD_ENOTFOUND field "attachment".
 */
int archive_attachment(struct tld_ctx *ctx, int64_t id, int n,
    char safe_name[128], char safe_type[128], struct buf *data,
    struct tld_error *err);

/*
 * The JSON the CLI's --json and the API share: a listed post {id, date
 * (ISO 8601 UTC), from_name, from, subject, thread, message_id,
 * in_reply_to, attachments (a count)}; a full post adds text, text_is_html,
 * references and attachments as [{n, filename, content_type, size}].
 * New references (json_decref()).
 */
json_t *archive_entry_json(const struct archive_entry *e);
int archive_post_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err);

/* The post's bytes as received. */
int archive_raw(struct tld_ctx *ctx, int64_t id, struct buf *out,
    struct tld_error *err);

#endif
