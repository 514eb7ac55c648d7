/* SPDX-License-Identifier: MIT */
/*
 * Submission over SMTP with libcurl: one easy handle per transport, so
 * curl keeps the connection open between messages; STARTTLS when the
 * server offers it on smtp:// (CURLUSESSL_TRY), TLS from the first byte
 * on smtps://; AUTH from the URL's user:password, which curl reads itself.
 * libcurl does the SMTP dot-stuffing.  lc.global_init() runs on the
 * first open only, so commands that never send mail pay nothing for it.
 * Failures are sorted for the outbox: a 5xx reply or refused login is
 * permanent (TLD_EINVAL), everything else is worth a retry (TLD_EIO).
 */
#include "mail/transport_internal.h"

#include <pthread.h>
#include <stdbool.h>
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
#define REPLY_MAX 160

struct smtp {
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	/* The message being uploaded: borrowed for one transport_send(). */
	const char *data;
	size_t len;
	size_t pos;
	/* The server's last 4xx/5xx reply line, printable ASCII only. */
	char reply[REPLY_MAX];
	/* After a failure the session may be mid-transaction: start afresh. */
	bool fresh;
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
	struct smtp *s = userdata;
	size_t room = size * nitems, n = s->len - s->pos;

	if (n > room)
		n = room;
	if (n > 0)
		memcpy(dst, s->data + s->pos, n);
	s->pos += n;
	return n;
}

/*
 * Keep the server's last error reply for the error message.  Only what
 * the server sent (CURLINFO_HEADER_IN): what we send holds the password.
 */
static int
smtp_debug(CURL *h, curl_infotype type, char *data, size_t size,
    void *userdata)
{
	struct smtp *s = userdata;
	size_t o = 0;

	(void)h;
	if (type != CURLINFO_HEADER_IN || size == 0 ||
	    (data[0] != '4' && data[0] != '5'))
		return 0;
	for (size_t i = 0; i < size && o + 1 < sizeof(s->reply); i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\r' || c == '\n')
			break;
		s->reply[o++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	s->reply[o] = '\0';
	return 0;
}

static void
smtp_close(void *state)
{
	struct smtp *s = state;

	if (s == NULL)
		return;
	if (s->curl != NULL)
		lc.easy_cleanup(s->curl);
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
smtp_open(const char *spec, void **state, struct tld_error *err)
{
	struct smtp *s;
	long use_ssl;
	int bad = 0, rc;

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
	s = xcalloc(1, sizeof(*s));
	s->curl = lc.easy_init();
	if (s->curl == NULL) {
		smtp_close(s);
		return tld_error_set(err, TLD_EIO, "mail",
		    "cannot create a libcurl handle");
	}
	/*
	 * smtps:// is TLS from the start.  On smtp:// STARTTLS is used when
	 * offered, and required when the URL carries a password: otherwise
	 * someone in the middle could strip STARTTLS and read it.
	 */
	use_ssl = strncasecmp(spec, "smtps://", 8) == 0 || url_has_password(spec) ?
	    (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY;
	bad |= lc.easy_setopt(s->curl, CURLOPT_URL, spec) != CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
	bad |= lc.easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps") !=
	    CURLE_OK;
#else
	bad |= lc.easy_setopt(s->curl, CURLOPT_PROTOCOLS,
	    (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS)) != CURLE_OK;
#endif
	bad |= lc.easy_setopt(s->curl, CURLOPT_USE_SSL, use_ssl) != CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT,
	    CONNECT_TIMEOUT_S) != CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_UPLOAD, 1L) != CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_READFUNCTION, smtp_read) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_READDATA, s) != CURLE_OK;
	/* VERBOSE only feeds smtp_debug(); nothing goes to stderr. */
	bad |= lc.easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, smtp_debug) !=
	    CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_DEBUGDATA, s) != CURLE_OK;
	bad |= lc.easy_setopt(s->curl, CURLOPT_VERBOSE, 1L) != CURLE_OK;
	if (bad) {
		smtp_close(s);
		return tld_error_set(err, TLD_EIO, "mail",
		    "libcurl refused an SMTP option");
	}
	*state = s;
	return 0;
}

static int
smtp_send(void *state, const char *from, const char *rcpt, const char *data,
    size_t len, struct tld_error *err)
{
	struct smtp *s = state;
	struct curl_slist *rcpts;
	struct buf arg;
	CURLcode cc;
	long code = 0;
	int rc;

	buf_init(&arg);
	buf_printf(&arg, "<%s>", rcpt);
	rcpts = lc.slist_append(NULL, buf_str(&arg));
	buf_reset(&arg);
	buf_printf(&arg, "<%s>", from);
	if (rcpts == NULL) {
		buf_fini(&arg);
		return tld_error_set(err, TLD_EIO, "mail", "out of memory");
	}
	s->data = data;
	s->len = len;
	s->pos = 0;
	s->errbuf[0] = '\0';
	s->reply[0] = '\0';
	if (lc.easy_setopt(s->curl, CURLOPT_FRESH_CONNECT, s->fresh ? 1L : 0L) !=
	    CURLE_OK ||
	    lc.easy_setopt(s->curl, CURLOPT_MAIL_FROM, buf_str(&arg)) !=
	    CURLE_OK ||
	    lc.easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpts) != CURLE_OK ||
	    lc.easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)len) != CURLE_OK)
		cc = CURLE_FAILED_INIT;
	else
		cc = lc.easy_perform(s->curl);
	if (lc.easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code) !=
	    CURLE_OK)
		code = 0;
	/* The handle outlives this call; the list and the data do not. */
	lc.easy_setopt(s->curl, CURLOPT_MAIL_RCPT, (struct curl_slist *)NULL);
	s->data = NULL;
	s->len = s->pos = 0;
	lc.slist_free_all(rcpts);
	buf_fini(&arg);
	s->fresh = cc != CURLE_OK;
	if (cc == CURLE_OK)
		return 0;
	/*
	 * Permanent: a refused login, a recipient or message refused for good
	 * (55x, 501 bad address syntax).  Other 5xx (500, 502-504: command or
	 * sequence errors) come from the session, not the recipient: retry on
	 * a fresh connection.
	 */
	rc = cc == CURLE_LOGIN_DENIED || code >= 550 || code == 501 ?
	    TLD_EINVAL : TLD_EIO;
	return tld_error_set(err, rc, "mail",
	    "smtp: %s (response code %ld)%s%s",
	    s->errbuf[0] != '\0' ? s->errbuf : lc.easy_strerror(cc), code,
	    s->reply[0] != '\0' ? ": " : "", s->reply);
}

const struct transport_ops transport_smtp_ops = {
	.kind = "smtp",
	.open = smtp_open,
	.send = smtp_send,
	.close = smtp_close,
};
