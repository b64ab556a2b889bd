#!/usr/bin/env bash
# Takes a PNG of a running Keel server's dashboard with headless Chromium, for a visual check.
# Usage: keel-bench/scripts/dashboard-screenshot.sh [URL] [OUT.png] [WIDTHxHEIGHT]
#   defaults: http://127.0.0.1:8080/  dashboard.png  1440x1100
# The page polls every second; --virtual-time-budget lets several polls run before the shot.
set -euo pipefail
url="${1:-http://127.0.0.1:8080/}"
out="${2:-dashboard.png}"
size="${3:-1440x1100}"
browser="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$browser" ]]; then
  echo "dashboard-screenshot: $browser not found (set CHROMIUM=/path/to/chromium)" >&2
  exit 1
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
  --no-first-run --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --virtual-time-budget="${VIRTUAL_TIME_MS:-6000}" \
  --screenshot="$(realpath -m "$out")" "$url" 2>/dev/null
echo "dashboard-screenshot: wrote $out"
