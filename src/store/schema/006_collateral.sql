-- SPDX-License-Identifier: MIT
-- The committee's collateral and its own work: documents (playbooks) in
-- several languages and versions with their bytes, the numbered action
-- items with their notes, and the objectives set for each meeting.
-- Nothing is deleted: a removed document keeps its rows and bytes with
-- `removed` and `removed_reason`; a closed action item keeps its row.
-- {{BLOB}} is the dialect's byte string (SQLite BLOB, PostgreSQL BYTEA).

CREATE TABLE document (
  id {{ID}},
  slug TEXT NOT NULL,                 -- [a-z0-9-], 1..64: the URL /docs/<slug>
  lang TEXT NOT NULL,                 -- ISO 639-1, lower case
  version TEXT NOT NULL,              -- label: given, or the seq as text
  seq BIGINT NOT NULL,                -- 1, 2, ... per (slug, lang): newest wins
  title TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'committee')),
  format TEXT NOT NULL CHECK (format IN ('pdf', 'docx', 'odt', 'markdown', 'text')),
  filename TEXT NOT NULL DEFAULT '',  -- the name it was added under
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,               -- of data, lower-case hex
  data {{BLOB}} NOT NULL,
  created BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  removed BIGINT,
  removed_reason TEXT
);
CREATE UNIQUE INDEX document_version ON document (slug, lang, version);
CREATE UNIQUE INDEX document_seq ON document (slug, lang, seq);

CREATE TABLE action_item (
  number BIGINT PRIMARY KEY,          -- the community's own numbering (89, 97, ...)
  title TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened BIGINT NOT NULL,
  closed BIGINT,                      -- NULL while open
  created_by TEXT NOT NULL
);

CREATE TABLE action_note (
  id {{ID}},
  number BIGINT NOT NULL REFERENCES action_item (number),
  at BIGINT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX action_note_number ON action_note (number, id);

CREATE TABLE objective (
  id {{ID}},
  meeting TEXT NOT NULL,              -- e.g. "ICANN65"; a later schema links meetings
  text TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'met', 'missed')),
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL
);
CREATE INDEX objective_meeting ON objective (meeting, id);
