/* SPDX-License-Identifier: MIT */
/*
 * The command line's text for what the services return: each printer takes
 * the JSON a service built (borrowed) and writes lines for people to out.
 * One file per domain: print_core.c, print_directory.c, print_collateral.c,
 * print_planning.c, print_books.c.
 */
#ifndef TLD_CLI_PRINT_H
#define TLD_CLI_PRINT_H

#include <stdio.h>

#include <jansson.h>

/* j indented, then a newline (what every --json prints). */
void print_json(FILE *out, const json_t *j);

/* core: audit_list(), outbox_status(). */
void print_audit(FILE *out, const json_t *entries);
void print_outbox_status(FILE *out, const json_t *status);

/* directory: exceptions_list(), cctlds_lookup(). */
void print_exceptions(FILE *out, const json_t *list);
void print_lookup(FILE *out, const json_t *lookup);
/* "Community contacts" and each one of list (nothing when it is empty). */
void print_community_contacts(FILE *out, const json_t *list);
/* search_json()'s answer for `lookup TEXT`: what matched and in which field. */
void print_lookup_search(FILE *out, const json_t *found);

/* collateral: actions_list(), documents_list(), objectives_list(). */
void print_actions(FILE *out, const json_t *list);
void print_documents(FILE *out, const json_t *list);
void print_objectives(FILE *out, const json_t *list);

/* planning: events, initiatives, meetings. */
void print_events(FILE *out, const json_t *list);
void print_event(FILE *out, const json_t *event);
void print_initiatives(FILE *out, const json_t *list);
void print_initiative(FILE *out, const json_t *initiative);
void print_meetings(FILE *out, const json_t *list);

/* books: stats, reconcile, recruitment, outreach. */
void print_stats(FILE *out, const json_t *figures);
/* usage_json(): lookups, searches, downloads, by month and ccTLD. */
void print_usage(FILE *out, const json_t *usage);
void print_reconcile(FILE *out, const json_t *report);
void print_reconcile_problems(FILE *out, const json_t *problems);
void print_recruitment_board(FILE *out, const json_t *board);
void print_outreach(FILE *out, const json_t *list);

#endif
