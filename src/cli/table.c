/* SPDX-License-Identifier: MIT */
/* Aligned text listings with a header row. */
#define _XOPEN_SOURCE 700
#include "cli/table.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/xalloc.h"

size_t
cli_display_width(const char *s)
{
	static locale_t utf8;
	locale_t old;
	mbstate_t st;
	size_t w = 0, len = strlen(s);

	/* wcwidth() follows LC_CTYPE: use UTF-8 for this thread only. */
	if (utf8 == (locale_t)0)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8 == (locale_t)0)
		return len;
	old = uselocale(utf8);
	memset(&st, 0, sizeof(st));
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			n = 1;
			cw = 1;
		} else {
			if (n == 0)
				n = 1;
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += (size_t)cw;
		s += n;
		len -= n;
	}
	uselocale(old);
	return w;
}

/* Room for one more row of ncols cells. */
static void
table_reserve_row(struct cli_table *t)
{
	if (t->n + t->ncols <= t->cap)
		return;
	t->cap = t->cap ? t->cap * 2 : 16 * t->ncols;
	while (t->cap < t->n + t->ncols)
		t->cap *= 2;
	t->cells = xrealloc(t->cells, t->cap * sizeof(*t->cells));
}

void
cli_table_init(struct cli_table *t, size_t ncols, const char *const *head)
{
	t->ncols = ncols;
	t->cells = NULL;
	t->n = t->cap = 0;
	cli_table_row(t, head);
}

void
cli_table_row(struct cli_table *t, const char *const *cells)
{
	table_reserve_row(t);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->n++] = xstrdup(cells[i] != NULL ? cells[i] : "");
}

/* A free line is a row whose first cell starts with RAW and holds the text. */
#define RAW '\x01'

void
cli_table_line(struct cli_table *t, const char *text)
{
	size_t len = strlen(text);
	char *c = xmalloc(len + 2);

	table_reserve_row(t);
	c[0] = RAW;
	memcpy(c + 1, text, len + 1);
	t->cells[t->n++] = c;
	for (size_t i = 1; i < t->ncols; i++)
		t->cells[t->n++] = xstrdup("");
}

void
cli_table_print(const struct cli_table *t, FILE *out)
{
	size_t *width = xcalloc(t->ncols, sizeof(*width));

	for (size_t i = 0; i < t->n; i++) {
		size_t w;

		if (t->cells[i - i % t->ncols][0] == RAW)
			continue;
		w = cli_display_width(t->cells[i]);
		if (w > width[i % t->ncols])
			width[i % t->ncols] = w;
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t col = i % t->ncols;

		if (t->cells[i - col][0] == RAW) {
			if (col == 0)
				fprintf(out, "%s\n", t->cells[i] + 1);
			continue;
		}
		fputs(t->cells[i], out);
		if (col + 1 == t->ncols) {
			fputc('\n', out);
			continue;
		}
		for (size_t pad = width[col] - cli_display_width(t->cells[i]) + 2;
		    pad > 0; pad--)
			fputc(' ', out);
	}
	free(width);
}

void
cli_table_fini(struct cli_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->n = t->cap = 0;
}
