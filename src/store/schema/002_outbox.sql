-- SPDX-License-Identifier: MIT
-- The durable outbox: a message row (the composed RFC 5322 text, the same
-- bytes for every recipient) and one delivery row per recipient.
-- Delivery states: queued -> sending -> sent | queued (backoff) | failed.
-- A 'sending' row is leased until lease_until; a worker that dies leaves it
-- to be reclaimed once the lease has passed (see docs/outbox.md).

CREATE TABLE mail_message (
  id {{ID}},
  kind TEXT NOT NULL,          -- alert, digest, notice, authorisation, ...
  subject TEXT NOT NULL,
  sender TEXT NOT NULL,        -- envelope sender
  data TEXT NOT NULL,          -- the whole message, CRLF line ends
  created BIGINT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE mail_delivery (
  id {{ID}},
  message_id BIGINT NOT NULL REFERENCES mail_message (id),
  recipient TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt BIGINT NOT NULL,
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  updated BIGINT NOT NULL
);
CREATE UNIQUE INDEX mail_delivery_once ON mail_delivery (message_id, recipient);
CREATE INDEX mail_delivery_due ON mail_delivery (state, next_attempt);

-- Periodic jobs (the repository mail): when each last ran, so that a job
-- runs exactly once per interval across restarts and nodes.
CREATE TABLE schedule (
  name TEXT PRIMARY KEY,
  last_run BIGINT NOT NULL
);
