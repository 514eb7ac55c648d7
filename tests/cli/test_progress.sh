# SPDX-License-Identifier: MIT
# Long work shows progress (issue 23): an import, export or migrate of more
# than a few thousand rows, with stderr on a terminal, draws a progress
# line (rows, rate, time left) there, at most five times a second; none
# when stderr is not a terminal, with --quiet, or for a small piece of work.
# The tests have no terminal: script(1) from util-linux gives the command a
# pty; faketime runs the clock 200 times faster, so the 200 ms between
# redraws pass while the import runs (util/clock is the one clock read).
# docs/operations.md "Progress of long work".

# big_csv N FILE: N contacts over 20 ccTLDs (the policy allows 1000 each).
big_csv() {
  /usr/bin/python3 - "$1" > "$2" <<'PY'
import sys
cc = "nl be de fr se at ch dk no fi it es pt pl cz sk hu ro bg gr".split()
print("cctld,name,email,phone,organisation,role,languages,pgp_fingerprint", end="\r\n")
for i in range(int(sys.argv[1])):
    c = cc[i % 20]
    print("%s,Person %d,p%d@nic.%s,+31 26 %07d,NIC,CSIRT,," % (c, i, i, c, i), end="\r\n")
PY
}

progress_setup() {
  command -v script >/dev/null || skip "script(1) (util-linux) is needed"
  printf '[policy]\nmax_contacts_per_cctld = 1000\n' > "$T/big.ini"
  export TLDOPS_CONFIG=$T/big.ini
  init_db
}

# on_pty FILE CMD: run CMD (a shell command line) with stdin, stdout and
# stderr on a pty, what the pty showed in FILE (CMD redirects its stdout).
on_pty() {
  local file=$1; shift
  script -qec "$*" "$file" >/dev/null </dev/null
}

# lines FILE: the progress lines drawn on the pty, one a line.
lines() { tr '\r' '\n' < "$1" | sed 's/\x1b\[K//g' | grep -E '^(import|export|migrate): ' || true; }

# The pty's progress lines: at least one, and every one
# "WHAT: done/TOTAL rows  rate rows/s  time left".
progress_lines_ok() { # WHAT TOTAL
  local l; l=$(lines "$T/pty")
  [ -n "$l" ] || fail "no progress line: $(cat -v "$T/pty")"
  if printf '%s\n' "$l" | grep -vqE "^$1: [0-9,]+/$2 rows  [0-9,]+ rows/s  ([0-9]+:)?[0-9]+:[0-9]{2} left\$"; then
    fail "a line not as expected: $l"
  fi
}

test_import_on_a_terminal_shows_rows_rate_and_time_left() {
  progress_setup
  big_csv 5000 "$T/big.csv"
  on_pty "$T/pty" "faketime -f '+0 x200' $TLDOPS_BIN import contacts $T/big.csv > $T/out"
  equals "$(cat "$T/out")" "imported 5000 contacts"
  progress_lines_ok import 5,000
  # Erased at the end: the last thing on the pty before the summary's
  # absence (stdout went to the file) is the erase.
  grep -q $'\r\x1b\[K' "$T/pty" || fail "not erased: $(cat -v "$T/pty")"
  # Nothing of it reached stdout.
  not_contains "$(cat -v "$T/out")" "rows/s"
  equals "$(tldops contact list --json | json 'len(d)')" 5000
}

test_no_progress_without_a_terminal_or_with_quiet_or_for_little_work() {
  progress_setup
  big_csv 5000 "$T/big.csv"
  # stderr a file (as in every test and script): nothing but what it says.
  faketime -f '+0 x200' "$TLDOPS_BIN" import contacts "$T/big.csv" > "$T/out" 2> "$T/err"
  equals "$(cat "$T/out")" "imported 5000 contacts"
  [ ! -s "$T/err" ] || fail "stderr without a terminal: $(cat -v "$T/err")"
  faketime -f '+0 x200' "$TLDOPS_BIN" export --format csv --output "$T/all.csv" 2> "$T/err" >/dev/null
  [ ! -s "$T/err" ] || fail "export's stderr without a terminal: $(cat -v "$T/err")"
  # --quiet on a terminal: none.
  on_pty "$T/pty" "faketime -f '+0 x200' $TLDOPS_BIN --quiet export --format json --output $T/all.json"
  [ -z "$(lines "$T/pty")" ] || fail "progress with --quiet: $(cat -v "$T/pty")"
  # Two thousand rows or fewer: none.
  TLDOPS_DB=$T/small.db init_db
  big_csv 1500 "$T/small.csv"
  on_pty "$T/pty" "TLDOPS_DB=$T/small.db faketime -f '+0 x200' $TLDOPS_BIN import contacts $T/small.csv > $T/out"
  equals "$(cat "$T/out")" "imported 1500 contacts"
  [ -z "$(lines "$T/pty")" ] || fail "progress for 1500 rows: $(cat -v "$T/pty")"
}

test_export_to_a_file_shows_progress_and_the_same_rows() {
  progress_setup
  big_csv 5000 "$T/big.csv"
  tldops import contacts "$T/big.csv" >/dev/null
  tldops export --format csv --output "$T/plain.csv" 2>/dev/null >/dev/null
  on_pty "$T/pty" "faketime -f '+0 x200' $TLDOPS_BIN export --format csv --output $T/tty.csv"
  progress_lines_ok export 5,000
  cmp "$T/plain.csv" "$T/tty.csv" || fail "the export differs on a terminal"
  # Rows to stdout redirected: the line on the terminal, the rows intact.
  on_pty "$T/pty" "faketime -f '+0 x200' $TLDOPS_BIN export --format csv > $T/stdout.csv"
  [ -n "$(lines "$T/pty")" ] || fail "no progress line: $(cat -v "$T/pty")"
  cmp "$T/plain.csv" "$T/stdout.csv" || fail "stdout export differs"
  # Rows to the terminal itself: no line drawn over them.
  on_pty "$T/pty" "faketime -f '+0 x200' $TLDOPS_BIN export --format mailman"
  [ -z "$(lines "$T/pty")" ] || fail "progress over the rows"
}

test_migrate_on_a_terminal_shows_progress() {
  needs_postgresql
  command -v script >/dev/null || skip "script(1) (util-linux) is needed"
  local pg=$TLDOPS_DB src=$T/src.db
  printf '[policy]\nmax_contacts_per_cctld = 1000\n' > "$T/big.ini"
  export TLDOPS_CONFIG=$T/big.ini
  TLDOPS_DB=$src init_db
  big_csv 5000 "$T/big.csv"
  TLDOPS_DB=$src tldops import contacts "$T/big.csv" >/dev/null
  on_pty "$T/pty" "faketime -f '+0 x200' $TLDOPS_BIN migrate --from sqlite:$src --to '$pg' > $T/out"
  contains "$(cat "$T/out")" "counts and checksums match"
  progress_lines_ok migrate '[0-9,]+'
  equals "$(db_query "SELECT count(*) FROM contact")" 5000
}
