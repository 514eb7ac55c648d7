/* SPDX-License-Identifier: MIT */
/*
 * RFC 3464 delivery status notifications through GMime (mail/dsn.h).  The
 * delivery-status body is a series of header blocks separated by blank
 * lines; each block is handed to GMime's parser as a headers-only part,
 * so folding, comments and encodings are GMime's business.
 */
#include "mail/dsn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/gmime_load.h"
#include "mail/mime.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Copy s (trimmed, cleaned to UTF-8 without control characters) into out. */
static void
copy_field(char *out, size_t outlen, const char *s, size_t len)
{
	char *c;
	size_t n = 0;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	/* GMime may have decoded 8-bit bytes as Latin-1: C1 controls too. */
	c = utf8_blank_controls(utf8_clean(s, len));
	for (const char *p = c; *p != '\0' && n + 1 < outlen; p++)
		out[n++] = *p;
	/* Never cut a UTF-8 sequence in half: drop a last sequence that lacks bytes. */
	if (n > 0 && c[n] != '\0') {
		size_t start = n - 1, want;
		unsigned char lead;

		while (start > 0 && ((unsigned char)out[start] & 0xc0) == 0x80)
			start--;
		lead = (unsigned char)out[start];
		want = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (start + want > n)
			n = start;
	}
	out[n] = '\0';
	free(c);
}

/* "rfc822; <user@example.org>" -> "user@example.org". */
static void
copy_address(char *out, size_t outlen, const char *v)
{
	const char *semi = strchr(v, ';');
	const char *s = semi != NULL ? semi + 1 : v;
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>') {
		s++;
		len -= 2;
	}
	copy_field(out, outlen, s, len);
}

/* "5.1.1 (user unknown)" -> "5.1.1"; "" unless class.subject.detail. */
static void
copy_status(char *out, size_t outlen, const char *v)
{
	size_t i = 0, dots = 0, digits = 0;

	while (isspace((unsigned char)*v))
		v++;
	if (v[0] != '2' && v[0] != '4' && v[0] != '5') {
		out[0] = '\0';
		return;
	}
	for (; v[i] != '\0' && !isspace((unsigned char)v[i]); i++) {
		if (v[i] == '.') {
			if (digits == 0)
				break;
			dots++;
			digits = 0;
		} else if (isdigit((unsigned char)v[i]) && digits < 3) {
			digits++;
		} else {
			break;
		}
	}
	if (dots != 2 || digits == 0 || (v[i] != '\0' && !isspace((unsigned char)v[i])) ||
	    i >= outlen) {
		out[0] = '\0';
		return;
	}
	memcpy(out, v, i);
	out[i] = '\0';
}

enum dsn_class
dsn_classify(const char *action, const char *status)
{
	if (strcasecmp(action, "failed") == 0)
		return status[0] == '4' ? DSN_CLASS_SOFT : DSN_CLASS_HARD;
	if (strcasecmp(action, "delayed") == 0)
		return DSN_CLASS_SOFT;
	if (action[0] == '\0' && status[0] == '5')
		return DSN_CLASS_HARD;
	if (action[0] == '\0' && status[0] == '4')
		return DSN_CLASS_SOFT;
	return DSN_CLASS_OTHER;
}

struct finder {
	GMimeObject *status;  /* the message/delivery-status part */
	GMimeObject *headers; /* message/rfc822 or text/rfc822-headers */
	size_t seen;
};

static bool
type_is(GMimeObject *obj, const char *type, const char *sub)
{
	GMimeContentType *ct = gm.object_get_content_type(obj);

	return ct != NULL && gm.content_type_is_type(ct, type, sub);
}

static void
find_parts(struct finder *f, GMimeObject *obj, int depth)
{
	if (obj == NULL || depth > MIME_DEPTH_MAX || f->seen++ >= MIME_PARTS_MAX)
		return;
	if (gm_is(obj, gm.multipart_type)) {
		int n = gm.multipart_get_count((GMimeMultipart *)obj);

		for (int i = 0; i < n; i++)
			find_parts(f, gm.multipart_get_part((GMimeMultipart *)obj, i),
			    depth + 1);
		return;
	}
	if (f->status == NULL && (type_is(obj, "message", "delivery-status") ||
	    type_is(obj, "message", "global-delivery-status")))
		f->status = obj;
	else if (f->headers == NULL && (type_is(obj, "message", "rfc822") ||
	    type_is(obj, "text", "rfc822-headers") ||
	    type_is(obj, "message", "global-headers")))
		f->headers = obj;
}

/* The decoded body of a leaf part into out. */
static void
part_bytes(GMimeObject *obj, struct buf *out)
{
	GMimeDataWrapper *w;
	GMimeStream *mem;
	GByteArray *ba;

	if (!gm_is(obj, gm.part_type) ||
	    (w = gm.part_get_content((GMimePart *)obj)) == NULL)
		return;
	mem = gm.stream_mem_new();
	(void)gm.data_wrapper_write_to_stream(w, mem);
	ba = gm.stream_mem_get_byte_array((GMimeStreamMem *)mem);
	if (ba != NULL && ba->len > 0)
		buf_append(out, ba->data, ba->len);
	gm.object_unref(mem);
}

/* A block of "Field: value" lines as a GMime object (caller unrefs). */
static GMimeObject *
parse_block(const char *p, size_t len)
{
	struct buf b;
	GMimeStream *st;
	GMimeParser *parser;
	GMimeObject *obj;

	buf_init(&b);
	buf_append(&b, p, len);
	buf_puts(&b, "\n\n");
	st = gm.stream_mem_new_with_buffer(b.data, b.len);
	parser = gm.parser_new_with_stream(st);
	obj = gm.parser_construct_part(parser, NULL);
	gm.object_unref(parser);
	gm.object_unref(st);
	buf_fini(&b);
	return obj;
}

static const char *
field(GMimeObject *obj, const char *name)
{
	const char *v = gm.object_get_header(obj, name);

	return v != NULL ? v : "";
}

static void
read_block(struct dsn_report *r, const char *p, size_t len, bool first)
{
	GMimeObject *obj = parse_block(p, len);
	struct dsn_recipient *d;
	const char *fr;

	if (obj == NULL)
		return;
	fr = gm.object_get_header(obj, "Final-Recipient");
	if (fr == NULL) {
		if (first && r->reporting_mta[0] == '\0')
			copy_address(r->reporting_mta, sizeof(r->reporting_mta),
			    field(obj, "Reporting-MTA"));
		gm.object_unref(obj);
		return;
	}
	if (r->nrecipients < DSN_RECIPIENTS_MAX) {
		r->recipients = xreallocarray(r->recipients, r->nrecipients + 1,
		    sizeof(*r->recipients));
		d = &r->recipients[r->nrecipients++];
		memset(d, 0, sizeof(*d));
		copy_address(d->final_recipient, sizeof(d->final_recipient), fr);
		copy_address(d->original_recipient, sizeof(d->original_recipient),
		    field(obj, "Original-Recipient"));
		copy_field(d->action, sizeof(d->action), field(obj, "Action"),
		    strlen(field(obj, "Action")));
		for (char *c = d->action; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
		copy_status(d->status, sizeof(d->status), field(obj, "Status"));
		copy_field(d->diagnostic, sizeof(d->diagnostic),
		    field(obj, "Diagnostic-Code"), strlen(field(obj, "Diagnostic-Code")));
		d->cls = dsn_classify(d->action, d->status);
	}
	gm.object_unref(obj);
}

/* Split the delivery-status body at blank lines and read each block. */
static void
read_blocks(struct dsn_report *r, const char *p, size_t len)
{
	size_t i = 0, start = 0;
	bool first = true;

	while (i <= len) {
		const char *nl = i < len ? memchr(p + i, '\n', len - i) : NULL;
		size_t end = nl != NULL ? (size_t)(nl - p) : len;
		bool blank = true;

		for (size_t k = i; k < end; k++)
			if (!isspace((unsigned char)p[k]))
				blank = false;
		if (blank || nl == NULL) {
			size_t stop = blank ? i : end;

			if (stop > start) {
				read_block(r, p + start, stop - start, first);
				first = false;
			}
			start = end + 1;
		}
		if (nl == NULL)
			break;
		i = end + 1;
	}
}

static void
read_original_id(struct dsn_report *r, GMimeObject *obj)
{
	struct mime_message m;
	struct buf b;

	buf_init(&b);
	if (gm_is(obj, gm.message_part_type)) {
		GMimeMessage *inner =
		    gm.message_part_get_message((GMimeMessagePart *)obj);
		const char *id = inner != NULL ?
		    gm.message_get_message_id(inner) : NULL;

		if (id != NULL)
			copy_field(r->original_message_id,
			    sizeof(r->original_message_id), id, strlen(id));
	} else {
		part_bytes(obj, &b);
		if (b.len > 0 && mime_parse(b.data, b.len, &m, NULL) == 0) {
			copy_field(r->original_message_id,
			    sizeof(r->original_message_id), m.message_id,
			    strlen(m.message_id));
			mime_message_fini(&m);
		}
	}
	buf_fini(&b);
}

int
dsn_parse(const char *raw, size_t len, struct dsn_report *out,
    struct tld_error *err)
{
	struct dsn_report r;
	struct finder f;
	struct buf body;
	GMimeStream *st;
	GMimeParser *p;
	GMimeMessage *msg;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len == 0 || len > MIME_MESSAGE_MAX)
		return tld_error_set(err, TLD_EINVAL, "dsn",
		    "is empty or over %u bytes", MIME_MESSAGE_MAX);
	if ((rc = gm_load(err)) < 0)
		return rc;
	st = gm.stream_mem_new_with_buffer(raw, len);
	p = gm.parser_new_with_stream(st);
	msg = gm.parser_construct_message(p, NULL);
	gm.object_unref(p);
	gm.object_unref(st);
	if (msg == NULL)
		return tld_error_set(err, TLD_EINVAL, "dsn",
		    "is not an RFC 5322 message");
	memset(&f, 0, sizeof(f));
	find_parts(&f, gm.message_get_mime_part(msg), 0);
	if (f.status == NULL) {
		gm.object_unref(msg);
		return tld_error_set(err, TLD_EINVAL, "dsn",
		    "has no message/delivery-status part (not an RFC 3464 report)");
	}
	memset(&r, 0, sizeof(r));
	buf_init(&body);
	part_bytes(f.status, &body);
	if (body.len > 0)
		read_blocks(&r, body.data, body.len);
	buf_fini(&body);
	if (f.headers != NULL)
		read_original_id(&r, f.headers);
	gm.object_unref(msg);
	if (r.nrecipients == 0) {
		dsn_report_fini(&r);
		return tld_error_set(err, TLD_EINVAL, "dsn",
		    "names no recipient (no Final-Recipient field)");
	}
	*out = r;
	return 0;
}

void
dsn_report_fini(struct dsn_report *r)
{
	if (r == NULL)
		return;
	free(r->recipients);
	memset(r, 0, sizeof(*r));
}
