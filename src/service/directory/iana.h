/* SPDX-License-Identifier: MIT */
/*
 * IANA records: importing whois.iana.org answers and keeping each ccTLD's
 * administrative and technical contact — the people who authorise who
 * speaks for the ccTLD.
 */
#ifndef TLD_SERVICE_IANA_H
#define TLD_SERVICE_IANA_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

#include "service/context.h"

/*
 * Import every record in data[0..len), all or nothing.  On success report
 * gets one line per change since the stored record ("nl: admin e-mail: a ->
 * b"); on failure it is left empty, since nothing changed.  Returns the
 * number of records.
 */
int iana_import(struct tld_ctx *ctx, const char *data, size_t len,
    struct buf *report, struct tld_error *err);

/*
 * Ask [iana] whois_server (whois.iana.org:43 by default) for each ccTLD's
 * record, within [iana] whois_timeout_seconds and 64 KiB per answer, and
 * import the answers together as iana_import() does.
 */
int iana_fetch(struct tld_ctx *ctx, const char *const *codes, size_t ncodes,
    struct buf *report, struct tld_error *err);

#endif
