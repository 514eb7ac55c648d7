/* SPDX-License-Identifier: MIT */
/* Contact exports, streamed row by row so 100k contacts need little memory. */
#include "service/directory/export.h"
#include "store/cctld_store.h"
#include "store/contact_store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/buf_stream.h"
#include "util/clock.h"
#include "util/csv.h"

int
export_format_parse(const char *name, enum export_format *out,
    struct tld_error *err)
{
	static const struct { const char *name; enum export_format fmt; } f[] = {
		{ "csv", EXPORT_CSV }, { "json", EXPORT_JSON },
		{ "vcard", EXPORT_VCARD }, { "mailman", EXPORT_MAILMAN },
		{ "website", EXPORT_WEBSITE }, { "spreadsheet", EXPORT_SPREADSHEET },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (strcmp(name, f[i].name) == 0) {
			*out = f[i].fmt;
			return 0;
		}
	}
	return tld_error_set(err, TLD_EINVAL, "format",
	    "\"%s\" is not one of csv, json, vcard, mailman, website, "
	    "spreadsheet", name);
}

struct export_ctx {
	FILE *out;
	struct buf line;
	struct buf card; /* vCard: the folded card being built */
	size_t n;
	store_contact_cb write;     /* the format's writer */
	const struct progress *p;   /* told each contact written */
	int64_t done, total;
};

/* One contact written, one row told (util/progress.h). */
static int
write_counted(void *p, const struct contact *c)
{
	struct export_ctx *x = p;
	int rc = x->write(p, c);

	progress_report(x->p, ++x->done, x->total);
	return rc;
}

static int
write_csv(void *p, const struct contact *c)
{
	struct export_ctx *x = p;
	/* A community contact: empty cctld, its affiliation and kind. */
	const char *fields[] = { c->cctld, c->name, c->email, c->phone,
	    c->organisation, c->role, c->languages, c->pgp_fingerprint,
	    c->affiliation, contact_is_community(c) ?
	    contact_kind_name(c->kind) : "" };

	buf_reset(&x->line);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (i > 0)
			buf_putc(&x->line, ',');
		/*
		 * Free text (name, organisation, role) and the address could
		 * start like a formula: neutralised for spreadsheets, undone on
		 * import.  The other columns are validated and cannot.
		 */
		if (fields[i] == c->name || fields[i] == c->email ||
		    fields[i] == c->organisation || fields[i] == c->role ||
		    fields[i] == c->affiliation)
			csv_write_cell(&x->line, fields[i]);
		else
			csv_write_field(&x->line, fields[i]);
	}
	buf_puts(&x->line, "\r\n");
	fwrite(x->line.data, 1, x->line.len, x->out);
	return 0;
}

static int
write_json(void *p, const struct contact *c)
{
	struct export_ctx *x = p;
	json_t *o = contact_to_json(c);
	char small[2048];
	size_t n;

	fputs(x->n++ ? ",\n  " : "\n  ", x->out);
	/* One write per contact: jansson's own file output writes per token. */
	n = json_dumpb(o, small, sizeof(small), JSON_COMPACT);
	if (n <= sizeof(small)) {
		fwrite(small, 1, n, x->out);
	} else {
		char *big = json_dumps(o, JSON_COMPACT);

		fputs(big, x->out);
		free(big);
	}
	json_decref(o);
	return 0;
}

/* RFC 6350 text value escaping: backslash, comma, semicolon, newline. */
static void
vcard_escape(struct buf *b, const char *s)
{
	while (*s != '\0') {
		size_t run = strcspn(s, "\\,;\n");

		buf_append(b, s, run);
		s += run;
		if (*s == '\0')
			break;
		buf_puts(b, *s == '\n' ? "\\n" : *s == '\\' ? "\\\\" :
		    *s == ',' ? "\\," : "\\;");
		s++;
	}
}

/*
 * Fold a content line at 75 octets without splitting a UTF-8 sequence, and
 * append it to folded (written out once per card).
 */
static void
vcard_line(struct buf *folded, const struct buf *b)
{
	const unsigned char *p = (const unsigned char *)buf_str(b);
	size_t len = b->len, col = 0, i = 0;

	while (i < len) {
		size_t n = 1;

		while (i + n < len && (p[i + n] & 0xc0) == 0x80)
			n++;
		if (col + n > 75) {
			buf_append(folded, "\r\n ", 3);
			col = 1;
		}
		buf_append(folded, p + i, n);
		col += n;
		i += n;
	}
	buf_append(folded, "\r\n", 2);
}

static void
vcard_prop(struct export_ctx *x, const char *name, const char *value,
    int escape)
{
	buf_reset(&x->line);
	buf_puts(&x->line, name);
	buf_putc(&x->line, ':');
	if (escape)
		vcard_escape(&x->line, value);
	else
		buf_puts(&x->line, value);
	vcard_line(&x->card, &x->line);
}

static int
write_vcard(void *p, const struct contact *c)
{
	struct export_ctx *x = p;
	char tel[32], note[96];

	buf_reset(&x->card);
	buf_puts(&x->card, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
	vcard_prop(x, "FN", c->name, 1);
	vcard_prop(x, "EMAIL;TYPE=work", c->email, 1);
	snprintf(tel, sizeof(tel), "tel:%s", c->phone);
	if (c->phone[0] != '\0')
		vcard_prop(x, "TEL;VALUE=uri;TYPE=work,voice", tel, 0);
	if (c->organisation[0] != '\0')
		vcard_prop(x, "ORG", c->organisation, 1);
	if (c->role[0] != '\0')
		vcard_prop(x, "TITLE", c->role, 1);
	for (const char *l = c->languages; *l != '\0';) {
		size_t n = strcspn(l, ",");
		char lang[16];

		snprintf(lang, sizeof(lang), "%.*s", (int)n, l);
		vcard_prop(x, "LANG", lang, 0);
		l += n + (l[n] == ',');
	}
	if (c->pgp_fingerprint[0] != '\0')
		vcard_prop(x, "NOTE;TYPE=pgp", c->pgp_fingerprint, 1);
	if (contact_is_community(c)) {
		/* The IANA root contact, a liaison: of the community, no ccTLD. */
		snprintf(note, sizeof(note), "Community contact (%s) of TLD-OPS: "
		    "%.60s", contact_kind_name(c->kind), c->affiliation);
		vcard_prop(x, "CATEGORIES", "community", 1);
	} else {
		snprintf(note, sizeof(note), "Security contact of .%s", c->cctld);
		vcard_prop(x, "CATEGORIES", c->cctld, 1);
	}
	vcard_prop(x, "NOTE", note, 1);
	buf_puts(&x->card, "END:VCARD\r\n");
	fwrite(x->card.data, 1, x->card.len, x->out);
	return 0;
}

/* A display name needs quoting when it holds RFC 5322 specials. */
static int
write_mailman(void *p, const struct contact *c)
{
	struct export_ctx *x = p;

	if (strpbrk(c->name, "()<>@,;:\\\".[]") != NULL) {
		fputc('"', x->out);
		for (const char *s = c->name; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				fputc('\\', x->out);
			fputc(*s, x->out);
		}
		fputc('"', x->out);
	} else {
		fputs(c->name, x->out);
	}
	fprintf(x->out, " <%s>\n", c->email);
	return 0;
}

static int
write_member(void *p, const struct cctld *c)
{
	fprintf(p, ".%s\n", c->unicode);
	return 0;
}

int
export_render(struct tld_ctx *ctx, enum export_format fmt, FILE *out,
    const struct progress *p, struct tld_error *err)
{
	if (fmt == EXPORT_WEBSITE) {
		struct cctld_filter members = { 1, NULL };

		return store_cctld_each(ctx->store, &members, write_member, out, err);
	}
	if (fmt == EXPORT_SPREADSHEET) /* the stats writer's: books/, not ours */
		return tld_error_set(err, TLD_EINVAL, "format",
		    "the spreadsheet is written by stats_write()");

	struct export_ctx x = { .out = out, .p = p };
	store_contact_cb cb = write_csv;
	int rc;

	buf_init(&x.line);
	buf_init(&x.card);
	switch (fmt) {
	case EXPORT_CSV:
		fputs("cctld,name,email,phone,organisation,role,languages,"
		    "pgp_fingerprint,affiliation,kind\r\n", out);
		break;
	case EXPORT_JSON:
		fputc('[', out);
		cb = write_json;
		break;
	case EXPORT_VCARD:
		cb = write_vcard;
		break;
	case EXPORT_MAILMAN:
		cb = write_mailman;
		break;
	case EXPORT_WEBSITE:
	case EXPORT_SPREADSHEET:
		break; /* handled above */
	}
	x.write = cb;
	if (progress_wanted(p) &&
	    (rc = store_contact_count_active(ctx->store, &x.total, err)) < 0)
		goto out;
	rc = store_contact_each(ctx->store, NULL, write_counted, &x, err);
	if (fmt == EXPORT_JSON)
		fputs(x.n ? "\n]\n" : "]\n", out);
out:
	buf_fini(&x.line);
	buf_fini(&x.card);
	if (rc >= 0 && (fflush(out) != 0 || ferror(out)))
		return tld_error_set(err, TLD_EIO, "output", "write failed");
	return rc;
}

struct export_job {
	struct tld_ctx *ctx;
	enum export_format fmt;
};

static int
export_to_stream(FILE *f, void *arg, struct tld_error *err)
{
	const struct export_job *j = arg;

	return export_render(j->ctx, j->fmt, f, NULL, err);
}

int
export_render_buf(struct tld_ctx *ctx, enum export_format fmt, struct buf *out,
    struct tld_error *err)
{
	struct export_job j = { ctx, fmt };

	return buf_from_stream(out, export_to_stream, &j, err);
}

const char *
export_filename(enum export_format fmt)
{
	switch (fmt) {
	case EXPORT_CSV: return "tldops-contacts.csv";
	case EXPORT_JSON: return "tldops-contacts.json";
	case EXPORT_VCARD: return "tldops-contacts.vcf";
	case EXPORT_MAILMAN: return "tldops-mailman-roster.txt";
	case EXPORT_WEBSITE: return "tldops-members.txt";
	case EXPORT_SPREADSHEET: return "tldops-stats.csv";
	}
	return "tldops-export";
}

const char *
export_media_type(enum export_format fmt)
{
	switch (fmt) {
	case EXPORT_CSV:
	case EXPORT_SPREADSHEET: return "text/csv; charset=utf-8";
	case EXPORT_JSON: return "application/json";
	case EXPORT_VCARD: return "text/vcard; charset=utf-8";
	case EXPORT_MAILMAN:
	case EXPORT_WEBSITE: return "text/plain; charset=utf-8";
	}
	return "application/octet-stream";
}
