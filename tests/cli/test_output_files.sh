# SPDX-License-Identifier: MIT
# Every file the CLI writes for a user goes through util/outfile: mode 0600,
# never through a symbolic link, never over a device node (a root who ran
# `--output /dev/null` once got the device replaced by a regular file).
# Device nodes are made with mknod in the test's folder: the real /dev/null
# is never a target here.

outfile_setup() {
  init_db
  add_contact nl "Jan Jansen" jan@sidn.example "+31 26 352 5500" >/dev/null
}

mode_of() { stat -c %a "$1"; }

test_export_file_is_private_and_replaced_whole() {
  outfile_setup
  umask 022
  expect_status 0 tldops export --format csv --output out.csv
  equals "$(mode_of out.csv)" 600
  contains "$(cat out.csv)" "jan@sidn.example"
  echo old >old.csv; chmod 644 old.csv
  expect_status 0 tldops export --format json --output old.csv
  equals "$(mode_of old.csv)" 600
  contains "$(cat old.csv)" "jan@sidn.example"
  # Nothing left beside the targets (no out.csv.tmp or the like).
  equals "$(ls | grep -v '^tldops.db' | sort | tr '\n' ' ')" "old.csv out.csv "
}

test_export_to_a_character_device_keeps_the_device() {
  outfile_setup
  mknod null c 1 3 2>/dev/null || skip "mknod not permitted here"
  expect_status 0 tldops export --format csv --output null
  [ -c null ] || fail "the device node was replaced: $(ls -l null)"
  equals "$(stat -c '%t:%T' null)" "1:3"
  expect_status 0 tldops doc list >/dev/null
  [ -c null ] || fail "device gone"
  # backup (SQLite's; PostgreSQL's is pg_dump) needs a regular file:
  # refused, naming the path; the node stays.
  if [ "$TLDOPS_TEST_BACKEND" = sqlite ]; then
    expect_status 1 tldops backup "$T/null"
    contains "$ERR" "error: file:"
    contains "$ERR" "$T/null"
  fi
  [ -c null ] || fail "backup replaced the device node"
}

# "/dev/stdout" is the same as "-" (tests/unit/test_outfile.c checks it
# without ever writing: a broken build must not replace the real node).
test_export_to_stdout_by_dash() {
  outfile_setup
  expect_status 0 tldops export --format csv --output -
  contains "$OUT" "jan@sidn.example"
  [ ! -e ./- ] || fail "wrote a file named -"
}

test_output_through_a_symlink_is_refused() {
  outfile_setup
  echo precious >victim
  ln -s victim link
  expect_status 1 tldops export --format csv --output link
  contains "$ERR" "error: output:"
  contains "$ERR" "link"
  contains "$ERR" "symbolic link"
  equals "$(cat victim)" precious
  [ -L link ] || fail "the symlink was replaced"
  # A planted temporary of the old fixed name is not used either.
  ln -s victim out.csv.tmp
  expect_status 0 tldops export --format csv --output out.csv
  equals "$(cat victim)" precious
  mkdir adir
  expect_status 1 tldops export --format csv --output adir
  contains "$ERR" "directory"
}

test_doc_pack_backup_and_signed_copy_are_private() {
  [ "$TLDOPS_TEST_BACKEND" = sqlite ] || skip "backup is SQLite's"
  outfile_setup
  umask 022
  printf '# Notes\n\nText.\n' >notes.md
  tldops doc add notes.md --title Notes --slug notes --lang en --visibility committee >/dev/null
  expect_status 0 tldops doc show notes --output doc.md
  equals "$(mode_of doc.md)" 600
  tldops meeting add ICANN84 --date 2026-10-25 --place Dublin >/dev/null
  expect_status 0 tldops pack ICANN84 --output pack.md
  equals "$(mode_of pack.md)" 600
  expect_status 0 tldops backup "$T/backup.db"
  equals "$(mode_of backup.db)" 600
  equals "$(sqlite3 backup.db 'SELECT count(*) FROM contact')" 1
  ln -s backup.db blink
  expect_status 1 tldops backup "$T/blink"
  contains "$ERR" "symbolic link"
  expect_status 1 tldops doc show notes --output blink
  contains "$ERR" "symbolic link"
  expect_status 1 tldops pack ICANN84 --output blink
  contains "$ERR" "symbolic link"
  [ -L blink ] || fail "symlink replaced"
  equals "$(ls -A | grep -c '\.tmp')" 0
}
