/* SPDX-License-Identifier: MIT */
/*
 * `tldops deliver`: parse, policy, distribute (service/list/inbound.h).
 * What is slow or can fail without the database (parsing, building the
 * copy) happens before the transaction, so the write lock is held only for
 * the few inserts; the members' deliveries are one INSERT ... SELECT.
 */
#define _GNU_SOURCE /* strcasestr */
#include "service/list/inbound.h"
#include "service/list/archive.h"
#include "service/list/bounces.h"
#include "service/list/inbound_internal.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "mail/message.h"
#include "mail/list_copy.h"
#include "mail/mime.h"
#include "model/email.h"
#include "model/states.h"
#include "service/audit.h"
#include "service/outbox.h"
#include "service/list/crypto.h"
#include "service/outbox_crypt.h"
#include "store/account_store.h"
#include "store/contact_store.h"
#include "store/outbox_store.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/digest.h"
#include "util/log.h"
#include "util/xalloc.h"

/* ---- addresses ----------------------------------------------------------- */

int
list_addrs_get(const struct config *cfg, struct list_addrs *a,
    struct tld_error *err)
{
	const char *post = cfg->list_post_address[0] != '\0' ?
	    cfg->list_post_address : cfg->list_address;
	const char *at = strchr(post, '@');
	const char *tag = cfg->list_subject_tag;
	size_t n;

	memset(a, 0, sizeof(*a));
	if (at == NULL || at == post || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(post) >= sizeof(a->post) - 16)
		return tld_error_set(err, TLD_EINVAL, "list.address",
		    "\"%s\" is not an address local@domain", post);
	snprintf(a->post, sizeof(a->post), "%s", post);
	snprintf(a->local, sizeof(a->local), "%.*s", (int)(at - post), post);
	snprintf(a->domain, sizeof(a->domain), "%s", at + 1);
	if (cfg->list_bounces[0] != '\0')
		snprintf(a->bounces, sizeof(a->bounces), "%s", cfg->list_bounces);
	else
		snprintf(a->bounces, sizeof(a->bounces), "%.250s-bounces@%.250s",
		    a->local, a->domain);
	snprintf(a->owner, sizeof(a->owner), "%.250s-owner@%.250s", a->local,
	    a->domain);
	snprintf(a->request, sizeof(a->request), "%.250s-request@%.250s",
	    a->local, a->domain);
	/* "[TLD-OPS]" -> "TLD-OPS"; no tag: the local part. */
	n = strlen(tag);
	if (n > 2 && tag[0] == '[' && tag[n - 1] == ']')
		snprintf(a->name, sizeof(a->name), "%.*s", (int)(n - 2), tag + 1);
	else if (n > 0)
		snprintf(a->name, sizeof(a->name), "%s", tag);
	else
		snprintf(a->name, sizeof(a->name), "%s", a->local);
	return 0;
}

/* Which of our addresses recipient is; *ext gets a bounce's +extension. */
static const char *
route(const struct list_addrs *a, const char *recipient, const char **ext)
{
	const char *at = strrchr(recipient, '@');
	const char *bat = strrchr(a->bounces, '@');
	size_t blocal = bat ? (size_t)(bat - a->bounces) : 0;

	*ext = "";
	if (strcasecmp(recipient, a->post) == 0)
		return "list";
	if (strcasecmp(recipient, a->owner) == 0)
		return "owner";
	if (strcasecmp(recipient, a->request) == 0)
		return "request";
	if (strcasecmp(recipient, a->bounces) == 0)
		return "bounces";
	/* local-bounces+EXT@domain (VERP): the MTA keeps the extension. */
	if (at != NULL && bat != NULL && strcasecmp(at, bat) == 0 &&
	    (size_t)(at - recipient) > blocal + 1 &&
	    strncasecmp(recipient, a->bounces, blocal) == 0 &&
	    recipient[blocal] == '+') {
		*ext = recipient + blocal + 1;
		return "bounces";
	}
	return NULL;
}

int64_t
list_deliver_limit(const struct config *cfg)
{
	/* Over max_message_size a post is held; far over it, refused unread. */
	return cfg->list_max_message_size * 4;
}

/* ---- TLP ----------------------------------------------------------------- */

/* "TLP:RED" or "TLP: amber+strict" at p: the label's TLP, or TLP_NONE. */
static enum tlp
tlp_at(const char *p)
{
	static const char *const names[] = {
		"amber+strict", "clear", "white", "green", "amber", "red",
	};
	static const enum tlp values[] = {
		TLP_AMBER_STRICT, TLP_CLEAR, TLP_CLEAR, TLP_GREEN, TLP_AMBER, TLP_RED,
	};

	if (strncasecmp(p, "TLP:", 4) != 0)
		return TLP_NONE;
	p += 4;
	while (*p == ' ')
		p++;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);

		if (strncasecmp(p, names[i], n) == 0 &&
		    (p[n] == '\0' || p[n] == ']' || p[n] == ' ' || p[n] == '\r' ||
		    p[n] == '\n' || p[n] == ',' || p[n] == '.'))
			return values[i];
	}
	return TLP_NONE;
}

enum tlp
inbound_tlp(const char *subject, const char *text)
{
	enum tlp t;
	const char *p;
	int lines = 0;

	/* "[TLP:RED]" anywhere in the subject. */
	for (p = subject; (p = strcasestr(p, "TLP:")) != NULL; p++)
		if ((t = tlp_at(p)) != TLP_NONE)
			return t;
	/* A "TLP:" line among the first lines of the text. */
	for (p = text; p != NULL && *p != '\0' && lines < 40; lines++) {
		const char *q = p;

		while (*q == ' ' || *q == '\t' || *q == '*' || *q == '[')
			q++;
		if ((t = tlp_at(q)) != TLP_NONE)
			return t;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return TLP_NONE;
}

/* ---- parse --------------------------------------------------------------- */

/* What the policy reads of a message; strings borrowed from the parse. */
struct mime_post {
	const char *from_addr, *from_name, *subject, *message_id;
	const char *list_id, *x_loop, *auto_submitted, *precedence, *text;
	bool autoreply_hint;
	char problem[128];
	struct mime_message m;
};

static const char *
hdr(const struct mime_message *m, const char *name)
{
	const char *v = mime_header_get(m, name);

	return v != NULL ? v : "";
}

static bool
starts_with_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Subjects vacation responders write (Mailman's and Schleuder's lists). */
static bool
autoreply_subject(const char *s)
{
	static const char *const prefixes[] = {
		"Out of Office", "Out-of-office", "Auto:", "Automatic reply",
		"Autoreply", "Auto-reply", "Auto reply", "Vacation",
		"Abwesenheitsnotiz", "Absence", "R\xc3\xa9ponse automatique",
		"Respuesta autom\xc3\xa1tica",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_with_ci(s, prefixes[i]))
			return true;
	return false;
}

static int
parse(const char *raw, size_t len, struct mime_post *p, struct tld_error *err)
{
	struct list_copy_check chk;
	const char *gen;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = list_copy_check(raw, len, &chk, err)) < 0)
		return rc;
	if ((rc = mime_parse(chk.msg, chk.len, &p->m, err)) < 0)
		return rc;
	/* The header block's and the body's bytes first, then the MIME structure. */
	snprintf(p->problem, sizeof(p->problem), "%s",
	    chk.problem[0] != '\0' ? chk.problem : p->m.flaw);
	p->from_addr = p->m.from_addr;
	p->from_name = p->m.from_name;
	p->subject = p->m.subject;
	p->message_id = p->m.message_id;
	p->text = p->m.text != NULL ? p->m.text : "";
	p->list_id = hdr(&p->m, "List-Id");
	p->x_loop = hdr(&p->m, "X-Loop");
	p->auto_submitted = hdr(&p->m, "Auto-Submitted");
	p->precedence = hdr(&p->m, "Precedence");
	gen = hdr(&p->m, "X-Autogenerated");
	p->autoreply_hint = mime_header_get(&p->m, "X-Autoreply") != NULL ||
	    mime_header_get(&p->m, "X-Autorespond") != NULL ||
	    mime_header_get(&p->m, "X-Vacation") != NULL ||
	    strcasecmp(gen, "reply") == 0 || autoreply_subject(p->subject);
	return 0;
}

/* ---- policy -------------------------------------------------------------- */

static bool
null_sender(const char *sender)
{
	return sender != NULL && (sender[0] == '\0' || strcmp(sender, "<>") == 0 ||
	    strncasecmp(sender, "MAILER-DAEMON@", 14) == 0 ||
	    strcasecmp(sender, "MAILER-DAEMON") == 0);
}

/* Whether addr may post without a moderator: an active contact or allowed. */
static int
may_post(struct tld_ctx *ctx, const char *addr, bool *ok, struct tld_error *err)
{
	struct contact c;
	struct tld_error ne;
	char norm[EMAIL_MAX + 1];
	int rc;

	*ok = false;
	if (addr == NULL || *addr == '\0')
		return 0;
	/*
	 * As contacts and allowed senders are stored: IDN domains as A-labels.
	 * GMime hands the From of "a@cctld.xn--mgbcpq6gpa1a" over decoded (a
	 * U-label), which matched no contact, so the member's post was held.
	 * An address that does not normalise is nobody's.
	 */
	tld_error_clear(&ne);
	if (email_normalize(addr, strlen(addr), norm, sizeof(norm), &ne) < 0)
		return 0;
	addr = norm;
	rc = store_contact_find_email(ctx->store, addr, &c, err);
	if (rc == 0) {
		*ok = true;
		return 0;
	}
	if (rc != TLD_ENOTFOUND)
		return rc;
	tld_error_clear(err);
	return store_list_allow_covers(ctx->store, addr, ok, err);
}

/*
 * The verdict on a post: state "distributed", "held" or "dropped" and the
 * reason.  Auto-reply reasons start with "auto-reply" (no notice is ever
 * sent for them: held_reject).
 */
static int
policy(struct tld_ctx *ctx, const struct list_addrs *a,
    const struct mime_post *p, const char *sender, size_t len, char *state,
    size_t statelen, char *reason, size_t reasonlen, struct tld_error *err)
{
	const char *mode = ctx->cfg.list_moderate;
	bool ok;
	int rc;

#define VERDICT(st, ...) do { \
	snprintf(state, statelen, "%s", list_post_state_names[st]); \
	snprintf(reason, reasonlen, __VA_ARGS__); \
	return 0; \
} while (0)

	if (p->list_id[0] != '\0' && strcasestr(p->list_id, ctx->cfg.list_id))
		VERDICT(LIST_POST_DROPPED, "a loop: it carries our own List-Id %s",
		    p->list_id);
	if (p->x_loop[0] != '\0' && strcasestr(p->x_loop, a->post))
		VERDICT(LIST_POST_DROPPED, "a loop: it carries our own X-Loop %s",
		    p->x_loop);
	if (p->auto_submitted[0] != '\0' &&
	    strncasecmp(p->auto_submitted, "no", 2) != 0)
		VERDICT(LIST_POST_HELD, "auto-reply: Auto-Submitted: %.100s",
		    p->auto_submitted);
	if (strcasecmp(p->precedence, "bulk") == 0 ||
	    strcasecmp(p->precedence, "junk") == 0 ||
	    strcasecmp(p->precedence, "list") == 0)
		VERDICT(LIST_POST_HELD, "auto-reply or bulk mail: Precedence: %s",
		    p->precedence);
	if (p->autoreply_hint)
		VERDICT(LIST_POST_HELD, "auto-reply: a vacation or out-of-office responder");
	if (null_sender(sender))
		VERDICT(LIST_POST_HELD, "auto-reply: the null envelope sender (a bounce or "
		    "an automatic message)");
	if (p->problem[0] != '\0')
		VERDICT(LIST_POST_HELD, "malformed: %s", p->problem);
	if ((int64_t)len > ctx->cfg.list_max_message_size)
		VERDICT(LIST_POST_HELD, "too large: %zu bytes, over [list] max_message_size "
		    "(%" PRId64 ")", len, ctx->cfg.list_max_message_size);
	if (p->from_addr[0] == '\0')
		VERDICT(LIST_POST_HELD, "no From address");
	if (strcmp(mode, "all") == 0)
		VERDICT(LIST_POST_HELD, "moderated: every post waits for the committee");
	if (strcmp(mode, "none") == 0)
		VERDICT(LIST_POST_DISTRIBUTED, "%s", "");
	if ((rc = may_post(ctx, p->from_addr, &ok, err)) < 0)
		return rc;
	if (!ok)
		VERDICT(LIST_POST_HELD, "non-member: From %.150s is not an active contact",
		    p->from_addr);
	if (sender != NULL && strcasecmp(sender, p->from_addr) != 0) {
		if ((rc = may_post(ctx, sender, &ok, err)) < 0)
			return rc;
		if (!ok)
			VERDICT(LIST_POST_HELD, "non-member: the envelope sender %.150s is not "
			    "an active contact", sender);
	}
	VERDICT(LIST_POST_DISTRIBUTED, "%s", "");
#undef VERDICT
}

/* ---- distribute ---------------------------------------------------------- */

int
list_post_copy(struct tld_ctx *ctx, const char *raw, size_t len,
    struct buf *out, struct tld_error *err)
{
	return list_post_copy_signed(ctx, raw, len, NULL, NULL, out, err);
}

int
list_post_copy_signed(struct tld_ctx *ctx, const char *raw, size_t len,
    const char *signature, const char *preface, struct buf *out,
    struct tld_error *err)
{
	struct list_addrs a;
	struct list_copy_opts o;
	struct buf post, help, archive, owner, footer;
	const char *base = ctx->cfg.base_url;
	char playbooks[CONFIG_STR_MAX];
	int rc;

	if ((rc = list_addrs_get(&ctx->cfg, &a, err)) < 0)
		return rc;
	buf_init(&post);
	buf_init(&help);
	buf_init(&archive);
	buf_init(&owner);
	buf_init(&footer);
	buf_printf(&post, "<mailto:%s>", a.post);
	buf_printf(&help, "<mailto:%s?subject=help>", a.request);
	buf_printf(&archive, "<%s/archive>", base);
	buf_printf(&owner, "<mailto:%s>", a.owner);
	/* The playbooks: the first configured link, or the documents page. */
	snprintf(playbooks, sizeof(playbooks), "%s", ctx->cfg.playbook_urls);
	playbooks[strcspn(playbooks, ", ")] = '\0';
	buf_printf(&footer, "-- \n%s mailing list <%s>\n"
	    "Emergency lookup: %s/search\n"
	    "Playbooks: %s\n",
	    a.name, a.post, base, playbooks[0] ? playbooks : "");
	if (playbooks[0] == '\0') {
		buf_truncate(&footer, footer.len - 1);
		buf_printf(&footer, "%s/docs\n", base);
	}
	memset(&o, 0, sizeof(o));
	o.list_address = a.post;
	o.list_name = a.name;
	o.list_id = ctx->cfg.list_id;
	o.subject_tag = ctx->cfg.list_subject_tag;
	o.from_rewrite = strcmp(ctx->cfg.list_from_rewrite, "always") == 0;
	o.list_post = buf_str(&post);
	o.list_help = buf_str(&help);
	o.list_archive = buf_str(&archive);
	o.list_owner = buf_str(&owner);
	o.footer = buf_str(&footer);
	o.signature = signature;
	o.preface = preface;
	rc = list_copy_make(raw, len, &o, out, err);
	buf_fini(&post);
	buf_fini(&help);
	buf_fini(&archive);
	buf_fini(&owner);
	buf_fini(&footer);
	return rc;
}

/* The TLP label stored with a post ("TLP:RED"), as the enum. */
static enum tlp
post_tlp(const struct list_post *post)
{
	for (enum tlp t = TLP_CLEAR; t <= TLP_RED; t++)
		if (strcmp(post->tlp, tlp_label(t)) == 0)
			return t;
	return TLP_NONE;
}

/* The archive's hand-off: every distributed post that is not TLP:RED. */
static int
archive_hand_off(struct tld_ctx *ctx, int64_t post_id, const char *tlp,
    const char *raw, size_t len, struct tld_error *err)
{
	int rc;

	if (strcmp(tlp, "TLP:RED") == 0)
		return 0; /* for the eyes of the recipients only */
	(void)post_id;
	/* The post as received; 0 when archived already (the same Message-ID). */
	rc = archive_add_post(ctx, raw, len, err);
	if (rc == TLD_EDENIED && strcmp(err->field, "tlp") == 0) {
		/* A "TLP: RED" line the subject did not show: distributed, not kept. */
		tld_error_clear(err);
		return 0;
	}
	return rc < 0 ? rc : 0;
}

int
inbound_distribute(struct tld_ctx *ctx, struct list_post *post,
    const char *copy, const char *raw, size_t len, struct tld_error *err)
{
	struct list_addrs a;
	enum outbox_crypt_mode crypt;
	struct buf marked;
	char sender[CONFIG_STR_MAX + 32];
	int64_t msg, members;
	int rc, n;

	if ((rc = list_addrs_get(&ctx->cfg, &a, err)) < 0)
		return rc;
	/* Encrypted to each member at send time, as [crypto] encrypt says. */
	if ((rc = outbox_crypt_mode(&ctx->cfg, post_tlp(post), &crypt, err)) < 0)
		return rc;
	buf_init(&marked);
	outbox_crypt_mark(&marked, crypt, post_tlp(post));
	buf_puts(&marked, copy);
	rc = outbox_queue_data(ctx, "post", OUTBOX_SAME_BYTES, post->subject,
	    a.bounces, buf_str(&marked), NULL, 0, &msg, err);
	buf_fini(&marked);
	if (rc < 0)
		return rc;
	/* VERP: a bounce names the message (service/list/bounces.h). */
	if ((rc = bounces_envelope_sender(&ctx->cfg, 'm', msg, sender,
	    sizeof(sender), err)) < 0 ||
	    (rc = store_list_mail_sender(ctx->store, msg, sender, err)) < 0)
		return rc;
	/*
	 * One row, not one per member: the outbox makes the deliveries at its
	 * next run (migration 023), so Postfix's pipe is answered as soon at
	 * 10k members as at 10.  The count is of the members now.
	 */
	if ((rc = store_fan_out_later(ctx->store, msg, clock_now(), err)) < 0 ||
	    (rc = store_contact_count_active(ctx->store, &members, err)) < 0)
		return rc;
	n = members > INT_MAX ? INT_MAX : (int)members;
	post->mail_message = msg;
	if ((rc = archive_hand_off(ctx, post->id, post->tlp, raw, len, err)) < 0)
		return rc;
	return n;
}

/* ---- deliver ------------------------------------------------------------- */

static void
set_state(struct list_post *row, enum list_post_state st)
{
	snprintf(row->state, sizeof(row->state), "%s", list_post_state_names[st]);
}

static void
fill_post(struct list_post *row, const char *address, const struct mime_post *p,
    const char *sender, const char *raw, size_t len)
{
	memset(row, 0, sizeof(*row));
	snprintf(row->address, sizeof(row->address), "%s", address);
	if (p->message_id[0] != '\0') {
		snprintf(row->message_id, sizeof(row->message_id), "%s",
		    p->message_id);
	} else {
		char hex[DIGEST_SHA256_HEX + 1];

		/* No Message-ID: the same bytes are the same message. */
		digest_sha256_hex(raw, len, hex);
		snprintf(row->message_id, sizeof(row->message_id), "sha256:%s", hex);
	}
	row->received = clock_now();
	snprintf(row->envelope_from, sizeof(row->envelope_from), "%s",
	    sender ? sender : "");
	snprintf(row->from_addr, sizeof(row->from_addr), "%s", p->from_addr);
	snprintf(row->from_name, sizeof(row->from_name), "%s", p->from_name);
	snprintf(row->subject, sizeof(row->subject), "%s", p->subject);
	snprintf(row->tlp, sizeof(row->tlp), "%s",
	    tlp_label(inbound_tlp(p->subject, p->text)));
}

static int
audit_post(struct tld_ctx *ctx, const char *action, const struct list_post *row,
    int recipients, struct tld_error *err)
{
	char id[24];
	json_t *after;
	int rc;

	snprintf(id, sizeof(id), "%" PRId64, row->id);
	after = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "address",
	    row->address, "message_id", row->message_id, "state", row->state,
	    "reason", row->reason, "tlp", row->tlp, "recipients", recipients);
	rc = audit_record(ctx, action, "post", id, NULL, after, err);
	json_decref(after);
	return rc;
}

/* The secretariat's accounts, or [mail] secretariat when there are none. */
struct owners {
	char **addrs;
	size_t n;
};

static int
collect_owner(void *p, const struct account *acc)
{
	struct owners *o = p;

	if (acc->disabled == 0 && strcmp(acc->role, "secretariat") == 0) {
		o->addrs = xreallocarray(o->addrs, o->n + 1, sizeof(*o->addrs));
		o->addrs[o->n++] = xstrdup(acc->email);
	}
	return 0;
}

static int
forward_to_owner(struct tld_ctx *ctx, const struct list_addrs *a,
    struct list_post *row, const char *raw, size_t len, struct tld_error *err)
{
	struct owners o = { NULL, 0 };
	struct buf copy;
	int rc;

	buf_init(&copy);
	if ((rc = list_copy_forward(raw, len, "X-Loop", a->post, &copy, err)) < 0)
		goto out;
	if ((rc = store_account_each(ctx->store, collect_owner, &o, err)) < 0)
		goto out;
	if (o.n == 0) {
		o.addrs = xmalloc(sizeof(*o.addrs));
		o.addrs[o.n++] = xstrdup(ctx->cfg.secretariat);
	}
	rc = outbox_queue_data(ctx, "owner", OUTBOX_SAME_BYTES, row->subject,
	    a->bounces, buf_str(&copy), (const char *const *)o.addrs, o.n, &row->mail_message,
	    err);
out:
	for (size_t i = 0; i < o.n; i++)
		free(o.addrs[i]);
	free(o.addrs);
	buf_fini(&copy);
	return rc;
}

static int
answer_request(struct tld_ctx *ctx, const struct list_addrs *a,
    struct list_post *row, struct tld_error *err)
{
	struct mail_spec spec;
	struct buf body;
	const char *to = row->from_addr[0] ? row->from_addr : row->envelope_from;
	const char *rcpt[] = { to };
	int rc;

	buf_init(&body);
	buf_printf(&body,
	    "This is the request address of the %s mailing list <%s>.\n\n"
	    "The list is for the operators of country-code top-level domains.\n"
	    "To join, ask on the web site: %s/ (\"How to join\"); the IANA\n"
	    "administrative or technical contact of your ccTLD authorises the\n"
	    "request, then the committee approves it.\n\n"
	    "Questions go to the list's owner: %s\n",
	    a->name, a->post, ctx->cfg.base_url, a->owner);
	memset(&spec, 0, sizeof(spec));
	spec.to_addr = to;
	spec.subject = "How to join the list";
	spec.body = buf_str(&body);
	spec.list_id = ctx->cfg.list_id;
	rc = outbox_queue(ctx, "request", OUTBOX_SAME_BYTES, &spec, rcpt, 1,
	    &row->mail_message, err);
	buf_fini(&body);
	return rc;
}

/* Whether an answer may go to this message's sender at all. */
static bool
may_answer(const struct mime_post *p, const char *sender)
{
	return !null_sender(sender) && !p->autoreply_hint &&
	    (p->auto_submitted[0] == '\0' ||
	    strncasecmp(p->auto_submitted, "no", 2) == 0) &&
	    p->precedence[0] == '\0' && p->from_addr[0] != '\0';
}

int
list_deliver(struct tld_ctx *ctx, const char *recipient, const char *sender,
    const char *raw, size_t len, struct list_deliver_result *res,
    struct tld_error *err)
{
	struct list_addrs a;
	struct mime_post post, *p = &post;
	struct list_post row;
	struct inbound_pgp pgp;
	struct buf copy;
	const char *kind, *ext;
	int rc, n = 0;

	memset(res, 0, sizeof(*res));
	if ((rc = list_addrs_get(&ctx->cfg, &a, err)) < 0)
		return rc;
	if (recipient == NULL || (kind = route(&a, recipient, &ext)) == NULL)
		return tld_error_set(err, TLD_ENOTFOUND, "recipient",
		    "the list has no address %.200s (it has %s, %s, %s, %s)",
		    recipient ? recipient : "", a.post, a.owner, a.request,
		    a.bounces);
	snprintf(res->address, sizeof(res->address), "%s", kind);
	if ((int64_t)len > list_deliver_limit(&ctx->cfg))
		return tld_error_set(err, TLD_ELIMIT, "message",
		    "%zu bytes is over the limit of %" PRId64 " (4 x [list] "
		    "max_message_size)", len, list_deliver_limit(&ctx->cfg));
	/*
	 * The MTA deletes its copy when we return 0, so a commit here must
	 * survive a power loss, not only a crash of this process (docs/list.md).
	 */
	if ((rc = store_durable_commits(ctx->store, err)) < 0)
		return rc;
	if (strcmp(kind, "bounces") == 0) {
		snprintf(res->state, sizeof(res->state), "bounce");
		/* Matched and counted, or kept for the secretariat: committed here. */
		if ((rc = store_begin(ctx->store, err)) < 0)
			return rc;
		rc = store_end(ctx->store, bounces_receive(ctx, ext, raw, len,
		    err), err);
		return rc < 0 ? rc : 0;
	}
	/* 1. parse */
	if ((rc = parse(raw, len, p, err)) < 0)
		return rc;
	buf_init(&copy);
	/* Encrypted to the list key: decrypted, so the policy sees the post. */
	if ((rc = inbound_pgp_open(ctx, raw, len, &pgp, err)) < 0) {
		inbound_pgp_fini(&pgp);
		mime_message_fini(&p->m);
		buf_fini(&copy);
		return rc;
	}
	if (pgp.raw.len > 0) {
		mime_message_fini(&p->m);
		raw = pgp.raw.data;
		len = pgp.raw.len;
		if ((rc = parse(raw, len, p, err)) < 0) {
			inbound_pgp_fini(&pgp);
			buf_fini(&copy);
			return rc;
		}
	}
	if ((rc = inbound_pgp_judge(ctx, &pgp, p->from_addr, err)) < 0)
		goto out;
	fill_post(&row, kind, p, sender, raw, len);
	/* 2. policy */
	if (strcmp(kind, "list") == 0) {
		if ((rc = policy(ctx, &a, p, sender, len, row.state,
		    sizeof(row.state), row.reason, sizeof(row.reason), err)) < 0)
			goto out;
		if (list_post_state_from(row.state) == LIST_POST_DISTRIBUTED && pgp.hold[0] != '\0') {
			set_state(&row, LIST_POST_HELD);
			snprintf(row.reason, sizeof(row.reason), "%.250s", pgp.hold);
		}
		if (list_post_state_from(row.state) == LIST_POST_DISTRIBUTED &&
		    list_post_copy_signed(ctx, raw, len, pgp.signature,
		    pgp.preface, &copy, err) < 0) {
			/* It cannot be passed on as it is: a moderator decides. */
			set_state(&row, LIST_POST_HELD);
			snprintf(row.reason, sizeof(row.reason), "malformed: %.200s",
			    err->message);
			tld_error_clear(err);
		}
		if (list_post_state_from(row.state) == LIST_POST_DISTRIBUTED) {
			enum outbox_crypt_mode crypt;
			struct tld_error ce;

			/* TLP:RED goes only encrypted: if it cannot be, it waits. */
			tld_error_clear(&ce);
			if (outbox_crypt_mode(&ctx->cfg, post_tlp(&row), &crypt, &ce) < 0) {
				set_state(&row, LIST_POST_HELD);
				snprintf(row.reason, sizeof(row.reason), "%s: cannot be "
				    "encrypted: %s: %.150s", row.tlp, ce.field, ce.message);
			}
		}
	} else if ((p->list_id[0] && strcasestr(p->list_id, ctx->cfg.list_id)) ||
	    (p->x_loop[0] && strcasestr(p->x_loop, a.post))) {
		set_state(&row, LIST_POST_DROPPED);
		snprintf(row.reason, sizeof(row.reason), "a loop: it carries our "
		    "own List-Id or X-Loop");
	} else if (strcmp(kind, "owner") == 0) {
		set_state(&row, LIST_POST_FORWARDED);
	} else if (may_answer(p, sender)) {
		set_state(&row, LIST_POST_ANSWERED);
	} else {
		set_state(&row, LIST_POST_DROPPED);
		snprintf(row.reason, sizeof(row.reason), "an automatic message: "
		    "not answered");
	}
	/* 3. store and distribute, one transaction */
	if ((rc = store_begin(ctx->store, err)) < 0)
		goto out;
	rc = store_list_post_insert(ctx->store, &row, raw, len, err);
	if (rc == TLD_EEXIST) {
		store_rollback(ctx->store);
		tld_error_clear(err);
		res->duplicate = true;
		snprintf(res->state, sizeof(res->state), "duplicate");
		log_info("service", "post <%s> to %s came before: not stored again",
		    row.message_id, kind);
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto fail;
	if (list_post_state_from(row.state) == LIST_POST_DISTRIBUTED)
		n = rc = inbound_distribute(ctx, &row, buf_str(&copy), raw, len, err);
	else if (list_post_state_from(row.state) == LIST_POST_FORWARDED)
		n = rc = forward_to_owner(ctx, &a, &row, raw, len, err);
	else if (list_post_state_from(row.state) == LIST_POST_ANSWERED)
		n = rc = answer_request(ctx, &a, &row, err);
	if (rc < 0)
		goto fail;
	if (row.mail_message != 0 && (rc = store_list_post_decide(ctx->store,
	    row.id, row.state, row.state, "", 0, "", row.mail_message, err)) < 0)
		goto fail;
	if ((rc = audit_post(ctx, "list.receive", &row, n, err)) < 0)
		goto fail;
	if ((rc = store_commit(ctx->store, err)) < 0)
		goto out;
	if (list_post_state_from(row.state) == LIST_POST_DROPPED)
		log_warnx("service", "post %" PRId64 " to %s dropped: %s", row.id,
		    kind, row.reason);
	res->post_id = row.id;
	snprintf(res->state, sizeof(res->state), "%s", row.state);
	snprintf(res->reason, sizeof(res->reason), "%s", row.reason);
	res->recipients = n;
	rc = 0;
	goto out;
fail:
	store_rollback(ctx->store);
out:
	buf_fini(&copy);
	mime_message_fini(&p->m);
	inbound_pgp_fini(&pgp);
	return rc;
}
