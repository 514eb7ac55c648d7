/* SPDX-License-Identifier: MIT */
/*
 * Writing JSON text straight into a buffer, for hot paths where building a
 * jansson tree only to dump it costs more than the rest of the work (the
 * audit row of each contact of a 100k-line import).  The output is the
 * same bytes jansson's json_dumps(..., JSON_COMPACT) writes for the same
 * values: no spaces, '"' and '\\' escaped, control characters as \b \f \n
 * \r \t or \u00XX (upper-case hex), everything else (UTF-8, '/') as is.
 */
#ifndef TLD_UTIL_JSONW_H
#define TLD_UTIL_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/*
 * Append p[0..len) as a JSON string with its quotes.  p must be valid
 * UTF-8 (the callers' values are validated on input); it is not checked.
 */
void jsonw_string(struct buf *out, const char *p, size_t len);

/* Append an integer as jansson writes it (decimal, "-" when negative). */
void jsonw_int(struct buf *out, int64_t v);

#endif
