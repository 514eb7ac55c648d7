/* SPDX-License-Identifier: MIT */
/*
 * The one way tldops writes a file a user named (`--output FILE`, `backup
 * FILE`, the offline copy, `archive export`, ...).  What the target is
 * decides how:
 *
 *   "-" or "/dev/stdout"      written to standard output
 *   a character device, FIFO  written in place, never replaced or truncated
 *   a regular file, or none   a temporary in the same folder (random name,
 *                             O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600) renamed
 *                             over it on outfile_commit(): readers see the
 *                             old file or the whole new one, never half
 *   anything else             refused, naming the path: a symbolic link (not
 *                             followed), a directory, a socket, a block device
 *
 * Use:
 *
 *   struct outfile o;
 *   if (outfile_open(&o, path, "output", 0, err) < 0) return err->code;
 *   ... write to o.f (a FILE *) ...
 *   if (failed) { outfile_abort(&o); return ...; }
 *   return outfile_commit(&o, err);    (closes o.f; the rename happens here)
 *
 * or, for bytes in memory, outfile_write(path, "output", 0, data, len, err).
 * A writer of two files that belong together (FILE and FILE.asc) passes
 * OUTFILE_FILE_ONLY, so that neither goes to a device or standard output.
 * A writer that needs a file name rather than a stream (SQLite's backup)
 * opens with OUTFILE_PATH_ONLY and writes to o.tmp.
 */
#ifndef TLD_UTIL_OUTFILE_H
#define TLD_UTIL_OUTFILE_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

enum outfile_kind {
	OUTFILE_STDOUT,         /* "-" or /dev/stdout */
	OUTFILE_STREAM,         /* a character device or FIFO, written in place */
	OUTFILE_REPLACE,        /* a temporary renamed over the target */
};

/* Flags of outfile_open() and outfile_write(). */
#define OUTFILE_FILE_ONLY 1     /* a regular file or none: no stdout, no device */
#define OUTFILE_PATH_ONLY 3     /* FILE_ONLY, and o.f is NULL: write to o.tmp */

struct outfile {
	enum outfile_kind kind;
	FILE *f;                /* where to write; NULL with OUTFILE_PATH_ONLY */
	char path[PATH_MAX];    /* the target as given */
	char tmp[PATH_MAX];     /* the temporary (OUTFILE_REPLACE), else "" */
	char field[32];         /* named in errors: "output", "file" */
};

/*
 * Open path for writing as the table above says.  field names the option in
 * errors (TLD_EINVAL for a refused target, TLD_EIO for a failed open, both
 * naming path).  On failure nothing is left behind and o is cleared.
 */
int outfile_open(struct outfile *o, const char *path, const char *field,
    int flags, struct tld_error *err);

/*
 * Finish: flush and sync what was written, close the stream, and rename the
 * temporary over the target (refused if the target became something other
 * than a regular file meanwhile).  On failure the temporary is removed and
 * the target is as it was.  o is done with either way.
 */
int outfile_commit(struct outfile *o, struct tld_error *err);

/* Give up: close the stream, remove the temporary; the target is untouched. */
void outfile_abort(struct outfile *o);

/* Open, write data[0..len) and commit in one call. */
int outfile_write(const char *path, const char *field, int flags,
    const void *data, size_t len, struct tld_error *err);

#endif
