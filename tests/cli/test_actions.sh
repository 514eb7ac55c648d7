# SPDX-License-Identifier: MIT
# The standing committee's action items: numbering that continues the
# community's own list (89, 90, 97, ...), close/reopen/notes, the JSON
# list, the Markdown export for the minutes, the audit rows, and every bad
# input refused naming its field with the database unchanged.

test_action_numbering_continues_from_the_highest() {
  init_db
  expect_status 0 tldops action add --title "First ever"
  equals "$OUT" 1
  expect_status 0 tldops action add --title "Fix member discrepancies" --owner "Jacques Latour" --number 89
  equals "$OUT" 89
  expect_status 0 tldops action add --title "Create the discrepancy fix item"
  equals "$OUT" 90
  expect_status 0 tldops action add --title "Fix generic contact information" --number 97
  equals "$OUT" 97
  expect_status 0 tldops action add --title "Review the DDoS playbook for sharing" --owner "Regis Masse"
  equals "$OUT" 98
  # A number lower than the highest is fine while it is free.
  expect_status 0 tldops action add --title "Backfilled" --number 50
  equals "$(tldops action add --title next)" 99
  equals "$(tldops action list --json | json '[a["number"] for a in d]')" "[1, 50, 89, 90, 97, 98, 99]"
  # A taken number is refused.
  expect_unchanged 1 tldops action add --title "Again" --number 89
  equals "$ERR" "error: number: action item 89 exists already"
}

test_action_close_reopen_and_notes() {
  init_db
  tldops action add --title "Fix member discrepancies" --owner Jacques --number 89 >/dev/null
  tldops action add --title "Playbook distribution" --number 90 >/dev/null
  expect_status 0 tldops action close 89 --note "Closed at ICANN64; new item for the gaps"
  expect_status 0 tldops action note 90 "Store on the wiki or publish?"
  expect_status 0 tldops action note 90 "Ask the secretariat"
  expect_status 0 tldops action list --json
  equals "$(json '[sorted(a.keys()) for a in d][0]' <<<"$OUT")" \
    "['closed', 'notes', 'number', 'opened', 'owner', 'state', 'title']"
  equals "$(json '[(a["number"], a["state"], a["owner"], a["closed"] is not None, [n["text"] for n in a["notes"]]) for a in d]' <<<"$OUT")" \
    "[(89, 'closed', 'Jacques', True, ['Closed at ICANN64; new item for the gaps']), (90, 'open', '', False, ['Store on the wiki or publish?', 'Ask the secretariat'])]"
  equals "$(json '[(n["author"], len(n["at"])) for n in d[1]["notes"]]' <<<"$OUT")" "[('e2e', 20), ('e2e', 20)]"
  equals "$(tldops action list --open --json | json '[a["number"] for a in d]')" "[90]"
  equals "$(tldops action list --closed --json | json '[a["number"] for a in d]')" "[89]"
  expect_status 0 tldops action reopen 89
  equals "$(tldops action list --closed --json)" "[]"
  equals "$(tldops action list --json | json '(d[0]["state"], d[0]["closed"])')" "('open', None)"
  expect_status 0 tldops action close 89
  expect_status 0 tldops action list
  # A header row, then one aligned row per item.
  contains "$(printf '%s\n' "$OUT" | sed -n 1p)" "STATE"
  contains "$OUT" "89  closed"
  contains "$OUT" "Ask the secretariat"
  equals "$(tldops audit --json | json '[(e["action"], e["object_id"]) for e in d]')" \
    "[('action.add', '89'), ('action.add', '90'), ('action.close', '89'), ('action.note', '90'), ('action.note', '90'), ('action.reopen', '89'), ('action.close', '89')]"
  equals "$(tldops audit --json | json '(d[2]["before"]["state"], d[2]["after"]["state"], d[2]["after"]["note"])')" \
    "('open', 'closed', 'Closed at ICANN64; new item for the gaps')"
}

test_action_export_is_a_markdown_table_for_the_minutes() {
  init_db
  tldops action add --title "Fix member discrepancies (Mailman | website | stats)" --owner "Jacques" --number 89 >/dev/null
  tldops action add --title 'Generic contacts: document the \ exception' --owner "Kim | secretariat" --number 97 >/dev/null
  tldops action add --title "Review DDoS playbook" --number 99 >/dev/null
  tldops action close 89 --note "done | see wiki" >/dev/null
  tldops action note 89 "second note" >/dev/null
  local today; today=$(date -u +%Y-%m-%d)
  expect_status 0 tldops action export --markdown
  equals "$OUT" "| # | Action | Owner | State | Opened | Closed | Notes |
|---:|---|---|---|---|---|---|
| 89 | Fix member discrepancies (Mailman \\| website \\| stats) | Jacques | closed | $today | $today | done \\| see wiki; second note |
| 97 | Generic contacts: document the \\\\ exception | Kim \\| secretariat | open | $today |  |  |
| 99 | Review DDoS playbook |  | open | $today |  |  |"
  # Every row has the header's number of cells once escaped pipes are set aside.
  local cells
  cells=$(printf '%s\n' "$OUT" | sed 's/\\\\//g; s/\\|//g' | awk -F'|' '{print NF}' | sort -u)
  equals "$cells" 9
  equals "$(tldops action export --markdown --open | wc -l)" 4
  equals "$(tldops action export --markdown --closed | tail -1 | cut -c1-5)" "| 89 "
  expect_status 2 tldops action export
  contains "$ERR" "--markdown"
}

test_action_bad_input_is_refused_naming_the_field() {
  init_db
  tldops action add --title "Fix member discrepancies" --number 89 >/dev/null
  tldops action close 89 >/dev/null
  tldops action add --title "Open one" --number 90 >/dev/null
  local n
  for n in 0 -5 abc 1e3 " 89" 1000000 99999999999999999999; do
    expect_unchanged 1 tldops action add --title X --number "$n"
    contains "$ERR" "error: number:"
  done
  for n in 91 7 999999; do
    expect_unchanged 1 tldops action close "$n"
    equals "$ERR" "error: number: there is no action item $n"
    expect_unchanged 1 tldops action reopen "$n"
    contains "$ERR" "error: number:"
    expect_unchanged 1 tldops action note "$n" "text"
    contains "$ERR" "error: number:"
  done
  expect_unchanged 1 tldops action close abc
  contains "$ERR" "error: number:"
  expect_unchanged 1 tldops action close 89
  equals "$ERR" "error: number: action item 89 is closed already"
  expect_unchanged 1 tldops action reopen 90
  equals "$ERR" "error: number: action item 90 is open already"
  for t in "" "   " "$(printf 'a\nb')" "$(printf 'x%.0s' {1..201})" "$(printf 'a\xffb')"; do
    expect_unchanged 1 tldops action add --title "$t"
    contains "$ERR" "error: title:"
  done
  expect_unchanged 1 tldops action add --title ok --owner "$(printf 'a\tb')"
  contains "$ERR" "error: owner:"
  expect_unchanged 1 tldops action note 90 ""
  contains "$ERR" "error: note:"
  expect_unchanged 1 tldops action note 90 "$(printf 'x%.0s' {1..1001})"
  contains "$ERR" "error: note:"
  expect_unchanged 1 tldops action close 90 --note "$(printf 'bad\rnote')"
  contains "$ERR" "error: note:"
  # Usage errors.
  expect_unchanged 2 tldops action add --owner Kim
  contains "$ERR" "--title"
  expect_unchanged 2 tldops action add --title X extra
  expect_unchanged 2 tldops action close
  expect_unchanged 2 tldops action note 90
  expect_unchanged 2 tldops action reopen
  expect_unchanged 2 tldops action list --open --closed
  expect_unchanged 2 tldops action list --bogus
  expect_unchanged 2 tldops action frob
  contains "$ERR" 'unknown action command "frob"'
  equals "$(tldops audit --json | json '[e["action"] for e in d]')" "['action.add', 'action.close', 'action.add']"
}

test_action_edit_changes_title_and_owner() {
  init_db
  tldops action add --title "Fix member discrepancies" --owner Jacques --number 89 >/dev/null
  expect_status 0 tldops action edit 89 --owner "Regis Masse"
  expect_status 0 tldops action edit 89 --title "Fix the member list"
  equals "$(tldops action list --json | json '[(a["title"], a["owner"]) for a in d]')" \
    "[('Fix the member list', 'Regis Masse')]"
  expect_status 0 tldops action edit 89 --owner ""
  equals "$(tldops action list --json | json 'd[0]["owner"]')" ""
  equals "$(tldops audit --json | json '[(e["action"], e["before"]["owner"], e["after"]["owner"]) for e in d if e["action"] == "action.edit"][0]')" \
    "('action.edit', 'Jacques', 'Regis Masse')"
  expect_unchanged 1 tldops action edit 89 --title "  "
  contains "$ERR" "error: title:"
  expect_unchanged 1 tldops action edit 90 --owner x
  contains "$ERR" "error: number:"
  expect_unchanged 1 tldops action edit abc --owner x
  contains "$ERR" "error: number:"
  expect_unchanged 2 tldops action edit 89
  expect_unchanged 2 tldops action edit --owner x
}
