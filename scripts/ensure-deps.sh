#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than package-lock.json. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.install-stamp
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "==> Installing npm packages (first run takes about two minutes: better-sqlite3 compiles)"
  # better-sqlite3 compiles from source (its prebuilt download is not reachable here): both cores.
  JOBS="${JOBS:-max}" npm ci --no-audit --no-fund
  touch "$stamp"
fi
if [ ! -f app/generated/prisma/client.ts ] || [ ! -f app/generated/prisma-pg/client.ts ] || [ prisma/schema.prisma -nt app/generated/prisma-pg/client.ts ]; then
  node scripts/prisma-generate.mjs
fi
