/* SPDX-License-Identifier: MIT */
/*
 * Copying a validated free-text field (a title, an owner, a note) into a
 * fixed buffer, trimmed of surrounding blanks: the rules of
 * text_field_validate() (model/field.h) plus the copy.  No I/O.
 */
#ifndef TLD_MODEL_TEXT_H
#define TLD_MODEL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/*
 * Validate p[0..len) as the text field `field` (valid UTF-8, no control
 * or bidirectional-override characters, at most maxbytes bytes after
 * trimming, empty only when !required) and copy it trimmed into
 * out[outlen] (outlen > maxbytes).  out is written only on success.
 */
int text_copy(const char *field, const char *p, size_t len, size_t maxbytes,
    bool required, char *out, size_t outlen, struct tld_error *err);

#endif
