#!/usr/bin/env bash
# Started by Playwright (and the HTTP benchmark): a fresh demo database of its own and the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${E2E_DB_FILE:-data/e2e.db}"
export DATABASE_URL="file:./${db}"
export NODE_ENV=production
# The browser tests play several clients by sending X-Forwarded-For (one proxy hop trusted).
export TRUST_PROXY="${TRUST_PROXY:-1}"
rm -f "$db" "$db-wal" "$db-shm"
node scripts/db-migrate.mjs >/dev/null
npx tsx prisma/seed.ts >/dev/null
exec node scripts/serve.mjs ./build/server/index.js
