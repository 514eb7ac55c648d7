/* SPDX-License-Identifier: MIT */
/*
 * Reconciliation of the repository with the external rosters that drift
 * (PRODUCT.md §5, docs/books.md): a Mailman roster, the website's member
 * list and the stats spreadsheet.  Every discrepancy comes with the fix to
 * apply.  Read-only: nothing is written to the repository.
 *
 * A discrepancy is a JSON object:
 *   source    "mailman", "website" or "spreadsheet"
 *   kind      "missing_in_source"     the repository has it, the source not
 *             "missing_in_repository" the source has it, the repository not
 *             "differs"               both have it, with different values
 *                                     (display name, member yes/no, contact
 *                                     count, a line listed twice, the count
 *                                     of member ccTLDs)
 *   cctld     A-label, when the discrepancy is about a ccTLD or a contact
 *   affiliation  instead of cctld for a community contact (the IANA root
 *             contact, a liaison: on the list, never a ccTLD's member)
 *   email, address   the address concerned (the same value; Mailman only)
 *   name      the display name concerned (Mailman only)
 *   expected, found  for "differs": the repository's value and the source's
 *   line      the source line concerned, when there is one
 *   detail    what is wrong, in words
 *   fix       what to do, in words, naming the tldops export that
 *             regenerates the source where there is one
 */
#ifndef TLD_SERVICE_RECONCILE_H
#define TLD_SERVICE_RECONCILE_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"

struct reconcile_source {
	const char *path;  /* shown in messages; NULL when not given */
	const char *data;  /* borrowed, need not be NUL-terminated */
	size_t len;
};

struct reconcile_input {
	struct reconcile_source mailman;
	struct reconcile_source website;
	struct reconcile_source spreadsheet;
};

/*
 * Compare every source given with the repository.  Returns the number of
 * discrepancies (0: all clean) with *out a new JSON array of them, in
 * source order (mailman, website, spreadsheet), each source's in a stable
 * order.  When any source has bad lines (syntax, or a ccTLD that is
 * neither a delegated ccTLD nor a country of the reference table), returns
 * TLD_EINVAL with *problems a new JSON array of {source, file, line, field,
 * message} and *out NULL: nothing is compared.  Other failures: a negative
 * code with err filled.
 */
int reconcile_run(struct tld_ctx *ctx, const struct reconcile_input *in,
    json_t **out, json_t **problems, struct tld_error *err);

#endif
