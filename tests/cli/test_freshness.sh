# SPDX-License-Identifier: MIT
# Contact freshness in virtual time (faketime -f '+Nd' runs the binary N
# days ahead): the ask after reconfirm_days, reminders 14 and 28 days
# later, the stale mark after stale_days, confirming by link, correcting
# through an update request, the weekly summary, exactly once throughout.

# at DAYS ARGS...: tldops, DAYS days from now.
at() { local d=$1; shift; faketime -f "+${d}d" "$TLDOPS_BIN" "$@"; }

jan() { add_contact nl "Jan Jansen" jan@sidn.example "+31 26 352 5500" --role "CSIRT lead"; }
hans() { add_contact de "Hans Müller" hans@denic.example "+49 69 27235 0"; }

# mails TO SUBJECT: how many delivered messages to TO have a subject starting with SUBJECT.
mails() {
  local n=0 f
  for f in "$T"/mail/new/*; do
    [ -e "$f" ] || continue
    grep -q "^Delivered-To: $1[[:space:]]*$" "$f" && grep -q "^Subject: $2" "$f" && n=$((n + 1))
  done
  echo "$n"
}

# link_for TO: the token of the newest confirmation mail to TO (decoded MIME).
link_for() {
  local f
  f=$(grep -l "^Delivered-To: $1[[:space:]]*$" "$T"/mail/new/* | xargs grep -l "^Subject: .*confirm your TLD-OPS entry" | xargs ls -t | head -1)
  /usr/bin/python3 - "$f" <<'PY'
import email, re, sys
msg = email.message_from_binary_file(open(sys.argv[1], "rb"))
text = msg.get_payload(decode=True).decode()
print(re.search(r"/confirm/([A-Za-z0-9_-]{43})", text).group(1))
PY
}

# q SQL: one value from the database, on either backend.
q() {
  case $TLDOPS_DB in
    postgres://*|postgresql://*) psql -X -At -d "$TLDOPS_DB" -c "$1" ;;
    *) sqlite3 "$TLDOPS_DB" "$1" ;;
  esac
}

state() { tldops freshness status --json | json "[c for c in d if c['email'] == '$1'][0]$2"; }
state_at() { at "$1" freshness status --json | json "[c for c in d if c['email'] == '$2'][0]$3"; }


test_a_new_contact_counts_as_confirmed_and_is_not_asked() {
  init_db; jan >/dev/null
  expect_status 0 tldops freshness run
  contains "$OUT" "asked 0, reminded 0, marked stale 0"
  equals "$(state jan@sidn.example '["state"]')" confirmed
  equals "$(state jan@sidn.example '["confirmed_via"]')" creation
  equals "$(state jan@sidn.example '["asked"]')" None
  equals "$(mails jan@sidn.example '')" 0
  # 179 days on: still nothing due.
  expect_status 0 at 179 freshness run
  contains "$OUT" "asked 0,"
  expect_status 0 tldops freshness status
  contains "$OUT" "1 contacts: 1 confirmed, 0 asked, 0 stale"
}

test_ask_after_reconfirm_days_exactly_once() {
  init_db; jan >/dev/null; hans >/dev/null
  expect_status 0 at 181 freshness run
  contains "$OUT" "asked 2,"
  equals "$(mails jan@sidn.example 'Please confirm your TLD-OPS entry for .nl')" 1
  equals "$(mails hans@denic.example 'Please confirm your TLD-OPS entry for .de')" 1
  # The mail shows the entry, the one-click link and the portal's edit page.
  f=$(grep -l "^Delivered-To: jan@sidn.example" "$T"/mail/new/*)
  grep -q "CSIRT lead" "$f"
  grep -q "http://127.0.0.1:8080/confirm/" "$f"
  grep -q "http://127.0.0.1:8080/me" "$f"
  # Repeated runs, later the same day or the next, ask nobody again.
  for d in 181 181 182 190; do
    expect_status 0 at "$d" freshness run
    contains "$OUT" "asked 0,"
  done
  equals "$(mails jan@sidn.example 'Please confirm')" 1
  equals "$(state_at 182 jan@sidn.example '["state"]')" asked
  # The token is stored only as a hash and the delivered text is blanked.
  tok=$(link_for jan@sidn.example)
  [ ${#tok} -eq 43 ] || fail "token length ${#tok}"
  ! db_dump | grep -q "$tok" || fail "token stored in clear"
  equals "$(q "SELECT count(*) FROM mail_message WHERE kind = 'confirmation' AND data <> ''")" 0
  tldops audit --json | json '[e["action"] for e in d]' | grep -q "freshness.ask"
}

test_concurrent_runs_ask_each_contact_once() {
  init_db; jan >/dev/null; hans >/dev/null
  for i in 1 2 3 4 5; do
    at 181 freshness run >"$T/run.$i" 2>&1 &
  done
  wait
  equals "$(mails jan@sidn.example 'Please confirm')" 1
  equals "$(mails hans@denic.example 'Please confirm')" 1
  equals "$(mails secretariat@localhost 'Contact freshness')" 1
  equals "$(q "SELECT count(*) FROM freshness_token")" 2
}

test_reminders_after_14_and_28_days() {
  init_db; jan >/dev/null
  at 181 freshness run >/dev/null
  expect_status 0 at 194 freshness run
  contains "$OUT" "reminded 0,"
  expect_status 0 at 195 freshness run
  contains "$OUT" "reminded 1,"
  equals "$(mails jan@sidn.example 'Reminder: Please confirm')" 1
  expect_status 0 at 196 freshness run
  contains "$OUT" "reminded 0,"
  expect_status 0 at 209 freshness run
  contains "$OUT" "reminded 1,"
  equals "$(mails jan@sidn.example 'Second reminder: Please confirm')" 1
  equals "$(state_at 209 jan@sidn.example '["reminders"]')" 2
  # No third reminder, and no reminder repeated.
  for d in 209 220 235; do at "$d" freshness run >/dev/null; done
  equals "$(mails jan@sidn.example 'Reminder:')" 1
  equals "$(mails jan@sidn.example 'Second reminder:')" 1
  # Each reminder carries a fresh link; the first one still works.
  first=$(grep -l "^Subject: Please confirm" "$T"/mail/new/*)
  tok=$(/usr/bin/python3 -c "import email,re,sys; m=email.message_from_binary_file(open(sys.argv[1],'rb')); print(re.search(r'/confirm/([A-Za-z0-9_-]{43})', m.get_payload(decode=True).decode()).group(1))" "$first")
  expect_status 0 at 220 freshness confirm "$tok"
}

test_a_late_run_sends_one_reminder_not_two() {
  init_db; jan >/dev/null
  at 181 freshness run >/dev/null
  expect_status 0 at 211 freshness run
  contains "$OUT" "reminded 1,"
  equals "$(mails jan@sidn.example 'Second reminder:')" 1
  equals "$(mails jan@sidn.example 'Reminder:')" 0
}

test_stale_after_stale_days_shown_everywhere() {
  init_db; jan >/dev/null; hans >/dev/null
  at 181 freshness run >/dev/null
  # Hans confirms; Jan does not.
  expect_status 0 at 182 freshness confirm "$(link_for hans@denic.example)"
  expect_status 0 at 240 freshness run
  contains "$OUT" "marked stale 0"
  expect_status 0 at 242 freshness run
  contains "$OUT" "marked stale 1"
  expect_status 0 at 243 freshness run
  contains "$OUT" "marked stale 0"
  equals "$(state_at 243 jan@sidn.example '["state"]')" stale
  [ "$(state_at 243 jan@sidn.example '["stale_since"]')" != None ] || fail "no stale_since"
  equals "$(state_at 243 hans@denic.example '["state"]')" confirmed
  equals "$(state_at 243 hans@denic.example '["confirmed_via"]')" link
  # lookup: a marker line under the contact.
  expect_status 0 tldops lookup nl
  contains "$OUT" "(stale since "
  expect_status 0 tldops lookup de
  not_contains "$OUT" "stale"
  # The repository mail: a marker after the name.
  expect_status 0 tldops digest --print
  contains "$OUT" "Jan Jansen [stale since "
  not_contains "$OUT" "Hans Müller [stale"
  # Statistics: stale per region.
  expect_status 0 at 243 stats --json
  equals "$(json 'd["regions"]["EU"]["stale"]' <<<"$OUT")" 1
  equals "$(json 'd["regions"]["AP"]["stale"]' <<<"$OUT")" 0
  tldops audit --json | json '[e["action"] for e in d]' | grep -q "freshness.stale"
}

test_stale_days_is_configurable() {
  init_db; jan >/dev/null
  printf '[policy]\nreconfirm_days = 90\nstale_days = 20\n' > "$T/p.ini"
  expect_status 0 at 89 --config "$T/p.ini" freshness run
  contains "$OUT" "asked 0,"
  expect_status 0 at 91 --config "$T/p.ini" freshness run
  contains "$OUT" "asked 1,"
  expect_status 0 at 110 --config "$T/p.ini" freshness run
  contains "$OUT" "marked stale 0"
  expect_status 0 at 112 --config "$T/p.ini" freshness run
  contains "$OUT" "marked stale 1"
}

test_confirm_resets_the_round_and_the_stale_mark() {
  init_db; jan >/dev/null
  at 181 freshness run >/dev/null
  at 242 freshness run >/dev/null
  equals "$(state_at 242 jan@sidn.example '["state"]')" stale
  tok=$(link_for jan@sidn.example)
  expect_status 0 at 243 freshness confirm "$tok"
  contains "$OUT" "confirmed"
  equals "$(state_at 243 jan@sidn.example '["state"]')" confirmed
  equals "$(state_at 243 jan@sidn.example '["asked"]')" None
  equals "$(state_at 243 jan@sidn.example '["stale_since"]')" None
  equals "$(state_at 243 jan@sidn.example '["reminders"]')" 0
  expect_status 0 tldops lookup nl
  not_contains "$OUT" "stale"
  # Single use: every link of the contact is used up.
  before=$(db_dump)
  expect_status 1 at 243 freshness confirm "$tok"
  contains "$ERR" "token"; contains "$ERR" "used"
  equals "$(db_dump)" "$before"
  # The next round counts from the confirmation, not from the creation.
  expect_status 0 at 420 freshness run
  contains "$OUT" "asked 0,"
  expect_status 0 at 424 freshness run
  contains "$OUT" "asked 1,"
  equals "$(mails jan@sidn.example 'Please confirm')" 2
}

test_new_round_after_an_unanswered_one_keeps_the_stale_mark() {
  init_db; jan >/dev/null
  at 181 freshness run >/dev/null
  at 242 freshness run >/dev/null
  since=$(state_at 242 jan@sidn.example '["stale_since"]')
  expect_status 0 at 362 freshness run
  contains "$OUT" "asked 1,"
  equals "$(state_at 362 jan@sidn.example '["stale_since"]')" "$since"
  equals "$(state_at 362 jan@sidn.example '["reminders"]')" 0
  f=$(grep -l "^Delivered-To: jan@sidn.example" "$T"/mail/new/* | xargs ls -t | head -1)
  grep -q "marked as stale in the repository until you confirm" "$f"
}

test_correction_through_an_update_request_confirms() {
  init_db; iana_nl; cid=$(jan)
  at 181 freshness run >/dev/null
  # The contact corrects the entry (the portal's /me files this request).
  rid=$(at 190 request update --cctld nl --contact "$cid" --phone "+31 26 352 5599")
  equals "$(state_at 190 jan@sidn.example '["correction_pending"]')" True
  # While the correction is open: no reminder, no stale mark.
  expect_status 0 at 196 freshness run
  contains "$OUT" "reminded 0,"
  tok=$(grep -l "^Delivered-To: admin@sidn.example" "$T"/mail/new/* | xargs grep -o 'authorize/[A-Za-z0-9_-]*' | head -1 | cut -d/ -f2)
  expect_status 0 at 197 request authorize "$tok"
  expect_status 0 at 197 --as committee-kim request approve "$rid"
  equals "$(state_at 197 jan@sidn.example '["state"]')" confirmed
  equals "$(state_at 197 jan@sidn.example '["confirmed_via"]')" "update request $rid"
  equals "$(state_at 197 jan@sidn.example '["correction_pending"]')" False
  equals "$(tldops contact list --cctld nl --json | json 'd[0]["phone"]')" "+31263525599"
  expect_status 0 at 250 freshness run
  contains "$OUT" "reminded 0, marked stale 0"
  # The links mailed before are used up by the approval.
  expect_status 1 at 250 freshness confirm "$(link_for jan@sidn.example)"
  contains "$ERR" "used"
}

test_an_expired_correction_lets_the_round_go_on() {
  init_db; iana_nl; cid=$(jan)
  at 181 freshness run >/dev/null
  at 182 request update --cctld nl --contact "$cid" --phone "+31 26 352 5599" >/dev/null
  # Never authorised: it expires after token_days (14), then reminders resume.
  expect_status 0 at 197 freshness run
  contains "$OUT" "reminded 1,"
  equals "$(state_at 197 jan@sidn.example '["correction_pending"]')" False
}

test_weekly_summary_to_the_secretariat_once_a_week() {
  init_db
  expect_status 0 tldops freshness run
  contains "$OUT" "weekly summary not due"   # nobody to report on yet
  jan >/dev/null; hans >/dev/null
  expect_status 0 tldops freshness run
  contains "$OUT" "weekly summary queued"
  expect_status 0 tldops freshness run
  contains "$OUT" "weekly summary not due"
  expect_status 0 at 6 freshness run
  contains "$OUT" "weekly summary not due"
  equals "$(mails secretariat@localhost 'Contact freshness')" 1
  expect_status 0 at 7 freshness run
  contains "$OUT" "weekly summary queued"
  expect_status 0 at 7 freshness run
  contains "$OUT" "weekly summary not due"
  equals "$(mails secretariat@localhost 'Contact freshness')" 2
  # Later: the summary names the stale entries.
  at 181 freshness run >/dev/null
  at 182 freshness confirm "$(link_for hans@denic.example)" >/dev/null
  at 242 freshness run >/dev/null
  f=$(grep -l "^Subject: Contact freshness: 1 stale of 2" "$T"/mail/new/*)
  grep -q "Jan Jansen <jan@sidn.example>" "$f"
  grep -q "stale since" "$f"
  ! grep -q "Hans" "$f" || fail "a confirmed contact listed"
}

test_removed_contact_is_not_asked_and_its_link_fails() {
  init_db; cid=$(jan); hans >/dev/null
  at 181 freshness run >/dev/null
  tok=$(link_for jan@sidn.example)
  tldops contact remove "$cid" --reason "left SIDN"
  before=$(db_dump)
  expect_status 1 at 182 freshness confirm "$tok"
  contains "$ERR" "token"; contains "$ERR" "removed"
  equals "$(db_dump)" "$before"
  at 242 freshness run >/dev/null
  equals "$(at 242 freshness status --json | json 'len(d)')" 1
  equals "$(mails jan@sidn.example 'Reminder')" 0
}

test_bad_input_is_refused_and_changes_nothing() {
  init_db; jan >/dev/null
  at 181 freshness run >/dev/null
  before=$(db_dump)
  expect_status 1 tldops freshness confirm "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
  contains "$ERR" "error: token: this confirmation link is not valid"
  expect_status 1 tldops freshness confirm "junk'; DROP TABLE contact;--"
  contains "$ERR" "token"
  expect_status 1 at 400 freshness confirm "$(link_for jan@sidn.example)"
  contains "$ERR" "expired"
  expect_status 2 tldops freshness status extra
  expect_status 2 tldops freshness confirm
  expect_status 2 tldops freshness frobnicate
  printf '[policy]\nstale_days = 0\n' > "$T/bad.ini"
  expect_status 1 tldops --config "$T/bad.ini" freshness run
  contains "$ERR" "stale_days"
  printf '[policy]\nreconfirm_days = many\n' > "$T/bad.ini"
  expect_status 1 tldops --config "$T/bad.ini" freshness run
  contains "$ERR" "reconfirm_days"
  equals "$(db_dump)" "$before"
}

# serve_at DAYS ARGS...: `tldops serve` DAYS days from now, in the
# background, with its own PID in $pid: libfaketime preloaded directly, as
# the faketime wrapper forks and would not pass SIGTERM on.
serve_at() {
  local d=$1 lib; shift
  lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -1)
  [ -n "$lib" ] || skip "libfaketimeMT.so.1 not found"
  LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" FAKETIME="+${d}d" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    "$TLDOPS_BIN" ${SERVE_GLOBAL:-} serve "$@" &
  pid=$!
}

# `serve` runs the same freshness_run() in its background thread (at start,
# then hourly) and delivers what it queued through its outbox loop.
test_serve_asks_by_itself_and_delivers_the_mail() {
  init_db; jan >/dev/null; hans >/dev/null
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  serve_at 181 --listen "127.0.0.1:$port" >"$T/serve.log" 2>&1
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 300); do
    [ "$(mails jan@sidn.example 'Please confirm')" = 1 ] &&
      [ "$(mails hans@denic.example 'Please confirm')" = 1 ] &&
      [ "$(mails secretariat@localhost 'Contact freshness')" = 1 ] && break
    kill -0 $pid 2>/dev/null || fail "serve died: $(cat "$T/serve.log")"
    sleep 0.1
  done
  equals "$(mails jan@sidn.example 'Please confirm your TLD-OPS entry for .nl')" 1
  equals "$(mails hans@denic.example 'Please confirm your TLD-OPS entry for .de')" 1
  equals "$(mails secretariat@localhost 'Contact freshness')" 1
  equals "$(state_at 181 jan@sidn.example '["state"]')" asked
  equals "$(state_at 181 hans@denic.example '["state"]')" asked
  kill -TERM $pid
  wait $pid || fail "serve exited non-zero: $(cat "$T/serve.log")"
  trap - EXIT
  # The log has the counts, never an address or a link; routine counts are
  # info, not warnings (issue 23).
  grep -q "tldops\[web\] info: freshness: asked 2, reminded 0, marked stale 0, summaries 1" "$T/serve.log" ||
    fail "no counts in the log: $(cat "$T/serve.log")"
  ! grep -q "warning" "$T/serve.log" || fail "a warning in the log: $(cat "$T/serve.log")"
  ! grep -Eq '@|/confirm/|[A-Za-z0-9_-]{43}' "$T/serve.log" || fail "contact data in the log"
  # The mailed link works.  Started again 14 days on, serve reminds only
  # the one who did not confirm, and asks nobody again.
  expect_status 0 at 181 freshness confirm "$(link_for jan@sidn.example)"
  SERVE_GLOBAL=--quiet serve_at 195 --listen "127.0.0.1:$port" >"$T/serve2.log" 2>&1
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 300); do
    [ "$(mails hans@denic.example 'Reminder: Please confirm')" = 1 ] && break
    kill -0 $pid 2>/dev/null || fail "serve died: $(cat "$T/serve2.log")"
    sleep 0.1
  done
  kill -TERM $pid
  wait $pid || fail "second serve exited non-zero"
  trap - EXIT
  # tldops --quiet serve: warnings and errors only, no routine counts.
  ! grep -q "freshness" "$T/serve2.log" || fail "counts logged with --quiet: $(cat "$T/serve2.log")"
  equals "$(mails hans@denic.example 'Reminder: Please confirm')" 1
  equals "$(mails jan@sidn.example 'Please confirm')" 1
  equals "$(mails jan@sidn.example 'Reminder')" 0
  equals "$(state_at 195 jan@sidn.example '["state"]')" confirmed
}
