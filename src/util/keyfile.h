/* SPDX-License-Identifier: MIT */
/*
 * A 32-byte symmetric key kept in a file of its own, outside the database,
 * so that a copy of the database alone cannot read what it seals.
 */
#ifndef TLD_UTIL_KEYFILE_H
#define TLD_UTIL_KEYFILE_H

#include <stdbool.h>

#include "util/error.h"

#define KEYFILE_BYTES 32

/*
 * Read the key at path into key.  With create, a missing file is made
 * first: 32 random bytes, mode 0600, O_EXCL|O_NOFOLLOW (never through a
 * symlink; two processes racing both read the winner's key).  Refused,
 * naming "queue_key_file": a symlink, anything but a regular file, a file
 * readable by group or others, or a size other than 32 bytes.
 */
int keyfile_load(const char *path, bool create, unsigned char key[KEYFILE_BYTES],
    struct tld_error *err);

#endif
