# SPDX-License-Identifier: MIT
# --help of every command and subcommand, `tldops help`, the man page and
# the nearest name for a typo.  The lists come from the binary's own option
# tables (tldops help --commands / --options), so a new command or option
# without help fails here.

test_every_command_answers_help_naming_each_option() {
  local cmd opt help n=0
  while IFS= read -r cmd; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    expect_status 0 tldops $cmd --help
    contains "$OUT" "usage: tldops "
    contains "$OUT" "example:"
    equals "$ERR" ""
    local text=$OUT
    # shellcheck disable=SC2086
    expect_status 0 tldops $cmd -h
    equals "$OUT" "$text"
    # shellcheck disable=SC2086
    expect_status 0 tldops help $cmd
    equals "$OUT" "$text"
    # shellcheck disable=SC2086
    expect_status 0 tldops help --options $cmd
    while IFS=$'\t' read -r opt help; do
      [ -n "$opt" ] || continue
      [ -n "$help" ] || fail "$cmd: --$opt has no help text"
      contains "$text" "--$opt"
      contains "$text" "$help"
    done <<< "$OUT"
  done < <(tldops help --commands)
  [ "$n" -gt 60 ] || fail "only $n commands listed"
}

test_groups_and_the_overview_answer_help() {
  local g
  expect_status 0 tldops --help
  contains "$OUT" "lookup"
  expect_status 0 tldops help
  contains "$OUT" "commands:"
  for g in contact cctld action request event initiative outreach; do
    expect_status 0 tldops "$g" --help
    contains "$OUT" "usage: tldops $g"
    contains "$OUT" "tldops $g list"
  done
}

test_help_needs_no_repository_and_opens_no_file() {
  # No database here: --help must not open one, nor take --help for a file.
  expect_status 0 tldops --db "$T/none.db" import contacts --help
  contains "$OUT" "import contacts [--update] [--dry-run] FILE.csv"
  [ ! -e "$T/none.db" ] || fail "--help created a database"
  [ ! -e ./--help ] || fail "--help was taken for a file"
  expect_status 0 tldops --db "$T/none.db" contact add --help
}

test_a_typo_gets_the_nearest_name_and_one_hint() {
  init_db
  expect_status 2 tldops lokup nl
  contains "$ERR" 'unknown command "lokup"; did you mean "lookup"?'
  [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 2 ] || fail "expected two lines, got: $ERR"
  expect_status 2 tldops contcat list
  contains "$ERR" 'did you mean "contact"?'
  expect_status 2 tldops contact lsit
  contains "$ERR" 'unknown contact command "lsit"; did you mean "list"?'
  contains "$ERR" "usage: tldops contact"
  expect_status 2 tldops frobnicate
  not_contains "$ERR" "did you mean"
}

test_the_man_page_has_every_command() {
  local cmd
  expect_status 0 tldops help --man
  contains "$OUT" ".TH TLDOPS 1"
  while IFS= read -r cmd; do
    contains "$OUT" ".SS \"${cmd//-/\\-}"
  done < <(tldops help --commands | sed 's/ .*//' | sort -u)
  if command -v man >/dev/null && command -v groff >/dev/null; then
    printf '%s\n' "$OUT" > "$T/tldops.1"
    MANWIDTH=80 man -l "$T/tldops.1" > "$T/man.txt" 2>"$T/man.err" || fail "man: $(cat "$T/man.err")"
    contains "$(cat "$T/man.txt")" "contact add"
  fi
}
