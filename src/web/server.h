/* SPDX-License-Identifier: MIT */
/* What the server (server.c) offers the handlers. */
#ifndef TLD_WEB_SERVER_H
#define TLD_WEB_SERVER_H

/* Wake the background worker (mail was queued). */
void web_kick_outbox(void);

#endif
