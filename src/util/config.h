/* SPDX-License-Identifier: MIT */
/*
 * The configuration: every option declared once in a table (name, type,
 * range, default, help) that drives INI parsing (inih), validation,
 * `tldops config check` and `tldops config show`.
 */
#ifndef TLD_UTIL_CONFIG_H
#define TLD_UTIL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

#define CONFIG_STR_MAX 512

struct config {
	/* [policy] */
	int64_t max_contacts_per_cctld;
	char authorizers[CONFIG_STR_MAX];
	int64_t token_days;
	int64_t initiative_idle_meetings;
	int64_t reconfirm_days;
	int64_t stale_days;
	/* [mail] */
	char mail_from[CONFIG_STR_MAX];
	char list_address[CONFIG_STR_MAX];
	char list_id[CONFIG_STR_MAX];
	char secretariat[CONFIG_STR_MAX];
	char committee[CONFIG_STR_MAX];
	int64_t digest_interval_days;
	int64_t max_attempts;
	int64_t max_recipients;
	int64_t connections;
	char playbook_urls[CONFIG_STR_MAX];
	char signing_key[CONFIG_STR_MAX];
	char queue_key_file[CONFIG_STR_MAX];
	int64_t digest_attach_export;  /* boolean: 0 or 1 */
	/* [crypto] */
	char gnupg_home[CONFIG_STR_MAX];
	char list_key[CONFIG_STR_MAX];
	char encrypt[CONFIG_STR_MAX];  /* always, tlp-red or never */
	/* [list]: the list's inbound side (docs/list.md) */
	char list_post_address[CONFIG_STR_MAX];
	char list_bounces[CONFIG_STR_MAX];
	char list_moderate[CONFIG_STR_MAX];
	int64_t list_hold_days;
	int64_t list_max_message_size;
	char list_subject_tag[CONFIG_STR_MAX];
	char list_from_rewrite[CONFIG_STR_MAX];
	/* [iana] */
	char whois_server[CONFIG_STR_MAX];
	int64_t whois_timeout_seconds;
	/* [docs] */
	int64_t doc_max_size_mib;
	/* [web] */
	char base_url[CONFIG_STR_MAX];
	char listen[CONFIG_STR_MAX];
	char trusted_proxies[CONFIG_STR_MAX];
	int64_t web_threads;
	int64_t session_hours;
	int64_t token_max_days;
	char metrics_token[CONFIG_STR_MAX];
	int64_t max_connections_per_ip;
	int64_t header_timeout_seconds;
	/* [list] bounces (service/list/bounces.h) */
	int64_t bounce_threshold;
	int64_t bounce_window_days;
	char bounce_immediate[CONFIG_STR_MAX];
};

/* Fill every option with its default. */
void config_defaults(struct config *cfg);

/*
 * Read an INI file over the current values.  Unknown sections or keys,
 * values out of range and syntax errors are errors naming "section.key" and
 * the line; cfg is unchanged on failure.
 */
int config_load(struct config *cfg, const char *path, struct tld_error *err);

/* The same over a NUL-terminated string (tests, fuzzing). */
int config_parse_string(struct config *cfg, const char *text,
    struct tld_error *err);

/* Append every option as INI with its help text and current value. */
void config_show(const struct config *cfg, struct buf *out);

#endif
