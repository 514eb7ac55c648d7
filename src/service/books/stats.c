/* SPDX-License-Identifier: MIT */
/*
 * Meeting statistics.  The figures are gathered once into a struct stats
 * (membership replayed from the cctld.join/cctld.leave rows, contacts
 * counted from their rows with the ccTLD moves after the date undone, audit
 * rows counted per action) and then rendered as JSON (the front ends
 * format it for people), CSV or SVG, so every format says the same thing.
 */
#include "service/books/stats.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/cctld.h"
#include "store/cctld_store.h"
#include "store/freshness_store.h"
#include "store/stats_store.h"
#include "util/buf.h"
#include "util/buf_stream.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/json_util.h"
#include "util/xalloc.h"

static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

struct stats_cctld {
	struct cctld c;         /* reference fields; contacts at `until` */
	bool member;            /* at until */
	bool member_before;     /* at since */
	int64_t joined;         /* its last join before until */
	int64_t stale;          /* active contacts marked stale (now) */
};

struct stats {
	int64_t since, until;   /* as asked (0: open) */
	int64_t at;             /* until, or now */
	struct stats_cctld *cc; /* by code */
	size_t n, cap;
	int64_t added, updated, removed, alerts;
	int64_t posts;          /* distributed to the list, alerts apart */
	int64_t approved, rejected, withdrawn, expired;
};

static void
stats_fini(struct stats *st)
{
	free(st->cc);
	memset(st, 0, sizeof(*st));
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct stats_cctld *)a)->c.code,
	    ((const struct stats_cctld *)b)->c.code);
}

static struct stats_cctld *
find(struct stats *st, const char *code)
{
	struct stats_cctld key;

	snprintf(key.c.code, sizeof(key.c.code), "%s", code);
	return bsearch(&key, st->cc, st->n, sizeof(*st->cc), cmp_code);
}

static int
collect_cctld(void *p, const struct cctld *c)
{
	struct stats *st = p;

	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 512;
		st->cc = xreallocarray(st->cc, st->cap, sizeof(*st->cc));
	}
	memset(&st->cc[st->n], 0, sizeof(st->cc[0]));
	st->cc[st->n].c = *c;
	st->cc[st->n].c.contacts = 0;
	st->n++;
	return 0;
}

static int
replay_membership(void *p, const struct stats_membership_event *e)
{
	struct stats *st = p;
	struct stats_cctld *s = find(st, e->cctld);

	if (s == NULL)
		return 0;   /* not in the reference table any more */
	if (st->since != 0 && e->at < st->since)
		s->member_before = e->join;
	s->member = e->join;
	if (e->join)
		s->joined = e->at;
	return 0;
}

static int
count_contacts(void *p, const char *code, int64_t n)
{
	struct stats_cctld *s = find(p, code);

	if (s != NULL)
		s->c.contacts += n;
	return 0;
}

/*
 * Undo a move, after `until`, of a contact from one ccTLD to another, when
 * the contact was counted at `until` (created before it: an update after
 * `until` proves it was not removed before).
 */
static int
undo_move(void *p, const char *before_json, const char *after_json)
{
	struct stats *st = p;
	json_t *b = json_loads(before_json, 0, NULL);
	json_t *a = json_loads(after_json, 0, NULL);
	const char *from = json_string_value(json_object_get(b, "cctld"));
	const char *to = json_string_value(json_object_get(a, "cctld"));
	const char *created = json_string_value(json_object_get(b, "created"));
	int64_t t;

	/* A community contact has a null cctld: counted for no ccTLD. */
	if ((from != NULL || to != NULL) && (from == NULL || to == NULL ||
	    strcmp(from, to) != 0) &&
	    created != NULL && clock_parse_iso(created, strlen(created), &t) &&
	    t < st->until) {
		struct stats_cctld *f = from ? find(st, from) : NULL;
		struct stats_cctld *t2 = to ? find(st, to) : NULL;

		if (f != NULL)
			f->c.contacts++;
		if (t2 != NULL)
			t2->c.contacts--;
	}
	json_decref(b);
	json_decref(a);
	return 0;
}

static int
count_stale(void *p, const char *code, int64_t n)
{
	struct stats_cctld *s = find(p, code);

	if (s != NULL)
		s->stale += n;
	return 0;
}

static int
count_action(void *p, const char *action, int64_t n)
{
	struct stats *st = p;
	static const struct { const char *action; size_t off; } map[] = {
		{ "contact.add", offsetof(struct stats, added) },
		{ "contact.update", offsetof(struct stats, updated) },
		{ "contact.remove", offsetof(struct stats, removed) },
		{ "alert.send", offsetof(struct stats, alerts) },
		{ "request.approve", offsetof(struct stats, approved) },
		{ "request.reject", offsetof(struct stats, rejected) },
		{ "request.withdraw", offsetof(struct stats, withdrawn) },
		{ "request.expire", offsetof(struct stats, expired) },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(action, map[i].action) == 0)
			*(int64_t *)((char *)st + map[i].off) += n;
	return 0;
}

static int
count_mail(void *p, const char *kind, int64_t n)
{
	struct stats *st = p;

	/* A post to the list (a feedback request, a question) is not an alert. */
	if (strcmp(kind, "post") == 0)
		st->posts += n;
	return 0;
}

static int
stats_gather(struct tld_ctx *ctx, int64_t since, int64_t until,
    struct stats *st, struct tld_error *err)
{
	struct cctld_filter all = { 0, NULL };
	char a[32], b[32];
	int rc;

	memset(st, 0, sizeof(*st));
	if (since < 0 || until < 0)
		return tld_error_set(err, TLD_EINVAL, since < 0 ? "since" : "until",
		    "is before 1970");
	if (since != 0 && until != 0 && since >= until) {
		clock_format_iso(since, a, sizeof(a));
		clock_format_iso(until, b, sizeof(b));
		return tld_error_set(err, TLD_EINVAL, "since",
		    "%s is not before until (%s)", a, b);
	}
	st->since = since;
	st->until = until;
	st->at = until ? until : clock_now();
	if ((rc = store_cctld_each(ctx->store, &all, collect_cctld, st, err)) < 0)
		goto fail;
	qsort(st->cc, st->n, sizeof(*st->cc), cmp_code);
	if ((rc = store_stats_membership_each(ctx->store, until,
	    replay_membership, st, err)) < 0 ||
	    (rc = store_stats_contacts_at(ctx->store, until, count_contacts, st,
	    err)) < 0 ||
	    (until != 0 && (rc = store_stats_updates_since(ctx->store, until,
	    undo_move, st, err)) < 0) ||
	    (rc = store_stats_action_counts(ctx->store, since, until,
	    count_action, st, err)) < 0 ||
	    (rc = store_stats_mail_counts(ctx->store, since, until, count_mail,
	    st, err)) < 0 ||
	    /* Stale marks are current state, not replayed: those set before `at`. */
	    (rc = store_freshness_stale_counts(ctx->store, st->at + 1, count_stale,
	    st, err)) < 0)
		goto fail;
	return 0;
fail:
	stats_fini(st);
	return rc;
}

/* ---- JSON ------------------------------------------------------------------ */

/* An added or removed ccTLD for the slide: {"code", "country", "region"}. */
static json_t *
cctld_detail(const struct stats_cctld *s)
{
	return json_pack("{s:s, s:s, s:s}", "code", s->c.code, "country",
	    s->c.country, "region", s->c.region);
}

static json_t *
stats_to_json(const struct stats *st)
{
	json_t *o = json_object(), *cc = json_object(), *rg = json_object();
	json_t *period = json_object(), *added = json_array();
	json_t *removed = json_array(), *added_d = json_array();
	json_t *removed_d = json_array();
	int64_t total = 0, members = 0, contacts = 0;
	int64_t kt[2] = { 0, 0 }, km[2] = { 0, 0 };

	for (size_t r = 0; r < NREGIONS; r++) {
		json_t *ro = json_object(), *non = json_array();
		int64_t rt = 0, rm = 0, rcn = 0, rst = 0;

		for (size_t i = 0; i < st->n; i++) {
			const struct stats_cctld *s = &st->cc[i];

			if (strcmp(s->c.region, regions[r]) != 0)
				continue;
			rt++;
			rm += s->member;
			rcn += s->c.contacts;
			rst += s->stale;
			if (!s->member)
				json_array_append_new(non, json_string(s->c.code));
		}
		json_object_set_new(ro, "total", json_integer(rt));
		json_object_set_new(ro, "members", json_integer(rm));
		json_object_set_new(ro, "contacts", json_integer(rcn));
		json_object_set_new(ro, "non_members", non);
		json_object_set_new(ro, "stale", json_integer(rst));
		json_object_set_new(rg, regions[r], ro);
	}
	for (size_t i = 0; i < st->n; i++) {
		const struct stats_cctld *s = &st->cc[i];
		int idn = strcmp(s->c.kind, "idn") == 0;

		total++;
		members += s->member;
		contacts += s->c.contacts;
		kt[idn]++;
		km[idn] += s->member;
		if (s->member && !s->member_before) {
			json_array_append_new(added, json_string(s->c.code));
			json_array_append_new(added_d, cctld_detail(s));
		}
		if (!s->member && s->member_before) {
			json_array_append_new(removed, json_string(s->c.code));
			json_array_append_new(removed_d, cctld_detail(s));
		}
	}
	json_object_set_new(cc, "total", json_integer(total));
	json_object_set_new(cc, "members", json_integer(members));
	json_object_set_new(cc, "ascii", json_pack("{s:I, s:I}", "total",
	    (json_int_t)kt[0], "members", (json_int_t)km[0]));
	json_object_set_new(cc, "idn", json_pack("{s:I, s:I}", "total",
	    (json_int_t)kt[1], "members", (json_int_t)km[1]));
	json_object_set_new(o, "cctlds", cc);
	json_object_set_new(o, "contacts", json_integer(contacts));
	json_object_set_new(o, "regions", rg);
	json_object_set_new(period, "since", json_time(st->since));
	json_object_set_new(period, "until", json_time(st->at));
	json_object_set_new(period, "added", added);
	json_object_set_new(period, "removed", removed);
	json_object_set_new(period, "added_detail", added_d);
	json_object_set_new(period, "removed_detail", removed_d);
	json_object_set_new(period, "contact_additions", json_integer(st->added));
	json_object_set_new(period, "contact_updates", json_integer(st->updated));
	json_object_set_new(period, "contact_removals", json_integer(st->removed));
	json_object_set_new(period, "alerts", json_integer(st->alerts));
	json_object_set_new(period, "list_posts", json_integer(st->posts));
	json_object_set_new(period, "requests", json_pack(
	    "{s:I, s:I, s:I, s:I}", "approved", (json_int_t)st->approved,
	    "rejected", (json_int_t)st->rejected, "withdrawn",
	    (json_int_t)st->withdrawn, "expired", (json_int_t)st->expired));
	json_object_set_new(o, "period", period);
	return o;
}

int
stats_json(struct tld_ctx *ctx, int64_t since, int64_t until, json_t **out,
    struct tld_error *err)
{
	struct stats st;
	int rc;

	if ((rc = stats_gather(ctx, since, until, &st, err)) < 0)
		return rc;
	*out = stats_to_json(&st);
	stats_fini(&st);
	return 0;
}

/* ---- CSV ------------------------------------------------------------------- */

static void
write_csv(const struct stats *st, FILE *out)
{
	struct buf line;
	char since[32], count[24];

	buf_init(&line);
	fputs("code,country,region,member,since,contacts,period\r\n", out);
	for (size_t i = 0; i < st->n; i++) {
		const struct stats_cctld *s = &st->cc[i];

		since[0] = '\0';
		if (s->member)
			clock_format_iso(s->joined, since, sizeof(since));
		snprintf(count, sizeof(count), "%lld", (long long)s->c.contacts);
		buf_reset(&line);
		csv_write_cell(&line, s->c.code);
		buf_putc(&line, ',');
		csv_write_cell(&line, s->c.country); /* never a formula */
		buf_putc(&line, ',');
		csv_write_cell(&line, s->c.region);
		buf_puts(&line, s->member ? ",yes," : ",no,");
		csv_write_field(&line, since);
		buf_putc(&line, ',');
		csv_write_field(&line, count);
		/* joined or left in the period (since..until), as on the slide */
		buf_puts(&line, s->member && !s->member_before ? ",joined" :
		    !s->member && s->member_before ? ",left" : ",");
		buf_puts(&line, "\r\n");
		fwrite(line.data, 1, line.len, out);
	}
	buf_fini(&line);
}

/* ---- SVG ------------------------------------------------------------------- */

/* XML character data and attribute values: & < > " ' escaped. */
static void
xml_escape(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&apos;"); break;
		default: buf_putc(out, *s);
		}
	}
}

#define SVG_CODES_PER_LINE 34  /* characters: fits 400 px at 22 px */
#define SVG_CODE_LINES 3

/* One line of svg_codes(), already markup. */
static void
svg_line(struct buf *out, int x, size_t y, const struct buf *line)
{
	buf_printf(out, "<text x=\"%d\" y=\"%zu\" class=\"codes\">%s</text>\n",
	    x, y, buf_str(line));
}

/* Append a region's name (bold) or a code to a line of svg_codes(). */
static void
svg_item(struct buf *line, size_t *width, const char *sep, const char *region,
    const char *code)
{
	buf_puts(line, sep);
	if (region != NULL)
		buf_printf(line, "<tspan class=\"num\">%s</tspan> ", region);
	buf_putc(line, '.');
	xml_escape(line, code);
	*width += strlen(sep) + (region ? strlen(region) + 1 : 0) + 1 +
	    strlen(code);
}

/*
 * The added or removed ccTLDs ({"code", "region"}, by code) as text lines
 * from (x, y), grouped by region ("EU .be .nl  LAC .sx", the region in
 * bold), at most SVG_CODE_LINES, the rest as "and N more".
 */
static void
svg_codes(struct buf *out, const json_t *detail, int x, int y)
{
	struct buf line;
	size_t lines = 0, shown = 0, width = 0, n = json_array_size(detail);
	bool full = false;

	buf_init(&line);
	for (size_t r = 0; r < NREGIONS && !full; r++) {
		bool first = true;
		size_t i;
		json_t *v;

		json_array_foreach(detail, i, v) {
			const char *code = json_string_value(json_object_get(v, "code"));
			const char *region = json_string_value(json_object_get(v,
			    "region"));
			char u[4 * CCTLD_CODE_MAX + 1];
			size_t w;

			if (code == NULL || region == NULL ||
			    strcmp(region, regions[r]) != 0)
				continue;
			if (cctld_code_to_unicode(code, u, sizeof(u), NULL) < 0)
				snprintf(u, sizeof(u), "%s", code);
			w = (first ? strlen(regions[r]) + 3 : 1) + 1 + strlen(u);
			if (width > 0 && width + w > SVG_CODES_PER_LINE) {
				if (lines + 1 == SVG_CODE_LINES) {
					full = true;
					break;
				}
				svg_line(out, x, y + lines * 30, &line);
				lines++;
				buf_reset(&line);
				width = 0;
				first = true; /* a new line names the region again */
			}
			svg_item(&line, &width, width == 0 ? "" : first ? "  " : " ",
			    first ? regions[r] : NULL, u);
			first = false;
			shown++;
		}
	}
	if (shown < n) {
		buf_printf(&line, " and %zu more", n - shown);
		width++;
	}
	if (width > 0)
		svg_line(out, x, y + lines * 30, &line);
	buf_fini(&line);
}

/*
 * One of the period's two big figures: "+3 joined" in green, "−2 left" in
 * red; none is "0", unsigned and in the text's colour (zero is no change).
 */
static void
svg_change(struct buf *out, int y, size_t n, const char *sign,
    const char *colour, const char *what)
{
	buf_printf(out, "<text x=\"850\" y=\"%d\" class=\"big\" fill=\"%s\">"
	    "%s%zu<tspan class=\"sub\" dx=\"14\">%s</tspan></text>\n", y,
	    n > 0 ? colour : "#1b1f24", n > 0 ? sign : "", n, what);
}

const char *
stats_period_words(const json_t *period, char *out, size_t outlen)
{
	const json_t *since = json_object_get(period, "since");
	const json_t *until = json_object_get(period, "until");

	snprintf(out, outlen, "from %s to %s", json_is_string(since) ?
	    json_string_value(since) : "the beginning", json_is_string(until) ?
	    json_string_value(until) : "now");
	return out;
}

void
stats_render_svg(const json_t *j, struct buf *out)
{
	const json_t *cc = json_object_get(j, "cctlds");
	const json_t *rg = json_object_get(j, "regions");
	const json_t *p = json_object_get(j, "period");
	const json_t *since = json_object_get(p, "since");
	const json_t *added = json_object_get(p, "added_detail");
	const json_t *removed = json_object_get(p, "removed_detail");
	char until[16], from[32];
	int64_t maxtotal = 1;

	snprintf(until, sizeof(until), "%.10s",
	    json_string_value(json_object_get(p, "until")));
	if (json_is_string(since))
		snprintf(from, sizeof(from), "From %.10s", json_string_value(since));
	else
		snprintf(from, sizeof(from), "From the beginning");
	for (size_t r = 0; r < NREGIONS; r++) {
		int64_t t = json_num(json_object_get(rg, regions[r]), "total");

		if (t > maxtotal)
			maxtotal = t;
	}
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1280 720\" "
	    "width=\"1280\" height=\"720\" font-family=\"DejaVu Sans, Arial, "
	    "Helvetica, sans-serif\" role=\"img\">\n");
	buf_printf(out, "<title>ccTLD members per ICANN region at %s</title>\n", until);
	buf_puts(out, "<style>.title{font-size:40px;font-weight:bold;fill:#1b1f24}"
	    ".sub{font-size:24px;font-weight:normal;fill:#444c56}.region{font-size:30px;"
	    "font-weight:bold;fill:#1b1f24}.value{font-size:24px;fill:#1b1f24}"
	    ".big{font-size:56px;font-weight:bold}.codes{font-size:22px;"
	    "fill:#1b1f24}.count{font-size:24px;fill:#1b1f24}"
	    ".num{font-weight:bold}</style>\n");
	buf_puts(out, "<rect x=\"0\" y=\"0\" width=\"1280\" height=\"720\" fill=\"#ffffff\"/>\n");
	buf_puts(out, "<text x=\"60\" y=\"75\" class=\"title\">ccTLD members per region</text>\n");
	buf_printf(out, "<text x=\"60\" y=\"118\" class=\"sub\">%s: %lld of %lld "
	    "ccTLDs (ASCII %lld of %lld, IDN %lld of %lld), %lld contacts</text>\n",
	    until, json_num(cc, "members"), json_num(cc, "total"),
	    json_num(json_object_get(cc, "ascii"), "members"),
	    json_num(json_object_get(cc, "ascii"), "total"),
	    json_num(json_object_get(cc, "idn"), "members"),
	    json_num(json_object_get(cc, "idn"), "total"),
	    json_num(j, "contacts"));
	for (size_t r = 0; r < NREGIONS; r++) {
		const json_t *ro = json_object_get(rg, regions[r]);
		int64_t t = json_num(ro, "total"), m = json_num(ro, "members");
		int y = 160 + (int)r * 92, wt = (int)(t * 500 / maxtotal);
		int wm = t ? (int)(m * 500 / maxtotal) : 0;

		buf_printf(out, "<text x=\"60\" y=\"%d\" class=\"region\">%s</text>\n",
		    y + 38, regions[r]);
		buf_printf(out, "<rect x=\"170\" y=\"%d\" width=\"%d\" height=\"52\" "
		    "fill=\"#d8dee4\"/>\n", y, wt);
		buf_printf(out, "<rect x=\"170\" y=\"%d\" width=\"%d\" height=\"52\" "
		    "fill=\"#1f5fa8\"/>\n", y, wm);
		buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"value\">%lld of %lld"
		    "</text>\n", 170 + wt + 14, y + 35, (long long)m, (long long)t);
	}
	buf_puts(out, "<line x1=\"820\" y1=\"150\" x2=\"820\" y2=\"600\" stroke=\"#d8dee4\" "
	    "stroke-width=\"2\"/>\n");
	buf_printf(out, "<text x=\"850\" y=\"180\" class=\"sub\">%s to %s</text>\n",
	    from, until);
	svg_change(out, 245, json_array_size(added), "+", "#1a7f37", "joined");
	svg_codes(out, added, 850, 282);
	svg_change(out, 435, json_array_size(removed), "\xe2\x88\x92", "#b42318",
	    "left");
	svg_codes(out, removed, 850, 472);
	/* The period's activity under both: contacts, alerts, list posts apart. */
	buf_puts(out, "<line x1=\"60\" y1=\"628\" x2=\"1220\" y2=\"628\" stroke=\"#d8dee4\" "
	    "stroke-width=\"2\"/>\n");
	buf_printf(out, "<text x=\"60\" y=\"676\" class=\"count\">"
	    "<tspan class=\"num\">%lld</tspan> contact updates "
	    "(%lld added, %lld removed)"
	    "<tspan dx=\"36\" class=\"num\">%lld</tspan> security alerts"
	    "<tspan dx=\"36\" class=\"num\">%lld</tspan> posts to the list</text>\n",
	    json_num(p, "contact_updates"), json_num(p, "contact_additions"),
	    json_num(p, "contact_removals"), json_num(p, "alerts"),
	    json_num(p, "list_posts"));
	buf_puts(out, "</svg>\n");
}

int
stats_render_csv(struct tld_ctx *ctx, int64_t since, int64_t until,
    FILE *out, struct tld_error *err)
{
	struct stats st;
	int rc;

	if ((rc = stats_gather(ctx, since, until, &st, err)) < 0)
		return rc;
	write_csv(&st, out);
	stats_fini(&st);
	if (fflush(out) != 0 || ferror(out))
		return tld_error_set(err, TLD_EIO, "output", "write failed");
	return 0;
}

struct csv_range {
	struct tld_ctx *ctx;
	int64_t since, until;
};

static int
csv_to_stream(FILE *f, void *arg, struct tld_error *err)
{
	const struct csv_range *r = arg;

	return stats_render_csv(r->ctx, r->since, r->until, f, err);
}

int
stats_render_csv_buf(struct tld_ctx *ctx, int64_t since, int64_t until,
    struct buf *out, struct tld_error *err)
{
	struct csv_range r = { ctx, since, until };

	return buf_from_stream(out, csv_to_stream, &r, err);
}
