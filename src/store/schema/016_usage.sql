-- SPDX-License-Identifier: MIT
-- How the repository is used, counted without who looked or what was typed
-- (docs/books.md): one row per day (00:00 UTC), channel, kind and subject.
--   channel  cli, web, api
--   kind     lookup (subject: the ccTLD looked up, '' when what was asked
--            is not a ccTLD), search (subject ''), download (subject
--            'offline' for the offline copy, 'doc:SLUG:LANG' for a document)
--   n        how many; found: of them, how many found a contact (lookups
--            and searches) or a file (downloads)
CREATE TABLE usage_count (
  day BIGINT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('cli', 'web', 'api')),
  kind TEXT NOT NULL CHECK (kind IN ('lookup', 'search', 'download')),
  subject TEXT NOT NULL,
  n BIGINT NOT NULL,
  found BIGINT NOT NULL,
  PRIMARY KEY (day, channel, kind, subject)
);
