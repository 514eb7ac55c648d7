/* SPDX-License-Identifier: MIT */
#include "util/json_buf.h"

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
