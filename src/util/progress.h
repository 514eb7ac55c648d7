/* SPDX-License-Identifier: MIT */
/*
 * Progress of long work (import, export, migrate).
 *
 * The work is told a struct progress by its caller and reports to it how
 * many rows are done (progress_report()); it prints nothing itself.  The
 * CLI, which owns the terminal, passes a struct progress_line's: one line
 * on stderr, "import: 12,000/100,000 rows  8,000 rows/s  0:11 left",
 * rewritten in place with \r at most five times a second
 * (PROGRESS_INTERVAL_MS), the first time once the work has run that long
 * since its first row, erased at the end.  It draws only on a terminal and only for more than
 * PROGRESS_MIN_ROWS rows: scripts, files and the server never see it.  The
 * time is util/clock's (clock_now_ms()), so faketime moves it.
 */
#ifndef TLD_UTIL_PROGRESS_H
#define TLD_UTIL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROGRESS_MIN_ROWS 2000
#define PROGRESS_INTERVAL_MS 200

/* Where long work reports: fn(arg, done, total); total 0 when not known. */
struct progress {
	void (*fn)(void *arg, int64_t done, int64_t total);
	void *arg;
};

/* Tell p (NULL or without fn: nobody) that done of total rows are done. */
void progress_report(const struct progress *p, int64_t done, int64_t total);
/* Whether anybody listens (to skip counting rows for nobody). */
bool progress_wanted(const struct progress *p);

/* The terminal's line (the CLI's). */
struct progress_line {
	FILE *out;          /* NULL: nothing is drawn */
	char what[32];
	int64_t start, last; /* clock_now_ms(): the first row, the last draw */
	bool started, drawn;
};

/*
 * A line for the work called what (a short word) on out, if out is a
 * terminal; p is set to report to it (or to nobody).  True if it draws.
 */
bool progress_line_open(struct progress_line *pl, FILE *out, const char *what,
    struct progress *p);
/* Tests: the same, drawing on out whatever it is. */
void progress_line_force(struct progress_line *pl, FILE *out, const char *what,
    struct progress *p);
/* The work is over: the line, if one was drawn, is erased. */
void progress_line_close(struct progress_line *pl);

/*
 * The line for done of total (0: unknown) rows after ms milliseconds, no
 * I/O: "what: done/total rows  R rows/s  M:SS left" (H:MM:SS past an
 * hour); the rate and time left only once ms > 0, the time left only with
 * a total not yet passed.
 */
void progress_format(char *out, size_t outlen, const char *what, int64_t done,
    int64_t total, int64_t ms);

#endif
