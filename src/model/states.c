/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "model/states.h"

int
states_find(const char *const *names, size_t n, const char *s)
{
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

const char *const request_kind_names[REQUEST_KINDS] = { "join", "update", "leave" };
const char *const request_state_names[REQUEST_STATES] = {
	"pending-authorisation", "authorised", "approved", "rejected",
	"expired", "withdrawn",
};

int
request_state_from(const char *s)
{
	return states_find(request_state_names, REQUEST_STATES, s);
}

const char *const delivery_state_names[DELIVERY_STATES] = {
	"queued", "sending", "sent", "failed",
};

int
delivery_state_from(const char *s)
{
	return states_find(delivery_state_names, DELIVERY_STATES, s);
}

const char *const objective_state_names[OBJECTIVE_STATES] = {
	"open", "met", "missed",
};

int
objective_state_from(const char *s)
{
	return states_find(objective_state_names, OBJECTIVE_STATES, s);
}

const char *const outreach_state_names[OUTREACH_STATES] = {
	"none", "contacted", "interested", "declined", "joined",
};

int
outreach_state_from(const char *s)
{
	return states_find(outreach_state_names, OUTREACH_STATES, s);
}

const char *const list_post_state_names[LIST_POST_STATES] = {
	"held", "distributed", "rejected", "expired", "dropped", "forwarded",
	"answered",
};

int
list_post_state_from(const char *s)
{
	return states_find(list_post_state_names, LIST_POST_STATES, s);
}

const char *const freshness_state_names[FRESHNESS_STATES] = {
	"confirmed", "asked", "stale",
};

int
freshness_state_from(const char *s)
{
	return states_find(freshness_state_names, FRESHNESS_STATES, s);
}

const char *const key_state_names[KEY_STATES] = {
	"expired", "revoked", "expiring",
};

int
key_state_from(const char *s)
{
	return states_find(key_state_names, KEY_STATES, s);
}
