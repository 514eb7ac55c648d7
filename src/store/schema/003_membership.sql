-- SPDX-License-Identifier: MIT
-- Membership requests (join, update, leave a ccTLD's contacts) and the
-- one-time authorisation tokens mailed to the ccTLD's IANA contacts.
-- Tokens are stored only as a hash (BLAKE2b-256, hex).

CREATE TABLE request (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('join', 'update', 'leave')),
  cctld TEXT NOT NULL REFERENCES cctld (code),
  state TEXT NOT NULL CHECK (state IN ('pending-authorisation', 'authorised',
    'approved', 'rejected', 'expired', 'withdrawn')),
  contact_id BIGINT,                  -- update, leave: the contact concerned
  name TEXT NOT NULL DEFAULT '',      -- proposed fields (join, update)
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  pgp_fingerprint TEXT NOT NULL DEFAULT '',
  fields_given TEXT NOT NULL DEFAULT '', -- update: which fields change, e.g. "phone,role"
  requested_by TEXT NOT NULL,
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL,
  authorised_by TEXT NOT NULL DEFAULT '', -- "admin <addr>" or "tech <addr>"
  authorised_at BIGINT,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_state ON request (state, id);

CREATE TABLE request_token (
  hash TEXT PRIMARY KEY,
  request_id BIGINT NOT NULL REFERENCES request (id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'tech')),
  email TEXT NOT NULL,                -- the IANA address it was mailed to
  expires BIGINT NOT NULL,
  used BIGINT
);
CREATE INDEX request_token_request ON request_token (request_id);
