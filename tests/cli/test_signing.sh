# SPDX-License-Identifier: MIT
# Alerts and the repository mail signed as PGP/MIME (RFC 3156) with a
# throwaway key, checked with `gpg --verify` on the delivered bytes.

make_key() {
  export GNUPGHOME="$T/gnupg"; mkdir -m 700 "$GNUPGHOME"
  trap 'gpgconf --kill all 2>/dev/null || true' EXIT
  gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "TLD-OPS test <tld-ops@localhost>" ed25519 sign 1d 2>/dev/null
  FPR=$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr/ {print $10; exit}')
  printf '[mail]\nsigning_key = %s\n' "$FPR" > "$T/sign.ini"
}

# verify_delivered FILE: split the multipart/signed message and gpg --verify it.
verify_delivered() {
  /usr/bin/python3 - "$1" "$T" <<'PY'
import sys, email, email.policy, re
raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.compat32)
assert msg.get_content_type() == "multipart/signed", msg.get_content_type()
assert msg.get_param("protocol") == "application/pgp-signature"
assert msg.get_param("micalg").startswith("pgp-")
b = msg.get_boundary().encode()
body = raw.split(b"\r\n\r\n", 1)[1]
first = body.split(b"--" + b + b"\r\n", 1)[1]
signed = first.split(b"\r\n--" + b + b"\r\n", 1)[0]
open(sys.argv[2] + "/signed.bin", "wb").write(signed)
sig = msg.get_payload()[1].get_payload()
open(sys.argv[2] + "/sig.asc", "w").write(sig)
PY
  gpg --batch --verify "$T/sig.asc" "$T/signed.bin" 2>"$T/verify.out"
}

test_signed_alert_verifies() {
  init_db; make_key
  add_contact nl "Jan Jansen" jan@sidn.example +31263525500 >/dev/null
  printf 'Résolveurs: patch now.\nFrom here on, watch port 53.\n' > "$T/body"
  expect_status 0 tldops --config "$T/sign.ini" alert send --subject "Signed" --body-file "$T/body" --tlp amber
  f=$(ls "$T"/mail/new/*)
  verify_delivered "$f"
  grep -q "Good signature" "$T/verify.out"
  # Not ASCII, and a line opens with "From ": quoted-printable.
  grep -q "^Content-Transfer-Encoding: quoted-printable" "$f" || fail "not QP"
  grep -q "^=46rom here on" "$f" || fail "From not encoded"
  # Any change to the signed text breaks the signature.
  sed -i 's/patch now/ignore this/' "$f" || true
  /usr/bin/python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[1],'wb').write(d.replace(b'watch', b'WATCH'))" "$f"
  ! verify_delivered "$f" || fail "a tampered message still verifies"
}

test_signed_repository_mail_verifies() {
  init_db; make_key
  add_contact nl "Jan Jansen" jan@sidn.example +31263525500 >/dev/null
  expect_status 0 tldops --config "$T/sign.ini" digest --send
  verify_delivered "$(ls "$T"/mail/new/*)"
  grep -q "Good signature" "$T/verify.out"
}

test_unknown_signing_key_is_a_clear_error_and_nothing_is_queued() {
  init_db; mkdir -m 700 "$T/gnupg"; export GNUPGHOME="$T/gnupg"
  add_contact nl "Jan Jansen" jan@sidn.example +31263525500 >/dev/null
  printf '[mail]\nsigning_key = 0123456789ABCDEF0123456789ABCDEF01234567\n' > "$T/bad.ini"
  echo hi > "$T/body"
  before=$(db_dump)
  expect_status 1 tldops --config "$T/bad.ini" alert send --subject "x" --body-file "$T/body"
  contains "$ERR" "signing_key"
  equals "$(db_dump)" "$before"
  gpgconf --kill all 2>/dev/null || true
}

test_signed_confirmation_mail_verifies() {
  # A key that never expires: the round is opened 181 days from now.
  export GNUPGHOME="$T/gnupg"; mkdir -m 700 "$GNUPGHOME"
  trap 'gpgconf --kill all 2>/dev/null || true' EXIT
  gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "TLD-OPS test <tld-ops@localhost>" ed25519 sign never 2>/dev/null
  FPR=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
  printf '[mail]\nsigning_key = %s\n' "$FPR" > "$T/sign.ini"
  init_db
  add_contact nl "Jan Jansen" jan@sidn.example +31263525500 >/dev/null
  expect_status 0 faketime -f +181d "$TLDOPS_BIN" --config "$T/sign.ini" freshness run
  contains "$OUT" "asked 1,"
  f=$(grep -l "^Subject: Please confirm" "$T"/mail/new/*)
  verify_delivered "$f"
  grep -q "Good signature" "$T/verify.out"
  grep -q "/confirm/" "$T/signed.bin" || fail "the link is not in the signed part"
  # ASCII with short lines: 7bit even though signed, so the link is one
  # line in the Maildir file as written, for whoever copies it (issue 23).
  grep -q "^Content-Transfer-Encoding: 7bit" "$T/signed.bin" || fail "signed ASCII not 7bit: $(head -5 "$T/signed.bin")"
  grep -Eq "^  http://127\.0\.0\.1:8080/confirm/[A-Za-z0-9_-]{43}"$'\r'"?\$" "$f" || fail "the link is cut: $(grep -A1 confirm/ "$f")"
  # The reminder is signed too.
  expect_status 0 faketime -f +195d "$TLDOPS_BIN" --config "$T/sign.ini" freshness run
  contains "$OUT" "reminded 1,"
  verify_delivered "$(grep -l "^Subject: Reminder: Please confirm" "$T"/mail/new/*)"
  grep -q "Good signature" "$T/verify.out"
}
