/* SPDX-License-Identifier: MIT */
/* The pack's document primitives in Markdown and HTML. */
#include "service/planning/pack_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/markup.h"
#include "util/xalloc.h"

/* printf into a new string (the caller frees). */
static char * __attribute__((format(printf, 1, 0)))
vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void
pack_doc_text(struct pack_doc *d, const char *s)
{
	if (d->fmt == PACK_HTML)
		markup_html_escape(d->out, s, strlen(s));
	else
		markup_md_escape(d->out, s, strlen(s));
}

void
pack_doc_list_end(struct pack_doc *d)
{
	if (d->in_list && d->fmt == PACK_HTML)
		buf_puts(d->out, "</ul>\n");
	else if (d->in_list)
		buf_putc(d->out, '\n');
	d->in_list = false;
}

void
pack_doc_heading(struct pack_doc *d, int level, const char *fmt, ...)
{
	va_list ap;
	char *s;

	pack_doc_list_end(d);
	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	if (d->fmt == PACK_HTML) {
		buf_printf(d->out, "<h%d>", level);
		pack_doc_text(d, s);
		buf_printf(d->out, "</h%d>\n", level);
	} else {
		buf_printf(d->out, "%.*s ", level, "######");
		pack_doc_text(d, s);
		buf_puts(d->out, "\n\n");
	}
	free(s);
}

void
pack_doc_para(struct pack_doc *d, const char *fmt, ...)
{
	va_list ap;
	char *s;

	pack_doc_list_end(d);
	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	buf_puts(d->out, d->fmt == PACK_HTML ? "<p>" : "");
	pack_doc_text(d, s);
	buf_puts(d->out, d->fmt == PACK_HTML ? "</p>\n" : "\n\n");
	free(s);
}

void
pack_doc_item(struct pack_doc *d, bool warn, const char *label,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	if (!d->in_list && d->fmt == PACK_HTML)
		buf_puts(d->out, "<ul>\n");
	d->in_list = true;
	if (d->fmt == PACK_HTML)
		buf_puts(d->out, warn ? "<li class=\"pk-warn\">" : "<li>");
	else
		buf_puts(d->out, "- ");
	if (label != NULL) {
		buf_puts(d->out, d->fmt == PACK_HTML ? "<b>" : "**");
		pack_doc_text(d, label);
		buf_puts(d->out, d->fmt == PACK_HTML ? ":</b> " : ":** ");
	}
	pack_doc_text(d, s);
	buf_puts(d->out, d->fmt == PACK_HTML ? "</li>\n" : "\n");
	free(s);
}

/* A table of this many columns or more folds on a phone (pack_render.c's CSS). */
#define PACK_FOLD_COLS 4

/* A table: the header, then rows of ncols cells (escaped), then the end. */
void
pack_doc_table_begin(struct pack_doc *d, const char *const *head, size_t ncols)
{
	pack_doc_list_end(d);
	if (d->fmt == PACK_HTML) {
		d->head = head;
		d->ncols = ncols;
		buf_puts(d->out, ncols >= PACK_FOLD_COLS ? "<table class=\"fold\">\n"
		    "<thead><tr>" : "<table>\n<thead><tr>");
		for (size_t i = 0; i < ncols; i++) {
			buf_puts(d->out, "<th>");
			pack_doc_text(d, head[i]);
			buf_puts(d->out, "</th>");
		}
		buf_puts(d->out, "</tr></thead>\n<tbody>\n");
		return;
	}
	buf_puts(d->out, "|");
	for (size_t i = 0; i < ncols; i++) {
		buf_putc(d->out, ' ');
		pack_doc_text(d, head[i]);
		buf_puts(d->out, " |");
	}
	buf_puts(d->out, "\n|");
	for (size_t i = 0; i < ncols; i++)
		buf_puts(d->out, " --- |");
	buf_putc(d->out, '\n');
}

void
pack_doc_table_row(struct pack_doc *d, const char *const *cells, size_t ncols)
{
	buf_puts(d->out, d->fmt == PACK_HTML ? "<tr>" : "|");
	for (size_t i = 0; i < ncols; i++) {
		if (d->fmt != PACK_HTML) {
			buf_putc(d->out, ' ');
		} else if (d->head != NULL && d->ncols >= PACK_FOLD_COLS &&
		    i < d->ncols && d->head[i][0] != '\0') {
			buf_puts(d->out, "<td data-label=\"");
			pack_doc_text(d, d->head[i]);
			buf_puts(d->out, "\">");
		} else {
			buf_puts(d->out, "<td>");
		}
		pack_doc_text(d, cells[i]);
		buf_puts(d->out, d->fmt == PACK_HTML ? "</td>" : " |");
	}
	buf_puts(d->out, d->fmt == PACK_HTML ? "</tr>\n" : "\n");
}

void
pack_doc_table_end(struct pack_doc *d)
{
	buf_puts(d->out, d->fmt == PACK_HTML ? "</tbody>\n</table>\n" : "\n");
	d->head = NULL;
	d->ncols = 0;
}

void
pack_doc_section_begin(struct pack_doc *d, const char *id)
{
	pack_doc_list_end(d);
	if (d->fmt == PACK_HTML)
		buf_printf(d->out, "<section id=\"%s\">\n", id);
}

void
pack_doc_section_end(struct pack_doc *d)
{
	pack_doc_list_end(d);
	if (d->fmt == PACK_HTML)
		buf_puts(d->out, "</section>\n");
}
