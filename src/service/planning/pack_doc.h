/* SPDX-License-Identifier: MIT */
/*
 * The few document primitives the meeting pack is written with (a
 * heading, a paragraph, a list item, a table), each in Markdown or HTML.
 * Every one escapes all the text it is given (model/markup.h), so the
 * pack's sections (pack_render.c) never put stored text into markup by
 * hand.  Internal to the pack.
 */
#ifndef TLD_SERVICE_PACK_DOC_H
#define TLD_SERVICE_PACK_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "service/planning/pack.h"
#include "util/buf.h"

struct pack_doc {
	enum pack_format fmt;   /* PACK_MD or PACK_HTML */
	struct buf *out;        /* borrowed: appended to */
	bool in_list;
	/*
	 * The table being written (HTML): its column names, borrowed until
	 * its end; a table of 4 columns or more folds on a phone, each cell
	 * under its column's name (data-label).
	 */
	const char *const *head;
	size_t ncols;
};

/* Text, escaped for the format. */
void pack_doc_text(struct pack_doc *d, const char *s);
/* A heading of level 1..6 (printf, then escaped). */
void pack_doc_heading(struct pack_doc *d, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A paragraph (printf, then escaped). */
void pack_doc_para(struct pack_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * A list item "label: text" (label bold, may be NULL; both escaped);
 * `warn` marks it in the HTML (class pk-warn: the flags of an initiative).
 * Items in a row make one list.
 */
void pack_doc_item(struct pack_doc *d, bool warn, const char *label,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Ends a list of items (the other primitives do it themselves). */
void pack_doc_list_end(struct pack_doc *d);
/* A table: its header, rows of ncols cells, its end. */
void pack_doc_table_begin(struct pack_doc *d, const char *const *head,
    size_t ncols);
void pack_doc_table_row(struct pack_doc *d, const char *const *cells,
    size_t ncols);
void pack_doc_table_end(struct pack_doc *d);
/* An HTML <section id="id"> (id: a fixed word); nothing in Markdown. */
void pack_doc_section_begin(struct pack_doc *d, const char *id);
void pack_doc_section_end(struct pack_doc *d);

#endif
