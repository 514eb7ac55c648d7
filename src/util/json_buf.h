/* SPDX-License-Identifier: MIT */
/*
 * jansson's writer into our growing buffer: json_dumps() makes a string
 * of its own that the caller then copies, which for the audit row of every
 * contact of a large import, or a large API answer, is one allocation and
 * one copy too many.
 */
#ifndef TLD_UTIL_JSON_BUF_H
#define TLD_UTIL_JSON_BUF_H

#include <stddef.h>
#include <jansson.h>

#include "util/buf.h"

/*
 * Append o as JSON text written with the jansson flags; 0, or -1 (and the
 * buffer as it was) when jansson cannot write it.
 */
int json_buf_append(struct buf *b, const json_t *o, size_t flags);

/*
 * o as JSON text written by jansson (json_dumpb()) with the flags, NUL-
 * terminated: in space (size bytes, e.g. the caller's stack) when it fits,
 * else in *heap, which the caller frees (NULL when space was enough) --
 * no allocation per row for the audit rows of a large import.  NULL (and
 * *heap NULL) when jansson cannot write it.
 */
const char *json_text(const json_t *o, size_t flags, char *space, size_t size,
    char **heap);

#endif
