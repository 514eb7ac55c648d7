/* SPDX-License-Identifier: MIT */
/* UTF-8 validation without locale dependence. */
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1; cp = c & 0x1f; min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2; cp = c & 0x0f; min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return false;
		}
		if (len - i - 1 < n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

bool
utf8_has_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return true;
		/* C1 controls are U+0080..U+009F, encoded C2 80..C2 9F. */
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			return true;
	}
	return false;
}

/* Length of the well-formed sequence at p[i] (1..4), 0 when it is not one. */
static size_t
utf8_seq(const unsigned char *p, size_t i, size_t len)
{
	unsigned char c = p[i];
	size_t n;
	uint32_t cp, min;

	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0) {
		n = 1; cp = c & 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2; cp = c & 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3; cp = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len - i - 1 < n)
		return 0;
	for (size_t k = 1; k <= n; k++) {
		if ((p[i + k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i + k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n + 1;
}

char *
utf8_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	size_t i = 0;

	buf_init(&b);
	while (i < len) {
		size_t n = utf8_seq(p, i, len);

		if (n == 0) {
			buf_puts(&b, "\xef\xbf\xbd"); /* U+FFFD */
			i++;
		} else {
			if (!(n == 1 && p[i] == 0))
				buf_append(&b, s + i, n);
			i += n;
		}
	}
	return buf_steal(&b);
}

char *
utf8_blank_controls(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;

	while (*r != '\0') {
		if (*r < 0x20 || *r == 0x7f) {
			*w++ = ' ';
			r++;
		} else if (r[0] == 0xc2 && r[1] >= 0x80 && r[1] <= 0x9f) {
			*w++ = ' ';
			r += 2;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

/* Appends piece[0..n) at dst[*w..) unless it would leave no room for "...". */
static bool
show_put(char *dst, size_t dstlen, size_t *w, const char *piece, size_t n)
{
	if (*w + n + 4 > dstlen)
		return false;
	memcpy(dst + *w, piece, n);
	*w += n;
	return true;
}

void
utf8_show(char *dst, size_t dstlen, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0;
	char esc[8];

	if (dstlen < 4) {
		if (dstlen > 0)
			dst[0] = '\0';
		return;
	}
	while (i < len) {
		size_t n = utf8_seq(p, i, len);
		const char *piece = s + i;
		size_t plen = n;

		if (n == 0) {
			snprintf(esc, sizeof(esc), "\\x%02X", p[i]);
			piece = esc, plen = 4, n = 1;
		} else if (n == 1 && (p[i] < 0x20 || p[i] == 0x7f || p[i] == '"' ||
		    p[i] == '\\')) {
			piece = esc, plen = 2;
			esc[0] = '\\';
			switch (p[i]) {
			case '\n': esc[1] = 'n'; break;
			case '\r': esc[1] = 'r'; break;
			case '\t': esc[1] = 't'; break;
			case '"': esc[1] = '"'; break;
			case '\\': esc[1] = '\\'; break;
			default:
				snprintf(esc, sizeof(esc), "\\x%02X", p[i]);
				plen = 4;
			}
		} else if (n == 2 && p[i] == 0xc2 && p[i + 1] <= 0x9f) {
			snprintf(esc, sizeof(esc), "\\u%04X", p[i + 1]);
			piece = esc, plen = 6;
		}
		if (!show_put(dst, dstlen, &w, piece, plen)) {
			memcpy(dst + w, "...", 3);
			w += 3;
			break;
		}
		i += n;
	}
	dst[w] = '\0';
}
