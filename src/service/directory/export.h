/* SPDX-License-Identifier: MIT */
/*
 * Exports of the active contacts from the single source of truth: CSV (the
 * import format, re-importable), JSON (an array of contact objects), vCard
 * 4.0 (RFC 6350) and a Mailman roster ("Full Name <address>" lines).
 */
#ifndef TLD_SERVICE_EXPORT_H
#define TLD_SERVICE_EXPORT_H

#include <stdio.h>

#include "service/context.h"
#include "util/buf.h"
#include "util/progress.h"

/*
 * Contacts: csv, json, vcard, mailman.  Member ccTLDs, for the external
 * lists reconcile checks: website (one ".code" a line, IDNs as U-label) and
 * spreadsheet (the stats spreadsheet, one row per ccTLD).
 */
enum export_format {
	EXPORT_CSV, EXPORT_JSON, EXPORT_VCARD, EXPORT_MAILMAN, EXPORT_WEBSITE,
	EXPORT_SPREADSHEET,
};

/* "csv", "json", ... -> format; TLD_EINVAL naming "format". */
int export_format_parse(const char *name, enum export_format *out,
    struct tld_error *err);

/*
 * The export renderer: write the file of format fmt to out; returns the
 * number of contacts (or ccTLDs) written.  p (NULL: nobody) is told each
 * contact written, of the active contacts (util/progress.h).
 */
int export_render(struct tld_ctx *ctx, enum export_format fmt, FILE *out,
    const struct progress *p, struct tld_error *err);

/* export_render() appended to out (a download); out is unchanged on failure. */
int export_render_buf(struct tld_ctx *ctx, enum export_format fmt,
    struct buf *out, struct tld_error *err);

/* The file name and media type of a download in fmt ("contacts.csv", "text/csv"). */
const char *export_filename(enum export_format fmt);
const char *export_media_type(enum export_format fmt);

#endif
