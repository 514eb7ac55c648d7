/* SPDX-License-Identifier: MIT */
/*
 * The recruitment board (docs/meetings.md): the committee competes to
 * bring ccTLDs in, so per outreach owner it shows the ccTLDs that joined
 * in a period while that person owned their outreach, and the ones they
 * are still working on.  Read only, from the audit log: the owner of a
 * join is the owner of the newest outreach.update row at or before the
 * cctld.join row, so later reassignments do not rewrite the score.
 */
#ifndef TLD_SERVICE_RECRUITMENT_H
#define TLD_SERVICE_RECRUITMENT_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "service/context.h"

/*
 * The board for joins with since <= at < until (since 0: from the
 * beginning, until 0: now): {"since" (ISO 8601 or null), "until" (ISO 8601
 * or null), "owners": [{"owner", "joined": [code], "working": [code]}],
 * "unowned": [code]}.  "working" are the ccTLDs the owner holds at until
 * that are not members then and are contacted or interested.  Owners by
 * most joined, then most working, then name; codes (A-labels) sorted.
 * TLD_EINVAL naming "since" when since is not before until.  *out is new.
 */
int recruitment_board_json(struct tld_ctx *ctx, int64_t since, int64_t until,
    json_t **out, struct tld_error *err);

#endif
