/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer, always NUL-terminated so data can be used as a C
 * string.  buf_init()/buf_fini() on the caller's storage.
 */
#ifndef TLD_UTIL_BUF_H
#define TLD_UTIL_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* owned; NULL until the first append */
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_fini(struct buf *b);
void buf_reset(struct buf *b);
/* Drop what follows the first len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); borrowed from b. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (who frees them) and reset b. */
char *buf_steal(struct buf *b);

#endif
