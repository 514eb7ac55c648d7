/* SPDX-License-Identifier: MIT */
/*
 * Tests of service/list/archive and service/list/bounces on a real SQLite
 * repository: a post archived once (a second delivery of the same
 * Message-ID writes nothing), TLP:RED refused, replies threaded under
 * their parent even when they arrive first, search by words; a DSN to the
 * VERP address matched to its delivery and contact, 5.1.1 marking at
 * once, other hard bounces marking at the third within the window, soft
 * bounces counted only, and what is no report kept for the secretariat.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "service/directory/contacts.h"
#include "service/list/archive.h"
#include "service/list/bounces.h"
#include "service/list/mailing.h"
#include "store/cctld_store.h"
#include "util/clock.h"

#define T0 INT64_C(1796115600)
#define DAY INT64_C(86400)

static struct tld_ctx ctx;
static char dir[64];
static struct contact gone, slow;

static int
setup(void **state)
{
	struct tld_error err;
	struct contact_fields f;
	struct cctld c;
	char path[128];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/tldops-unit-archive.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	memset(&ctx, 0, sizeof(ctx));
	config_defaults(&ctx.cfg);
	snprintf(ctx.cfg.list_bounces, sizeof(ctx.cfg.list_bounces),
	    "tld-ops-bounces@lists.example");
	snprintf(ctx.actor, sizeof(ctx.actor), "test");
	snprintf(ctx.mail, sizeof(ctx.mail), "maildir:%s/mail", dir);
	clock_set_fixed(T0);
	assert_int_equal(store_open(path, true, &ctx.store, &err), 0);
	memset(&c, 0, sizeof(c));
	snprintf(c.code, sizeof(c.code), "nl");
	snprintf(c.unicode, sizeof(c.unicode), "nl");
	snprintf(c.country, sizeof(c.country), "Netherlands");
	snprintf(c.iso3166, sizeof(c.iso3166), "NL");
	snprintf(c.region, sizeof(c.region), "EU");
	snprintf(c.kind, sizeof(c.kind), "ascii");
	assert_int_equal(store_cctld_put_reference(ctx.store, &c, &err), 0);
	memset(&f, 0, sizeof(f));
	f.cctld = "nl";
	f.name = "Gone Away";
	f.email = "gone@nic.example";
	f.phone = "+31 20 123 4567";
	assert_int_equal(contacts_add(&ctx, &f, &gone, &err), 0);
	f.name = "Slow Server";
	f.email = "slow@nic.example";
	assert_int_equal(contacts_add(&ctx, &f, &slow, &err), 0);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	store_close(ctx.store);
	clock_set_fixed(0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static int
add(const char *raw, struct tld_error *err)
{
	int rc;

	assert_int_equal(store_begin(ctx.store, err), 0);
	rc = archive_add_post(&ctx, raw, strlen(raw), err);
	if (rc >= 0)
		assert_int_equal(store_commit(ctx.store, err), 0);
	else
		store_rollback(ctx.store);
	return rc;
}

struct seen {
	int n;
	int64_t ids[8];
	int64_t threads[8];
};

static int
seen_cb(void *arg, const struct archive_entry *e)
{
	struct seen *s = arg;

	if (s->n < 8) {
		s->ids[s->n] = e->id;
		s->threads[s->n] = e->thread_id;
	}
	s->n++;
	return 0;
}

static struct seen
search(const char *words)
{
	struct archive_query q;
	struct seen s;
	struct tld_error err;

	memset(&q, 0, sizeof(q));
	memset(&s, 0, sizeof(s));
	q.words = words;
	assert_true(archive_list(&ctx, &q, seen_cb, &s, &err) >= 0);
	return s;
}

static void
archive_once_threaded_searchable(void **state)
{
	struct tld_error err;
	struct seen s;
	int root, reply, child;

	(void)state;
	/* A reply to a reply arrives before both (an import out of order). */
	child = add("From: c@x.example\r\nSubject: Re: Re: Patch now\r\n"
	    "Message-ID: <c@x>\r\nIn-Reply-To: <b@x>\r\nReferences: <a@x> <b@x>\r\n"
	    "Date: Tue, 01 Dec 2026 12:00:00 +0000\r\n\r\nthird\r\n", &err);
	assert_true(child > 0);
	root = add("From: A <a@x.example>\r\nSubject: Patch now\r\nMessage-ID: <a@x>\r\n"
	    "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nResolver CVE, patch now.\r\n",
	    &err);
	assert_true(root > 0);
	reply = add("From: b@x.example\r\nSubject: Re: Patch now\r\nMessage-ID: <b@x>\r\n"
	    "In-Reply-To: <a@x>\r\nDate: Tue, 01 Dec 2026 11:00:00 +0000\r\n\r\n"
	    "Done \xc3\xa9t\xc3\xa9 PATCHED.\r\n", &err);
	assert_true(reply > 0);
	/* The same post delivered again: nothing new. */
	assert_int_equal(add("From: A <a@x.example>\r\nSubject: Patch now\r\n"
	    "Message-ID: <a@x>\r\n\r\nagain\r\n", &err), 0);
	assert_int_equal(add("From: r@x\r\nSubject: [TLP:RED] eyes only\r\n"
	    "Message-ID: <r@x>\r\n\r\nno\r\n", &err), TLD_EDENIED);
	assert_string_equal(err.field, "tlp");
	assert_int_equal(add("From: r@x\r\nSubject: plain\r\nMessage-ID: <r2@x>\r\n"
	    "\r\nTLP: RED\r\nno\r\n", &err), TLD_EDENIED);

	s = search("patch");
	assert_int_equal(s.n, 3);
	assert_int_equal(s.ids[0], child);  /* newest first */
	assert_int_equal(s.ids[1], reply);
	assert_int_equal(s.ids[2], root);
	s = search("resolver cve");
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], root);
	s = search("PATCHED  été");
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], reply);
	assert_int_equal(s.threads[0], root);
	s = search("patch third");
	assert_int_equal(s.n, 1);
	assert_int_equal(s.threads[0], root);  /* adopted into the root's thread */
	s = search("!!!");
	assert_int_equal(s.n, 0);
	assert_true(archive_is_tlp_red("x", "* TLP:RED *\nbody"));
	assert_false(archive_is_tlp_red("TLP:REDACTED", "TLP:AMBER"));
}

static const char DSN_FMT[] =
    "From: MAILER-DAEMON@mx.example\r\n"
    "To: tld-ops-bounces+%s@lists.example\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\r\n"
    "\r\n--R\r\nContent-Type: text/plain\r\n\r\nsorry\r\n"
    "--R\r\nContent-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; mx.example\r\n\r\n"
    "Final-Recipient: rfc822; %s\r\nAction: %s\r\nStatus: %s\r\n"
    "Diagnostic-Code: smtp; 550 no\r\n\r\n--R--\r\n";

static int
bounce(const char *ext, const char *rcpt, const char *action,
    const char *status)
{
	char raw[2048];
	struct tld_error err;
	int rc;

	snprintf(raw, sizeof(raw), DSN_FMT, ext, rcpt, action, status);
	assert_int_equal(store_begin(ctx.store, &err), 0);
	rc = bounces_receive(&ctx, ext, raw, strlen(raw), &err);
	assert_true(rc >= 0);
	assert_int_equal(store_commit(ctx.store, &err), 0);
	return rc;
}

struct sum {
	int64_t hard[2], soft[2], since[2];
};

static int
sum_cb(void *arg, const struct bounce_summary *b)
{
	struct sum *s = arg;
	int i = b->contact_id == gone.id ? 0 : 1;

	s->hard[i] = b->hard;
	s->soft[i] = b->soft;
	s->since[i] = b->undeliverable;
	return 0;
}

static struct sum
summary(void)
{
	struct sum s;
	struct tld_error err;

	memset(&s, 0, sizeof(s));
	assert_true(bounces_summary(&ctx, sum_cb, &s, &err) >= 0);
	return s;
}

static int
kept_cb(void *arg, const struct bounce_kept *b)
{
	(void)b;
	(*(int *)arg)++;
	return 0;
}

static void
bounces_matched_and_marked(void **state)
{
	struct tld_error err;
	char ext[32], sender[128];
	int64_t msg = 0;
	struct sum s;
	int kept = 0;

	(void)state;
	assert_int_equal(alert_send(&ctx, "Test", "body", TLP_NONE, &msg, &err), 2);
	assert_int_equal(bounces_envelope_sender(&ctx.cfg, 'm', msg, sender,
	    sizeof(sender), &err), 0);
	snprintf(ext, sizeof(ext), "m%lld", (long long)msg);
	assert_non_null(strstr(sender, ext));
	assert_string_equal(strchr(sender, '@'), "@lists.example");

	/* Soft: counted, never marked. */
	assert_int_equal(bounce(ext, "slow@nic.example", "delayed", "4.4.1"), 1);
	assert_int_equal(bounce(ext, "slow@nic.example", "failed", "4.2.2"), 1);
	s = summary();
	assert_int_equal(s.soft[1], 2);
	assert_int_equal(s.since[1], 0);
	/* Two other hard bounces do not mark; the third within 30 days does. */
	assert_int_equal(bounce(ext, "slow@nic.example", "failed", "5.2.2"), 1);
	clock_set_fixed(T0 + 10 * DAY);
	assert_int_equal(bounce(ext, "slow@nic.example", "failed", "5.7.1"), 1);
	assert_int_equal(summary().since[1], 0);
	clock_set_fixed(T0 + 20 * DAY);
	assert_int_equal(bounce(ext, "slow@nic.example", "failed", "5.2.2"), 1);
	assert_int_equal(summary().since[1], T0 + 20 * DAY);
	/* 5.1.1 marks at once. */
	assert_int_equal(bounce(ext, "Gone@NIC.example", "failed", "5.1.1"), 1);
	s = summary();
	assert_int_equal(s.hard[0], 1);
	assert_int_equal(s.since[0], T0 + 20 * DAY);

	/* Not ours, not a report: kept for the secretariat. */
	assert_int_equal(bounce("m999999", "gone@nic.example", "failed", "5.1.1"), 0);
	assert_int_equal(store_begin(ctx.store, &err), 0);
	assert_int_equal(bounces_receive(&ctx, NULL, "Subject: away\r\n\r\nhi\r\n",
	    20, &err), 0);
	assert_int_equal(store_commit(ctx.store, &err), 0);
	assert_int_equal(bounces_kept(&ctx, kept_cb, &kept, &err), 2);
	assert_int_equal(kept, 2);
	/* Without an extension: the newest delivery to that recipient. */
	assert_int_equal(bounce("", "gone@nic.example", "failed", "5.1.1"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(archive_once_threaded_searchable),
		cmocka_unit_test(bounces_matched_and_marked),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
