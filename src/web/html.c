/* SPDX-License-Identifier: MIT */
/* HTML escaping and a printf that escapes every string it interpolates. */
#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
html_escape(struct buf *b, const char *s)
{
	const char *run = s;

	for (; *s != '\0'; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void
html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *run = fmt;

	va_start(ap, fmt);
	for (const char *p = fmt; *p != '\0'; p++) {
		char num[32];

		if (*p != '%')
			continue;
		buf_append(b, run, (size_t)(p - run));
		p++;
		if (*p == 's') {
			const char *s = va_arg(ap, const char *);

			html_escape(b, s != NULL ? s : "");
		} else if (*p == 'd') {
			snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			buf_puts(b, num);
		} else if (*p == 'u') {
			snprintf(num, sizeof(num), "%u", va_arg(ap, unsigned));
			buf_puts(b, num);
		} else if (p[0] == 'l' && p[1] == 'd') {
			snprintf(num, sizeof(num), "%ld", va_arg(ap, long));
			buf_puts(b, num);
			p++;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
			snprintf(num, sizeof(num), "%lld", va_arg(ap, long long));
			buf_puts(b, num);
			p += 2;
		} else if (p[0] == 'z' && p[1] == 'u') {
			snprintf(num, sizeof(num), "%zu", va_arg(ap, size_t));
			buf_puts(b, num);
			p++;
		} else if (*p == '%') {
			buf_putc(b, '%');
		} else {
			/* Unsupported conversion: a programming error, shown plainly. */
			buf_puts(b, "(?)");
			if (*p == '\0') {
				run = p;
				break;
			}
		}
		run = p + 1;
	}
	buf_puts(b, run);
	va_end(ap);
}

bool
html_table_start(struct buf *b, size_t rows, const char *empty,
    const char *cls, const char *const *cols)
{
	if (rows == 0) {
		html_printf(b, "<p>%s</p>\n", empty);
		return false;
	}
	if (cls != NULL)
		html_printf(b, "<table class=\"%s\">\n<thead><tr>", cls);
	else
		buf_puts(b, "<table>\n<thead><tr>");
	for (; *cols != NULL; cols++)
		html_printf(b, "<th scope=\"col\">%s</th>", *cols);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	return true;
}

void
html_table_end(struct buf *b)
{
	buf_puts(b, "</tbody>\n</table>\n");
}

void
url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}
