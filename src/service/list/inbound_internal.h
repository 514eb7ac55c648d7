/* SPDX-License-Identifier: MIT */
/* Shared by inbound.c and moderation.c only. */
#ifndef TLD_SERVICE_LIST_INBOUND_INTERNAL_H
#define TLD_SERVICE_LIST_INBOUND_INTERNAL_H

#include "mail/message.h"
#include "service/list/inbound.h"

/* A post's TLP: "[TLP:RED]" in the subject or a "TLP:" line in the text. */
enum tlp inbound_tlp(const char *subject, const char *text);

/*
 * Inside the caller's transaction: queue copy (list_post_copy's) to every
 * member and hand raw to the archive unless the post is TLP:RED; sets
 * post->mail_message.  Returns the deliveries queued.
 */
int inbound_distribute(struct tld_ctx *ctx, struct list_post *post,
    const char *copy, const char *raw, size_t len, struct tld_error *err);

#endif
