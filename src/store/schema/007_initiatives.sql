-- SPDX-License-Identifier: MIT
-- The committee's work between meetings (docs/meetings.md): meetings as
-- first-class records (objectives and milestones name them), initiatives
-- (workshops, playbooks, outreach) with a lead, a team, milestones due at
-- meetings and deliverable documents, and outreach events with the ccTLDs
-- invited, the presenters, the materials and the outcomes.
-- Every change also writes an audit row whose after_json is the whole
-- initiative or event, so the meeting pack can show them as they were.

CREATE TABLE meeting (
  name TEXT PRIMARY KEY,              -- "ICANN65", as objectives name it
  date BIGINT NOT NULL,               -- 00:00 UTC of its (first) day
  place TEXT NOT NULL DEFAULT '',
  created BIGINT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX meeting_date ON meeting (date);

CREATE TABLE initiative (
  id {{ID}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('workshop', 'playbook', 'outreach', 'other')),
  state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'stopped', 'done')),
  state_note TEXT NOT NULL DEFAULT '', -- why it is in that state
  lead TEXT NOT NULL DEFAULT '',       -- '' while it needs a lead
  created BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  updated BIGINT NOT NULL
);

CREATE TABLE initiative_member (
  initiative BIGINT NOT NULL REFERENCES initiative (id),
  name TEXT NOT NULL,
  added BIGINT NOT NULL,
  PRIMARY KEY (initiative, name)
);

CREATE TABLE initiative_milestone (
  initiative BIGINT NOT NULL REFERENCES initiative (id),
  number BIGINT NOT NULL,             -- 1, 2, ... per initiative
  text TEXT NOT NULL,
  due TEXT NOT NULL REFERENCES meeting (name),
  done BIGINT,                        -- NULL until done
  created BIGINT NOT NULL,
  PRIMARY KEY (initiative, number)
);

CREATE TABLE initiative_deliverable (
  initiative BIGINT NOT NULL REFERENCES initiative (id),
  slug TEXT NOT NULL,                 -- a document (docs/collateral.md)
  added BIGINT NOT NULL,
  PRIMARY KEY (initiative, slug)
);

CREATE TABLE event (
  id {{ID}},
  title TEXT NOT NULL,
  date BIGINT NOT NULL,               -- 00:00 UTC of its (first) day
  place TEXT NOT NULL,
  organiser TEXT NOT NULL DEFAULT '',
  created BIGINT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE event_invite (
  event BIGINT NOT NULL REFERENCES event (id),
  cctld TEXT NOT NULL REFERENCES cctld (code),
  invited BIGINT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'joined',
    'interested', 'declined')),
  outcome_at BIGINT,
  PRIMARY KEY (event, cctld)
);

CREATE TABLE event_presenter (
  event BIGINT NOT NULL REFERENCES event (id),
  name TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('in-person', 'remote')),
  added BIGINT NOT NULL,
  PRIMARY KEY (event, name)
);

CREATE TABLE event_material (
  event BIGINT NOT NULL REFERENCES event (id),
  slug TEXT NOT NULL,
  lang TEXT NOT NULL,
  added BIGINT NOT NULL,
  PRIMARY KEY (event, slug, lang)
);
