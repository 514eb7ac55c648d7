# SPDX-License-Identifier: MIT
# The list end to end through a real Postfix on loopback: SMTP to Postfix
# -> pipe(8) -> tldops deliver -> database -> outbox -> SMTP to a sink that
# logs each recipient (tests/tools/smtp-sink).  Postfix retries what
# deliver answered 75 for (or what died), so a crash or a locked database
# loses nothing and distributes nothing twice.

LIST=tld-ops@lists.example

free_port() { /usr/bin/python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }

# pf_setup: a community of 3 + N members, the sink, Postfix in front.
pf_setup() {
  [ "$(id -u)" = 0 ] || skip "Postfix's pipe needs root to run deliver as nobody"
  command -v postfix >/dev/null || skip "no postfix (scripts/install-deps --test)"
  init_db
  cat > "$T/cfg.ini" <<E
[policy]
max_contacts_per_cctld = 0
[mail]
list_address = $LIST
list_id = tld-ops.lists.example
[web]
base_url = https://tldops.example
E
  export TLDOPS_CONFIG="$T/cfg.ini"
  add_contact nl "Alice Andersen" alice@nl.example +31201234567 >/dev/null
  add_contact de "Bob Becker" bob@de.example +4930123456 >/dev/null
  add_contact fr "Chloe Carre" chloe@fr.example +33123456789 >/dev/null
  { echo "cctld,name,email,phone"
    for i in $(seq "${1:-20}"); do echo "se,Member $i,member$i@se.example,+4681$(printf %06d "$i")"; done
  } > "$T/c.csv"
  tldops import contacts "$T/c.csv" >/dev/null
  MEMBERS=$((3 + ${1:-20}))
  # deliver runs as nobody: it must reach the database and the tools.
  chmod 755 "$T"
  chown nobody "$T"
  case $TLDOPS_DB in
    postgres://*|postgresql://*) ;;
    *) chown nobody "$TLDOPS_DB"* ;;
  esac
  chmod 644 "$T/cfg.ini"
  # The pipe's command: deliver, unless a test asked for a crash first.
  cat > "$T/pipe.sh" <<E
#!/bin/sh
# \$1 recipient, \$2 sender; a flag file per scenario, removed when used.
if [ -e "$T/kill-after-commit" ]; then
  rm -f "$T/kill-after-commit"
  # The crash window: committed, but the status never reaches Postfix.
  "$TLDOPS_BIN" --db "$TLDOPS_DB" --config "$T/cfg.ini" deliver "\$1" "\$2" >/dev/null
  echo "deliver: killed after its commit (test)" >&2
  exit 75
fi
if [ -e "$T/kill-during" ]; then
  rm -f "$T/kill-during"
  "$TLDOPS_BIN" --db "$TLDOPS_DB" --config "$T/cfg.ini" deliver "\$1" "\$2" &
  sleep 0.0\$(od -An -N1 -tu1 /dev/urandom | tr -d ' ' | cut -c1)
  kill -9 \$! 2>/dev/null
  wait
  # What Postfix sees of a deliver killed -9: its command died by the signal.
  kill -9 \$\$
fi
exec "$TLDOPS_BIN" --db "$TLDOPS_DB" --config "$T/cfg.ini" deliver "\$1" "\$2"
E
  chmod 755 "$T/pipe.sh"
  mkdir -p "$T/kept"; chmod 777 "$T/kept"
  rm -f "$T/sink.port"
  SMTP_SINK_DIR="$T/kept" "$TLDOPS_ROOT/tests/tools/smtp-sink" "$T/sink.log" "$T/sink.port" \
    >"$T/sink.out" 2>&1 &
  SINK_PID=$!
  PF_PORT=$(free_port)
  trap 'kill $SINK_PID 2>/dev/null; "$TLDOPS_ROOT/tests/tools/postfix-instance" stop "$T/pf"' EXIT
  for _ in $(seq 100); do [ -s "$T/sink.port" ] && break; sleep 0.05; done
  [ -s "$T/sink.port" ] || fail "smtp sink did not start"
  touch "$T/sink.log"
  export TLDOPS_MAIL="smtp://127.0.0.1:$(cat "$T/sink.port")"
  PF_RELAY="127.0.0.1:$(cat "$T/sink.port")" \
    "$TLDOPS_ROOT/tests/tools/postfix-instance" start "$T/pf" "$PF_PORT" /bin/sh "$T/pipe.sh"
}

# smtp_send FILE FROM: one message to the list through Postfix.
smtp_send() {
  /usr/bin/python3 - "$PF_PORT" "$1" "$2" "${3:-$LIST}" <<'E'
import smtplib, sys
port, path, frm, rcpt = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
with smtplib.SMTP("127.0.0.1", port, timeout=20) as s:
    s.sendmail(frm, [rcpt], open(path, "rb").read())
E
}

post_file() {
  { printf 'From: %s\nTo: %s\nSubject: %s\nMessage-ID: <%s>\nDate: Thu, 3 Dec 2026 08:00:00 +0000\n' \
      "$2" "$LIST" "${4:-Resolver bug}" "$3"
    for h in "${@:5}"; do printf '%s\n' "$h"; done
    printf '\nHello all,\nplease patch.\n'; } > "$1"
}

pf_idle() { "$TLDOPS_ROOT/tests/tools/postfix-instance" idle "$T/pf" "${1:-30}" || { tail -20 "$T/pf/postfix.log" >&2; fail "Postfix did not deliver"; }; }


# Recipients of message-id $1 in the sink: each member once.
assert_each_member_once() {
  local id=$1 n=$2
  equals "$(grep -c " <$id>\$" "$T/sink.log")" "$n"
  equals "$(grep " <$id>\$" "$T/sink.log" | cut -d' ' -f1 | sort | uniq -d | wc -l)" 0
}

test_member_post_reaches_every_member_exactly_once() {
  pf_setup 20
  post_file "$T/m" "Alice Andersen <alice@nl.example>" pf1@nl.example
  smtp_send "$T/m" alice@nl.example
  pf_idle
  contains "$(cat "$T/pf/postfix.log")" "status=sent (delivered via tldops service"
  tldops outbox run >/dev/null
  assert_each_member_once pf1@nl.example "$MEMBERS"
  tldops outbox run >/dev/null
  assert_each_member_once pf1@nl.example "$MEMBERS"
  # The members' copy: the list's headers, the bounces address as sender.
  copy=$(cat "$T"/kept/bob@de.example-*.eml)
  contains "$copy" "List-Id: TLD-OPS <tld-ops.lists.example>"
  contains "$copy" "Subject: [TLD-OPS] Resolver bug"
  contains "$copy" "From: Alice Andersen via TLD-OPS <$LIST>"
}

test_non_member_reaches_nobody_until_approved() {
  pf_setup 5
  post_file "$T/m" "Eve <eve@elsewhere.example>" pf2@elsewhere.example
  smtp_send "$T/m" eve@elsewhere.example
  pf_idle
  tldops outbox run >/dev/null
  equals "$(grep -c . "$T/sink.log")" 0
  id=$(tldops held list --json | json 'd[0]["id"]')
  tldops held approve "$id" >/dev/null
  tldops outbox run >/dev/null
  assert_each_member_once pf2@elsewhere.example "$MEMBERS"
}

test_deliver_killed_then_retried_arrives_once() {
  pf_setup 10
  # Killed after its commit, before Postfix saw the status: retried, stored once.
  touch "$T/kill-after-commit"
  post_file "$T/m" "Alice Andersen <alice@nl.example>" pf3@nl.example
  smtp_send "$T/m" alice@nl.example
  pf_idle
  [ ! -e "$T/kill-after-commit" ] || fail "the crash did not happen"
  contains "$(cat "$T/pf/postfix.log")" "killed after its commit"
  equals "$(db_query "SELECT count(*) FROM list_post WHERE message_id = 'pf3@nl.example'")" 1
  # Killed at a random moment of its run.
  for i in 1 2 3; do
    touch "$T/kill-during"
    post_file "$T/m$i" "Alice Andersen <alice@nl.example>" "pf3-$i@nl.example"
    smtp_send "$T/m$i" alice@nl.example
  done
  pf_idle 60
  contains "$(cat "$T/pf/postfix.log")" "Command died with signal 9"
  tldops outbox run >/dev/null
  for id in pf3@nl.example pf3-1@nl.example pf3-2@nl.example pf3-3@nl.example; do
    equals "$(db_query "SELECT count(*) FROM list_post WHERE message_id = '$id'")" 1
    assert_each_member_once "$id" "$MEMBERS"
  done
}

test_locked_database_means_75_then_retried_once() {
  [ "${TLDOPS_TEST_BACKEND:-sqlite}" = sqlite ] || skip "an SQLite write lock"
  pf_setup 5
  # Hold the write lock longer than deliver's busy timeout (10 s).
  /usr/bin/python3 - "$TLDOPS_DB" "$T/locked" <<'E' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(13)
c.execute("COMMIT")
os.unlink(sys.argv[2])
E
  locker=$!
  for _ in $(seq 100); do [ -e "$T/locked" ] && break; sleep 0.05; done
  post_file "$T/m" "Alice Andersen <alice@nl.example>" pf4@nl.example
  smtp_send "$T/m" alice@nl.example
  for _ in $(seq 300); do grep -q "status=deferred" "$T/pf/postfix.log" && break; sleep 0.1; done
  contains "$(cat "$T/pf/postfix.log")" "not stored, try again"
  wait $locker
  pf_idle 30
  tldops outbox run >/dev/null
  equals "$(db_query "SELECT count(*) FROM list_post WHERE message_id = 'pf4@nl.example'")" 1
  assert_each_member_once pf4@nl.example "$MEMBERS"
}

test_vacation_reply_and_our_list_id_are_not_distributed() {
  pf_setup 5
  post_file "$T/v" "Bob Becker <bob@de.example>" pf5@de.example "Out of Office: Re: [TLD-OPS] Resolver bug" \
    "Auto-Submitted: auto-replied"
  smtp_send "$T/v" bob@de.example
  post_file "$T/l" "Bob Becker <bob@de.example>" pf6@de.example "Re: [TLD-OPS] Resolver bug" \
    "List-Id: TLD-OPS <tld-ops.lists.example>"
  smtp_send "$T/l" bob@de.example
  pf_idle
  tldops outbox run >/dev/null
  equals "$(grep -c . "$T/sink.log")" 0
  equals "$(db_query "SELECT state FROM list_post WHERE message_id = 'pf5@de.example'")" held
  equals "$(db_query "SELECT state FROM list_post WHERE message_id = 'pf6@de.example'")" dropped
}

test_unknown_address_bounces_with_67() {
  pf_setup 1
  post_file "$T/m" "Alice Andersen <alice@nl.example>" pf7@nl.example
  smtp_send "$T/m" alice@nl.example nobody@lists.example
  pf_idle
  contains "$(cat "$T/pf/postfix.log")" "status=bounced"
  contains "$(cat "$T/pf/postfix.log")" "the list has no address nobody@lists.example"
  # The bounce went back to the sender; nothing reached a member.
  equals "$(cut -d' ' -f1 "$T/sink.log")" alice@nl.example
}

test_signed_post_verifies_for_a_recipient() {
  pf_setup 3
  export GNUPGHOME="$T/gnupg"; mkdir -m 700 "$GNUPGHOME"
  gpg --batch --passphrase '' --quick-gen-key alice@nl.example ed25519 sign never 2>/dev/null
  fpr=$(gpg --batch --with-colons --list-keys alice@nl.example | awk -F: '/^fpr/ {print $10; exit}')
  gpg --batch --armor --export alice@nl.example > "$T/alice.asc"
  # deliver checks the signature against the contact's key in the list's keyring.
  mkdir -m 700 "$T/listkeys"
  printf '[crypto]\ngnupg_home = %s\n' "$T/listkeys" >> "$T/cfg.ini"
  tldops contact update 1 --pgp "$fpr" >/dev/null
  GNUPGHOME="$T/listkeys" tldops key import --contact 1 "$T/alice.asc" >/dev/null
  chown -R nobody "$T/listkeys"
  "$TLDOPS_ROOT/tests/tools/pgpmime" sign alice@nl.example "Alice Andersen <alice@nl.example>" \
    "$LIST" "Signed advisory" pf8@nl.example > "$T/s"
  smtp_send "$T/s" alice@nl.example
  pf_idle
  tldops outbox run >/dev/null
  assert_each_member_once pf8@nl.example "$MEMBERS"
  f=$(ls "$T"/kept/chloe@fr.example-*.eml)
  contains "$(cat "$f")" "Subject: [TLD-OPS] Signed advisory"
  contains "$(cat "$f")" "Emergency lookup:"
  expect_status 0 "$TLDOPS_ROOT/tests/tools/pgpmime" verify "$f"
  contains "$ERR" "Good signature"
}
