#!/usr/bin/env bash
# Issue 2 §5: GET /health/live on Keel against a bare Helidon hello-world (HelloWorldServer), in the same
# run, wrk on loopback. Goal: Keel >= 70% of the bare server. Usage:
#   keel-bench/scripts/health-vs-hello.sh      # DURATION=15 CONNECTIONS=64 THREADS=2 WARMUP=30 by default
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
BENCH_CP_FILE="$ROOT/keel-bench/target/classpath.txt"
if [[ ! -f "$BENCH_CP_FILE" || "${BUILD:-0}" == "1" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl keel-bench -am package -DskipTests)
fi
HELLO_PID=""
cleanup() { stop_keel; if [[ -n "$HELLO_PID" ]]; then kill -TERM "$HELLO_PID" 2>/dev/null || true; wait "$HELLO_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

measure() {
  local url="$1"
  # Both servers warm up alike; WARMUP=60 for a JIT-settled comparison (a trivial route settles sooner).
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-30}s" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/keel-bench/scripts/report.lua" "$url" \
    | sed -n 's/^requests=.* rps=\([0-9]*\).*/\1/p'
}

machine_note
hello_out="$(mktemp)"
"$JAVA_HOME/bin/java" -cp "$ROOT/keel-bench/target/classes:$(cat "$BENCH_CP_FILE")" \
  io.keel.bench.server.HelloWorldServer 0 >"$hello_out" 2>/dev/null &
HELLO_PID=$!
for _ in $(seq 1 300); do grep -q "ready on port" "$hello_out" && break; sleep 0.1; done
hello_port="$(sed -n 's/.*ready on port \([0-9]*\).*/\1/p' "$hello_out")"
hello_rps="$(measure "http://127.0.0.1:$hello_port/hello")"
kill -TERM "$HELLO_PID"; wait "$HELLO_PID" 2>/dev/null || true; HELLO_PID=""

start_keel health
keel_rps="$(measure "$KEEL_URL/health/live")"
stop_keel

echo "bare Helidon hello-world: $hello_rps req/s"
echo "Keel GET /health/live:    $keel_rps req/s"
awk -v k="$keel_rps" -v h="$hello_rps" 'BEGIN { printf "ratio: %.2f (goal >= 0.70)\n", k / h }'
