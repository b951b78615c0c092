#!/usr/bin/env bash
# Runs the whole test suite inside a fresh network namespace that has only loopback.
# Why: Chromium's WebRTC gathers candidates on every interface and sends checks to them; the
# browser tests must never touch this machine's real network (see ../shared/E2E.md).
set -euo pipefail

if [[ "${WEBRTC_CALL_NETNS:-}" != "1" ]]; then
  if [[ "$(id -u)" != "0" ]] || ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
    echo "npm test runs the browser tests in a loopback-only network namespace, which needs root," >&2
    echo "unshare (util-linux) and ip (iproute2). Run it as root (CI does), e.g. 'sudo npm test'." >&2
    echo "Without root, 'npm run test:quick' runs the unit and integration tests (no browsers)." >&2
    exit 1
  fi
  # --pid --kill-child: every browser and server started inside dies with the suite.
  exec unshare --net --pid --fork --mount-proc --kill-child env WEBRTC_CALL_NETNS=1 bash "$0" "$@"
fi

ip link set lo up
exec npx vitest run "$@"
