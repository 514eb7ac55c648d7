/* SPDX-License-Identifier: MIT */
/*
 * The list's copy of a post, made with GMime 3 (mail/gmime_load.h): the
 * header block is first checked by hand for what GMime would quietly
 * accept but a relay would not pass on (lines over 998 bytes, NUL bytes,
 * 8-bit text that is not UTF-8), then the message is parsed, its headers
 * changed and a footer added without touching a PGP/MIME-signed part
 * (GMime writes parts it did not change byte for byte).
 */
#define _GNU_SOURCE /* strcasestr */
#include "mail/list_copy.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/gmime_load.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* ---- the header block, checked before GMime ------------------------------ */

int
list_copy_check(const char *raw, size_t len, struct list_copy_check *sc,
    struct tld_error *err)
{
	const char *p = raw, *end = raw + len;
	size_t header_bytes = 0;
	bool eight_bit = false;

	memset(sc, 0, sizeof(*sc));
	/* Postfix's pipe flag F and mbox files put "From sender date" first. */
	if (len >= 5 && memcmp(raw, "From ", 5) == 0) {
		const char *nl = memchr(raw, '\n', len);

		p = nl != NULL ? nl + 1 : end;
	}
	sc->msg = p;
	sc->len = (size_t)(end - p);
	if (sc->len == 0)
		return tld_error_set(err, TLD_EINVAL, "message", "is empty");
	/* The first line must be a header field: "Name:" with no space. */
	{
		const char *q = p;

		while (q < end && *q > ' ' && *q < 127 && *q != ':')
			q++;
		if (q == p || q == end || *q != ':')
			return tld_error_set(err, TLD_EINVAL, "message",
			    "does not start with a header field (Name: value)");
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t linelen = (size_t)((nl ? nl : end) - p);

		if (linelen == 0 || (linelen == 1 && p[0] == '\r'))
			break; /* the blank line: the body follows */
		if (linelen + 1 > MIME_HEADER_LINE_MAX && sc->problem[0] == '\0')
			snprintf(sc->problem, sizeof(sc->problem),
			    "header line longer than 998 bytes");
		if (memchr(p, '\0', linelen) != NULL) /* outranks the others */
			snprintf(sc->problem, sizeof(sc->problem),
			    "NUL byte in the headers");
		{
			const char *cr = memchr(p, '\r', linelen);

			/* A CR that ends no line: readers differ on what it is. */
			if (cr != NULL && (cr != p + linelen - 1 || nl == NULL ||
			    memchr(p, '\r', linelen - 1) != NULL))
				snprintf(sc->problem, sizeof(sc->problem),
				    "bare CR in the headers");
		}
		for (size_t i = 0; i < linelen && !eight_bit; i++)
			if ((unsigned char)p[i] >= 0x80)
				eight_bit = true;
		if (eight_bit && !utf8_valid(p, linelen) && sc->problem[0] == '\0')
			snprintf(sc->problem, sizeof(sc->problem),
			    "headers that are neither ASCII nor UTF-8");
		header_bytes += linelen + 1;
		if (header_bytes > MIME_HEADER_BYTES_MAX)
			return tld_error_set(err, TLD_EINVAL, "message",
			    "has more than %u bytes of headers",
			    MIME_HEADER_BYTES_MAX);
		p = nl ? nl + 1 : end;
	}
	/*
	 * The copy is made and sent as C strings: a NUL in the body would cut
	 * it short there, silently.  Mail has none (RFC 5322 2.3).
	 */
	if (p < end && memchr(p, '\0', (size_t)(end - p)) != NULL &&
	    sc->problem[0] == '\0')
		snprintf(sc->problem, sizeof(sc->problem), "NUL byte in the body");
	return 0;
}

/*
 * GMime reads header values as C strings and keeps a bare CR in them: a
 * NUL cuts a value short (line end and all) and the next header would be
 * glued to it; a bare CR hides a header behind another.  Such a message is
 * not passed on.
 */
static bool
unpassable(const struct list_copy_check *sc)
{
	return strcmp(sc->problem, "NUL byte in the headers") == 0 ||
	    strcmp(sc->problem, "NUL byte in the body") == 0 ||
	    strcmp(sc->problem, "bare CR in the headers") == 0;
}

static GMimeMessage *
parse(const struct list_copy_check *sc, struct tld_error *err)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeParserOptions *opts;
	GMimeMessage *msg;
	struct gm_flaws flaws;
	char *copy = NULL;

	/*
	 * Input that stops without a line end (in the headers, say) would
	 * leave GMime's last value without one, and the next header written
	 * after it glued on: end it with one.
	 */
	if (sc->len > 0 && sc->msg[sc->len - 1] != '\n') {
		copy = xmalloc(sc->len + 1);
		memcpy(copy, sc->msg, sc->len);
		copy[sc->len] = '\n';
	}
	stream = gm.stream_mem_new_with_buffer(copy ? copy : sc->msg,
	    sc->len + (copy != NULL));
	parser = gm.parser_new_with_stream(stream);
	opts = gm_parser_options(&flaws);
	msg = gm.parser_construct_message(parser, opts);
	gm_parser_options_done();
	gm.object_unref(parser);
	gm.object_unref(stream);
	free(copy);
	if (msg == NULL) {
		tld_error_set(err, TLD_EINVAL, "message",
		    "GMime cannot read it as an RFC 5322 message");
	} else if (flaws.seen & (1u << GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY)) {
		char flaw[128];

		/* GMime would write its parts out as "--(null)". */
		gm_flaws_describe(&flaws, msg, flaw, sizeof(flaw));
		tld_error_set(err, TLD_EINVAL, "message",
		    "has a %s: it cannot be passed on", flaw);
		gm.object_unref(msg);
		msg = NULL;
	}
	return msg;
}

static InternetAddressMailbox *
first_mailbox(InternetAddressList *l)
{
	int n = l != NULL ? gm.address_list_length(l) : 0;

	for (int i = 0; i < n; i++) {
		InternetAddress *ia = gm.address_list_get_address(l, i);

		if (gm_is(ia, gm.mailbox_type))
			return (InternetAddressMailbox *)ia;
	}
	return NULL;
}

/* ---- the list's copy ----------------------------------------------------- */

/* Write msg with CRLF line ends into out, checking what the outbox stores. */
static int
write_out(GMimeMessage *msg, struct buf *out, struct tld_error *err)
{
	GMimeFormatOptions *fo = gm.format_options_new();
	char *s;
	size_t n;
	int rc = 0;

	gm.format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	s = gm.object_to_string((GMimeObject *)msg, fo);
	gm.format_options_free(fo);
	if (s == NULL)
		return tld_error_set(err, TLD_EINVAL, "message",
		    "GMime cannot write it out again");
	n = strlen(s);
	/*
	 * A signed part is passed on byte for byte, so 8-bit or NUL bytes
	 * in it (which RFC 3156 forbids) cannot be encoded away; nor can
	 * header text in an unknown 8-bit charset.
	 */
	if (!utf8_valid(s, n))
		rc = tld_error_set(err, TLD_EINVAL, "message",
		    "has 8-bit text that is neither ASCII nor UTF-8 where it "
		    "cannot be re-encoded (headers or a signed part)");
	else {
		buf_append(out, s, n);
		if (n < 2 || s[n - 2] != '\r' || s[n - 1] != '\n')
			buf_puts(out, "\r\n");
	}
	gm.free(s);
	return rc;
}

static void
remove_all(GMimeObject *obj, const char *name)
{
	for (int i = 0; i < 100 && gm.object_remove_header(obj, name); i++)
		;
}

static bool
list_has(InternetAddressList *l, const char *addr)
{
	int n = gm.address_list_length(l);

	for (int i = 0; i < n; i++) {
		InternetAddress *ia = gm.address_list_get_address(l, i);

		if (gm_is(ia, gm.mailbox_type) &&
		    strcasecmp(gm.mailbox_get_addr((InternetAddressMailbox *)ia),
		    addr) == 0)
			return true;
	}
	return false;
}

static void
rewrite_from(GMimeMessage *msg, const struct list_copy_opts *o)
{
	InternetAddressList *from = gm.message_get_from(msg);
	InternetAddressMailbox *author = first_mailbox(from);
	InternetAddress *list;
	const char *name, *addr;
	struct buf display;

	if (author == NULL)
		return;
	gm.object_ref(author);
	addr = gm.mailbox_get_addr(author);
	name = gm.address_get_name((InternetAddress *)author);
	if (name == NULL || *name == '\0') {
		/* "alice@example.org via TLD-OPS" would look like an address. */
		const char *at = strchr(addr, '@');

		name = addr;
		buf_init(&display);
		buf_printf(&display, "%.*s via %s",
		    at ? (int)(at - addr) : (int)strlen(addr), addr, o->list_name);
	} else {
		buf_init(&display);
		buf_printf(&display, "%s via %s", name, o->list_name);
	}
	list = gm.mailbox_new(buf_str(&display), o->list_address);
	gm.address_list_clear(from);
	gm.address_list_add(from, list);
	gm.object_unref(list);
	if (gm.address_list_length(gm.message_get_reply_to(msg)) == 0)
		gm.address_list_add(gm.message_get_reply_to(msg), (InternetAddress *)author);
	else if (!list_has(gm.message_get_cc(msg), addr))
		gm.address_list_add(gm.message_get_cc(msg), (InternetAddress *)author);
	gm.object_unref(author);
	buf_fini(&display);
}

static void
tag_subject(GMimeMessage *msg, const char *tag)
{
	const char *subject = gm.message_get_subject(msg);
	struct buf s;

	if (tag == NULL || *tag == '\0')
		return;
	if (subject == NULL)
		subject = "";
	if (strcasestr(subject, tag) != NULL)
		return; /* a reply keeps the one tag it has */
	buf_init(&s);
	buf_printf(&s, "%s %s", tag, subject);
	gm.message_set_subject(msg, buf_str(&s), "utf-8");
	buf_fini(&s);
}

static GMimeObject *
footer_part(const char *footer)
{
	GMimeTextPart *t = gm.text_part_new_with_subtype("plain");

	gm.text_part_set_text(t, footer);
	gm.object_set_disposition((GMimeObject *)t, "inline");
	return (GMimeObject *)t;
}

static void
add_footer(GMimeMessage *msg, const char *footer)
{
	GMimeObject *top = gm.message_get_mime_part(msg);
	GMimeContentType *ct = top ? gm.object_get_content_type(top) : NULL;
	GMimeObject *f;
	GMimeMultipart *mixed;

	if (footer == NULL || *footer == '\0' || top == NULL)
		return;
	if (gm_is(top, gm.text_part_type) && ct != NULL &&
	    gm.content_type_is_type(ct, "text", "plain")) {
		const char *disp = gm.object_get_disposition(top);
		char *text = gm.text_part_get_text((GMimeTextPart *)top);

		if (text != NULL && (disp == NULL ||
		    strcasecmp(disp, "attachment") != 0)) {
			struct buf b;
			size_t n = strlen(text);

			buf_init(&b);
			buf_append(&b, text, n);
			if (n > 0 && text[n - 1] != '\n')
				buf_putc(&b, '\n');
			buf_puts(&b, footer);
			gm.text_part_set_text((GMimeTextPart *)top, buf_str(&b));
			buf_fini(&b);
			gm.free(text);
			return;
		}
		if (text != NULL)
			gm.free(text);
	}
	f = footer_part(footer);
	if (gm_is(top, gm.multipart_type) && ct != NULL &&
	    gm.content_type_is_type(ct, "multipart", "mixed")) {
		gm.multipart_add((GMimeMultipart *)top, f);
		gm.object_unref(f);
		return;
	}
	/* Signed, encrypted, alternative, anything else: wrap it untouched. */
	mixed = gm.multipart_new_with_subtype("mixed");
	gm.object_ref(top);
	gm.multipart_add(mixed, top);
	gm.multipart_add(mixed, f);
	gm.message_set_mime_part(msg, (GMimeObject *)mixed);
	gm.object_unref(top);
	gm.object_unref(f);
	gm.object_unref(mixed);
}

/* A line on top of the text, or a first part of its own. */
static void
add_preface(GMimeMessage *msg, const char *preface)
{
	GMimeObject *top = gm.message_get_mime_part(msg);
	GMimeContentType *ct = top ? gm.object_get_content_type(top) : NULL;
	GMimeObject *f;
	GMimeMultipart *mixed;

	if (preface == NULL || *preface == '\0' || top == NULL)
		return;
	if (gm_is(top, gm.text_part_type) && ct != NULL &&
	    gm.content_type_is_type(ct, "text", "plain")) {
		char *text = gm.text_part_get_text((GMimeTextPart *)top);

		if (text != NULL) {
			struct buf b;

			buf_init(&b);
			buf_puts(&b, preface);
			buf_puts(&b, "\n\n");
			buf_puts(&b, text);
			gm.text_part_set_text((GMimeTextPart *)top, buf_str(&b));
			buf_fini(&b);
			gm.free(text);
			return;
		}
	}
	f = footer_part(preface);
	mixed = gm.multipart_new_with_subtype("mixed");
	gm.object_ref(top);
	gm.multipart_add(mixed, f);
	gm.multipart_add(mixed, top);
	gm.message_set_mime_part(msg, (GMimeObject *)mixed);
	gm.object_unref(top);
	gm.object_unref(f);
	gm.object_unref(mixed);
}

int
list_copy_make(const char *raw, size_t len, const struct list_copy_opts *o,
    struct buf *out, struct tld_error *err)
{
	static const char *const ours[] = {
		"List-Id", "List-Post", "List-Help", "List-Archive",
		"List-Owner", "List-Subscribe", "List-Unsubscribe",
		"List-Unsubscribe-Post", "X-Loop", "DKIM-Signature",
		"Return-Path", "Delivered-To", "X-Original-To", "Precedence",
		"X-TLD-OPS-Signature",
	};
	struct list_copy_check sc;
	GMimeMessage *msg;
	GMimeObject *obj;
	struct buf v;
	int rc;

	if ((rc = gm_load(err)) < 0)
		return rc;
	if ((rc = list_copy_check(raw, len, &sc, err)) < 0)
		return rc;
	if (unpassable(&sc))
		return tld_error_set(err, TLD_EINVAL, "message",
		    "has a %s: it cannot be passed on", sc.problem);
	if ((msg = parse(&sc, err)) == NULL)
		return err->code;
	obj = (GMimeObject *)msg;
	for (size_t i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		remove_all(obj, ours[i]);
	tag_subject(msg, o->subject_tag);
	if (o->from_rewrite)
		rewrite_from(msg, o);
	buf_init(&v);
	buf_printf(&v, "%s <%s>", o->list_name, o->list_id);
	gm.object_set_header(obj, "List-Id", buf_str(&v), NULL);
	buf_fini(&v);
	gm.object_set_header(obj, "List-Post", o->list_post, NULL);
	gm.object_set_header(obj, "List-Help", o->list_help, NULL);
	if (o->list_archive != NULL && *o->list_archive != '\0')
		gm.object_set_header(obj, "List-Archive", o->list_archive, NULL);
	gm.object_set_header(obj, "List-Owner", o->list_owner, NULL);
	gm.object_set_header(obj, "X-Loop", o->list_address, NULL);
	gm.object_set_header(obj, "Precedence", "list", NULL);
	if (gm.object_get_header(obj, "MIME-Version") == NULL)
		gm.object_set_header(obj, "MIME-Version", "1.0", NULL);
	if (o->signature != NULL && *o->signature != '\0')
		gm.object_set_header(obj, "X-TLD-OPS-Signature", o->signature, NULL);
	add_preface(msg, o->preface);
	add_footer(msg, o->footer);
	/* Signed and encrypted parts are left as they are by GMime. */
	gm.object_encode(obj, GMIME_ENCODING_CONSTRAINT_7BIT);
	rc = write_out(msg, out, err);
	gm.object_unref(msg);
	return rc;
}

int
list_copy_forward(const char *raw, size_t len, const char *name,
    const char *value, struct buf *out, struct tld_error *err)
{
	struct list_copy_check sc;
	GMimeMessage *msg;
	int rc;

	if ((rc = gm_load(err)) < 0)
		return rc;
	if ((rc = list_copy_check(raw, len, &sc, err)) < 0)
		return rc;
	if (unpassable(&sc))
		return tld_error_set(err, TLD_EINVAL, "message",
		    "has a %s: it cannot be passed on", sc.problem);
	if ((msg = parse(&sc, err)) == NULL)
		return err->code;
	remove_all((GMimeObject *)msg, "Return-Path");
	remove_all((GMimeObject *)msg, "Delivered-To");
	gm.object_prepend_header((GMimeObject *)msg, name, value, NULL);
	gm.object_encode((GMimeObject *)msg, GMIME_ENCODING_CONSTRAINT_7BIT);
	rc = write_out(msg, out, err);
	gm.object_unref(msg);
	return rc;
}
