#!/usr/bin/env bash
# Started by Playwright: a fresh demo database of its own and the built app on the e2e port.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="file:./data/e2e.db"
export NODE_ENV=production
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
node scripts/db-migrate.mjs >/dev/null
npx tsx prisma/seed.ts >/dev/null
exec npx react-router-serve ./build/server/index.js
