-- SPDX-License-Identifier: MIT
-- Key lifecycle (docs/crypto.md): the freshness run asks a member whose
-- OpenPGP key expires within 30 days to renew it, once per key and expiry
-- (a renewed key has a new expiry and may be asked about again).  The
-- primary key makes the ask happen once across workers and runs.

CREATE TABLE key_renewal_ask (
  contact_id BIGINT NOT NULL REFERENCES contact (id),
  fingerprint TEXT NOT NULL,
  expires BIGINT NOT NULL,
  asked BIGINT NOT NULL,
  PRIMARY KEY (contact_id, fingerprint, expires)
);
