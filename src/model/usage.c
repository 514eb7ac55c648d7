/* SPDX-License-Identifier: MIT */
/* The names of usage counts' channels and kinds (model/usage.h). */
#include "model/states.h"
#include "model/usage.h"

const char *const usage_channel_names[USAGE_CHANNELS] = { "cli", "web", "api" };
const char *const usage_kind_names[USAGE_KINDS] = { "lookup", "search", "download" };

int
usage_channel_from(const char *s)
{
	return states_find(usage_channel_names, USAGE_CHANNELS, s);
}

int
usage_kind_from(const char *s)
{
	return states_find(usage_kind_names, USAGE_KINDS, s);
}
