#!/usr/bin/env bash
# Issue 7: `keel loadtest` must reach >= 50% of wrk's request rate against a trivial local server, same run.
# Both tools run closed-loop with the same number of connections/users and no think time, against the bare
# Helidon HelloWorldServer (keel-bench): the server is warmed WARMUP s with wrk (JIT), then wrk, keel loadtest and
# wrk again are measured; the ratio is keel over the mean of the two wrk runs (noise on a shared machine). keel's
# 3 s ramp-up (its own JIT warm-up) is excluded from its rate. Usage:
#   flock /work/bench.lock keel-bench/scripts/loadtest-vs-wrk.sh   # DURATION=15 CONNECTIONS=64 THREADS=2 WARMUP=60
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
BENCH_CP_FILE="$ROOT/keel-bench/target/classpath.txt"
if [[ ! -f "$BENCH_CP_FILE" || ! -f "$ROOT/keel-server/target/keel-server.jar" || "${BUILD:-0}" == "1" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl keel-bench -am package -DskipTests)
fi
HELLO_PID=""
cleanup() { if [[ -n "$HELLO_PID" ]]; then kill -TERM "$HELLO_PID" 2>/dev/null || true; wait "$HELLO_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

machine_note
hello_out="$(mktemp)"
"$JAVA_HOME/bin/java" -cp "$ROOT/keel-bench/target/classes:$(cat "$BENCH_CP_FILE")" \
  io.keel.bench.server.HelloWorldServer 0 >"$hello_out" 2>/dev/null &
HELLO_PID=$!
for _ in $(seq 1 300); do grep -q "ready on port" "$hello_out" && break; sleep 0.1; done
port="$(sed -n 's/.*ready on port \([0-9]*\).*/\1/p' "$hello_out")"
url="http://127.0.0.1:$port"

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-60}s" "$url/hello" >/dev/null   # warm the server's JIT
run_wrk() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/keel-bench/scripts/report.lua" "$url/hello" \
    | sed -n 's/^requests=.* rps=\([0-9]*\).*/\1/p'
}
wrk_rps="$(run_wrk)"

keel_out="$("$ROOT/bin/keel" loadtest --scenario "$ROOT/keel-bench/scripts/hello.yaml" --target "$url" \
  --users "$CONNECTIONS" --ramp-up 3s --duration "${DURATION}s" --no-progress --sla-p95-ms 1000 || true)"
echo "$keel_out" | sed -n '/^requests/,/^load generator/p'
keel_rps="$(echo "$keel_out" | sed -n 's/.*achieved \([0-9.]*\) req\/s.*/\1/p' | head -1)"
wrk2_rps="$(run_wrk)"

echo "wrk ($THREADS threads, $CONNECTIONS connections): $wrk_rps then $wrk2_rps req/s"
echo "keel loadtest ($CONNECTIONS users, no think time): $keel_rps req/s"
awk -v k="$keel_rps" -v w="$wrk_rps" -v w2="$wrk2_rps" \
  'BEGIN { printf "ratio: %.2f (keel / mean wrk; goal >= 0.50)\n", k / ((w + w2) / 2) }'
machine_note
