/* SPDX-License-Identifier: MIT */
#include "util/json_buf.h"

#include <stdlib.h>

#include "util/xalloc.h"

static int
to_buf(const char *data, size_t len, void *b)
{
	buf_append(b, data, len);
	return 0;
}

int
json_buf_append(struct buf *b, const json_t *o, size_t flags)
{
	size_t mark = b->len;

	if (o == NULL || json_dump_callback(o, to_buf, b, flags) != 0) {
		buf_truncate(b, mark);
		return -1;
	}
	return 0;
}

const char *
json_text(const json_t *o, size_t flags, char *space, size_t size,
    char **heap)
{
	size_t n;

	*heap = NULL;
	/* 0 is an error: no JSON text is empty. */
	if (o == NULL || (n = json_dumpb(o, space, size, flags)) == 0)
		return NULL;
	if (n < size) {
		space[n] = '\0';
		return space;
	}
	*heap = xmalloc(n + 1);
	if (json_dumpb(o, *heap, n + 1, flags) != n) {
		free(*heap);
		*heap = NULL;
		return NULL;
	}
	(*heap)[n] = '\0';
	return *heap;
}
