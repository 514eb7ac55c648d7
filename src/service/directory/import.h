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

#include <stdbool.h>
#include <stddef.h>

#include "service/context.h"
#include "util/progress.h"

#define IMPORT_MAX_PROBLEMS 1000

struct import_problem {
	size_t line;
	char field[32];
	char message[256];
};

struct import_report {
	size_t imported;        /* added + changed (0 after a dry run or a refusal) */
	size_t added;           /* new contacts (would be, after a dry run) */
	size_t changed;         /* update mode: contacts whose fields changed */
	size_t unchanged;       /* update mode: lines the contact already matches */
	size_t nproblems;       /* every problem found */
	size_t nkept;           /* how many are in problems[] (<= IMPORT_MAX_PROBLEMS) */
	struct import_problem *problems; /* owned; import_report_fini() frees */
	/*
	 * Lines stored (or, after a dry run, that would be) with a warning
	 * for a person to read, never a refusal: the approver's role flags
	 * (model/role.h, field "role") for a new contact or a changed role.
	 */
	size_t nwarnings;
	size_t nwarnkept;       /* in warnings[] (<= IMPORT_MAX_PROBLEMS) */
	struct import_problem *warnings; /* owned */
};

/*
 * Import data[0..len).  Returns the number imported, or TLD_EINVAL when any
 * line was bad (see rep->problems; nothing stored), or another negative code
 * with err filled.
 */
int import_contacts_csv(struct tld_ctx *ctx, const char *data, size_t len,
    struct import_report *rep, struct tld_error *err);

struct import_options {
	/* Check everything and count what would change, then store nothing. */
	bool dry_run;
	/*
	 * Match each line on its address: a line for an active contact
	 * updates the fields that differ (its ccTLD must be the contact's);
	 * the others are added.  Without it an address in use is refused.
	 */
	bool update;
	/* Told each line read, of the file's lines (util/progress.h). */
	struct progress progress;
};

/*
 * import_contacts_csv() with options: the same rules and all-or-nothing,
 * and rep->added, changed and unchanged filled whether or not it stored
 * (a dry run returns TLD_EINVAL just the same when a line is bad).  A
 * header whose columns are separated by semicolons is refused with a hint.
 */
int import_contacts(struct tld_ctx *ctx, const char *data, size_t len,
    const struct import_options *opt, struct import_report *rep,
    struct tld_error *err);

void import_report_fini(struct import_report *rep);

#endif
