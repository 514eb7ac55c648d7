/* SPDX-License-Identifier: MIT */
/*
 * Loading a shared library when it is first needed.  libcurl, libpq,
 * libmicrohttpd and GPGME each pull in dozens of libraries (TLS, Kerberos,
 * LDAP, ...); linking them would make every process pay ~5 ms of dynamic
 * loading, and `tldops lookup` must answer in about the time the bare
 * sqlite3 CLI takes.  So the commands that send mail, talk to PostgreSQL,
 * serve HTTP or sign load those libraries then, once, through this.
 */
#ifndef TLD_UTIL_DYNLIB_H
#define TLD_UTIL_DYNLIB_H

#include <stddef.h>

#include "util/error.h"

struct dynlib_symbol {
	const char *name;
	void **slot; /* where dlsym's answer goes */
};

/*
 * dlopen the first of sonames (a NULL-terminated list, e.g. "libcurl.so.4")
 * that loads and resolve every symbol into its slot.  Returns 0, or
 * TLD_EIO with err naming `field` (e.g. "mail") and what is missing.
 * Not thread-safe by itself: callers wrap it in pthread_once.
 */
int dynlib_load(const char *const *sonames, const struct dynlib_symbol *syms,
    size_t nsyms, const char *field, struct tld_error *err);

#endif
