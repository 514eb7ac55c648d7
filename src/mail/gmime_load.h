/* SPDX-License-Identifier: MIT */
/*
 * GMime 3, loaded on first use (util/dynlib.h), for src/mail/ only.
 * libgmime-3.0 pulls in GLib, GIO, GPGME, libmount and more: linking it
 * would make every process (`tldops lookup` too) pay for loading them, so
 * the commands that parse mail load it then, once.
 *
 * The GObject type macros (GMIME_IS_MULTIPART, ...) call GMime and GObject
 * directly, so code here never uses them: it calls gm_is() with the type
 * getters in this table instead, and plain C casts.
 */
#ifndef TLD_MAIL_GMIME_LOAD_H
#define TLD_MAIL_GMIME_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>

#include "util/error.h"

struct gmime_api {
	__typeof__(g_mime_init) *init;
	__typeof__(g_object_unref) *object_unref;
	__typeof__(g_free) *free;
	__typeof__(g_type_check_instance_is_a) *type_is_a;
	__typeof__(g_date_time_to_unix) *date_time_to_unix;
	__typeof__(g_byte_array_free) *byte_array_free;
	__typeof__(g_mime_message_get_type) *message_type;
	__typeof__(g_mime_multipart_get_type) *multipart_type;
	__typeof__(g_mime_message_part_get_type) *message_part_type;
	__typeof__(g_mime_part_get_type) *part_type;
	__typeof__(g_mime_text_part_get_type) *text_part_type;
	__typeof__(internet_address_mailbox_get_type) *mailbox_type;
	__typeof__(g_mime_stream_mem_new) *stream_mem_new;
	__typeof__(g_mime_stream_mem_new_with_buffer) *stream_mem_new_with_buffer;
	__typeof__(g_mime_stream_mem_get_byte_array) *stream_mem_get_byte_array;
	__typeof__(g_mime_parser_new_with_stream) *parser_new_with_stream;
	__typeof__(g_mime_parser_set_format) *parser_set_format;
	__typeof__(g_mime_parser_construct_message) *parser_construct_message;
	__typeof__(g_mime_parser_construct_part) *parser_construct_part;
	__typeof__(g_mime_parser_eos) *parser_eos;
	__typeof__(g_mime_parser_get_mbox_marker_offset) *parser_mbox_marker_offset;
	__typeof__(g_mime_parser_get_headers_begin) *parser_headers_begin;
	__typeof__(g_mime_parser_options_get_default) *parser_options_get_default;
	__typeof__(g_mime_parser_options_set_warning_callback) *parser_options_set_warning_callback;
	__typeof__(g_mime_message_get_from) *message_get_from;
	__typeof__(g_mime_message_get_subject) *message_get_subject;
	__typeof__(g_mime_message_get_date) *message_get_date;
	__typeof__(g_mime_message_get_message_id) *message_get_message_id;
	__typeof__(g_mime_message_get_mime_part) *message_get_mime_part;
	__typeof__(g_mime_object_get_header) *object_get_header;
	__typeof__(g_mime_object_get_header_list) *object_get_header_list;
	__typeof__(g_mime_object_get_content_type) *object_get_content_type;
	__typeof__(g_mime_object_get_content_type_parameter) *object_get_content_type_parameter;
	__typeof__(g_mime_object_get_disposition) *object_get_disposition;
	__typeof__(g_mime_header_list_get_count) *header_list_get_count;
	__typeof__(g_mime_header_list_get_header_at) *header_list_get_header_at;
	__typeof__(g_mime_header_get_name) *header_get_name;
	__typeof__(g_mime_header_get_value) *header_get_value;
	__typeof__(g_mime_content_type_get_mime_type) *content_type_get_mime_type;
	__typeof__(g_mime_content_type_is_type) *content_type_is_type;
	__typeof__(g_mime_references_parse) *references_parse;
	__typeof__(g_mime_references_length) *references_length;
	__typeof__(g_mime_references_get_message_id) *references_get_message_id;
	__typeof__(g_mime_references_free) *references_free;
	__typeof__(g_mime_multipart_get_count) *multipart_get_count;
	__typeof__(g_mime_multipart_get_part) *multipart_get_part;
	__typeof__(g_mime_message_part_get_message) *message_part_get_message;
	__typeof__(g_mime_part_get_filename) *part_get_filename;
	__typeof__(g_mime_part_get_content) *part_get_content;
	__typeof__(g_mime_data_wrapper_write_to_stream) *data_wrapper_write_to_stream;
	__typeof__(g_mime_text_part_get_text) *text_part_get_text;
	__typeof__(internet_address_list_length) *address_list_length;
	__typeof__(internet_address_list_get_address) *address_list_get_address;
	__typeof__(internet_address_get_name) *address_get_name;
	__typeof__(internet_address_mailbox_get_addr) *mailbox_get_addr;
	/* Writing: the list's copy of a post (mail/list_copy.c). */
	__typeof__(g_object_ref) *object_ref;
	__typeof__(g_mime_message_get_reply_to) *message_get_reply_to;
	__typeof__(g_mime_message_get_cc) *message_get_cc;
	__typeof__(g_mime_message_set_subject) *message_set_subject;
	__typeof__(g_mime_message_set_mime_part) *message_set_mime_part;
	__typeof__(g_mime_object_set_header) *object_set_header;
	__typeof__(g_mime_object_prepend_header) *object_prepend_header;
	__typeof__(g_mime_object_remove_header) *object_remove_header;
	__typeof__(g_mime_object_set_disposition) *object_set_disposition;
	__typeof__(g_mime_object_encode) *object_encode;
	__typeof__(g_mime_object_to_string) *object_to_string;
	__typeof__(g_mime_multipart_new_with_subtype) *multipart_new_with_subtype;
	__typeof__(g_mime_multipart_add) *multipart_add;
	__typeof__(g_mime_text_part_new_with_subtype) *text_part_new_with_subtype;
	__typeof__(g_mime_text_part_set_text) *text_part_set_text;
	__typeof__(g_mime_format_options_new) *format_options_new;
	__typeof__(g_mime_format_options_free) *format_options_free;
	__typeof__(g_mime_format_options_set_newline_format) *format_options_set_newline_format;
	__typeof__(internet_address_list_add) *address_list_add;
	__typeof__(internet_address_list_clear) *address_list_clear;
	__typeof__(internet_address_mailbox_new) *mailbox_new;
	__typeof__(g_unichar_isalnum) *unichar_isalnum;
	__typeof__(g_unichar_ismark) *unichar_ismark;
	__typeof__(g_unichar_tolower) *unichar_tolower;
};

extern struct gmime_api gm;

/*
 * Load GMime and initialise it (once per process, thread-safe).  Returns 0,
 * or TLD_EIO with err naming "mime" when the library is missing.
 */
int gm_load(struct tld_error *err);

/*
 * What GMime's parser warned about the structure of one message (its
 * GMIME_WARN_* / GMIME_CRIT_* callback): a multipart without a boundary
 * parameter, one whose closing boundary never came, nesting too deep.
 * GMime reads such a message as far as it goes and writes it out again
 * repaired or broken (a multipart without boundary as "--(null)"), so the
 * list holds it for the committee instead of passing it on.
 */
struct gm_flaws {
	unsigned seen;      /* 1u << GMimeParserWarning, for the codes kept */
	char subtype[32];   /* "mixed" of the first multipart without boundary */
};

/*
 * Parser options that collect f's warnings (f zeroed first) for the
 * parses this thread runs until gm_parser_options_done().
 */
GMimeParserOptions *gm_parser_options(struct gm_flaws *f);
void gm_parser_options_done(void);

/*
 * The first structural flaw of msg as parsed with f's options, in words
 * ("multipart/mixed without a boundary parameter"), into out; "" when
 * there is none.
 */
void gm_flaws_describe(const struct gm_flaws *f, GMimeMessage *msg,
    char *out, size_t outlen);

/* Whether obj is an instance of the type gettype() names (NULL: false). */
bool gm_is(const void *obj, GType (*gettype)(void));

#endif
