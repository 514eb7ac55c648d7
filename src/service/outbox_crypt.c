/* SPDX-License-Identifier: MIT */
/* The outbox's per-recipient encryption (service/outbox_crypt.h). */
#include "service/outbox_crypt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/pgp_mime.h"
#include "store/contact_store.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/random.h"
#include "util/xalloc.h"

#define MARK "X-TLD-OPS-Encrypt: "
#define MARK_LEN (sizeof(MARK) - 1)

/* A recipient of the prepared message and what the repository says of it. */
struct prepared_rcpt {
	char *addr;
	int found;             /* 1 a contact's address, 0 nobody's, -1 unknown */
	char email[EMAIL_MAX + 1];
	char pgp_fingerprint[PGP_FPR_MAX + 1];
};

struct outbox_crypt {
	struct pgp_encryptor *enc;
	int64_t message;       /* the message prepared for ... */
	struct prepared_rcpt *prepared; /* ... these recipients (by addr) */
	size_t nprepared;
};

static int
cmp_rcpt(const void *a, const void *b)
{
	return strcmp(((const struct prepared_rcpt *)a)->addr,
	    ((const struct prepared_rcpt *)b)->addr);
}

/* recipient's entry when message is the one prepared, else NULL. */
static const struct prepared_rcpt *
prepared_find(const struct outbox_crypt *st, int64_t message,
    const char *recipient)
{
	struct prepared_rcpt key;

	if (st == NULL || st->message != message || message == 0)
		return NULL;
	key.addr = (char *)recipient;
	return bsearch(&key, st->prepared, st->nprepared, sizeof(key), cmp_rcpt);
}

static void
prepared_clear(struct outbox_crypt *st)
{
	for (size_t i = 0; i < st->nprepared; i++)
		free(st->prepared[i].addr);
	free(st->prepared);
	st->prepared = NULL;
	st->nprepared = 0;
	st->message = 0;
}

/* The run's state, the list key's signer loaded on first need. */
static int
state_get(struct tld_ctx *ctx, struct outbox_crypt **state,
    struct tld_error *err)
{
	struct outbox_crypt *st;

	if (*state != NULL)
		return 0;
	st = xcalloc(1, sizeof(*st));
	/* Retried (TLD_EIO): a keyring put right lets them go out. */
	if (pgp_encryptor_new(ctx->cfg.list_key, &st->enc, err) < 0) {
		free(st);
		err->code = TLD_EIO;
		return TLD_EIO;
	}
	*state = st;
	return 0;
}

int
outbox_crypt_mode(const struct config *cfg, enum tlp tlp,
    enum outbox_crypt_mode *mode, struct tld_error *err)
{
	*mode = OUTBOX_CRYPT_NONE;
	if (strcmp(cfg->encrypt, "never") == 0) {
		if (tlp == TLP_RED)
			return tld_error_set(err, TLD_EDENIED, "tlp",
			    "TLP:RED mail goes only encrypted, and [crypto] encrypt "
			    "is never");
		return 0;
	}
	if (tlp == TLP_RED)
		*mode = OUTBOX_CRYPT_ONLY;
	else if (strcmp(cfg->encrypt, "always") == 0)
		*mode = OUTBOX_CRYPT_PREFER;
	if (*mode != OUTBOX_CRYPT_NONE && cfg->list_key[0] == '\0')
		return tld_error_set(err, TLD_EINVAL, "list_key",
		    "is not set ([crypto] list_key): %s mail is encrypted and signed "
		    "by the list key", tlp == TLP_RED ? "TLP:RED" : "all");
	return 0;
}

void
outbox_crypt_mark(struct buf *out, enum outbox_crypt_mode mode, enum tlp tlp)
{
	if (mode == OUTBOX_CRYPT_NONE)
		return;
	buf_printf(out, MARK "%s; tlp=%s\r\n",
	    mode == OUTBOX_CRYPT_ONLY ? "only" : "prefer",
	    tlp != TLP_NONE ? tlp_label(tlp) : "none");
}

bool
outbox_crypt_marked(const char *data, size_t len)
{
	return len > MARK_LEN && memcmp(data, MARK, MARK_LEN) == 0;
}

/* The mark's mode and label; *rest is where the message proper starts. */
static enum outbox_crypt_mode
parse_mark(const char *data, size_t len, char *label, size_t labellen,
    size_t *rest)
{
	const char *p = data + MARK_LEN, *end = data + len, *eol = p;
	enum outbox_crypt_mode mode;
	size_t n = 0;

	while (eol + 1 < end && !(eol[0] == '\r' && eol[1] == '\n'))
		eol++;
	*rest = eol + 1 < end ? (size_t)(eol + 2 - data) : len;
	mode = (size_t)(eol - p) >= 4 && memcmp(p, "only", 4) == 0 ?
	    OUTBOX_CRYPT_ONLY : OUTBOX_CRYPT_PREFER;
	label[0] = '\0';
	for (const char *t = p; t + 5 <= eol; t++) {
		if (memcmp(t, "tlp=", 4) != 0)
			continue;
		for (t += 4; t < eol && n + 1 < labellen; t++)
			if ((*t >= 'A' && *t <= 'Z') || *t == ':' || *t == '+')
				label[n++] = *t;
		label[n] = '\0';
		break;
	}
	if (strncmp(label, "TLP:", 4) != 0)
		label[0] = '\0';
	return mode;
}

/* Split "Name <addr>" from the configuration. */
static void
split_from(const char *in, char *name, size_t namelen, char *addr,
    size_t addrlen)
{
	const char *lt = strchr(in, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (lt != NULL && gt != NULL) {
		size_t n = (size_t)(lt - in);

		while (n > 0 && in[n - 1] == ' ')
			n--;
		snprintf(name, namelen, "%.*s", (int)n, in);
		snprintf(addr, addrlen, "%.*s", (int)(gt - lt - 1), lt + 1);
	} else {
		name[0] = '\0';
		snprintf(addr, addrlen, "%s", in);
	}
}

/* The notice a member without a usable key gets instead of TLP:RED text. */
static int
compose_notice(struct tld_ctx *ctx, const char *recipient, const char *label,
    const char *why, struct buf *out, struct tld_error *err)
{
	char name[CONFIG_STR_MAX], addr[CONFIG_STR_MAX], msgid[CONFIG_STR_MAX + 40], rnd[33], subject[96];
	const char *domain;
	struct mail_spec spec;
	struct buf body;
	int rc;

	split_from(ctx->cfg.mail_from, name, sizeof(name), addr, sizeof(addr));
	domain = strchr(addr, '@');
	random_hex(rnd, sizeof(rnd), 16);
	snprintf(msgid, sizeof(msgid), "<%s@%s>", rnd, domain ? domain + 1 : "localhost");
	snprintf(subject, sizeof(subject), "[%s] A message is waiting for your OpenPGP key",
	    label[0] ? label : "TLP:RED");
	buf_init(&body);
	buf_printf(&body,
	    "A %s message is waiting: add your key at %s/me\n\n"
	    "%s messages go only encrypted, and there is no usable OpenPGP\n"
	    "key for you (%s),\nso its text is not in this mail.\n"
	    "Once your public key is on /me (it must match the fingerprint in\n"
	    "your entry), such messages reach you encrypted; the secretariat\n"
	    "(%s) can send you this one again.\n",
	    label[0] ? label : "TLP:RED", ctx->cfg.base_url,
	    label[0] ? label : "TLP:RED", why, ctx->cfg.secretariat);
	memset(&spec, 0, sizeof(spec));
	spec.from_name = name;
	spec.from_addr = addr;
	spec.to_addr = recipient;
	spec.subject = subject;
	spec.message_id = msgid;
	spec.date = clock_now();
	spec.list_id = ctx->cfg.list_id;
	spec.body = buf_str(&body);
	rc = mail_compose(&spec, out, err);
	buf_fini(&body);
	return rc;
}

bool
outbox_crypt_prepared(const struct outbox_crypt *state, int64_t message,
    const char *recipient)
{
	return prepared_find(state, message, recipient) != NULL;
}

void
outbox_crypt_prepare(struct tld_ctx *ctx, struct outbox_crypt **state,
    int64_t message, const char *data, size_t len,
    const char *const *recipients, size_t n)
{
	const char **fprs = xcalloc(n + 1, sizeof(*fprs));
	const char **addrs = xcalloc(n + 1, sizeof(*addrs));
	struct outbox_crypt *st;
	struct contact c;
	struct tld_error e;
	char label[24];
	size_t rest, nk = 0;

	tld_error_clear(&e);
	if (!outbox_crypt_marked(data, len) || message == 0 ||
	    state_get(ctx, state, &e) < 0)
		goto out;
	st = *state;
	prepared_clear(st);
	(void)parse_mark(data, len, label, sizeof(label), &rest);
	/*
	 * Each recipient is looked up once for the batch: apply() takes the
	 * key from here, and a batch where nobody has a key (or gpg failed)
	 * is still prepared, so the next delivery does not look them all up
	 * again.
	 */
	st->prepared = xcalloc(n + 1, sizeof(*st->prepared));
	for (size_t i = 0; i < n; i++) {
		struct prepared_rcpt *p = &st->prepared[st->nprepared++];
		int rc = store_contact_find_email(ctx->store, recipients[i], &c, &e);

		p->addr = xstrdup(recipients[i]);
		p->found = rc == 0 ? 1 : rc == TLD_ENOTFOUND ? 0 : -1;
		if (rc != 0)
			continue;
		snprintf(p->email, sizeof(p->email), "%s", c.email);
		snprintf(p->pgp_fingerprint, sizeof(p->pgp_fingerprint), "%s",
		    c.pgp_fingerprint);
	}
	qsort(st->prepared, st->nprepared, sizeof(*st->prepared), cmp_rcpt);
	for (size_t i = 0; i < st->nprepared; i++)
		if (st->prepared[i].found == 1 &&
		    st->prepared[i].pgp_fingerprint[0] != '\0') {
			fprs[nk] = st->prepared[i].pgp_fingerprint;
			addrs[nk++] = st->prepared[i].email;
		}
	st->message = message;
	/* A failure is no error here: each delivery then runs gpg alone. */
	if (nk > 0 && pgp_encryptor_prepare(st->enc, message, data + rest,
	    len - rest, fprs, addrs, nk, clock_now(), &e) < 0)
		log_warnx("mail", "encrypting message %lld once for %zu "
		    "recipients failed (%s: %s): one gpg run each",
		    (long long)message, nk, e.field, e.message);
out:
	free(fprs);
	free(addrs);
}

int
outbox_crypt_apply(struct tld_ctx *ctx, struct outbox_crypt **state,
    int64_t message, const char *recipient, const char *data, size_t len, struct buf *out,
    const char **out_data, size_t *out_len, struct tld_error *err)
{
	const struct prepared_rcpt *p;
	enum outbox_crypt_mode mode;
	struct pgp_key_info info;
	struct contact c;
	struct tld_error e;
	char label[24], subject[64];
	size_t rest;
	int rc;

	*out_data = data;
	*out_len = len;
	if (!outbox_crypt_marked(data, len))
		return 0;
	mode = parse_mark(data, len, label, sizeof(label), &rest);
	memset(&info, 0, sizeof(info));
	tld_error_clear(&e);
	/* The contact as the batch's prepare() found it, or looked up now. */
	p = prepared_find(*state, message, recipient);
	if (p != NULL && p->found >= 0) {
		rc = p->found ? 0 : TLD_ENOTFOUND;
		snprintf(c.email, sizeof(c.email), "%s", p->email);
		snprintf(c.pgp_fingerprint, sizeof(c.pgp_fingerprint), "%s",
		    p->pgp_fingerprint);
	} else {
		rc = store_contact_find_email(ctx->store, recipient, &c, &e);
	}
	if (rc == TLD_ENOTFOUND) {
		snprintf(info.why, sizeof(info.why), "not a member's address");
	} else if (rc < 0) {
		*err = e;
		return rc;
	} else if (c.pgp_fingerprint[0] == '\0') {
		snprintf(info.why, sizeof(info.why), "no pgp_fingerprint on record");
	} else {
		if ((rc = state_get(ctx, state, err)) < 0)
			return rc;
		if (label[0] != '\0')
			snprintf(subject, sizeof(subject), "[%s] Encrypted message", label);
		else
			snprintf(subject, sizeof(subject), "Encrypted message");
		/* From the prepared batch when it is message's and holds the key. */
		rc = pgp_encryptor_encrypt((*state)->enc, message, data + rest, len - rest,
		    c.pgp_fingerprint, c.email, clock_now(), subject, out, &info, err);
		if (rc == 0) {
			*out_data = buf_str(out);
			*out_len = out->len;
			return 0;
		}
		if (rc != TLD_ENOTFOUND)
			return rc;
	}
	if (mode == OUTBOX_CRYPT_PREFER) {
		*out_data = data + rest;
		*out_len = len - rest;
		return 0;
	}
	log_debug("mail", "%s: no usable key (%s): a notice instead", recipient,
	    info.why);
	if ((rc = compose_notice(ctx, recipient, label, info.why, out, err)) < 0)
		return rc;
	*out_data = buf_str(out);
	*out_len = out->len;
	return 0;
}

void
outbox_crypt_free(struct outbox_crypt *state)
{
	if (state == NULL)
		return;
	prepared_clear(state);
	pgp_encryptor_free(state->enc);
	free(state);
}
