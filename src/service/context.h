/* SPDX-License-Identifier: MIT */
/*
 * What every use case needs: the open repository, the configuration and who
 * is acting (recorded in the audit log).  Owned by the front end.
 */
#ifndef TLD_SERVICE_CONTEXT_H
#define TLD_SERVICE_CONTEXT_H

#include "store/store.h"
#include "util/config.h"

struct tld_ctx {
	struct store *store;  /* borrowed */
	struct config cfg;
	char actor[128];      /* --as, $TLDOPS_ACTOR, or the OS user */
	char mail[1024];      /* transport: maildir:DIR, smtp://..., smtps://... */
};

#endif
