-- SPDX-License-Identifier: MIT
-- Whether a message is the same bytes for every recipient (0, the default:
-- alerts, the repository mail, list posts): then up to [mail] max_recipients
-- of its deliveries share one SMTP transaction; or is made for each
-- recipient when it is sent (1: a personal link, encryption to each member's
-- key): one transaction per delivery.  See docs/outbox.md.
ALTER TABLE mail_message ADD COLUMN per_recipient BIGINT NOT NULL DEFAULT 0;
