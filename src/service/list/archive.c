/* SPDX-License-Identifier: MIT */
/*
 * The list's archive (service/list/archive.h): GMime parses, this file
 * decides what is kept (never TLP:RED), how posts thread, which words are
 * searched and how an attachment is handed out safely.
 */
#include "service/list/archive.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "mail/mime.h"
#include "service/audit.h"
#include "util/clock.h"
#include "util/digest.h"
#include "util/xalloc.h"

/* Case-insensitive search for needle in the first len bytes of hay. */
static const char *
find_ci(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* "TLP:RED", "TLP: RED", "TLP : red" at p?  Returns true for RED. */
static bool
tlp_red_at(const char *p, const char *end)
{
	if (end - p < 4 || strncasecmp(p, "TLP", 3) != 0)
		return false;
	p += 3;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != ':')
		return false;
	p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return end - p >= 3 && strncasecmp(p, "RED", 3) == 0 &&
	    (end - p == 3 || !isalnum((unsigned char)p[3]));
}

bool
archive_is_tlp_red(const char *subject, const char *text)
{
	const char *p, *end;

	end = subject + strlen(subject);
	for (p = subject; (p = find_ci(p, (size_t)(end - p), "TLP")) != NULL; p++)
		if (tlp_red_at(p, end))
			return true;
	/* A "TLP:" line of the text (the label alerts carry first). */
	for (p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		const char *le = nl != NULL ? nl : p + strlen(p);
		const char *s = p;

		while (s < le && (*s == ' ' || *s == '\t' || *s == '*' || *s == '['))
			s++;
		if (tlp_red_at(s, le))
			return true;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return false;
}

static void
month_of(int64_t t, char out[8])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 1) {
		snprintf(out, 8, "0000-00");
		return;
	}
	strftime(out, 8, "%Y-%m", &tm);
}

/* The thread of the newest archived post m replies to; 0 when none is archived. */
static int
find_parent_thread(struct tld_ctx *ctx, const struct mime_message *m,
    int64_t *thread, struct tld_error *err)
{
	int64_t id, t;
	int rc;

	*thread = 0;
	if (m->in_reply_to[0] != '\0') {
		rc = store_archive_find(ctx->store, m->in_reply_to, &id, &t, err);
		if (rc == 0) {
			*thread = t;
			return 0;
		}
		if (rc != TLD_ENOTFOUND)
			return rc;
	}
	for (size_t i = m->nreferences; i > 0; i--) {
		rc = store_archive_find(ctx->store, m->references[i - 1], &id, &t,
		    err);
		if (rc == 0) {
			*thread = t;
			return 0;
		}
		if (rc != TLD_ENOTFOUND)
			return rc;
	}
	return 0;
}

/* Archive one parsed post; 0 for a duplicate, the id, or a negative code. */
static int
add_parsed(struct tld_ctx *ctx, const struct mime_message *m, const char *raw,
    size_t len, struct tld_error *err)
{
	struct archive_post_row r;
	struct buf refs, words;
	char month[8], digest[DIGEST_SHA256_HEX + 1], synth[DIGEST_SHA256_HEX + 32];
	int64_t id = 0, thread = 0, tmp;
	int rc;

	if (archive_is_tlp_red(m->subject, m->text))
		return tld_error_set(err, TLD_EDENIED, "tlp",
		    "a TLP:RED post is never archived");
	memset(&r, 0, sizeof(r));
	r.message_id = m->message_id;
	if (r.message_id[0] == '\0') {
		digest_sha256_hex(raw, len, digest);
		snprintf(synth, sizeof(synth), "%s@archive.invalid", digest);
		r.message_id = synth;
	}
	/* Duplicates first: the same post delivered twice is archived once. */
	rc = store_archive_find(ctx->store, r.message_id, &id, &tmp, err);
	if (rc == 0)
		return 0;
	if (rc != TLD_ENOTFOUND)
		return rc;
	r.received = clock_now();
	r.posted = m->date != 0 ? m->date : r.received;
	month_of(r.posted, month);
	r.month = month;
	r.from_name = m->from_name;
	r.from_addr = m->from_addr;
	r.subject = m->subject;
	r.in_reply_to = m->in_reply_to;
	buf_init(&refs);
	for (size_t i = 0; i < m->nreferences; i++) {
		if (i > 0)
			buf_putc(&refs, ' ');
		buf_puts(&refs, m->references[i]);
	}
	r.refs = buf_str(&refs);
	r.body = m->text;
	r.body_is_html = m->text_is_html;
	buf_init(&words);
	if ((rc = mime_search_words(m->subject, strlen(m->subject), 0, &words,
	    err)) >= 0 &&
	    (rc = mime_search_words(m->from_name, strlen(m->from_name), 0, &words,
	    err)) >= 0 &&
	    (rc = mime_search_words(m->from_addr, strlen(m->from_addr), 0, &words,
	    err)) >= 0 &&
	    (rc = mime_search_words(m->text, strlen(m->text), 0, &words, err)) >= 0) {
		for (size_t i = 0; i < m->nattachments && rc >= 0; i++)
			rc = mime_search_words(m->attachments[i].filename,
			    strlen(m->attachments[i].filename), 0, &words, err);
	}
	if (rc < 0)
		goto out;
	r.search_text = buf_str(&words);
	r.raw = raw;
	r.raw_len = len;
	if ((rc = find_parent_thread(ctx, m, &thread, err)) < 0)
		goto out;
	rc = store_archive_insert(ctx->store, &r, thread, &id, err);
	if (rc == TLD_EEXIST) {
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	if (thread == 0) {
		/* A thread of its own: its first post names it. */
		thread = id;
		if ((rc = store_archive_set_thread(ctx->store, id, id, err)) < 0)
			goto out;
	}
	if ((rc = store_archive_adopt(ctx->store, r.message_id, thread, err)) < 0)
		goto out;
	for (size_t i = 0; i < m->nattachments; i++) {
		const struct mime_attachment *a = &m->attachments[i];

		if ((rc = store_archive_attachment_insert(ctx->store, id,
		    (int)i + 1, a->filename, a->content_type, a->data, a->len,
		    err)) < 0)
			goto out;
	}
	rc = id > INT32_MAX ? TLD_ELIMIT : (int)id;
	if (rc < 0)
		tld_error_set(err, rc, "id", "the archive is full (ids beyond 2^31)");
out:
	buf_fini(&refs);
	buf_fini(&words);
	return rc;
}

int
archive_add_post(struct tld_ctx *ctx, const char *raw, size_t len,
    struct tld_error *err)
{
	struct mime_message m;
	char idtext[32];
	json_t *after;
	int rc, arc;

	if ((rc = mime_parse(raw, len, &m, err)) < 0)
		return rc;
	rc = add_parsed(ctx, &m, raw, len, err);
	if (rc > 0) {
		snprintf(idtext, sizeof(idtext), "%d", rc);
		after = json_pack("{s:s, s:s, s:s}", "message_id", m.message_id,
		    "from", m.from_addr, "subject", m.subject);
		arc = audit_record(ctx, "archive.add", "archive_post", idtext, NULL,
		    after, err);
		json_decref(after);
		if (arc < 0)
			rc = arc;
	}
	mime_message_fini(&m);
	return rc;
}

/* ---- import and export --------------------------------------------------- */

struct import_ctx {
	struct tld_ctx *ctx;
	struct archive_import_stats *st;
	struct tld_error *err;
};

static int
import_one(void *arg, const char *raw, size_t len)
{
	struct import_ctx *ic = arg;
	struct mime_message m;
	struct tld_error e;
	int rc;

	ic->st->messages++;
	tld_error_clear(&e);
	if ((rc = mime_parse(raw, len, &m, &e)) < 0) {
		return tld_error_set(ic->err, rc, "message",
		    "message %zu of the mbox: %s", ic->st->messages, e.message);
	}
	rc = add_parsed(ic->ctx, &m, raw, len, &e);
	mime_message_fini(&m);
	if (rc == TLD_EDENIED && strcmp(e.field, "tlp") == 0) {
		ic->st->red++;
		return 0;
	}
	if (rc < 0) {
		*ic->err = e;
		return rc;
	}
	if (rc == 0)
		ic->st->duplicates++;
	else
		ic->st->imported++;
	return 0;
}

int
archive_import_mbox(struct tld_ctx *ctx, const char *data, size_t len,
    struct archive_import_stats *st, struct tld_error *err)
{
	struct archive_import_stats s;
	struct import_ctx ic = { ctx, &s, err };
	json_t *after;
	int rc;

	memset(&s, 0, sizeof(s));
	store_prepare_bulk(ctx->store);
	if ((rc = store_begin(ctx->store, err)) < 0)
		return rc;
	rc = mime_mbox_each(data, len, import_one, &ic, err);
	if (rc >= 0) {
		after = json_pack("{s:I, s:I, s:I, s:I}",
		    "messages", (json_int_t)s.messages,
		    "imported", (json_int_t)s.imported,
		    "duplicates", (json_int_t)s.duplicates,
		    "tlp_red", (json_int_t)s.red);
		rc = audit_record(ctx, "archive.import", "archive", "mbox", NULL,
		    after, err);
		json_decref(after);
	}
	if ((rc = store_end(ctx->store, rc, err)) < 0)
		return rc;
	*st = s;
	return 0;
}

/* mboxrd: a line that is ">*From " gets one more '>'. */
static void
append_quoted(struct buf *out, const char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(p + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - p) + 1 : len;
		size_t k = i;

		while (k < end && p[k] == '>')
			k++;
		if (end - k >= 5 && memcmp(p + k, "From ", 5) == 0)
			buf_putc(out, '>');
		buf_append(out, p + i, end - i);
		i = end;
	}
	if (len == 0 || p[len - 1] != '\n')
		buf_putc(out, '\n');
}

static int
export_one(void *arg, const struct archive_entry *e, const void *raw,
    size_t len)
{
	struct buf *out = arg;
	time_t t = (time_t)e->posted;
	struct tm tm;
	char date[64] = "Thu Jan  1 00:00:00 1970";
	const char *from = e->from_addr[0] != '\0' ? e->from_addr :
	    "MAILER-DAEMON";

	if (gmtime_r(&t, &tm) != NULL)
		strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Y", &tm);
	/* The envelope address must be one word. */
	buf_puts(out, "From ");
	for (const char *c = from; *c != '\0'; c++)
		buf_putc(out, (*c == ' ' || *c == '\t' || (unsigned char)*c < 0x20) ?
		    '_' : *c);
	buf_printf(out, " %s\n", date);
	append_quoted(out, raw, len);
	buf_putc(out, '\n');
	return 0;
}

int
archive_export_mbox(struct tld_ctx *ctx, struct buf *out,
    struct tld_error *err)
{
	return store_archive_raw_each(ctx->store, export_one, out, err);
}

/* ---- reading --------------------------------------------------------------- */

int
archive_list(struct tld_ctx *ctx, const struct archive_query *q,
    store_archive_cb cb, void *cbctx, struct tld_error *err)
{
	struct archive_query qq = *q;
	struct buf words;
	int rc;

	if (qq.limit == 0 || qq.limit > ARCHIVE_PAGE_MAX)
		qq.limit = ARCHIVE_PAGE_MAX;
	if (q->words == NULL || q->words[0] == '\0')
		return store_archive_each(ctx->store, &qq, cb, cbctx, err);
	if (strlen(q->words) > ARCHIVE_QUERY_MAX)
		return tld_error_set(err, TLD_EINVAL, "q",
		    "is over %d bytes", ARCHIVE_QUERY_MAX);
	buf_init(&words);
	rc = mime_search_words(q->words, strlen(q->words), ARCHIVE_QUERY_WORDS,
	    &words, err);
	if (rc > 0) {
		qq.words = buf_str(&words);
		qq.order = ARCHIVE_NEWEST;
		rc = store_archive_each(ctx->store, &qq, cb, cbctx, err);
	}
	buf_fini(&words);
	return rc;
}

/* Posts of a thread view, collected so that depths can be worked out. */
struct item {
	struct archive_entry e;
	char *strings[6];
	int depth;
};
struct items {
	struct item *v;
	size_t n;
};

static int
collect(void *arg, const struct archive_entry *e)
{
	struct items *it = arg;
	struct item *i;

	it->v = xreallocarray(it->v, it->n + 1, sizeof(*it->v));
	i = &it->v[it->n++];
	i->e = *e;
	i->e.month = i->strings[0] = xstrdup(e->month);
	i->e.message_id = i->strings[1] = xstrdup(e->message_id);
	i->e.from_name = i->strings[2] = xstrdup(e->from_name);
	i->e.from_addr = i->strings[3] = xstrdup(e->from_addr);
	i->e.subject = i->strings[4] = xstrdup(e->subject);
	i->e.in_reply_to = i->strings[5] = xstrdup(e->in_reply_to);
	i->depth = 0;
	return 0;
}

/*
 * Depth of each post within its thread: one more than the post it
 * replies to when that is listed before it, 1 for other replies, 0 for
 * the thread's first post.  Posts come grouped by thread, oldest first.
 */
static void
set_depths(struct items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		struct item *x = &it->v[i];

		x->depth = x->e.id == x->e.thread_id ? 0 : 1;
		for (size_t k = i; k > 0; k--) {
			struct item *p = &it->v[k - 1];

			if (p->e.thread_id != x->e.thread_id)
				break;
			if (x->e.in_reply_to[0] != '\0' &&
			    strcmp(p->e.message_id, x->e.in_reply_to) == 0) {
				x->depth = p->depth + 1 > 8 ? 8 : p->depth + 1;
				break;
			}
		}
	}
}

static int
emit(struct items *it, archive_thread_cb cb, void *cbctx)
{
	int rc = 0;

	set_depths(it);
	for (size_t i = 0; i < it->n && rc >= 0; i++)
		rc = cb(cbctx, &it->v[i].e, it->v[i].depth);
	for (size_t i = 0; i < it->n; i++)
		for (size_t k = 0; k < 6; k++)
			free(it->v[i].strings[k]);
	free(it->v);
	return rc < 0 ? rc : (int)it->n;
}

int
archive_month(struct tld_ctx *ctx, const char *month, archive_thread_cb cb,
    void *cbctx, struct tld_error *err)
{
	struct archive_query q;
	struct items it = { NULL, 0 };
	int rc;

	if (strlen(month) != 7 || !isdigit((unsigned char)month[0]) ||
	    month[4] != '-' || !isdigit((unsigned char)month[5]) ||
	    !isdigit((unsigned char)month[6]))
		return tld_error_set(err, TLD_EINVAL, "month",
		    "\"%.16s\" is not YYYY-MM", month);
	memset(&q, 0, sizeof(q));
	q.month = month;
	q.order = ARCHIVE_BY_THREAD;
	q.limit = 5000;
	if ((rc = store_archive_each(ctx->store, &q, collect, &it, err)) < 0) {
		it.n = 0;
		(void)emit(&it, cb, cbctx);
		return rc;
	}
	return emit(&it, cb, cbctx);
}

int
archive_thread(struct tld_ctx *ctx, int64_t thread_id, archive_thread_cb cb,
    void *cbctx, struct tld_error *err)
{
	struct archive_query q;
	struct items it = { NULL, 0 };
	int rc;

	memset(&q, 0, sizeof(q));
	q.thread_id = thread_id;
	q.order = ARCHIVE_OLDEST;
	q.limit = 5000;
	if ((rc = store_archive_each(ctx->store, &q, collect, &it, err)) < 0)
		return rc;
	return emit(&it, cb, cbctx);
}

int
archive_months(struct tld_ctx *ctx, store_archive_month_cb cb, void *cbctx,
    struct tld_error *err)
{
	return store_archive_months(ctx->store, cb, cbctx, err);
}

int
archive_get(struct tld_ctx *ctx, int64_t id, struct archive_post *out,
    struct tld_error *err)
{
	return store_archive_get(ctx->store, id, out, err);
}

void
archive_post_fini(struct archive_post *p)
{
	store_archive_post_fini(p);
}

int
archive_attachments(struct tld_ctx *ctx, int64_t id,
    store_archive_attachment_cb cb, void *cbctx, struct tld_error *err)
{
	return store_archive_attachment_each(ctx->store, id, cb, cbctx, err);
}

/* Types a browser shows but never runs; everything else is a download of bytes. */
static const char *const SAFE_TYPES[] = {
	"text/plain", "application/pdf", "image/png", "image/jpeg", "image/gif",
	"application/zip", "application/gzip", "text/csv",
	"application/pgp-signature", "application/pgp-keys",
	"application/pgp-encrypted", "application/octet-stream",
};

int
archive_attachment(struct tld_ctx *ctx, int64_t id, int n,
    char safe_name[128], char safe_type[128], struct buf *data,
    struct tld_error *err)
{
	char name[512], type[128];
	size_t k = 0;
	int rc;

	if ((rc = store_archive_attachment_get(ctx->store, id, n, name,
	    sizeof(name), type, sizeof(type), data, err)) < 0)
		return rc;
	for (const char *p = name; *p != '\0' && k < 100; p++) {
		unsigned char c = (unsigned char)*p;

		if (isalnum(c) || c == '.' || c == '-' || c == '_')
			safe_name[k++] = (char)c;
		else if (k > 0 && safe_name[k - 1] != '_')
			safe_name[k++] = '_';
	}
	while (k > 0 && (safe_name[0] == '.' || safe_name[0] == '_')) {
		memmove(safe_name, safe_name + 1, k - 1);
		k--;
	}
	safe_name[k] = '\0';
	if (k == 0)
		snprintf(safe_name, 128, "attachment");
	snprintf(safe_type, 128, "application/octet-stream");
	for (size_t i = 0; i < sizeof(SAFE_TYPES) / sizeof(SAFE_TYPES[0]); i++)
		if (strcmp(type, SAFE_TYPES[i]) == 0)
			snprintf(safe_type, 128, "%s", SAFE_TYPES[i]);
	if (strcmp(safe_type, "text/plain") == 0)
		snprintf(safe_type, 128, "text/plain; charset=utf-8");
	return 0;
}

int
archive_raw(struct tld_ctx *ctx, int64_t id, struct buf *out,
    struct tld_error *err)
{
	return store_archive_raw(ctx->store, id, out, err);
}

json_t *
archive_entry_json(const struct archive_entry *e)
{
	char date[32];

	clock_format_iso(e->posted, date, sizeof(date));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I}",
	    "id", (json_int_t)e->id, "date", date, "from_name", e->from_name,
	    "from", e->from_addr, "subject", e->subject,
	    "thread", (json_int_t)e->thread_id, "message_id", e->message_id,
	    "in_reply_to", e->in_reply_to, "attachments",
	    (json_int_t)e->attachments);
}

static int
attachment_json(void *arg, const struct archive_attachment *a)
{
	json_array_append_new((json_t *)arg, json_pack("{s:i, s:s, s:s, s:I}",
	    "n", a->n, "filename", a->filename, "content_type", a->content_type,
	    "size", (json_int_t)a->size));
	return 0;
}

int
archive_post_json(struct tld_ctx *ctx, int64_t id, json_t **out,
    struct tld_error *err)
{
	struct archive_post p;
	json_t *o, *refs, *atts;
	char date[32];
	int rc;

	if ((rc = store_archive_get(ctx->store, id, &p, err)) < 0)
		return rc;
	atts = json_array();
	if ((rc = store_archive_attachment_each(ctx->store, id, attachment_json,
	    atts, err)) < 0) {
		json_decref(atts);
		store_archive_post_fini(&p);
		return rc;
	}
	refs = json_array();
	for (const char *r = p.refs; *r != '\0';) {
		const char *sp = strchr(r, ' ');
		size_t n = sp != NULL ? (size_t)(sp - r) : strlen(r);

		if (n > 0)
			json_array_append_new(refs, json_stringn(r, n));
		r += n;
		while (*r == ' ')
			r++;
	}
	clock_format_iso(p.posted, date, sizeof(date));
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:s, s:b, s:o}",
	    "id", (json_int_t)p.id, "date", date, "from_name", p.from_name,
	    "from", p.from_addr, "subject", p.subject,
	    "thread", (json_int_t)p.thread_id, "message_id", p.message_id,
	    "in_reply_to", p.in_reply_to, "references", refs,
	    "text", p.body, "text_is_html", p.body_is_html ? 1 : 0,
	    "attachments", atts);
	store_archive_post_fini(&p);
	if (o == NULL)
		return tld_error_set(err, TLD_EINVAL, "id",
		    "post %lld cannot be shown as JSON", (long long)id);
	*out = o;
	return 0;
}
