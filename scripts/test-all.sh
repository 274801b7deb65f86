#!/usr/bin/env bash
# npm test — installs what is needed and runs every suite: lint, typecheck, unit, integration (SQLite
# and PostgreSQL, in one run), browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=test
start=$(date +%s)
# Each phase's time, printed in the summary (the whole run is kept under 15 minutes on 2 cores).
phases=""
phase_start=$start
phase() {
  local now
  now=$(date +%s)
  if [ -n "${phase_name:-}" ]; then
    phases="${phases}    ${phase_name}: $(( now - phase_start )) s
"
  fi
  phase_name="$1"
  phase_start=$now
  if [ -n "$1" ]; then echo "==> $1"; fi
}
phase_name="Set-up (npm packages, Chromium, PostgreSQL)"
# Suites that do not depend on each other run two at a time (this machine has two cores), each into a
# log of its own that is printed, under its heading, when it ends (binaries run directly, so that
# stopping a job on the way out stops it).
jobs_started=""
started() { # NAME PID
  jobs_started="$jobs_started $2"
  echo "    (started: $1)"
}
finish() { # NAME PID LOG: waits for it, prints its output, stops the run if it failed
  local rc=0
  wait "$2" || rc=$?
  echo "==> $1"
  cat "$3"
  if [ "$rc" -ne 0 ]; then
    echo "==> FAILED: $1 (exit $rc)"
    exit "$rc"
  fi
}
cleanup() {
  for pid in $jobs_started; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${pg_started:-}" ]; then bash scripts/pg-cluster.sh destroy || true; fi
  rm -rf "$logs"
}
PG_URL=""
logs=$(mktemp -d /tmp/tracker-test-logs.XXXXXX)
trap cleanup EXIT

# Debian's packages (Chromium, poppler-utils, PostgreSQL: one apt at a time) while npm installs.
(
  bash scripts/ensure-browser.sh
  pg_rc=0
  bash scripts/ensure-postgres.sh || pg_rc=$?
  echo "$pg_rc" >"$logs/postgres-installed"
) >"$logs/debian" 2>&1 &
debian_pid=$!
started "Debian's packages" $debian_pid
bash scripts/ensure-deps.sh --defer-sqlite
finish "Debian's packages" $debian_pid "$logs/debian"
# better-sqlite3's compile (two minutes of one core, on a new clone) beside lint, the typecheck and the
# unit tests, which do not use it; waited for before the first step that does.
bash scripts/ensure-deps.sh --sqlite-only >"$logs/sqlite" 2>&1 &
sqlite_pid=$!
started "better-sqlite3's compile" $sqlite_pid

# PostgreSQL: a throwaway cluster on loopback (its own port and folder), stopped at the end.
pg_status="not run"
if [ "$(cat "$logs/postgres-installed")" = 0 ]; then
  export PG_BASE="${PG_BASE:-$(mktemp -d /tmp/tracker-pg-test.XXXXXX)}"
  export PG_PORT="${PG_PORT:-5545}"
  pg_started=1
  bash scripts/pg-cluster.sh start
  PG_URL=$(bash scripts/pg-cluster.sh url postgres)
else
  pg_status="NOT RUN: PostgreSQL could not be installed on this machine"
fi

phase "Lint (ESLint), format check (Prettier) and typecheck, beside the unit tests and the build"
# Lint, the typecheck and the build run at a lower priority than better-sqlite3's compile (one core's
# work, which the integration tests wait for): they fill the other core and the compile's pauses instead
# of slowing it. The unit tests keep the normal priority (their timeouts guard against a hang).
(nice -n 10 npx eslint . && { nice -n 10 npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }; }) >"$logs/lint" 2>&1 &
lint_pid=$!
started "lint and format check" $lint_pid
(npx react-router typegen >/dev/null && nice -n 10 npx tsc) >"$logs/tsc" 2>&1 &
tsc_pid=$!
started "typecheck" $tsc_pid
echo "==> Unit tests"
npx vitest run --project unit
echo "==> Build (the integration tests of the production server and the command line use it)"
# Quiet unless it fails (Vite prints cosmetic warnings).
if ! build_log=$(nice -n 10 npx react-router build 2>&1); then echo "$build_log"; exit 1; fi
node scripts/cli.mjs --build-only
finish "Lint (ESLint) and format check (Prettier)" $lint_pid "$logs/lint"
finish "Typecheck" $tsc_pid "$logs/tsc"
finish "better-sqlite3's compile" $sqlite_pid "$logs/sqlite"
echo "==> Migrations match the schema"
CHECK_PG_URL="$PG_URL" node scripts/check-migrations.mjs

# The SQLite and PostgreSQL passes in one run (vitest.config.ts): each test file has its own database (a
# file, or a database on the throwaway cluster), its own folders and free ports, and a file of either pass
# starts as soon as one of the two workers is free.
phase "Integration tests$([ -n "$PG_URL" ] && echo ", the SQLite and PostgreSQL passes together" || echo " (SQLite)")"
if [ -n "$PG_URL" ]; then
  TEST_POSTGRES_URL="$PG_URL" node_modules/.bin/vitest run --project integration --project integration-postgresql
  pg_status="passed, except the files vitest.config.ts leaves out of the PostgreSQL pass (SQLite-only behaviour, files refused before the database is reached, and tests that run both databases themselves or repeat what those check: see the reasons there)"
else
  node_modules/.bin/vitest run --project integration
fi

phase "Browser tests (Chromium)"
npx playwright test

phase ""
printf "==> Time by phase\n%s" "$phases"
echo "==> Integration tests on PostgreSQL: ${pg_status}"
echo "==> All suites passed in $(( $(date +%s) - start )) s"
