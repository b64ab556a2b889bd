#!/usr/bin/env bash
# Issue 2 §5: POST /api/v1/operations?wait=1000 with the echo agent over HTTP with durable records,
# first on embedded H2, then on PostgreSQL (127.0.0.1:5432/test, user postgres) unless NO_PG=1.
# wrk runs on loopback, sharing the cores with the server. Then `keel loadtest` holds RATE req/s of the same
# request for the latency goal. Each database is measured at CONNECTIONS, at EXTRA_CONNECTIONS, and at CONNECTIONS
# with "cache": false (echo is deterministic, so the plain request is a result-cache hit that still commits its
# own durable record; uncached, the governor admits and runs every one). Usage:
#   keel-bench/scripts/http-echo.sh   # DURATION=15 CONNECTIONS=64 EXTRA_CONNECTIONS=256 RATE=5000 WARMUP=60
#   NO_PG=1 EXTRA_CONNECTIONS= RATE=2000 keel-bench/scripts/http-echo.sh
# The warm-up is long on purpose: under this load C2 keeps compiling for about a minute on 2 cores, and a run
# measured before that measures the compiler. Besides wrk's figures it prints the server's CPU time per request
# (utime+stime of the process over the measured window), which other load on the machine disturbs far less.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
build_if_needed
trap stop_keel EXIT

# Rate limiting is off: the benchmark is one client far above the per-client default.
export KEEL_RATE_LIMIT=0

WARMUP="${WARMUP:-60}"
# wrk's connections for the warm-up and first measurement; EXTRA_CONNECTIONS are measured after it (a larger
# closed group lets the group commit gather larger batches). RATE: the fixed rate of the latency check.
EXTRA_CONNECTIONS="${EXTRA_CONNECTIONS-256}"
RATE="${RATE:-5000}"
PACED_CONNECTIONS="${PACED_CONNECTIONS:-200}"

# CPU time of a process so far, in clock ticks (utime + stime).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_one() {
  local label="$1"; shift
  start_keel "$label" "$@"
  # Warm up the JIT and the connection pool, then measure.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/keel-bench/scripts/echo.lua" "$KEEL_URL" >/dev/null
  local connections before after out requests
  # "<connections>" or "<connections>:uncached" (the same request with "cache": false, run by the governor).
  local run variant
  for run in $CONNECTIONS $EXTRA_CONNECTIONS "$CONNECTIONS:uncached"; do
    connections="${run%%:*}"
    variant="${run#"$connections"}"
    variant="${variant#:}"
    echo "== $label: wrk -t$THREADS -c$connections -d${DURATION}s POST /api/v1/operations?wait=1000 (echo${variant:+, $variant}), after ${WARMUP}s warm-up"
    machine_note
    before="$(cpu_ticks "$KEEL_PID")"
    out="$(wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --latency -s "$ROOT/keel-bench/scripts/echo.lua" "$KEEL_URL" \
      ${variant:+-- "$variant"})"
    after="$(cpu_ticks "$KEEL_PID")"
    echo "$out" | grep -E "^(requests|latency_ms|Requests/sec|Non-2xx)"
    requests="$(echo "$out" | sed -n 's/^requests=\([0-9]*\).*/\1/p')"
    echo "server_cpu_us_per_request=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))"
  done
  # The latency goal is at a fixed rate: wrk paced by echo-paced.lua, which also reports latencies corrected for
  # coordinated omission (from each request's intended send time), then keel loadtest's open model (corrected
  # too, but its generator costs far more CPU than wrk on these shared cores).
  echo "== $label: wrk -t$THREADS -c$PACED_CONNECTIONS -d${DURATION}s paced to $RATE req/s (echo-paced.lua)"
  machine_note
  wrk -t"$THREADS" -c"$PACED_CONNECTIONS" -d"${DURATION}s" -s "$ROOT/keel-bench/scripts/echo-paced.lua" "$KEEL_URL" \
    -- "$RATE" "$THREADS" | grep -E "^(requests|latency_ms)"
  echo "== $label: keel loadtest at $RATE req/s for ${DURATION}s (open model), same request"
  machine_note
  "$ROOT/bin/keel" loadtest --scenario "$ROOT/keel-bench/scripts/echo-wait.yaml" --target "$KEEL_URL" \
    --rate "$RATE" --ramp-up 5s --duration "${DURATION}s" --no-progress || true
  stop_keel
}

run_one h2
if [[ "${NO_PG:-0}" != "1" ]]; then
  schema="bench_$(date +%s)_$$"
  psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
  KEEL_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" KEEL_DB_USER=postgres \
    run_one postgresql
  psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null
fi
