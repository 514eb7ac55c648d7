-- SPDX-License-Identifier: MIT
-- Community contacts (docs/membership.md): a contact belongs to a ccTLD
-- (kind 'cctld', cctld set, affiliation '') or to the community (kind
-- 'iana', 'liaison' or 'staff', cctld NULL, affiliation such as "IANA").
-- Existing contacts stay ccTLD contacts.  SQLite cannot drop a NOT NULL
-- constraint: the placeholder below rebuilds the table there, with every
-- row and id kept (the tables that reference contact (id) are checked
-- at commit, defer_foreign_keys), and alters it on PostgreSQL.
-- A generic-contact exception stands for the active contact with its
-- address (a join on lower(email), no column: the address may change).
{{COMMUNITY_CONTACT}}
CREATE INDEX contact_active_community ON contact (affiliation, id)
  WHERE removed IS NULL AND cctld IS NULL;

