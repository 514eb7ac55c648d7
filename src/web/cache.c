/* SPDX-License-Identifier: MIT */
/*
 * A micro-cache of whole answers that are the same for everyone allowed to
 * see them (the public home, the emergency lookup of a ccTLD), kept for
 * at most WEB_CACHE_SECONDS.  Any POST through this server empties it at
 * once (a generation counter), so a change made here is seen by the next
 * request; a change made elsewhere (the CLI, another node) within the TTL.
 * The role check still runs on every request: only the body is reused.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/xalloc.h"
#include "web/cache.h"

#define CACHE_SLOTS 1024
#define CACHE_KEY_MAX 96

struct slot {
	char key[CACHE_KEY_MAX];
	int64_t at;
	uint64_t gen;
	const char *content_type;
	char *body;
	size_t len;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[CACHE_SLOTS];
static _Atomic uint64_t generation = 1;

static struct slot *
slot_for(const char *key)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return &slots[h % CACHE_SLOTS];
}

static bool
make_key(char out[CACHE_KEY_MAX], const struct web_req *rq)
{
	int n = snprintf(out, CACHE_KEY_MAX, "%d|%s", rq->route_index,
	    rq->params[0]);

	return n > 0 && n < CACHE_KEY_MAX;
}

bool
web_cache_get(const struct web_req *rq, struct web_resp *rs)
{
	char key[CACHE_KEY_MAX];
	struct slot *s;
	bool hit = false;
	int64_t now = clock_now();

	if (!make_key(key, rq))
		return false;
	s = slot_for(key);
	pthread_mutex_lock(&lock);
	if (s->body != NULL && strcmp(s->key, key) == 0 &&
	    s->gen == atomic_load(&generation) && now >= s->at &&
	    now - s->at < WEB_CACHE_SECONDS) {
		buf_reset(&rs->body);
		buf_append(&rs->body, s->body, s->len);
		rs->content_type = s->content_type;
		rs->status = 200;
		hit = true;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void
web_cache_put(const struct web_req *rq, const struct web_resp *rs)
{
	char key[CACHE_KEY_MAX];
	struct slot *s;

	if (rs->status != 200 || rs->ncookies != 0 || !make_key(key, rq))
		return;
	s = slot_for(key);
	pthread_mutex_lock(&lock);
	free(s->body);
	memcpy(s->key, key, sizeof(key));
	s->body = xmalloc(rs->body.len + 1);
	memcpy(s->body, rs->body.data != NULL ? rs->body.data : "", rs->body.len);
	s->len = rs->body.len;
	s->content_type = rs->content_type;
	s->at = clock_now();
	s->gen = rq->cache_gen; /* from before the answer was built: a racing POST wins */
	pthread_mutex_unlock(&lock);
}

uint64_t
web_cache_generation(void)
{
	return atomic_load(&generation);
}

void
web_cache_bump(void)
{
	atomic_fetch_add(&generation, 1);
}

void
web_cache_fini(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(slots[i].body);
		slots[i].body = NULL;
	}
	pthread_mutex_unlock(&lock);
}
