#!/usr/bin/env bash
# Issue 7 performance goal: GET /api/v1/agents through the whole edge chain (trace + access log, API key,
# per-key rate limit, ETag) keeps >= 70% of the throughput of the same route with no edge middleware
# (-Dkeel.edge.off=true), same run, wrk on loopback; the Redis-backed limit is reported separately.
# Usage: keel-bench/scripts/edge-overhead.sh   # DURATION=15 CONNECTIONS=64 THREADS=2; REDIS_URL to override
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib-server.sh"
build_if_needed
trap stop_keel EXIT
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
KEY="bench-secret-$RANDOM-$RANDOM-0123456789"

measure() {
  local url="$1"; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/keel-bench/scripts/report.lua" "$@" "$url" \
    | sed -n 's/^requests=.* rps=\([0-9]*\).*/\1/p'
}

machine_note
KEEL_JAVA_OPTS="-Dkeel.edge.off=true" KEEL_RATE_LIMIT=0 start_keel bare
bare_rps="$(measure "$KEEL_URL/api/v1/agents")"
stop_keel

# Limits far above what wrk reaches: the bucket is consulted on every request but never refuses.
KEEL_API_KEYS="bench:$KEY:read" KEEL_RATE_LIMIT=10000000 KEEL_RATE_BURST=10000000 start_keel edge
edge_rps="$(measure "$KEEL_URL/api/v1/agents" -H "Authorization: Bearer $KEY")"
stop_keel

KEEL_REDIS_URL="$REDIS_URL" KEEL_API_KEYS="bench:$KEY:read" KEEL_RATE_LIMIT=10000000 KEEL_RATE_BURST=10000000 \
  start_keel edge-redis
redis_rps="$(measure "$KEEL_URL/api/v1/agents" -H "Authorization: Bearer $KEY")"
stop_keel

echo "GET /api/v1/agents, no edge middleware:          $bare_rps req/s"
echo "GET /api/v1/agents, whole edge (local limits):   $edge_rps req/s"
echo "GET /api/v1/agents, whole edge (Redis limits):   $redis_rps req/s"
awk -v e="$edge_rps" -v b="$bare_rps" -v r="$redis_rps" \
  'BEGIN { printf "ratio local: %.2f (goal >= 0.70)   ratio redis: %.2f\n", e / b, r / b }'
