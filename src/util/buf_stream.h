/* SPDX-License-Identifier: MIT */
/*
 * A writer of streams (the CLI's --output) asked for memory instead (a web
 * download, the offline copy): buf_from_stream() hands write() a memory
 * stream and appends what it wrote to out, only when write() succeeded.
 */
#ifndef TLD_UTIL_BUF_STREAM_H
#define TLD_UTIL_BUF_STREAM_H

#include <stdio.h>

#include "util/buf.h"
#include "util/error.h"

/* write() returns 0 or a negative TLD_E* code and fills err. */
typedef int (*buf_stream_writer)(FILE *f, void *arg, struct tld_error *err);

int buf_from_stream(struct buf *out, buf_stream_writer write, void *arg,
    struct tld_error *err);

#endif
