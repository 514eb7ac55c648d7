/* SPDX-License-Identifier: MIT */
/*
 * The backend interface behind mail/transport.h (OpenSMTPD's table_backend
 * pattern): each transport_<kind>.c fills one struct transport_ops and
 * transport.c picks it by the scheme of the spec.  Only src/mail includes
 * this.
 */
#ifndef TLD_MAIL_TRANSPORT_INTERNAL_H
#define TLD_MAIL_TRANSPORT_INTERNAL_H

#include <stddef.h>

#include "mail/transport.h"
#include "util/error.h"

struct transport_ops {
	const char *kind; /* "maildir", "smtp" */
	/*
	 * Open the backend for spec (the whole spec, scheme included);
	 * *state is the backend's, freed by close().  Errors name "mail".
	 */
	int (*open)(const char *spec, unsigned connections, void **state,
	    struct tld_error *err);
	/*
	 * A backend that delivers one recipient at a time, synchronously
	 * (Maildir): transport.c runs each job through it.  from and rcpt
	 * are already checked to be plain addresses (no controls, spaces or
	 * brackets).
	 */
	int (*send)(void *state, const char *from, const char *rcpt,
	    const char *data, size_t len, struct tld_error *err);
	/*
	 * A backend with transactions of several recipients running in
	 * parallel (SMTP): submit() starts a job whose addresses are checked
	 * and whose outcomes are preset to TRANSPORT_SENT for the recipients
	 * to try (others are already TRANSPORT_PERMFAIL and must be left
	 * out); wait() returns the next finished one, NULL when none is in
	 * flight.
	 */
	void (*submit)(void *state, struct transport_job *job);
	struct transport_job *(*wait)(void *state);
	unsigned (*parallel)(const void *state);
	void (*close)(void *state);
};

extern const struct transport_ops transport_maildir_ops;
extern const struct transport_ops transport_smtp_ops;

#endif
