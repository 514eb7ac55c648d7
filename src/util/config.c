/* SPDX-License-Identifier: MIT */
/* The option table and the INI reader over it. */
#include "util/config.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <errno.h>
#include <ini.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum option_type { OPT_INT, OPT_STR, OPT_BOOL };

#define CONFIG_VALUE_MAX 150

struct option {
	const char *section;
	const char *key;
	enum option_type type;
	size_t offset;
	int64_t min, max;      /* OPT_INT */
	const char *def;       /* default, as it would be written in the file */
	const char *help;
	const char *choices;   /* OPT_STR: "a|b|c", the only values allowed; NULL: any */
};

#define INT_OPT(sec, k, field, lo, hi, d, h) \
	{ sec, k, OPT_INT, offsetof(struct config, field), lo, hi, d, h, NULL }
#define STR_OPT(sec, k, field, d, h) \
	{ sec, k, OPT_STR, offsetof(struct config, field), 0, 0, d, h, NULL }
/* yes/no (also true/false, on/off, 1/0) into an int64_t 1 or 0. */
/* One of the words in choices ("a|b|c"). */
#define CHOICE_OPT(sec, k, field, choices, d, h) \
	{ sec, k, OPT_STR, offsetof(struct config, field), 0, 0, d, h, choices }
#define BOOL_OPT(sec, k, field, d, h) \
	{ sec, k, OPT_BOOL, offsetof(struct config, field), 0, 1, d, h, NULL }

static const struct option options[] = {
	INT_OPT("policy", "max_contacts_per_cctld", max_contacts_per_cctld, 0, 1000, "3",
	    "most active contacts a ccTLD may have (0: no cap)"),
	STR_OPT("policy", "authorizers", authorizers, "admin,tech",
	    "IANA contacts who may authorise requests: admin or admin,tech"),
	INT_OPT("policy", "token_days", token_days, 1, 365, "14",
	    "days an authorisation link stays valid"),
	INT_OPT("policy", "initiative_idle_meetings", initiative_idle_meetings, 0, 100, "2",
	    "meetings without progress before an initiative is flagged idle (0: never)"),
	INT_OPT("policy", "reconfirm_days", reconfirm_days, 30, 3650, "180",
	    "days after which a contact is asked to confirm their entry again"),
	INT_OPT("policy", "stale_days", stale_days, 1, 3650, "60",
	    "days after that ask before an unconfirmed entry is marked stale"),
	STR_OPT("mail", "from", mail_from, "TLD-OPS <tld-ops@localhost>",
	    "From: of every message the system sends"),
	STR_OPT("mail", "list_address", list_address, "tld-ops@localhost",
	    "the list's own address (To: of alerts and the repository mail)"),
	STR_OPT("mail", "list_id", list_id, "tld-ops.localhost",
	    "List-Id of the community's mail"),
	STR_OPT("mail", "secretariat", secretariat, "secretariat@localhost",
	    "where failed deliveries and summaries are reported"),
	STR_OPT("mail", "committee", committee, "committee@localhost",
	    "the standing committee's address (IANA contact changes, reports)"),
	INT_OPT("mail", "digest_interval_days", digest_interval_days, 1, 365, "14",
	    "days between two repository mails"),
	INT_OPT("mail", "max_attempts", max_attempts, 1, 100, "8",
	    "delivery attempts before a message is failed for good"),
	INT_OPT("mail", "max_recipients", max_recipients, 1, 1000, "100",
	    "recipients per SMTP transaction for a message that is the same for "
	    "everyone (alerts, the repository mail, list posts)"),
	INT_OPT("mail", "connections", connections, 1, 64, "4",
	    "SMTP connections used in parallel by one outbox run"),
	STR_OPT("mail", "playbook_urls", playbook_urls, "",
	    "comma-separated playbook links for the repository mail header"),
	STR_OPT("mail", "signing_key", signing_key, "",
	    "OpenPGP key (fingerprint) that signs alerts, the repository mail, the "
	    "confirmation mail and the offline copy; empty: unsigned"),
	STR_OPT("mail", "queue_key_file", queue_key_file, "",
	    "key file sealing queued one-time links; empty: DB.queue-key beside "
	    "SQLite; on PostgreSQL one file shared by every node"),
	BOOL_OPT("mail", "digest_attach_export", digest_attach_export, "no",
	    "attach the signed JSON offline copy to the repository mail: yes or no"),
	STR_OPT("crypto", "gnupg_home", gnupg_home, "",
	    "GnuPG home with the list key and the members' keys; empty: $GNUPGHOME "
	    "or ~/.gnupg"),
	STR_OPT("crypto", "list_key", list_key, "",
	    "fingerprint of the list's own OpenPGP key: signs encrypted mail, "
	    "decrypts posts sent to the list; empty: nothing is encrypted"),
	CHOICE_OPT("crypto", "encrypt", encrypt, "always|tlp-red|never", "tlp-red",
	    "which mail is encrypted to members' keys: always (whenever the member "
	    "has a usable key), tlp-red (TLP:RED only) or never; TLP:RED mail goes "
	    "only encrypted"),
	STR_OPT("list", "address", list_post_address, "",
	    "the address members post to (local-owner@ and local-request@ go with "
	    "it); empty: [mail] list_address"),
	STR_OPT("list", "bounces", list_bounces, "",
	    "envelope sender of the list's mail, bounces come back to it (with "
	    "+extension); empty: local-bounces@ the list's domain"),
	CHOICE_OPT("list", "moderate", list_moderate, "non-members|all|none",
	    "non-members", "which posts wait for the committee: non-members, all or none"),
	INT_OPT("list", "hold_days", list_hold_days, 1, 365, "14",
	    "days a held post waits for a decision before it expires"),
	INT_OPT("list", "max_message_size", list_max_message_size, 1024,
	    INT64_C(1073741824), "5242880",
	    "largest post (bytes) distributed without a moderator; larger ones are held"),
	STR_OPT("list", "subject_tag", list_subject_tag, "[TLD-OPS]",
	    "put before the subject of each post (never twice); empty: none"),
	CHOICE_OPT("list", "from_rewrite", list_from_rewrite, "always|never", "always",
	    "DMARC: From becomes \"Name via the list\", the author in Reply-To: "
	    "always or never"),
	INT_OPT("docs", "max_size_mib", doc_max_size_mib, 1, 256, "20",
	    "largest document (playbook) that may be added, in MiB"),
	STR_OPT("iana", "whois_server", whois_server, "whois.iana.org:43",
	    "HOST:PORT that `tldops iana fetch` asks"),
	INT_OPT("iana", "whois_timeout_seconds", whois_timeout_seconds, 1, 120, "10",
	    "how long one whois answer may take"),
	STR_OPT("web", "base_url", base_url, "http://127.0.0.1:8080",
	    "the public address of the web site, for links in mail"),
	STR_OPT("web", "listen", listen, "127.0.0.1:8080",
	    "address and port `tldops serve` listens on"),
	STR_OPT("web", "trusted_proxies", trusted_proxies, "",
	    "reverse proxies (addresses, comma-separated) whose X-Forwarded-For "
	    "names the client for rate limits and the log; empty: none"),
	INT_OPT("web", "threads", web_threads, 1, 16, "2",
	    "worker threads of `tldops serve` (one per core is plenty)"),
	INT_OPT("web", "session_hours", session_hours, 1, 720, "12",
	    "hours a web session lasts after signing in"),
	INT_OPT("web", "token_max_days", token_max_days, 1, 3650, "365",
	    "longest life of an API token, in days (also cuts short older ones)"),
	STR_OPT("web", "metrics_token", metrics_token, "",
	    "bearer token a Prometheus scraper sends for the figures that depend "
	    "on contacts and accounts; empty: only loopback scrapers get them"),
	INT_OPT("web", "max_connections_per_ip", max_connections_per_ip, 0, 100000,
	    "64", "open connections one client address may hold (0: no limit); "
	    "a trusted proxy counts as many clients"),
	INT_OPT("web", "header_timeout_seconds", header_timeout_seconds, 1, 600,
	    "10", "seconds a client has to send a request's headers"),
	INT_OPT("list", "bounce_threshold", bounce_threshold, 1, 100, "3",
	    "hard bounces within bounce_window_days that mark a contact undeliverable"),
	INT_OPT("list", "bounce_window_days", bounce_window_days, 1, 365, "30",
	    "days over which hard bounces are counted"),
	STR_OPT("list", "bounce_immediate", bounce_immediate, "5.1.1",
	    "statuses (comma-separated) that mark a contact undeliverable at once"),
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

static int
set_option(struct config *cfg, const struct option *o, const char *value,
    struct tld_error *err)
{
	char *base = (char *)cfg + o->offset;

	if (o->type == OPT_BOOL) {
		static const char *const yes[] = { "yes", "true", "on", "1" };
		static const char *const no[] = { "no", "false", "off", "0" };

		for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
			if (strcmp(value, yes[i]) == 0 || strcmp(value, no[i]) == 0) {
				*(int64_t *)(void *)base = strcmp(value, yes[i]) == 0;
				return 0;
			}
		}
		return tld_error_set(err, TLD_EINVAL, o->key,
		    "\"%s\" is not yes or no", value);
	}
	if (o->type == OPT_INT) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0')
			return tld_error_set(err, TLD_EINVAL, o->key,
			    "\"%s\" is not a whole number", value);
		if (v < o->min || v > o->max)
			return tld_error_set(err, TLD_EINVAL, o->key,
			    "%lld is outside %" PRId64 "..%" PRId64, v, o->min, o->max);
		*(int64_t *)(void *)base = v;
		return 0;
	}
	/* Short enough that "key = value" fits one inih line when shown. */
	if (strlen(value) > CONFIG_VALUE_MAX)
		return tld_error_set(err, TLD_EINVAL, o->key,
		    "is longer than %d bytes", CONFIG_VALUE_MAX);
	if (!utf8_valid(value, strlen(value)) ||
	    utf8_has_control(value, strlen(value)))
		return tld_error_set(err, TLD_EINVAL, o->key,
		    "is not UTF-8 text without control characters");
	/* What `config show` writes must read back the same: no comment markers. */
	if (value[0] == ';' || value[0] == '#' || strstr(value, " ;") != NULL ||
	    strstr(value, "\t;") != NULL)
		return tld_error_set(err, TLD_EINVAL, o->key,
		    "may not start with ';' or '#' or contain \" ;\" (INI comments)");
	if (o->choices != NULL) {
		size_t vl = strlen(value);
		bool ok = false;

		for (const char *c = o->choices; *c != '\0'; ) {
			size_t n = strcspn(c, "|");

			ok = ok || (n == vl && strncmp(c, value, n) == 0);
			c += n + (c[n] == '|');
		}
		if (!ok)
			return tld_error_set(err, TLD_EINVAL, o->key,
			    "\"%s\" is not one of %s", value, o->choices);
	}
	/* Zero-filled, so two configurations with equal values compare equal. */
	memset(base, 0, CONFIG_STR_MAX);
	snprintf(base, CONFIG_STR_MAX, "%s", value);
	return 0;
}

void
config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < NOPTIONS; i++)
		(void)set_option(cfg, &options[i], options[i].def, NULL);
}

struct load_ctx {
	struct config *cfg;
	struct tld_error *err;
	int failed;
};

static int
on_value(void *user, const char *section, const char *name, const char *value)
{
	struct load_ctx *ctx = user;

	if (ctx->failed)
		return 0;
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option *o = &options[i];

		if (strcmp(o->section, section) != 0 || strcmp(o->key, name) != 0)
			continue;
		if (set_option(ctx->cfg, o, value, ctx->err) < 0) {
			char msg[sizeof(ctx->err->message)];

			snprintf(msg, sizeof(msg), "%s", ctx->err->message);
			tld_error_set(ctx->err, TLD_EINVAL, "config", "%s.%s: %s",
			    section, name, msg);
			ctx->failed = 1;
			return 0;
		}
		return 1;
	}
	tld_error_set(ctx->err, TLD_EINVAL, "config", "unknown option %s.%s",
	    section, name);
	ctx->failed = 1;
	return 0;
}

/* inih returns the line of the first error; put it in front of the reason. */
static int
finish_load(struct config *cfg, const struct config *tmp, int rc,
    struct load_ctx *ctx)
{
	char msg[sizeof(ctx->err->message)];

	if (ctx->failed) {
		snprintf(msg, sizeof(msg), "%s", ctx->err->message);
		return tld_error_set(ctx->err, TLD_EINVAL, "config", "line %d: %s",
		    rc, msg);
	}
	if (rc != 0)
		return tld_error_set(ctx->err, TLD_EINVAL, "config",
		    "line %d: not \"key = value\" or \"[section]\"", rc);
	*cfg = *tmp;
	return 0;
}

/*
 * inih reads a line in pieces of INI_MAX_LINE bytes and would take the rest
 * of a longer line for a line of its own: refuse such lines first.
 */
static int
check_line_lengths(const char *text, struct tld_error *err)
{
	size_t line = 1;

	for (const char *p = text; *p != '\0'; line++) {
		size_t n = strcspn(p, "\n");

		if (n >= INI_MAX_LINE - 1)
			return tld_error_set(err, TLD_EINVAL, "config",
			    "line %zu: longer than %d bytes", line, INI_MAX_LINE - 2);
		p += n + (p[n] == '\n');
	}
	return 0;
}

int
config_parse_string(struct config *cfg, const char *text, struct tld_error *err)
{
	struct config tmp = *cfg;
	struct tld_error local;
	struct load_ctx ctx = { &tmp, err ? err : &local, 0 };
	int rc;

	if ((rc = check_line_lengths(text, err)) < 0)
		return rc;
	return finish_load(cfg, &tmp, ini_parse_string(text, on_value, &ctx), &ctx);
}

#define CONFIG_FILE_MAX (256 * 1024)

int
config_load(struct config *cfg, const char *path, struct tld_error *err)
{
	char *text;
	size_t n;
	FILE *f = fopen(path, "r");
	int rc;

	if (f == NULL)
		return tld_error_set(err, TLD_EIO, "config", "cannot read %s: %s",
		    path, strerror(errno));
	text = xmalloc(CONFIG_FILE_MAX + 1);
	n = fread(text, 1, CONFIG_FILE_MAX + 1, f);
	rc = ferror(f);
	fclose(f);
	if (rc != 0 || n > CONFIG_FILE_MAX) {
		free(text);
		return tld_error_set(err, rc ? TLD_EIO : TLD_ELIMIT, "config",
		    rc ? "cannot read %s" : "%s is larger than 256 KiB", path);
	}
	text[n] = '\0';
	if (strlen(text) != n)
		rc = tld_error_set(err, TLD_EINVAL, "config", "%s contains a NUL byte",
		    path);
	else
		rc = config_parse_string(cfg, text, err);
	free(text);
	return rc;
}

void
config_show(const struct config *cfg, struct buf *out)
{
	const char *section = "";

	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option *o = &options[i];
		const char *base = (const char *)cfg + o->offset;

		if (strcmp(section, o->section) != 0) {
			buf_printf(out, "%s[%s]\n", i ? "\n" : "", o->section);
			section = o->section;
		}
		buf_printf(out, "# %s (default: %s)\n", o->help, o->def);
		if (o->type == OPT_BOOL)
			buf_printf(out, "%s = %s\n", o->key,
			    *(const int64_t *)(const void *)base ? "yes" : "no");
		else if (o->type == OPT_INT)
			buf_printf(out, "%s = %" PRId64 "\n", o->key,
			    *(const int64_t *)(const void *)base);
		else
			buf_printf(out, "%s = %s\n", o->key, base);
	}
}
