/* SPDX-License-Identifier: MIT */
/* Per-address connection limits and the header deadline (conn_guard.h). */
#include "web/conn_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/error.h"
#include "util/log.h"
#include "util/xalloc.h"

struct guarded {
	int fd;
	char addr[WEB_ADDR_MAX];
	bool in_request;
	bool shut;
	struct timespec since;          /* CLOCK_MONOTONIC: the deadline's start */
	struct timespec deadline;       /* since + the header timeout */
	struct guarded *prev, *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t watchdog;
	bool running, stop;
	unsigned per_ip, header_timeout;
	char proxies[WEB_MAX_PROXIES][WEB_ADDR_MAX];
	size_t nproxies;
	struct guarded *head;
} g = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

void
conn_guard_format(const struct sockaddr *sa, char *out, size_t outlen)
{
	snprintf(out, outlen, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    out, (socklen_t)outlen);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    out, (socklen_t)outlen);
}

static void
deadline_in(struct guarded *c, unsigned seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &c->since);
	c->deadline = c->since;
	c->deadline.tv_sec += seconds;
}

static bool
exempt(const char *addr)
{
	for (size_t i = 0; i < g.nproxies; i++)
		if (strcmp(addr, g.proxies[i]) == 0)
			return true;
	return false;
}

#define WATCH_PERIOD_MS 250
/*
 * The watchdog woke this much later than it asked to: the process, or the
 * whole machine (a virtual machine paused for a snapshot), did not run.
 * Nobody's headers could be read meanwhile, so that time is nobody's fault.
 */
#define STALL_MS 2000

static int64_t
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (int64_t)(b->tv_sec - a->tv_sec) * 1000 +
	    (b->tv_nsec - a->tv_nsec) / 1000000;
}

static void
postpone(struct timespec *t, int64_t ms)
{
	t->tv_sec += (time_t)(ms / 1000);
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static bool
before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/*
 * Every deadline that was running when nothing ran moves by that time (ms,
 * from began): a client whose next request arrived while the server was
 * stopped has sent it in time, and must not find its connection shut the
 * moment the server runs. A deadline started since then (the other threads
 * may have answered a request before this one woke) lost nothing.
 */
static void
forgive_stall(const struct timespec *began, int64_t ms)
{
	for (struct guarded *c = g.head; c != NULL; c = c->next)
		if (!c->in_request && !c->shut && before(&c->since, began))
			postpone(&c->deadline, ms);
	pthread_mutex_unlock(&g.lock);
	log_info("web", "the server did not run for %.1f s (the machine paused?): "
	    "header deadlines moved by as much", (double)ms / 1000.0);
	pthread_mutex_lock(&g.lock);
}

/* Shut down (not close: libmicrohttpd owns the fd) what is past its deadline. */
static void *
watchdog_main(void *arg)
{
	struct timespec last;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &last);
	pthread_mutex_lock(&g.lock);
	while (!g.stop) {
		struct timespec now, until;
		int64_t late;

		/* last: when the previous round began (a pause in its scan counts). */
		clock_gettime(CLOCK_MONOTONIC, &now);
		late = ms_between(&last, &now) - WATCH_PERIOD_MS;
		if (late > STALL_MS) {
			struct timespec began = last;

			postpone(&began, WATCH_PERIOD_MS);
			forgive_stall(&began, late);
		}
		for (struct guarded *c = g.head; c != NULL; c = c->next) {
			if (c->in_request || c->shut)
				continue;
			if (!before(&now, &c->deadline)) {
				(void)shutdown(c->fd, SHUT_RDWR);
				c->shut = true;
			}
		}
		last = now;
		clock_gettime(CLOCK_REALTIME, &until);
		postpone(&until, WATCH_PERIOD_MS);
		pthread_cond_timedwait(&g.wake, &g.lock, &until);
	}
	pthread_mutex_unlock(&g.lock);
	return NULL;
}

int
conn_guard_init(unsigned per_ip, unsigned header_timeout,
    const char (*proxies)[WEB_ADDR_MAX], size_t nproxies)
{
	pthread_mutex_lock(&g.lock);
	g.per_ip = per_ip;
	g.header_timeout = header_timeout;
	g.nproxies = nproxies < WEB_MAX_PROXIES ? nproxies : WEB_MAX_PROXIES;
	for (size_t i = 0; i < g.nproxies; i++)
		snprintf(g.proxies[i], WEB_ADDR_MAX, "%s", proxies[i]);
	g.stop = false;
	pthread_mutex_unlock(&g.lock);
	if (pthread_create(&g.watchdog, NULL, watchdog_main, NULL) != 0)
		return TLD_EIO;
	g.running = true;
	return 0;
}

void
conn_guard_fini(void)
{
	if (!g.running)
		return;
	pthread_mutex_lock(&g.lock);
	g.stop = true;
	pthread_cond_broadcast(&g.wake);
	pthread_mutex_unlock(&g.lock);
	pthread_join(g.watchdog, NULL);
	g.running = false;
	/* libmicrohttpd has closed every connection by now. */
	while (g.head != NULL) {
		struct guarded *c = g.head;

		g.head = c->next;
		free(c);
	}
}

bool
conn_guard_accept(const struct sockaddr *addr)
{
	char a[WEB_ADDR_MAX];
	unsigned n = 0;
	bool ok = true;

	if (g.per_ip == 0)
		return true;
	conn_guard_format(addr, a, sizeof(a));
	pthread_mutex_lock(&g.lock);
	if (!exempt(a)) {
		for (struct guarded *c = g.head; c != NULL && ok; c = c->next)
			if (strcmp(c->addr, a) == 0 && ++n >= g.per_ip)
				ok = false;
	}
	pthread_mutex_unlock(&g.lock);
	return ok;
}

void *
conn_guard_started(int fd, const struct sockaddr *addr)
{
	struct guarded *c = xcalloc(1, sizeof(*c));

	c->fd = fd;
	conn_guard_format(addr, c->addr, sizeof(c->addr));
	deadline_in(c, g.header_timeout);
	pthread_mutex_lock(&g.lock);
	c->next = g.head;
	if (g.head != NULL)
		g.head->prev = c;
	g.head = c;
	pthread_mutex_unlock(&g.lock);
	return c;
}

void
conn_guard_headers_done(void *h)
{
	struct guarded *c = h;

	if (c == NULL)
		return;
	pthread_mutex_lock(&g.lock);
	c->in_request = true;
	pthread_mutex_unlock(&g.lock);
}

void
conn_guard_request_done(void *h)
{
	struct guarded *c = h;

	if (c == NULL)
		return;
	pthread_mutex_lock(&g.lock);
	c->in_request = false;
	deadline_in(c, g.header_timeout);
	pthread_mutex_unlock(&g.lock);
}

void
conn_guard_closed(void *h)
{
	struct guarded *c = h;

	if (c == NULL)
		return;
	pthread_mutex_lock(&g.lock);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		g.head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&g.lock);
	free(c);
}
