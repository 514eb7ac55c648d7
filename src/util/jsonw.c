/* SPDX-License-Identifier: MIT */
/* JSON text written into a buffer, byte for byte as jansson dumps it. */
#include "util/jsonw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
jsonw_string(struct buf *out, const char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	char *w;

	/* At worst every byte becomes \u00XX; then write in place. */
	buf_reserve(out, 6 * len + 2);
	w = out->data + out->len;
	*w++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch >= 0x20 && ch != '"' && ch != '\\') {
			*w++ = (char)ch;
			continue;
		}
		*w++ = '\\';
		switch (ch) {
		case '"': *w++ = '"'; break;
		case '\\': *w++ = '\\'; break;
		case '\b': *w++ = 'b'; break;
		case '\f': *w++ = 'f'; break;
		case '\n': *w++ = 'n'; break;
		case '\r': *w++ = 'r'; break;
		case '\t': *w++ = 't'; break;
		default:
			memcpy(w, "u00", 3);
			w[3] = hex[ch >> 4];
			w[4] = hex[ch & 0xf];
			w += 5;
			break;
		}
	}
	*w++ = '"';
	*w = '\0';
	out->len = (size_t)(w - out->data);
}

void
jsonw_int(struct buf *out, int64_t v)
{
	char num[24];
	int n = snprintf(num, sizeof(num), "%" PRId64, v);

	buf_append(out, num, (size_t)n);
}
