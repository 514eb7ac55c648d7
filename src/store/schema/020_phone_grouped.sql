-- SPDX-License-Identifier: MIT
-- A phone number's grouping as it was typed ("+31 26 352 5500"), kept
-- beside its E.164 form (phone) for people to read (docs/membership.md): ''
-- when it was typed in one piece or before this migration, and then the
-- E.164 form is shown.  Machine formats (CSV, JSON's phone, vCard) keep
-- E.164.
ALTER TABLE contact ADD COLUMN phone_grouped TEXT NOT NULL DEFAULT '';
ALTER TABLE request ADD COLUMN phone_grouped TEXT NOT NULL DEFAULT '';
