/* SPDX-License-Identifier: MIT */
/*
 * Parser for IANA root-zone-database records in the whois.iana.org text
 * format: "key: value" lines, "%" comments, blank lines between blocks.  Per
 * TLD: domain:, organisation:, address: (repeated), a "contact:
 * administrative" block and a "contact: technical" block (name:,
 * organisation:, address:, phone:, fax-no:, e-mail:), nserver:, ..., source:.
 * Keys can be empty or absent.  No I/O.
 */
#ifndef TLD_MODEL_WHOIS_H
#define TLD_MODEL_WHOIS_H

#include <stddef.h>

#include "util/error.h"

#define WHOIS_MAX_INPUT (16u * 1024 * 1024)
#define WHOIS_MAX_VALUE 1024
#define WHOIS_MAX_RECORDS 10000

struct whois_contact {
	char *name;         /* each field: owned, "" when absent, never NULL */
	char *organisation;
	char *address;      /* repeated address: lines joined with '\n' */
	char *phone;
	char *fax;
	char *email;
};

struct whois_record {
	size_t line;        /* 1-based line of its domain: key */
	char *domain;       /* as written, e.g. "NL" or "XN--P1AI" */
	char *organisation; /* the TLD manager */
	struct whois_contact admin;
	struct whois_contact tech;
	char *created;
	char *changed;
};

/*
 * Parse every record in p[0..len): a record starts at each "domain:" line
 * and ends before the next.  Unknown keys are ignored; a line that is not
 * "key: value", a value over WHOIS_MAX_VALUE bytes, invalid UTF-8 or control
 * characters in a value, more than WHOIS_MAX_RECORDS records, input over
 * WHOIS_MAX_INPUT bytes, or no record at all are errors naming the line.
 * On success *out owns *count records (free with whois_records_free()).
 */
int whois_parse(const char *p, size_t len, struct whois_record **out,
    size_t *count, struct tld_error *err);

void whois_records_free(struct whois_record *records, size_t count);

#endif
