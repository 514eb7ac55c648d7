-- SPDX-License-Identifier: MIT
-- Revocation (docs/security.md): when an API token was last used, for
-- `tldops token list`; a token's public id is the first 12 hex digits of its
-- hash (the hash of a 256-bit random secret says nothing about it).
ALTER TABLE web_secret ADD COLUMN last_used BIGINT;
CREATE INDEX web_secret_email ON web_secret (lower(email));
