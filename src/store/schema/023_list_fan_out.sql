-- SPDX-License-Identifier: MIT
-- A list post waiting for its deliveries, one per member: `tldops deliver`
-- commits the post and this row, and the outbox's next run makes the
-- deliveries (one INSERT ... SELECT, in one transaction with this row's
-- DELETE) before it claims any.  Postfix's pipe is then answered in the same
-- time at 100 members as at 100k, instead of after 10k inserts at 10k
-- (docs/list.md, docs/outbox.md).  due: the deliveries' first attempt.
CREATE TABLE mail_fan_out (
  message_id BIGINT PRIMARY KEY REFERENCES mail_message (id),
  due BIGINT NOT NULL
);
