#!/usr/bin/env bash
# npm test: the whole suite on a fresh machine. System packages first (scripts/test-deps.ts
# installs them as root, or says what to run), then build, type-check and every test file in
# the loopback-only namespace (scripts/test.sh). Ends with the wall time, pass or fail, so a
# slow suite is noticed.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
wall_time() {
  local seconds=$((SECONDS - started))
  echo "test suite: $((seconds / 60)) min $((seconds % 60)) s"
}

# Stops with its own message (the apt-get line to run) when it cannot install what is missing.
node --import tsx scripts/test-deps.ts
trap wall_time EXIT
npm run build --silent
npm run typecheck --silent
bash scripts/test.sh "$@"
