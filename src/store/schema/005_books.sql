-- SPDX-License-Identifier: MIT
-- The committee's books: outreach to the ccTLDs that are not members (who
-- is reaching out, how far it got, the notes), and an index that lets the
-- meeting statistics count audit rows by action over a period.
-- The outreach state of a member ccTLD is shown as 'joined' whatever is
-- stored (see docs/books.md); a ccTLD without a row is in state 'none'.

CREATE TABLE outreach (
  cctld TEXT PRIMARY KEY REFERENCES cctld (code),
  owner TEXT NOT NULL DEFAULT '',     -- who is reaching out, '' for nobody
  state TEXT NOT NULL DEFAULT 'none' CHECK (state IN ('none', 'contacted',
    'interested', 'declined', 'joined')),
  updated BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

-- Notes are kept, never edited: the newest is the one the list shows.
CREATE TABLE outreach_note (
  id {{ID}},
  cctld TEXT NOT NULL REFERENCES cctld (code),
  at BIGINT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX outreach_note_cctld ON outreach_note (cctld, id);

CREATE INDEX audit_action_at ON audit (action, at);
