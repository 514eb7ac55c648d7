/* SPDX-License-Identifier: MIT */
/*
 * The IANA records (whois) stored per ccTLD for the drift watch.
 * Conventions as in store/store.h.
 */
#ifndef TLD_STORE_IANA_STORE_H
#define TLD_STORE_IANA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cctld.h"
#include "store/store.h"
#include "util/error.h"

struct iana_person {
	char name[256];
	char organisation[256];
	char address[1024];
	char phone[64];
	char fax[64];
	char email[256];
};
struct iana_record {
	char cctld[CCTLD_CODE_MAX + 1];
	char organisation[256];
	char created[32];
	char changed[32];
	int64_t imported;
	struct iana_person admin;
	struct iana_person tech;
};
/* TLD_ENOTFOUND when the ccTLD has no stored IANA record. */
int store_iana_get(struct store *s, const char *code, struct iana_record *out,
    struct tld_error *err);
int store_iana_put(struct store *s, const struct iana_record *r,
    struct tld_error *err);

#endif
