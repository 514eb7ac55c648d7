/* SPDX-License-Identifier: MIT */
/*
 * The initiatives' milestones as one SVG timeline (docs/meetings.md):
 * one column per meeting in date order, one row per initiative, a mark
 * per milestone at the meeting it is due, and a dashed line at a moment
 * ("today" on the web, the meeting's date in the pack).  A pure function
 * of what it is given: no store, no clock, the same arguments give the
 * same bytes, and every stored text is escaped.
 */
#ifndef TLD_SERVICE_TIMELINE_H
#define TLD_SERVICE_TIMELINE_H

#include <stdint.h>

#include <jansson.h>

#include "util/buf.h"

/*
 * Append the timeline to out: an <svg> element (no XML declaration, no
 * <style>, no inline style attribute: the look is presentation
 * attributes, the meaning is classes), ready to stand in an HTML page.
 *
 * meetings: array of {name, date "YYYY-MM-DD"} (meetings_to_json()), any
 * order; shown in date order from the earlier of the first meeting a
 * milestone is due at and the last meeting held by `now`.
 * initiatives: array of annotated snapshots (initiatives_annotate()):
 * {id, title, state, milestones: [{number, text, due, due_date, done,
 * overdue}]}, one row each, in the order given.  A milestone due at a
 * meeting that is not in `meetings` is not drawn.
 * now: the moment of the dashed line, labelled "now_label YYYY-MM-DD".
 *
 * Each mark is a <g class="tl-mark tl-done|tl-open|tl-overdue"> with a
 * <title> in words, drawn as a filled circle with a tick (done), a ring
 * (open) or a triangle with "!" (overdue): never colour alone.
 * All borrowed.  Returns the number of marks drawn.
 */
int timeline_svg(const json_t *meetings, const json_t *initiatives,
    int64_t now, const char *now_label, struct buf *out);

#endif
