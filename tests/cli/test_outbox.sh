# SPDX-License-Identifier: MIT
# The durable outbox against a real SMTP server (aiosmtpd on loopback):
# exactly one copy per recipient, backoff while the server is down, a
# killed run finished by the next, failures reported to the secretariat.

# start_sink [DELAY_MS]: an SMTP server logging one line per recipient.
start_sink() {
  rm -f "$T/sink.port"
  # Its output goes to a file: a server holding the test's stdout would hang the runner.
  "$TLDOPS_ROOT/tests/tools/smtp-sink" "$T/sink.log" "$T/sink.port" "${1:-0}" \
    >"$T/sink.out" 2>&1 &
  SINK_PID=$!
  trap 'kill $SINK_PID 2>/dev/null || true' EXIT
  for _ in $(seq 100); do [ -s "$T/sink.port" ] && break; sleep 0.05; done
  [ -s "$T/sink.port" ] || fail "smtp sink did not start"
  export TLDOPS_MAIL="smtp://127.0.0.1:$(cat "$T/sink.port")"
  touch "$T/sink.log"
}
stop_sink() { kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null || true; }

# community N: N active contacts, no cap.
community() {
  printf '[policy]\nmax_contacts_per_cctld = 0\n[mail]\nmax_attempts = 3\n' > "$T/cfg.ini"
  export TLDOPS_CONFIG="$T/cfg.ini"
  { echo "cctld,name,email,phone"
    for i in $(seq "$1"); do echo "nl,Person $i,person$i@example.nl,+3120$(printf %07d "$i")"; done
  } > "$T/c.csv"
  tldops import contacts "$T/c.csv" >/dev/null
}

alert() { echo "Patch now." > "$T/body"; tldops alert send --subject "$1" --body-file "$T/body" "${@:2}"; }

# Every recipient exactly once in the sink's log.
assert_each_once() {
  local n=$1
  equals "$(cut -d' ' -f1 "$T/sink.log" | sort | uniq -d | wc -l)" 0
  equals "$(cut -d' ' -f1 "$T/sink.log" | sort -u | wc -l)" "$n"
}

test_alert_reaches_every_contact_exactly_once() {
  init_db; community 200; start_sink
  expect_status 0 alert "Resolver bug" --tlp amber
  contains "$OUT" "queued for 200 recipients"
  contains "$OUT" "delivered 200"
  assert_each_once 200
  # One message, the same Message-ID for all.
  equals "$(cut -d' ' -f2 "$T/sink.log" | sort -u | wc -l)" 1
  equals "$(tldops outbox status --json | json '(d["sent"], d["queued"], d["failed"])')" "(200, 0, 0)"
  # Running again sends nothing more.
  tldops outbox run >/dev/null
  assert_each_once 200
  stop_sink
}

test_server_down_means_backoff_then_completion() {
  init_db; community 30; start_sink
  port=$(cat "$T/sink.port"); stop_sink
  expect_status 0 alert "While down"
  contains "$OUT" "delivered 0"
  # Nothing lost: all still queued, the attempted ones backing off.
  equals "$(tldops outbox status --json | json 'd["queued"]')" 30
  tldops outbox status > "$T/status.txt"
  grep -q "next delivery due" "$T/status.txt" || fail "no next delivery in the status"
  # Before the backoff has passed, a plain run tries nothing new...
  start_sink; TLDOPS_MAIL="smtp://127.0.0.1:$(cat "$T/sink.port")"
  tldops outbox run >/dev/null
  # ...and once it has (the clock moved 10 minutes), everything goes, once.
  faketime -f '+10m' "$TLDOPS_BIN" outbox run >/dev/null
  assert_each_once 30
  equals "$(tldops outbox status --json | json 'd["sent"]')" 30
  stop_sink
}

test_outbox_run_all_ignores_backoff() {
  init_db; community 5; start_sink
  stop_sink
  alert "Down" >/dev/null
  start_sink
  expect_status 0 tldops outbox run --all
  assert_each_once 5
  stop_sink
}

test_killed_run_is_finished_by_the_next_without_duplicates() {
  init_db; community 300; start_sink 50
  # Transactions of 10 on 4 connections: 30 of them, 50 ms each.
  printf '[mail]\nmax_recipients = 10\nconnections = 4\n' >> "$T/cfg.ini"
  echo "Patch now." > "$T/body"
  "$TLDOPS_BIN" alert send --subject "Killed" --body-file "$T/body" >/dev/null 2>&1 & apid=$!
  # Let some deliveries through, then kill -9 mid-delivery.
  for _ in $(seq 100); do [ "$(wc -l < "$T/sink.log")" -ge 20 ] && break; sleep 0.05; done
  kill -9 $apid; wait $apid 2>/dev/null || true
  got=$(wc -l < "$T/sink.log")
  [ "$got" -ge 20 ] && [ "$got" -lt 300 ] || fail "kill came at $got of 300"
  # Deliveries in flight stay leased; once the lease passes the next run finishes.
  faketime -f '+11m' "$TLDOPS_BIN" outbox run >/dev/null
  equals "$(tldops outbox status --json | json 'd["sent"]')" 300
  # Each recipient once, except at most the transaction in flight at the
  # kill: 10 recipients (docs/outbox.md).
  equals "$(cut -d' ' -f1 "$T/sink.log" | sort -u | wc -l)" 300
  [ "$(cut -d' ' -f1 "$T/sink.log" | sort | uniq -d | wc -l)" -le 10 ] || fail "more than one transaction repeated"
  stop_sink
}

test_permanent_failures_are_reported_to_the_secretariat() {
  init_db; community 3; start_sink
  add_contact be "Reject Me" reject.me@example.be +3222222222 >/dev/null
  add_contact be "Temp Fail" tempfail.me@example.be +3222222223 >/dev/null
  expect_status 0 alert "Partly refused"
  # 3 contacts, and the notice to the secretariat queued during the same run.
  contains "$OUT" "delivered 4"
  contains "$OUT" "failed 1"
  contains "$OUT" "retry later 1"
  tldops outbox status --json > "$T/st.json"
  equals "$(json '[(p["recipient"], p["state"]) for p in d["problems"] if p["kind"] == "alert"]' < "$T/st.json")" \
    "[('reject.me@example.be', 'failed'), ('tempfail.me@example.be', 'queued')]"
  contains "$(json '[p["last_error"] for p in d["problems"]][0]' < "$T/st.json")" "550"
  # The secretariat was told about the permanent failure.
  grep -q "^secretariat@localhost " "$T/sink.log" || fail "secretariat not told"
  # The temporary one fails for good after max_attempts (3), and is reported too.
  faketime -f '+1h' "$TLDOPS_BIN" outbox run >/dev/null
  faketime -f '+3h' "$TLDOPS_BIN" outbox run >/dev/null
  equals "$(tldops outbox status --json | json 'd["failed"]')" 2
  equals "$(grep -c "^secretariat@localhost " "$T/sink.log")" 2
  stop_sink
}

test_digest_goes_once_per_interval() {
  init_db; community 4; start_sink
  expect_status 0 tldops digest --send
  assert_each_once 4
  equals "$(tldops audit --json | json 'len([e for e in d if e["action"] == "digest.send"])')" 1
  stop_sink
}

test_one_transaction_carries_many_recipients() {
  init_db; community 250
  SINK_TX_LOG="$T/tx.log" start_sink
  expect_status 0 alert "Batched"
  contains "$OUT" "delivered 250"
  assert_each_once 250
  # [mail] max_recipients (100) per transaction: 100 + 100 + 50.
  equals "$(sort -n "$T/tx.log" | tr '\n' ' ')" "50 100 100 "
  stop_sink
}

# A server that refuses the way real ones do: 550 for one address, 452
# after the 50th RCPT of a transaction, 421 and a closed connection on the
# second MAIL FROM.  On one connection the run goes: the first transaction
# of 100 has the 550 (the .be address comes first), 49 sent and 50
# deferred (452); the 421 meets the 50 deferred (retried with backoff);
# the last 21 go in the third, on a new connection.
test_refusing_server_every_delivery_ends_right() {
  init_db; community 120
  printf '[mail]\nconnections = 1\n' >> "$T/cfg.ini"
  add_contact be "Reject Me" reject.me@example.be +3222222222 >/dev/null
  SINK_RCPT_MAX=50 SINK_421_AT=2 SINK_TX_LOG="$T/tx.log" start_sink
  expect_status 0 alert "Refused in parts"
  contains "$OUT" "delivered 71"
  contains "$OUT" "retry later 50"
  contains "$OUT" "failed 1"
  tldops outbox status --json > "$T/st.json"
  equals "$(json '[p["recipient"] for p in d["problems"] if p["state"] == "failed"]' < "$T/st.json")" \
    "['reject.me@example.be']"
  contains "$(json '[p["last_error"] for p in d["problems"] if p["state"] == "failed"][0]' < "$T/st.json")" \
    "550 5.1.1 no such user"
  equals "$(json 'sorted(set(p["last_error"] for p in d["problems"] if p["state"] == "queued"))' < "$T/st.json")" \
    "['smtp: MAIL FROM: 421 4.3.2 Service shutting down']"
  # Nobody is lost: after the backoff the 50 go (and nobody twice).
  faketime -f '+10m' "$TLDOPS_BIN" outbox run >/dev/null
  equals "$(tldops outbox status --json | json '(d["sent"], d["queued"], d["sending"], d["failed"])')" "(121, 0, 0, 1)"
  grep -v '^secretariat@' "$T/sink.log" > "$T/members.log"
  equals "$(cut -d' ' -f1 "$T/members.log" | sort | uniq -d | wc -l)" 0
  equals "$(cut -d' ' -f1 "$T/members.log" | sort -u | wc -l)" 120
  grep -q "^reject.me@example.be " "$T/sink.log" && fail "the refused address got it"
  # No transaction carried more than the server took.
  [ "$(sort -n "$T/tx.log" | tail -1)" -le 50 ] || fail "more than 50 in a transaction"
  stop_sink
}

# The connection lost inside a transaction: the server answers the 61st
# RCPT with 421 and closes.  Transactions of 50 on one connection: the
# first 50 are sent; in the second, 10 were accepted, then the 421: none of
# its 50 was sent (no end of data), so all 50 are retried with backoff, the
# one refused with the server's 421, the others with the lost connection
# and that last reply; the third transaction (20) goes on a new connection.
test_connection_lost_inside_a_transaction_retries_the_whole_transaction() {
  init_db; community 120
  printf '[mail]\nconnections = 1\nmax_recipients = 50\n' >> "$T/cfg.ini"
  SINK_421_RCPT=61 SINK_TX_LOG="$T/tx.log" start_sink
  expect_status 0 alert "Lost mid-transaction"
  contains "$OUT" "delivered 70"
  contains "$OUT" "retry later 50"
  equals "$(sort -n "$T/tx.log" | tr '\n' ' ')" "20 50 "
  tldops outbox status --json > "$T/st.json"
  equals "$(json 'len([p for p in d["problems"] if p["state"] == "queued"])' < "$T/st.json")" 50
  # Every one of the 50 carries the server's words.
  equals "$(json 'len([p for p in d["problems"] if "421 4.3.2 Service shutting down" in p["last_error"]])' < "$T/st.json")" 50
  equals "$(json '[p["last_error"] for p in d["problems"] if p["last_error"].startswith("smtp: RCPT TO:")]' < "$T/st.json")" \
    "['smtp: RCPT TO: 421 4.3.2 Service shutting down']"
  equals "$(json 'd["failed"]' < "$T/st.json")" 0
  # After the backoff the 50 go, and nobody has it twice.
  faketime -f '+10m' "$TLDOPS_BIN" outbox run >/dev/null
  equals "$(tldops outbox status --json | json '(d["sent"], d["queued"], d["sending"], d["failed"])')" "(120, 0, 0, 0)"
  assert_each_once 120
  stop_sink
}

# digest --next: what the running `serve` will do, from the schedule.
test_digest_next_says_when_and_to_how_many() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  add_contact be "Piet Peeters" piet@dnsbelgium.be "+32 16 28 49 70" >/dev/null
  # Never started: the first serve starts the clock, nothing goes at once.
  expect_status 0 tldops digest --next
  contains "$OUT" "not scheduled yet; the first \`tldops serve\` starts the clock and the first mail goes 14 days later, to 2 recipients"
  expect_status 0 tldops digest --next --json
  equals "$(json '(d["started"], d["last_run"], d["next"], d["due"], d["recipients"], d["interval_days"])' <<<"$OUT")" \
    "(False, None, None, False, 2, 14)"
  # A send (by hand here) moves the schedule on by the interval.
  faketime '2026-03-01 09:00:00' "$TLDOPS_BIN" --mail "maildir:$T/mail" digest --send >/dev/null
  add_contact fr "Chloé Carré" chloe@fr.example "+33 1 23 45 67 89" >/dev/null
  expect_status 0 faketime '2026-03-05 12:00:00' "$TLDOPS_BIN" digest --next
  equals "$OUT" "next repository mail: 2026-03-15T09:00:00Z (every 14 days, last run 2026-03-01T09:00:00Z), to 3 recipients as of now"
  expect_status 0 faketime '2026-03-20 12:00:00' "$TLDOPS_BIN" digest --next --json
  equals "$(json '(d["started"], d["last_run"], d["next"], d["due"], d["recipients"])' <<<"$OUT")" \
    "(True, '2026-03-01T09:00:00Z', '2026-03-15T09:00:00Z', True, 3)"
  expect_status 0 faketime '2026-03-20 12:00:00' "$TLDOPS_BIN" digest --next
  contains "$OUT" "due since 2026-03-15T09:00:00Z"
  # The interval is the configuration's.
  printf '[mail]\ndigest_interval_days = 7\n' > "$T/week.ini"
  expect_status 0 faketime '2026-03-05 12:00:00' "$TLDOPS_BIN" --config "$T/week.ini" digest --next
  contains "$OUT" "2026-03-08T09:00:00Z (every 7 days"
  # Reading it changes nothing; --json belongs to --next.
  expect_unchanged 0 tldops digest --next
  expect_status 2 tldops digest --print --json
  expect_status 2 tldops digest --next --send
}
