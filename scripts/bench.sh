#!/usr/bin/env bash
# npm run bench: runs bench/run.ts. As root it runs inside a fresh network namespace with only
# loopback, so the browser scenario may start Chromium (its WebRTC probes every interface; see
# ../shared/E2E.md); the relay, memory and start-up scenarios use 127.0.0.1 either way.
# Without root the browser scenario is skipped and said so; the rest still runs.
set -euo pipefail

if [[ "${WEBRTC_CALL_NETNS:-}" != "1" && "$(id -u)" == "0" ]] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  # --pid --kill-child: every server, worker and browser the bench starts dies with it.
  exec unshare --net --pid --fork --mount-proc --kill-child env WEBRTC_CALL_NETNS=1 bash "$0" "$@"
fi

if [[ "${WEBRTC_CALL_NETNS:-}" == "1" ]]; then ip link set lo up; fi
exec node --import tsx bench/run.ts "$@"
