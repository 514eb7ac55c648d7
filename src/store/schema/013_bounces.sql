-- SPDX-License-Identifier: MIT
-- Bounces (docs/list.md): each delivery status notification that came
-- back to the bounces address, one row per failed recipient, matched to
-- the delivery and its contact where it can be.  kind: hard (failed,
-- 5.x.x), soft (delayed or 4.x.x), unmatched (a report naming no delivery
-- of ours), unparsed (not a report: kept for the secretariat with its
-- bytes).  A contact marked undeliverable stays on the list: the mark is
-- shown to the committee, never acted on by itself.

CREATE TABLE bounce (
  id {{ID}},
  received BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'unmatched', 'unparsed')),
  contact_id BIGINT REFERENCES contact (id),
  delivery_id BIGINT REFERENCES mail_delivery (id),
  recipient TEXT NOT NULL,           -- as the report names it
  status TEXT NOT NULL,              -- 5.1.1, 4.4.1, '' when none
  action TEXT NOT NULL,
  diagnostic TEXT NOT NULL,
  reporting_mta TEXT NOT NULL,
  extension TEXT NOT NULL,           -- of the bounces address it came to
  raw {{BLOB}}                       -- kept for unmatched and unparsed ones
);
CREATE INDEX bounce_contact ON bounce (contact_id, received);
CREATE INDEX bounce_kind ON bounce (kind, received);

CREATE TABLE contact_undeliverable (
  contact_id BIGINT PRIMARY KEY REFERENCES contact (id),
  since BIGINT NOT NULL,
  reason TEXT NOT NULL               -- "5.1.1 ...", "3 hard bounces in 30 days"
);
