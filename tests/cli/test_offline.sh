# SPDX-License-Identifier: MIT
# The signed offline copy: `export --sign` writes FILE and a detached
# armoured signature FILE.asc with a throwaway key; `tv verify` and
# `gpg --verify` accept it; a tampered file or another signer is refused.

# new_key NAME: a signing key without passphrase; prints its fingerprint.
new_key() {
  gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "$1" ed25519 sign 1d 2>/dev/null
  gpg --batch --with-colons --list-secret-keys "$1" | awk -F: '/^fpr/ {print $10; exit}'
}

# tv ARGS...: tldops for `verify`.  Under ASan, GCC's LeakSanitizer crashes
# at exit ("Tracer caught signal 11", a bogus dynamic-TLS entry) after a
# good GPGME verification in the dlopen'd libgpgme; leaks are still checked,
# only thread-local storage is not scanned as roots (use_tls=0).  Plain
# builds ignore LSAN_OPTIONS.
tv() { LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}use_tls=0" tldops "$@"; }

make_key() {
  export GNUPGHOME="$T/gnupg"; mkdir -m 700 "$GNUPGHOME"
  trap 'gpgconf --kill all 2>/dev/null || true' EXIT
  FPR=$(new_key "TLD-OPS test <tld-ops@localhost>")
  printf '[mail]\nsigning_key = %s\n' "$FPR" > "$T/sign.ini"
}

seed() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.example "+31 26 352 5500" --role "CSIRT lead" >/dev/null
  add_contact nl "Piet Pietersen" piet@sidn.example "+31 26 352 5501" >/dev/null
  add_contact de "Hans Müller" hans@denic.example "+49 69 27235 0" >/dev/null
}

test_signed_json_export_verifies_with_tldops_and_gpg() {
  seed; make_key
  expect_status 0 tldops --config "$T/sign.ini" export --format json --sign --output repo.json
  contains "$OUT" "wrote repo.json (3 contacts) and its signature repo.json.asc"
  [ -s repo.json ] && [ -s repo.json.asc ] || fail "files missing"
  head -1 repo.json.asc | grep -q "BEGIN PGP SIGNATURE"
  ! ls ./*.tmp 2>/dev/null || fail "temporary file left"
  # The repository: member ccTLDs with their contacts.
  equals "$(json 'd["repository"], d["members"], d["contacts"]' < repo.json)" "('TLD-OPS contact repository', 2, 3)"
  equals "$(json '[c["code"] for c in d["cctlds"]]' < repo.json)" "['de', 'nl']"
  equals "$(json '[c["name"] for c in d["cctlds"][1]["contacts"]]' < repo.json)" "['Jan Jansen', 'Piet Pietersen']"
  equals "$(json 'd["cctlds"][0]["country"], d["cctlds"][0]["region"]' < repo.json)" "('Germany', 'EU')"
  equals "$(json 'd["cctlds"][1]["contacts"][0]["stale_since"]' < repo.json)" None
  # tv verify: the expected signer from [mail] signing_key.
  expect_status 0 tv --config "$T/sign.ini" verify repo.json
  contains "$OUT" "good signature by $FPR"
  contains "$OUT" "TLD-OPS test <tld-ops@localhost>"
  # ... or any key of the keyring, said so.
  expect_status 0 tv verify repo.json
  contains "$OUT" "any key in your keyring"
  # gpg itself.
  gpg --batch --verify repo.json.asc repo.json 2>"$T/gpg.out" || fail "gpg --verify: $(cat "$T/gpg.out")"
  grep -q "Good signature" "$T/gpg.out"
}

test_tampered_file_fails() {
  seed; make_key
  tldops --config "$T/sign.ini" export --format json --sign --output repo.json >/dev/null
  sed -i 's/Jan Jansen/Jan Jansem/' repo.json
  expect_status 1 tv --config "$T/sign.ini" verify repo.json
  contains "$ERR" "error: signature:"
  contains "$ERR" "does NOT verify"
  ! gpg --batch --verify repo.json.asc repo.json 2>/dev/null || fail "gpg accepts a tampered file"
  # A damaged signature file as well.
  tldops --config "$T/sign.ini" export --format json --sign --output r2.json >/dev/null
  sed -i '3s/./X/' r2.json.asc
  expect_status 1 tv --config "$T/sign.ini" verify r2.json
  contains "$ERR" "signature"
  # No signature file at all.
  cp r2.json r3.json
  expect_status 1 tv verify r3.json
  contains "$ERR" "error: signature: cannot read r3.json.asc"
}

test_wrong_key_fails() {
  seed; make_key
  OTHER=$(new_key "Someone else <else@example.org>")
  tldops --config "$T/sign.ini" export --format json --sign --output repo.json >/dev/null
  # Good signature, but not by the key the community uses.
  printf '[mail]\nsigning_key = %s\n' "$OTHER" > "$T/other.ini"
  expect_status 1 tv --config "$T/other.ini" verify repo.json
  contains "$ERR" "not by the expected key $OTHER"
  expect_status 1 tv verify repo.json --key "$OTHER"
  expect_status 0 tv verify repo.json --key "$FPR"
  # Signed by the other key, checked against the community's.
  printf '[mail]\nsigning_key = %s\n' "$OTHER" > "$T/other.ini"
  tldops --config "$T/other.ini" export --format json --sign --output else.json >/dev/null
  expect_status 1 tv --config "$T/sign.ini" verify else.json
  contains "$ERR" "not by the expected key"
  # A keyring without the signer's key cannot check anything.
  mkdir -m 700 "$T/empty"
  GNUPGHOME="$T/empty" expect_status 1 tv verify repo.json
  contains "$ERR" "signature"
  # Not a fingerprint.
  expect_status 1 tv verify repo.json --key "tld-ops@localhost"
  contains "$ERR" "signing_key"
}

test_csv_and_vcard_sign_too() {
  seed; make_key
  expect_status 0 tldops --config "$T/sign.ini" export --format csv --sign --output repo.csv
  expect_status 0 tv --config "$T/sign.ini" verify repo.csv
  gpg --batch --verify repo.csv.asc repo.csv 2>/dev/null
  # The same bytes as the plain export.
  equals "$(tldops export --format csv | od -c)" "$(od -c < repo.csv)"
  expect_status 0 tldops --config "$T/sign.ini" export --format vcard --sign --output repo.vcf
  expect_status 0 tv --config "$T/sign.ini" verify repo.vcf
  equals "$(grep -c BEGIN:VCARD repo.vcf)" 3
  # Without --output: a dated name in the current folder.
  expect_status 0 tldops --config "$T/sign.ini" export --format csv --sign
  f=$(ls tldops-repository-*.csv)
  [ -s "$f.asc" ] || fail "no signature beside $f"
}

test_sign_refuses_bad_input_and_writes_nothing() {
  seed
  before=$(db_dump)
  # No key configured.
  expect_status 1 tldops export --format json --sign --output repo.json
  contains "$ERR" "error: signing_key:"
  [ ! -e repo.json ] && [ ! -e repo.json.asc ] || fail "files written"
  # A key that is not in the keyring.
  mkdir -m 700 "$T/gnupg"; export GNUPGHOME="$T/gnupg"
  printf '[mail]\nsigning_key = 0123456789ABCDEF0123456789ABCDEF01234567\n' > "$T/bad.ini"
  expect_status 1 tldops --config "$T/bad.ini" export --format json --sign --output repo.json
  contains "$ERR" "signing_key"
  [ ! -e repo.json ] || fail "file written"
  # A Mailman roster is no offline copy.
  expect_status 1 tldops --config "$T/bad.ini" export --format mailman --sign --output r.txt
  contains "$ERR" "error: format:"
  expect_status 1 tldops export --format pdf --sign
  contains "$ERR" "format"
  expect_status 2 tv verify
  equals "$(db_dump)" "$before"
  gpgconf --kill all 2>/dev/null || true
}

test_stale_contacts_are_flagged_in_the_offline_copy() {
  seed; make_key
  faketime -f '+181d' "$TLDOPS_BIN" freshness run >/dev/null
  faketime -f '+242d' "$TLDOPS_BIN" freshness run >/dev/null
  tldops --config "$T/sign.ini" export --format json --sign --output repo.json >/dev/null
  equals "$(json '[c["stale_since"] is not None for cc in d["cctlds"] for c in cc["contacts"]]' < repo.json)" "[True, True, True]"
}

test_repository_mail_attaches_the_signed_copy() {
  seed; make_key
  printf '[mail]\nsigning_key = %s\ndigest_attach_export = yes\n' "$FPR" > "$T/attach.ini"
  expect_status 0 tldops --config "$T/attach.ini" digest --send
  f=$(grep -l "^Delivered-To: jan@sidn.example" "$T"/mail/new/*)
  /usr/bin/python3 - "$f" "$T" <<'PY'
import sys, email, email.policy
raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.compat32)
assert msg.get_content_type() == "multipart/signed", msg.get_content_type()
mixed = msg.get_payload()[0]
assert mixed.get_content_type() == "multipart/mixed", mixed.get_content_type()
parts = mixed.get_payload()
assert parts[0].get_content_type() == "text/plain"
names = [p.get_filename() for p in parts[1:]]
assert len(names) == 2 and names[0].endswith(".json") and names[1] == names[0] + ".asc", names
open(sys.argv[2] + "/att.json", "wb").write(parts[1].get_payload(decode=True))
open(sys.argv[2] + "/att.json.asc", "wb").write(parts[2].get_payload(decode=True))
# The PGP/MIME signature covers text and files: write what it signs.
b = msg.get_boundary().encode()
body = raw.split(b"\r\n\r\n", 1)[1]
signed = body.split(b"--" + b + b"\r\n", 1)[1].split(b"\r\n--" + b + b"\r\n", 1)[0]
open(sys.argv[2] + "/signed.bin", "wb").write(signed)
open(sys.argv[2] + "/mime.asc", "w").write(msg.get_payload()[1].get_payload())
PY
  equals "$(json 'd["contacts"]' < "$T/att.json")" 3
  expect_status 0 tv --config "$T/attach.ini" verify "$T/att.json"
  gpg --batch --verify "$T/att.json.asc" "$T/att.json" 2>/dev/null || fail "attachment does not verify"
  gpg --batch --verify "$T/mime.asc" "$T/signed.bin" 2>/dev/null || fail "PGP/MIME signature does not verify"
  # Without the option the mail has no attachment.
  rm -f "$T"/mail/new/*
  expect_status 0 tldops --config "$T/sign.ini" digest --send
  ! grep -q "multipart/mixed" "$T"/mail/new/* || fail "attachment without the option"
}

test_digest_attach_export_option_is_checked() {
  init_db
  printf '[mail]\ndigest_attach_export = perhaps\n' > "$T/bad.ini"
  expect_status 1 tldops --config "$T/bad.ini" config check
  contains "$ERR" "digest_attach_export"
  printf '[mail]\ndigest_attach_export = yes\n' > "$T/ok.ini"
  expect_status 0 tldops --config "$T/ok.ini" config show
  contains "$OUT" "digest_attach_export = yes"
}
