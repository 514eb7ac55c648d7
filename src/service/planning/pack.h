/* SPDX-License-Identifier: MIT */
/*
 * The meeting pack (docs/meetings.md): what the committee presents at a
 * meeting, in one document.  Everything is as of the meeting's date
 * (00:00 UTC of its day) and "since the previous meeting" is since that
 * meeting's date: the statistics and their chart, alerts sent, new
 * members and contact changes, action items opened, closed and open,
 * the objectives of the previous meeting, each initiative with its lead,
 * team, progress and flags, the events since and to come, and the
 * recruitment board.  Past states come from the audit log (each change of
 * an action item, objective, initiative or event keeps the whole object),
 * so a later change never rewrites an old pack, and nothing reads the
 * clock: two packs of the same meeting are the same bytes.  Read only.
 */
#ifndef TLD_SERVICE_PACK_H
#define TLD_SERVICE_PACK_H

#include <jansson.h>

#include "service/context.h"
#include "util/buf.h"

enum pack_format { PACK_MD, PACK_HTML, PACK_JSON };

/* "md", "html" or "json" (field "format"). */
int pack_format_parse(const char *s, enum pack_format *out,
    struct tld_error *err);

/*
 * The figures of the pack of meeting name (field "meeting": TLD_ENOTFOUND
 * when there is no such meeting) as one JSON object: {meeting, previous
 * (null for the first), period: {since, until}, stats (stats_json()),
 * alerts: [{at, subject, tlp, recipients}], members: {joined, left:
 * [{code, unicode, country, region}]}, contacts: {added, updated,
 * removed}, actions: {opened, closed, open: [item]}, objectives:
 * {meeting, items: [{id, text, state}], met, missed, open}, next_objectives:
 * [...], initiatives: [annotated snapshot with "changes": [{at, action,
 * change}] of the period], events: {since, upcoming: [annotated
 * snapshot]}, outreach: {owners: [{owner, joined: [code], total,
 * working}], unowned: [code]}}.  Lists sorted.  *out is new.
 */
int pack_json(struct tld_ctx *ctx, const char *meeting, json_t **out,
    struct tld_error *err);

/*
 * The pack of meeting name rendered in fmt, appended to out: Markdown
 * (no links, no images: the chart is in the HTML), one self-contained
 * HTML file (inline CSS and SVG chart, every stored text escaped, a
 * print stylesheet), or pack_json() indented.  Nothing is appended on
 * failure.
 */
int pack_render(struct tld_ctx *ctx, const char *meeting,
    enum pack_format fmt, struct buf *out, struct tld_error *err);

#endif
