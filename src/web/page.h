/* SPDX-License-Identifier: MIT */
/*
 * The frame every HTML page shares (page.c): head, navigation for the
 * caller's role, footer; the one-paragraph message page; the hidden CSRF
 * field of every form; numbers from the path.
 */
#ifndef TLD_WEB_PAGE_H
#define TLD_WEB_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/contact.h"
#include "util/buf.h"
#include "util/error.h"
#include "web/req.h"

/* Start a page: doctype, head, header with navigation for rq->who, <main>. */
void page_begin(struct web_req *rq, struct buf *b, const char *title);
/* Close <main>, footer, </html>; set the response (status, text/html). */
void page_end(struct web_req *rq, struct buf *b, int status);
/* A page with one heading and one paragraph (errors, confirmations). */
void page_message(struct web_req *rq, int status, const char *title,
    const char *message);
/* The hidden CSRF input of every form. */
void page_csrf_field(struct web_req *rq, struct buf *b);
/* A page for a service failure, with its status. */
void page_tld_error(struct web_req *rq, const struct tld_error *err);
/*
 * An error as an HTML page for a browser (server.c's content negotiation):
 * a title for the status, "field: message" (the message alone without a
 * field; a 500's details stay in the log).
 */
void page_error(struct web_req *rq, int status, const char *field,
    const char *message);
/* The confirmation a page shows after a form worked: ?done=code. */
struct page_done {
	const char *code;
	const char *text;       /* static markup */
};
/* The notice of the entry of done[0..n) that ?done= names, if any. */
void page_done_notice(struct web_req *rq, struct buf *b,
    const struct page_done *done, size_t n);
/*
 * A list's filter as a <select> of a GET form (id and name id): codes,
 * shown as names (NULL: the codes), v selected; bad marks it aria-invalid,
 * described by the element "filter-error".
 */
void page_filter_select(struct buf *b, const char *id, const char *label,
    const char *const *codes, const char *const *names, size_t n,
    const char *v, bool bad);
/*
 * The pager below a list of pages: links prev and next (their texts) to
 * base?keys[0]=vals[0]&...&page=N, for the page before (at most pages)
 * and after page.
 */
void page_pager(struct buf *b, const char *base, const char *const *keys,
    const char *const *vals, size_t n, int64_t page, int64_t pages,
    const char *prev, const char *next);
/* A contact's fields that are set, as a <dl class="fields">. */
void page_contact_fields(struct buf *b, const struct contact *c);
/*
 * The number in the path's first parameter ({id}) into *id; false, with
 * a 404 page saying there is no such `what`, when it is not one.
 */
bool page_param_id(struct web_req *rq, const char *what, int64_t *id);
/* A positive decimal number ("1".."9223372036854775807") into *id. */
bool page_parse_id(const char *s, int64_t *id);

#endif
