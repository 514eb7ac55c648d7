/* SPDX-License-Identifier: MIT */
#include "util/clock.h"
#include "util/json_util.h"

const char *
json_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

long long
json_num(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

json_t *
json_time(int64_t t)
{
	char iso[32];

	if (t == 0)
		return json_null();
	clock_format_iso(t, iso, sizeof(iso));
	return json_string(iso);
}
