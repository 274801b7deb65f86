#!/usr/bin/env bash
# npm test — installs what is needed and runs every suite: lint, typecheck, unit, integration (SQLite,
# then PostgreSQL), browser.
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
bash scripts/ensure-deps.sh
bash scripts/ensure-browser.sh
# PostgreSQL: a throwaway cluster on loopback (its own port and folder), stopped at the end.
pg_status="not run"
if bash scripts/ensure-postgres.sh; then
  export PG_BASE="${PG_BASE:-$(mktemp -d /tmp/tracker-pg-test.XXXXXX)}"
  export PG_PORT="${PG_PORT:-5545}"
  bash scripts/pg-cluster.sh start
  trap 'bash scripts/pg-cluster.sh destroy || true' EXIT
  PG_URL=$(bash scripts/pg-cluster.sh url postgres)
else
  PG_URL=""
  pg_status="NOT RUN: PostgreSQL could not be installed on this machine"
fi

phase "Lint (ESLint) and format check (Prettier)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }

phase "Typecheck"
npx react-router typegen >/dev/null
npx tsc

phase "Unit tests"
npx vitest run --project unit

phase "Migrations match the schema"
CHECK_PG_URL="$PG_URL" node scripts/check-migrations.mjs

phase "Build (the integration tests of the production server use it)"
# Quiet unless it fails (Vite prints cosmetic warnings).
if ! build_log=$(npx react-router build 2>&1); then echo "$build_log"; exit 1; fi

phase "Integration tests (SQLite)"
COPY_DB_TEST_PG_URL="$PG_URL" npx vitest run --project integration

if [ -n "$PG_URL" ]; then
  phase "Integration tests (PostgreSQL)"
  TEST_POSTGRES_URL="$PG_URL" npx vitest run --project integration
  pg_status="passed, except the files vitest.config.ts leaves out of the PostgreSQL pass (SQLite-only behaviour, and tests that run both databases themselves: see the reasons there)"
fi

phase "Browser tests (Chromium)"
npx playwright test

phase ""
printf "==> Time by phase\n%s" "$phases"
echo "==> Integration tests on PostgreSQL: ${pg_status}"
echo "==> All suites passed in $(( $(date +%s) - start )) s"
