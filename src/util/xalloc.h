/* SPDX-License-Identifier: MIT */
/*
 * Allocation that aborts on exhaustion (as OpenSMTPD and Redis do): no
 * untested out-of-memory branches.  Limits on every input keep sizes sane.
 * The caller frees every returned pointer with free().
 */
#ifndef TLD_UTIL_XALLOC_H
#define TLD_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Reallocate an array of nmemb elements of size bytes, checking overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy at most len bytes of s and NUL-terminate; s need not be terminated. */
char *xstrndup(const char *s, size_t len);

#endif
