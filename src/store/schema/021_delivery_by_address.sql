-- SPDX-License-Identifier: MIT
-- The active contacts' addresses in order, for queuing a list post to
-- every member (store_list_queue_members: one INSERT ... SELECT ORDER BY
-- email).  The index covers that SELECT (removed is in it, NULL in every
-- entry), so the addresses come sorted without reading the contacts' rows,
-- and their deliveries go into mail_delivery_once (message_id, recipient)
-- in its own order: appended at its end instead of scattered over it.
-- 10k members, a fresh database: deliver 115.8M -> 86.1M instructions
-- (SQLite 3.40, callgrind; docs/benchmarks.md).
CREATE INDEX contact_active_address ON contact (email, removed)
    WHERE removed IS NULL;
