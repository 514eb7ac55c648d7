-- SPDX-License-Identifier: MIT
-- Mail that came in to the list's addresses (tldops deliver): each message
-- as received (raw, byte for byte, for the archive and signatures) with
-- what the moderators need to see, and what became of it.
-- address: 'list' (a post), 'owner' (forwarded to the secretariat),
-- 'request' (answered with how to join).
-- state: held -> distributed | rejected | expired; distributed at once;
-- dropped (a loop: our own List-Id or X-Loop); forwarded; answered.
-- The same Message-ID to the same address is stored once: the MTA retries
-- a delivery whose exit status it did not see.
CREATE TABLE list_post (
  id {{ID}},
  address TEXT NOT NULL,
  message_id TEXT NOT NULL,
  received BIGINT NOT NULL,
  envelope_from TEXT NOT NULL,
  from_addr TEXT NOT NULL,
  from_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  tlp TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('held', 'distributed', 'rejected',
    'expired', 'dropped', 'forwarded', 'answered')),
  reason TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL,
  raw {{BLOB}} NOT NULL,
  mail_message BIGINT REFERENCES mail_message (id),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX list_post_once ON list_post (address, message_id);
CREATE INDEX list_post_state ON list_post (state, received);

-- Senders who may post without being contacts (the IANA root contact,
-- liaisons), listed by the committee.
CREATE TABLE list_allow (
  email TEXT PRIMARY KEY,        -- lower case
  reason TEXT NOT NULL,
  added BIGINT NOT NULL,
  added_by TEXT NOT NULL
);
