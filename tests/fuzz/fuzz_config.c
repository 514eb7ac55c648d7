/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for util/config: config_parse_string() on arbitrary text.
 * On failure the configuration must be exactly as before (all or nothing)
 * and the error must name "config"; on success every value shown by
 * config_show() must parse back to the same configuration.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/config.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg, before, again;
	struct tld_error err;
	struct buf shown;
	char *text;

	if (size > 64 * 1024)
		return 0;
	text = xstrndup((const char *)data, size);
	config_defaults(&cfg);
	before = cfg;
	tld_error_clear(&err);
	if (config_parse_string(&cfg, text, &err) < 0) {
		if (memcmp(&cfg, &before, sizeof(cfg)) != 0 ||
		    strcmp(err.field, "config") != 0)
			abort();
	} else {
		buf_init(&shown);
		config_show(&cfg, &shown);
		config_defaults(&again);
		if (config_parse_string(&again, buf_str(&shown), &err) < 0 ||
		    memcmp(&cfg, &again, sizeof(cfg)) != 0) {
			fprintf(stderr, "fuzz_config: shown config does not parse back\n");
			abort();
		}
		buf_fini(&shown);
	}
	free(text);
	return 0;
}
