#!/usr/bin/env bash
# Issue 7 / G9: `keel loadtest` against `keel serve` running the G9 mix (list agents x3, get operation x2,
# create operation x1) at RATE req/s (default 5000), load generator on the same machine; SLA G1 (p95 < 200 ms,
# errors < 0.1 %). Then `--find-max` from FIND_FROM req/s reports the highest rate that holds the SLA.
# The server is first warmed WARMUP s (default 60: C2 compiles for ~60 s under HTTP load) with the same mix,
# closed model. Each phase prints the server's CPU per request (its /metrics, "capacity" line) and the generator's
# ("load generator" line). Usage:
#   flock /work/bench.lock keel-bench/scripts/loadtest-g9.sh
#   # RATE=5000 DURATION=15 RAMP=5 WARMUP=60 FIND_FROM=1000 FIND_STEP=8 FIND_STEPS=8; GEN_JAVA_OPTS: JVM flags
#   # of the load generator only (KEEL_JAVA_OPTS goes to the server)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
RATE="${RATE:-5000}"
RAMP="${RAMP:-5}"
WARMUP="${WARMUP:-60}"
FIND_FROM="${FIND_FROM:-1000}"
FIND_STEP="${FIND_STEP:-8}"
FIND_STEPS="${FIND_STEPS:-8}"
OUT="${OUT:-$ROOT/keel-bench/target/loadtest}"
SCENARIO="$ROOT/keel-bench/scripts/g9-mix.yaml"
mkdir -p "$OUT"
build_if_needed
trap stop_keel EXIT

machine_note
start_keel g9
echo "keel serve at $KEEL_URL"
set +e
echo "== warm-up ${WARMUP}s, closed model, 8 users"
KEEL_JAVA_OPTS="${GEN_JAVA_OPTS:-}" "$ROOT/bin/keel" loadtest --scenario "$SCENARIO" --target "$KEEL_URL" --users 8 --ramp-up 1s \
  --duration "${WARMUP}s" --no-progress --sla-p95-ms 100000 | grep -E '^(requests|capacity|load generator)'
machine_note
echo "== open model at $RATE req/s"
KEEL_JAVA_OPTS="${GEN_JAVA_OPTS:-}" "$ROOT/bin/keel" loadtest --scenario "$SCENARIO" --target "$KEEL_URL" \
  --rate "$RATE" --ramp-up "${RAMP}s" --duration "${DURATION}s" --capacity-target-rps "$RATE" \
  --html "$OUT/g9.html" --json "$OUT/g9.json" --no-progress
echo "exit code at $RATE req/s: $? (0 = SLA held)"
sleep 10   # let the overload's backlog drain before find-max
machine_note
echo "== find-max from $FIND_FROM req/s"
KEEL_JAVA_OPTS="${GEN_JAVA_OPTS:-}" "$ROOT/bin/keel" loadtest --scenario "$SCENARIO" --target "$KEEL_URL" \
  --rate "$FIND_FROM" --ramp-up 2s --duration "${FIND_STEP}s" --find-max --find-max-steps "$FIND_STEPS" \
  --html "$OUT/g9-find-max.html" --json "$OUT/g9-find-max.json" --no-progress
echo "find-max exit code: $?"
set -e
machine_note
echo "reports: $OUT"
