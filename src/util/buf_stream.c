/* SPDX-License-Identifier: MIT */
#include "util/buf_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int
buf_from_stream(struct buf *out, buf_stream_writer write, void *arg,
    struct tld_error *err)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((f = open_memstream(&mem, &len)) == NULL)
		return tld_error_set(err, TLD_EIO, "output", "%s", strerror(errno));
	rc = write(f, arg, err);
	if (fclose(f) != 0 && rc >= 0)
		rc = tld_error_set(err, TLD_EIO, "output", "%s", strerror(errno));
	if (rc >= 0)
		buf_append(out, mem, len);
	free(mem);
	return rc;
}
