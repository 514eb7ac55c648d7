/* SPDX-License-Identifier: MIT */
/*
 * Safe HTML output.  Every value interpolated into a page goes through
 * html_escape(), usually by way of html_printf(), whose %s arguments are
 * always escaped (there is no way to insert raw text through it; static
 * markup is appended with buf_puts()).  URL pieces are percent-encoded
 * with url_encode() before they are escaped into an attribute.
 */
#ifndef TLD_WEB_HTML_H
#define TLD_WEB_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Append s with & < > " ' replaced by character references. */
void html_escape(struct buf *b, const char *s);

/*
 * printf into b where every %s argument is html_escape()d.  Supports %s,
 * %d, %u, %ld, %lld, %zu, %% (width and precision are not supported).
 */
void html_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A table of `rows` rows: "<table>" (of class cls unless NULL; "fold":
 * each row a block on a phone, see style.css) and a header row of the
 * column headings cols (escaped; a NULL ends the list), then "<tbody>";
 * true.  With no rows, the paragraph "<p>empty</p>" instead, and false.
 * The caller writes the rows and html_table_end().
 */
bool html_table_start(struct buf *b, size_t rows, const char *empty,
    const char *cls, const char *const *cols);
void html_table_end(struct buf *b);

/* Append s percent-encoded for a URL path segment or query value. */
void url_encode(struct buf *b, const char *s);

#endif
