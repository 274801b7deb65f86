#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than package-lock.json. Safe to re-run.
#   bash scripts/ensure-deps.sh                 everything, better-sqlite3's compile included
#   bash scripts/ensure-deps.sh --defer-sqlite  everything but that compile, which is left pending for
#                                               `bash scripts/ensure-deps.sh --sqlite-only` (npm test
#                                               runs it beside lint and the typecheck, which do not need it)
# better-sqlite3 compiles from source (its prebuilt download is not reachable here): two minutes of one
# core, SQLite being one file of C. A compile left pending (or cut short) is marked by
# node_modules/.sqlite-build-pending, and done by the next run of either form.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.install-stamp
pending=node_modules/.sqlite-build-pending
mode="${1:-}"

build_sqlite() {
  echo "==> Compiling better-sqlite3 (about two minutes)"
  JOBS="${JOBS:-max}" npm rebuild better-sqlite3 --no-audit --no-fund
  rm -f "$pending"
}

if [ "$mode" = "--sqlite-only" ]; then
  if [ -f "$pending" ]; then build_sqlite; fi
  exit 0
fi

if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  if [ "$mode" = "--defer-sqlite" ]; then
    echo "==> Installing npm packages (better-sqlite3 is compiled next, beside the first checks)"
    npm ci --no-audit --no-fund --ignore-scripts
    touch "$pending"
    # The install scripts npm ci was told to skip, but better-sqlite3's (package.json's allowScripts).
    npm rebuild esbuild prisma --no-audit --no-fund
    node scripts/prisma-generate.mjs
  else
    echo "==> Installing npm packages (first run takes about three minutes: better-sqlite3 compiles)"
    JOBS="${JOBS:-max}" npm ci --no-audit --no-fund
    rm -f "$pending"
  fi
  touch "$stamp"
elif [ -f "$pending" ] && [ "$mode" != "--defer-sqlite" ]; then
  build_sqlite
fi
if [ ! -f app/generated/prisma/client.ts ] || [ ! -f app/generated/prisma-pg/client.ts ] || [ prisma/schema.prisma -nt app/generated/prisma-pg/client.ts ]; then
  node scripts/prisma-generate.mjs
fi
