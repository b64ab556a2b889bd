#!/usr/bin/env bash
# Helpers for the HTTP load scripts: start `keel serve` on a free loopback port, wait for its ready line,
# stop it with SIGTERM. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

# Bounded runs only: the machine is shared.
DURATION="${DURATION:-15}"
if (( DURATION > 120 )); then echo "DURATION is capped at 120 s" >&2; DURATION=120; fi
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"

build_if_needed() {
  if [[ ! -f "$ROOT/keel-server/target/keel-server.jar" || "${BUILD:-0}" == "1" ]]; then
    (cd "$ROOT" && ./mvnw -B -q -o -pl keel-bench -am package -DskipTests)
  fi
}

# start_keel <log-prefix> [extra serve flags...]; sets KEEL_PID and KEEL_URL.
start_keel() {
  local prefix="$1"; shift
  local data_dir
  data_dir="$(mktemp -d "${TMPDIR:-/tmp}/keel-bench-XXXXXX")"
  KEEL_DATA="$data_dir"
  "$ROOT/bin/keel" serve --host 127.0.0.1 --port 0 --data-dir "$data_dir" "$@" \
    >"$data_dir/$prefix.out" 2>"$data_dir/$prefix.err" &
  KEEL_PID=$!
  for _ in $(seq 1 600); do
    if grep -q "Keel is ready" "$data_dir/$prefix.out" 2>/dev/null; then
      KEEL_URL="$(sed -n 's/^Keel is ready: dashboard at \(http[^ ]*\)$/\1/p' "$data_dir/$prefix.out" | head -1)"
      KEEL_URL="${KEEL_URL%/}"
      return 0
    fi
    if ! kill -0 "$KEEL_PID" 2>/dev/null; then
      echo "keel serve exited:" >&2; cat "$data_dir/$prefix.err" >&2; return 1
    fi
    sleep 0.1
  done
  echo "keel serve did not become ready" >&2
  return 1
}

stop_keel() {
  if [[ -n "${KEEL_PID:-}" ]] && kill -0 "$KEEL_PID" 2>/dev/null; then
    kill -TERM "$KEEL_PID"
    wait "$KEEL_PID" || true
  fi
  KEEL_PID=""
  # A loaded run leaves gigabytes (H2 keeps ~45 s of superseded chunks, plus the access log); KEEP_DATA=1 keeps it.
  if [[ -n "${KEEL_DATA:-}" && "${KEEP_DATA:-0}" != "1" ]]; then
    rm -rf "$KEEL_DATA"
  fi
  KEEL_DATA=""
}

machine_note() {
  # The CPU model too: each session runs on its own VM, and they are not equally fast.
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)" \
    " cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -1) MHz"
}
