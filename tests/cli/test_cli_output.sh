# SPDX-License-Identifier: MIT
# What people see: header rows and columns aligned by display width, the
# audit's one line per change, one-line successes on a terminal (the id
# alone when stdout is not one, nothing with --quiet), and no binary
# document written to a terminal.

PHONE=+31263525500

# Run "$@" on a pseudo-terminal (script(1)); its output in $OUT.
on_tty() {
  local cmd
  printf -v cmd '%q ' "$TLDOPS_BIN" "$@"
  OUT=$(script -qec "$cmd" /dev/null | tr -d '\r') || true
}

# The display column where $2 starts in line $1 (UTF-8 aware).
column_of() { python3 -c 'import sys,unicodedata as u
l,w=sys.argv[1],sys.argv[2]; i=l.index(w); print(sum(0 if u.combining(c) else (2 if u.east_asian_width(c) in "WF" else 1) for c in l[:i]))' "$1" "$2"; }

test_listings_have_a_header_and_aligned_columns() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl $PHONE >/dev/null
  add_contact .рф "Иван Иванович Иванов" ivan@cctld.ru "+7 495 730 2971" >/dev/null
  expect_status 0 tldops contact list
  local head; head=$(printf '%s\n' "$OUT" | sed -n 1p)
  contains "$head" "ID"
  contains "$head" "EMAIL"
  local l1 l2; l1=$(printf '%s\n' "$OUT" | grep jan@); l2=$(printf '%s\n' "$OUT" | grep ivan@)
  equals "$(column_of "$l1" jan@)" "$(column_of "$l2" ivan@)"
  equals "$(column_of "$head" EMAIL)" "$(column_of "$l1" jan@)"
  expect_status 0 tldops cctld list --members
  contains "$(printf '%s\n' "$OUT" | sed -n 1p)" "COUNTRY"
  l1=$(printf '%s\n' "$OUT" | grep Netherlands); l2=$(printf '%s\n' "$OUT" | grep -i russia)
  equals "$(column_of "$l1" member)" "$(column_of "$l2" member)"
  tldops action add --title "Draft the DDoS playbook" --owner "Barbara Povše" >/dev/null
  tldops action add --title "Survey" >/dev/null
  expect_status 0 tldops action list
  contains "$(printf '%s\n' "$OUT" | sed -n 1p)" "TITLE"
  l1=$(printf '%s\n' "$OUT" | grep Draft); l2=$(printf '%s\n' "$OUT" | grep Survey)
  equals "$(column_of "$l1" Draft)" "$(column_of "$l2" Survey)"
}

test_audit_says_what_changed_and_why() {
  init_db
  local id; id=$(add_contact nl "Jan Jansen" jan@sidn.nl $PHONE)
  tldops contact update "$id" --role CISO
  tldops contact remove "$id" --reason "left SIDN"
  expect_status 0 tldops audit
  contains "$(printf '%s\n' "$OUT" | sed -n 1p)" "CHANGE"
  contains "$OUT" "new: Jan Jansen <jan@sidn.nl>"
  contains "$OUT" 'role: "" -> "CISO"'
  contains "$OUT" "removed: Jan Jansen <jan@sidn.nl>; reason: left SIDN"
}

test_successes_say_what_happened_on_a_terminal_only() {
  init_db
  # Not a terminal: the id alone, as scripts read it.
  local id; id=$(add_contact nl "Jan Jansen" jan@sidn.nl $PHONE)
  equals "$id" 1
  on_tty contact add --cctld nl --name "Piet Pietersen" --email piet@sidn.nl --phone $PHONE --role CISO
  equals "$OUT" "contact 2 added to .nl: Piet Pietersen <piet@sidn.nl>"
  on_tty --quiet contact add --cctld nl --name "Kees de Vries" --email kees@sidn.nl --phone $PHONE --role CISO
  equals "$OUT" "3"
  on_tty contact update 2 --role CISO
  equals "$OUT" "contact 2 updated: Piet Pietersen <piet@sidn.nl>, .nl"
  on_tty contact remove 3 --reason "left SIDN"
  contains "$OUT" "contact 3 removed"
  on_tty export --format csv --output "$T/c.csv"
  equals "$OUT" "exported 2 contacts to $T/c.csv"
  expect_status 0 tldops contact update 2 --role CTO
  equals "$OUT" ""
}

test_a_binary_document_is_not_written_to_a_terminal() {
  init_db
  printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' > "$T/p.pdf"
  tldops doc add "$T/p.pdf" --title Playbook --slug playbook --lang en --visibility members >/dev/null
  on_tty doc show playbook
  contains "$OUT" "not written to a terminal"
  contains "$OUT" "--output FILE"
  expect_status 0 tldops doc show playbook
  contains "$OUT" "%PDF-1.4"
}
