# SPDX-License-Identifier: MIT
# Helpers for the end-to-end scenarios (sourced by tests/cli/run).

# tldops ARGS...: the binary under test.
tldops() { "$TLDOPS_BIN" "$@"; }

fail() { echo "assertion failed: $*" >&2; exit 1; }

# expect_status N CMD...: run CMD, keep stdout in $OUT and stderr in $ERR,
# and fail unless it exits with N.
expect_status() {
  local want=$1; shift
  local rc=0
  OUT=$("$@" 2>"$T/.stderr") || rc=$?
  ERR=$(cat "$T/.stderr")
  [ "$rc" -eq "$want" ] || fail "expected exit $want, got $rc from: $* | stdout: $OUT | stderr: $ERR"
}

# contains HAYSTACK NEEDLE
contains() { [[ "$1" == *"$2"* ]] || fail "expected to find <<$2>> in <<$1>>"; }
not_contains() { [[ "$1" != *"$2"* ]] || fail "did not expect <<$2>> in <<$1>>"; }
equals() { [ "$1" == "$2" ] || fail "expected <<$2>>, got <<$1>>"; }

# A database fingerprint: every row of every table, to prove "unchanged".
# On PostgreSQL every table's rows as XML, sorted (a single psql query is
# faster than pg_dump; sequence positions are left out, as a refused insert
# uses up an id there but not on SQLite).
db_dump() {
  case $TLDOPS_DB in
    postgres://*|postgresql://*)
      psql -X -At -v ON_ERROR_STOP=1 -d "$TLDOPS_DB" -c "SELECT table_name,
        query_to_xml(format('SELECT * FROM %I ORDER BY %I::text', table_name, table_name),
                     true, true, '')
        FROM information_schema.tables WHERE table_schema = current_schema()
        AND table_type = 'BASE TABLE' ORDER BY 1" ;;
    *) sqlite3 "$TLDOPS_DB" .dump | grep -v '^PRAGMA\|^BEGIN\|^COMMIT' ;;
  esac
}

# skip REASON: end the test as skipped (tests/cli/run counts exit 77).
# One SQL query's rows (|-separated columns) on either backend.
db_query() {
  case $TLDOPS_DB in
    postgres://*|postgresql://*) psql -X -At -v ON_ERROR_STOP=1 -d "$TLDOPS_DB" -c "$1" ;;
    *) sqlite3 "$TLDOPS_DB" "$1" ;;
  esac
}

skip() { echo "$*"; exit 77; }
# Tests that need a PostgreSQL server run in the PostgreSQL pass of the suite.
needs_postgresql() {
  [ "${TLDOPS_TEST_BACKEND:-sqlite}" = postgresql ] || skip "needs TLDOPS_TEST_BACKEND=postgresql"
}

# jq-free JSON field reading with python3 (Debian's).
# json EXPR: evaluate a Python expression over the JSON on stdin, bound to d.
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

init_db() { tldops init >/dev/null; }

# iana_nl: the IANA record for .nl, admin and tech contacts at known addresses.
iana_nl() {
  cat > "$T/nl.whois" <<'W'
domain:       NL
organisation: SIDN
contact:      administrative
name:         Alice Admin
e-mail:       admin@sidn.example
contact:      technical
name:         Tom Tech
e-mail:       tech@sidn.example
source:       IANA
W
  tldops iana import "$T/nl.whois" >/dev/null
}

# add_contact CCTLD NAME EMAIL PHONE [more flags]: prints the id.
add_contact() {
  local cc=$1 name=$2 email=$3 phone=$4; shift 4
  tldops contact add --cctld "$cc" --name "$name" --email "$email" --phone "$phone" "$@"
}

# expect_unchanged N CMD...: expect_status N CMD..., and fail unless every
# row of the database is the same afterwards (a refusal stores nothing).
expect_unchanged() {
  local before after
  before=$(db_dump)
  expect_status "$@"
  after=$(db_dump)
  [ "$before" == "$after" ] || fail "database changed by: ${*:2} | diff: $(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -10)"
}

# faketime 'YYYY-MM-DD hh:mm:ss' CMD...: the clock stands still at that time
# (plain faketime starts it there and lets it tick, so a slow run, under
# ASan or on a busy machine, would record 12:00:01).  Relative offsets
# (-f '+10m') and other forms pass through unchanged.
faketime() {
  if [[ $# -ge 2 && "$1" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9:]+$ ]]; then
    command faketime -f "$1" "${@:2}"
  else
    command faketime "$@"
  fi
}
