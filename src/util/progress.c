/* SPDX-License-Identifier: MIT */
/* Progress of long work and the terminal's line (util/progress.h). */
#include "util/progress.h"

#include <string.h>
#include <unistd.h>

#include "util/clock.h"

void
progress_report(const struct progress *p, int64_t done, int64_t total)
{
	if (p != NULL && p->fn != NULL)
		p->fn(p->arg, done, total);
}

bool
progress_wanted(const struct progress *p)
{
	return p != NULL && p->fn != NULL;
}

/* 1234567 -> "1,234,567" */
static void
thousands(char *out, size_t outlen, int64_t v)
{
	char digits[24];
	size_t n, j = 0;

	snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? 0 : v));
	n = strlen(digits);
	for (size_t i = 0; i < n && j + 2 < outlen; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = digits[i];
	}
	out[j] = '\0';
}

void
progress_format(char *out, size_t outlen, const char *what, int64_t done,
    int64_t total, int64_t ms)
{
	char d[32], t[32], r[32], rate_text[48] = "", left[32] = "";
	double rate = ms > 0 ? (double)done * 1000.0 / (double)ms : 0;

	thousands(d, sizeof(d), done);
	thousands(t, sizeof(t), total);
	if (ms > 0) {
		thousands(r, sizeof(r), (int64_t)(rate + 0.5));
		snprintf(rate_text, sizeof(rate_text), "  %s rows/s", r);
	}
	if (total > 0 && rate > 0 && done <= total) {
		long s = (long)((double)(total - done) / rate + 0.5);

		if (s >= 3600)
			snprintf(left, sizeof(left), "  %ld:%02ld:%02ld left",
			    s / 3600, s / 60 % 60, s % 60);
		else
			snprintf(left, sizeof(left), "  %ld:%02ld left", s / 60,
			    s % 60);
	}
	if (total > 0)
		snprintf(out, outlen, "%s: %s/%s rows%s%s", what, d, t, rate_text,
		    left);
	else
		snprintf(out, outlen, "%s: %s rows%s", what, d, rate_text);
}

static void
line_draw(void *arg, int64_t done, int64_t total)
{
	struct progress_line *pl = arg;
	char line[160];
	int64_t now;

	if (pl->out == NULL)
		return;
	now = clock_now_ms();
	/* The rate is of the rows: the clock starts at the first one. */
	if (!pl->started) {
		pl->started = true;
		pl->start = pl->last = now;
	}
	/* A few thousand rows (known or so far): nothing. */
	if ((total > 0 ? total : done) <= PROGRESS_MIN_ROWS)
		return;
	/* Work done within the interval shows nothing; then five a second. */
	if (now - pl->last < PROGRESS_INTERVAL_MS)
		return;
	pl->last = now;
	pl->drawn = true;
	progress_format(line, sizeof(line), pl->what, done, total,
	    now - pl->start);
	fprintf(pl->out, "\r%s\033[K", line);
	fflush(pl->out);
}

void
progress_line_force(struct progress_line *pl, FILE *out, const char *what,
    struct progress *p)
{
	memset(pl, 0, sizeof(*pl));
	pl->out = out;
	snprintf(pl->what, sizeof(pl->what), "%s", what);
	pl->start = pl->last = clock_now_ms();
	p->fn = out != NULL ? line_draw : NULL;
	p->arg = out != NULL ? pl : NULL;
}

bool
progress_line_open(struct progress_line *pl, FILE *out, const char *what,
    struct progress *p)
{
	progress_line_force(pl, out != NULL && isatty(fileno(out)) ? out : NULL,
	    what, p);
	return pl->out != NULL;
}

void
progress_line_close(struct progress_line *pl)
{
	if (pl->out != NULL && pl->drawn) {
		fputs("\r\033[K", pl->out);
		fflush(pl->out);
	}
	pl->drawn = false;
	pl->out = NULL;
}
