-- SPDX-License-Identifier: MIT
-- The web: accounts with a role, and the secrets that stand for a person
-- (web sessions, one-time login links, API bearer tokens), stored only as a
-- hash (BLAKE2b-256, hex) so that a copy of the database lets nobody in.
-- Everything lives in the database so that several nodes can serve.
-- Active contacts are members without an account row (by their email).

CREATE TABLE account (
  id {{ID}},
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('secretariat', 'committee', 'member')),
  created BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  disabled BIGINT                     -- kept for history, like contacts
);
CREATE UNIQUE INDEX account_active_email ON account (lower(email))
  WHERE disabled IS NULL;

CREATE TABLE web_secret (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'login', 'api')),
  email TEXT NOT NULL,                -- whom it stands for
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL,
  used BIGINT                         -- login link used, session ended, token revoked
);
CREATE INDEX web_secret_expires ON web_secret (expires);

-- Login-link requests per address and per client (hashed keys), counted
-- per time bucket; old buckets are purged.
CREATE TABLE web_rate (
  key TEXT NOT NULL,
  bucket BIGINT NOT NULL,
  hits BIGINT NOT NULL,
  PRIMARY KEY (key, bucket)
);
