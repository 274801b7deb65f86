#!/usr/bin/env bash
# npm test — installs what is needed and runs every suite: typecheck, unit, integration, browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=test
start=$(date +%s)
bash scripts/ensure-deps.sh
bash scripts/ensure-browser.sh

echo "==> Lint (ESLint) and format check (Prettier)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }

echo "==> Typecheck"
npx react-router typegen >/dev/null
npx tsc

echo "==> Unit tests"
npx vitest run --project unit

echo "==> Integration tests"
npx vitest run --project integration

echo "==> Build"
# Quiet unless it fails (Vite prints cosmetic warnings).
if ! build_log=$(npx react-router build 2>&1); then echo "$build_log"; exit 1; fi

echo "==> Browser tests (Chromium)"
npx playwright test

echo "==> All suites passed in $(( $(date +%s) - start )) s"
