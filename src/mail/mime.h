/* SPDX-License-Identifier: MIT */
/*
 * Mail that comes in, parsed with GMime 3 (never by hand): one RFC 5322
 * message into what the list needs -- its top-level headers (decoded),
 * author, subject, date, Message-ID, thread (In-Reply-To, References), the
 * text a reader sees and the attachments -- and an mbox file into its
 * messages.  GMime is loaded on first use (mail/gmime_load.h).
 *
 * All text handed out is well-formed UTF-8 (bytes that are not become
 * U+FFFD), without NUL.  Input is (pointer, length), never assumed
 * NUL-terminated.
 */
#ifndef TLD_MAIL_MIME_H
#define TLD_MAIL_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

#define MIME_MESSAGE_MAX (64u * 1024 * 1024)  /* bytes of one message */
#define MIME_PARTS_MAX 1000                   /* leaves walked per message */
#define MIME_DEPTH_MAX 32                     /* nested multiparts/messages */
#define MIME_REFERENCES_MAX 100               /* kept from References */

struct mime_header {
	char *name;  /* as written, e.g. "List-Id"; owned */
	char *value; /* unfolded, RFC 2047-decoded, UTF-8; owned */
};

struct mime_attachment {
	char *filename;     /* decoded (RFC 2231/2047), UTF-8; "" when none; owned */
	char *content_type; /* "type/subtype", lower case; owned */
	char *data;         /* the decoded bytes (base64/QP undone); owned */
	size_t len;
};

struct mime_message {
	struct mime_header *headers; /* top-level headers in order; owned */
	size_t nheaders;
	char *message_id;   /* without <>; "" when absent; owned */
	int64_t date;       /* the Date header, UNIX time; 0 when absent or bad */
	char *from_name;    /* display name of the first From mailbox; "" */
	char *from_addr;    /* its address; "" when there is no From mailbox */
	char *subject;      /* decoded; "" when absent */
	char *in_reply_to;  /* the first message-id in In-Reply-To; "" */
	char **references;  /* message-ids of References, oldest first; owned */
	size_t nreferences;
	char *content_type; /* of the whole message, "type/subtype" lower case */
	/*
	 * What a reader sees: the first text/plain part outside attachments,
	 * charset converted to UTF-8; without one, the first text/html part's
	 * source (to be shown as text, never rendered), text_is_html set.
	 */
	char *text;
	bool text_is_html;
	struct mime_attachment *attachments; /* every other leaf with a body */
	size_t nattachments;
	/*
	 * What GMime's parser found broken in the structure, "" when nothing:
	 * "multipart/mixed without a boundary parameter", "multipart/mixed
	 * whose body never uses its boundary \"b\"", "truncated: a multipart
	 * without its closing boundary", ...  The message is parsed as far
	 * as GMime goes all the same.
	 */
	char flaw[128];
};

/*
 * Parse raw[0..len).  On success *out is filled (mime_message_fini()
 * frees it).  TLD_EINVAL naming "message" when it is empty, over
 * MIME_MESSAGE_MAX or not a message GMime can read at all; TLD_EIO "mime"
 * when GMime cannot be loaded.  Malformed-but-readable input (bad
 * encodings, broken multiparts) is parsed as far as GMime goes.
 */
int mime_parse(const char *raw, size_t len, struct mime_message *out,
    struct tld_error *err);
void mime_message_fini(struct mime_message *m);

/* The value of the first header called name (any case), or NULL; borrowed. */
const char *mime_header_get(const struct mime_message *m, const char *name);

/*
 * Split an mbox file (From_-separated, as Mailman and Python's mailbox
 * write it) into its messages; cb gets each message's bytes with the
 * From_ line removed and ">From " quoting undone (borrowed for the call).
 * A negative cb result stops and is returned.  Returns the number of
 * messages, TLD_EINVAL "mbox" when data does not start with a From_ line.
 */
typedef int (*mime_mbox_cb)(void *ctx, const char *raw, size_t len);
int mime_mbox_each(const char *data, size_t len, mime_mbox_cb cb, void *ctx,
    struct tld_error *err);

/*
 * The words of text[0..len) for full-text search, appended to out: runs
 * of Unicode letters and digits (GLib's tables), lower case, combining
 * marks dropped, one space between words; words over MIME_WORD_MAX bytes
 * are left out, and at most max_words are written (0: no limit).  The
 * archive indexes this and normalises queries with it, so SQLite's FTS5
 * and PostgreSQL's parser both see plain words and agree.  Returns the
 * number of words, or TLD_EIO "mime" when GLib cannot be loaded.
 */
#define MIME_WORD_MAX 100
int mime_search_words(const char *text, size_t len, size_t max_words,
    struct buf *out, struct tld_error *err);

#endif
