# SPDX-License-Identifier: MIT
# Storage backends: SQLite backup and restore, migrating a repository from
# SQLite to PostgreSQL, and several outbox workers on one database.  The
# PostgreSQL-only scenarios run in the suite's PostgreSQL pass
# (TLDOPS_TEST_BACKEND=postgresql, `make e2e-pg`).

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_smtp DIR: a real SMTP server (aiosmtpd) storing every message in the
# Maildir DIR; sets SMTP_PORT and SMTP_PID and stops it when the test ends.
start_smtp() {
  SMTP_PORT=$(free_port)
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
    -c aiosmtpd.handlers.Mailbox "$1" >"$T/smtp.log" 2>&1 &
  SMTP_PID=$!
  trap 'kill "$SMTP_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 0.2)" \
      2>/dev/null && return 0
    sleep 0.05
  done
  fail "the SMTP server did not start: $(cat "$T/smtp.log")"
}

# The repository as users see it, across every listing.
views() {
  tldops contact list --json
  tldops cctld list --json
  tldops exception list --json
  tldops audit --json
  tldops outbox status --json
  tldops lookup nl
  tldops export --format csv
  tldops doc list --json
}

# A repository with something in every kind of table: contacts with history
# (added, changed, removed), an exception, an IANA record, an alert in the
# outbox, membership changes, a membership request.
seed_everything() {
  tldops init >/dev/null
  local id
  id=$(add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" --org SIDN --lang en,nl)
  add_contact be "Piet Peeters" piet@dnsbelgium.be "+32 16 28 49 70" >/dev/null
  add_contact .рф "Иван Иванов" ivan@cctld.ru "+7 495 730 2971" --lang ru >/dev/null
  tldops contact update "$id" --phone "+31 26 352 5501" --role CISO >/dev/null
  add_contact de "Hans Müller" hans@denic.de "+49 69 27235 0" >/dev/null
  tldops contact remove 4 --reason "left DENIC" >/dev/null
  printf 'From a@b Tue Dec  1 10:00:00 2026\nFrom: Jan <jan@sidn.nl>\nSubject: Resolver patch\nMessage-ID: <p1@sidn.nl>\n\nPatch the resolver.\n' >posts.mbox
  tldops archive import posts.mbox >/dev/null
  tldops exception add --email security@dnsbelgium.be --reason "the CERT's shared desk" >/dev/null
  add_contact be "DNS Belgium CERT" security@dnsbelgium.be "+32 16 28 49 71" >/dev/null
  cat >nl.txt <<'EOF'
domain:       NL

organisation: SIDN (Stichting Internet Domeinregistratie Nederland)
address:      Meander 501
address:      Arnhem 6825 MD
address:      Netherlands

contact:      administrative
name:         Director
organisation: SIDN
address:      Meander 501
phone:        +31 26 352 5500
e-mail:       admin@sidn.nl

contact:      technical
name:         Tech Lead
organisation: SIDN
address:      Meander 501
phone:        +31 26 352 5500
e-mail:       tech@sidn.nl

created:      1986-04-25
changed:      2023-02-14
EOF
  tldops iana import nl.txt >/dev/null
  printf 'Rotate your DNSKEYs.\n' >alert.txt
  tldops --mail "maildir:$T/mail" alert send --subject "Key rollover" --body-file alert.txt --tlp amber >/dev/null
  tldops --mail "maildir:$T/mail" digest --send >/dev/null
  tldops request join --cctld nl --name "Nieuwe Persoon" --email nieuw@sidn.nl \
    --phone "+31 26 352 5502" >/dev/null
  # A document: bytes with NULs and every byte value (a deflated ZIP).
  /usr/bin/python3 - playbook.docx <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("_rels/.rels", "<Relationships/>")
    z.writestr("word/document.xml", "<w:document>" + os.urandom(3000).hex() + "</w:document>")
    z.writestr("word/media/blob.bin", bytes(range(256)) * 8)
PY
  tldops doc add playbook.docx --title "Incident playbook" --slug incident --lang en \
    --visibility members >/dev/null
}

test_backup_copies_a_live_sqlite_repository_that_restores() {
  case $TLDOPS_DB in postgres*://*) skip "SQLite only (PostgreSQL: see the pg_dump test)";; esac
  seed_everything
  local want; want=$(tldops contact list --json)
  expect_status 0 tldops backup "$T/backup.db"
  contains "$OUT" "backed up to $T/backup.db"
  equals "$(stat -c %a "$T/backup.db")" 600
  # Later changes are not in the backup.
  add_contact fr "Marie Curie" marie@afnic.fr "+33 1 39 30 83 00" >/dev/null
  # Restore: the copy is a repository of its own.
  cp "$T/backup.db" "$T/restored.db"
  equals "$(TLDOPS_DB=$T/restored.db tldops contact list --json)" "$want"
  TLDOPS_DB=$T/restored.db expect_status 0 tldops audit
  contains "$OUT" "contact.remove"
  equals "$(sqlite3 "$T/restored.db" 'PRAGMA integrity_check')" ok
  equals "$(sqlite3 "$T/restored.db" 'PRAGMA journal_mode')" wal
  # A second backup replaces the first, atomically.
  expect_status 0 tldops backup "$T/backup.db"
  contains "$(TLDOPS_DB=$T/backup.db tldops contact list)" marie@afnic.fr
  [ -z "$(ls "$T" | grep 'backup.db.tmp')" ] || fail "a temporary file was left behind"
}

# Backups taken while another process writes are each one consistent state.
test_backup_while_writers_run_is_consistent() {
  case $TLDOPS_DB in postgres*://*) skip "SQLite only";; esac
  printf '[policy]\nmax_contacts_per_cctld = 0\n' >cfg.ini
  export TLDOPS_CONFIG=$T/cfg.ini
  init_db
  local i n
  for ((i = 1; i <= 300; i++)); do
    echo "tldops contact add --cctld nl --name 'Person $i' --email p$i@sidn.nl --phone '+31 26 352 5500' >/dev/null"
  done >writes.sh
  (source "$TLDOPS_ROOT/tests/cli/lib.sh"; source writes.sh) &
  local writer=$!
  for i in 1 2 3 4 5; do
    expect_status 0 tldops backup "$T/b$i.db"
    equals "$(sqlite3 "$T/b$i.db" 'PRAGMA integrity_check')" ok
    # Every contact in the copy has its audit row, and no audit row lacks its contact.
    n=$(sqlite3 "$T/b$i.db" 'SELECT count(*) FROM contact')
    equals "$(sqlite3 "$T/b$i.db" "SELECT count(*) FROM audit WHERE action = 'contact.add'")" "$n"
    sleep 0.1
  done
  wait "$writer"
  [ "$(sqlite3 "$T/b1.db" 'SELECT count(*) FROM contact')" -lt 300 ] ||
    fail "the writer had finished before the first backup: nothing concurrent was tested"
}

test_backup_refuses_to_overwrite_the_repository_or_a_missing_folder() {
  case $TLDOPS_DB in postgres*://*) skip "SQLite only";; esac
  init_db
  expect_unchanged 1 tldops backup "$TLDOPS_DB"
  contains "$ERR" "error: file:"
  contains "$ERR" "the repository itself"
  expect_unchanged 1 tldops backup "$T/no/such/dir/b.db"
  contains "$ERR" "error: file:"
  expect_status 2 tldops backup
  expect_status 2 tldops backup a b
}

test_backup_on_postgresql_says_use_pg_dump() {
  needs_postgresql
  init_db
  expect_status 1 tldops backup "$T/backup.db"
  contains "$ERR" "pg_dump"
  [ ! -e "$T/backup.db" ] || fail "backup wrote a file"
}

# The restore procedure of docs/operations.md, on PostgreSQL.
test_postgresql_pg_dump_restores_into_a_new_database() {
  needs_postgresql
  seed_everything
  local dump=$T/tldops.dump copy=${TLDOPS_DB%/*}/${TLDOPS_DB##*/}_r
  pg_dump -Fc -f "$dump" "$TLDOPS_DB"
  psql -X -q -d "${TLDOPS_DB%/*}/postgres" -c "CREATE DATABASE ${TLDOPS_DB##*/}_r"
  pg_restore --no-owner -d "$copy" "$dump"
  equals "$(TLDOPS_DB=$copy views)" "$(views)"
  # The restored repository takes new work with fresh ids.
  equals "$(TLDOPS_DB=$copy add_contact fr "Marie Curie" marie@afnic.fr "+33 1 39 30 83 00")" 6
  psql -X -q -d "${TLDOPS_DB%/*}/postgres" -c "DROP DATABASE ${TLDOPS_DB##*/}_r WITH (FORCE)"
}

test_migrate_copies_every_table_and_verifies_counts_and_checksums() {
  needs_postgresql
  local pg=$TLDOPS_DB src=$T/src.db
  TLDOPS_DB=$src seed_everything
  local table n tables
  # Ordinary tables: the archive's FTS5 index (a virtual table and its
  # shadow tables) is SQLite's own and rebuilt by PostgreSQL's index.
  tables=$(sqlite3 "$src" "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migration' ORDER BY name")
  expect_status 0 tldops migrate --from "sqlite:$src" --to "$pg"
  contains "$OUT" "counts and checksums match"
  not_contains "$OUT$ERR" "postgres@"
  # Every table of the schema is listed with the source's row count.
  for table in $tables; do
    n=$(sqlite3 "$src" "SELECT count(*) FROM $table")
    printf '%s\n' "$OUT" | grep -Eq "^$table +$n rows  sha256 [0-9a-f]{64}  ok$" ||
      fail "table $table ($n rows) is not reported: $OUT"
    equals "$(psql -X -At -d "$pg" -c "SELECT count(*) FROM $table")" "$n"
  done
  equals "$(printf '%s\n' "$OUT" | grep -c ' rows  sha256 ')" "$(printf '%s\n' "$tables" | wc -l)"
  for table in contact audit mail_delivery cctld iana_contact schedule request document; do
    [ "$(sqlite3 "$src" "SELECT count(*) FROM $table")" -gt 0 ] || fail "the seed left $table empty"
  done
  # The archive came along and is searched by PostgreSQL's own index.
  equals "$(TLDOPS_DB=$pg tldops archive list --json --search resolver | json '[p["id"] for p in d]')" "[1]"
  # Users see the same repository, documents byte for byte.
  equals "$(TLDOPS_DB=$pg views)" "$(TLDOPS_DB=$src views)"
  TLDOPS_DB=$pg tldops doc show incident >copy.docx
  cmp playbook.docx copy.docx || fail "the document's bytes changed"
  # Removed contacts and their reasons came along.
  equals "$(psql -X -At -d "$pg" -c "SELECT removed_reason FROM contact WHERE id = 4")" "left DENIC"
  # New ids follow the copied ones.
  local max; max=$(sqlite3 "$src" "SELECT max(id) FROM contact")
  equals "$(TLDOPS_DB=$pg add_contact fr "Marie Curie" marie@afnic.fr "+33 1 39 30 83 00")" "$((max + 1))"
  TLDOPS_DB=$pg expect_status 0 tldops exception add --email abuse@afnic.fr --reason "shared"
}

test_migrate_refuses_a_target_with_data_and_changes_nothing() {
  needs_postgresql
  local pg=$TLDOPS_DB src=$T/src.db
  TLDOPS_DB=$src init_db
  TLDOPS_DB=$src add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  # A target on which init ran holds the reference ccTLDs already.
  init_db
  expect_unchanged 1 tldops migrate --from "sqlite:$src" --to "$pg"
  contains "$ERR" "error: to: the target database is not empty"
  # A second migration into the same database is refused the same way.
  local fresh; fresh=${pg%/*}/${pg##*/}_b
  psql -X -q -d "${pg%/*}/postgres" -c "CREATE DATABASE ${pg##*/}_b"
  expect_status 0 tldops migrate --from "sqlite:$src" --to "$fresh"
  TLDOPS_DB=$fresh expect_unchanged 1 tldops migrate --from "sqlite:$src" --to "$fresh"
  contains "$ERR" "not empty"
  psql -X -q -d "${pg%/*}/postgres" -c "DROP DATABASE ${pg##*/}_b WITH (FORCE)"
  # Wrong directions are refused.
  expect_status 1 tldops migrate --from "$pg" --to "$pg"
  contains "$ERR" "error: from:"
  expect_status 1 tldops migrate --from "sqlite:$src" --to "$T/other.db"
  contains "$ERR" "error: to:"
  expect_status 1 tldops migrate --from "sqlite:$T/missing.db" --to "$pg"
  contains "$ERR" "tldops init"
  expect_status 2 tldops migrate --from "sqlite:$src"
}

test_migrate_verification_failure_leaves_the_target_empty() {
  needs_postgresql
  local pg=$TLDOPS_DB src=$T/src.db
  TLDOPS_DB=$src seed_everything
  # The target's tables, empty, and a trigger that alters what is copied.
  init_db
  psql -X -q -v ON_ERROR_STOP=1 -d "$pg" <<'EOF'
DO $$DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
           AND tablename <> 'schema_migration' LOOP
    EXECUTE format('TRUNCATE %I CASCADE', t);
  END LOOP;
END$$;
CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN NEW.name := upper(NEW.name); RETURN NEW; END$$;
CREATE TRIGGER tamper BEFORE INSERT ON contact FOR EACH ROW EXECUTE FUNCTION tamper();
EOF
  expect_unchanged 1 tldops migrate --from "sqlite:$src" --to "$pg"
  contains "$ERR" "error: db: table contact: 5 rows in the source, 5 in the target, contents differ"
  equals "$(psql -X -At -d "$pg" -c "SELECT count(*) FROM cctld")" 0
  # Without the trigger the same copy goes through.
  psql -X -q -d "$pg" -c "DROP TRIGGER tamper ON contact"
  expect_status 0 tldops migrate --from "sqlite:$src" --to "$pg"
}

test_postgresql_two_nodes_migrate_an_empty_database_at_once() {
  needs_postgresql
  local i pids=()
  for i in 1 2 3 4; do
    tldops init >"$T/init.$i" 2>&1 &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || fail "a concurrent init failed: $(cat "$T"/init.*)"; done
  equals "$(psql -X -At -d "$TLDOPS_DB" -c "SELECT count(*), count(DISTINCT version) FROM schema_migration")" \
    "$(psql -X -At -d "$TLDOPS_DB" -c "SELECT max(version), max(version) FROM schema_migration")"
  equals "$(tldops cctld list --json | json 'len(d)')" 309
}

# ~2,000 recipients, two `outbox run` processes at once on one database, a
# real SMTP server: every recipient gets exactly one copy.  On PostgreSQL
# the workers claim with FOR UPDATE SKIP LOCKED; on SQLite with the write lock.
test_two_outbox_workers_deliver_each_recipient_exactly_once() {
  local n=2000 i dead
  printf '[policy]\nmax_contacts_per_cctld = 0\n' >cfg.ini
  export TLDOPS_CONFIG=$T/cfg.ini
  init_db
  {
    echo "cctld,name,email,phone"
    for ((i = 1; i <= n; i++)); do
      echo "nl,Person $i,person$i@sidn.nl,+31 26 352 5500"
    done
  } >people.csv
  expect_status 0 tldops import contacts people.csv
  contains "$OUT" "imported $n contacts"
  # Queue the alert without delivering it: the first attempts hit a closed
  # port, the run stops after five failures and gives the rest back
  # (those five are retried by the workers: `run --all`).
  dead=$(free_port)
  printf 'Patch your resolvers.\n' >alert.txt
  expect_status 0 tldops --mail "smtp://127.0.0.1:$dead" alert send --subject "Two workers" --body-file alert.txt
  contains "$OUT" "queued for $n recipients"
  start_smtp "$T/inbox" # aiosmtpd makes the Maildir (only when it is missing)
  tldops --mail "smtp://127.0.0.1:$SMTP_PORT" outbox run --all >w1.out 2>&1 &
  local p1=$!
  tldops --mail "smtp://127.0.0.1:$SMTP_PORT" outbox run --all >w2.out 2>&1 &
  local p2=$!
  wait "$p1" || fail "worker 1 failed: $(cat w1.out)"
  wait "$p2" || fail "worker 2 failed: $(cat w2.out)"
  local d1 d2
  d1=$(sed -n 's/^delivered \([0-9]*\),.*/\1/p' w1.out)
  d2=$(sed -n 's/^delivered \([0-9]*\),.*/\1/p' w2.out)
  equals "$((d1 + d2))" "$n"
  [ "$d1" -gt 0 ] && [ "$d2" -gt 0 ] || fail "one worker did everything ($d1, $d2): no concurrency shown"
  # What the server received: the envelope recipients of every message
  # (up to [mail] max_recipients in one transaction).
  local got
  got=$(grep -h '^X-RcptTo:' "$T"/inbox/new/* | sed 's/^X-RcptTo: //' | tr ',' '\n' | tr -d ' ' | sort)
  equals "$(printf '%s\n' "$got" | wc -l)" "$n"
  equals "$(printf '%s\n' "$got" | uniq -d | wc -l)" 0
  equals "$(printf '%s\n' "$got" | sort -u)" "$(seq 1 $n | sed 's/.*/person&@sidn.nl/' | sort)"
  expect_status 0 tldops outbox status --json
  equals "$(printf '%s' "$OUT" | json 'd["sent"]')" "$n"
  echo "worker 1 delivered $d1, worker 2 delivered $d2"
}

# Times are 64-bit on both backends: a date past 2038 in a filter is not a
# 32-bit parameter on PostgreSQL (it once was: "out of range for type integer").
test_dates_after_2038_work_as_filters() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  expect_status 0 tldops audit --until 2100-01-01 --json
  equals "$(printf '%s' "$OUT" | json 'len(d)')" 2
  expect_status 0 tldops audit --since 2039-01-01 --until 2100-01-01 --json
  equals "$(printf '%s' "$OUT" | json 'len(d)')" 0
  expect_status 0 tldops stats --until 2100-01-01
  contains "$OUT" "Members at 2100-01-01"
  expect_status 0 tldops stats --since 2039-01-01 --until 2100-01-01 --json
}

# Schedulers of several nodes firing in the same second send the repository
# mail once (the schedule row moves for one of them only; reading it back
# afterwards once let every one of them believe it had won).
test_concurrent_digests_in_the_same_second_send_once() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.nl "+31 26 352 5500" >/dev/null
  local i pids=()
  for i in 1 2 3 4; do
    faketime '2026-02-12 12:00:00' "$TLDOPS_BIN" --mail "maildir:$T/mail" digest --send >"d.$i" 2>&1 &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || fail "a digest failed: $(cat d.*)"; done
  equals "$(cat d.* | grep -c 'queued for 1 recipients')" 1
  equals "$(tldops audit --json | json 'len([e for e in d if e["action"] == "digest.send"])')" 1
  equals "$(ls "$T/mail/new" | wc -l)" 1
}
