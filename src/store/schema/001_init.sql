-- SPDX-License-Identifier: MIT
-- The contact repository: ccTLDs, their IANA contacts, the community's
-- contacts, generic-contact exceptions and the audit log.
-- {{ID}} is the dialect's auto-numbered 64-bit primary key.
-- Times are seconds since the epoch (UTC).  Nothing is deleted: removed
-- contacts and revoked exceptions keep their row with a timestamp.

CREATE TABLE schema_migration (
  version BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  applied BIGINT NOT NULL
);

CREATE TABLE cctld (
  code TEXT PRIMARY KEY,              -- A-label, lower case, no dot
  unicode TEXT NOT NULL,              -- U-label (= code for ASCII)
  country TEXT NOT NULL,
  iso3166 TEXT NOT NULL,
  region TEXT NOT NULL CHECK (region IN ('AF', 'AP', 'EU', 'LAC', 'NA')),
  kind TEXT NOT NULL CHECK (kind IN ('ascii', 'idn')),
  member_since BIGINT,                -- NULL while not a member
  left_at BIGINT                      -- when it last stopped being one
);

CREATE TABLE contact (
  id {{ID}},
  cctld TEXT NOT NULL REFERENCES cctld (code),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  organisation TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  pgp_fingerprint TEXT NOT NULL DEFAULT '',
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  removed BIGINT,
  removed_reason TEXT
);
CREATE UNIQUE INDEX contact_active_email ON contact (lower(email))
  WHERE removed IS NULL;
CREATE INDEX contact_active_cctld ON contact (cctld, id) WHERE removed IS NULL;

CREATE TABLE generic_exception (
  id {{ID}},
  email TEXT NOT NULL,
  reason TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  created BIGINT NOT NULL,
  revoked BIGINT
);
CREATE UNIQUE INDEX generic_exception_active_email
  ON generic_exception (lower(email)) WHERE revoked IS NULL;

CREATE TABLE iana_record (
  cctld TEXT PRIMARY KEY REFERENCES cctld (code),
  organisation TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL DEFAULT '',
  changed TEXT NOT NULL DEFAULT '',
  imported BIGINT NOT NULL
);

CREATE TABLE iana_contact (
  cctld TEXT NOT NULL REFERENCES iana_record (cctld),
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'tech')),
  name TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  fax TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (cctld, kind)
);

CREATE TABLE audit (
  id {{ID}},
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,               -- e.g. contact.add, contact.remove
  object_type TEXT NOT NULL,          -- contact, cctld, exception, iana
  object_id TEXT NOT NULL,
  before_json TEXT,                   -- the object before, NULL on create
  after_json TEXT                     -- the object after, NULL on delete
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_object ON audit (object_type, object_id);
