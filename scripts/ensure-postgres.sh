#!/usr/bin/env bash
# The integration suite runs a second time on PostgreSQL: installs Debian's postgresql package when it
# is missing and can be installed (root or sudo). Exits 0 when PostgreSQL is there, 3 when it cannot be
# had (npm test then says so plainly in its summary).
set -uo pipefail
have() { ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; }
have && exit 0
echo "==> Installing postgresql from Debian's packages"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "Cannot install postgresql: not root and no sudo." >&2; exit 3; fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null 2>&1
  $SUDO apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1
}
have || { echo "postgresql could not be installed." >&2; exit 3; }
