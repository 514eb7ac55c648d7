/* SPDX-License-Identifier: MIT */
/*
 * Inbound mail through GMime 3 (mail/mime.h): GMime does the MIME work
 * (headers, encoded words, transfer encodings, charsets, multipart
 * boundaries, mbox From_ lines); this file walks its tree into plain
 * structures and bounds what it walks.
 */
#include "mail/mime.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/gmime_load.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static char *
clean(const char *s)
{
	return s == NULL ? xstrdup("") : utf8_clean(s, strlen(s));
}

static char *
clean_lower(const char *s)
{
	char *c = clean(s);

	for (char *p = c; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return c;
}

/* The "type/subtype" of obj, lower case (GMime's default text/plain). */
static char *
object_mime_type(GMimeObject *obj)
{
	GMimeContentType *ct = gm.object_get_content_type(obj);
	char *t, *c;

	if (ct == NULL)
		return xstrdup("text/plain");
	t = gm.content_type_get_mime_type(ct);
	c = clean_lower(t);
	gm.free(t);
	return c;
}

struct walk {
	struct mime_message *m;
	size_t parts;
	const char *html; /* first text/html part's text, owned (g_free) */
	char *html_own;
};

static void
add_attachment(struct mime_message *m, GMimePart *part, char *type)
{
	GMimeDataWrapper *w = gm.part_get_content(part);
	GMimeStream *mem = gm.stream_mem_new();
	GByteArray *ba;
	struct mime_attachment *a;

	if (w != NULL)
		(void)gm.data_wrapper_write_to_stream(w, mem);
	ba = gm.stream_mem_get_byte_array((GMimeStreamMem *)mem);
	m->attachments = xreallocarray(m->attachments, m->nattachments + 1,
	    sizeof(*m->attachments));
	a = &m->attachments[m->nattachments++];
	a->filename = clean(gm.part_get_filename(part));
	a->content_type = type;
	a->len = ba != NULL ? ba->len : 0;
	a->data = xmalloc(a->len + 1);
	if (a->len > 0)
		memcpy(a->data, ba->data, a->len);
	a->data[a->len] = '\0';
	gm.object_unref(mem);
}

static bool
is_attachment(GMimeObject *obj)
{
	const char *d = gm.object_get_disposition(obj);

	return d != NULL && strcasecmp(d, "attachment") == 0;
}

static void walk_object(struct walk *w, GMimeObject *obj, int depth);

static void
walk_leaf(struct walk *w, GMimeObject *obj)
{
	char *type = object_mime_type(obj);
	bool attach = is_attachment(obj);

	if (!attach && gm_is(obj, gm.text_part_type) &&
	    (strcmp(type, "text/plain") == 0 || strcmp(type, "text/html") == 0)) {
		bool html = strcmp(type, "text/html") == 0;

		if ((!html && w->m->text == NULL) || (html && w->html_own == NULL)) {
			char *t = gm.text_part_get_text((GMimeTextPart *)obj);
			char *c = clean(t);

			gm.free(t);
			if (html)
				w->html_own = c;
			else
				w->m->text = c;
			free(type);
			return;
		}
	}
	if (gm_is(obj, gm.part_type))
		add_attachment(w->m, (GMimePart *)obj, type);
	else
		free(type);
}

static void
walk_object(struct walk *w, GMimeObject *obj, int depth)
{
	if (obj == NULL || depth > MIME_DEPTH_MAX || w->parts >= MIME_PARTS_MAX)
		return;
	w->parts++;
	if (gm_is(obj, gm.multipart_type)) {
		GMimeMultipart *mp = (GMimeMultipart *)obj;
		int n = gm.multipart_get_count(mp);

		for (int i = 0; i < n; i++)
			walk_object(w, gm.multipart_get_part(mp, i), depth + 1);
		return;
	}
	if (gm_is(obj, gm.message_part_type) && !is_attachment(obj)) {
		/* A forwarded message: its parts are read as ours. */
		GMimeMessage *inner =
		    gm.message_part_get_message((GMimeMessagePart *)obj);

		if (inner != NULL)
			walk_object(w, gm.message_get_mime_part(inner), depth + 1);
		return;
	}
	walk_leaf(w, obj);
}

static void
read_headers(struct mime_message *m, GMimeObject *obj)
{
	GMimeHeaderList *hl = gm.object_get_header_list(obj);
	int n = hl != NULL ? gm.header_list_get_count(hl) : 0;

	if (n <= 0)
		return;
	m->headers = xcalloc((size_t)n, sizeof(*m->headers));
	for (int i = 0; i < n; i++) {
		GMimeHeader *h = gm.header_list_get_header_at(hl, i);

		m->headers[m->nheaders].name = clean(gm.header_get_name(h));
		m->headers[m->nheaders].value = clean(gm.header_get_value(h));
		m->nheaders++;
	}
}

/* Message-ids of a References/In-Reply-To value, in order, bounded. */
static void
read_ids(const char *value, char ***ids, size_t *nids, size_t max)
{
	GMimeReferences *refs;
	int n;

	if (value == NULL)
		return;
	if ((refs = gm.references_parse(NULL, value)) == NULL)
		return;
	n = gm.references_length(refs);
	/* Keep the newest when there are too many: the parent is last. */
	for (int i = n > (int)max ? n - (int)max : 0; i < n; i++) {
		const char *id = gm.references_get_message_id(refs, i);

		if (id == NULL || *id == '\0')
			continue;
		*ids = xreallocarray(*ids, *nids + 1, sizeof(**ids));
		(*ids)[(*nids)++] = clean(id);
	}
	gm.references_free(refs);
}

static void
read_from(struct mime_message *m, GMimeMessage *msg)
{
	InternetAddressList *l = gm.message_get_from(msg);
	int n = l != NULL ? gm.address_list_length(l) : 0;

	for (int i = 0; i < n; i++) {
		InternetAddress *a = gm.address_list_get_address(l, i);

		if (!gm_is(a, gm.mailbox_type))
			continue;
		m->from_name = clean(gm.address_get_name(a));
		m->from_addr = clean(gm.mailbox_get_addr((InternetAddressMailbox *)a));
		return;
	}
}

const char *
mime_header_get(const struct mime_message *m, const char *name)
{
	for (size_t i = 0; i < m->nheaders; i++)
		if (strcasecmp(m->headers[i].name, name) == 0)
			return m->headers[i].value;
	return NULL;
}

int
mime_parse(const char *raw, size_t len, struct mime_message *out,
    struct tld_error *err)
{
	struct mime_message m;
	struct walk w;
	GMimeStream *st;
	GMimeParser *p;
	GMimeMessage *msg;
	GMimeParserOptions *opts;
	struct gm_flaws flaws;
	GDateTime *date;
	char **irt = NULL;
	size_t nirt = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return tld_error_set(err, TLD_EINVAL, "message", "is empty");
	if (len > MIME_MESSAGE_MAX)
		return tld_error_set(err, TLD_EINVAL, "message",
		    "is %zu bytes, over the limit of %u", len, MIME_MESSAGE_MAX);
	if ((rc = gm_load(err)) < 0)
		return rc;
	st = gm.stream_mem_new_with_buffer(raw, len);
	p = gm.parser_new_with_stream(st);
	gm.parser_set_format(p, GMIME_FORMAT_MESSAGE);
	opts = gm_parser_options(&flaws);
	msg = gm.parser_construct_message(p, opts);
	gm_parser_options_done();
	gm.object_unref(p);
	gm.object_unref(st);
	if (msg == NULL)
		return tld_error_set(err, TLD_EINVAL, "message",
		    "is not an RFC 5322 message (no header could be read)");

	memset(&m, 0, sizeof(m));
	gm_flaws_describe(&flaws, msg, m.flaw, sizeof(m.flaw));
	read_headers(&m, (GMimeObject *)msg);
	m.message_id = clean(gm.message_get_message_id(msg));
	if ((date = gm.message_get_date(msg)) != NULL)
		m.date = gm.date_time_to_unix(date);
	read_from(&m, msg);
	if (m.from_addr == NULL) {
		m.from_name = xstrdup("");
		m.from_addr = xstrdup("");
	}
	m.subject = clean(gm.message_get_subject(msg));
	read_ids(gm.object_get_header((GMimeObject *)msg, "References"),
	    &m.references, &m.nreferences, MIME_REFERENCES_MAX);
	read_ids(gm.object_get_header((GMimeObject *)msg, "In-Reply-To"),
	    &irt, &nirt, 1);
	m.in_reply_to = nirt > 0 ? irt[0] : xstrdup("");
	free(irt);
	if (gm.message_get_mime_part(msg) != NULL)
		m.content_type = object_mime_type(gm.message_get_mime_part(msg));
	else
		m.content_type = xstrdup("text/plain");

	memset(&w, 0, sizeof(w));
	w.m = &m;
	walk_object(&w, gm.message_get_mime_part(msg), 0);
	if (m.text == NULL && w.html_own != NULL) {
		m.text = w.html_own;
		m.text_is_html = true;
	} else {
		free(w.html_own);
	}
	if (m.text == NULL)
		m.text = xstrdup("");
	gm.object_unref(msg);
	*out = m;
	return 0;
}

void
mime_message_fini(struct mime_message *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nheaders; i++) {
		free(m->headers[i].name);
		free(m->headers[i].value);
	}
	free(m->headers);
	for (size_t i = 0; i < m->nreferences; i++)
		free(m->references[i]);
	free(m->references);
	for (size_t i = 0; i < m->nattachments; i++) {
		free(m->attachments[i].filename);
		free(m->attachments[i].content_type);
		free(m->attachments[i].data);
	}
	free(m->attachments);
	free(m->message_id);
	free(m->from_name);
	free(m->from_addr);
	free(m->subject);
	free(m->in_reply_to);
	free(m->content_type);
	free(m->text);
	memset(m, 0, sizeof(*m));
}

/* ---- mbox ---------------------------------------------------------------- */

/* Undo mboxrd/mboxo quoting: a line ">From " (any number of '>') loses one. */
static void
unquote_from(const char *p, size_t len, struct buf *out)
{
	size_t i = 0;

	buf_reset(out);
	while (i < len) {
		const char *nl = memchr(p + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - p) + 1 : len;
		size_t k = i;

		while (k < end && p[k] == '>')
			k++;
		if (k > i && end - k >= 5 && memcmp(p + k, "From ", 5) == 0)
			i++;
		buf_append(out, p + i, end - i);
		i = end;
	}
}

int
mime_mbox_each(const char *data, size_t len, mime_mbox_cb cb, void *ctx,
    struct tld_error *err)
{
	GMimeStream *st;
	GMimeParser *p;
	int64_t *marks = NULL;
	size_t nmarks = 0;
	struct buf one;
	int rc;

	if (len < 5 || memcmp(data, "From ", 5) != 0)
		return tld_error_set(err, TLD_EINVAL, "mbox",
		    "does not start with a \"From \" line (not an mbox file)");
	if ((rc = gm_load(err)) < 0)
		return rc;
	/* GMime finds the From_ lines; the bytes between them are the messages. */
	st = gm.stream_mem_new_with_buffer(data, len);
	p = gm.parser_new_with_stream(st);
	gm.parser_set_format(p, GMIME_FORMAT_MBOX);
	while (!gm.parser_eos(p)) {
		GMimeMessage *msg = gm.parser_construct_message(p, NULL);
		int64_t off;

		if (msg == NULL)
			break;
		off = gm.parser_mbox_marker_offset(p);
		gm.object_unref(msg);
		if (off < 0 || (size_t)off >= len ||
		    (nmarks > 0 && off <= marks[nmarks - 1]))
			break;
		marks = xreallocarray(marks, nmarks + 1, sizeof(*marks));
		marks[nmarks++] = off;
	}
	gm.object_unref(p);
	gm.object_unref(st);

	buf_init(&one);
	rc = 0;
	for (size_t i = 0; i < nmarks && rc >= 0; i++) {
		size_t start = (size_t)marks[i];
		size_t end = i + 1 < nmarks ? (size_t)marks[i + 1] : len;
		const char *nl = memchr(data + start, '\n', end - start);

		if (nl == NULL)
			continue;
		start = (size_t)(nl - data) + 1;
		/* The blank line before the next From_ belongs to the mbox. */
		if (i + 1 < nmarks && end - start >= 1 && data[end - 1] == '\n') {
			end--;
			if (end > start && data[end - 1] == '\r')
				end--;
		}
		unquote_from(data + start, end - start, &one);
		rc = cb(ctx, one.data != NULL ? one.data : "", one.len);
	}
	buf_fini(&one);
	free(marks);
	return rc < 0 ? rc : (int)nmarks;
}

/* ---- search words ---------------------------------------------------------- */

/* Decode one code point of well-formed UTF-8 at p (utf8_clean()'d input). */
static uint32_t
next_cp(const unsigned char *p, size_t len, size_t *n)
{
	unsigned char c = p[0];
	size_t k;
	uint32_t cp;

	if (c < 0x80 || len < 2) {
		*n = 1;
		return c;
	}
	k = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
	if (k > len) {
		*n = 1;
		return 0xfffd;
	}
	cp = c & (0xff >> (k + 1));
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	*n = k;
	return cp;
}

static void
put_cp(struct buf *b, uint32_t cp)
{
	char o[4];

	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, o, 2);
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, o, 3);
	} else {
		o[0] = (char)(0xf0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		buf_append(b, o, 4);
	}
}

int
mime_search_words(const char *text, size_t len, size_t max_words,
    struct buf *out, struct tld_error *err)
{
	char *c;
	const unsigned char *p;
	size_t i = 0, clen, words = 0, start = 0, mark = 0;
	bool in_word = false;
	int rc;

	if ((rc = gm_load(err)) < 0)
		return rc;
	c = utf8_clean(text, len);
	p = (const unsigned char *)c;
	clen = strlen(c);
	while (i <= clen && (max_words == 0 || words < max_words)) {
		size_t n = 1;
		uint32_t cp = i < clen ? next_cp(p + i, clen - i, &n) : 0;
		bool word = i < clen && gm.unichar_isalnum(cp);

		if (i < clen && in_word && gm.unichar_ismark(cp)) {
			i += n;
			continue;
		}
		if (word) {
			if (!in_word) {
				mark = out->len;
				if (out->len > 0 && out->data[out->len - 1] != ' ')
					buf_putc(out, ' ');
				start = out->len;
				in_word = true;
			}
			put_cp(out, gm.unichar_tolower(cp));
		} else if (in_word) {
			in_word = false;
			if (out->len - start > MIME_WORD_MAX) {
				/* Too long to be a word anyone searches for. */
				buf_truncate(out, mark);
			} else {
				words++;
			}
		}
		i += n;
	}
	free(c);
	return (int)words;
}
