/* SPDX-License-Identifier: MIT */
/*
 * Submission over SMTP with libcurl.  A pool of `connections` workers, each
 * a thread with its own easy handle and so its own connection, which curl
 * keeps open between transactions; STARTTLS when the server offers it on
 * smtp:// (CURLUSESSL_TRY), TLS from the first byte on smtps://; AUTH from
 * the URL's user:password, which curl reads itself.  libcurl does the SMTP
 * dot-stuffing.  lc.global_init() runs on the first open only, so commands
 * that never send mail pay nothing for it.
 *
 * A job is one transaction with every recipient in RCPT order
 * (CURLOPT_MAIL_RCPT_ALLOWFAILS: a refused recipient does not abort the
 * others).  curl tells us nothing per recipient, so the debug callback
 * follows the dialogue: each command we send (CURLINFO_HEADER_OUT, looked
 * at only for its verb: AUTH lines hold the password) and the final line
 * of each reply (CURLINFO_HEADER_IN); curl waits for each RCPT reply before
 * the next RCPT, so the n-th RCPT reply is the n-th recipient's.  A
 * recipient is sent when its RCPT got 2xx and the end of the data got 2xx.
 * 5xx (55x, 501) is permanent; 452 after others were accepted means "too
 * many recipients" (RFC 5321 4.5.3.1.10): that recipient and the rest go
 * into the next transaction.  Everything else (4xx, other 5xx, which come
 * from the session, a lost connection) is worth a retry.
 */
#include "mail/transport_internal.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Plain prototypes: the checked macros would hide the functions we load. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "util/buf.h"
#include "util/dynlib.h"
#include "util/xalloc.h"

#define CONNECT_TIMEOUT_S 10L
#define TOTAL_TIMEOUT_S 60L
#define LINE_MAX_SHOWN 160

#if LIBCURL_VERSION_NUM >= 0x080200
#define OPT_RCPT_ALLOWFAILS CURLOPT_MAIL_RCPT_ALLOWFAILS
#else
#define OPT_RCPT_ALLOWFAILS CURLOPT_MAIL_RCPT_ALLLOWFAILS /* curl's spelling until 8.2 */
#endif

enum phase { PHASE_SESSION, PHASE_MAIL, PHASE_RCPT, PHASE_DATA, PHASE_BODY };

/* One reply line, printable ASCII only. */
struct reply {
	int code;             /* 0: none */
	char line[LINE_MAX_SHOWN];
};

struct smtp;

/* A worker: one thread, one easy handle, one connection. */
struct smtp_conn {
	struct smtp *pool;
	CURL *curl;
	pthread_t thread;
	bool started;
	char errbuf[CURL_ERROR_SIZE];
	/* After a failure the session may be mid-transaction: start afresh. */
	bool fresh;
	bool has_turn;        /* this job holds the end-of-data turn */
	/* The job being sent, and what the server has said about it. */
	struct transport_job *job;
	size_t *tried;        /* indexes into job->rcpts, in RCPT order */
	struct reply *rcpt_reply;
	size_t ntried, nanswered;
	size_t pos;           /* upload position in job->data */
	enum phase phase;
	struct reply mail, data, body, bad;  /* bad: the last 4xx/5xx seen */
};

struct smtp {
	pthread_mutex_t mu;
	pthread_cond_t todo_cv, done_cv;
	struct transport_job *todo, **todo_tail, *done, **done_tail;
	size_t inflight;
	bool stop;
	bool allowfails;      /* libcurl >= 7.69: several recipients per transaction */
	/*
	 * The end of data: one transaction at a time may send its last bytes
	 * and its final dot, and it keeps that turn until the caller, having
	 * recorded its outcome, asks for the next job (smtp_wait()).  So at
	 * most one transaction is ever accepted and not yet recorded: the
	 * crash window is one transaction, however many run in parallel.
	 */
	pthread_cond_t eod_cv;
	struct transport_job *eod_owner; /* NULL: the turn is free */
	bool eod_handed;                 /* its job went back to the caller */
	unsigned n;
	struct smtp_conn *conns;
};

/* The libcurl functions we use, resolved when the first SMTP transport opens. */
static struct {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
	__typeof__(curl_url) *url;
	__typeof__(curl_url_set) *url_set;
	__typeof__(curl_url_get) *url_get;
	__typeof__(curl_url_cleanup) *url_cleanup;
	__typeof__(curl_free) *free;
} lc;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;
static struct tld_error curl_load_err;

static void
curl_init_once(void)
{
#define SYM(name) { "curl_" #name, (void **)&lc.name }
	static const struct dynlib_symbol syms[] = {
		SYM(global_init), SYM(easy_init), SYM(easy_setopt),
		SYM(easy_perform), SYM(easy_getinfo), SYM(easy_cleanup),
		SYM(easy_strerror), SYM(slist_append), SYM(slist_free_all),
		SYM(url), SYM(url_set), SYM(url_get), SYM(url_cleanup), SYM(free),
	};
#undef SYM
	static const char *const sonames[] = {
		"libcurl.so.4", "libcurl-gnutls.so.4", NULL,
	};

	if (dynlib_load(sonames, syms, sizeof(syms) / sizeof(syms[0]), "mail",
	    &curl_load_err) < 0)
		return;
	curl_init_rc = lc.global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
smtp_read(char *dst, size_t size, size_t nitems, void *userdata)
{
	struct smtp_conn *c = userdata;
	struct smtp *s = c->pool;
	size_t room = size * nitems, n = c->job->len - c->pos;

	if (n > room)
		n = room;
	if (c->pos + n >= c->job->len && !c->has_turn) {
		/* The last bytes, then the dot: wait for the turn. */
		pthread_mutex_lock(&s->mu);
		while (s->eod_owner != NULL)
			pthread_cond_wait(&s->eod_cv, &s->mu);
		s->eod_owner = c->job;
		s->eod_handed = false;
		pthread_mutex_unlock(&s->mu);
		c->has_turn = true;
	}
	if (n > 0)
		memcpy(dst, c->job->data + c->pos, n);
	c->pos += n;
	return n;
}

static void
reply_set(struct reply *r, int code, const char *data, size_t size)
{
	size_t o = 0;

	r->code = code;
	for (size_t i = 0; i < size && o + 1 < sizeof(r->line); i++) {
		unsigned char ch = (unsigned char)data[i];

		if (ch == '\r' || ch == '\n')
			break;
		r->line[o++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
	r->line[o] = '\0';
}

/*
 * Follow the dialogue.  What we send is looked at only for its verb;
 * what the server sends is kept per phase (last line of each reply).
 */
static int
smtp_debug(CURL *h, curl_infotype type, char *data, size_t size,
    void *userdata)
{
	struct smtp_conn *c = userdata;
	struct reply r;
	int code;

	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		if (size >= 10 && strncasecmp(data, "MAIL FROM:", 10) == 0)
			c->phase = PHASE_MAIL;
		else if (size >= 8 && strncasecmp(data, "RCPT TO:", 8) == 0)
			c->phase = PHASE_RCPT;
		else if (size >= 4 && strncasecmp(data, "DATA", 4) == 0)
			c->phase = PHASE_DATA;
		else
			c->phase = PHASE_SESSION;
		return 0;
	}
	if (type != CURLINFO_HEADER_IN || size < 3 ||
	    data[0] < '1' || data[0] > '5' || data[1] < '0' || data[1] > '9' ||
	    data[2] < '0' || data[2] > '9')
		return 0;
	if (size > 3 && data[3] == '-')
		return 0; /* a continuation line: wait for the last one */
	code = (data[0] - '0') * 100 + (data[1] - '0') * 10 + (data[2] - '0');
	reply_set(&r, code, data, size);
	if (code >= 400)
		c->bad = r;
	switch (c->phase) {
	case PHASE_MAIL:
		c->mail = r;
		break;
	case PHASE_RCPT:
		if (c->nanswered < c->ntried)
			c->rcpt_reply[c->nanswered++] = r;
		break;
	case PHASE_DATA:
		c->data = r;
		if (code == 354)
			c->phase = PHASE_BODY; /* the next reply ends the data */
		break;
	case PHASE_BODY:
		c->body = r;
		break;
	case PHASE_SESSION:
		break;
	}
	return 0;
}

/* Permanent: a recipient or message refused for good (55x, 501 syntax). */
static bool
permanent(int code)
{
	return code >= 550 || code == 501;
}

/* 452 (or an old server's 552) saying there are too many recipients. */
static bool
too_many(const struct reply *r)
{
	if (r->code == 452)
		return true;
	if (r->code != 552)
		return false;
	if (strstr(r->line, "5.5.3") != NULL)
		return true;
	for (const char *p = r->line; *p != '\0'; p++)
		if (strncasecmp(p, "too many recipients", 19) == 0)
			return true;
	return false;
}

static void
set_outcome(struct transport_rcpt *r, enum transport_outcome o,
    const char *what, const char *text)
{
	transport_rcpt_set(r, o, "smtp: %s: %s", what, text);
}

/*
 * Sort the job's recipients by what the server said.  cc is curl's result
 * for the transaction.
 */
static void
sort_outcomes(struct smtp_conn *c, CURLcode cc)
{
	struct transport_job *job = c->job;
	const char *what = "connection";
	char text[CURL_ERROR_SIZE + LINE_MAX_SHOWN + 16];
	enum transport_outcome fail = TRANSPORT_TEMPFAIL;
	bool complete = cc == CURLE_OK && c->body.code >= 200 &&
	    c->body.code < 300;
	size_t accepted = 0;

	/* Why the accepted recipients were not sent, if they were not. */
	if (c->mail.code >= 400) {
		what = "MAIL FROM";
		snprintf(text, sizeof(text), "%s", c->mail.line);
		fail = permanent(c->mail.code) ? TRANSPORT_PERMFAIL : fail;
	} else if (c->data.code >= 400) {
		what = "DATA";
		snprintf(text, sizeof(text), "%s", c->data.line);
		fail = permanent(c->data.code) ? TRANSPORT_PERMFAIL : fail;
	} else if (c->body.code >= 400) {
		what = "end of data";
		snprintf(text, sizeof(text), "%s", c->body.line);
		fail = permanent(c->body.code) ? TRANSPORT_PERMFAIL : fail;
	} else {
		if (cc == CURLE_LOGIN_DENIED) {
			what = "login";
			fail = TRANSPORT_PERMFAIL;
		}
		snprintf(text, sizeof(text), "%s%s%s", c->errbuf[0] != '\0' ?
		    c->errbuf : lc.easy_strerror(cc),
		    c->bad.code != 0 ? "; last reply: " : "", c->bad.line);
	}
	for (size_t k = 0; k < c->ntried; k++) {
		struct transport_rcpt *r = &job->rcpts[c->tried[k]];
		const struct reply *rr = &c->rcpt_reply[k];

		if (k >= c->nanswered) {
			set_outcome(r, fail, what, text);
		} else if (rr->code >= 200 && rr->code < 300) {
			accepted++;
			if (complete)
				r->outcome = TRANSPORT_SENT;
			else
				set_outcome(r, fail, what, text);
		} else if (accepted > 0 && too_many(rr)) {
			set_outcome(r, TRANSPORT_DEFERRED, "RCPT TO", rr->line);
		} else {
			set_outcome(r, permanent(rr->code) ? TRANSPORT_PERMFAIL :
			    TRANSPORT_TEMPFAIL, "RCPT TO", rr->line);
		}
	}
}

/* One transaction for the recipients tried[first .. first + n). */
static void
perform(struct smtp_conn *c, size_t first, size_t n)
{
	struct transport_job *job = c->job;
	struct curl_slist *rcpts = NULL;
	struct buf arg;
	CURLcode cc = CURLE_OK;
	bool bad = false;

	buf_init(&arg);
	for (size_t k = first; k < first + n && !bad; k++) {
		struct curl_slist *l;

		buf_reset(&arg);
		buf_printf(&arg, "<%s>", job->rcpts[c->tried[k]].addr);
		if ((l = lc.slist_append(rcpts, buf_str(&arg))) == NULL)
			bad = true;
		else
			rcpts = l;
	}
	buf_reset(&arg);
	buf_printf(&arg, "<%s>", job->from);
	c->pos = 0;
	c->errbuf[0] = '\0';
	c->phase = PHASE_SESSION;
	if (bad ||
	    lc.easy_setopt(c->curl, CURLOPT_FRESH_CONNECT, c->fresh ? 1L : 0L) !=
	    CURLE_OK ||
	    lc.easy_setopt(c->curl, CURLOPT_MAIL_FROM, buf_str(&arg)) !=
	    CURLE_OK ||
	    lc.easy_setopt(c->curl, CURLOPT_MAIL_RCPT, rcpts) != CURLE_OK ||
	    lc.easy_setopt(c->curl, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)job->len) != CURLE_OK)
		cc = CURLE_FAILED_INIT;
	else
		cc = lc.easy_perform(c->curl);
	/* The handle outlives this call; the list and the data do not. */
	lc.easy_setopt(c->curl, CURLOPT_MAIL_RCPT, (struct curl_slist *)NULL);
	lc.slist_free_all(rcpts);
	buf_fini(&arg);
	c->fresh = cc != CURLE_OK;
	if (cc == CURLE_FAILED_INIT && c->errbuf[0] == '\0')
		snprintf(c->errbuf, sizeof(c->errbuf), "%s",
		    "libcurl refused the transaction's options");
	sort_outcomes(c, cc);
}

static void
run_job(struct smtp_conn *c, struct transport_job *job)
{
	size_t n = job->nrcpts;

	c->job = job;
	c->tried = xcalloc(n, sizeof(*c->tried));
	c->rcpt_reply = xcalloc(n, sizeof(*c->rcpt_reply));
	c->ntried = 0;
	for (size_t i = 0; i < n; i++)
		if (job->rcpts[i].outcome == TRANSPORT_SENT)
			c->tried[c->ntried++] = i;
	if (c->pool->allowfails) {
		c->nanswered = 0;
		memset(&c->mail, 0, sizeof(c->mail));
		c->data = c->body = c->bad = c->mail;
		perform(c, 0, c->ntried);
	} else {
		/* An old libcurl: one transaction per recipient. */
		size_t all = c->ntried;
		size_t *tried = c->tried;
		struct reply *replies = c->rcpt_reply;

		for (size_t k = 0; k < all; k++) {
			c->tried = tried + k;
			c->rcpt_reply = replies + k;
			c->ntried = 1;
			c->nanswered = 0;
			memset(&c->mail, 0, sizeof(c->mail));
			c->data = c->body = c->bad = c->mail;
			perform(c, 0, 1);
		}
		c->tried = tried;
		c->rcpt_reply = replies;
	}
	free(c->tried);
	free(c->rcpt_reply);
	c->tried = NULL;
	c->rcpt_reply = NULL;
	c->job = NULL;
	c->has_turn = false; /* the turn itself goes with the job */
}

static void *
worker(void *arg)
{
	struct smtp_conn *c = arg;
	struct smtp *s = c->pool;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		struct transport_job *job;

		while (s->todo == NULL && !s->stop)
			pthread_cond_wait(&s->todo_cv, &s->mu);
		if (s->todo == NULL)
			break;
		job = s->todo;
		s->todo = job->next_;
		if (s->todo == NULL)
			s->todo_tail = &s->todo;
		pthread_mutex_unlock(&s->mu);
		run_job(c, job);
		pthread_mutex_lock(&s->mu);
		job->next_ = NULL;
		*s->done_tail = job;
		s->done_tail = &job->next_;
		pthread_cond_signal(&s->done_cv);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

static void
smtp_close(void *state)
{
	struct smtp *s = state;

	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = true;
	pthread_cond_broadcast(&s->todo_cv);
	pthread_mutex_unlock(&s->mu);
	for (unsigned i = 0; i < s->n; i++) {
		if (s->conns[i].started)
			pthread_join(s->conns[i].thread, NULL);
		if (s->conns[i].curl != NULL)
			lc.easy_cleanup(s->conns[i].curl);
	}
	pthread_cond_destroy(&s->todo_cv);
	pthread_cond_destroy(&s->done_cv);
	pthread_cond_destroy(&s->eod_cv);
	pthread_mutex_destroy(&s->mu);
	free(s->conns);
	free(s);
}

/* The URL must parse and name a host; it is never echoed (password). */
static int
check_url(const char *spec, struct tld_error *err)
{
	CURLU *u = lc.url();
	char *host = NULL;
	int rc = 0;

	if (u == NULL)
		return tld_error_set(err, TLD_EIO, "mail", "out of memory");
	if (lc.url_set(u, CURLUPART_URL, spec, 0) != CURLUE_OK ||
	    lc.url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    host == NULL || host[0] == '\0')
		rc = tld_error_set(err, TLD_EINVAL, "mail",
		    "not a valid SMTP URL "
		    "(smtp://[user:password@]HOST[:PORT])");
	lc.free(host);
	lc.url_cleanup(u);
	return rc;
}

/* "smtp://user:password@host": a ':' in the userinfo before the '@'. */
static bool
url_has_password(const char *spec)
{
	const char *auth = strstr(spec, "://");
	const char *at, *slash;

	if (auth == NULL)
		return false;
	auth += 3;
	at = strchr(auth, '@');
	slash = strchr(auth, '/');
	if (at == NULL || (slash != NULL && slash < at))
		return false;
	return memchr(auth, ':', (size_t)(at - auth)) != NULL;
}

static int
conn_init(struct smtp_conn *c, const char *spec, long use_ssl, bool *allowfails)
{
	int bad = 0;

	if ((c->curl = lc.easy_init()) == NULL)
		return -1;
	bad |= lc.easy_setopt(c->curl, CURLOPT_URL, spec) != CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
	bad |= lc.easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps") !=
	    CURLE_OK;
#else
	bad |= lc.easy_setopt(c->curl, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS)) != CURLE_OK;
#endif
	bad |= lc.easy_setopt(c->curl, CURLOPT_USE_SSL, use_ssl) != CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT,
	    CONNECT_TIMEOUT_S) != CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_ERRORBUFFER, c->errbuf) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_UPLOAD, 1L) != CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_READFUNCTION, smtp_read) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_READDATA, c) != CURLE_OK;
	/* VERBOSE only feeds smtp_debug(); nothing goes to stderr. */
	bad |= lc.easy_setopt(c->curl, CURLOPT_DEBUGFUNCTION, smtp_debug) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_DEBUGDATA, c) != CURLE_OK;
	bad |= lc.easy_setopt(c->curl, CURLOPT_VERBOSE, 1L) != CURLE_OK;
	/* Unknown before libcurl 7.69: then one recipient per transaction. */
	if (lc.easy_setopt(c->curl, OPT_RCPT_ALLOWFAILS, 1L) != CURLE_OK)
		*allowfails = false;
	return bad ? -1 : 0;
}

static int
smtp_open(const char *spec, unsigned connections, void **state,
    struct tld_error *err)
{
	struct smtp *s;
	long use_ssl;
	int rc;

	pthread_once(&curl_once, curl_init_once);
	if (lc.global_init == NULL) {
		*err = curl_load_err;
		return err->code;
	}
	if (curl_init_rc != CURLE_OK)
		return tld_error_set(err, TLD_EIO, "mail",
		    "cannot initialise libcurl: %s",
		    lc.easy_strerror(curl_init_rc));
	if ((rc = check_url(spec, err)) != 0)
		return rc;
	/*
	 * smtps:// is TLS from the start.  On smtp:// STARTTLS is used when
	 * offered, and required when the URL carries a password: otherwise
	 * someone in the middle could strip STARTTLS and read it.
	 */
	use_ssl = strncasecmp(spec, "smtps://", 8) == 0 || url_has_password(spec) ?
	    (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY;
	s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->todo_cv, NULL);
	pthread_cond_init(&s->done_cv, NULL);
	pthread_cond_init(&s->eod_cv, NULL);
	s->todo_tail = &s->todo;
	s->done_tail = &s->done;
	s->allowfails = true;
	s->n = connections;
	s->conns = xcalloc(connections, sizeof(*s->conns));
	for (unsigned i = 0; i < connections; i++) {
		s->conns[i].pool = s;
		if (conn_init(&s->conns[i], spec, use_ssl, &s->allowfails) < 0) {
			smtp_close(s);
			return tld_error_set(err, TLD_EIO, "mail",
			    "libcurl refused an SMTP option");
		}
	}
	for (unsigned i = 0; i < connections; i++) {
		if (pthread_create(&s->conns[i].thread, NULL, worker,
		    &s->conns[i]) != 0) {
			smtp_close(s);
			return tld_error_set(err, TLD_EIO, "mail",
			    "cannot start an SMTP worker thread");
		}
		s->conns[i].started = true;
	}
	*state = s;
	return 0;
}

static void
smtp_submit(void *state, struct transport_job *job)
{
	struct smtp *s = state;

	pthread_mutex_lock(&s->mu);
	job->next_ = NULL;
	*s->todo_tail = job;
	s->todo_tail = &job->next_;
	s->inflight++;
	pthread_cond_signal(&s->todo_cv);
	pthread_mutex_unlock(&s->mu);
}

static struct transport_job *
smtp_wait(void *state)
{
	struct smtp *s = state;
	struct transport_job *job = NULL;

	pthread_mutex_lock(&s->mu);
	if (s->eod_owner != NULL && s->eod_handed) {
		/* The caller has recorded the job that had the turn. */
		s->eod_owner = NULL;
		pthread_cond_broadcast(&s->eod_cv);
	}
	while (s->done == NULL && s->inflight > 0)
		pthread_cond_wait(&s->done_cv, &s->mu);
	if (s->done != NULL) {
		job = s->done;
		s->done = job->next_;
		if (s->done == NULL)
			s->done_tail = &s->done;
		job->next_ = NULL;
		s->inflight--;
		if (job == s->eod_owner)
			s->eod_handed = true;
	}
	pthread_mutex_unlock(&s->mu);
	return job;
}

static unsigned
smtp_parallel(const void *state)
{
	const struct smtp *s = state;

	return s->n;
}

const struct transport_ops transport_smtp_ops = {
	.kind = "smtp",
	.open = smtp_open,
	.submit = smtp_submit,
	.wait = smtp_wait,
	.parallel = smtp_parallel,
	.close = smtp_close,
};
