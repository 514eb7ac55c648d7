/* SPDX-License-Identifier: MIT */
/*
 * Text listings for people: a header row and columns aligned by display
 * width (UTF-8: "рф" is two columns, a CJK character two, a combining mark
 * none), two spaces apart, the last column unpadded.
 */
#ifndef TLD_CLI_TABLE_H
#define TLD_CLI_TABLE_H

#include <stddef.h>
#include <stdio.h>

struct cli_table {
	size_t ncols;
	char **cells;   /* owned: rows * ncols strings, the header first */
	size_t n, cap;  /* cells used, allocated */
};

/* A table with the header cells head[0..ncols-1] (borrowed, copied). */
void cli_table_init(struct cli_table *t, size_t ncols, const char *const *head);
/* Add a row of ncols cells (copied); NULL is an empty cell. */
void cli_table_row(struct cli_table *t, const char *const *cells);
/* Add a line printed as it is, under the row before (a note, a flag). */
void cli_table_line(struct cli_table *t, const char *text);
/* Print the header and the rows to out. */
void cli_table_print(const struct cli_table *t, FILE *out);
void cli_table_fini(struct cli_table *t);

/* The columns s takes on a terminal (invalid UTF-8: a column per byte). */
size_t cli_display_width(const char *s);

#endif
