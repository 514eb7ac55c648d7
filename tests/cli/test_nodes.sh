# SPDX-License-Identifier: MIT
# Several `tldops serve` nodes on one PostgreSQL (docs/operations.md,
# "Several nodes"): an alert to 5,000 recipients through a real SMTP server
# reaches each once while one node is killed mid-run; the repository mail
# goes out once however many nodes are due at once; a list post's
# deliveries are made once by runs that start at once; a node whose database
# connection was cut reconnects and goes on.  PostgreSQL only.

nodes_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_sink [DELAY_MS]: tests/tools/smtp-sink on loopback, one line
# "<recipient> <Message-ID>" per accepted recipient in $T/sink.log.
start_sink() {
  "$TLDOPS_ROOT/tests/tools/smtp-sink" "$T/sink.log" "$T/sink.port" "${1:-0}" \
    >"$T/sink.out" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 1 100); do
    [ -s "$T/sink.port" ] && break
    sleep 0.05
  done
  [ -s "$T/sink.port" ] || fail "the SMTP server did not start: $(cat "$T/sink.out")"
  touch "$T/sink.log"
  SINK_PORT=$(cat "$T/sink.port")
}

# start_node NAME [OFFSET]: `tldops serve` on a free port, delivering into
# the sink.  Its clock is read from $T/clock.NAME (libfaketime; OFFSET such
# as +15d, default +0), so a test can move one node's time while it runs.
# Sets NODE_PID_<NAME> and NODE_PORT_<NAME>.
start_node() {
  local name=$1 port pid
  port=$(nodes_free_port)
  echo "${2:-+0}" >"$T/clock.$name"
  LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 \
    FAKETIME_TIMESTAMP_FILE="$T/clock.$name" FAKETIME_NO_CACHE=1 \
    "$TLDOPS_BIN" --mail "smtp://127.0.0.1:$SINK_PORT" serve \
    --listen "127.0.0.1:$port" >"$T/node.$name.log" 2>&1 &
  pid=$!
  echo "$pid" >>"$T/node.pids"
  for _ in $(seq 1 200); do
    http_get "$port" /healthz >/dev/null 2>&1 && break
    sleep 0.05
  done
  http_get "$port" /healthz >/dev/null || fail "node $name did not start: $(cat "$T/node.$name.log")"
  printf -v "NODE_PID_$name" '%s' "$pid"
  printf -v "NODE_PORT_$name" '%s' "$port"
}

stop_everything() {
  local p
  [ -f "$T/node.pids" ] && while read -r p; do kill -9 "$p" 2>/dev/null || true; done <"$T/node.pids"
  [ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null || true
}

# http_get PORT PATH: the status code, then the body.
http_get() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
c.request("GET", sys.argv[2])
r = c.getresponse()
body = r.read().decode()
print(r.status)
print(body)
sys.exit(0 if r.status == 200 else 1)
PY
}

# post_alert PORT TOKEN SUBJECT: POST /api/v1/alerts as the committee.
post_alert() {
  /usr/bin/python3 - "$@" <<'PY'
import http.client, json, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=60)
c.request("POST", "/api/v1/alerts",
          json.dumps({"subject": sys.argv[3], "body": "Patch your resolvers.\n"}),
          {"Authorization": "Bearer " + sys.argv[2], "Content-Type": "application/json"})
r = c.getresponse()
print(r.status, r.read().decode())
sys.exit(0 if r.status in (200, 201, 202) else 1)
PY
}

# community_of N [CONFIG]: a fresh repository of N contacts of .nl,
# person1@sidn.nl ... personN@sidn.nl, with no per-ccTLD cap and CONFIG
# (printf text) added to the config.
community_of() {
  local i
  printf "[policy]\nmax_contacts_per_cctld = 0\n${2:-}" >cfg.ini
  export TLDOPS_CONFIG=$T/cfg.ini
  init_db
  {
    echo "cctld,name,email,phone"
    for ((i = 1; i <= $1; i++)); do echo "nl,Person $i,person$i@sidn.nl,+31 26 352 5500"; done
  } >people.csv
  tldops import contacts people.csv >/dev/null
}

# A committee account and its API token.
committee_token() {
  tldops account add --email chair@committee.example --role committee >/dev/null
  tldops token create --email chair@committee.example --days 1 2>/dev/null
}

# wait_for SECONDS 'CONDITION': until the shell condition holds (evaluated
# anew each time), or return 1.
wait_for() {
  local i
  for ((i = 0; i < $1 * 10; i++)); do
    eval "$2" && return 0
    sleep 0.1
  done
  return 1
}

# What the community received (the nodes also mail the secretariat its
# weekly freshness summary: not counted).
community_mail() { grep -v '^secretariat@' "$T/sink.log" || true; }
sink_lines() { community_mail | wc -l; }
# alert_deliveries STATE: how many of the alert's deliveries are in STATE.
alert_deliveries() {
  psql -X -At -d "$TLDOPS_DB" -c "SELECT count(*) FROM mail_delivery d JOIN mail_message m ON m.id = d.message_id WHERE m.kind = 'alert' AND d.state = '$1'"
}

test_two_nodes_deliver_an_alert_to_5000_once_while_one_is_killed() {
  needs_postgresql
  local n=5000 tok
  community_of "$n"
  tok=$(committee_token)
  trap stop_everything EXIT
  start_sink 2 # 2 ms per message: the run lasts long enough to kill a node in it
  start_node a
  start_node b
  post_alert "$NODE_PORT_a" "$tok" "Two nodes" >alert.out || fail "alert refused: $(cat alert.out)"
  contains "$(cat alert.out)" "$n"
  # Both nodes work on it; kill -9 node a once a third is out.
  wait_for 120 '[ "$(sink_lines)" -ge $((n / 3)) ]' ||
    fail "delivery did not start: $(sink_lines) lines; $(cat "$T"/node.*.log)"
  kill -9 "$NODE_PID_a"
  local at_kill
  at_kill=$(sink_lines)
  # Node b goes on with what was never claimed...
  wait_for 120 '[ "$(alert_deliveries queued)" -eq 0 ]' ||
    fail "node b did not take the unclaimed rest"
  # What the dead node had claimed waits for its lease...
  sleep 2
  [ "$(alert_deliveries sending)" -ge 1 ] || fail "node a held no claim when it was killed"
  # ...and, once their lease has passed (node b's clock moves 4 minutes on),
  # with what the dead node had claimed.
  echo "+4m" >"$T/clock.b"
  wait_for 120 '[ "$(alert_deliveries sent)" -eq $n ]' ||
    fail "node b did not finish: $(alert_deliveries sent) of $n sent; $(psql -X -At -d "$TLDOPS_DB" -c "SELECT state, count(*) FROM mail_delivery GROUP BY state")"
  kill -0 "$NODE_PID_b" || fail "node b died"
  # Every recipient got it; the only repeats allowed are the one
  # transaction the killed node had accepted by the server and not yet
  # recorded: up to [mail] max_recipients, 100 (docs/outbox.md, "the one
  # window").
  local got dups
  got=$(community_mail | awk '{print $1}' | sort)
  equals "$(printf '%s\n' "$got" | sort -u)" "$(seq 1 $n | sed 's/.*/person&@sidn.nl/' | sort)"
  dups=$(printf '%s\n' "$got" | uniq -d | wc -l)
  [ "$dups" -le 100 ] || fail "$dups recipients got the alert twice"
  equals "$(printf '%s\n' "$got" | wc -l)" "$((n + dups))"
  echo "killed node a after $at_kill of $n; $dups repeat(s)"
}

test_two_nodes_due_at_once_send_the_repository_mail_once() {
  needs_postgresql
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  add_contact be "Piet Peeters" piet@dnsbelgium.be "+32 16 28 49 70" >/dev/null
  trap stop_everything EXIT
  start_sink
  # The first node starts the repository-mail clock and sends nothing.
  local clock_started="SELECT count(*) FROM schedule WHERE name = 'digest' AND last_run > 0"
  start_node a
  wait_for 30 '[ "$(psql -X -At -d "$TLDOPS_DB" -c "$clock_started")" = 1 ]' ||
    fail "the first serve did not start the clock"
  kill -9 "$NODE_PID_a"
  # Fifteen days on, four nodes start at once: all find it due.
  local name
  for name in b c d e; do start_node "$name" +15d; done
  wait_for 60 '[ "$(sink_lines)" -ge 2 ]' || fail "no repository mail: $(cat "$T"/node.*.log)"
  sleep 3 # let any second send (there must be none) reach the server
  equals "$(psql -X -At -d "$TLDOPS_DB" -c "SELECT count(*) FROM mail_message WHERE kind = 'digest'")" 1
  equals "$(sink_lines)" 2
  equals "$(community_mail | awk '{print $1}' | sort | tr '\n' ' ')" "jan@sidn.nl piet@dnsbelgium.be "
}

# A list post waits for the outbox to make its deliveries (migration 023):
# four `outbox run` (as four nodes would) start at once on it,
# and every member gets it once, with no run failing on the others' rows.
test_runs_at_once_make_a_list_posts_deliveries_once() {
  needs_postgresql
  local n=3000 i pids=() p
  community_of "$n" '[mail]\nlist_address = tld-ops@lists.example\n'
  trap stop_everything EXIT
  start_sink
  printf 'From: Person 1 <person1@sidn.nl>\nTo: tld-ops@lists.example\nSubject: Resolver bug\nMessage-ID: <fan1@sidn.nl>\n\nPatch.\n' >post
  expect_status 0 tldops deliver tld-ops@lists.example person1@sidn.nl <post
  equals "$(psql -X -At -d "$TLDOPS_DB" -c "SELECT count(*) FROM mail_fan_out")" 1
  for i in 1 2 3 4; do
    tldops --mail "smtp://127.0.0.1:$SINK_PORT" outbox run >"run.$i.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do
    wait "$p" || fail "a run failed: $(cat run.*.out)"
  done
  equals "$(psql -X -At -d "$TLDOPS_DB" -c "SELECT count(*) FROM mail_fan_out")" 0
  equals "$(psql -X -At -d "$TLDOPS_DB" -c "SELECT count(*), count(DISTINCT recipient) FROM mail_delivery WHERE state = 'sent'")" "$n|$n"
  equals "$(community_mail | awk '{print $1}' | sort | uniq -d | wc -l)" 0
  equals "$(community_mail | wc -l)" "$n"
}

test_a_node_reconnects_after_its_database_connections_are_cut() {
  needs_postgresql
  local tok
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  tok=$(committee_token)
  trap stop_everything EXIT
  start_sink
  start_node a
  # What a failover or a server restart does to the node's connections.
  psql -X -At -d "$TLDOPS_DB" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" >cut.out
  [ "$(cat cut.out)" -ge 1 ] || fail "no connection was cut"
  # At most one request per connection may fail; then every one succeeds.
  local ok=0 i
  for i in $(seq 1 40); do
    if http_get "$NODE_PORT_a" /healthz >/dev/null 2>&1; then ok=$((ok + 1)); else ok=0; fi
    [ $ok -ge 10 ] && break
  done
  [ $ok -ge 10 ] || fail "the node did not recover: $(tail -5 "$T/node.a.log")"
  grep -q "reconnected to PostgreSQL" "$T/node.a.log" || fail "no reconnection logged"
  # The background thread reconnected too: an alert is delivered.
  post_alert "$NODE_PORT_a" "$tok" "After the cut" >alert.out ||
    fail "alert refused after the cut: $(cat alert.out)"
  wait_for 30 'grep -q jan@sidn.nl "$T/sink.log"' || fail "the alert was not delivered: $(tail -5 "$T/node.a.log")"
  kill -0 "$NODE_PID_a" || fail "the node died"
}
