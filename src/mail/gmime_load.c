/* SPDX-License-Identifier: MIT */
/* GMime 3 through dlopen, once per process (see mail/gmime_load.h). */
#include "mail/gmime_load.h"

#include <pthread.h>
#include <string.h>

#include "util/dynlib.h"

struct gmime_api gm;

static pthread_once_t gm_once = PTHREAD_ONCE_INIT;
static struct tld_error gm_err;

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
