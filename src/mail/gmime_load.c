/* SPDX-License-Identifier: MIT */
/* GMime 3 through dlopen, once per process (see mail/gmime_load.h). */
#include "mail/gmime_load.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/dynlib.h"

struct gmime_api gm;

static pthread_once_t gm_once = PTHREAD_ONCE_INIT;
static struct tld_error gm_err;

static void flaw_cb(gint64 offset, GMimeParserWarning code,
    const gchar *item, gpointer data);

static void
gm_do_load(void)
{
	static const char *const sonames[] = { "libgmime-3.0.so.0", NULL };
#define SYM(field, name) { name, (void **)&gm.field }
	static const struct dynlib_symbol syms[] = {
		SYM(init, "g_mime_init"),
		SYM(object_unref, "g_object_unref"),
		SYM(free, "g_free"),
		SYM(type_is_a, "g_type_check_instance_is_a"),
		SYM(date_time_to_unix, "g_date_time_to_unix"),
		SYM(byte_array_free, "g_byte_array_free"),
		SYM(message_type, "g_mime_message_get_type"),
		SYM(multipart_type, "g_mime_multipart_get_type"),
		SYM(message_part_type, "g_mime_message_part_get_type"),
		SYM(part_type, "g_mime_part_get_type"),
		SYM(text_part_type, "g_mime_text_part_get_type"),
		SYM(mailbox_type, "internet_address_mailbox_get_type"),
		SYM(stream_mem_new, "g_mime_stream_mem_new"),
		SYM(stream_mem_new_with_buffer, "g_mime_stream_mem_new_with_buffer"),
		SYM(stream_mem_get_byte_array, "g_mime_stream_mem_get_byte_array"),
		SYM(parser_new_with_stream, "g_mime_parser_new_with_stream"),
		SYM(parser_set_format, "g_mime_parser_set_format"),
		SYM(parser_construct_message, "g_mime_parser_construct_message"),
		SYM(parser_construct_part, "g_mime_parser_construct_part"),
		SYM(parser_eos, "g_mime_parser_eos"),
		SYM(parser_mbox_marker_offset, "g_mime_parser_get_mbox_marker_offset"),
		SYM(parser_headers_begin, "g_mime_parser_get_headers_begin"),
		SYM(parser_options_get_default, "g_mime_parser_options_get_default"),
		SYM(parser_options_set_warning_callback,
		    "g_mime_parser_options_set_warning_callback"),
		SYM(message_get_from, "g_mime_message_get_from"),
		SYM(message_get_subject, "g_mime_message_get_subject"),
		SYM(message_get_date, "g_mime_message_get_date"),
		SYM(message_get_message_id, "g_mime_message_get_message_id"),
		SYM(message_get_mime_part, "g_mime_message_get_mime_part"),
		SYM(object_get_header, "g_mime_object_get_header"),
		SYM(object_get_header_list, "g_mime_object_get_header_list"),
		SYM(object_get_content_type, "g_mime_object_get_content_type"),
		SYM(object_get_content_type_parameter,
		    "g_mime_object_get_content_type_parameter"),
		SYM(object_get_disposition, "g_mime_object_get_disposition"),
		SYM(header_list_get_count, "g_mime_header_list_get_count"),
		SYM(header_list_get_header_at, "g_mime_header_list_get_header_at"),
		SYM(header_get_name, "g_mime_header_get_name"),
		SYM(header_get_value, "g_mime_header_get_value"),
		SYM(content_type_get_mime_type, "g_mime_content_type_get_mime_type"),
		SYM(content_type_is_type, "g_mime_content_type_is_type"),
		SYM(references_parse, "g_mime_references_parse"),
		SYM(references_length, "g_mime_references_length"),
		SYM(references_get_message_id, "g_mime_references_get_message_id"),
		SYM(references_free, "g_mime_references_free"),
		SYM(multipart_get_count, "g_mime_multipart_get_count"),
		SYM(multipart_get_part, "g_mime_multipart_get_part"),
		SYM(message_part_get_message, "g_mime_message_part_get_message"),
		SYM(part_get_filename, "g_mime_part_get_filename"),
		SYM(part_get_content, "g_mime_part_get_content"),
		SYM(data_wrapper_write_to_stream, "g_mime_data_wrapper_write_to_stream"),
		SYM(text_part_get_text, "g_mime_text_part_get_text"),
		SYM(address_list_length, "internet_address_list_length"),
		SYM(address_list_get_address, "internet_address_list_get_address"),
		SYM(address_get_name, "internet_address_get_name"),
		SYM(mailbox_get_addr, "internet_address_mailbox_get_addr"),
		SYM(object_ref, "g_object_ref"),
		SYM(message_get_reply_to, "g_mime_message_get_reply_to"),
		SYM(message_get_cc, "g_mime_message_get_cc"),
		SYM(message_set_subject, "g_mime_message_set_subject"),
		SYM(message_set_mime_part, "g_mime_message_set_mime_part"),
		SYM(object_set_header, "g_mime_object_set_header"),
		SYM(object_prepend_header, "g_mime_object_prepend_header"),
		SYM(object_remove_header, "g_mime_object_remove_header"),
		SYM(object_set_disposition, "g_mime_object_set_disposition"),
		SYM(object_encode, "g_mime_object_encode"),
		SYM(object_to_string, "g_mime_object_to_string"),
		SYM(multipart_new_with_subtype, "g_mime_multipart_new_with_subtype"),
		SYM(multipart_add, "g_mime_multipart_add"),
		SYM(text_part_new_with_subtype, "g_mime_text_part_new_with_subtype"),
		SYM(text_part_set_text, "g_mime_text_part_set_text"),
		SYM(format_options_new, "g_mime_format_options_new"),
		SYM(format_options_free, "g_mime_format_options_free"),
		SYM(format_options_set_newline_format, "g_mime_format_options_set_newline_format"),
		SYM(address_list_add, "internet_address_list_add"),
		SYM(address_list_clear, "internet_address_list_clear"),
		SYM(mailbox_new, "internet_address_mailbox_new"),
		SYM(unichar_isalnum, "g_unichar_isalnum"),
		SYM(unichar_ismark, "g_unichar_ismark"),
		SYM(unichar_tolower, "g_unichar_tolower"),
	};
#undef SYM

	if (dynlib_load(sonames, syms, sizeof(syms) / sizeof(syms[0]), "mime",
	    &gm_err) < 0)
		return;
	gm.init();
	/*
	 * The parser's warnings go to flaw_cb for every parse, through the
	 * default options: options of our own would come from GLib's slice
	 * allocator, whose per-thread cache LeakSanitizer either cannot scan
	 * (a crash at exit, a sanitizer bug with dynamic TLS) or reports.
	 */
	gm.parser_options_set_warning_callback(gm.parser_options_get_default(),
	    flaw_cb, NULL);
}

int
gm_load(struct tld_error *err)
{
	pthread_once(&gm_once, gm_do_load);
	if (gm_err.code != 0) {
		if (err != NULL)
			*err = gm_err;
		return gm_err.code;
	}
	return 0;
}

bool
gm_is(const void *obj, GType (*gettype)(void))
{
	return obj != NULL && gm.type_is_a((GTypeInstance *)obj, gettype());
}

/* ---- the parser's warnings ----------------------------------------------- */

/* The codes that say the structure is broken; the others (a duplicated
 * header, 8-bit or bad RFC 2047 in a header, a bad address list) are left
 * to the checks of mail/list_copy.h or accepted. */
static const GMimeParserWarning flaw_codes[] = {
	GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY, GMIME_WARN_TRUNCATED_MESSAGE,
	GMIME_WARN_MALFORMED_MULTIPART, GMIME_CRIT_NESTING_OVERFLOW,
	GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT,
};

/* The flaws of the parse this thread is running, NULL between parses. */
static _Thread_local struct gm_flaws *flaws_now;

static void
flaw_cb(gint64 offset, GMimeParserWarning code, const gchar *item,
    gpointer data)
{
	struct gm_flaws *f = flaws_now;

	(void)offset;
	(void)data;
	if (f == NULL)
		return;
	for (size_t i = 0; i < sizeof(flaw_codes) / sizeof(flaw_codes[0]); i++) {
		if (flaw_codes[i] != code || code >= 32)
			continue;
		if (code == GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY &&
		    !(f->seen & (1u << code)))
			snprintf(f->subtype, sizeof(f->subtype), "%s",
			    item != NULL ? item : "");
		f->seen |= 1u << code;
	}
}

GMimeParserOptions *
gm_parser_options(struct gm_flaws *f)
{
	memset(f, 0, sizeof(*f));
	flaws_now = f;
	return gm.parser_options_get_default();
}

void
gm_parser_options_done(void)
{
	flaws_now = NULL;
}

/* A multipart with no part at all (its boundary never seen), or NULL. */
static GMimeObject *
empty_multipart(GMimeObject *obj, int depth)
{
	if (obj == NULL || depth > 32)
		return NULL;
	if (gm_is(obj, gm.multipart_type)) {
		GMimeMultipart *mp = (GMimeMultipart *)obj;
		int n = gm.multipart_get_count(mp);

		if (n == 0)
			return obj;
		for (int i = 0; i < n && i < 1000; i++) {
			GMimeObject *e = empty_multipart(gm.multipart_get_part(mp, i),
			    depth + 1);

			if (e != NULL)
				return e;
		}
		return NULL;
	}
	if (gm_is(obj, gm.message_part_type)) {
		GMimeMessage *inner =
		    gm.message_part_get_message((GMimeMessagePart *)obj);

		return inner != NULL ? empty_multipart(gm.message_get_mime_part(inner),
		    depth + 1) : NULL;
	}
	return NULL;
}

/* Printable ASCII of s, at most n bytes, for a reason a moderator reads. */
static void
put_safe(char *out, size_t outlen, const char *s, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; s != NULL && s[i] != '\0' && i < n && j + 1 < outlen; i++)
		out[j++] = s[i] > ' ' && s[i] < 127 ? s[i] : '?';
	if (outlen > 0)
		out[j] = '\0';
}

void
gm_flaws_describe(const struct gm_flaws *f, GMimeMessage *msg, char *out,
    size_t outlen)
{
	GMimeObject *empty = msg != NULL ?
	    empty_multipart(gm.message_get_mime_part(msg), 0) : NULL;
	char what[40], boundary[72];

#define SEEN(code) ((f->seen & (1u << (code))) != 0)
	if (SEEN(GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY)) {
		put_safe(what, sizeof(what), f->subtype, 30);
		snprintf(out, outlen, "multipart/%s without a boundary parameter",
		    what[0] ? what : "?");
	} else if (empty != NULL) {
		GMimeContentType *ct = gm.object_get_content_type(empty);
		char *type = ct != NULL ? gm.content_type_get_mime_type(ct) : NULL;

		put_safe(what, sizeof(what), type, 38);
		put_safe(boundary, sizeof(boundary),
		    gm.object_get_content_type_parameter(empty, "boundary"), 70);
		snprintf(out, outlen, "%s whose body never uses its boundary "
		    "\"%s\"", what, boundary);
		if (type != NULL)
			gm.free(type);
	} else if (SEEN(GMIME_WARN_TRUNCATED_MESSAGE) ||
	    SEEN(GMIME_WARN_MALFORMED_MULTIPART)) {
		snprintf(out, outlen, "truncated: a multipart without its closing "
		    "boundary");
	} else if (SEEN(GMIME_CRIT_NESTING_OVERFLOW)) {
		snprintf(out, outlen, "MIME parts nested too deep");
	} else if (SEEN(GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT)) {
		snprintf(out, outlen, "a MIME part with neither headers nor content");
	} else if (outlen > 0) {
		out[0] = '\0';
	}
#undef SEEN
}
