/* SPDX-License-Identifier: MIT */
#include "web/ratelimit.h"

#include <pthread.h>
#include <string.h>
#include <sodium.h>

#include "util/random.h"

/*
 * A fixed table of counters indexed by a keyed hash (SipHash) of the
 * address: bounded memory whatever the number of clients, and a client
 * cannot choose addresses that collide with someone else's slot without
 * the key.  Two addresses sharing a slot reset each other's count, which
 * can only let a request through, never refuse an innocent one for long.
 */
#define SLOTS 4096

struct slot {
	uint64_t key;
	int64_t window;
	uint32_t count;
};
static struct slot link_slots[SLOTS], join_slots[SLOTS];
static unsigned char hash_key[crypto_shorthash_KEYBYTES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void
web_link_limit_init(void)
{
	pthread_mutex_lock(&lock);
	random_bytes(hash_key, sizeof(hash_key));
	memset(link_slots, 0, sizeof(link_slots));
	memset(join_slots, 0, sizeof(join_slots));
	pthread_mutex_unlock(&lock);
}

static bool
limit_take(struct slot *slots, uint32_t max, int64_t window_seconds,
    const char *client, int64_t now)
{
	unsigned char h[crypto_shorthash_BYTES];
	uint64_t key;
	int64_t window = now / window_seconds;
	struct slot *s;
	bool ok;

	crypto_shorthash(h, (const unsigned char *)client, strlen(client), hash_key);
	memcpy(&key, h, sizeof(key));
	pthread_mutex_lock(&lock);
	s = &slots[key % SLOTS];
	if (s->key != key || s->window != window) {
		s->key = key;
		s->window = window;
		s->count = 0;
	}
	ok = s->count < max;
	if (ok)
		s->count++;
	pthread_mutex_unlock(&lock);
	return ok;
}

bool
web_link_limit_take(const char *client, int64_t now)
{
	return limit_take(link_slots, WEB_LINK_MAX, WEB_LINK_WINDOW, client, now);
}

bool
web_join_limit_take(const char *client, int64_t now)
{
	return limit_take(join_slots, WEB_JOIN_MAX, WEB_JOIN_WINDOW, client, now);
}
