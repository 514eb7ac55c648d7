/* SPDX-License-Identifier: MIT */
/*
 * Putting stored text into the meeting pack's Markdown and HTML so that it
 * is only ever text: no tag, entity, link, emphasis or table cell border
 * can come out of a title or a name.  No I/O.
 */
#ifndef TLD_MODEL_MARKUP_H
#define TLD_MODEL_MARKUP_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Append p[0..len) to out for HTML text or a quoted attribute value:
 * & < > " ' become entities; control characters (line breaks included)
 * and NUL become a space.
 */
void markup_html_escape(struct buf *out, const char *p, size_t len);

/*
 * Append p[0..len) to out for Markdown text, a heading or a table cell
 * (CommonMark / GitHub): every character that could start markup
 * (\ ` * _ [ ] < > | ~ ! &, and # at the start or after a blank) gets a
 * backslash; control characters (line breaks included) and NUL become a
 * space, so the text stays on its line.  The caller never starts a line
 * with the text (a list marker or "1." would need more).
 */
void markup_md_escape(struct buf *out, const char *p, size_t len);

#endif
