/* SPDX-License-Identifier: MIT */
/* A bounded TCP question and answer with poll(2) deadlines. */
#include "util/tcp.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Split "host:port" / "[v6]:port" into host and port strings. */
static int
split_hostport(const char *hp, char *host, size_t hostlen, char *port,
    size_t portlen, struct tld_error *err)
{
	const char *colon;
	size_t n;

	if (hp[0] == '[') {
		const char *end = strchr(hp, ']');

		if (end == NULL || end[1] != ':')
			goto bad;
		n = (size_t)(end - hp - 1);
		colon = end + 1;
		hp++;
	} else {
		colon = strrchr(hp, ':');
		if (colon == NULL)
			goto bad;
		n = (size_t)(colon - hp);
	}
	if (n == 0 || n >= hostlen || strlen(colon + 1) == 0 ||
	    strlen(colon + 1) >= portlen)
		goto bad;
	memcpy(host, hp, n);
	host[n] = '\0';
	snprintf(port, portlen, "%s", colon + 1);
	return 0;
bad:
	return tld_error_set(err, TLD_EINVAL, "server",
	    "\"%s\" is not HOST:PORT", hp);
}

/* Wait for fd to be ready for events until the deadline. */
static int
wait_fd(int fd, short events, int64_t deadline)
{
	struct pollfd p = { fd, events, 0 };
	int64_t left = deadline - now_ms();
	int rc;

	if (left <= 0)
		return 0;
	do
		rc = poll(&p, 1, (int)left);
	while (rc < 0 && errno == EINTR);
	return rc;
}

static int
connect_to(const char *host, const char *port, int64_t deadline,
    struct tld_error *err)
{
	struct addrinfo hints, *res = NULL, *ai;
	int fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0)
		return tld_error_set(err, TLD_EIO, "server", "cannot resolve %s: %s",
		    host, gai_strerror(rc));
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		int soerr = 0;
		socklen_t len = sizeof(soerr);

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
		    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
		    (errno == EINPROGRESS && wait_fd(fd, POLLOUT, deadline) > 0 &&
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 &&
		    soerr == 0))
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return tld_error_set(err, TLD_EIO, "server",
		    "cannot connect to %s port %s", host, port);
	return fd;
}

int
tcp_query(const char *hostport, const char *query, int timeout_ms,
    size_t max_bytes, struct buf *out, struct tld_error *err)
{
	char host[256], port[16], chunk[4096];
	int64_t deadline = now_ms() + timeout_ms;
	size_t start = out->len, sent = 0, qlen = strlen(query);
	int fd, rc = 0;

	if ((rc = split_hostport(hostport, host, sizeof(host), port, sizeof(port),
	    err)) < 0)
		return rc;
	if ((fd = connect_to(host, port, deadline, err)) < 0)
		return fd;
	while (sent < qlen) {
		ssize_t n;

		if (wait_fd(fd, POLLOUT, deadline) <= 0) {
			rc = tld_error_set(err, TLD_EIO, "server", "timed out sending to %s",
			    hostport);
			goto out;
		}
		n = send(fd, query + sent, qlen - sent, MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			rc = tld_error_set(err, TLD_EIO, "server", "send to %s: %s",
			    hostport, strerror(errno));
			goto out;
		}
		if (n > 0)
			sent += (size_t)n;
	}
	for (;;) {
		ssize_t n;

		if (wait_fd(fd, POLLIN, deadline) <= 0) {
			rc = tld_error_set(err, TLD_EIO, "server",
			    "%s did not finish its answer within %d ms", hostport,
			    timeout_ms);
			goto out;
		}
		n = recv(fd, chunk, sizeof(chunk), 0);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			rc = tld_error_set(err, TLD_EIO, "server", "read from %s: %s",
			    hostport, strerror(errno));
			goto out;
		}
		if (out->len - start + (size_t)n > max_bytes) {
			rc = tld_error_set(err, TLD_ELIMIT, "server",
			    "the answer from %s is larger than %zu bytes", hostport,
			    max_bytes);
			goto out;
		}
		buf_append(out, chunk, (size_t)n);
	}
out:
	close(fd);
	if (rc < 0) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
	}
	return rc;
}
