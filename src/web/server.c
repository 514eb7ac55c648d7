/* SPDX-License-Identifier: MIT */
/*
 * The daemon: libmicrohttpd with an epoll thread pool, limits on memory,
 * body size and time per connection, one repository connection per
 * worker thread (SQLite handles are never shared between threads), the
 * background thread for the outbox and the repository mail, the access
 * log, and a graceful stop on SIGTERM/SIGINT.
 */
#include "service/books/usage.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "service/membership/accounts.h"
#include "service/directory/freshness.h"
#include "service/list/mailing.h"
#include "service/outbox.h"
#include "service/membership/requests.h"
#include "util/clock.h"
#include "util/dynlib.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "web/cache.h"
#include "web/conn_guard.h"
#include "web/html.h"
#include "web/metrics.h"
#include "web/page.h"
#include "web/parse.h"
#include "web/ratelimit.h"
#include "web/resp.h"
#include "web/routes.h"
#include "web/server.h"

/*
 * libmicrohttpd and its TLS libraries are loaded when `serve` starts
 * (util/dynlib.h): the other commands never pay for them.
 */
static struct {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_quiesce_daemon) *quiesce_daemon;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_get_connection_info) *get_connection_info;
	__typeof__(MHD_lookup_connection_value) *lookup_connection_value;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_create_post_processor) *create_post_processor;
	__typeof__(MHD_post_process) *post_process;
	__typeof__(MHD_destroy_post_processor) *destroy_post_processor;
} mhd;

static int
mhd_load(struct tld_error *err)
{
#define SYM(name) { "MHD_" #name, (void **)&mhd.name }
	static const struct dynlib_symbol syms[] = {
		SYM(start_daemon), SYM(stop_daemon), SYM(quiesce_daemon),
		SYM(get_daemon_info), SYM(get_connection_info),
		SYM(lookup_connection_value), SYM(create_response_from_buffer),
		SYM(add_response_header), SYM(queue_response),
		SYM(destroy_response), SYM(create_post_processor),
		SYM(post_process), SYM(destroy_post_processor),
	};
#undef SYM
	static const char *const sonames[] = { "libmicrohttpd.so.12", NULL };

	return dynlib_load(sonames, syms, sizeof(syms) / sizeof(syms[0]),
	    "listen", err);
}

#define CONN_MEMORY_LIMIT (64 * 1024)   /* request line and headers fit here */
#define CONN_IDLE_TIMEOUT 30            /* seconds without traffic (headers: [web] header_timeout_seconds) */
#define REQUEST_TIMEOUT 60              /* seconds for a whole upload */
#define CONN_LIMIT 2048
#define UPLOAD_FIELD_MAX 4096           /* a text field of an upload form */
#define UPLOAD_OVERHEAD (64 * 1024)     /* the form's fields and boundaries */
#define BACKGROUND_PERIOD 5             /* seconds between outbox runs */
#define HOUSEKEEPING_PERIOD 60          /* digest due?, expiry, purge */
#define FRESHNESS_PERIOD 3600           /* contact freshness (asks, stale marks) */
#define STOP_GRACE_SECONDS 10

/* A worker thread's repository connection; all are listed to close them. */
struct worker {
	struct tld_ctx ctx;
	struct worker *next;
};

static struct {
	const struct web_options *opt;
	pthread_mutex_t lock;
	struct worker *workers;
	/* [web] trusted_proxies, normalised: their X-Forwarded-For is believed. */
	char proxies[WEB_MAX_PROXIES][WEB_ADDR_MAX];
	size_t nproxies;
	/* The background thread. */
	pthread_cond_t wake;
	bool stop;
	bool kicked;
	bool background_done;
} srv = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static _Thread_local struct worker *tl_worker;

static double
elapsed(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	    (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* This thread's connection, opened on first use (NULL if it cannot be). */
static struct tld_ctx *
worker_ctx(void)
{
	struct worker *w = tl_worker;
	struct tld_error err;

	if (w != NULL)
		return &w->ctx;
	w = xcalloc(1, sizeof(*w));
	w->ctx.cfg = *srv.opt->cfg;
	snprintf(w->ctx.mail, sizeof(w->ctx.mail), "%s", srv.opt->mail);
	snprintf(w->ctx.actor, sizeof(w->ctx.actor), "web");
	tld_error_clear(&err);
	if (store_open(srv.opt->db, false, &w->ctx.store, &err) < 0) {
		log_errorx("web", "cannot open the repository: %s", err.message);
		free(w);
		return NULL;
	}
	pthread_mutex_lock(&srv.lock);
	w->next = srv.workers;
	srv.workers = w;
	pthread_mutex_unlock(&srv.lock);
	tl_worker = w;
	return &w->ctx;
}

void
web_kick_outbox(void)
{
	pthread_mutex_lock(&srv.lock);
	srv.kicked = true;
	pthread_cond_broadcast(&srv.wake);
	pthread_mutex_unlock(&srv.lock);
}

/* ---- one request --------------------------------------------------------- */

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct web_req *rq = xcalloc(1, sizeof(*rq));

	(void)cls;
	(void)conn;
	clock_gettime(CLOCK_MONOTONIC, &rq->start);
	rq->uri = xstrdup(uri);
	rq->route_index = -1;
	buf_init(&rq->body);
	buf_init(&rq->resp.body);
	buf_init(&rq->upload.value);
	buf_init(&rq->upload.file);
	return rq;
}

static void
client_address(struct MHD_Connection *conn, char *out, size_t outlen)
{
	const union MHD_ConnectionInfo *ci = mhd.get_connection_info(conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	conn_guard_format(ci ? ci->client_addr : NULL, out, outlen);
}

/* The guard's handle of a connection (conn_guard.h), or NULL. */
static void *
guard_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = mhd.get_connection_info(conn,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci != NULL ? ci->socket_context : NULL;
}

static enum MHD_Result
on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	(void)cls;
	(void)addrlen;
	return conn_guard_accept(addr) ? MHD_YES : MHD_NO;
}

static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd = mhd.get_connection_info(conn,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ca = mhd.get_connection_info(conn,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);

		*socket_context = fd == NULL ? NULL : conn_guard_started(
		    fd->connect_fd, ca != NULL ? ca->client_addr : NULL);
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conn_guard_closed(*socket_context);
		*socket_context = NULL;
	}
}

static bool
peer_is_trusted_proxy(const char *peer)
{
	for (size_t i = 0; i < srv.nproxies; i++)
		if (strcmp(peer, srv.proxies[i]) == 0)
			return true;
	return false;
}

static void
add_header(struct MHD_Response *r, const char *name, const char *value)
{
	if (mhd.add_response_header(r, name, value) != MHD_YES)
		log_warnx("web", "cannot add header %s", name);
}

/*
 * Content negotiation of errors: a browser (Accept naming text/html) gets
 * an HTML page for any path outside /api/; /api/ and the operations
 * routes (/healthz, /metrics) answer JSON always, as do scripts.
 */
static bool
wants_html(struct MHD_Connection *conn, const struct web_req *rq)
{
	const char *accept = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT);

	if (strncmp(rq->uri, "/api/", 5) == 0 || strcmp(rq->uri, "/api") == 0 ||
	    accept == NULL || strstr(accept, "text/html") == NULL)
		return false;
	return rq->route == NULL ||
	    (rq->route->flags & (ROUTE_PAGE | ROUTE_API)) != 0;
}

/* A JSON error answer ({"error": {...}}) turned into page_error()'s page. */
static void
error_to_html(struct web_req *rq)
{
	struct web_resp *rs = &rq->resp;
	const char *field = NULL, *message = "That did not work.";
	json_t *o, *e;

	if (rs->status < 400 || rs->content_type == NULL ||
	    strncmp(rs->content_type, "application/json", 16) != 0)
		return;
	o = rs->static_body == NULL && rs->body.len > 0 ?
	    json_loadb(rs->body.data, rs->body.len, 0, NULL) : NULL;
	e = json_object_get(o, "error");
	if (json_is_string(json_object_get(e, "message")))
		message = json_string_value(json_object_get(e, "message"));
	if (json_is_string(json_object_get(e, "field")))
		field = json_string_value(json_object_get(e, "field"));
	page_error(rq, rs->status, field, message);
	json_decref(o);
}

static enum MHD_Result
send_response(struct MHD_Connection *conn, struct web_req *rq)
{
	struct web_resp *rs = &rq->resp;
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (rs->status == 0) {
		log_errorx("web", "handler of %s set no answer",
		    rq->route ? rq->route->pattern : "-");
		resp_error(rs, 500, NULL, "internal error");
	}
	if (wants_html(conn, rq))
		error_to_html(rq);
	if (rs->static_body != NULL) {
		r = mhd.create_response_from_buffer(rs->static_len,
		    (void *)(uintptr_t)rs->static_body, MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = rs->body.len;
		char *data = buf_steal(&rs->body);

		r = mhd.create_response_from_buffer(len, data != NULL ? data : "",
		    data != NULL ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	}
	if (r == NULL)
		return MHD_NO;
	add_header(r, "Content-Type", rs->content_type ? rs->content_type :
	    "text/plain; charset=utf-8");
	add_header(r, "Cache-Control", rs->cache_control ? rs->cache_control :
	    "no-store");
	add_header(r, "Content-Security-Policy", rs->csp != NULL ? rs->csp :
	    rs->sandbox ?
	    "sandbox; default-src 'none'; frame-ancestors 'none'" :
	    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
	    "form-action 'self'");
	if (rs->disposition[0] != '\0')
		add_header(r, "Content-Disposition", rs->disposition);
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "Referrer-Policy", "no-referrer");
	add_header(r, "X-Frame-Options", "DENY");
	if (srv.opt != NULL && strncmp(srv.opt->cfg->base_url, "https:", 6) == 0)
		add_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (rs->location[0] != '\0')
		add_header(r, "Location", rs->location);
	for (size_t i = 0; i < rs->ncookies; i++)
		add_header(r, "Set-Cookie", rs->cookies[i]);
	if (rs->allow != NULL)
		add_header(r, "Allow", rs->allow);
	if (rs->www_authenticate)
		add_header(r, "WWW-Authenticate", "Bearer realm=\"tldops\"");
	rq->status = rs->status;
	ret = mhd.queue_response(conn, (unsigned)rs->status, r);
	mhd.destroy_response(r);
	return ret;
}

/* Answer before routing (unknown path, too large, no database). */
static enum MHD_Result
early_error(struct MHD_Connection *conn, struct web_req *rq, int status,
    const char *field, const char *message)
{
	/* A browser gets a page (send_response); /api/ and scripts JSON. */
	if (status == 404 && wants_html(conn, rq)) {
		page_error(rq, 404, NULL, "There is no such page. The menu above "
		    "leads to the pages there are.");
		return send_response(conn, rq);
	}
	resp_error(&rq->resp, status, field, "%s", message);
	return send_response(conn, rq);
}

static void
set_allow(struct web_req *rq)
{
	static const char *const methods[] = { "GET", "POST", "PATCH", "DELETE" };
	/* Static: the same words for every thread (GET brings HEAD). */
	static const char *const allow[16] = {
		"", "GET, HEAD", "POST", "GET, HEAD, POST", "PATCH",
		"GET, HEAD, PATCH", "POST, PATCH", "GET, HEAD, POST, PATCH",
		"DELETE", "GET, HEAD, DELETE", "POST, DELETE",
		"GET, HEAD, POST, DELETE", "PATCH, DELETE", "GET, HEAD, PATCH, DELETE",
		"POST, PATCH, DELETE", "GET, HEAD, POST, PATCH, DELETE",
	};
	unsigned bits = 0;

	for (size_t i = 0; i < web_nroutes; i++) {
		char params[WEB_MAX_PARAMS][WEB_PARAM_MAX];
		bool pm;

		if (web_route_match(web_routes[i].method, rq->uri, rq->path_len,
		    params, &pm) < 0)
			continue;
		for (size_t m = 0; m < 4; m++)
			if (strcmp(web_routes[i].method, methods[m]) == 0)
				bits |= 1u << m;
	}
	rq->resp.allow = allow[bits];
}

/* ---- uploads (ROUTE_UPLOAD) ---------------------------------------------- */

/* The most a route's body may hold. */
static size_t
body_max(const struct web_req *rq)
{
	if (rq->route != NULL && (rq->route->flags & ROUTE_UPLOAD))
		return (size_t)srv.opt->cfg->doc_max_size_mib * 1024 * 1024 +
		    UPLOAD_OVERHEAD;
	return WEB_BODY_MAX;
}

static const char *
too_big_message(const struct web_req *rq)
{
	return rq->route != NULL && (rq->route->flags & ROUTE_UPLOAD) ?
	    "the upload is larger than [docs] max_size_mib allows" :
	    "the request body is larger than 1 MiB";
}

/* The text field read so far, appended to rq->body as key=value. */
static void
upload_flush(struct web_req *rq)
{
	struct web_upload *u = &rq->upload;

	if (u->key[0] == '\0')
		return;
	if (rq->body.len > 0)
		buf_putc(&rq->body, '&');
	url_encode(&rq->body, u->key);
	buf_putc(&rq->body, '=');
	url_encode(&rq->body, buf_str(&u->value));
	u->key[0] = '\0';
	buf_reset(&u->value);
}

static enum MHD_Result
upload_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off,
    size_t size)
{
	struct web_req *rq = cls;
	struct web_upload *u = &rq->upload;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (key == NULL)
		return MHD_YES;
	if (filename != NULL) {
		/* One file, in the field "file"; its bytes may hold NULs. */
		/* (An empty first piece may come before the data, both at 0.) */
		if (strcmp(key, "file") != 0 || (off == 0 && u->has_file &&
		    u->file.len > 0 && size > 0)) {
			u->bad = true;
			return MHD_NO;
		}
		if (off == 0) {
			u->has_file = true;
			snprintf(u->filename, sizeof(u->filename), "%s", filename);
		}
		if (size > 0)
			buf_append(&u->file, data, size);
		return MHD_YES;
	}
	if (strcmp(u->key, key) != 0 || (off == 0 && u->value.len > 0)) {
		upload_flush(rq);
		if (strlen(key) >= sizeof(u->key)) {
			u->bad = true;
			return MHD_NO;
		}
		snprintf(u->key, sizeof(u->key), "%s", key);
	}
	if (size == 0)
		return MHD_YES;
	if (u->value.len + size > UPLOAD_FIELD_MAX || memchr(data, '\0', size)) {
		u->bad = true;
		return MHD_NO;
	}
	buf_append(&u->value, data, size);
	return MHD_YES;
}

/* Feed a piece of an upload's body to the post processor. */
static void
upload_feed(struct MHD_Connection *conn, struct web_req *rq, const char *data,
    size_t size)
{
	struct web_upload *u = &rq->upload;

	if (u->bad)
		return;
	if (u->pp == NULL && (u->pp = mhd.create_post_processor(conn, 16 * 1024,
	    upload_field, rq)) == NULL) {
		/* Not multipart/form-data: routes.c refuses the content type. */
		u->bad = true;
		return;
	}
	if (mhd.post_process(u->pp, data, size) != MHD_YES)
		u->bad = true;
}

/* The body is in: the last field, and the processor is done with. */
static void
upload_finish(struct web_req *rq)
{
	struct web_upload *u = &rq->upload;

	if (u->pp != NULL) {
		mhd.destroy_post_processor(u->pp);
		u->pp = NULL;
	}
	upload_flush(rq);
	if (u->bad)
		buf_reset(&rq->body);
}

/* First call: the headers are in; route, and check the declared size. */
static enum MHD_Result
begin_request(struct MHD_Connection *conn, struct web_req *rq,
    const char *method)
{
	const char *cl, *q;
	bool path_match;

	rq->method = method;
	q = strchr(rq->uri, '?');
	rq->path_len = q != NULL ? (size_t)(q - rq->uri) : strlen(rq->uri);
	rq->query = q != NULL ? q + 1 : "";
	client_address(conn, rq->client, sizeof(rq->client));
	snprintf(rq->peer, sizeof(rq->peer), "%s", rq->client);
	rq->forwarded = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    "X-Forwarded-For") != NULL || mhd.lookup_connection_value(conn,
	    MHD_HEADER_KIND, "Forwarded") != NULL;
	if (peer_is_trusted_proxy(rq->client)) {
		const char *xff = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
		    "X-Forwarded-For");
		char fwd[WEB_ADDR_MAX];

		/* Without a usable header the proxy itself is the client. */
		if (xff != NULL && forwarded_for_last(xff, strlen(xff), fwd))
			snprintf(rq->client, sizeof(rq->client), "%s", fwd);
	}
	rq->route_index = web_route_match(method, rq->uri, rq->path_len,
	    rq->params, &path_match);
	if (rq->route_index < 0) {
		if (path_match) {
			set_allow(rq);
			return early_error(conn, rq, 405, NULL,
			    "this method is not allowed here");
		}
		return early_error(conn, rq, 404, NULL, "no such page or route");
	}
	rq->route = &web_routes[rq->route_index];
	cl = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL) {
		char *end;
		unsigned long long n;

		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno != 0 || end == cl || *end != '\0' || n > body_max(rq))
			return early_error(conn, rq, 413, "body",
			    too_big_message(rq));
	}
	rq->content_type = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	rq->cookie = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_COOKIE);
	rq->authorization = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	rq->csrf_header = mhd.lookup_connection_value(conn, MHD_HEADER_KIND,
	    "X-CSRF-Token");
	return MHD_YES;
}

static enum MHD_Result
finish_request(struct MHD_Connection *conn, struct web_req *rq)
{
	if (rq->body_too_big)
		return early_error(conn, rq, 413, "body", too_big_message(rq));
	if (rq->route->flags & ROUTE_UPLOAD)
		upload_finish(rq);
	if ((rq->ctx = worker_ctx()) == NULL)
		return early_error(conn, rq, 503, NULL,
		    "the repository is not available");
	web_dispatch(rq);
	return send_response(conn, rq);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct web_req *rq = *con_cls;

	(void)cls;
	(void)url;
	(void)version;
	if (rq == NULL)
		return MHD_NO;
	if (rq->method == NULL) {
		conn_guard_headers_done(guard_of(conn));
		/*
		 * Answer in a later call, even without a body: a response queued
		 * in this first one makes MHD close the connection (it cannot
		 * know the request was read), which ends keep-alive.
		 */
		if (begin_request(conn, rq, method) != MHD_YES || rq->status != 0)
			return rq->status != 0 ? MHD_YES : MHD_NO;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (rq->status != 0 || rq->route == NULL) {
			*upload_data_size = 0; /* answered already: discard */
			return MHD_YES;
		}
		if (elapsed(&rq->start) > REQUEST_TIMEOUT)
			return MHD_NO; /* a trickled body: drop the connection */
		rq->upload.fed += *upload_data_size;
		if (rq->upload.fed > body_max(rq))
			rq->body_too_big = true;
		else if (rq->route->flags & ROUTE_UPLOAD)
			upload_feed(conn, rq, upload_data, *upload_data_size);
		else if (rq->route->flags & ROUTE_BODY)
			buf_append(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->status != 0)
		return MHD_YES;
	return finish_request(conn, rq);
}

static void
access_log(const struct web_req *rq, double seconds)
{
	char line[256];
	int n;

	/* The route's pattern, never the path: paths can carry tokens. */
	n = snprintf(line, sizeof(line), "tldops[web] %s %s %d %.3fms\n",
	    rq->method != NULL ? rq->method : "-",
	    rq->route != NULL ? rq->route->pattern : "-", rq->status,
	    seconds * 1000.0);
	if (n > 0) {
		/* One write per line, so that threads never interleave. */
		ssize_t w = write(STDERR_FILENO, line,
		    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
		(void)w;
	}
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct web_req *rq = *con_cls;
	double seconds;

	(void)cls;
	conn_guard_request_done(guard_of(conn));
	if (rq == NULL)
		return;
	seconds = elapsed(&rq->start);
	if (rq->status == 0)
		rq->status = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? 200 : 499;
	if (rq->method != NULL) {
		metrics_observe(rq->route_index, rq->status, seconds);
		access_log(rq, seconds);
	}
	form_fini(&rq->query_args);
	form_fini(&rq->form);
	if (rq->upload.pp != NULL)
		mhd.destroy_post_processor(rq->upload.pp);
	buf_fini(&rq->upload.value);
	buf_fini(&rq->upload.file);
	buf_fini(&rq->body);
	buf_fini(&rq->resp.body);
	free(rq->uri);
	free(rq);
	*con_cls = NULL;
}

/* libmicrohttpd's own messages (a printf format of its own, not ours). */
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	static const char hung_up[] = "Connection was closed by remote side";
	char msg[512];

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	/*
	 * A client that hung up mid-request (or was shut for its header
	 * deadline) is routine; one warning each would let anyone fill the log.
	 */
	if (strncmp(msg, hung_up, sizeof(hung_up) - 1) == 0)
		log_info("web", "%s", msg);
	else
		log_warnx("web", "%s", msg);
}

/* ---- background: outbox, repository mail, housekeeping -------------------- */

/*
 * Contact freshness: asks, reminders, stale marks, the weekly summary.  It
 * reads every contact's state, so not every minute: at start, then hourly
 * (what it does is due by the day).  Counts only in the log, at info
 * level (routine, not a warning), and only when it did something.
 */
static void
freshness(struct tld_ctx *ctx)
{
	struct freshness_run_stats st;
	struct tld_error err;
	int rc;

	memset(&st, 0, sizeof(st));
	tld_error_clear(&err);
	rc = freshness_run(ctx, &st, &err);
	if (st.asked + st.reminded + st.stale + st.summaries > 0) {
		log_info("web", "freshness: asked %zu, reminded %zu, marked stale "
		    "%zu, summaries %zu", st.asked, st.reminded, st.stale,
		    st.summaries);
		web_kick_outbox(); /* deliver what it queued now */
	}
	if (rc < 0)
		log_warnx("web", "freshness: %s", err.message);
}

/* *last_freshness: when freshness() last ran (0: never). */
static void
housekeeping(struct tld_ctx *ctx, int64_t *last_freshness)
{
	struct tld_error err;
	int64_t msg = 0;
	int rc;

	tld_error_clear(&err);
	rc = digest_send(ctx, true, &msg, &err);
	if (rc < 0)
		log_warnx("web", "repository mail: %s", err.message);
	else if (rc > 0)
		log_info("web", "repository mail queued for %d recipients", rc);
	/* Before freshness: a correction that expired unauthorised no longer
	 * holds reminders back. */
	tld_error_clear(&err);
	if (requests_expire_due(ctx, &err) < 0)
		log_warnx("web", "expiring requests: %s", err.message);
	if (*last_freshness == 0 ||
	    clock_now() - *last_freshness >= FRESHNESS_PERIOD) {
		freshness(ctx);
		*last_freshness = clock_now();
	}
	tld_error_clear(&err);
	if (accounts_purge(ctx, &err) < 0)
		log_warnx("web", "purging expired secrets: %s", err.message);
}

static void *
background_main(void *arg)
{
	struct tld_ctx *ctx = arg;
	int64_t last_housekeeping = 0, last_freshness = 0;
	bool failing = false;

	pthread_mutex_lock(&srv.lock);
	while (!srv.stop) {
		struct outbox_run_stats st;
		struct tld_error err;
		struct timespec until;
		int rc;

		srv.kicked = false;
		pthread_mutex_unlock(&srv.lock);
		tld_error_clear(&err);
		rc = outbox_run(ctx, false, &st, &err);
		if (rc < 0 && !failing)
			log_warnx("web", "outbox: %s", err.message);
		failing = rc < 0;
		(void)usage_flush(ctx);
		if (clock_now() - last_housekeeping >= HOUSEKEEPING_PERIOD) {
			housekeeping(ctx, &last_freshness);
			last_housekeeping = clock_now();
		}
		pthread_mutex_lock(&srv.lock);
		if (srv.stop || srv.kicked)
			continue;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += BACKGROUND_PERIOD;
		pthread_cond_timedwait(&srv.wake, &srv.lock, &until);
	}
	/* The requests have drained (web_serve): what they counted is written. */
	pthread_mutex_unlock(&srv.lock);
	(void)usage_flush(ctx);
	pthread_mutex_lock(&srv.lock);
	srv.background_done = true;
	pthread_cond_broadcast(&srv.wake);
	pthread_mutex_unlock(&srv.lock);
	return NULL;
}

/* ---- start and stop ------------------------------------------------------ */

bool
web_parse_listen(const char *s, char *host, size_t hostlen, unsigned *port)
{
	const char *colon;
	size_t hl;
	char *end;
	unsigned long p;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || close[1] != ':')
			return false;
		hl = (size_t)(close - s - 1);
		s++;
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL)
			return false;
		hl = (size_t)(colon - s);
	}
	if (hl == 0 || hl >= hostlen)
		return false;
	memcpy(host, s, hl);
	host[hl] = '\0';
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (errno != 0 || end == colon + 1 || *end != '\0' || p > 65535)
		return false;
	*port = (unsigned)p;
	return true;
}

static int
resolve_listen(const char *listen, struct sockaddr_storage *ss,
    struct tld_error *err)
{
	struct addrinfo hints, *ai = NULL;
	char host[256], port_s[8];
	unsigned port;
	int rc;

	if (!web_parse_listen(listen, host, sizeof(host), &port))
		return tld_error_set(err, TLD_EINVAL, "listen",
		    "\"%s\" is not HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080)",
		    listen);
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port_s, sizeof(port_s), "%u", port);
	if ((rc = getaddrinfo(host, port_s, &hints, &ai)) != 0)
		return tld_error_set(err, TLD_EINVAL, "listen",
		    "\"%s\" is not a numeric address: %s", host, gai_strerror(rc));
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(ai);
	return 0;
}

static void
close_workers(void)
{
	pthread_mutex_lock(&srv.lock);
	while (srv.workers != NULL) {
		struct worker *w = srv.workers;

		srv.workers = w->next;
		store_close(w->ctx.store);
		free(w);
	}
	pthread_mutex_unlock(&srv.lock);
}

/* Stop the background thread; false if it is still busy after the grace time. */
static bool
stop_background(pthread_t t)
{
	struct timespec until;
	bool done;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += STOP_GRACE_SECONDS;
	pthread_mutex_lock(&srv.lock);
	srv.stop = true;
	pthread_cond_broadcast(&srv.wake);
	while (!srv.background_done &&
	    pthread_cond_timedwait(&srv.wake, &srv.lock, &until) == 0)
		;
	done = srv.background_done;
	pthread_mutex_unlock(&srv.lock);
	if (done)
		pthread_join(t, NULL);
	return done;
}

static void
drain(struct MHD_Daemon *d)
{
	MHD_socket fd = mhd.quiesce_daemon(d);

	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	for (int i = 0; i < STOP_GRACE_SECONDS * 10; i++) {
		const union MHD_DaemonInfo *di = mhd.get_daemon_info(d,
		    MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

		if (di == NULL || di->num_connections == 0)
			break;
		usleep(100 * 1000);
	}
	mhd.stop_daemon(d);
}

int
web_serve(const struct web_options *opt, struct tld_error *err)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	struct tld_ctx bg;
	pthread_t bg_thread;
	sigset_t sigs, old;
	unsigned threads = (unsigned)opt->cfg->web_threads;
	int rc, sig = 0;

	if ((rc = mhd_load(err)) < 0)
		return rc;
	if ((rc = resolve_listen(opt->listen, &ss, err)) < 0)
		return rc;
	if ((rc = proxies_parse(opt->cfg->trusted_proxies, srv.proxies,
	    &srv.nproxies, err)) < 0)
		return rc;
	web_link_limit_init();
	srv.opt = opt;
	srv.stop = false;
	memset(&bg, 0, sizeof(bg));
	bg.cfg = *opt->cfg;
	snprintf(bg.mail, sizeof(bg.mail), "%s", opt->mail);
	snprintf(bg.actor, sizeof(bg.actor), "serve");
	if ((rc = store_open(opt->db, false, &bg.store, err)) < 0)
		return rc;
	usage_defer(); /* lookups are counted in memory, written by background */

	/* Every thread inherits the mask: only sigwait() below sees them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	signal(SIGPIPE, SIG_IGN);

	if (conn_guard_init((unsigned)opt->cfg->max_connections_per_ip,
	    (unsigned)opt->cfg->header_timeout_seconds,
	    (const char (*)[WEB_ADDR_MAX])srv.proxies, srv.nproxies) < 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		store_close(bg.store);
		return tld_error_set(err, TLD_EIO, "", "cannot start a thread");
	}
	d = mhd.start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
	    MHD_USE_ERROR_LOG, 0, on_accept, NULL, on_request, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY_LIMIT,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_IDLE_TIMEOUT,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONN_LIMIT,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	    MHD_OPTION_END);
	if (d == NULL) {
		conn_guard_fini();
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		store_close(bg.store);
		return tld_error_set(err, TLD_EIO, "listen",
		    "cannot listen on %s: %s", opt->listen, strerror(errno));
	}
	if (pthread_create(&bg_thread, NULL, background_main, &bg) != 0) {
		mhd.stop_daemon(d);
		conn_guard_fini();
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		store_close(bg.store);
		return tld_error_set(err, TLD_EIO, "", "cannot start a thread");
	}
	/* A PostgreSQL URI may carry a password: name the backend, not the URI. */
	fprintf(stderr, "tldops: serving %s on http://%s/ (%u thread%s); "
	    "stop with SIGTERM or Ctrl-C\n", strstr(opt->db, "://") ?
	    "a PostgreSQL database" : opt->db, opt->listen, threads,
	    threads == 1 ? "" : "s");

	while (sigwait(&sigs, &sig) != 0)
		;
	fprintf(stderr, "tldops: %s: finishing requests in flight\n",
	    sig == SIGTERM ? "SIGTERM" : "SIGINT");
	drain(d);
	conn_guard_fini();
	if (!stop_background(bg_thread)) {
		/*
		 * A long outbox run (the repository mail to thousands) is still
		 * going: leave it.  Its deliveries are leased, so what it claimed
		 * and did not try goes out after the lease; only the one in flight
		 * can repeat (the crash window of docs/outbox.md).
		 */
		fprintf(stderr, "tldops: the outbox run did not finish within %d s; "
		    "stopping anyway (nothing is lost)\n", STOP_GRACE_SECONDS);
		close_workers();
		return 0;
	}
	close_workers();
	store_close(bg.store);
	web_cache_fini();
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	fprintf(stderr, "tldops: stopped\n");
	return 0;
}
