# SPDX-License-Identifier: MIT
# Documents (playbooks): add with the content check and SHA-256, versions
# kept and listed, the language fallback, visibility by role, removal that
# keeps every byte, the links in the repository mail, and every bad input
# refused naming its field with the database unchanged.

# make_pdf FILE [TEXT]: a small well-formed PDF.
make_pdf() {
  printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n%% %s\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' "${2:-playbook}" > "$1"
}

# make_zip FILE STORED_FIRST NAME=CONTENT...: a ZIP archive (Python's zipfile).
make_zip() {
  /usr/bin/python3 - "$@" <<'PY'
import sys, zipfile
path, stored_first, entries = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
with zipfile.ZipFile(path, "w") as z:
    for i, e in enumerate(entries):
        name, _, data = e.partition("=")
        method = zipfile.ZIP_STORED if (i == 0 and stored_first) else zipfile.ZIP_DEFLATED
        z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
PY
}
make_docx() {
  make_zip "$1" 0 "[Content_Types].xml=<Types/>" "_rels/.rels=<Relationships/>" \
    "word/document.xml=<w:document>${2:-DR}</w:document>"
}
make_odt() {
  make_zip "$1" 1 "mimetype=application/vnd.oasis.opendocument.text" \
    "content.xml=<office:document-content>${2:-DR}</office:document-content>" \
    "META-INF/manifest.xml=<manifest/>"
}

# doc_sql SQLITE_QUERY [POSTGRESQL_QUERY]: one query on the test's database.
doc_sql() {
  case $TLDOPS_DB in
    postgres://*|postgresql://*) psql -X -At -v ON_ERROR_STOP=1 -d "$TLDOPS_DB" -c "${2:-$1}" ;;
    *) sqlite3 "$TLDOPS_DB" "$1" ;;
  esac
}

# doc_add FILE SLUG LANG VISIBILITY [more flags]
doc_add() {
  local file=$1 slug=$2 lang=$3 vis=$4; shift 4
  tldops doc add "$file" --title "Title of $slug ($lang)" --slug "$slug" --lang "$lang" --visibility "$vis" "$@"
}

test_doc_add_records_the_sha256_and_gives_back_the_same_bytes() {
  init_db
  make_pdf ddos.pdf
  local sum; sum=$(sha256sum ddos.pdf | cut -d' ' -f1)
  expect_status 0 tldops doc add ddos.pdf --title "DDoS mitigation playbook" --slug ddos-mitigation \
    --lang EN --visibility public
  equals "$OUT" "ddos-mitigation (en) version 1: pdf, $(stat -c %s ddos.pdf) bytes, sha256 $sum"
  equals "$(tldops doc list --json | json '[(x["slug"], x["lang"], x["version"], x["title"], x["visibility"], x["format"], x["content_type"], x["size"], x["sha256"], x["filename"], x["created_by"], x["url"]) for x in d]')" \
    "[('ddos-mitigation', 'en', '1', 'DDoS mitigation playbook', 'public', 'pdf', 'application/pdf', $(stat -c %s ddos.pdf), '$sum', 'ddos.pdf', 'e2e', '/docs/ddos-mitigation?lang=en')]"
  # doc show writes the bytes: to standard output, or to --output.
  tldops doc show ddos-mitigation > out1.pdf
  cmp ddos.pdf out1.pdf || fail "doc show gave other bytes"
  expect_status 0 tldops doc show ddos-mitigation --output out2.pdf
  cmp ddos.pdf out2.pdf || fail "doc show --output gave other bytes"
  contains "$OUT" "sha256 $sum"
  equals "$(stat -c %a out2.pdf)" 600
  # The bytes are in the database itself.
  equals "$(doc_sql "SELECT hex(data) FROM document" "SELECT upper(encode(data, 'hex')) FROM document")" \
    "$(od -An -v -tx1 ddos.pdf | tr -d ' \n' | tr a-f A-F)"
  equals "$(tldops audit --json | json '[(e["action"], e["object_id"], e["after"]["sha256"]) for e in d]')" \
    "[('document.add', 'ddos-mitigation/en/1', '$sum')]"
  # Bytes changed behind its back are not served.
  doc_sql "UPDATE document SET data = X'25504446'" "UPDATE document SET data = '\\x25504446'::bytea" >/dev/null
  expect_status 1 tldops doc show ddos-mitigation --output bad.pdf
  contains "$ERR" "do not match their SHA-256"
  [ ! -e bad.pdf ] || fail "a document that failed its check was written"
}

test_doc_accepts_pdf_docx_odt_markdown_and_text() {
  init_db
  make_pdf a.pdf; make_docx b.docx; make_odt c.odt
  printf '# Disaster recovery\n\n| step | who |\n|---|---|\n' > d.md
  printf 'Plan de continuit\xc3\xa9\n' > e.txt
  printf 'no extension, still text\n' > f
  local i=0
  for f in a.pdf b.docx c.odt d.md e.txt f; do
    i=$((i + 1))
    expect_status 0 doc_add "$f" "doc-$i" en members
  done
  equals "$(tldops doc list --json | json '[(x["slug"], x["format"], x["content_type"]) for x in d]')" \
    "[('doc-1', 'pdf', 'application/pdf'), ('doc-2', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), ('doc-3', 'odt', 'application/vnd.oasis.opendocument.text'), ('doc-4', 'markdown', 'text/markdown; charset=utf-8'), ('doc-5', 'text', 'text/plain; charset=utf-8'), ('doc-6', 'text', 'text/plain; charset=utf-8')]"
  equals "$(tldops doc show doc-3 --json | json 'd["download_name"]')" doc-3-en-1.odt
  tldops doc show doc-2 > back.docx
  cmp b.docx back.docx || fail "the DOCX came back different"
}

test_doc_versions_are_kept_and_listed() {
  init_db
  make_pdf v1.pdf "first"; make_pdf v2.pdf "second"; make_pdf v3.pdf "third"
  doc_add v1.pdf ddos en public >/dev/null
  expect_status 0 doc_add v2.pdf ddos en public
  contains "$OUT" "ddos (en) version 2:"
  expect_status 0 doc_add v3.pdf ddos en public --version 2019-03
  contains "$OUT" "version 2019-03:"
  # The newest is served; every version is listed, newest first.
  tldops doc show ddos > cur.pdf
  cmp v3.pdf cur.pdf || fail "the current version is not the newest"
  equals "$(tldops doc list --json | json '(d[0]["version"], [v["version"] for v in d[0]["versions"]], [v["sha256"] for v in d[0]["versions"]])')" \
    "('2019-03', ['2019-03', '2', '1'], ['$(sha256sum v3.pdf | cut -c1-64)', '$(sha256sum v2.pdf | cut -c1-64)', '$(sha256sum v1.pdf | cut -c1-64)'])"
  expect_status 0 tldops doc list
  equals "$(printf '%s\n' "$OUT" | wc -l)" 3
  contains "$(printf '%s\n' "$OUT" | head -1)" "2019-03 *"
  # Any version can still be read.
  tldops doc show ddos --version 1 > old.pdf
  cmp v1.pdf old.pdf || fail "version 1 is not the first bytes"
  expect_status 1 tldops doc show ddos --version 7
  contains "$ERR" 'error: version: "ddos" has no version "7"'
  # A version label is used once, even for the same bytes.
  expect_unchanged 1 doc_add v2.pdf ddos en public --version 2
  contains "$ERR" "error: version:"
  contains "$ERR" 'has a version "2" already'
  # Versions are per language.
  expect_status 0 doc_add v1.pdf ddos fr public
  contains "$OUT" "ddos (fr) version 1:"
}

test_doc_language_fallback_is_asked_then_en_then_the_first() {
  init_db
  printf 'english\n' > en.md; printf 'fran\xc3\xa7ais\n' > fr.md; printf 'espa\xc3\xb1ol\n' > es.md
  doc_add en.md ddos en public >/dev/null
  doc_add fr.md ddos fr public >/dev/null
  doc_add es.md ddos es public >/dev/null
  equals "$(tldops doc show ddos --lang fr)" "français"
  equals "$(tldops doc show ddos --lang FR)" "français"
  equals "$(tldops doc show ddos)" "english"
  expect_status 0 tldops doc show ddos --lang de
  equals "$OUT" "english"
  contains "$ERR" "note: ddos has no de version; this is the en one"
  equals "$(tldops doc show ddos --lang de --json | json '(d["lang"], d["fallback"])')" "('en', True)"
  equals "$(tldops doc show ddos --lang es --json | json '(d["lang"], d["fallback"])')" "('es', False)"
  # Without English, the first language there is (by code).
  doc_add fr.md dr fr public >/dev/null
  doc_add es.md dr es public >/dev/null
  equals "$(tldops doc show dr --lang de)" "español"
  equals "$(tldops doc show dr)" "español"
  equals "$(tldops doc show dr --lang fr)" "français"
  # A language that is no ISO 639-1 code is refused, not "fallen back".
  expect_status 1 tldops doc show dr --lang xx
  contains "$ERR" "error: lang:"
}

test_doc_visibility_decides_who_reads_what() {
  init_db
  printf 'pub\n' > pub.md; printf 'mem\n' > mem.md; printf 'com\n' > com.md
  doc_add pub.md public-doc en public >/dev/null
  doc_add mem.md members-doc en members >/dev/null
  doc_add com.md committee-doc en committee >/dev/null
  equals "$(tldops doc list --role public --json | json '[x["slug"] for x in d]')" "['public-doc']"
  # Who added a document, and from which file, is for the committee only.
  equals "$(tldops doc list --role public --json | json '[k for k in ("created_by", "filename") if k in d[0] or k in d[0]["versions"][0]]')" "[]"
  equals "$(tldops doc list --role members --json | json '"created_by" in d[0]')" False
  equals "$(tldops doc list --json | json '(d[0]["created_by"], d[0]["filename"])')" "('e2e', 'com.md')"
  equals "$(tldops doc list --role members --json | json '[x["slug"] for x in d]')" "['members-doc', 'public-doc']"
  equals "$(tldops doc list --json | json '[x["slug"] for x in d]')" "['committee-doc', 'members-doc', 'public-doc']"
  # Every visibility against every role.
  local role slug want
  for role in public members committee; do
    for slug in public-doc members-doc committee-doc; do
      case "$role:$slug" in
        public:public-doc|members:public-doc|members:members-doc|committee:*) want=0 ;;
        *) want=1 ;;
      esac
      expect_status $want tldops doc show "$slug" --role "$role"
      if [ $want -eq 1 ]; then
        contains "$ERR" "error: slug: \"$slug\" is not for"
        equals "$OUT" ""
      fi
    done
  done
  expect_status 1 tldops doc list --role nobody
  contains "$ERR" "error: role:"
  # A committee draft (a newer version) does not hide the published one.
  printf 'draft\n' > draft.md
  doc_add draft.md public-doc en committee >/dev/null
  equals "$(tldops doc show public-doc --role public)" "pub"
  equals "$(tldops doc show public-doc --role members)" "pub"
  equals "$(tldops doc show public-doc)" "draft"
  equals "$(tldops doc list --role public --json | json '[(x["version"], len(x["versions"])) for x in d]')" "[('1', 1)]"
  # A member asking for a committee-only language gets what members may read.
  printf 'brouillon\n' > fr.md
  doc_add fr.md public-doc fr committee >/dev/null
  equals "$(tldops doc show public-doc --lang fr --role members)" "pub"
  equals "$(tldops doc show public-doc --lang fr)" "brouillon"
}

test_doc_remove_marks_removed_and_keeps_the_bytes() {
  init_db
  make_pdf en.pdf; make_pdf fr.pdf "fr"
  doc_add en.pdf ddos en public >/dev/null
  doc_add en.pdf ddos en public >/dev/null
  doc_add fr.pdf ddos fr public >/dev/null
  expect_status 0 tldops doc remove ddos --lang fr --reason "translation withdrawn"
  equals "$OUT" "removed 1 version of ddos in fr (kept in the history)"
  equals "$(tldops doc show ddos --lang fr --json | json '(d["lang"], d["fallback"])')" "('en', True)"
  expect_status 0 tldops doc remove ddos --reason "superseded by the DR playbook"
  equals "$OUT" "removed 2 versions of ddos (kept in the history)"
  expect_status 1 tldops doc show ddos
  contains "$ERR" 'error: slug: there is no document "ddos"'
  equals "$(tldops doc list --json)" "[]"
  expect_status 0 tldops doc list --all --json
  equals "$(json '[(x["lang"], x["removed_reason"], len(x["versions"])) for x in d]' <<<"$OUT")" \
    "[('en', 'superseded by the DR playbook', 2), ('fr', 'translation withdrawn', 1)]"
  # Nothing was destroyed.
  equals "$(doc_sql "SELECT count(*), sum(length(data)) FROM document")" "3|$(( $(stat -c %s en.pdf) * 2 + $(stat -c %s fr.pdf) ))"
  equals "$(tldops audit --json | json '[(e["action"], e["object_id"]) for e in d if e["action"] == "document.remove"]')" \
    "[('document.remove', 'ddos/fr'), ('document.remove', 'ddos')]"
  equals "$(tldops audit --json | json '[len(e["before"]) for e in d if e["action"] == "document.remove"]')" "[1, 2]"
  # Removing what is gone, or without a reason, changes nothing.
  expect_unchanged 1 tldops doc remove ddos --reason again
  contains "$ERR" "error: slug:"
  expect_unchanged 2 tldops doc remove ddos
  contains "$ERR" "--reason"
  # The slug can be used again; numbering goes on.
  expect_status 0 doc_add en.pdf ddos en public
  contains "$OUT" "version 3:"
}

test_doc_bad_input_is_refused_naming_the_field() {
  init_db
  make_pdf ok.pdf
  doc_add ok.pdf ddos en public >/dev/null
  local bad
  for bad in "" DDoS "ddos_mitigation" "ddos mitigation" "-ddos" "ddos/x" "$(printf 'x%.0s' {1..65})" "dé"; do
    expect_unchanged 1 tldops doc add ok.pdf --title T --slug "$bad" --lang en --visibility public
    contains "$ERR" "error: slug:"
  done
  # Quoted as typed (issue 23: "Été" was "??t??"), controls and quotes escaped.
  expect_unchanged 1 tldops doc add ok.pdf --title T --slug "Été" --lang en --visibility public
  equals "$ERR" 'error: slug: "Été" may hold only a-z, 0-9 and "-"'
  expect_unchanged 1 tldops doc add ok.pdf --title T --slug "$(printf 'a\tb"\033[2J')" --lang en --visibility public
  equals "$ERR" 'error: slug: "a\tb\"\x1B[2J" may hold only a-z, 0-9 and "-"'
  for bad in "" e eng xx en-GB 12 "é"; do
    expect_unchanged 1 tldops doc add ok.pdf --title T --slug dr --lang "$bad" --visibility public
    contains "$ERR" "error: lang:"
  done
  expect_unchanged 1 tldops doc add ok.pdf --title T --slug dr --lang "é" --visibility public
  contains "$ERR" 'error: lang: "é" is not an ISO 639-1 language code'
  for bad in "" Public member private all; do
    expect_unchanged 1 tldops doc add ok.pdf --title T --slug dr --lang en --visibility "$bad"
    contains "$ERR" "error: visibility:"
  done
  for bad in "" "-1" "1 2" "a/b" "$(printf '1%.0s' {1..33})"; do
    expect_unchanged 1 tldops doc add ok.pdf --title T --slug dr --lang en --visibility public --version "$bad"
    contains "$ERR" "error: version:"
  done
  for bad in "" "   " "$(printf 'a\nb')" "$(printf 'x%.0s' {1..201})"; do
    expect_unchanged 1 tldops doc add ok.pdf --title "$bad" --slug dr --lang en --visibility public
    contains "$ERR" "error: title:"
  done
  # The content check: by the bytes, not the name.
  printf 'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00' > setup.pdf
  expect_unchanged 1 doc_add setup.pdf dr en public
  contains "$ERR" "error: file: is not a PDF, DOCX, ODT, Markdown or plain-text document (it starts with 4d 5a 90 00)"
  printf 'just text\n' > notes.pdf
  expect_unchanged 1 doc_add notes.pdf dr en public
  contains "$ERR" "error: file: is named .pdf but its content is text"
  make_docx real.docx; cp real.docx real.odt
  expect_unchanged 1 doc_add real.odt dr en public
  contains "$ERR" "error: file: is named .odt but its content is a DOCX document"
  make_zip sheet.xlsx 0 "[Content_Types].xml=<Types/>" "xl/workbook.xml=<w/>"
  expect_unchanged 1 doc_add sheet.xlsx dr en public
  contains "$ERR" "error: file: is an Office Open XML file but not a Word document"
  make_zip sheet.ods 1 "mimetype=application/vnd.oasis.opendocument.spreadsheet" "content.xml=<x/>"
  expect_unchanged 1 doc_add sheet.ods dr en public
  contains "$ERR" "error: file: is an OpenDocument file but not a text document"
  head -c 300 real.docx > cut.docx
  expect_unchanged 1 doc_add cut.docx dr en public
  contains "$ERR" "error: file: is a damaged ZIP archive"
  head -c -7 ok.pdf > cut.pdf
  expect_unchanged 1 doc_add cut.pdf dr en public
  contains "$ERR" "error: file: is a truncated or damaged PDF"
  printf 'caf\xe9\n' > latin1.txt
  expect_unchanged 1 doc_add latin1.txt dr en public
  contains "$ERR" "error: file:"
  contains "$ERR" "UTF-8"
  : > empty.md
  expect_unchanged 1 doc_add empty.md dr en public
  contains "$ERR" "error: file: is empty"
  expect_unchanged 1 doc_add missing.pdf dr en public
  contains "$ERR" "error: file: cannot open missing.pdf"
  # The size limit, [docs] max_size_mib.
  printf '[docs]\nmax_size_mib = 1\n' > small.ini
  head -c 1048576 /dev/zero | tr '\0' a > exactly.txt
  head -c 1048577 /dev/zero | tr '\0' a > over.txt
  expect_unchanged 1 tldops --config small.ini doc add over.txt --title T --slug dr --lang en --visibility public
  contains "$ERR" "error: file: over.txt is larger than the limit of 1 MiB ([docs] max_size_mib)"
  expect_status 0 tldops --config small.ini doc add exactly.txt --title T --slug dr --lang en --visibility public
  printf '[docs]\nmax_size_mib = 0\n' > zero.ini
  expect_status 1 tldops --config zero.ini config check
  contains "$ERR" "docs.max_size_mib"
  # Reading: malformed names are refused, unknown ones are not found.
  expect_status 1 tldops doc show "../etc/passwd"
  contains "$ERR" "error: slug:"
  expect_status 1 tldops doc show nothing-here
  contains "$ERR" 'error: slug: there is no document "nothing-here"'
  expect_status 1 tldops doc show ddos --version "a b"
  contains "$ERR" "error: version:"
  expect_unchanged 1 tldops doc remove DDoS --reason x
  contains "$ERR" "error: slug:"
  expect_unchanged 1 tldops doc remove ddos --lang xx --reason x
  contains "$ERR" "error: lang:"
  expect_unchanged 1 tldops doc remove ddos --lang fr --reason x
  contains "$ERR" "error: lang:"
  expect_unchanged 1 tldops doc remove ddos --reason "   "
  contains "$ERR" "error: reason:"
  # Usage errors.
  expect_unchanged 2 tldops doc add ok.pdf --slug dr --lang en --visibility public
  contains "$ERR" "--title"
  expect_unchanged 2 tldops doc add --title T --slug dr --lang en --visibility public
  expect_unchanged 2 tldops doc add ok.pdf ok.pdf --title T --slug dr --lang en --visibility public
  expect_unchanged 2 tldops doc show
  expect_unchanged 2 tldops doc list --bogus
  expect_unchanged 2 tldops doc frob
  contains "$ERR" 'unknown doc command "frob"'
  equals "$(tldops audit --json | json '[e["action"] for e in d]')" "['document.add', 'document.add']"
}

test_doc_links_replace_the_playbook_urls_in_the_repository_mail() {
  init_db
  printf '[mail]\nplaybook_urls = https://example.org/old-ddos.pdf\n[web]\nbase_url = https://tld-ops.example/\n' > c.ini
  expect_status 0 tldops --config c.ini digest --print
  contains "$OUT" "https://example.org/old-ddos.pdf"
  make_pdf p.pdf
  doc_add p.pdf ddos-mitigation en public --version 1 >/dev/null
  doc_add p.pdf ddos-mitigation fr public >/dev/null
  tldops doc add p.pdf --title "Plan de reprise" --slug dr-bcp --lang fr --visibility members >/dev/null
  doc_add p.pdf committee-notes en committee >/dev/null
  expect_status 0 tldops --config c.ini digest --print
  contains "$OUT" "Playbooks:"
  contains "$OUT" "  Title of ddos-mitigation (en) (en, fr): https://tld-ops.example/docs/ddos-mitigation"
  contains "$OUT" "  Plan de reprise (fr): https://tld-ops.example/docs/dr-bcp"
  not_contains "$OUT" "committee-notes"
  not_contains "$OUT" "old-ddos.pdf"
  # Once they are removed, the configured links come back.
  tldops doc remove ddos-mitigation --reason old >/dev/null
  tldops doc remove dr-bcp --reason old >/dev/null
  expect_status 0 tldops --config c.ini digest --print
  contains "$OUT" "https://example.org/old-ddos.pdf"
  not_contains "$OUT" "/docs/"
}
