/* SPDX-License-Identifier: MIT */
/*
 * Bulk import of contacts from CSV (RFC 4180, UTF-8), all or nothing: every
 * bad line is reported with its line number and field, and if there is any,
 * nothing is stored.  Columns are found by the header line:
 * cctld,name,email,phone,organisation,role,languages,pgp_fingerprint
 * (the first four required, the others optional, in any order).
 */
#ifndef TLD_SERVICE_IMPORT_H
#define TLD_SERVICE_IMPORT_H

#include <stddef.h>

#include "service/context.h"

#define IMPORT_MAX_PROBLEMS 1000

struct import_problem {
	size_t line;
	char field[32];
	char message[256];
};

struct import_report {
	size_t imported;
	size_t nproblems;       /* every problem found */
	size_t nkept;           /* how many are in problems[] (<= IMPORT_MAX_PROBLEMS) */
	struct import_problem *problems; /* owned; import_report_fini() frees */
};

/*
 * Import data[0..len).  Returns the number imported, or TLD_EINVAL when any
 * line was bad (see rep->problems; nothing stored), or another negative code
 * with err filled.
 */
int import_contacts_csv(struct tld_ctx *ctx, const char *data, size_t len,
    struct import_report *rep, struct tld_error *err);

void import_report_fini(struct import_report *rep);

#endif
