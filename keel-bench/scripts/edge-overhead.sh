#!/usr/bin/env bash
# Issue 7 performance goal: GET /api/v1/agents through the whole edge chain (trace + access log, API key,
# per-key rate limit, response cache lookup, ETag) keeps >= 70% of the throughput of the same route with no edge
# middleware (-Dkeel.edge.off=true), same run, wrk on loopback; the Redis-backed limit is reported separately.
# Each variant: its own `keel serve`, WARMUP s of wrk (C2 compiles for ~60 s under load; measuring earlier
# measures the JIT), then DURATION s measured: req/s and the server's CPU µs per request (utime+stime of the
# process over the measured window / requests; far less sensitive to other load on the machine than req/s).
# Usage: flock /work/bench.lock keel-bench/scripts/edge-overhead.sh
#   env: WARMUP=60 DURATION=15 CONNECTIONS=64 THREADS=2 VARIANTS="bare edge redis" REDIS_URL=redis://127.0.0.1:6379
#        EDGE_JAVA_OPTS (extra JVM options for every variant, e.g. a JFR recording)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
build_if_needed
trap stop_keel EXIT
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
WARMUP="${WARMUP:-60}"
VARIANTS="${VARIANTS:-bare edge redis}"
KEY="bench-secret-$RANDOM-$RANDOM-0123456789"
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))

cpu_ticks() { awk '{print $14 + $15}' "/proc/$KEEL_PID/stat"; }

# measure <name> <url> [wrk args]: prints "<name> rps cpu_us_per_request p50 p99"
measure() {
  local name="$1" url="$2"; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$@" "$url" >/dev/null
  local c0 c1 out requests rps
  c0="$(cpu_ticks)"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/keel-bench/scripts/report.lua" "$@" "$url")"
  c1="$(cpu_ticks)"
  requests="$(sed -n 's/^requests=\([0-9]*\).*/\1/p' <<<"$out")"
  rps="$(sed -n 's/^requests=.* rps=\([0-9]*\).*/\1/p' <<<"$out")"
  awk -v n="$name" -v r="$rps" -v q="$requests" -v t=$(( c1 - c0 )) -v u="$TICK_US" \
    -v l="$(sed -n 's/^latency_ms //p' <<<"$out")" \
    'BEGIN { printf "%s %d %.1f %s\n", n, r, (q > 0 ? t * u / q : 0), l }'
}

run_variant() {
  case "$1" in
    bare)
      KEEL_JAVA_OPTS="${EDGE_JAVA_OPTS:-} -Dkeel.edge.off=true" KEEL_RATE_LIMIT=0 start_keel bare
      measure bare "$KEEL_URL/api/v1/agents" ;;
    edge)
      # Limits far above what wrk reaches: the bucket is consulted on every request but never refuses.
      KEEL_JAVA_OPTS="${EDGE_JAVA_OPTS:-}" KEEL_API_KEYS="bench:$KEY:read" KEEL_RATE_LIMIT=10000000 \
        KEEL_RATE_BURST=10000000 start_keel edge
      measure edge "$KEEL_URL/api/v1/agents" -H "Authorization: Bearer $KEY" ;;
    redis)
      KEEL_JAVA_OPTS="${EDGE_JAVA_OPTS:-}" KEEL_REDIS_URL="$REDIS_URL" KEEL_API_KEYS="bench:$KEY:read" \
        KEEL_RATE_LIMIT=10000000 KEEL_RATE_BURST=10000000 start_keel redis
      measure redis "$KEEL_URL/api/v1/agents" -H "Authorization: Bearer $KEY" ;;
    *) echo "unknown variant $1" >&2; return 1 ;;
  esac
  # the access log goes to stderr: keep a sample to check it is still written
  [[ -f "$KEEL_DATA/$1.err" ]] && tail -1 "$KEEL_DATA/$1.err" >&2 || true
  stop_keel
  rm -rf "$KEEL_DATA" # a minute of access log at 10k req/s is ~250 MB
}

machine_note
echo "warm-up ${WARMUP}s, measured ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS, GET /api/v1/agents"
results_file="$(mktemp)"
for v in $VARIANTS; do
  run_variant "$v" >>"$results_file"
done
results="$(cat "$results_file")"; rm -f "$results_file"
machine_note
printf '%-8s %8s %12s  %s\n' variant req/s cpu_us/req latency_ms
while read -r n r c l; do [[ -n "$n" ]] && printf '%-8s %8s %12s  %s\n' "$n" "$r" "$c" "$l"; done <<<"$results"
awk '{ r[$1] = $2; c[$1] = $3 } END {
  if (r["bare"] > 0 && r["edge"] > 0)
    printf "ratio local: %.2f (goal >= 0.70)   cpu/request edge/bare: %.2f\n", r["edge"] / r["bare"], c["edge"] / c["bare"]
  if (r["bare"] > 0 && r["redis"] > 0)
    printf "ratio redis: %.2f                  cpu/request redis/bare: %.2f\n", r["redis"] / r["bare"], c["redis"] / c["bare"]
}' <<<"$results"
