-- SPDX-License-Identifier: MIT
-- Claiming due deliveries walks only the pending ones in id order, however
-- many sent rows the table holds (a 100k-recipient alert claimed batch by
-- batch stays linear).  The claim's WHERE repeats this condition verbatim.
CREATE INDEX mail_delivery_pending ON mail_delivery (id)
  WHERE state IN ('queued', 'sending');
-- The (state, next_attempt) index made the planner sort every queued row for
-- each batch of 64; the partial index serves the claim and the counts alike.
DROP INDEX mail_delivery_due;
