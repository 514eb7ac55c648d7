/* SPDX-License-Identifier: MIT */
/*
 * What the list does to a post before sending it on (mail/mime.h reads
 * mail; this writes the list's copy): a check of the header block that
 * GMime would not make, the copy with the list's headers, tag and footer,
 * and the plain forward to the owners.  GMime is loaded on first use.
 */
#ifndef TLD_MAIL_LIST_COPY_H
#define TLD_MAIL_LIST_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/* The longest header line accepted as it is (RFC 5322 2.1.1's 998 + CRLF). */
#define MIME_HEADER_LINE_MAX 1000
/* The most bytes of headers before the body. */
#define MIME_HEADER_BYTES_MAX (256u * 1024)

struct list_copy_check {
	const char *msg;       /* raw after an mbox/pipe "From " line, if any */
	size_t len;
	/*
	 * A problem a moderator can judge, "" when none: "header line longer
	 * than 998 bytes", "NUL byte in the headers", "headers that are
	 * neither ASCII nor UTF-8", "NUL byte in the body" (a message with a
	 * NUL or a bare CR in the headers, or a NUL in the body, is never
	 * copied: list_copy_make refuses it).
	 */
	char problem[128];
};

/*
 * Check the header block of raw[0..len) (and the body for NUL).  TLD_EINVAL (field "message") for
 * input that is no message at all: empty, not starting with a header
 * field, more than MIME_HEADER_BYTES_MAX of headers.  Otherwise 0 and out
 * filled (out->msg borrows raw).
 */
int list_copy_check(const char *raw, size_t len, struct list_copy_check *out,
    struct tld_error *err);

/* How the copy is made; every string borrowed, UTF-8. */
struct list_copy_opts {
	const char *list_address;  /* tld-ops@lists.example */
	const char *list_name;     /* "TLD-OPS": From becomes "Name via TLD-OPS" */
	const char *list_id;       /* tld-ops.lists.example (no brackets) */
	const char *subject_tag;   /* "[TLD-OPS]"; "" for none */
	bool from_rewrite;         /* DMARC: From is the list, author in Reply-To/Cc */
	const char *list_post;     /* RFC 2369 values, with their <...> */
	const char *list_help;
	const char *list_archive;  /* may be NULL */
	const char *list_owner;
	const char *footer;        /* plain UTF-8 text, may be NULL */
	const char *preface;       /* a line on top of the text (the signature check), may be NULL */
	const char *signature;     /* X-TLD-OPS-Signature value, may be NULL (the header is
	                              always removed from what came in) */
};

/*
 * The copy the list sends of raw[0..len): List-* headers (RFC 2369, 2919),
 * X-Loop and Precedence replaced by ours, DKIM-Signature, Return-Path and
 * Delivered-To removed, the subject tag added unless the subject has it,
 * From rewritten (from_rewrite: the author goes to Reply-To, or to Cc when
 * there is a Reply-To), the footer appended to a plain-text body or as a
 * last part of a multipart/mixed; any other body (multipart/signed
 * included) is wrapped unchanged in a multipart/mixed with the footer
 * beside it.  Parts that may be re-encoded are made 7-bit.  Appends CRLF
 * text that is valid UTF-8 without NUL to out, or returns TLD_EINVAL
 * (field "message") with nothing appended.
 */
int list_copy_make(const char *raw, size_t len, const struct list_copy_opts *o,
    struct buf *out, struct tld_error *err);

/*
 * raw made 7-bit with CRLF line ends and header `name: value` on top, for
 * forwarding as it is (the owner address).  Errors as list_copy_make.
 */
int list_copy_forward(const char *raw, size_t len, const char *name,
    const char *value, struct buf *out, struct tld_error *err);

#endif
