#!/usr/bin/env bash
# Started by Playwright (and the HTTP benchmark): a fresh demo database of its own and the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${E2E_DB_FILE:-data/e2e.db}"
export DATABASE_URL="file:./${db}"
export NODE_ENV=production
# The browser tests play several clients by sending X-Forwarded-For (one proxy hop trusted).
export TRUST_PROXY="${TRUST_PROXY:-1}"
# Single sign-on against the provider tests/e2e/oidc.spec.ts starts on loopback (PORT + 1000),
# unless the caller configures its own provider.
if [ -z "${OIDC_PROVIDERS:-}${OIDC_ISSUER:-}" ]; then
  export OIDC_PROVIDERS=nhsmail
  export OIDC_NHSMAIL_NAME="NHSmail (test)"
  export OIDC_NHSMAIL_ISSUER="http://127.0.0.1:$(( ${PORT:-3000} + 1000 ))"
  export OIDC_NHSMAIL_CLIENT_ID=tracker
  export OIDC_NHSMAIL_CLIENT_SECRET=a-test-client-secret-that-is-long-enough
fi
rm -f "$db" "$db-wal" "$db-shm"
node scripts/db-migrate.mjs >/dev/null
npx tsx prisma/seed.ts >/dev/null
# The analyses (and the publication ledger's first recording) before serving, as the demo does, so the
# first sign-ins do not wait on that first long write.
node scripts/cli.mjs precompute >/dev/null
exec node scripts/serve.mjs ./build/server/index.js
