-- SPDX-License-Identifier: MIT
-- Contact freshness (docs/freshness.md): every active contact is asked
-- every [policy] reconfirm_days to confirm their entry with a one-time
-- link; reminders follow after 14 and 28 days, and after
-- [policy] stale_days the entry is marked stale until it is confirmed.
-- A contact without a row has never been asked: its creation counts as
-- its last confirmation.  Tokens are stored only as a hash (BLAKE2b-256,
-- hex), like the authorisation links.

CREATE TABLE contact_freshness (
  contact_id BIGINT PRIMARY KEY REFERENCES contact (id),
  confirmed BIGINT,                   -- last confirmation; NULL: the creation
  confirmed_via TEXT NOT NULL DEFAULT '', -- "link", "update request 12"
  asked BIGINT,                       -- the open round's ask; NULL: none open
  reminders BIGINT NOT NULL DEFAULT 0, -- reminders sent in the open round (0..2)
  stale BIGINT                        -- marked stale at; NULL while fresh
);
CREATE INDEX contact_freshness_stale ON contact_freshness (stale);

CREATE TABLE freshness_token (
  hash TEXT PRIMARY KEY,
  contact_id BIGINT NOT NULL REFERENCES contact (id),
  email TEXT NOT NULL,                -- the address it was mailed to
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL,
  used BIGINT
);
CREATE INDEX freshness_token_contact ON freshness_token (contact_id);

-- A run asks, for every contact, whether an update request of it is open.
CREATE INDEX request_contact ON request (contact_id, kind, state);
