/* SPDX-License-Identifier: MIT */
/*
 * The milestone timeline (timeline.h): columns of meetings, rows of
 * initiatives, a mark per milestone, a line at a moment.  Written straight
 * into a buffer from its arguments; every stored text (titles, names,
 * milestone texts) goes through markup_html_escape(), which is also right
 * for XML (& < > " ' become references).
 */
#include "model/initiative.h"
#include "service/planning/timeline.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model/markup.h"
#include "util/clock.h"
#include "util/json_util.h"
#include "util/xalloc.h"

#define TL_LABEL_W 300  /* the initiatives' titles */
#define TL_COL_W 120    /* one meeting */
#define TL_TOP 96       /* title and meeting heads above the first row */
#define TL_ROW_H 56
#define TL_FOOT 76      /* the line's label and the legend */
#define TL_PAD 20
#define TL_MARK_GAP 24  /* between marks due at the same meeting */
#define TL_LABEL_CHARS 34
#define TL_HEAD_CHARS 14
#define TL_LINE_SPAN (90 * 86400) /* after the last meeting: a column is 90 days */

#define TL_INK "#1b1f24"
#define TL_MUTED "#57606a"
#define TL_GRID "#d0d7de"
#define TL_DONE "#1a7f37"
#define TL_OPEN "#1f5fa8"
#define TL_OVERDUE "#b42318"

struct tl_col {
	const char *name;       /* borrowed from the meetings array */
	const char *day;        /* "YYYY-MM-DD" */
	int64_t date;
};

static int
col_cmp(const void *a, const void *b)
{
	const struct tl_col *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* s escaped, cut after max characters (UTF-8 code points) with an ellipsis. */
static void
text_cut(struct buf *out, const char *s, size_t max)
{
	size_t i = 0, chars = 0;

	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
		i++;
	}
	markup_html_escape(out, s, i);
	if (s[i] != '\0')
		buf_puts(out, "\xe2\x80\xa6");
}

static void
text_all(struct buf *out, const char *s)
{
	markup_html_escape(out, s, strlen(s));
}

/* The meetings with a date, sorted, without repeated names; *n of them. */
static struct tl_col *
columns(const json_t *meetings, size_t *n)
{
	struct tl_col *c = xcalloc(json_array_size(meetings) + 1, sizeof(*c));
	size_t k, m = 0;
	json_t *o;

	json_array_foreach(meetings, k, o) {
		const char *day = json_str(o, "date");
		bool seen = false;
		int64_t t;

		if (!clock_parse_iso(day, strlen(day), &t) || *json_str(o, "name") == '\0')
			continue;
		for (size_t j = 0; j < m && !seen; j++)
			seen = strcmp(c[j].name, json_str(o, "name")) == 0;
		if (seen)
			continue;
		c[m].name = json_str(o, "name");
		c[m].day = day;
		c[m].date = t;
		m++;
	}
	if (m > 1)
		qsort(c, m, sizeof(*c), col_cmp);
	*n = m;
	return c;
}

static ptrdiff_t
col_of(const struct tl_col *c, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].name, name) == 0)
			return (ptrdiff_t)i;
	return -1;
}

/*
 * The first column shown: history before both the first meeting a
 * milestone is due at and the last meeting held by now says nothing.
 */
static size_t
first_column(const struct tl_col *c, size_t n, const json_t *initiatives,
    int64_t now)
{
	size_t first = n, k, j;
	json_t *i, *m;

	for (size_t x = 0; x < n; x++)
		if (c[x].date <= now)
			first = x;
	json_array_foreach(initiatives, k, i)
		json_array_foreach(json_object_get(i, "milestones"), j, m) {
			ptrdiff_t x = col_of(c, n, json_str(m, "due"));

			if (x >= 0 && (size_t)x < first)
				first = (size_t)x;
		}
	return first == n ? 0 : first;
}

enum tl_state { TL_DONE_S, TL_OPEN_S, TL_OVERDUE_S };

static enum tl_state
milestone_state(const json_t *m)
{
	if (json_is_string(json_object_get(m, "done")))
		return TL_DONE_S;
	return json_is_true(json_object_get(m, "overdue")) ? TL_OVERDUE_S :
	    TL_OPEN_S;
}

/* The shape of a state at (x, y): never colour alone. */
static void
shape(struct buf *out, enum tl_state s, int x, int y)
{
	switch (s) {
	case TL_DONE_S:
		buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"10\" fill=\"%s\"/>"
		    "<path d=\"M%d %d l3 4 l6 -8\" fill=\"none\" stroke=\"#ffffff\" "
		    "stroke-width=\"2.5\"/>", x, y, TL_DONE, x - 5, y);
		break;
	case TL_OPEN_S:
		buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"9\" fill=\"#ffffff\" "
		    "stroke=\"%s\" stroke-width=\"3\"/>", x, y, TL_OPEN);
		break;
	case TL_OVERDUE_S:
		buf_printf(out, "<path d=\"M%d %d L%d %d L%d %d Z\" fill=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" "
		    "font-weight=\"bold\" fill=\"#ffffff\">!</text>", x, y - 12,
		    x + 11, y + 8, x - 11, y + 8, TL_OVERDUE, x, y + 6);
		break;
	}
}

static const char *const tl_class[] = { "tl-done", "tl-open", "tl-overdue" };
static const char *const tl_word[] = { "done", "open", "overdue" };

static void
mark(struct buf *out, const json_t *i, const json_t *m, const struct tl_col *c,
    int x, int y)
{
	enum tl_state s = milestone_state(m);
	long long number = (long long)json_integer_value(json_object_get(m,
	    "number"));

	buf_printf(out, "<g class=\"tl-mark %s\"><title>", tl_class[s]);
	text_all(out, json_str(i, "title"));
	buf_printf(out, ", milestone %lld: ", number);
	text_all(out, json_str(m, "text"));
	buf_puts(out, " \xe2\x80\x94 due ");
	text_all(out, c->name);
	buf_printf(out, " (%s), %s", c->day, tl_word[s]);
	if (s == TL_DONE_S)
		buf_printf(out, " %.10s", json_str(m, "done"));
	buf_puts(out, "</title>");
	shape(out, s, x, y);
	buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "font-size=\"12\" fill=\"%s\" class=\"tl-num\">%lld</text></g>\n", x,
	    y + 26, TL_MUTED, number);
}

/* The marks of one initiative's row: those due at the same meeting side by side. */
static int
row_marks(struct buf *out, const json_t *i, const struct tl_col *c,
    size_t first, size_t n, int y, int counts[3])
{
	const json_t *ms = json_object_get(i, "milestones"), *m;
	int drawn = 0;
	size_t k;

	for (size_t x = first; x < n; x++) {
		int total = 0, j = 0, gap, cx = TL_LABEL_W + (int)(x - first) *
		    TL_COL_W + TL_COL_W / 2;

		json_array_foreach(ms, k, m)
			total += strcmp(json_str(m, "due"), c[x].name) == 0;
		if (total == 0)
			continue;
		gap = total > 1 && (TL_COL_W - 24) / (total - 1) < TL_MARK_GAP ?
		    (TL_COL_W - 24) / (total - 1) : TL_MARK_GAP;
		json_array_foreach(ms, k, m) {
			if (strcmp(json_str(m, "due"), c[x].name) != 0)
				continue;
			mark(out, i, m, &c[x], cx - gap * (total - 1) / 2 + gap * j, y);
			counts[milestone_state(m)]++;
			j++;
			drawn++;
		}
	}
	return drawn;
}

/* Where the line at `now` stands between the columns. */
static int
now_x(const struct tl_col *c, size_t first, size_t n, int64_t now)
{
	int left = TL_LABEL_W, right = TL_LABEL_W + (int)(n - first) * TL_COL_W;
	int64_t span;

	if (now < c[first].date)
		return left + 4;
	for (size_t x = first; x + 1 < n; x++)
		if (now < c[x + 1].date)
			return left + (int)(x - first) * TL_COL_W + TL_COL_W / 2 +
			    (int)((now - c[x].date) * TL_COL_W /
			    (c[x + 1].date - c[x].date));
	span = (now - c[n - 1].date) * TL_COL_W / TL_LINE_SPAN;
	if (span > TL_COL_W / 2 - 4)
		span = TL_COL_W / 2 - 4;
	return right - TL_COL_W / 2 + (int)span;
}

/* The three shapes with their words (in a <g>, so they are not marks). */
static void
legend(struct buf *out, int y)
{
	buf_puts(out, "<g class=\"tl-legend\">");
	for (int s = TL_DONE_S; s <= TL_OVERDUE_S; s++) {
		int x = TL_PAD + 12 + s * 120;

		shape(out, (enum tl_state)s, x, y);
		buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"14\" "
		    "fill=\"%s\">%s</text>", x + 18, y + 5, TL_INK, tl_word[s]);
	}
	buf_puts(out, "</g>\n");
}

int
timeline_svg(const json_t *meetings, const json_t *initiatives, int64_t now,
    const char *now_label, struct buf *out)
{
	size_t n, first, ncols, nrows = json_array_size(initiatives), k;
	struct tl_col *c = columns(meetings, &n);
	int width, height, bottom, drawn = 0, counts[3] = { 0, 0, 0 };
	char today[32];
	const json_t *i;
	struct buf body;

	first = first_column(c, n, initiatives, now);
	ncols = n - first;
	width = TL_LABEL_W + (int)(ncols > 0 ? ncols : 1) * TL_COL_W + TL_PAD;
	bottom = TL_TOP + (int)(nrows > 0 ? nrows : 1) * TL_ROW_H;
	height = bottom + TL_FOOT;
	clock_format_iso(now, today, sizeof(today));
	today[10] = '\0';

	/* The rows first: the title's summary counts their marks. */
	buf_init(&body);
	buf_printf(&body, "<rect class=\"tl-bg\" x=\"0\" y=\"0\" width=\"%d\" "
	    "height=\"%d\" fill=\"#ffffff\"/>\n", width, height);
	for (size_t x = first; x < n; x++) {
		int cx = TL_LABEL_W + (int)(x - first) * TL_COL_W + TL_COL_W / 2;
		bool past = c[x].date + 86400 <= now;

		buf_printf(&body, "<line class=\"tl-grid\" x1=\"%d\" y1=\"%d\" "
		    "x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n", cx, TL_TOP - 8, cx,
		    bottom, TL_GRID);
		buf_printf(&body, "<text class=\"tl-meeting%s\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" "
		    "fill=\"%s\"><title>", past ? " tl-past" : "", cx, TL_TOP - 36,
		    past ? TL_MUTED : TL_INK);
		text_all(&body, c[x].name);
		buf_puts(&body, "</title>");
		text_cut(&body, c[x].name, TL_HEAD_CHARS);
		buf_printf(&body, "</text>\n<text class=\"tl-date\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"12\" fill=\"%s\">%s</text>\n",
		    cx, TL_TOP - 18, TL_MUTED, c[x].day);
	}
	if (ncols == 0)
		buf_printf(&body, "<text x=\"%d\" y=\"%d\" font-size=\"14\" "
		    "fill=\"%s\">No meetings</text>\n", TL_LABEL_W + 10,
		    TL_TOP - 18, TL_MUTED);
	if (nrows == 0)
		buf_printf(&body, "<text x=\"%d\" y=\"%d\" font-size=\"14\" "
		    "fill=\"%s\">No initiatives</text>\n", TL_PAD, TL_TOP + 32,
		    TL_MUTED);
	/* The line before the rows: the marks stay on top of it. */
	if (ncols > 0) {
		int x = now_x(c, first, n, now);

		buf_printf(&body, "<line class=\"tl-now\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
		    "<text class=\"tl-now-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"12\" fill=\"%s\">", x, TL_TOP - 8, x, bottom + 6,
		    TL_OVERDUE, x, bottom + 22, TL_OVERDUE);
		text_all(&body, now_label != NULL ? now_label : "");
		buf_printf(&body, " %s</text>\n", today);
	}
	json_array_foreach(initiatives, k, i) {
		int y = TL_TOP + (int)k * TL_ROW_H;
		const char *state = json_str(i, "state");

		buf_printf(&body, "<line class=\"tl-row\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\" stroke=\"%s\"/>\n<text class=\"tl-label\" x=\"%d\" "
		    "y=\"%d\" font-size=\"14\" fill=\"%s\"><title>", TL_PAD, y + TL_ROW_H,
		    width - TL_PAD, y + TL_ROW_H, TL_GRID, TL_PAD, y + 25, TL_INK);
		text_all(&body, json_str(i, "title"));
		buf_printf(&body, "</title>%lld. ", (long long)json_integer_value(
		    json_object_get(i, "id")));
		text_cut(&body, json_str(i, "title"), TL_LABEL_CHARS);
		if (*state != '\0' && initiative_state_from(state) != INITIATIVE_ACTIVE) {
			buf_puts(&body, " (");
			text_all(&body, state);
			buf_puts(&body, ")");
		}
		buf_puts(&body, "</text>\n");
		if (ncols > 0)
			drawn += row_marks(&body, i, c, first, n, y + 22, counts);
	}
	legend(&body, height - 20);

	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tl\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"DejaVu "
	    "Sans, Arial, Helvetica, sans-serif\" role=\"img\">\n<title>Milestones "
	    "by meeting</title>\n<desc>%d milestone%s: %d done, %d open, %d "
	    "overdue.</desc>\n", width, height, width, height, drawn,
	    drawn == 1 ? "" : "s", counts[TL_DONE_S], counts[TL_OPEN_S],
	    counts[TL_OVERDUE_S]);
	buf_append(out, body.data != NULL ? body.data : "", body.len);
	buf_puts(out, "</svg>\n");
	buf_fini(&body);
	free(c);
	return drawn;
}
