/* SPDX-License-Identifier: MIT */
/* Request counters and latency histograms for /metrics (metrics.c). */
#ifndef TLD_WEB_METRICS_H
#define TLD_WEB_METRICS_H

#include "util/buf.h"

/* Count one finished request of route (-1: unmatched) with status and time. */
void metrics_observe(int route, int status, double seconds);
/* Append the Prometheus text of the counters (the gauges are the handler's). */
void metrics_render(struct buf *b);

#endif
