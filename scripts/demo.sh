#!/usr/bin/env bash
# npm run demo — installs what is needed, creates and migrates the SQLite database, loads the
# fictional demo data, builds and serves the app, and prints the URL and demo sign-ins.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export DATABASE_URL="${DATABASE_URL:-file:./data/tracker.db}"
export PORT="${PORT:-3000}"
echo "==> Migrating ${DATABASE_URL}"
node scripts/db-migrate.mjs
echo "==> Loading demo data"
npx tsx prisma/seed.ts
echo "==> Computing the analyses"
node scripts/cli.mjs precompute
echo "==> Building"
# Quiet unless it fails (Vite prints cosmetic warnings).
if ! build_log=$(npx react-router build 2>&1); then echo "$build_log"; exit 1; fi
cat <<INFO

  Leadership engagement tracker (demo data: fictional organisations only)
  Open http://localhost:${PORT}

  Demo sign-ins (password for all: demo-password-2026)
    Administrator       admin@demo.invalid
    Analyst             analyst@demo.invalid
    HR                  hr.northgate@demo.invalid
    Medical director    md.northgate@demo.invalid
    Board member        board.northgate@demo.invalid

  Press Ctrl+C to stop.
INFO
exec node scripts/serve.mjs ./build/server/index.js
