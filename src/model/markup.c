/* SPDX-License-Identifier: MIT */
/* Text into HTML and Markdown. */
#include "model/markup.h"

#include <stdbool.h>
#include <string.h>

void
markup_html_escape(struct buf *out, const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (c) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
		}
	}
}

void
markup_md_escape(struct buf *out, const char *p, size_t len)
{
	static const char special[] = "\\`*_[]<>|~!&";
	bool blank = true;      /* what was written last is a blank (or nothing) */

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c == 0x7f)
			c = ' ';
		/* "#" makes a heading at the start, or closes one after a blank. */
		if ((c != ' ' && strchr(special, c) != NULL) || (c == '#' && blank))
			buf_putc(out, '\\');
		buf_putc(out, (char)c);
		blank = c == ' ';
	}
}
