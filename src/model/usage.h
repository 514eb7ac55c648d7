/* SPDX-License-Identifier: MIT */
/*
 * What a usage count is about (docs/books.md): the channel a use came in
 * by and its kind, with one name table each (the names are stored).
 */
#ifndef TLD_MODEL_USAGE_H
#define TLD_MODEL_USAGE_H

enum usage_channel { USAGE_CLI, USAGE_WEB, USAGE_API };
#define USAGE_CHANNELS 3
extern const char *const usage_channel_names[USAGE_CHANNELS];

enum usage_kind { USAGE_LOOKUP, USAGE_SEARCH, USAGE_DOWNLOAD };
#define USAGE_KINDS 3
extern const char *const usage_kind_names[USAGE_KINDS];

/* The enum of a stored name, or -1. */
int usage_channel_from(const char *s);
int usage_kind_from(const char *s);

#endif
