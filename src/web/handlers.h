/* SPDX-License-Identifier: MIT */
/*
 * The handlers the route table (routes.c) points to, by file, and the
 * sections one page borrows from another's file.
 */
#ifndef TLD_WEB_HANDLERS_H
#define TLD_WEB_HANDLERS_H

#include <stdbool.h>

#include "util/buf.h"
#include "web/req.h"

void api_me(struct web_req *rq, struct web_resp *rs);
void api_me_key(struct web_req *rq, struct web_resp *rs);
void api_me_key_post(struct web_req *rq, struct web_resp *rs);
void api_keys(struct web_req *rq, struct web_resp *rs);
void api_contact_key_post(struct web_req *rq, struct web_resp *rs);
void api_cctlds(struct web_req *rq, struct web_resp *rs);
void api_cctld_show(struct web_req *rq, struct web_resp *rs);
void api_search(struct web_req *rq, struct web_resp *rs);
void api_contacts(struct web_req *rq, struct web_resp *rs);
void api_requests_list(struct web_req *rq, struct web_resp *rs);
void api_request_show(struct web_req *rq, struct web_resp *rs);
void api_request_create(struct web_req *rq, struct web_resp *rs);
void api_request_approve(struct web_req *rq, struct web_resp *rs);
void api_request_reject(struct web_req *rq, struct web_resp *rs);
void api_authorize(struct web_req *rq, struct web_resp *rs);
void api_exceptions(struct web_req *rq, struct web_resp *rs);
void api_exception_add(struct web_req *rq, struct web_resp *rs);
void api_audit(struct web_req *rq, struct web_resp *rs);
void api_stats(struct web_req *rq, struct web_resp *rs);
void api_alert_send(struct web_req *rq, struct web_resp *rs);
void api_outbox(struct web_req *rq, struct web_resp *rs);
void api_accounts(struct web_req *rq, struct web_resp *rs);
void api_account_add(struct web_req *rq, struct web_resp *rs);
/* api_accounts.c: revocation, for the secretariat. */
void api_account_end(struct web_req *rq, struct web_resp *rs);
void api_tokens(struct web_req *rq, struct web_resp *rs);
void api_token_create(struct web_req *rq, struct web_resp *rs);
void api_token_revoke(struct web_req *rq, struct web_resp *rs);
/* api_contacts.c */
void api_contact_show(struct web_req *rq, struct web_resp *rs);
void api_contact_add(struct web_req *rq, struct web_resp *rs);
void api_contact_update(struct web_req *rq, struct web_resp *rs);
void api_contact_remove(struct web_req *rq, struct web_resp *rs);
void api_contact_history(struct web_req *rq, struct web_resp *rs);
void api_login(struct web_req *rq, struct web_resp *rs);
void api_routes(struct web_req *rq, struct web_resp *rs);
/* The OpenAPI 3.1 document of the API (src/web/openapi.json), public. */
void api_openapi(struct web_req *rq, struct web_resp *rs);
void api_offline(struct web_req *rq, struct web_resp *rs);
void api_archive(struct web_req *rq, struct web_resp *rs);
void api_archive_show(struct web_req *rq, struct web_resp *rs);

void api_docs(struct web_req *rq, struct web_resp *rs);
void page_docs(struct web_req *rq, struct web_resp *rs);
void web_doc(struct web_req *rq, struct web_resp *rs);
/* The documents rq->who may read, as an HTML list (with an h2 if heading). */
void page_docs_list(struct web_req *rq, struct buf *b, bool heading);

void web_healthz(struct web_req *rq, struct web_resp *rs);
void web_metrics(struct web_req *rq, struct web_resp *rs);
void web_style(struct web_req *rq, struct web_resp *rs);

void page_home(struct web_req *rq, struct web_resp *rs);
/* pages_join.c */
void page_join(struct web_req *rq, struct web_resp *rs);
void page_join_post(struct web_req *rq, struct web_resp *rs);
void page_login(struct web_req *rq, struct web_resp *rs);
void page_login_post(struct web_req *rq, struct web_resp *rs);
void page_login_link(struct web_req *rq, struct web_resp *rs);
void page_login_link_post(struct web_req *rq, struct web_resp *rs);
void page_logout(struct web_req *rq, struct web_resp *rs);
void page_search(struct web_req *rq, struct web_resp *rs);
void page_cctld(struct web_req *rq, struct web_resp *rs);
void page_me(struct web_req *rq, struct web_resp *rs);
void page_me_post(struct web_req *rq, struct web_resp *rs);
void page_me_key_post(struct web_req *rq, struct web_resp *rs);
void page_committee(struct web_req *rq, struct web_resp *rs);
/* pages_held.c: the list's held posts */
void page_held(struct web_req *rq, struct web_resp *rs);
void page_held_approve(struct web_req *rq, struct web_resp *rs);
void page_held_reject(struct web_req *rq, struct web_resp *rs);
void api_held_list(struct web_req *rq, struct web_resp *rs);
void api_held_approve(struct web_req *rq, struct web_resp *rs);
void api_held_reject(struct web_req *rq, struct web_resp *rs);
void page_approve(struct web_req *rq, struct web_resp *rs);
void page_reject(struct web_req *rq, struct web_resp *rs);
/* pages_alerts.c */
void page_alert(struct web_req *rq, struct web_resp *rs);
void page_alert_send(struct web_req *rq, struct web_resp *rs);
void page_alerts(struct web_req *rq, struct web_resp *rs);
void page_digest(struct web_req *rq, struct web_resp *rs);
void page_digest_send(struct web_req *rq, struct web_resp *rs);
void api_alerts(struct web_req *rq, struct web_resp *rs);
void api_digest(struct web_req *rq, struct web_resp *rs);
void api_digest_send(struct web_req *rq, struct web_resp *rs);
/*
 * The alert's compose form (posts to the preview), heading an h2 or NULL,
 * the values shown, err the refusal to name (NULL: none).
 */
void page_alert_compose(struct web_req *rq, struct buf *b, const char *heading,
    const char *subject, const char *tlp, const char *body,
    const struct tld_error *err);
void page_authorize(struct web_req *rq, struct web_resp *rs);
void page_authorize_post(struct web_req *rq, struct web_resp *rs);
void page_confirm(struct web_req *rq, struct web_resp *rs);
void page_confirm_post(struct web_req *rq, struct web_resp *rs);
void page_offline(struct web_req *rq, struct web_resp *rs);
void page_archive(struct web_req *rq, struct web_resp *rs);
void page_archive_post(struct web_req *rq, struct web_resp *rs);
void page_archive_attachment(struct web_req *rq, struct web_resp *rs);
void page_offline_json(struct web_req *rq, struct web_resp *rs);
void page_offline_sig(struct web_req *rq, struct web_resp *rs);
void page_plan_stats(struct web_req *rq, struct web_resp *rs);
void page_plan_outreach(struct web_req *rq, struct web_resp *rs);
void page_plan_actions(struct web_req *rq, struct web_resp *rs);
void page_plan_meetings(struct web_req *rq, struct web_resp *rs);
void page_plan_meeting_add(struct web_req *rq, struct web_resp *rs);
void page_plan_initiative_add(struct web_req *rq, struct web_resp *rs);
void page_plan_event_add(struct web_req *rq, struct web_resp *rs);
void page_plan_initiative(struct web_req *rq, struct web_resp *rs);
/* The forms that change an initiative: the route's last segment says which. */
void page_plan_initiative_change(struct web_req *rq, struct web_resp *rs);
void page_plan_event(struct web_req *rq, struct web_resp *rs);
/* The forms that change an event: the route's last segment says which. */
void page_plan_event_change(struct web_req *rq, struct web_resp *rs);
void page_plan_pack(struct web_req *rq, struct web_resp *rs);

/* pages_contacts.c: the secretariat's contacts. */
void page_contacts(struct web_req *rq, struct web_resp *rs);
void page_contact_new(struct web_req *rq, struct web_resp *rs);
void page_contact_add(struct web_req *rq, struct web_resp *rs);
void page_contact(struct web_req *rq, struct web_resp *rs);
void page_contact_edit(struct web_req *rq, struct web_resp *rs);
void page_contact_remove(struct web_req *rq, struct web_resp *rs);

/* pages_actions.c: action items and objectives (page_plan_actions the list). */
void page_action_add(struct web_req *rq, struct web_resp *rs);
void page_action(struct web_req *rq, struct web_resp *rs);
/* The forms that change an item: the route's last segment says which. */
void page_action_change(struct web_req *rq, struct web_resp *rs);
void page_objective_add(struct web_req *rq, struct web_resp *rs);
void page_objective(struct web_req *rq, struct web_resp *rs);
void page_objective_change(struct web_req *rq, struct web_resp *rs);
/* api_actions.c: the same in the API. */
void api_actions(struct web_req *rq, struct web_resp *rs);
void api_action_show(struct web_req *rq, struct web_resp *rs);
void api_action_add(struct web_req *rq, struct web_resp *rs);
void api_action_update(struct web_req *rq, struct web_resp *rs);
void api_action_change(struct web_req *rq, struct web_resp *rs);
void api_objectives(struct web_req *rq, struct web_resp *rs);
void api_objective_show(struct web_req *rq, struct web_resp *rs);
void api_objective_add(struct web_req *rq, struct web_resp *rs);
void api_objective_update(struct web_req *rq, struct web_resp *rs);

/* pages_outreach.c: outreach (page_plan_outreach the list), and its API. */
void page_outreach(struct web_req *rq, struct web_resp *rs);
void page_outreach_set(struct web_req *rq, struct web_resp *rs);
void api_outreach(struct web_req *rq, struct web_resp *rs);
void api_outreach_show(struct web_req *rq, struct web_resp *rs);
void api_outreach_update(struct web_req *rq, struct web_resp *rs);

/* pages_documents.c: the committee's documents: upload, remove; the API's. */
void page_committee_docs(struct web_req *rq, struct web_resp *rs);
void page_committee_docs_add(struct web_req *rq, struct web_resp *rs);
void page_committee_docs_remove(struct web_req *rq, struct web_resp *rs);
void api_doc_add(struct web_req *rq, struct web_resp *rs);
void api_doc_remove(struct web_req *rq, struct web_resp *rs);

/* pages_audit.c: the audit log to browse. */
void page_audit(struct web_req *rq, struct web_resp *rs);
void api_audit_entries(struct web_req *rq, struct web_resp *rs);
/* pages_stats_dl.c: the stats as downloads (page and API routes). */
void web_stats_svg(struct web_req *rq, struct web_resp *rs);
void web_stats_csv(struct web_req *rq, struct web_resp *rs);
/* pages_import.c: the secretariat's import, and the API's. */
void page_import(struct web_req *rq, struct web_resp *rs);
void page_import_check(struct web_req *rq, struct web_resp *rs);
void page_import_apply(struct web_req *rq, struct web_resp *rs);
void api_import(struct web_req *rq, struct web_resp *rs);

/* pages_exports.c: the secretariat's downloads, and the API's. */
void page_exports(struct web_req *rq, struct web_resp *rs);
void page_export_download(struct web_req *rq, struct web_resp *rs);
void api_export(struct web_req *rq, struct web_resp *rs);

/* The committee dashboard's section on contact freshness (pages_freshness.c). */
void page_freshness_section(struct web_req *rq, struct buf *b);

/* pages_exceptions.c: exceptions and the list's allowed senders; their API. */
void page_exceptions(struct web_req *rq, struct web_resp *rs);
void page_exception_add(struct web_req *rq, struct web_resp *rs);
void page_exception_remove(struct web_req *rq, struct web_resp *rs);
void page_allowed_add(struct web_req *rq, struct web_resp *rs);
void page_allowed_remove(struct web_req *rq, struct web_resp *rs);
void api_exception_remove(struct web_req *rq, struct web_resp *rs);
void api_allowed(struct web_req *rq, struct web_resp *rs);
void api_allowed_add(struct web_req *rq, struct web_resp *rs);
void api_allowed_remove(struct web_req *rq, struct web_resp *rs);

/* pages_accounts.c: the secretariat's accounts and API tokens. */
void page_accounts(struct web_req *rq, struct web_resp *rs);
void page_account_add(struct web_req *rq, struct web_resp *rs);
/* POST /accounts/{email}/disable and .../remove. */
void page_account_end(struct web_req *rq, struct web_resp *rs);
void page_token_create(struct web_req *rq, struct web_resp *rs);
void page_token_revoke(struct web_req *rq, struct web_resp *rs);

/* pages_iana.c: IANA records pasted or fetched; POST /api/v1/iana. */
void page_iana(struct web_req *rq, struct web_resp *rs);
void page_iana_import(struct web_req *rq, struct web_resp *rs);
void page_iana_fetch(struct web_req *rq, struct web_resp *rs);
void api_iana(struct web_req *rq, struct web_resp *rs);

#endif
