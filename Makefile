# SPDX-License-Identifier: MIT
# A thin face over meson/ninja.  The real build is meson.build.
#   make          build build/tldops
#   make run      install what is missing, build, create var/tldops.db, serve the web site
#   make check    every test: unit (plain and ASan+UBSan), fuzz corpora, end to end, web
#                 (on SQLite, then on a throwaway PostgreSQL: make e2e-pg)
#   make bench    synthetic communities of 1k/10k/100k contacts, timings and memory;
#                 an encrypted TLP:RED alert to 1,000 members with keys (bench/crypto),
#                 archive search over 100k posts on SQLite and PostgreSQL (bench/archive)
#   make bench-peers  tldops next to GNU Mailman 3 (1k and 10k members; PEERS_SIZES) and
#                 Schleuder (the encrypted post to 1,000 members with keys: bench/schleuder)
#   make fuzz     each libFuzzer target for FUZZ_SECONDS (default 60)
#   make lint     banned functions and the layers (scripts/layers)
BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= var/tldops.db
TLDOPS      = $(BUILD)/tldops

.PHONY: all build run check unit asan e2e e2e-pg web-test load bench bench-peers fuzz lint clean

all: build

$(BUILD)/build.ninja:
	meson setup $(BUILD) >/dev/null

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dc_args=-fno-sanitize-recover=all >/dev/null

run:
	scripts/install-deps
	$(MAKE) --no-print-directory build
	@test -f $(DB) || $(TLDOPS) --db $(DB) init
	@scripts/welcome $(TLDOPS) $(DB)

check:
	scripts/install-deps --test
	$(MAKE) --no-print-directory lint build unit asan e2e e2e-pg crash web-test load

unit: build
	meson test -C $(BUILD) --print-errorlogs

# intercept_tls_get_addr=0: GCC 12's LeakSanitizer misreads the dynamic
# thread-local storage of libraries loaded on first use (GPGME, GMime's
# GLib) on this glibc and crashes at exit ("Tracer caught signal 11",
# "DTLS ... at 0x126"), depending on the process's layout.  Not tracking
# dynamic TLS only removes those blocks from the scan's roots: a leak can
# then be over-reported, never hidden.
ASAN_RUN = detect_leaks=1:intercept_tls_get_addr=0
asan: $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	ASAN_OPTIONS=$(ASAN_RUN):abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  meson test -C $(ASAN_BUILD) --print-errorlogs
	ASAN_OPTIONS=$(ASAN_RUN):verify_asan_link_order=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  tests/cli/run $(ASAN_BUILD)/tldops

e2e: build
	tests/cli/run $(TLDOPS)

# `tldops serve` on loopback: the API and route-walk tests (Python) and the
# pages in Debian's headless chromium (playwright-core from tests/web's
# package-lock.json); screenshots in tests/web/artifacts/.
web-test: build
	tests/web/run $(TLDOPS)

# `tldops serve` under load (tests/load/run, about 70 s): wrk with 1000
# connections for 30 s on the home page and the authenticated API, then 200
# slow (slowloris) clients next to a normal one; 10k contacts, SQLite.
load: build
	scripts/install-deps --test
	tests/load/run $(TLDOPS)

# kill -9 at >= 50 random moments during an import, approvals, an outbox run
# and a repository-mail send; integrity and consistency checked after each.
crash: build
	tests/crash/run $(TLDOPS)

# The end-to-end suite with every tldops process under valgrind memcheck:
# zero errors, zero definite leaks (slow: minutes, not part of check).
valgrind: build
	TLDOPS_VALGRIND_BIN=$(abspath $(TLDOPS)) tests/cli/run tests/valgrind-wrap

# The driver unit tests and the same end-to-end suite on a throwaway
# PostgreSQL cluster, stopped even when a test fails (its state file is
# private to this run).
e2e-pg: build
	@state=$$(mktemp /tmp/tldops-pg-state.XXXXXX) && rm -f "$$state" && \
	  export TLDOPS_PG_STATE="$$state" && \
	  trap 'scripts/pg-test-server stop' EXIT && \
	  eval "$$(scripts/pg-test-server start)" && \
	  meson test -C $(BUILD) db --print-errorlogs && \
	  TLDOPS_TEST_BACKEND=postgresql tests/cli/run $(TLDOPS)

bench: build
	scripts/install-deps --test
	bench/run $(TLDOPS)
	bench/list $(TLDOPS)
	bench/crypto $(TLDOPS)
	bench/archive $(TLDOPS)

# Roster and delivery work on tldops and on a private GNU Mailman 3 (Debian's
# mailman3, loopback only) into one Postfix smtp-sink; see docs/benchmarks.md.
bench-peers: build
	bench/mailman/install
	bench/mailman/run $(TLDOPS)
	bench/schleuder/run

fuzz:
	scripts/install-deps --test
	scripts/fuzz

lint:
	@scripts/lint

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
