/* SPDX-License-Identifier: MIT */
/*
 * Composition of one RFC 5322 message with MIME, UTF-8 throughout: RFC 2047
 * encoded words for non-ASCII display names and subjects, a
 * quoted-printable text/plain body when it is not plain ASCII, long header
 * lines folded, CRLF line ends.  An optional TLP label (FIRST's Traffic
 * Light Protocol 2.0) goes into the subject and the first body line.
 *
 * Header injection is impossible by construction: CR, LF or any other
 * control character in a name, address, subject or List-Id is refused with
 * an error naming the field.  No I/O, no clock: the caller supplies the
 * date and the Message-ID.
 */
#ifndef TLD_MAIL_MESSAGE_H
#define TLD_MAIL_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

enum tlp {
	TLP_NONE = 0,
	TLP_CLEAR,
	TLP_GREEN,
	TLP_AMBER,
	TLP_AMBER_STRICT,
	TLP_RED,
};

/* "clear", "green", "amber", "amber+strict", "red" (any case); errors name "tlp". */
int tlp_parse(const char *s, enum tlp *out, struct tld_error *err);
/* "TLP:AMBER+STRICT" etc.; "" for TLP_NONE. */
const char *tlp_label(enum tlp t);

/* A file sent with the message (base64, multipart/mixed). */
struct mail_attachment {
	const char *filename;    /* 1..100 of [A-Za-z0-9._-], not starting with '.' */
	const char *type;        /* MIME type "type/subtype", e.g. "application/json" */
	const char *data;        /* borrowed bytes */
	size_t len;
};

#define MAIL_ATTACHMENTS_MAX 4
#define MAIL_ATTACHMENT_BYTES_MAX (32u * 1024 * 1024)  /* all of them together */

struct mail_spec {
	const char *from_name;   /* may be NULL or "" */
	const char *from_addr;   /* required */
	const char *to_name;     /* may be NULL or "" */
	const char *to_addr;     /* required: the To: header (list or recipient) */
	const char *reply_to;    /* may be NULL */
	const char *subject;     /* required, UTF-8, one line */
	const char *list_id;     /* may be NULL: "tld-ops.example.org" -> List-Id: <...> */
	const char *message_id;  /* required: "<unique@domain>" */
	int64_t date;            /* seconds since the epoch, formatted RFC 5322 in UTC */
	enum tlp tlp;
	const char *body;        /* required, UTF-8 text; LF or CRLF line ends */
	const char *sign_key;    /* NULL or "": unsigned; else PGP/MIME (RFC 3156) */
	const struct mail_attachment *attachments; /* NULL, or nattachments of them */
	size_t nattachments;
};

/*
 * With sign_key, the text part is signed by that OpenPGP key (mail/sign.h)
 * and the message is multipart/signed (RFC 3156); the body is then always
 * quoted-printable so that no relay can alter the signed bytes.  With
 * attachments, the text part and the files (base64) form a
 * multipart/mixed part, which is what gets signed.
 *
 * Append the whole message (headers, blank line, body; CRLF line ends, body
 * dot-unstuffed: transports do SMTP dot-stuffing) to out.  On error nothing
 * is appended and err names the field: "from", "to", "reply_to", "subject",
 * "list_id", "message_id", "body" (invalid UTF-8 or NUL), "attachment".
 */
int mail_compose(const struct mail_spec *spec, struct buf *out,
    struct tld_error *err);

/*
 * Encode a header value for display (names, subject) as RFC 2047 encoded
 * words ("=?UTF-8?B?...?=" or Q) when it is not printable ASCII; plain
 * otherwise.  Appends to out.  Exposed for tests and the digest.
 */
void mail_encode_header_words(struct buf *out, const char *text);

#endif
