-- SPDX-License-Identifier: MIT
-- The list's archive (docs/list.md): every distributed post but TLP:RED,
-- the bytes as received and what the pages need.  Times are UNIX seconds.
-- search_text is the post's words, lower case, one space apart (written by
-- service/list/archive.c), so that SQLite's FTS5 and PostgreSQL's
-- full-text search see the same tokens and give the same results.
-- The placeholder at the end is each dialect's index over it (an FTS5 table kept
-- by a trigger; a GIN index on to_tsvector('simple', ...)).

CREATE TABLE archive_post (
  id {{ID}},
  message_id TEXT NOT NULL,          -- without <>
  posted BIGINT NOT NULL,            -- the Date header, else the arrival
  month TEXT NOT NULL,               -- YYYY-MM of posted (UTC), for the index by month
  received BIGINT NOT NULL,
  from_name TEXT NOT NULL,
  from_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  in_reply_to TEXT NOT NULL,
  refs TEXT NOT NULL,                -- References, oldest first, space-separated
  thread_id BIGINT NOT NULL,         -- id of the thread's first post
  body TEXT NOT NULL,                -- the text part (or the HTML part's source)
  body_is_html BIGINT NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL,
  raw {{BLOB}} NOT NULL
);
CREATE UNIQUE INDEX archive_post_message_id ON archive_post (message_id);
CREATE INDEX archive_post_posted ON archive_post (posted, id);
CREATE INDEX archive_post_month ON archive_post (month, thread_id, posted);
CREATE INDEX archive_post_thread ON archive_post (thread_id, posted);
CREATE INDEX archive_post_in_reply_to ON archive_post (in_reply_to);

CREATE TABLE archive_attachment (
  post_id BIGINT NOT NULL REFERENCES archive_post (id),
  n BIGINT NOT NULL,                 -- 1, 2, ... in the post's order
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {{BLOB}} NOT NULL,
  PRIMARY KEY (post_id, n)
);

{{ARCHIVE_SEARCH}}
