/* SPDX-License-Identifier: MIT */
/*
 * The small jansson helpers every module that builds or reads a JSON
 * record needs; one copy each here instead of one per module.
 */
#ifndef TLD_UTIL_JSON_UTIL_H
#define TLD_UTIL_JSON_UTIL_H

#include <stdint.h>
#include <jansson.h>

/* The string member key of o, or "" when absent or not a string (borrowed). */
const char *json_str(const json_t *o, const char *key);

/* The integer member key of o, or 0 when absent or not an integer. */
long long json_num(const json_t *o, const char *key);

/* A time as an ISO 8601 UTC string, or JSON null for 0 (a new reference). */
json_t *json_time(int64_t t);

#endif
