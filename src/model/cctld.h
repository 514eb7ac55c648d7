/* SPDX-License-Identifier: MIT */
/* A ccTLD of the reference table, with its membership state. */
#ifndef TLD_MODEL_CCTLD_H
#define TLD_MODEL_CCTLD_H

#include <stdbool.h>
#include <stdint.h>

#include "model/cctld_code.h"

#define CCTLD_COUNTRY_MAX 127

struct cctld {
	char code[CCTLD_CODE_MAX + 1];        /* A-label */
	char unicode[4 * CCTLD_CODE_MAX + 1]; /* U-label */
	char country[CCTLD_COUNTRY_MAX + 1];
	char iso3166[3];
	char region[4];                       /* AF AP EU LAC NA */
	char kind[6];                         /* ascii, idn */
	int64_t member_since;                 /* 0 while not a member */
	int64_t left_at;                      /* 0 if it never left */
	int64_t contacts;                     /* active contacts */
};

/* True when s is one of the five ICANN regions (AF, AP, EU, LAC, NA). */
bool region_valid(const char *s);

#endif
