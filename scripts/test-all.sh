#!/usr/bin/env bash
# npm test — installs what is needed and runs every suite: lint, typecheck, unit, integration (SQLite,
# then PostgreSQL), browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=test
start=$(date +%s)
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

echo "==> Lint (ESLint) and format check (Prettier)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }

echo "==> Typecheck"
npx react-router typegen >/dev/null
npx tsc

echo "==> Unit tests"
npx vitest run --project unit

echo "==> Migrations match the schema"
CHECK_PG_URL="$PG_URL" node scripts/check-migrations.mjs

echo "==> Build (the integration tests of the production server use it)"
# Quiet unless it fails (Vite prints cosmetic warnings).
if ! build_log=$(npx react-router build 2>&1); then echo "$build_log"; exit 1; fi

echo "==> Integration tests (SQLite)"
COPY_DB_TEST_PG_URL="$PG_URL" npx vitest run --project integration

if [ -n "$PG_URL" ]; then
  echo "==> Integration tests (PostgreSQL)"
  TEST_POSTGRES_URL="$PG_URL" npx vitest run --project integration
  pg_status="passed, except the files vitest.config.ts leaves out of the PostgreSQL pass (SQLite-only behaviour, and tests that run both databases themselves: see the reasons there)"
fi

echo "==> Browser tests (Chromium)"
npx playwright test

echo "==> Integration tests on PostgreSQL: ${pg_status}"
echo "==> All suites passed in $(( $(date +%s) - start )) s"
