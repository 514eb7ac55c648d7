/* SPDX-License-Identifier: MIT */
/* ccTLD record helpers. */
#include "model/cctld.h"

#include <string.h>

bool
region_valid(const char *s)
{
	static const char *const regions[] = { "AF", "AP", "EU", "LAC", "NA" };

	for (size_t i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (strcmp(s, regions[i]) == 0)
			return true;
	return false;
}
