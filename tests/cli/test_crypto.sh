# SPDX-License-Identifier: MIT
# The encrypted list (docs/crypto.md) with real GnuPG: members' keys,
# per-recipient PGP/MIME encryption signed by the list key, TLP:RED only
# encrypted.  Every key is a quick, unprotected ed25519/cv25519 test key in
# a throwaway GNUPGHOME under $T.

# gen_key HOME "Name <addr>" [EXPIRY]: a new key in HOME; prints its fingerprint.
gen_key() {
  mkdir -p -m 700 "$1"
  GNUPGHOME="$1" gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-gen-key "$2" future-default default "${3:-1y}" 2>/dev/null
  GNUPGHOME="$1" gpg --batch --with-colons --list-keys 2>/dev/null |
    awk -F: '/^fpr/ {print $10; exit}'
}

# The list's keyring ($T/gnupg, with the list key) and the configuration.
setup_list() {
  export GNUPGHOME="$T/gnupg"
  trap 'for h in "$T"/gnupg "$T"/m*; do GNUPGHOME=$h gpgconf --kill all 2>/dev/null; done; true' EXIT
  LIST_FPR=$(gen_key "$T/gnupg" "TLD-OPS list <tld-ops@localhost>")
  printf '[crypto]\nlist_key = %s\nencrypt = %s\n' "$LIST_FPR" "${1:-tlp-red}" > "$T/crypto.ini"
  export TLDOPS_CONFIG="$T/crypto.ini"
}

# member N NAME ADDR [EXPIRY]: a member with a key in $T/mN (who also knows
# the list key, to check its signature); sets FPR_N and writes $T/mN.asc
# (public).
member() {
  local fpr
  fpr=$(gen_key "$T/m$1" "$2 <$3>" "${4:-1y}")
  eval "FPR_$1=$fpr"
  GNUPGHOME="$T/m$1" gpg --batch --armor --export "$fpr" > "$T/m$1.asc"
  gpg --batch --armor --export "$LIST_FPR" | GNUPGHOME="$T/m$1" gpg --batch --quiet --import 2>/dev/null
}

# open_encrypted FILE HOME: check the RFC 3156 structure of a delivered
# message, decrypt it with the key in HOME; the plaintext goes to
# $T/plain.txt and gpg's status lines to $T/status.txt.
open_encrypted() {
  /usr/bin/python3 - "$1" "$T/cipher.asc" <<'PY'
import sys, email, email.policy
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.compat32)
assert msg.get_content_type() == "multipart/encrypted", msg.get_content_type()
assert msg.get_param("protocol") == "application/pgp-encrypted"
parts = msg.get_payload()
assert len(parts) == 2
assert parts[0].get_content_type() == "application/pgp-encrypted"
assert parts[0].get_payload().strip() == "Version: 1"
assert parts[1].get_content_type() == "application/octet-stream"
open(sys.argv[2], "w").write(parts[1].get_payload())
PY
  GNUPGHOME="$2" gpg --batch --status-fd 3 --decrypt "$T/cipher.asc" \
    > "$T/plain.txt" 2>/dev/null 3>"$T/status.txt" || return 1
  # Encrypted once for all, each copy holds its member's session key only:
  # it names no other recipient.
  [ "$(GNUPGHOME="$2" gpg --batch --list-packets "$T/cipher.asc" 2>/dev/null |
    grep -c '^:pubkey enc packet')" = 1 ] || { echo "more than one recipient in a copy" >&2; return 1; }
}

# mail_to ADDR: the delivered file whose envelope recipient is ADDR.
mail_to() { grep -l "^Delivered-To: $1" "$T"/mail/new/* | head -1; }

test_key_import_and_list() {
  init_db; setup_list
  member 1 "Jan Jansen" jan@sidn.example
  id=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  expect_status 0 tldops key import --contact "$id" "$T/m1.asc"
  contains "$OUT" "$FPR_1"
  contains "$OUT" "usable"
  gpg --batch --list-keys "$FPR_1" >/dev/null 2>&1 || fail "the key is not in the keyring"
  expect_status 0 tldops key list
  contains "$OUT" "$FPR_1"
  contains "$OUT" "usable"
  expect_status 0 tldops key list --json
  equals "$(echo "$OUT" | json 'd[0]["usable"]')" True
  equals "$(echo "$OUT" | json 'd[0]["fingerprint"]')" "$FPR_1"
  expect_status 0 tldops audit
  contains "$OUT" "key.import"
}

test_key_import_refuses_what_is_not_the_members_key() {
  init_db; setup_list
  member 1 "Jan Jansen" jan@sidn.example
  member 2 "Other Person" other@example.org
  id=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  # Another key than the one on the entry.
  expect_unchanged 1 tldops key import --contact "$id" "$T/m2.asc"
  contains "$ERR" "error: key: fingerprint $FPR_2 does not match the contact's pgp_fingerprint $FPR_1"
  ! gpg --batch --list-keys "$FPR_2" >/dev/null 2>&1 || fail "a refused key reached the keyring"
  # The right fingerprint, but no user id with the contact's address.
  id2=$(add_contact se "Sven Svensson" sven@iis.example +46812345678 --pgp "$FPR_2")
  expect_unchanged 1 tldops key import --contact "$id2" "$T/m2.asc"
  contains "$ERR" "error: key: has no valid user id with the contact's address <sven@iis.example>"
  # A secret key pasted by mistake: refused, and never stored.
  GNUPGHOME="$T/m1" gpg --batch --pinentry-mode loopback --passphrase '' --armor \
    --export-secret-keys "$FPR_1" > "$T/secret.asc"
  expect_unchanged 1 tldops key import --contact "$id" "$T/secret.asc"
  contains "$ERR" "error: key: is a secret (private) key: it was not stored"
  ! gpg --batch --list-secret-keys "$FPR_1" >/dev/null 2>&1 || fail "a secret key reached the keyring"
  ! gpg --batch --list-keys "$FPR_1" >/dev/null 2>&1 || fail "a refused key reached the keyring"
  # Garbage, damaged and truncated armour, each named.
  echo "this is not a key" > "$T/garbage.asc"
  expect_unchanged 1 tldops key import --contact "$id" "$T/garbage.asc"
  contains "$ERR" "error: key: is not an ASCII-armoured OpenPGP public key"
  sed '3s/^..../!!!!/' "$T/m1.asc" > "$T/damaged.asc"
  expect_unchanged 1 tldops key import --contact "$id" "$T/damaged.asc"
  contains "$ERR" "error: key: line 3: not base64"
  head -n 5 "$T/m1.asc" > "$T/short.asc"
  expect_unchanged 1 tldops key import --contact "$id" "$T/short.asc"
  contains "$ERR" "the armour is cut short"
  # Base64 that is no key.
  printf -- '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\naGVsbG8gd29ybGQK\n-----END PGP PUBLIC KEY BLOCK-----\n' > "$T/nokey.asc"
  expect_unchanged 1 tldops key import --contact "$id" "$T/nokey.asc"
  contains "$ERR" "error: key: GnuPG finds no OpenPGP key"
  # No such contact; a contact without a fingerprint.
  expect_unchanged 1 tldops key import --contact 999 "$T/m1.asc"
  contains "$ERR" "error: contact: no active contact 999"
  id3=$(add_contact de "Kurt Keylos" kurt@denic.example +496927235000)
  expect_unchanged 1 tldops key import --contact "$id3" "$T/m1.asc"
  contains "$ERR" "has no pgp_fingerprint"
}

test_tlp_red_alert_goes_only_encrypted() {
  init_db; setup_list
  member 1 "Jan Jansen" jan@sidn.example
  member 2 "Sven Svensson" sven@iis.example
  id1=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  id2=$(add_contact se "Sven Svensson" sven@iis.example +46812345678 --pgp "$FPR_2")
  add_contact de "Kurt Keylos" kurt@denic.example +496927235000 >/dev/null
  tldops key import --contact "$id1" "$T/m1.asc" >/dev/null
  tldops key import --contact "$id2" "$T/m2.asc" >/dev/null
  printf 'The resolver at 192.0.2.53 is compromised: SECRET-PLAINTEXT-MARKER.\n' > "$T/body"
  expect_status 0 tldops alert send --subject "Hijack at SECRET-SUBJECT" --body-file "$T/body" --tlp red
  contains "$OUT" "queued for 3 recipients"
  contains "$OUT" "delivered 3"
  equals "$(ls "$T"/mail/new | wc -l)" 3
  # Nothing that reached the sink holds the text or the subject.
  ! grep -rl "SECRET-PLAINTEXT-MARKER\|SECRET-SUBJECT\|192.0.2.53" "$T"/mail/ || fail "plaintext reached the sink"
  ! grep -rl "X-TLD-OPS-Encrypt" "$T"/mail/ || fail "the outbox mark was sent"
  for n in 1 2; do
    addr=$([ $n = 1 ] && echo jan@sidn.example || echo sven@iis.example)
    f=$(mail_to "$addr")
    [ -n "$f" ] || fail "no mail to $addr"
    grep -q "^Subject: \[TLP:RED\] Encrypted message" "$f" || fail "outer subject"
    open_encrypted "$f" "$T/m$n" || fail "member $n cannot decrypt: $(cat "$T/status.txt")"
    grep -q "SECRET-PLAINTEXT-MARKER" "$T/plain.txt" || fail "member $n: not the alert"
    grep -q "^Subject: \[TLP:RED\] Hijack at SECRET-SUBJECT" "$T/plain.txt" || fail "protected subject"
    grep -q "VALIDSIG $LIST_FPR" "$T/status.txt" || fail "member $n: not signed by the list key: $(cat "$T/status.txt")"
    grep -q "DECRYPTION_OKAY" "$T/status.txt" || fail "member $n: decryption"
  done
  # The other member cannot read the first one's copy.
  ! open_encrypted "$(mail_to jan@sidn.example)" "$T/m2" || fail "member 2 read member 1's copy"
  # The member without a key gets the notice, without the text.
  f=$(mail_to kurt@denic.example)
  grep -qi "a TLP:RED message is waiting: add your key at http://127.0.0.1:8080/me" "$f" || fail "no notice: $(cat "$f")"
  ! grep -q "multipart/encrypted" "$f" || fail "the notice is encrypted?"
}

test_encrypt_always_and_never() {
  init_db; setup_list always
  member 1 "Jan Jansen" jan@sidn.example
  id1=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  add_contact de "Kurt Keylos" kurt@denic.example +496927235000 >/dev/null
  tldops key import --contact "$id1" "$T/m1.asc" >/dev/null
  printf 'Patch your resolvers: AMBER-TEXT.\n' > "$T/body"
  expect_status 0 tldops alert send --subject "Resolver bug" --body-file "$T/body" --tlp amber
  # always: the member with a key gets it encrypted, the other in plain text.
  f=$(mail_to jan@sidn.example)
  ! grep -q "AMBER-TEXT" "$f" || fail "plaintext to a member with a key"
  open_encrypted "$f" "$T/m1" || fail "cannot decrypt"
  grep -q "AMBER-TEXT" "$T/plain.txt" || fail "not the alert"
  grep -q "AMBER-TEXT" "$(mail_to kurt@denic.example)" || fail "the member without a key gets nothing readable"
  # never: TLP:RED is refused, nothing is queued.
  printf '[crypto]\nlist_key = %s\nencrypt = never\n' "$LIST_FPR" > "$T/never.ini"
  expect_unchanged 1 tldops --config "$T/never.ini" alert send --subject "Red" --body-file "$T/body" --tlp red
  contains "$ERR" "error: tlp: TLP:RED mail goes only encrypted, and [crypto] encrypt is never"
  # No list key: TLP:RED is refused.
  printf '[crypto]\nencrypt = tlp-red\n' > "$T/nokey.ini"
  expect_unchanged 1 tldops --config "$T/nokey.ini" alert send --subject "Red" --body-file "$T/body" --tlp red
  contains "$ERR" "error: list_key: is not set"
  printf '[crypto]\nencrypt = sometimes\n' > "$T/bad.ini"
  expect_status 1 tldops --config "$T/bad.ini" config check
  contains "$ERR" "crypto.encrypt: \"sometimes\" is not one of always|tlp-red|never"
}

# Three members: 1 and 2 with keys in the keyring, 3 (Kurt) without.
three_members() {
  member 1 "Jan Jansen" jan@sidn.example
  member 2 "Sven Svensson" sven@iis.example
  id1=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  id2=$(add_contact se "Sven Svensson" sven@iis.example +46812345678 --pgp "$FPR_2")
  add_contact de "Kurt Keylos" kurt@denic.example +496927235000 >/dev/null
  tldops key import --contact "$id1" "$T/m1.asc" >/dev/null
  tldops key import --contact "$id2" "$T/m2.asc" >/dev/null
}

test_tlp_red_post_reaches_members_only_encrypted() {
  init_db; setup_list; three_members
  printf 'From: Jan Jansen <jan@sidn.example>\nTo: tld-ops@localhost\nSubject: [TLP:RED] Incident at POST-SUBJECT\nMessage-ID: <red1@sidn.example>\nDate: Thu, 3 Dec 2026 08:00:00 +0000\n\nThe attacker uses POST-PLAINTEXT-MARKER.\n' > "$T/post"
  expect_status 0 tldops deliver tld-ops@localhost jan@sidn.example < "$T/post"
  contains "$OUT" "distributed (3 deliveries)"
  expect_status 0 tldops outbox run
  contains "$OUT" "delivered 3"
  ! grep -rl "POST-PLAINTEXT-MARKER\|POST-SUBJECT" "$T"/mail/ || fail "plaintext reached the sink"
  open_encrypted "$(mail_to sven@iis.example)" "$T/m2" || fail "cannot decrypt: $(cat "$T/status.txt")"
  grep -q "POST-PLAINTEXT-MARKER" "$T/plain.txt" || fail "not the post"
  grep -q "VALIDSIG $LIST_FPR" "$T/status.txt" || fail "not signed by the list key"
  grep -qi "a TLP:RED message is waiting" "$(mail_to kurt@denic.example)" || fail "no notice"
}

# pgp_post KIND FROM-HOME FILE SUBJECT BODY: a post from Jan (key in
# FROM-HOME) to the list: KIND encrypted (to the list key, signed by Jan,
# RFC 3156 6.2), signed (multipart/signed) or tampered (signed, then the text
# changed).
pgp_post() {
  /usr/bin/python3 - "$@" "$LIST_FPR" <<'PY'
import subprocess, sys, os
kind, home, out, subject, body, list_fpr = sys.argv[1:7]
env = dict(os.environ, GNUPGHOME=home)
entity = ("Content-Type: text/plain; charset=utf-8\r\n"
          "Content-Transfer-Encoding: 7bit\r\n\r\n" + body + "\r\n").encode()
head = ("From: Jan Jansen <jan@sidn.example>\r\nTo: tld-ops@localhost\r\n"
        "Subject: %s\r\nMessage-ID: <%s@sidn.example>\r\n"
        "Date: Thu, 3 Dec 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n" % (subject, kind))
def gpg(*args, data):
    return subprocess.run(["gpg", "--batch", "--yes", "--trust-model", "always", *args],
                          input=data, env=env, capture_output=True, check=True).stdout
if kind == "encrypted":
    c = gpg("--armor", "--sign", "--encrypt", "-r", list_fpr, data=entity).decode()
    msg = head + ('Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";'
                  ' boundary="b1"\r\n\r\n--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\n'
                  'Version: 1\r\n\r\n--b1\r\nContent-Type: application/octet-stream\r\n\r\n'
                  + c.replace("\n", "\r\n") + "\r\n--b1--\r\n")
else:
    sig = gpg("--armor", "--detach-sign", data=entity[:-2]).decode()
    signed = entity
    if kind == "tampered":
        signed = entity.replace(b"patch", b"ignore")
    msg = head + ('Content-Type: multipart/signed; micalg=pgp-sha256;'
                  ' protocol="application/pgp-signature"; boundary="b2"\r\n\r\n--b2\r\n'
                  + signed[:-2].decode() + "\r\n--b2\r\nContent-Type: application/pgp-signature\r\n\r\n"
                  + sig.replace("\n", "\r\n") + "\r\n--b2--\r\n")
open(out, "w", newline="").write(msg)
PY
}

test_post_encrypted_to_the_list_key_is_decrypted_and_re_encrypted() {
  init_db; setup_list always; three_members
  # The list knows Jan's key (imported above); Jan encrypts to the list key.
  gpg --batch --armor --export "$LIST_FPR" | GNUPGHOME="$T/m1" gpg --batch --quiet --import 2>/dev/null
  pgp_post encrypted "$T/m1" "$T/post" "Incident" "Please patch ENCRYPTED-POST-TEXT now."
  expect_status 0 tldops deliver tld-ops@localhost jan@sidn.example < "$T/post"
  contains "$OUT" "distributed (3 deliveries)"
  copy=$(db_query "SELECT data FROM mail_message WHERE kind = 'post'")
  contains "$copy" "X-TLD-OPS-Signature: good, Jan Jansen $FPR_1"
  contains "$copy" "[OpenPGP signature: good, Jan Jansen $FPR_1; it came encrypted to the list]"
  expect_status 0 tldops outbox run
  # encrypt = always: the members with keys get it encrypted to their key.
  open_encrypted "$(mail_to sven@iis.example)" "$T/m2" || fail "member 2 cannot decrypt"
  grep -q "ENCRYPTED-POST-TEXT" "$T/plain.txt" || fail "not the post"
  grep -q "OpenPGP signature: good, Jan Jansen" "$T/plain.txt" || fail "no signature line"
  grep -q "VALIDSIG $LIST_FPR" "$T/status.txt" || fail "not signed by the list key"
  grep -q "ENCRYPTED-POST-TEXT" "$(mail_to kurt@denic.example)" || fail "always: plain to a member without a key"
  ! grep -q "ENCRYPTED-POST-TEXT" "$(mail_to jan@sidn.example)" || fail "plaintext to a member with a key"
}

test_signed_posts_good_is_stated_bad_or_unknown_is_held() {
  init_db; setup_list; three_members
  pgp_post signed "$T/m1" "$T/good" "Signed" "Please patch."
  expect_status 0 tldops deliver tld-ops@localhost jan@sidn.example < "$T/good"
  contains "$OUT" "distributed"
  copy=$(db_query "SELECT data FROM mail_message WHERE kind = 'post'")
  contains "$copy" "X-TLD-OPS-Signature: good, Jan Jansen $FPR_1"
  # Changed after signing: held for the committee, with the reason.
  pgp_post tampered "$T/m1" "$T/bad" "Tampered" "Please patch."
  expect_status 0 tldops deliver tld-ops@localhost jan@sidn.example < "$T/bad"
  contains "$OUT" "held"
  contains "$(db_query "SELECT reason FROM list_post WHERE message_id = 'tampered@sidn.example'")" "signature: BAD"
  # Signed by a key the list does not have.
  member 4 "Stranger" jan@sidn.example
  pgp_post signed "$T/m4" "$T/unknown" "Unknown" "Please patch."
  sed -i 's/<signed@/<unknown@/' "$T/unknown"
  expect_status 0 tldops deliver tld-ops@localhost jan@sidn.example < "$T/unknown"
  contains "$OUT" "held"
  contains "$(db_query "SELECT reason FROM list_post WHERE message_id = 'unknown@sidn.example'")" "signature: by a key the list does not have"
  # A forged X-TLD-OPS-Signature header does not survive.
  printf 'From: Jan Jansen <jan@sidn.example>\nTo: tld-ops@localhost\nSubject: forged\nMessage-ID: <forged@sidn.example>\nX-TLD-OPS-Signature: good, Someone\n\nhi\n' > "$T/forged"
  expect_status 0 tldops deliver tld-ops@localhost jan@sidn.example < "$T/forged"
  not_contains "$(db_query "SELECT data FROM mail_message WHERE kind = 'post' ORDER BY id DESC LIMIT 1")" "Someone"
}

# mail_subject ADDR SUBJECT: how many delivered messages to ADDR have a
# subject starting with SUBJECT.
mail_subject() {
  local n=0 f
  for f in "$T"/mail/new/*; do
    [ -e "$f" ] || continue
    grep -q "^Delivered-To: $1" "$f" && grep -q "^Subject: $2" "$f" && n=$((n + 1))
  done
  echo $n
}

# Key lifecycle: a key that expires within 30 days is asked about once in
# the freshness run; expired and revoked keys are in the weekly summary and
# on the committee dashboard; a member whose key expired gets TLP:RED mail
# only as the notice.
test_key_lifecycle_ask_report_and_expired_key() {
  init_db; setup_list
  at() { local d=$1; shift; faketime -f "+${d}d" "$TLDOPS_BIN" "$@"; }
  member 1 "Jan Jansen" jan@sidn.example 1y
  member 2 "Sven Svensson" sven@iis.example 20d
  member 3 "Kurt Kurz" kurt@denic.example 5d
  member 4 "Rita Revoked" rita@nic.example 1y
  id1=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  id2=$(add_contact se "Sven Svensson" sven@iis.example +46812345678 --pgp "$FPR_2")
  id3=$(add_contact de "Kurt Kurz" kurt@denic.example +496927235000 --pgp "$FPR_3")
  id4=$(add_contact at "Rita Revoked" rita@nic.example +4315127151 --pgp "$FPR_4")
  for n in 1 2 3 4; do
    eval "tldops key import --contact \$id$n \"$T/m$n.asc\"" >/dev/null || fail "import $n"
  done
  # Rita revokes her key; the revocation reaches the list's keyring.
  sed 's/^:-----/-----/' "$T/m4/openpgp-revocs.d/$FPR_4.rev" |
    gpg --batch --quiet --import 2>/dev/null
  expect_status 0 tldops key list
  contains "$OUT" "revoked"
  expect_status 0 tldops freshness run
  contains "$OUT" "keys to renew asked 2"
  equals "$(mail_subject sven@iis.example "Your OpenPGP key for TLD-OPS expires on")" 1
  equals "$(mail_subject kurt@denic.example "Your OpenPGP key for TLD-OPS expires on")" 1
  equals "$(mail_subject jan@sidn.example "Your OpenPGP key")" 0
  equals "$(mail_subject rita@nic.example "Your OpenPGP key")" 0
  f=$(grep -l "^Subject: Your OpenPGP key" $(grep -l "^Delivered-To: sven@iis.example" "$T"/mail/new/*) | head -1)
  grep -q "$FPR_2" "$f" || fail "the ask does not name the key"
  grep -q "http://127.0.0.1:8080/me" "$f" || fail "the ask does not say where to upload"
  expect_status 0 tldops audit
  contains "$OUT" "key.ask"
  # Once per key and expiry: the next run does not ask again.
  expect_status 0 at 1 freshness run
  contains "$OUT" "keys to renew asked 0"
  equals "$(mail_subject sven@iis.example "Your OpenPGP key")" 1
  # The weekly summary of the first run: Rita's key revoked, two expiring.
  f=$(grep -l "^Subject: Contact freshness" "$T"/mail/new/* | head -1)
  [ -n "$f" ] || fail "no weekly summary"
  grep -q "OpenPGP keys expired or revoked" "$f" || fail "summary: no key section: $(cat "$f")"
  grep -A1 "Rita Revoked" "$f" | grep -q "revoked" || fail "summary: Rita's key"
  grep -A1 "Kurt Kurz" "$f" | grep -q "expires on" || fail "summary: Kurt's key"
  # Ten days on Kurt's key has expired: the next summary says so.
  rm -f "$T"/mail/new/*
  expect_status 0 at 10 freshness run
  contains "$OUT" "keys to renew asked 0"
  contains "$OUT" "weekly summary queued"
  f=$(grep -l "^Subject: Contact freshness" "$T"/mail/new/* | head -1)
  grep -A1 "Kurt Kurz" "$f" | grep -q "expired on" || fail "summary: Kurt's expired key: $(cat "$f")"
  # A TLP:RED alert then: Jan encrypted; Kurt (expired) and Rita (revoked)
  # get the notice and none of the text; Sven (key valid 10 more days) encrypted.
  rm -f "$T"/mail/new/*
  printf 'Rotate the KSK: LIFECYCLE-PLAINTEXT.\n' > "$T/body"
  expect_status 0 at 10 alert send --subject "KSK at LIFECYCLE-SUBJECT" --body-file "$T/body" --tlp red
  contains "$OUT" "delivered 4"
  ! grep -rl "LIFECYCLE-PLAINTEXT\|LIFECYCLE-SUBJECT" "$T"/mail/ || fail "plaintext reached the sink"
  for a in kurt@denic.example rita@nic.example; do
    f=$(mail_to $a)
    grep -qi "a TLP:RED message is waiting" "$f" || fail "no notice to $a: $(cat "$f")"
    ! grep -q "multipart/encrypted" "$f" || fail "encrypted to a dead key of $a"
  done
  open_encrypted "$(mail_to jan@sidn.example)" "$T/m1" || fail "Jan cannot decrypt"
  open_encrypted "$(mail_to sven@iis.example)" "$T/m2" || fail "Sven cannot decrypt"
}

# revoke HOME FPR OUT: a revocation certificate made with gpg
# --generate-revocation (reason: compromised) into OUT.
revoke() {
  printf 'y\n1\nKey lost\n\ny\n' | GNUPGHOME="$1" gpg --yes --no-tty --command-fd 0 \
    --pinentry-mode loopback --passphrase '' --armor -o "$3" \
    --generate-revocation "$2" 2>/dev/null
  grep -q "BEGIN PGP PUBLIC KEY BLOCK" "$3" || fail "gpg made no revocation certificate"
}

# A revocation reaches the list through key import: a revocation
# certificate, or the member's key re-exported once revoked.  The key is
# then revoked in key list and no longer used: TLP:RED mail brings the
# notice.  A certificate of a key that is not the contact's is refused
# and that key stays as it was (checked on a keyring of its own first).
test_revocation_import_marks_the_key_revoked_and_unused() {
  init_db; setup_list
  member 1 "Jan Jansen" jan@sidn.example
  member 2 "Eva Ek" eva@iis.example
  member 3 "Kim Kern" kim@denic.example
  id1=$(add_contact nl "Jan Jansen" jan@sidn.example +31263525500 --pgp "$FPR_1")
  id2=$(add_contact se "Eva Ek" eva@iis.example +46812345678 --pgp "$FPR_2")
  id3=$(add_contact de "Kim Kern" kim@denic.example +496927235000 --pgp "$FPR_3")
  for n in 1 2 3; do
    eval "tldops key import --contact \$id$n \"$T/m$n.asc\"" >/dev/null || fail "import $n"
  done
  # A revocation of a key that is not in the list's keyring: refused.
  other=$(gen_key "$T/m9" "Other <other@example.org>")
  revoke "$T/m9" "$other" "$T/other.rev"
  expect_unchanged 1 tldops key import --contact "$id1" "$T/other.rev"
  contains "$ERR" "key"
  contains "$ERR" "nor a revocation of key $FPR_1"
  expect_status 0 tldops key list --json
  /usr/bin/python3 -c 'import json,sys
d = {r["email"]: r for r in json.loads(sys.argv[1])}
assert all(r["usable"] for r in d.values()), d' "$OUT" || fail "a key changed: $OUT"
  # Kim's certificate for Jan's entry: refused, and Kim's key in the
  # list's keyring untouched (his certificate in the wrong hands).
  revoke "$T/m3" "$FPR_3" "$T/m3.rev"
  mkdir -m 700 "$T/tmp"
  TMPDIR=$T/tmp expect_unchanged 1 tldops key import --contact "$id1" "$T/m3.rev"
  contains "$ERR" "certificate of another key is refused"
  # The keyring it was checked in is gone, and no agent was started for it.
  [ -z "$(ls -A "$T/tmp")" ] || fail "left in TMPDIR: $(ls -A "$T/tmp")"
  expect_status 0 tldops key list --json
  /usr/bin/python3 -c 'import json,sys
d = {r["email"]: r for r in json.loads(sys.argv[1])}
assert all(r["usable"] for r in d.values()), d' "$OUT" || fail "a key revoked by a refused certificate: $OUT"
  # Jan's revocation certificate.
  revoke "$T/m1" "$FPR_1" "$T/m1.rev"
  expect_status 0 tldops key import --contact "$id1" "$T/m1.rev"
  contains "$OUT" "key $FPR_1 imported"
  contains "$OUT" "NOT usable: revoked"
  # Eva revokes her key in her own keyring and uploads it again.
  revoke "$T/m2" "$FPR_2" "$T/m2.rev"
  GNUPGHOME="$T/m2" gpg --batch --quiet --import "$T/m2.rev" 2>/dev/null
  GNUPGHOME="$T/m2" gpg --batch --armor --export "$FPR_2" > "$T/m2-revoked.asc"
  expect_status 0 tldops key import --contact "$id2" "$T/m2-revoked.asc"
  contains "$OUT" "NOT usable: revoked"
  expect_status 0 tldops key list --json
  /usr/bin/python3 -c 'import json,sys
d = {r["email"]: r for r in json.loads(sys.argv[1])}
for a in ("jan@sidn.example", "eva@iis.example"):
    assert not d[a]["usable"] and "revoked" in d[a]["why"], d[a]
assert d["kim@denic.example"]["usable"], d' "$OUT" || fail "key list: $OUT"
  expect_status 0 tldops key list
  [ "$(grep -c "NOT usable: revoked" <<<"$OUT")" = 2 ] || fail "key list: $OUT"
  expect_status 0 tldops audit
  contains "$OUT" "key.import"
  # TLP:RED: the notice for Jan and Eva, never the text; Kim's copy is
  # encrypted to his key.
  printf 'Rotate the KSK: REVOKED-PLAINTEXT.\n' > "$T/body"
  expect_status 0 tldops alert send --subject "KSK at REVOKED-SUBJECT" --body-file "$T/body" --tlp red
  contains "$OUT" "delivered 3"
  ! grep -rl "REVOKED-PLAINTEXT\|REVOKED-SUBJECT" "$T"/mail/ || fail "plaintext reached the sink"
  for a in jan@sidn.example eva@iis.example; do
    f=$(mail_to $a)
    grep -qi "a TLP:RED message is waiting" "$f" || fail "no notice to $a: $(cat "$f")"
    ! grep -q "multipart/encrypted" "$f" || fail "encrypted to the revoked key of $a"
  done
  grep -q "multipart/encrypted" "$(mail_to kim@denic.example)" || fail "Kim's copy is not encrypted"
}
