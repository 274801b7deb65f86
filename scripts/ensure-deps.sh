#!/usr/bin/env bash
# Installs the npm packages when they are missing or older than package-lock.json. Safe to re-run.
#   bash scripts/ensure-deps.sh                 everything, better-sqlite3's compile included
#   bash scripts/ensure-deps.sh --defer-sqlite  everything but that compile, which is left pending for
#                                               `bash scripts/ensure-deps.sh --sqlite-only` (npm test
#                                               runs it beside lint and the typecheck, which do not need it)
# better-sqlite3 compiles from source (its prebuilt download is not reachable here): two minutes of one
# core, SQLite being one file of C, once per machine (kept, below). A compile left pending (or cut
# short) is marked by node_modules/.sqlite-build-pending, and done by the next run of either form.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.install-stamp
pending=node_modules/.sqlite-build-pending
mode="${1:-}"

# A compiled better-sqlite3 is kept outside the checkout, named by everything the binary depends on
# (the package's version, Node's ABI, the platform and the processor), as a prebuilt download would be:
# a second clone on this machine copies it instead of compiling again, and checks that it loads.
addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
cache_dir="${TRACKER_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nhs-leadership-tracker}"
cached_addon() {
  node -e 'const v = require("./node_modules/better-sqlite3/package.json").version;
    process.stdout.write(`better-sqlite3-${v}-node-abi${process.versions.modules}-${process.platform}-${process.arch}.node`)'
}
addon_loads() {
  node -e 'new (require("better-sqlite3"))(":memory:").prepare("select sqlite_version()").get()' 2>/dev/null
}

build_sqlite() {
  local cached
  cached="$cache_dir/$(cached_addon)"
  if [ -f "$cached" ]; then
    mkdir -p "$(dirname "$addon")"
    cp "$cached" "$addon"
    if addon_loads; then
      echo "==> better-sqlite3: the copy compiled earlier on this machine ($cached)"
      rm -f "$pending"
      return
    fi
    echo "==> better-sqlite3: the kept copy does not load; compiling again"
    rm -f "$cached"
  fi
  echo "==> Compiling better-sqlite3 (about two minutes)"
  JOBS="${JOBS:-max}" npm rebuild better-sqlite3 --no-audit --no-fund
  if addon_loads && mkdir -p "$cache_dir" 2>/dev/null; then
    cp "$addon" "$cached.tmp$$" && mv "$cached.tmp$$" "$cached" || rm -f "$cached.tmp$$"
  fi
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
    echo "==> Installing npm packages (the first run on a machine takes about three minutes: better-sqlite3 compiles)"
    npm ci --no-audit --no-fund --ignore-scripts
    npm rebuild esbuild prisma --no-audit --no-fund
    node scripts/prisma-generate.mjs
    build_sqlite
  fi
  touch "$stamp"
elif [ -f "$pending" ] && [ "$mode" != "--defer-sqlite" ]; then
  build_sqlite
fi
if [ ! -f app/generated/prisma/client.ts ] || [ ! -f app/generated/prisma-pg/client.ts ] || [ prisma/schema.prisma -nt app/generated/prisma-pg/client.ts ]; then
  node scripts/prisma-generate.mjs
fi
